"""Web accounts fixtures: one app per accounts backend (SQLite file, PostgreSQL database), each
test with its own client address so the per-IP sign-in limit of one test never touches another."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import replace

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from nosology.accounts import AccountService
from nosology.accounts.db import Database
from nosology.accounts.testing import fast_passwords, fresh_pg_database, need_from
from nosology.library import Library
from nosology.settings import Settings

PASSWORD = "lantern orbit velvet"


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def accounts_app(request: pytest.FixtureRequest, settings: Settings, library: Library,
                 tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    from nosology.web.app import create_app

    with _database_url(request) as url:
        app_settings = replace(settings, database_url=url or f"sqlite:///{tmp_path_factory.mktemp('acc')}/accounts.sqlite")
        app = create_app(app_settings, library)
        # The app's own start-up would create this; the test one hashes passwords cheaply.
        app.state.accounts = AccountService(Database.from_url(app_settings.accounts_url), library.classification,
                                            passwords=fast_passwords())
        yield app
        app.state.accounts.db.dispose()


def _database_url(request: pytest.FixtureRequest) -> AbstractContextManager[str]:
    if request.param == "sqlite":
        return nullcontext("")
    return fresh_pg_database(need_from(request.config), "web")


@pytest.fixture()
def web(accounts_app: FastAPI) -> Iterator[TestClient]:
    """A browser-like client with its own IP address."""
    ip = f"10.{secrets.randbelow(250)}.{secrets.randbelow(250)}.{secrets.randbelow(250) + 1}"
    with TestClient(accounts_app, raise_server_exceptions=False, client=(ip, 50000)) as client:
        yield client


class Flows:
    """Steps that many tests take: read a form's CSRF token, sign up, get an API token."""

    password = PASSWORD

    def form_token(self, client: TestClient, path: str) -> str:
        """The CSRF token of the first form on ``path``."""
        page = client.get(path)
        assert page.status_code == 200, page.text[:500]
        found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert found, f"no form on {path}"
        return found.group(1)

    def new_email(self) -> str:
        return f"user-{secrets.token_hex(6)}@example.org"

    def sign_up(self, client: TestClient, email: str | None = None, password: str = PASSWORD) -> str:
        email = email or self.new_email()
        token = self.form_token(client, "/signup")
        r = client.post("/signup", data={"email": email, "password": password, "csrf_token": token, "next": "/saved"},
                        follow_redirects=False)
        assert r.status_code == 303, r.text[:500]
        return email

    def api_token(self, client: TestClient, email: str | None = None) -> tuple[str, dict[str, str]]:
        email = email or self.new_email()
        assert client.post("/api/auth/signup", json={"email": email, "password": PASSWORD}).status_code == 201
        r = client.post("/api/auth/token", json={"email": email, "password": PASSWORD, "name": "tests"})
        assert r.status_code == 201, r.text
        return email, {"Authorization": f"Bearer {r.json()['token']}"}


@pytest.fixture()
def flows() -> Flows:
    return Flows()
