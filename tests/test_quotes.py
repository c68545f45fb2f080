"""The speech-leak check's shortcut: the gaps it passes over unsplit could not leak."""

from hypothesis import given, settings, strategies as st

from cleanup.checks.quotes import _SENTENCE, _TAIL
from cleanup.speech import FIRST_PERSON, PRESENT_OR_MODAL

WORDS = ["we", "I", "is", "our", "said", "he", "x", ".", "!", "?", "...", " ", "\n", "\t", "”", "’", "\"", ",",
         "\x1c", "\u2028", "\u00a0", "É"]


@settings(max_examples=1500)
@given(st.lists(st.sampled_from(WORDS), max_size=14).map("".join))
def test_a_gap_whose_marks_all_stand_in_its_tail_has_no_second_sentence_with_words(gap):
    head = gap.rstrip(_TAIL)
    if "." in head or "!" in head or "?" in head:
        return
    sentences = list(_SENTENCE.finditer(gap))
    if len(sentences) >= 2:
        second = sentences[1].group()
        assert not FIRST_PERSON.search(second) and not PRESENT_OR_MODAL.search(second)
