"""The ranking rules on hand-made terms: each rule a coder would agree with, one test each."""

from __future__ import annotations

from nosology.languages import default_languages
from nosology.search.docs import Doc
from nosology.search.query import parse_query
from nosology.search.ranking import Ranker, RankingWords
from nosology.search.stemming import Stemmers
from nosology.search.typos import Vocabulary

LANGUAGES = default_languages()
STEMMERS = Stemmers(LANGUAGES)
WORDS = ("pneumonia", "viral", "lobar", "unspecified", "organism", "lung", "infection", "pneumopathie")


def _stems(text: str, lang: str = "en") -> tuple[str, ...]:
    return tuple(STEMMERS.stem(w, lang) for w in text.split())


def doc(text: str, *, kind: str = "title", lang: str = "en", code_len: int = 4, item_kind: str = "code", head: str | None = None) -> Doc:
    stems = _stems(text, lang)
    return Doc(1, kind, lang, stems, _stems(head, lang) if head else stems, 1, code_len, item_kind)


def ranker(query: str, lang: str | None = None) -> Ranker:
    vocabulary = Vocabulary({w: 10 for w in WORDS}, {s: 10 for w in WORDS for s in STEMMERS.across(w)})
    return Ranker(parse_query(query, lang, STEMMERS, vocabulary), RankingWords.make(STEMMERS, LANGUAGES), n_docs=1000)


def test_the_term_that_is_the_query_wins() -> None:
    r = ranker("pneumonia")
    assert r.score(doc("pneumonia"), True) > r.score(doc("viral pneumonia"), True)


def test_qualifiers_after_the_head_cost_little() -> None:
    r = ranker("pneumonia")
    general = doc("pneumonia unspecified organism", head="pneumonia")
    assert r.score(general, True) > r.score(doc("lobar pneumonia"), True)


def test_every_query_word_found_beats_some() -> None:
    r = ranker("lobar pneumonia")
    assert r.score(doc("lobar pneumonia"), True) > r.score(doc("pneumonia"), False)


def test_broader_codes_before_specific_children() -> None:
    r = ranker("pneumonia")
    assert r.score(doc("pneumonia", code_len=3, item_kind="category"), True) > r.score(doc("pneumonia", code_len=5), True)


def test_official_title_before_lay_term_and_the_query_language_first() -> None:
    r = ranker("lung infection")
    assert r.score(doc("lung infection"), True) > r.score(doc("lung infection", kind="lay"), True)
    french = ranker("pneumopathie", "fr")
    assert french.score(doc("pneumopathie", kind="french_title", lang="fr"), True) > french.score(doc("pneumopathie", kind="article"), True)


def test_a_term_without_any_query_word_scores_nothing() -> None:
    assert ranker("pneumonia").score(doc("lung infection"), False) == 0.0
