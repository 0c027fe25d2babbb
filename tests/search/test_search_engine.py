"""The engine on the full data: code spellings, ranking rules, languages, typos, hostile text.

Expected codes come from the official titles (e.g. G43 is "Migraine", M10 "Gout", J45 "Asthma").
"""

from __future__ import annotations

import pytest

from nosology.errors import InvalidQuery
from nosology.library import Library
from nosology.search.engine import SearchEngine


@pytest.fixture(scope="module")
def engine(library: Library) -> SearchEngine:
    return library.search


def codes(engine: SearchEngine, query: str, lang: str | None = None, limit: int = 10) -> list[str]:
    return [h.code for h in engine.search(query, lang=lang, limit=limit).results]


@pytest.mark.parametrize("spelling", ["M61.211", "m61211", "M61 211", " m61.211 ", "M61-211"])
def test_code_spellings(engine: SearchEngine, spelling: str) -> None:
    hit = engine.search(spelling).results[0]
    assert (hit.code, hit.matched) == ("M61.211", "code")


def test_seventh_character_spellings(engine: SearchEngine) -> None:
    assert codes(engine, "s72 001a")[0] == "S72.001A"
    assert codes(engine, "t8489xa")[0] == "T84.89XA"


def test_code_prefix_lists_children(engine: SearchEngine) -> None:
    results = engine.search("M61.2", limit=20)
    found = [h.code for h in results.results]
    assert found[0] == "M61.2"
    # M61.2 has 10 children (M61.20 ... M61.29), listed in classification order
    assert found[1:4] == ["M61.20", "M61.21", "M61.22"]
    assert all(c.startswith("M61.2") for c in found)
    assert results.total == 11  # M61.2 and its 10 children


def test_partial_code_prefix(engine: SearchEngine) -> None:
    found = codes(engine, "M6")
    assert found and all(c.startswith("M6") for c in found)
    assert found[0] in {"M60", "M61", "M62", "M63", "M65", "M66", "M67"}  # categories before codes


def test_exact_title_first(engine: SearchEngine) -> None:
    # the Alphabetic Index's code for the bare name first, then the category with that exact title
    assert codes(engine, "migraine")[:2] == ["G43.909", "G43"]
    assert codes(engine, "gout")[0] == "M10"
    assert codes(engine, "Calcification and ossification of muscles associated with burns")[0] == "M61.3"


def test_word_order_and_stop_words_are_free(engine: SearchEngine) -> None:
    assert codes(engine, "bronchitis acute")[0] == "J20"
    assert codes(engine, "ossification muscle other left lower leg")[0] == "M61.562"


def test_condition_without_detail_ranks_category_or_unspecified_first(engine: SearchEngine) -> None:
    # "Pneumonia, unspecified organism" (J18 / J18.9) before a specific pneumonia
    assert codes(engine, "pneumonia")[0] in {"J18", "J18.9"}
    first = engine.search("asthma").results[0]
    assert first.code == "J45.909"  # the Index: Asthma, asthmatic (bronchial) J45.909


def test_billable_marked(engine: SearchEngine) -> None:
    hits = {h.code: h for h in engine.search("gout", limit=20).results}
    assert hits["M10"].billable is False and hits["M10.9"].billable is True


def test_inclusion_terms_are_searched(engine: SearchEngine) -> None:
    hit = engine.search("cholera eltor").results[0]
    assert (hit.code, hit.matched, hit.matched_text) == ("A00.1", "inclusion_term", "Cholera eltor")


def test_french_titles_with_and_without_accents(engine: SearchEngine) -> None:
    for query in ("sclérose en plaques", "sclerose en plaques", "SCLEROSE EN PLAQUES"):
        hit = engine.search(query).results[0]
        assert hit.code == "G35"
    assert engine.search("myosite ossifiante progressive").results[0].code == "M61.1"
    assert engine.search("myosite ossifiante progressive").results[0].matched == "french_title"


def test_french_stemming(engine: SearchEngine) -> None:
    assert any(c.startswith(("N20", "N13.2")) for c in codes(engine, "calculs rénaux")[:3])
    assert codes(engine, "diabete type 2")[0].startswith("E11")


def test_typos_are_tolerated_and_suggested(engine: SearchEngine) -> None:
    results = engine.search("pnuemonia")
    assert results.results[0].code in {"J18", "J18.9"}
    assert results.did_you_mean == ["pneumonia"]
    assert codes(engine, "astma")[0].startswith("J45")
    assert codes(engine, "schizophrenai")[0].startswith("F20")


