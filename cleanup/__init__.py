"""cleanup: checks machine-translated English news copy."""
