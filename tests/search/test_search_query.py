"""Query parsing on a hand-made vocabulary: stop words, stems by language, corrections."""

from __future__ import annotations

from nosology.languages import default_languages
from nosology.search.query import CORRECTED_WEIGHT, parse_query
from nosology.search.stemming import Stemmers
from nosology.search.typos import Vocabulary

LANGUAGES = default_languages()
STEMMERS = Stemmers(LANGUAGES)


def vocabulary() -> Vocabulary:
    words = {"ossification": 40, "muscle": 300, "musculaire": 20, "vitamin": 30, "deficiency": 500, "a": 60}
    stems = {STEMMERS.stem(w, lang): n for w, n in words.items() for lang in ("en", "fr")}
    langs = {"ossification": frozenset({"en", "fr"}), "muscle": frozenset({"en", "fr"}), "musculaire": frozenset({"fr"}),
             "vitamin": frozenset({"en"}), "deficiency": frozenset({"en"}), "a": frozenset({"en"})}
    return Vocabulary(words, stems, langs)


def test_stop_words_go_and_carrier_letters_stay() -> None:
    parsed = parse_query("the ossification of a muscle", None, STEMMERS, vocabulary())
    assert [t.word for t in parsed.tokens] == ["ossification", "muscle"]
    parsed = parse_query("vitamin a deficiency", None, STEMMERS, vocabulary())
    assert [t.word for t in parsed.tokens] == ["vitamin", "a", "deficiency"]


def test_a_word_is_stemmed_in_the_languages_that_have_it() -> None:
    parsed = parse_query("deficiency", None, STEMMERS, vocabulary())
    assert parsed.tokens[0].stems == {STEMMERS.stem("deficiency", "en")}
    parsed = parse_query("ossification", None, STEMMERS, vocabulary())
    assert parsed.tokens[0].stems == {STEMMERS.stem("ossification", "en"), STEMMERS.stem("ossification", "fr")}


def test_unknown_words_are_corrected_with_less_weight() -> None:
    parsed = parse_query("ossificaiton", None, STEMMERS, vocabulary())
    token = parsed.tokens[0]
    assert token.corrected == ("ossification",) and token.weight == CORRECTED_WEIGHT
    assert parsed.corrected_text() == "ossification"


def test_language_is_asked_guessed_or_the_default() -> None:
    assert parse_query("ossification musculaire", "fr", STEMMERS, vocabulary()).lang == "fr"
    assert parse_query("ossification des muscles", None, STEMMERS, vocabulary()).translated
    english = parse_query("muscle ossification", None, STEMMERS, vocabulary())
    assert english.lang == "en" and not english.translated