def test_typo_tolerance_does_not_drown_exact_matches(engine: SearchEngine) -> None:
    # "arteritis" is a word of its own: it must not be "corrected" to arthritis
    found = codes(engine, "arteritis")
    assert engine.search("arteritis").did_you_mean == []
    assert found and all(not c.startswith("M19") for c in found[:3])


def test_lexicon_terms_are_found(engine: SearchEngine, library: Library) -> None:
    row = library.store.query("SELECT term, code FROM search_term WHERE kind = 'lay' AND lang = 'en' ORDER BY id LIMIT 1")
    if not row:
        pytest.skip("no lexicon entries in this build")
    hits = engine.search(row[0]["term"]).results
    assert any(h.code == row[0]["code"] and h.matched == "synonym" for h in hits[:5])


def test_matched_says_which_term(engine: SearchEngine) -> None:
    hit = engine.search("Myositis ossificans progressiva, right shoulder").results[0]
    assert (hit.code, hit.matched, hit.matched_text) == ("M61.111", "title", "Myositis ossificans progressiva, right shoulder")


@pytest.mark.parametrize("query", ["", "   ", "\x00\x01", "\t\n"])
def test_empty_query_is_invalid(engine: SearchEngine, query: str) -> None:
    with pytest.raises(InvalidQuery, match="empty"):
        engine.search(query)
    with pytest.raises(InvalidQuery):
        engine.suggest(query)


@pytest.mark.parametrize("query", [
    '"gout', "gout)", "(gout", "gout AND", "OR", "NEAR(gout arthritis, 2)", "*", "gout*", "-gout", "^gout",
    "{stems}: gout", "stems : gout", "a" * 10_000, "gout\x00arthritis", "'; DROP TABLE item; --", "M61.2%", "_", "..",
    "🦴 bone", "ossification " * 500,
])
def test_hostile_text_is_just_text(engine: SearchEngine, query: str) -> None:
    results = engine.search(query)
    assert len(results.query) <= 500
    engine.suggest(query)


def test_operators_are_words(engine: SearchEngine) -> None:
    assert codes(engine, "gout AND")[0] == "M10"
    assert codes(engine, "NEAR(gout")[0] == "M10"


def test_paging(engine: SearchEngine) -> None:
    first = codes(engine, "fracture femur", limit=10)
    second = [h.code for h in engine.search("fracture femur", limit=10, offset=10).results]
    assert len(first) == len(second) == 10
    assert not set(first) & set(second)
    assert engine.search("fracture femur").total >= 20


def test_suggest_prefix(engine: SearchEngine) -> None:
    hits = engine.suggest("migrai")
    assert hits and hits[0].code.startswith("G43")
    assert len(engine.suggest("a")) <= 10
    assert engine.suggest("M61.2")[0].code == "M61.2"
    assert any(h.code.startswith("M61") for h in engine.suggest("ossification of mus"))


def test_suggest_completes_the_word_being_typed_with_another_word(engine: SearchEngine) -> None:
    # "bad ba": "bad" itself starts with "ba", which offered "bad breath", "bad dreams", "bad nerves"
    hits = engine.suggest("bad ba")
    assert hits and hits[0].code == "M54.50"
    assert not {"R19.6", "F51.5", "F41.9"} & {h.code for h in hits}
    assert engine.suggest("fracture fe")[0].code.startswith("S72")


def test_code_among_words_comes_first(engine: SearchEngine) -> None:
    hits = engine.search("code M61.28").results
    assert (hits[0].code, hits[0].matched) == ("M61.28", "code")
    assert engine.search("E11 diabetes").results[0].code == "E11"
    assert engine.search("vitamin B12 deficiency").results[0].code != "B12"  # B12 is not a code: just a word


def test_did_you_mean_shows_the_spelling_even_when_the_stem_matched(engine: SearchEngine) -> None:
    results = engine.search("heterotopik osification")
    assert results.did_you_mean == ["heterotopic ossification"]
    assert results.results[0].code.startswith("M61")
    assert engine.search("migrane").results[0].code.startswith("G43")  # a rare word one letter from a common one


@pytest.mark.parametrize(("query", "first", "not_top3"), [
    ("vitamin a deficiency", "E50", "E55"),
    ("hep a", "B15.9", None),
])
def test_a_letter_after_a_carrier_word_is_meaningful(engine: SearchEngine, query: str, first: str, not_top3: str | None) -> None:
    found = [h.code for h in engine.search(query, limit=3).results]
    assert found[0] == first
    if not_top3:
        assert not any(code.startswith(not_top3) for code in found)
