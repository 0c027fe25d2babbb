"""Security of accounts: CSRF, tampered cookies, dead tokens, other users' data, hostile input."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from nosology.web.security import SESSION_COOKIE

POST_FORMS = ["/signup", "/login", "/logout", "/saved", "/saved/M61.28/note", "/saved/M61.28/delete",
              "/saved/M61.28/move", "/saved/lists", "/saved/lists/1/delete", "/account/password", "/account/tokens",
              "/account/tokens/1/revoke", "/account/delete"]


@pytest.mark.parametrize("path", POST_FORMS)
def test_forms_without_or_with_a_wrong_csrf_token_are_403(web: TestClient, flows: Any, path: str) -> None:
    flows.sign_up(web)
    web.post("/saved", data={"code": "M61.28", "csrf_token": flows.form_token(web, "/saved")})
    missing = web.post(path, data={"code": "M61.28", "name": "x", "note": "x"}, headers={"Accept": "text/html"})
    assert missing.status_code == 403 and "security token" in missing.text
    wrong = web.post(path, data={"code": "M61.28", "csrf_token": "0" * 43}, headers={"Accept": "application/json"})
    assert wrong.status_code == 403 and "security token" in wrong.json()["detail"]
    assert "M61.28" in web.get("/saved").text  # nothing happened


def test_anonymous_form_token_is_tied_to_this_browser(web: TestClient, accounts_app: Any, flows: Any) -> None:
    token = flows.form_token(web, "/login")
    with TestClient(accounts_app, client=("10.252.0.1", 1)) as attacker:
        r = attacker.post("/login", data={"email": "a@example.org", "password": "whatever you like", "csrf_token": token})
    assert r.status_code == 403


def test_tampered_or_foreign_cookie_is_anonymous(web: TestClient, flows: Any) -> None:
    flows.sign_up(web)
    cookie = web.cookies.get(SESSION_COOKIE)
    assert cookie and web.get("/api/me").status_code == 200
    session_id, _, signature = cookie.rpartition(".")
    for forged in (session_id + "x." + signature, session_id + "." + signature[::-1], "garbage", "a" * 5000):
        web.cookies.set(SESSION_COOKIE, forged)
        assert web.get("/api/me").status_code == 401
        assert 'class="gate"' in web.get("/codes/M61.28").text


def test_expired_revoked_and_malformed_tokens_are_401(web: TestClient, accounts_app: Any, flows: Any) -> None:
    _, auth = flows.api_token(web)
    service = accounts_app.state.accounts
    me = service.token_user(auth["Authorization"].split()[1])
    from datetime import timedelta

    short = service.issue_token(me.user_id, "short", lifetime=timedelta(seconds=-1))  # already expired
    assert web.get("/api/me", headers={"Authorization": f"Bearer {short.token}"}).status_code == 401
    token_id = web.get("/api/me", headers=auth).json()["tokens"][0]["id"]
    assert web.delete(f"/api/me/tokens/{token_id}", headers=auth).status_code == 204
    r = web.get("/api/me", headers=auth)
    assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")
    for bad in ("Bearer", "Bearer nos_" + "x" * 500, "Basic dXNlcjpwYXNz", "Bearer ' OR 1=1 --"):
        assert web.get("/api/saved", headers={"Authorization": bad}).status_code == 401


def test_other_users_data_is_not_found(web: TestClient, accounts_app: Any, flows: Any) -> None:
    _, alice = flows.api_token(web)
    web.post("/api/saved", json={"code": "M61.28", "list": "Alice only"}, headers=alice)
    list_id = web.get("/api/saved", headers=alice).json()["lists"][0]["id"]
    alice_token_id = web.get("/api/me", headers=alice).json()["tokens"][0]["id"]
    _, mallory = flows.api_token(web)
    assert web.get("/api/saved", headers=mallory).json()["saved"] == []
    assert web.delete("/api/saved/M61.28", headers=mallory).status_code == 404
    assert web.delete(f"/api/me/tokens/{alice_token_id}", headers=mallory).status_code == 404
    with TestClient(accounts_app, client=("10.253.0.1", 1)) as browser:
        flows.sign_up(browser)
        assert browser.get(f"/saved/lists/{list_id}.csv").status_code == 404
        token = flows.form_token(browser, "/saved")
        assert browser.post(f"/saved/lists/{list_id}/delete", data={"csrf_token": token}).status_code == 404
        assert browser.post("/saved/M61.28/note", data={"csrf_token": token, "note": "x"}).status_code == 404
    assert web.get("/api/saved", headers=alice).json()["lists"][0]["name"] == "Alice only"


@pytest.mark.parametrize(
    "body",
    [
        {"code": "'; DROP TABLE saved_codes; --"},
        {"code": "M61.28", "note": "n" * 2001},
        {"code": "M61.28", "list": "l" * 101},
        {"code": "M" * 10_000},
        {"code": "M61.28\x00"},
        {"code": 42},
        {"code": ["M61.28"]},
        {},
    ],
)
def test_hostile_saved_input_is_a_clean_4xx(web: TestClient, flows: Any, body: dict[str, Any]) -> None:
    _, auth = flows.api_token(web)
    r = web.post("/api/saved", json=body, headers=auth)
    assert r.status_code in (400, 422), r.text
    assert "Traceback" not in r.text and "sqlalchemy" not in r.text.lower() and "syntax" not in r.text.lower()
    assert r.json()["detail"]


@pytest.mark.parametrize(
    "body",
    [
        {"email": "a" * 300 + "@example.org", "password": "lantern orbit velvet"},
        {"email": "x@example.org", "password": "p" * 2000},
        {"email": "' OR '1'='1' --@example.org", "password": "lantern orbit velvet"},
        {"email": "x@example.org"},
    ],
)
def test_hostile_auth_input_is_a_clean_4xx(web: TestClient, body: dict[str, Any]) -> None:
    for path in ("/api/auth/signup", "/api/auth/token"):
        r = web.post(path, json=body)
        assert 400 <= r.status_code < 500, r.text
        assert "Traceback" not in r.text


def test_password_hashes_are_never_returned(web: TestClient, flows: Any) -> None:
    _, auth = flows.api_token(web)
    web.post("/api/saved", json={"code": "M61.28"}, headers=auth)
    flows.sign_up(web)
    bodies = [web.get(p, headers=auth).text for p in ("/api/me", "/api/me/export", "/api/saved")]
    bodies += [web.get(p).text for p in ("/account", "/account/export", "/saved", "/saved.csv")]
    for body in bodies:
        assert "$argon2" not in body and "password_hash" not in body and "token_hash" not in body
    assert auth["Authorization"].split()[1] not in "".join(bodies)


def test_next_parameter_cannot_leave_the_site(web: TestClient, flows: Any) -> None:
    flows.sign_up(web)
    token = flows.form_token(web, "/saved")
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"):
        r = web.post("/saved", data={"code": "M61.28", "csrf_token": token, "next": target}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] in {"/codes/M61.28?done=saved", "/codes/M61.28?done=updated"}
    page = web.get("/login?next=https://evil.example/").text
    assert re.search(r'name="next" value="/account"', page)


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("DELETE", "/api/saved/M61%0028", None),
        ("DELETE", "/api/saved/%27%3B%20DROP%20TABLE%20users", None),
        ("DELETE", "/api/me/tokens/99999999999999999999", None),
        ("DELETE", "/api/me/tokens/-1", None),
        ("POST", "/api/saved", {"code": "M61.28", "note": "a\x00b", "list": "x\x00y"}),
        ("POST", "/api/auth/token", {"email": "a\x00@example.org", "password": "lantern orbit velvet", "name": "n\x00"}),
        ("POST", "/api/auth/signup", {"email": "a\x00@example.org", "password": "lantern orbit velvet"}),
    ],
)
def test_nul_bytes_and_huge_numbers_never_reach_the_database_as_errors(
    web: TestClient, flows: Any, method: str, path: str, body: dict[str, Any] | None
) -> None:
    _, auth = flows.api_token(web)
    r = web.request(method, path, json=body, headers=auth)
    assert r.status_code < 500, r.text
    if r.status_code >= 400:
        assert r.json()["detail"] and "Traceback" not in r.text


@pytest.mark.parametrize("path", ["/saved/lists/99999999999999999999.csv", "/saved/lists/0.csv", "/reset/%00abc", "/reset/" + "a" * 300])
def test_hostile_urls_on_account_pages(web: TestClient, flows: Any, path: str) -> None:
    flows.sign_up(web)
    r = web.get(path)
    assert 400 <= r.status_code < 500, r.text[:300]
