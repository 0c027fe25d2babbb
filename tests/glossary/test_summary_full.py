"""Plain summaries on the full data: real codes whose summaries once read badly, and properties
checked over a seeded sample of billable codes (the same 1,500 on every run)."""

from __future__ import annotations

import random
import re

from nosology.library import Library


def _text(library: Library, code: str, lang: str) -> str:
    return library.summaries.compose(library.classification.record(code), lang).text


def test_a_name_before_a_condition_keeps_its_capital(library: Library) -> None:
    assert "(Salter-Harris Type II physeal fracture)" in _text(library, "S49.021A", "en")


def test_the_head_condition_is_explained_before_the_place(library: Library) -> None:
    text = _text(library, "I72.6", "en")  # Aneurysm of vertebral artery
    assert text.index("aneurysm means") < text.index("vertebral means")


def test_french_conventions_are_said_once(library: Library) -> None:
    assert _text(library, "M71.542", "fr").count("aucun code plus précis") == 1


def test_sampled_summaries_are_sentences_that_explain_only_rare_words(library: Library) -> None:
    codes = [r["code"] for r in library.store.query("SELECT code FROM item WHERE billable = 1 ORDER BY seq")]
    for code in random.Random(5).sample(codes, 1500):
        record = library.classification.record(code)
        for lang in library.languages.codes:
            text = library.summaries.compose(record, lang).text
            assert text.endswith(".") and not re.search(r"\s[,;.]|[,;]{2}|\s{2}", text.replace("\u00a0;", ";").replace("\u00a0:", ":")), (code, text)
            template = library.summaries.pieces(lang).phrases["explain"]
            joiner = template.split("{term}", 1)[1].split("{definition}", 1)[0]
            for clause in text.split(library.summaries.pieces(lang).phrases["separator"])[1:]:
                term = clause.split(joiner, 1)[0] if joiner in clause else None
                if term is not None and term in library.glossary.entries(lang):
                    assert not library.summaries.everyday(term, lang), (code, term)


def test_french_says_no_place_the_code_does_not_have(library: Library) -> None:
    assert "au coude" not in _text(library, "Z89.221", "fr")  # upper limb above elbow
    assert "au pied" not in _text(library, "V01.10XD", "fr")  # pedestrian on foot


def test_a_status_title_and_a_latin_name(library: Library) -> None:
    assert "“status” here means" in _text(library, "Z94.4", "en")
    assert _text(library, "L53.2", "en").startswith("Erythema marginatum")
