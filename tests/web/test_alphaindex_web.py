"""The Index pages and JSON API over the full data: browse, look up, filter, 404 with the nearest
terms, French pages with the Index marked English, and long terms served quickly."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.fulldata


def test_index_pages_answer(client: TestClient) -> None:
    for url in ("/index", "/index/A", "/fr/index/B", "/index/terms/impetigo", "/index/neoplasms", "/index/neoplasms?site=liver",
                "/index/drugs?substance=warfarin", "/index/drugs?page=3", "/index/external-causes?letter=B"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "FY2025" in response.text and "FY2026" in response.text, url  # the editions are said on every page


def test_term_page_tree_links_and_see_references(client: TestClient) -> None:
    page = client.get("/index/terms/pain").text
    assert 'href="/codes/R10.9"' in page
    abdominalgia = client.get("/index/terms/abdominalgia").text
    assert "Pain, abdominal" in abdominalgia and 'href="/index/terms/pain#t' in abdominalgia


def test_subterm_of_a_short_term_is_an_anchor(client: TestClient) -> None:
    term_id = client.get("/api/index", params={"term": "Abdomen, abdominal, acute"}).json()["results"][0]["id"]
    response = client.get(f"/index/terms/{term_id}", follow_redirects=False)
    assert response.status_code == 301 and response.headers["location"] == f"/index/terms/abdomen-abdominal#t{term_id}"


def test_subterm_of_a_long_term_has_its_own_page(client: TestClient) -> None:
    term_id = client.get("/api/index", params={"term": "Fracture, traumatic, femur"}).json()["results"][0]["id"]
    page = client.get(f"/index/terms/{term_id}").text
    assert 'href="/codes/S72.9"' in page or "S72.9-" in page
    assert 'aria-label="Breadcrumb"' in page and ">Fracture, traumatic</a>" in page


def test_long_terms_are_collapsed_and_fast(client: TestClient) -> None:
    client.get("/index/terms/fracture-traumatic")  # warm the connection and templates
    for slug in ("fracture-traumatic", "diabetes-diabetic", "pregnancy", "accident-external"):
        started = time.perf_counter()
        response = client.get(f"/index/terms/{slug}", headers={"If-None-Match": "x"})
        elapsed = time.perf_counter() - started
        assert response.status_code == 200
        assert "subterms: open a subterm" in response.text and 'class="more-subterms"' in response.text
        assert len(response.content) < 200_000, slug
        assert elapsed < 0.5, (slug, elapsed)  # under 50 ms on a quiet machine; the bound allows for a loaded CI host


def test_french_pages_mark_the_index_english(client: TestClient) -> None:
    page = client.get("/fr/index/terms/impetigo").text
    assert '<html lang="fr"' in page and "Index alphabétique" in page
    assert '<div class="index-tree" lang="en">' in page


def test_unknown_term_is_404_with_nearest(client: TestClient) -> None:
    response = client.get("/index/terms/impetigoo")
    assert response.status_code == 404 and 'href="/index/terms/impetigo"' in response.text
    api = client.get("/api/index/terms/impetigoo")
    assert api.status_code == 404 and "impetigo" in api.json()["suggestions"]
    assert client.get("/api/index", params={"term": "zzzzqqq"}).status_code == 404
    assert client.get("/index/QQ").status_code == 404


def test_json_api(client: TestClient) -> None:
    found = client.get("/api/index", params={"term": "Impetigo"}).json()
    assert found["results"][0]["codes"][0]["code"] == "L01.00"
    term = client.get("/api/index/terms/myositis").json()
    assert term["title"] == "Myositis" and term["subterms"]
    liver = client.get("/api/neoplasms", params={"site": "liver"}).json()
    assert liver["rows"][0]["cells"]["malignant_secondary"]["code"] == "C78.7" and liver["headings"]["3"] == "Malignant Secondary"
    warfarin = client.get("/api/drugs", params={"substance": "warfarin"}).json()
    assert warfarin["rows"][0]["cells"]["adverse_effect"]["initial_encounter"] == "T45.515A"
    entries = client.get("/api/index/codes/M61.20").json()["entries"]
    assert any(e["trail"].startswith("Myositis › ossificans") for e in entries)
    assert client.get("/api/neoplasms", params={"limit": 0}).status_code == 422


def test_code_page_lists_index_entries(client: TestClient) -> None:
    page = client.get("/codes/C78.7").text
    assert "Index entries that lead here" in page and "In the Table of Neoplasms:" in page and '<span lang="en">liver</span>, malignant secondary' in page
    french = client.get("/fr/codes/M61.20").text
    assert "Entrées de l" in french and "qui mènent ici" in french


def test_fhir_lookup_has_index_paths_as_synonyms(client: TestClient) -> None:
    body = client.get("/fhir/CodeSystem/$lookup", params={"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "M61.20"}).json()
    synonyms = [
        {p["name"]: p for p in d["part"]} for d in body["parameter"] if d["name"] == "designation"
    ]
    found = [s["value"]["valueString"] for s in synonyms if s.get("use", {}).get("valueCoding", {}).get("code") == "900000000000013009"]
    assert "Myositis, ossificans or ossifying, in, quadriplegia or paraplegia" in found
    assert all(s["language"]["valueCode"] == "en" for s in synonyms if "use" in s and s["use"]["valueCoding"]["code"] == "900000000000013009")
