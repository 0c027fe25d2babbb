"""Rows 2, 3 and 11: a password reset or change ends what an attacker may hold (sessions,
bearer tokens, other reset links), and a bearer token alone cannot delete the account."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import httpx
import pytest
from tests.security.conftest import (
    PASSWORD,
    Server,
    bearer,
    browser_login,
    client,
    form_token,
    new_email,
    sign_up,
)

pytestmark = [pytest.mark.slow]
NEW_PASSWORD = "quartz meadow falcon"


def _reset_link(server: Server, email: str) -> str:
    """A link from the operator's command, ``nosology user reset-password``."""
    result = subprocess.run(
        [sys.executable, "-c", "from nosology.cli.main import main; main()", "user", "reset-password", email],
        env={**os.environ, "NOSOLOGY_DATA_DIR": str(server.data_dir), "NOSOLOGY_DATABASE_URL": server.database_url},
        capture_output=True, text=True, timeout=60, check=True,
    )
    found = re.search(r"/reset/([A-Za-z0-9_-]+)", result.stdout)
    assert found, result.stdout + result.stderr
    return "/reset/" + found.group(1)


def _reset(http: httpx.Client, link: str, password: str) -> httpx.Response:
    return http.post(link, data={"password": password, "csrf_token": form_token(http, link)})


def test_reset_revokes_every_token_and_session(server: Server) -> None:
    email = new_email()
    with client(server.base) as attacker, client(server.base) as owner:
        sign_up(attacker, email)
        token = bearer(attacker, email)
        browser_login(attacker, email)
        assert attacker.get("/api/me", headers=token).status_code == 200
        assert _reset(owner, _reset_link(server, email), NEW_PASSWORD).status_code == 303
        assert attacker.get("/api/me", headers=token).status_code == 401
        assert attacker.get("/api/me").status_code == 401  # the session cookie too
        assert owner.get("/api/me").status_code == 200  # the new session of the reset


def test_one_reset_kills_every_other_link(server: Server) -> None:
    email = new_email()
    with client(server.base) as owner, client(server.base) as attacker:
        sign_up(owner, email)
        first, second = _reset_link(server, email), _reset_link(server, email)
        assert _reset(owner, first, NEW_PASSWORD).status_code == 303
        r = attacker.get(second)
        assert "invalid, already used or expired" in r.text
        r = attacker.post(second, data={"password": "attacker owns this", "csrf_token": form_token(attacker, "/login")})
        assert "invalid, already used or expired" in r.text
        assert httpx.post(server.base + "/api/auth/token", json={"email": email, "password": NEW_PASSWORD},
                          headers={"X-Forwarded-For": "10.9.9.9"}).status_code == 201


def _change_password(http: httpx.Client, csrf: str, keep_tokens: bool = False) -> httpx.Response:
    data = {"current_password": PASSWORD, "new_password": NEW_PASSWORD, "csrf_token": csrf}
    if keep_tokens:
        data["keep_tokens"] = "yes"
    return http.post("/account/password", data=data)


def test_change_kills_links_other_sessions_and_by_default_tokens(server: Server) -> None:
    email = new_email()
    with client(server.base) as owner, client(server.base) as attacker:
        sign_up(owner, email)
        link = _reset_link(server, email)  # issued before the change
        token = bearer(attacker, email)
        browser_login(attacker, email)
        csrf = browser_login(owner, email)
        assert _change_password(owner, csrf).status_code == 200
        assert owner.get("/api/me").status_code == 200  # this session stays
        assert attacker.get("/api/me").status_code == 401
        assert attacker.get("/api/me", headers=token).status_code == 401
        assert "invalid, already used or expired" in attacker.get(link).text


def test_change_can_keep_tokens(server: Server) -> None:
    email = new_email()
    with client(server.base) as owner:
        sign_up(owner, email)
        token = bearer(owner, email)
        csrf = browser_login(owner, email)
        assert _change_password(owner, csrf, keep_tokens=True).status_code == 200
        assert owner.get("/api/me", headers=token).status_code == 200


def test_deleting_the_account_through_the_api_needs_the_password(server: Server) -> None:
    email = new_email()
    with client(server.base) as http:
        sign_up(http, email)
        token = bearer(http, email)
        assert http.delete("/api/me", headers=token).status_code == 422  # no password sent
        wrong = http.request("DELETE", "/api/me", headers=token, json={"password": "not my password"})
        assert wrong.status_code == 401
        assert http.get("/api/me", headers=token).status_code == 200
        assert http.request("DELETE", "/api/me", headers=token, json={"password": PASSWORD}).status_code == 204
        assert http.get("/api/me", headers=token).status_code == 401
