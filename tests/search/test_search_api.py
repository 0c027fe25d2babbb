"""The HTTP layer: /api/search and /api/suggest shapes, bounds and hostile input (never a 500)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nosology.library import Library

RESULT_KEYS = {"code", "title", "titles", "title_fr", "kind", "billable", "score", "matched", "matched_text"}
MATCHED = {"code", "title", "inclusion_term", "french_title", "synonym", "article", "index"}


def test_search_shape(client: TestClient) -> None:
    response = client.get("/api/search", params={"q": "gout", "limit": 5})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"query", "total", "offset", "did_you_mean", "results"}
    assert body["query"] == "gout" and body["offset"] == 0 and body["total"] >= 5
    assert len(body["results"]) == 5
    for hit in body["results"]:
        assert set(hit) == RESULT_KEYS and hit["matched"] in MATCHED
    assert body["results"][0]["code"] == "M10"


def test_search_lang_and_empty_lang(client: TestClient) -> None:
    assert client.get("/api/search", params={"q": "goutte", "lang": "fr"}).json()["results"][0]["code"] == "M10"
    assert client.get("/api/search?q=goutte&lang=").status_code == 200
    response = client.get("/api/search", params={"q": "gout", "lang": "de"})
    assert response.status_code == 422 and "lang must be one of en, fr" in response.json()["detail"]


@pytest.mark.parametrize("params", [{"q": "gout", "limit": 0}, {"q": "gout", "limit": 51}, {"q": "gout", "limit": "x"},
                                    {"q": "gout", "offset": -1}])
def test_bounds_are_422(client: TestClient, params: dict[str, object]) -> None:
    response = client.get("/api/search", params=params)
    assert response.status_code == 422
    assert response.json()["detail"]


@pytest.mark.parametrize("path", ["/api/search", "/api/suggest"])
@pytest.mark.parametrize("q", [None, "", "   ", "%00"])
def test_empty_query_is_422_with_message(client: TestClient, path: str, q: str | None) -> None:
    url = path if q is None else f"{path}?q={q}"
    response = client.get(url)
    assert response.status_code == 422
    assert "q" in response.json()["detail"] or "empty" in response.json()["detail"]


@pytest.mark.parametrize("q", ['"', "'", "(", ")", "AND", "OR", "NOT", "NEAR(", "NEAR(a b, 3)", "*", "a*", "^", "-", ":",
                               "stems:x", "x" * 10_000, "gout\x01\x02\x7f", "é" * 3000, "<script>alert(1)</script>", "%", "\\"])
def test_hostile_queries_return_200(client: TestClient, q: str) -> None:
    for path in ("/api/search", "/api/suggest"):
        response = client.get(path, params={"q": q})
        assert response.status_code == 200, (path, q, response.text[:200])
        assert isinstance(response.json()["results"], list)


def test_suggest_shape(client: TestClient) -> None:
    body = client.get("/api/suggest", params={"q": "ossification"}).json()
    assert body["query"] == "ossification"
    assert 0 < len(body["results"]) <= 10
    assert set(body["results"][0]) == {"code", "title", "titles", "title_fr", "kind", "billable", "matched"}


def test_openapi_describes_search(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert "/api/search" in schema["paths"] and "/api/suggest" in schema["paths"]
    assert "SearchResponse" in schema["components"]["schemas"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text(min_size=0, max_size=200))
def test_any_string_gives_a_valid_response(client: TestClient, q: str) -> None:
    response = client.get("/api/search", params={"q": q})
    if q.strip(" \t\n\r\x0b\x0c") == "" or not any(ch.isprintable() and not ch.isspace() for ch in q):
        assert response.status_code in (200, 422)
    else:
        assert response.status_code == 200
    if response.status_code == 200:
        body = response.json()
        assert all(set(h) == RESULT_KEYS for h in body["results"])
    else:
        assert response.json()["detail"]


def test_suggest_cache_keys_on_what_the_engine_reads(client: TestClient, library: Library) -> None:
    """A trailing space means "the last word is complete": the two answers are computed apart,
    whichever is asked first."""
    for q in ("pain ab", "pain ab ", "pain ab"):
        expected = [h.code for h in library.search.suggest(q, limit=10)]
        assert [r["code"] for r in client.get("/api/suggest", params={"q": q}).json()["results"]] == expected
