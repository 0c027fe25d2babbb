"""Request ids, security headers, body limits, health endpoints."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_request_id_echoed_or_made(client: TestClient) -> None:
    assert client.get("/healthz", headers={"X-Request-ID": "abc-123"}).headers["x-request-id"] == "abc-123"
    made = client.get("/healthz", headers={"X-Request-ID": "bad id\r\nwith newline"}).headers["x-request-id"]
    assert len(made) == 32 and made.isalnum()


def test_security_headers(client: TestClient) -> None:
    json_response = client.get("/api/codes/M61.28")
    assert json_response.headers["x-content-type-options"] == "nosniff"
    assert "content-security-policy" not in json_response.headers
    html = client.get("/no-such-page", headers={"Accept": "text/html"})
    assert html.status_code == 404
    csp = html.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp
    assert html.headers["referrer-policy"]


def test_body_over_limit_is_413(client: TestClient) -> None:
    response = client.post("/api/codes/M61.28", content=b"x" * (1_048_576 + 1))
    assert response.status_code == 413
    assert "larger than" in response.json()["detail"]


def test_health_and_ready(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.json()["checks"]["reference"] == "ok"
