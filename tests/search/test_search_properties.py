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
