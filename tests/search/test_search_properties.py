"""Property tests on the engine itself: any string gives results or a clean InvalidQuery."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from nosology.errors import InvalidQuery
from nosology.library import Library
from nosology.search.normalise import clean_query

WORDS = st.sampled_from(["gout", "AND", "OR", "NEAR(", '"', "*", "(", ")", "m61.2", "ossification", "é", "de", "la", "x" * 40, "\x00"])


@settings(max_examples=150, deadline=None)
@given(text=st.one_of(st.text(max_size=120), st.lists(WORDS, max_size=12).map(" ".join)))
def test_any_string(library: Library, text: str) -> None:
    engine = library.search
    if not clean_query(text, 500):
        try:
            engine.search(text)
        except InvalidQuery:
            return
        raise AssertionError("blank query accepted")
    results = engine.search(text, limit=5)
    assert results.total >= len(results.results)
    assert len(results.results) <= 5
    assert len({h.code for h in results.results}) == len(results.results)  # one hit per code
    assert len(engine.suggest(text)) <= 10


@settings(max_examples=60, deadline=None)
@given(text=st.one_of(st.text(max_size=60), st.lists(WORDS, max_size=8).map(" ".join)), offset=st.integers(0, 40), limit=st.integers(1, 20))
def test_pages_are_distinct_and_within_total(library: Library, text: str, offset: int, limit: int) -> None:
    """Any page of any query: its codes are distinct, and ``total`` counts at least what it shows."""
    if not clean_query(text, 500):
        return
    page = library.search.search(text, limit=limit, offset=offset)
    codes = [h.code for h in page.results]
    assert len(set(codes)) == len(codes)
    assert page.total >= len(codes)
    if codes:
        assert page.total >= offset + len(codes)
