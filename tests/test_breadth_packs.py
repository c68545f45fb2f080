"""Behaviour of the encoding, untranslated and duplicate packs beyond their rule examples."""

from __future__ import annotations

from cleanup import engine
from cleanup.document import build
from cleanup.fixes import apply_edits, fix_until_stable
from cleanup.packs import builtin_rules

RULES = builtin_rules()
BY_ID = {r.meta.id: r for r in RULES}


def findings(text, *ids):
    rules = [BY_ID[i] for i in ids] if ids else [r for r in RULES if r.meta.pack in
                                                 ("encoding", "untranslated", "duplicate", "consistency")]
    result = engine.run(build(text), rules)
    assert not result.errors, result.errors
    return list(result.findings)


def test_safe_fixes_repair_a_damaged_feed_and_keep_curly_quotes():
    text = "“We donâ€™t know,” said HÃ©lÃ¨ne of Film &amp; Media,\x0bthe festival’s head."
    fixed = fix_until_stable(text, lambda t: findings(t, "ENC001", "ENC002", "ENC003")).text
    assert fixed == "“We don’t know,” said Hélène of Film & Media, the festival’s head."


def test_mojibake_fix_names_the_wrong_decoding():
    [found] = findings("The museumâ€™s doors opened.", "ENC001")
    assert "Windows-1252" in found.fix.title and "museum’s" in found.message


def test_accented_clean_copy_is_left_alone():
    text = "Zürich’s café, Łukasz Wróbel’s résumé, São Paulo, Erdoğan, Kahramanmaraş — “naïve” façades."
    assert findings(text, "ENC001", "ENC002", "ENC003", "ENC004") == []


def test_repeated_paragraph_is_deleted_with_its_blank_line():
    text = ("The council approved the budget on Monday after a long debate.\n\n"
            "Opposition members voted against it.\n\n"
            "The council approved the budget on Monday after a long debate.\n")
    [found] = findings(text, "DUP001")
    assert apply_edits(text, found.fix.edits) == text[:text.rindex("\n\nThe council")] + "\n"


def test_verbatim_and_near_repeats_are_reported_once_each():
    text = ("Rescuers evacuated 400 residents from three flooded villages near the river on Sunday. "
            "Rescuers evacuated 400 residents from three flooded villages near the river on Sunday. "
            "By Sunday evening, rescuers had evacuated 400 residents from the three flooded villages.")
    assert sorted(f.rule for f in findings(text, "DUP001", "DUP002")) == ["DUP001", "DUP002"]


def test_repeats_do_not_depend_on_the_documents_checked_before():
    # The search keeps nothing from one document to the next: a document checked in
    # between must not change what is found.
    text = ("The river burst its banks near three villages on Sunday, officials said. "
            "Soldiers built barriers of sandbags overnight.\n\n"
            "The river burst its banks near three villages on Sunday.\n\n"
            "Officials said soldiers built sandbag barriers overnight near the villages.")
    other = "Sandbags, barriers and soldiers: villages overnight near a river that burst its banks."
    warm = [(f.rule, f.span) for f in findings(text, "DUP001", "DUP002")]
    assert [rule for rule, _ in warm] == ["DUP002"]
    findings(other, "DUP001", "DUP002")
    assert [(f.rule, f.span) for f in findings(text, "DUP001", "DUP002")] == warm


def test_sentences_in_a_paragraph_with_a_dotted_capital_are_compared_as_others():
    # The dotted capital lowers to two characters: the words after it must still be read as the others.
    text = ("Officials in İzmir and İstanbul spoke. The port reopened for container ships on Tuesday "
            "after the storm.\n\nThe port reopened for container ships on Tuesday after the storm.")
    assert [f.rule for f in findings(text, "DUP001")] == ["DUP001"]


def test_foreign_phrase_names_its_language_and_spares_names():
    [found] = findings("Prices fell, según fuentes oficiales del ministerio, in October.", "UNT002")
    assert found.message.startswith("Spanish")
    assert findings("Ursula von der Leyen met José María de la Fuente and Charles de Gaulle’s heirs.",
                    "UNT002", "UNT003", "UNT004") == []


def test_name_in_another_script_is_untranslated_even_alone():
    [found] = findings("The minister met Владимир in the capital.", "UNT001")
    assert found.message.startswith(("Russian", "Ukrainian", "Bulgarian", "Serbian", "Cyrillic"))

