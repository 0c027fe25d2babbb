"""The issue's "Also" list: OPTIONS names every allowed method; CSV export neutralises formulas
hidden behind invisible characters; HSTS and __Host- cookie names over HTTPS; the password policy
refuses repeated patterns."""

from __future__ import annotations

import csv
import io
import re

import httpx
import pytest
from tests.security.conftest import (
    PASSWORD,
    Server,
    bearer,
    browser_login,
    client,
    new_email,
    new_ip,
    sign_up,
)

pytestmark = [pytest.mark.slow]


def test_options_and_405_name_every_allowed_method(server: Server) -> None:
    r = httpx.options(server.base + "/api/saved")
    assert r.status_code == 204 and {m.strip() for m in r.headers["allow"].split(",")} >= {"GET", "POST"}
    r = httpx.put(server.base + "/api/saved", json={})
    assert r.status_code == 405 and {"GET", "POST"} <= {m.strip() for m in r.headers["allow"].split(",")}


@pytest.mark.parametrize("note", ["\ufeff=HYPERLINK(\"http://x.example\")", "\u200b+cmd|' /C calc'!A0", "\u2060=1+1",
                                  "\u200e@SUM(1)", "\uff1dSUM(1)", "\u200b\u200b-2+3"])
def test_csv_export_neutralises_formulas_behind_invisible_characters(server: Server, note: str) -> None:
    with client(server.base) as http:
        email = new_email()
        sign_up(http, email)
        auth = bearer(http, email)
        assert http.post("/api/saved", json={"code": "M61.28", "note": note}, headers=auth).status_code == 201
        browser_login(http, email)
        rows = list(csv.DictReader(io.StringIO(http.get("/saved.csv").text)))
        assert rows[0]["note"] == "'" + note


def _set_cookie(response: httpx.Response) -> tuple[str, str, str]:
    """(name, value, attributes) of the response's one Set-Cookie."""
    pair, _, attributes = response.headers["set-cookie"].partition(";")
    name, _, value = pair.partition("=")
    return name, value, attributes


def test_https_through_a_proxy_gets_hsts_and_host_prefixed_cookies(server: Server) -> None:
    email = new_email()
    with client(server.base) as http:
        sign_up(http, email)
    proxied = {"X-Forwarded-Proto": "https", "X-Forwarded-For": new_ip()}
    # Cookies are passed by hand: httpx would not send Secure cookies to an http:// URL.
    with httpx.Client(base_url=server.base, headers=proxied, timeout=30) as http:
        page = http.get("/login")
        assert page.headers["strict-transport-security"].startswith("max-age=")
        name, nonce, attributes = _set_cookie(page)
        assert name == "__Host-nosology_csrf" and "Secure" in attributes and "Path=/" in attributes
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        r = http.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": csrf},
                      headers={"Cookie": f"{name}={nonce}"})
        assert r.status_code == 303, r.text[:300]
        name, session, attributes = _set_cookie(r)
        assert name == "__Host-nosology_session" and "Secure" in attributes and "Domain" not in attributes
        assert http.get("/api/me", headers={"Cookie": f"{name}={session}"}).status_code == 200
        # over HTTPS a cookie without the prefix (one a plain-HTTP page could plant) is ignored
        assert http.get("/api/me", headers={"Cookie": f"nosology_session={session}"}).status_code == 401
    plain = httpx.get(server.base + "/login")
    assert "strict-transport-security" not in plain.headers
    assert _set_cookie(plain)[0] == "nosology_csrf"


@pytest.mark.parametrize("weak", ["abcdabcdab", "horsehorsehorse", "abcdefghijk", "9876543210", "lanternlantern"])
def test_repeated_and_sequential_passwords_are_refused(server: Server, weak: str) -> None:
    with client(server.base) as http:
        r = http.post("/api/auth/signup", json={"email": new_email(), "password": weak})
        assert r.status_code == 400 and "too easy to guess" in r.json()["detail"]
        assert http.post("/api/auth/signup", json={"email": new_email(), "password": PASSWORD}).status_code == 201
