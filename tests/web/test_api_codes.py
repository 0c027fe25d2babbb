"""JSON API for codes."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_code_record(client: TestClient) -> None:
    data = client.get("/api/codes/M61.28").json()
    assert data["item"]["billable"] is True
    assert [a["code"] for a in data["ancestors"]] == ["13", "M60-M79", "M60-M63", "M61", "M61.2"]
    assert data["french"]["level"] == "exact"
    assert any(p["chars"] == "8" and p["meaning"] == "other site" for p in data["decoding"])


def test_any_spelling(client: TestClient) -> None:
    for spelling in ("m6128", "M61%2028", "M61-28"):
        assert client.get(f"/api/codes/{spelling}").json()["item"]["code"] == "M61.28"


def test_unknown_code_404_with_suggestions(client: TestClient) -> None:
    response = client.get("/api/codes/W21.89A")
    assert response.status_code == 404
    body = response.json()
    assert body["suggestions"][0] == "W21.89XA"
    assert "not an ICD-10-CM code" in body["detail"]


def test_validate_endpoint(client: TestClient) -> None:
    body = client.get("/api/validate/M61.2").json()
    assert body["status"] == "header" and body["valid"] and not body["billable"]
    assert "M61.20" in body["suggestions"]


def test_info_endpoint(client: TestClient) -> None:
    body = client.get("/api/info").json()
    assert body["counts"]["billable"] == 74_719
    assert body["sources"][0]["sha256"].startswith("f161f818")


def test_wrong_method_is_405_json(client: TestClient) -> None:
    response = client.post("/api/codes/M61.28")
    assert response.status_code == 405
    assert "not allowed" in response.json()["detail"]


def test_one_resource_one_handler(client: TestClient) -> None:
    """The page's JSON is the API's JSON, by suffix or by content negotiation."""
    api = client.get("/api/codes/M61.28").json()
    assert client.get("/codes/M61.28.json").json() == api
    negotiated = client.get("/codes/M61.28", headers={"Accept": "application/json"})
    assert negotiated.headers["content-type"].startswith("application/json") and negotiated.json() == api
    assert client.get("/fr/codes/M61.28.json").json()["article"]["lang"] == "fr"
    moved = client.get("/codes/m6128.json", follow_redirects=False)
    assert moved.status_code == 301 and moved.headers["location"] == "/codes/M61.28.json"
    assert client.get("/codes/M61.28", headers={"Accept": "text/html"}).headers["content-type"].startswith("text/html")
    assert client.get("/codes/ZZZ.json").status_code == 404
