"""Web accounts fixtures: one app per accounts backend (SQLite file, PostgreSQL database), each
test with its own client address so the per-IP sign-in limit of one test never touches another."""

from __future__ import annotations

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from tests.support.accounts import fast_passwords, fresh_pg_database, need_from

from nosology.accounts import AccountService
from nosology.accounts.db import Database
from nosology.library import Library
from nosology.settings import Settings

PASSWORD = "lantern orbit velvet"


@pytest.fixture(scope="session", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
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


class Server:
    """``nosology serve`` in a subprocess on a free port, on given accounts database."""

    def __init__(self, data_dir: Path, database_url: str, log: Path, env: dict[str, str] | None = None,
                 args: tuple[str, ...] = ()) -> None:
        self.data_dir = data_dir
        self.database_url = database_url
        self.log = log
        self.env = env or {}
        self.args = args
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def spawn(self) -> Server:
        env = {**os.environ, "NOSOLOGY_DATA_DIR": str(self.data_dir), "NOSOLOGY_DATABASE_URL": self.database_url,
               "NOSOLOGY_SECRET_KEY": "shared-key-of-every-instance-in-this-test", "NOSOLOGY_BUILD_IF_MISSING": "false",
               "NOSOLOGY_LOG_JSON": "false", **self.env}
        launcher = [sys.executable, "-c", "from nosology.cli.main import main; main()", "serve", "--host", "127.0.0.1",
                    "--port", str(self.port), *self.args]
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(launcher, env=env, stdout=out, stderr=subprocess.STDOUT)
        return self

    def wait(self) -> Server:
        assert self.process is not None
        deadline = time.monotonic() + 120  # a loaded 2-core machine starts two workers slowly
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"server exited with {self.process.returncode}:\n{self.log.read_text(errors='replace')[-3000:]}")
            try:
                if httpx.get(self.base + "/healthz", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.2)
        self.stop()  # a fixture that fails here never reaches its own stop: no server left behind
        pytest.fail(f"server did not start:\n{self.log.read_text(errors='replace')[-3000:]}")

    def kill(self) -> None:
        """SIGKILL: no shutdown hook, no flush, like a crash."""
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture()
def servers(settings: Settings, library: Library, tmp_path: Path) -> Iterator[Callable[..., list[Server]]]:
    """Starts ``count`` servers at once on the session's reference data; all stop after the test."""
    started: list[Server] = []

    def launch(database_url: str, count: int = 1) -> list[Server]:
        batch = [Server(settings.data_dir, database_url, tmp_path / f"server-{len(started) + i}.log") for i in range(count)]
        started.extend(batch)
        for server in batch:
            server.spawn()
        return [server.wait() for server in batch]

    yield launch
    for server in started:
        server.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_accounts_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh accounts database on each backend, for tests that run real server processes."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/accounts.sqlite"
        return
    with fresh_pg_database(need_from(request.config), "proc") as url:
        yield url


@pytest.fixture()
def pg_accounts_url(request: pytest.FixtureRequest) -> Iterator[str]:
    with fresh_pg_database(need_from(request.config), "multi") as url:
        yield url
