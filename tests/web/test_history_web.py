"""Code history, MS-DRG severity and coding flags through the JSON API, the pages and FHIR."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.fulldata

CM = "http://hl7.org/fhir/sid/icd-10-cm"


def test_api_deleted_code_is_not_404(client: TestClient) -> None:
    r = client.get("/api/codes/S30.1XXA")
    assert r.status_code == 200
    body = r.json()
    assert (body["valid"], body["reason"], body["since"]) == (False, "deleted", 2026)
    assert body["history"]["valid_years"] == list(range(2019, 2026))
    assert [c["code"] for c in body["replaced_by"]] == ["S30.11XA", "S30.12XA", "S30.13XA"]
    assert client.get("/api/codes/Z99.99X").status_code == 404  # never a code: today's "did you mean"


def test_api_validate_retired(client: TestClient) -> None:
    body = client.get("/api/validate/S30.1XXA").json()
    assert (body["status"], body["valid"]) == ("retired", False)
    assert "not valid since October 1, 2025 (FY2026)" in body["message"]


def test_api_code_has_history_drg_and_flags(client: TestClient) -> None:
    a419 = client.get("/api/codes/A41.9").json()
    assert a419["drg"]["version"] == "43" and a419["drg"]["severity"] == "mcc" and a419["drg"]["excluded_with"]
    assert a419["history"]["valid_years"] == list(range(2019, 2027))
    assert client.get("/api/codes/E11.9").json()["drg"]["severity"] is None
    g63 = client.get("/api/codes/G63").json()
    assert g63["flags"]["manifestation"] is True
    assert g63["flags"]["sequencing"].startswith("Cannot be listed first")


def test_api_changes(client: TestClient) -> None:
    body = client.get("/api/changes/2026").json()
    assert body["counts"]["added"] == 487 and body["counts"]["deleted"] == 12
    assert sum(row["added"] for row in body["by_chapter"]) == 487
    for bad in ("2018", "1999x", "2019"):
        r = client.get(f"/api/changes/{bad}")
        assert r.status_code == 404
        assert "2026" in r.json()["suggestions"]


def test_code_pages(client: TestClient) -> None:
    page = client.get("/codes/S30.1XXA")
    assert page.status_code == 200
    assert "No longer valid" in page.text and "S30.11XA" in page.text
    assert client.get("/codes/s301xxa", follow_redirects=False).headers["location"] == "/codes/S30.1XXA"
    g63 = client.get("/codes/G63").text
    assert "Cannot be listed first" in g63 and 'href="/codes/E85"' in g63
    a419 = client.get("/codes/A41.9").text
    assert "badge-mcc" in a419 and "Table 6K" in a419 and 'id="history-title"' in a419
    assert "For maternal records only" in client.get("/codes/O80").text
    assert "<del>Cutaneous abscess of back [any part, except buttock]</del>" in client.get("/codes/L02.212").text


def test_changes_pages(client: TestClient) -> None:
    page = client.get("/changes/2026")
    assert page.status_code == 200 and "S30.1XXA" in page.text and "487" in page.text
    assert client.get("/fr/changes/2026").status_code == 200
    assert client.get("/changes", follow_redirects=False).headers["location"] == "/changes/2026"
    missing = client.get("/changes/2018", headers={"accept": "text/html"})
    assert missing.status_code == 404 and 'href="/changes/2026"' in missing.text


def test_search_finds_deleted_code_by_spelling(client: TestClient) -> None:
    results = client.get("/api/search", params={"q": "s30.1xxa"}).json()["results"]
    assert (results[0]["code"], results[0]["valid"]) == ("S30.1XXA", False)
    assert all(r["valid"] for r in results[1:])
    words = client.get("/api/search", params={"q": "contusion of abdominal wall initial encounter"}).json()["results"]
    assert "S30.1XXA" not in [r["code"] for r in words]
    assert "No longer valid" in client.get("/search", params={"q": "S30.1XXA"}).text


def test_search_severity_filter(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "sepsis", "severity": "mcc", "limit": 5}).json()
    assert body["results"] and all(client.get(f"/api/codes/{r['code']}").json()["drg"]["severity"] == "mcc" for r in body["results"])
    assert client.get("/api/search", params={"q": "sepsis", "severity": "major"}).status_code == 422


def test_fhir_lookup_past_version_and_validate_retired(client: TestClient) -> None:
    body = client.get("/fhir/CodeSystem/$lookup", params={"system": CM, "code": "L02.212", "version": "2025"}).json()
    values = {p["name"]: next(v for k, v in p.items() if k.startswith("value")) for p in body["parameter"] if p["name"] != "property"}
    assert values["version"] == "2025"
    assert values["display"] == "Cutaneous abscess of back [any part, except buttock]"
    old = client.get("/fhir/CodeSystem/$lookup", params={"system": CM, "code": "S30.1XXA", "version": "2025"})
    assert old.status_code == 200
    assert client.get("/fhir/CodeSystem/$lookup", params={"system": CM, "code": "S30.11XA", "version": "2025"}).status_code == 404
    check = client.get("/fhir/CodeSystem/$validate-code", params={"url": CM, "code": "S30.1XXA"}).json()["parameter"]
    assert check[0] == {"name": "result", "valueBoolean": False}
    assert "not valid since October 1, 2025 (FY2026)" in check[1]["valueString"]
