"""When the accounts database cannot be reached, the reference site still works and accounts say 503."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from nosology.library import Library
from nosology.settings import Settings

# Nothing listens on port 1: connections are refused at once.
UNREACHABLE = "postgresql+psycopg://nobody@127.0.0.1:1/nosology"


@pytest.fixture()
def down(settings: Settings, library: Library) -> Iterator[TestClient]:
    from nosology.web.app import create_app

    app = create_app(replace(settings, database_url=UNREACHABLE), library)
    with TestClient(app, raise_server_exceptions=False) as client:  # start-up must not fail
        yield client


def test_reference_pages_work_and_are_gated(down: TestClient) -> None:
    page = down.get("/codes/M61.28", cookies={"nosology_session": "whatever.sig"})
    assert page.status_code == 200 and 'class="gate"' in page.text
    assert down.get("/api/codes/M61.28").status_code == 200


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/login"), ("GET", "/signup"), ("GET", "/account"), ("GET", "/saved"), ("GET", "/api/saved"),
     ("POST", "/api/auth/signup"), ("POST", "/api/auth/token"), ("GET", "/api/me")],
)
def test_account_pages_and_api_answer_503(down: TestClient, method: str, path: str) -> None:
    body = {"email": "a@example.org", "password": "lantern orbit velvet"} if method == "POST" else None
    started = time.monotonic()
    r = down.request(method, path, json=body, headers={"Authorization": "Bearer nos_" + "x" * 43})
    assert r.status_code == 503, r.text[:300]
    assert "unavailable" in r.text.lower() and "Traceback" not in r.text
    assert time.monotonic() - started < 5  # no long wait for a dead database on each request
