"""Request ids, security headers, body limits, health endpoints."""

from __future__ import annotations

import logging

import pytest
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


def test_no_secret_or_query_in_logs(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    password = "correct horse battery staple 42"
    with caplog.at_level(logging.INFO, logger="nosology"):
        client.post("/api/auth/signup", json={"email": "log-check@example.org", "password": password})
        token = "a-bearer-token-that-must-not-be-logged"
        client.get("/api/me", headers={"Authorization": f"Bearer {token}"})
        client.get("/api/search?q=my+private+diagnosis")
    logged = " ".join(repr(record.__dict__) for record in caplog.records)
    assert "request_id" in logged and "duration_ms" in logged
    for secret in (password, token, "private", "log-check@example.org"):
        assert secret not in logged


def test_body_limit_answers_through_the_one_error_handler(client: TestClient) -> None:
    """A declared body over the limit is refused in the caller's representation."""
    big = b"x" * (1_048_576 + 1)
    fhir = client.post("/fhir/CodeSystem/$lookup", content=big, headers={"content-type": "application/fhir+json"})
    assert fhir.status_code == 413 and fhir.json()["resourceType"] == "OperationOutcome"
    page = client.post("/login", content=big, headers={"accept": "text/html", "content-type": "application/x-www-form-urlencoded"})
    assert page.status_code == 413 and page.headers["content-type"].startswith("text/html")
    api = client.post("/api/auth/token", content=big, headers={"content-type": "application/json"})
    assert api.status_code == 413 and "larger than" in api.json()["detail"]
