"""Grammar checking backed by a real LanguageTool server."""
