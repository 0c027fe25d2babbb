"""Autocomplete parts on hand-made terms: splitting what is typed, ordering completions."""

from __future__ import annotations

from nosology.search.completion import completes, prefix_words, rank_completions
from nosology.search.docs import Doc


def doc(stems: str, *, lang: str = "en", code_len: int = 3) -> Doc:
    words = tuple(stems.split())
    return Doc(1, "title", lang, words, words, 1, code_len, "category")


def test_prefix_words_split_complete_words_from_the_prefix() -> None:
    assert prefix_words("pain ab") == (["pain"], "ab")
    assert prefix_words("pain ab ") == (["pain", "ab"], "")
    assert prefix_words("   ") == ([], "")


def test_a_stem_completes_a_prefix_either_way() -> None:
    assert completes("plaqu", "pl") and completes("ossif", "ossifica") and not completes("oss", "ossifica")


def test_commoner_shorter_terms_in_the_typed_language_first() -> None:
    common, rare = doc("pneumonia"), doc("pneumopyopericardium")
    assert rank_completions([rare, common], "pneu", {"pneumonia": 500, "pneumopyopericardium": 1}, "en") == [common, rare]
    english, french = doc("pneumonia"), doc("pneumonia", lang="fr")
    assert rank_completions([english, french], "pneu", {}, "fr")[0] is french
