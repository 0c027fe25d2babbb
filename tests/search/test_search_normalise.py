"""Normalisation and stemming: what a token is, for the index and for queries alike."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from nosology.search.normalise import clean_query, fold, looks_french, tokens
from nosology.search.stemming import Stemmers


def test_fold_case_accents_ligatures_punctuation() -> None:
    assert fold("Hypothyroïdie") == "hypothyroidie"
    assert fold("ŒDÈME  du cœur") == "oedeme du coeur"
    assert fold("M61.28 (right), hip;") == "m61 28 right hip"
    assert fold("Sjögren’s") == "sjogren s"


def test_tokens_drop_stop_words_in_both_languages() -> None:
    assert tokens("calcification and ossification of muscles associated with burns") == [
        "calcification", "ossification", "muscles", "associated", "burns"]
    assert tokens("Hypertrophie de la prostate") == ["hypertrophie", "prostate"]
    assert tokens("ossification musculaire liée à des brûlures") == ["ossification", "musculaire", "liee", "brulures"]


def test_meaningful_small_words_stay() -> None:
    assert tokens("diabetes without complication") == ["diabetes", "without", "complication"]
    assert tokens("other appendicitis") == ["other", "appendicitis"]
    assert tokens("fracture sans déplacement") == ["fracture", "sans", "deplacement"]


def test_spelled_numbers_and_roman_types() -> None:
    assert tokens("diabetes type one") == ["diabetes", "type", "1"]
    assert tokens("type II diabetes") == ["type", "2", "diabetes"]
    assert tokens("type I diabetes") == ["type", "1", "diabetes"]
    assert tokens("diabète de type deux") == ["diabete", "type", "2"]
    assert tokens("I have gout") == ["have", "gout"]  # the pronoun is not a number


def test_clean_query_controls_spaces_and_length() -> None:
    assert clean_query("  gout\x00\x07 \t\n arthritis\u200b ", 500) == "gout arthritis"
    assert clean_query("a" * 10_000, 500) == "a" * 500
    assert clean_query("\x00\x01 \t", 500) == ""


def test_looks_french() -> None:
    assert looks_french("sclérose en plaques")
    assert looks_french("calculs des reins")
    assert not looks_french("kidney stones")


def test_stems_meet_across_inflections() -> None:
    stemmers = Stemmers()
    assert stemmers.stem("muscles", "en") == stemmers.stem("muscle", "en")
    assert stemmers.stem("ossification", "en") == stemmers.stem("ossifications", "en")
    assert stemmers.stem("calculs", "fr") == stemmers.stem("calcul", "fr")
    assert stemmers.stem("renaux", "fr") == stemmers.stem("renal", "fr")
    assert stemmers.both("diabete") & stemmers.both("diabetes")


@given(st.text(max_size=300))
def test_fold_output_is_plain_ascii_words(text: str) -> None:
    folded = fold(text)
    assert folded == folded.strip()
    assert all(ch.isascii() and (ch.isalnum() or ch == " ") for ch in folded)
    assert all(t == t.lower() for t in tokens(text))
