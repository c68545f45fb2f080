"""How news copy attributes speech: the verbs and phrases that name a speaker.

Shared by the attribution checks and the speech-leak check so that both agree on
what counts as an attribution.
"""

import regex

from ._native import WordSet

SPEECH_VERBS = (
    "said", "says", "say", "told", "tells", "added", "adds", "stated", "states", "noted", "notes",
    "asked", "asks", "explained", "explains", "insisted", "insists", "warned", "warns", "declared",
    "argued", "argues", "replied", "continued", "wrote", "writes", "tweeted", "posted", "announced",
    "announces", "claimed", "claims", "stressed", "stresses", "recalled", "remarked", "commented",
    "urged", "pledged", "promised", "vowed", "admitted", "acknowledged", "conceded", "concluded",
    "cautioned", "emphasized", "emphasised", "underlined", "reiterated", "predicted", "suggested",
    "complained", "quipped", "shouted", "whispered", "testified", "responded", "confirmed", "denied",
    "described", "called", "according",
)

# Whether a text names one, whole and in any case: `SPEECH.found_in(text)` answers what a
# search of `(?i)\b(?:said|says|…)\b` would, in one native pass (see `WordSet`).
SPEECH = WordSet(SPEECH_VERBS)

FIRST_PERSON = regex.compile(r"\b(?:I|we|We|our|Our|us|my|My|me|I'm|I’m|we're|we’re)\b")

# A quotation attributed as the continuation of one already attributed: “…,” he added.
CONTINUED = regex.compile(r"\s*(?:he|she|they) (?:added|continued|went on)\b|\s*(?:added|continued) (?:he|she|they)\b")

# Speech tends to be in the present or modal; narration between quotations is in the past.
PRESENT_OR_MODAL = regex.compile(
    r"\b(?:is|are|am|has|have|will|would|should|must|can|cannot|can’t|can't|won’t|won't|do|does|"
    r"don’t|don't|doesn’t|doesn't|need|needs)\b")

# The end of a paragraph's first sentence, where a trailing attribution would sit.
FIRST_SENTENCE_END = regex.compile(r"[.!?][”’\"]?(?=\s|$)")
DASH_LED = regex.compile(r"[-—–]{1,2} ?")
