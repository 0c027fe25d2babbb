"""Whole answers on the full data: exact totals, every page reachable, the generic-word rule,
concept-family anchoring, honest "no result".

Expected codes come from the data: S52.5 is "Fracture of lower end of radius" (the lexicon's
"broken wrist"), M54.50 "Low back pain, unspecified" ("bad back"), R10.9 "Unspecified abdominal
pain" ("stomach ache"), M25.469 "Effusion, unspecified knee" ("water on the knee").
"""

from __future__ import annotations

import random
import string

import pytest

from nosology.library import Library
from nosology.search.engine import SearchEngine
from nosology.search.family import family
from nosology.search.query import parse_query


@pytest.fixture(scope="module")
def engine(library: Library) -> SearchEngine:
    return library.search


def _all_pages(engine: SearchEngine, query: str, per_page: int = 100) -> tuple[int, list[str]]:
    first = engine.search(query, limit=per_page)
    codes = [h.code for h in first.results]
    offset = per_page
    while offset < first.total:
        page = engine.search(query, limit=per_page, offset=offset)
        assert page.total == first.total  # the same answer on every page
        assert page.results, f"page at offset {offset} of {first.total} is empty"
        codes += [h.code for h in page.results]
        offset += per_page
    return first.total, codes


def _brute_force(engine: SearchEngine, library: Library, query: str) -> set[str]:
    """Codes with a term holding every word of the query (any of each word's stems), found by
    reading every row of search_doc, not through the full-text index."""
    parsed = parse_query(query, None, engine.stemmers, engine.vocabulary)
    groups = [t.any_stems for t in parsed.usable]
    seqs = {seq for seq, stems in library.store.connection().execute("SELECT seq, stems FROM search_doc")
            if all(not g.isdisjoint(stems.split()) for g in groups)}
    return {library.classification.item(s).code for s in seqs}


@pytest.mark.parametrize("query", ["fracture femur", "diabetes", "fracture"])
def test_broad_queries_page_to_the_end(engine: SearchEngine, library: Library, query: str) -> None:
    total, codes = _all_pages(engine, query)
    assert len(codes) == total
    assert len(set(codes)) == len(codes)  # no code twice across pages
    brute = _brute_force(engine, library, query)
    assert brute <= set(codes)  # every code with all the words can be reached
    # what else is listed is the concept family of a lexicon or title term that says the query
    extra = set(codes) - brute
    anchors = {h.code for h in engine.search(query, limit=3).results if h.matched != "family"}
    assert all(any(c[:3] == a[:3] for a in anchors) for c in extra), sorted(extra)[:10]


def test_paging_is_stable(engine: SearchEngine) -> None:
    whole = [h.code for h in engine.search("fracture femur", limit=100).results]
    pieces = [h.code for n in range(10) for h in engine.search("fracture femur", limit=10, offset=10 * n).results]
    assert pieces == whole


def test_total_is_exact_for_narrow_queries(engine: SearchEngine) -> None:
    results = engine.search("myositis ossificans", limit=100)
    assert results.total == len(results.results)


def test_generic_words_never_carry_a_match(engine: SearchEngine) -> None:
    # "bad" alone links bad breath, bad dreams, bad liver...: none of them is about the back
    hits = engine.search("bad back", limit=20).results
    assert hits[0].code == "M54.50"
    assert all(h.code.startswith("M54") or "back" in h.matched_text.lower() for h in hits)
    # "ache" alone: ear ache, neck ache
    hits = engine.search("stomach ache", limit=20).results
    assert hits[0].code == "R10.9"
    assert not any(h.code.startswith(("H65", "H66", "H92", "M54")) for h in hits)


def test_a_query_of_generic_words_only_still_answers(engine: SearchEngine) -> None:
    assert engine.search("pain").results[0].code == "R52"  # the Index's default code for "Pain"


def test_lexicon_term_anchors_its_family(engine: SearchEngine, library: Library) -> None:
    hits = engine.search("broken wrist", limit=10).results
    assert hits[0].code == "S52.5"
    assert all(h.code.startswith("S52.5") or h.code == "S52" for h in hits)
    members = family(library.classification, [library.classification.get("S52.5").seq])
    codes = [library.classification.item(s).code for s in members]
    assert codes[0] == "S52.5"
    assert {"S52.50", "S52.59", "S52"} <= set(codes)  # children and the category
    assert "S52.6" in codes  # a sibling under the same category
    assert "S52.501A" not in codes  # grandchildren are reached through the children


def test_lay_term_with_no_shared_word(engine: SearchEngine) -> None:
    assert engine.search("water on the knee").results[0].code.startswith("M25.46")


@pytest.mark.parametrize("query", ["zorblatt disease", "zorblatt syndrome of the liver", "xyzzy pneumonia"])
def test_unknown_distinctive_word_is_no_result(engine: SearchEngine, query: str) -> None:
    results = engine.search(query)
    assert (results.total, results.results) == (0, [])


def test_gibberish_is_no_result(engine: SearchEngine) -> None:
    rng = random.Random(13)
    text = " ".join("".join(rng.choices(string.ascii_lowercase, k=rng.randint(3, 9))) for _ in range(1500))[:10_000]
    results = engine.search(text)
    assert (results.total, results.results) == (0, [])
    assert all(len(s) < 100 for s in results.did_you_mean)  # no "did you mean" of the gibberish itself


def test_no_result_suggests_the_known_words(engine: SearchEngine) -> None:
    assert "syndrome liver" in engine.search("zorblatt syndrome of the liver").did_you_mean


def test_french_query_shows_the_french_term(engine: SearchEngine) -> None:
    hit = engine.search("anorexie", lang="fr").results[0]
    assert (hit.code, hit.matched, hit.matched_text) == ("R63.0", "french_title", "Anorexie")


def test_ranked_seqs_is_the_whole_answer(engine: SearchEngine, library: Library) -> None:
    seqs = engine.ranked_seqs("fracture femur")
    results = engine.search("fracture femur", limit=5)
    assert len(seqs) == results.total
    assert [library.classification.item(s).code for s in seqs[:5]] == [h.code for h in results.results]
