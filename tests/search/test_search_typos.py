"""Typo tolerance on a small hand-made vocabulary."""

from __future__ import annotations

from nosology.search.typos import Vocabulary, max_distance

WORDS = {"pneumonia": 300, "asthma": 40, "arthritis": 500, "arteritis": 20, "ossification": 90, "schizophrenia": 30, "gout": 60}


def vocab() -> Vocabulary:
    return Vocabulary(WORDS, {})


def test_distance_grows_with_length() -> None:
    assert max_distance("ms") == 0 and max_distance("tia") == 0  # abbreviations are never corrected
    assert max_distance("astma") == 1
    assert max_distance("ossificaiton") == 2
    assert max_distance("1234") == 0


def test_transposition_counts_once() -> None:
    assert vocab().corrections("pnuemonia")[0].word == "pneumonia"
    assert vocab().corrections("schizophrenai")[0].word == "schizophrenia"
    assert vocab().corrections("ossificaiton")[0].word == "ossification"


def test_insertion_and_deletion() -> None:
    assert vocab().corrections("astma")[0].word == "asthma"
    assert vocab().corrections("artritis")[0].word == "arthritis"


def test_frequent_word_wins_a_tie() -> None:
    fixes = Vocabulary({"gout": 60, "goat": 2}, {}).corrections("gost")
    assert [f.word for f in fixes] == ["gout", "goat"]


def test_nothing_close_means_no_correction() -> None:
    assert vocab().corrections("xylophone") == []
    assert vocab().corrections("gut") == []  # too short to correct


def test_known_words_and_stems() -> None:
    v = Vocabulary({"gout": 1}, {"muscl": 3})
    assert v.knows("gout", frozenset())
    assert v.knows("muscles", frozenset({"muscl"}))
    assert not v.knows("xyz", frozenset({"xyz"}))
