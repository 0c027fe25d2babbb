"""Security tests against real ``nosology serve`` processes: a module's tests share one server on
each accounts backend (SQLite file, PostgreSQL database), started with real argon2 costs."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from tests.support.accounts import fresh_pg_database, need_from
from tests.web.accounts.conftest import Server, pg_accounts_url, servers  # noqa: F401 (fixtures)

from nosology.library import Library
from nosology.settings import Settings

PASSWORD = "lantern orbit velvet"


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def server(request: pytest.FixtureRequest, settings: Settings, library: Library,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server per module and backend (tests use their own emails and client addresses)."""
    tmp = tmp_path_factory.mktemp("srv")
    if request.param == "sqlite":
        started = Server(settings.data_dir, f"sqlite:///{tmp}/accounts.sqlite", tmp / "server.log").spawn().wait()
        yield started
        started.stop()
        return
    with fresh_pg_database(need_from(request.config), "sec") as url:
        started = Server(settings.data_dir, url, tmp / "server.log").spawn().wait()
        yield started
        started.stop()


def new_email() -> str:
    return f"sec-{secrets.token_hex(6)}@example.org"


def new_ip() -> str:
    """A client address of its own, passed the way a trusted proxy does (X-Forwarded-For)."""
    return f"10.{secrets.randbelow(250)}.{secrets.randbelow(250)}.{secrets.randbelow(250) + 1}"


def client(base: str, ip: str | None = None, **kwargs: Any) -> httpx.Client:
    return httpx.Client(base_url=base, headers={"X-Forwarded-For": ip or new_ip()}, timeout=30, **kwargs)


def sign_up(http: httpx.Client, email: str, password: str = PASSWORD) -> None:
    r = http.post("/api/auth/signup", json={"email": email, "password": password})
    assert r.status_code == 201, r.text


def bearer(http: httpx.Client, email: str, password: str = PASSWORD) -> dict[str, str]:
    r = http.post("/api/auth/token", json={"email": email, "password": password})
    assert r.status_code == 201, r.text
    return {"Authorization": "Bearer " + r.json()["token"]}


def form_token(http: httpx.Client, path: str) -> str:
    page = http.get(path)
    assert page.status_code == 200, page.text[:300]
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found, f"no form on {path}"
    return found.group(1)


def browser_login(http: httpx.Client, email: str, password: str = PASSWORD) -> str:
    """Signs ``http`` in through the HTML form; the session's CSRF token for further forms."""
    r = http.post("/login", data={"email": email, "password": password, "csrf_token": form_token(http, "/login")})
    assert r.status_code == 303, r.text[:300]
    return form_token(http, "/account")


LaunchServers = Callable[..., list[Server]]


def log_of(server: Server) -> str:
    return Path(server.log).read_text(errors="replace")
