"""Every hostile string through every endpoint: a 2xx/3xx or a 4xx with a message; never 5xx, never a trace.

The endpoints are read from the app itself (its routes), so a new endpoint is covered without
editing this file: each path parameter and each known query parameter gets each hostile string.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from tests.robustness.hostile import HOSTILE_STRINGS

LEAKS = ("Traceback", "File \"/", "sqlite3.", "OperationalError", "psycopg", "lxml.", "jinja2.exceptions")


def _encode(text: str) -> str:
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


# HTML pages are not in the OpenAPI schema; they take the same kinds of input.
PAGES = ("/codes/{}", "/fr/codes/{}", "/articles/{}", "/fr/articles/{}", "/search?q={}", "/fr/search?q={}",
         "/search?q=heart&page={}", "/login?next={}",
         # the Alphabetic Index pages
         "/index/{}", "/index/terms/{}", "/fr/index/terms/{}", "/index/neoplasms?site={}", "/index/drugs?substance={}",
         "/index/drugs?page={}", "/index/external-causes?letter={}")


VALID = {"lang": "en", "slug": "heterotopic-ossification", "code": "M61.28", "system_id": "icd-10-cm", "list_id": "1", "ref": "impetigo"}


def _targets(app: FastAPI) -> list[str]:
    """URL templates (``{}`` marks the hostile value) for every GET operation's path and query parameters."""
    targets: set[str] = set(PAGES)
    for path, operations in app.openapi()["paths"].items():
        get = operations.get("get")
        if get is None or path in {"/openapi.json", "/readyz", "/healthz"}:
            continue
        params = get.get("parameters", [])
        path_params = [p["name"] for p in params if p["in"] == "path"]
        for name in path_params:
            attacked = path
            for other in path_params:
                attacked = attacked.replace("{" + other + "}", "{}" if other == name else VALID.get(other, "M61.28"))
            targets.add(attacked)
        filled = path
        for other in path_params:
            filled = filled.replace("{" + other + "}", VALID.get(other, "M61.28"))
        for p in params:
            if p["in"] == "query":
                targets.add(f"{filled}?{p['name']}={{}}")
    return sorted(targets)


def _check(client: TestClient, url: str) -> str | None:
    response = client.get(url, headers={"Accept": "application/json"}, follow_redirects=False)
    body = response.text
    if response.status_code >= 500:
        return f"{url[:120]} -> {response.status_code}: {body[:200]}"
    if any(leak in body for leak in LEAKS):
        return f"{url[:120]} leaks internals: {body[:200]}"
    if 400 <= response.status_code < 500 and len(body.strip()) < 10:
        return f"{url[:120]} -> {response.status_code} without a message"
    return None


def test_hostile_strings_through_every_endpoint(app: FastAPI, client: TestClient, capsys: pytest.CaptureFixture[str]) -> None:
    targets = _targets(app)
    assert len(targets) >= 5, targets
    problems = []
    tried = 0
    for template in targets:
        for text in HOSTILE_STRINGS:
            tried += 1
            problem = _check(client, template.replace("{}", _encode(text)))
            if problem:
                problems.append(problem)
    with capsys.disabled():
        print(f"\nhostile input: {len(HOSTILE_STRINGS)} strings x {len(targets)} endpoint parameters = {tried} requests")
    assert not problems, "\n".join(problems[:30])


@pytest.mark.parametrize("raw", [b"/api/codes/%ff%fe", b"/api/search?q=%ff%fe%00", b"/codes/%c0%ae%c0%ae", b"/api/suggest?q=%e2%82"])
def test_invalid_utf8_in_urls(client: TestClient, raw: bytes) -> None:
    response = client.get(raw.decode("ascii"), headers={"Accept": "application/json"})
    assert response.status_code < 500
    assert "Traceback" not in response.text


@pytest.mark.parametrize("path", ["/api/auth/signup", "/api/auth/token", "/api/saved", "/fhir/CodeSystem/$lookup"])
def test_bodies_oversized_malformed_or_wrong_type(client: TestClient, path: str) -> None:
    for body, ctype in [
        (b"{" * 1000, "application/json"),
        (b"\xff\xfe\x00garbage", "application/json"),
        (b'{"email": 123, "password": ["x"]}', "application/json"),
        (b"x" * 2_000_000, "application/json"),
        (b"<xml/>", "application/xml"),
    ]:
        response = client.post(path, content=body, headers={"Content-Type": ctype, "Accept": "application/json"})
        assert response.status_code < 500, (path, body[:30], response.status_code, response.text[:200])
        assert "Traceback" not in response.text
