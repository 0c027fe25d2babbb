"""Full flows through the HTML forms (with CSRF), on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from fastapi.testclient import TestClient

from nosology.web.security import SESSION_COOKIE


def test_sign_up_save_note_list_export_and_log_out(web: TestClient, flows: object) -> None:
    f = flows  # type: ignore[assignment]
    f.sign_up(web)
    cookie = web.cookies.get(SESSION_COOKIE)
    assert cookie
    token = f.form_token(web, "/codes/M61.28")
    r = web.post("/saved", data={"code": "M61.28", "csrf_token": token, "next": "/codes/M61.28"}, follow_redirects=False)
    assert (r.status_code, r.headers["location"]) == (303, "/codes/M61.28?done=saved")
    web.post("/saved", data={"code": "m6121", "csrf_token": token, "list": "My patient's codes", "note": "right shoulder"})
    page = web.get("/saved").text
    assert "M61.28" in page and "badge-billable" in page and "My patient&#39;s codes" in page
    web.post("/saved/M61.28/note", data={"note": "after spinal cord injury", "csrf_token": token})
    assert "after spinal cord injury" in web.get("/saved").text
    list_id = int(re.search(r'/saved/lists/(\d+)\.csv', web.get("/saved").text).group(1))  # type: ignore[union-attr]
    web.post("/saved/M61.28/move", data={"list_id": str(list_id), "csrf_token": token})
    exported = web.get(f"/saved/lists/{list_id}.csv")
    assert exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    # M61.21 (shoulder) is a header over laterality codes; M61.28 (other site) is billable.
    assert [(r["code"], r["billable"]) for r in rows] == [("M61.21", "no"), ("M61.28", "yes")]
    assert rows[1]["note"] == "after spinal cord injury"
    data = json.loads(web.get("/account/export").text)
    assert {s["code"] for s in data["saved_codes"]} == {"M61.21", "M61.28"}
    web.post("/saved/M61.21/delete", data={"csrf_token": token, "confirm": "yes"})
    assert "M61.21" not in web.get("/saved").text
    r = web.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303
    # the old cookie is dead on the server, not just forgotten by this browser
    web.cookies.set(SESSION_COOKIE, cookie)
    assert web.get("/api/me").status_code == 401
    assert web.get("/saved", follow_redirects=False).headers["location"] == "/login?next=/saved"


def test_session_cookie_flags_and_rotation_on_login(web: TestClient, flows: object) -> None:
    f = flows  # type: ignore[assignment]
    email = f.sign_up(web)
    first = web.cookies.get(SESSION_COOKIE)
    token = f.form_token(web, "/login")
    r = web.post("/login", data={"email": email.upper(), "password": f.password, "csrf_token": token, "next": "/saved"},
                 follow_redirects=False)
    assert (r.status_code, r.headers["location"]) == (303, "/saved")
    set_cookie = r.headers["set-cookie"]
    assert "HttpOnly" in set_cookie and "samesite=lax" in set_cookie.lower() and "Secure" not in set_cookie
    second = web.cookies.get(SESSION_COOKIE)
    assert second and second != first
    web.cookies.set(SESSION_COOKIE, first)  # type: ignore[arg-type]
    assert web.get("/api/me").status_code == 401


def test_secure_cookie_over_https(accounts_app: object, flows: object) -> None:
    f = flows  # type: ignore[assignment]
    with TestClient(accounts_app, base_url="https://testserver", client=("10.250.0.1", 1)) as client:  # type: ignore[arg-type]
        f.sign_up(client)
        r = client.get("/signup")
        assert r.status_code == 200
        token = f.form_token(client, "/account")
        r = client.post("/logout", data={"csrf_token": token}, follow_redirects=False)
        assert r.status_code == 303
        f.form_token(client, "/login")
    # the sign-up response's cookies
    with TestClient(accounts_app, base_url="https://testserver", client=("10.250.0.2", 1)) as client:  # type: ignore[arg-type]
        page = client.get("/signup")
        assert "Secure" in page.headers["set-cookie"]
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        r = client.post("/signup", data={"email": f.new_email(), "password": f.password, "csrf_token": token},
                        follow_redirects=False)
        assert "Secure" in r.headers["set-cookie"] and "HttpOnly" in r.headers["set-cookie"]


def test_gated_section_shown_only_when_signed_in(web: TestClient, flows: object) -> None:
    f = flows  # type: ignore[assignment]
    anonymous = web.get("/codes/M61.28").text
    assert 'class="gate"' in anonymous and "section-treatment" in anonymous
    f.sign_up(web)
    signed_in = web.get("/codes/M61.28").text
    assert "section-treatment" in signed_in and 'class="gate"' not in signed_in


def test_wrong_password_is_shown_on_the_form(web: TestClient, flows: object) -> None:
    f = flows  # type: ignore[assignment]
    token = f.form_token(web, "/login")
    r = web.post("/login", data={"email": "nobody@example.org", "password": "whatever it is", "csrf_token": token})
    assert r.status_code == 401 and "Email or password is incorrect." in r.text
    r = web.post("/signup", data={"email": "not-an-email", "password": "x", "csrf_token": token})
    assert r.status_code == 400 and "valid email" in r.text
    r = web.post("/signup", data={"email": f.new_email(), "password": "short pw", "csrf_token": token})
    assert r.status_code == 400 and "at least 10" in r.text
    r = web.post("/signup", data={"email": f.new_email(), "password": "password123", "csrf_token": token})
    assert r.status_code == 400 and "too common" in r.text


def test_account_page_password_tokens_delete(web: TestClient, flows: object) -> None:
    f = flows  # type: ignore[assignment]
    email = f.sign_up(web)
    token = f.form_token(web, "/account")
    r = web.post("/account/tokens", data={"name": "my script", "csrf_token": token})
    assert r.status_code == 201
    secret = re.search(r'value="(nos_[^"]+)"', r.text).group(1)  # type: ignore[union-attr]
    assert web.get("/api/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 200
    page = web.get("/account").text
    assert "my script" in page and secret not in page  # shown once only
    token_id = re.search(r"/account/tokens/(\d+)/revoke", page).group(1)  # type: ignore[union-attr]
    web.post(f"/account/tokens/{token_id}/revoke", data={"csrf_token": token})
    assert web.get("/api/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    r = web.post("/account/password", data={"current_password": "wrong one!", "new_password": "another fine phrase", "csrf_token": token})
    assert r.status_code == 401
    r = web.post("/account/password", data={"current_password": f.password, "new_password": "another fine phrase", "csrf_token": token})
    assert r.status_code == 200 and "password is changed" in r.text
    assert web.get("/api/me").status_code == 200  # this session survives
    r = web.post("/account/delete", data={"password": "another fine phrase", "csrf_token": token, "confirm": "yes"},
                 follow_redirects=False)
    assert r.status_code == 303
    login = f.form_token(web, "/login")
    r = web.post("/login", data={"email": email, "password": "another fine phrase", "csrf_token": login})
    assert r.status_code == 401


def test_reset_link_from_the_cli_service(web: TestClient, flows: object, accounts_app: object) -> None:
    f = flows  # type: ignore[assignment]
    email = f.sign_up(web)
    secret = accounts_app.state.accounts.reset_link_token(email)  # type: ignore[attr-defined]
    other = TestClient(accounts_app, client=("10.251.0.9", 1))  # type: ignore[arg-type]
    token = f.form_token(other, f"/reset/{secret}")
    r = other.post(f"/reset/{secret}", data={"password": "a completely new phrase", "csrf_token": token}, follow_redirects=False)
    assert (r.status_code, r.headers["location"]) == (303, "/account")
    assert web.get("/api/me").status_code == 401  # every older session ended
    again = other.get(f"/reset/{secret}")
    assert again.status_code == 400 and "invalid, already used or expired" in again.text


def test_sliding_session_renews_the_cookie(web: TestClient, flows: Any, accounts_app: Any) -> None:
    from datetime import timedelta

    from sqlalchemy import select

    from nosology.accounts.models import Session

    flows.sign_up(web)
    assert "set-cookie" not in web.get("/api/me").headers  # fresh: nothing to renew
    db = accounts_app.state.accounts.db
    with db.tx() as s:  # two days later, as far as the session knows
        for session in s.scalars(select(Session)):
            session.expires_at -= timedelta(days=2)
    r = web.get("/api/me")
    assert r.status_code == 200
    assert f"{SESSION_COOKIE}=" in r.headers["set-cookie"] and "Max-Age=1209600" in r.headers["set-cookie"]
    assert "HttpOnly" in r.headers["set-cookie"]


def test_login_form_is_rate_limited_per_account_and_address(web: TestClient, flows: Any) -> None:
    email = flows.sign_up(web)
    token = flows.form_token(web, "/account")
    web.post("/logout", data={"csrf_token": token})
    token = flows.form_token(web, "/login")
    for i in range(10):  # mistyped emails from this address do not lock it out
        r = web.post("/login", data={"email": f"guess{i}@example.org", "password": "some guess here", "csrf_token": token})
        assert r.status_code == 401
    for _ in range(5):
        r = web.post("/login", data={"email": email, "password": "some guess here", "csrf_token": token})
        assert r.status_code == 401
    r = web.post("/login", data={"email": email, "password": flows.password, "csrf_token": token})
    assert r.status_code == 429 and int(r.headers["retry-after"]) > 0
    assert "Too many failed sign-in attempts" in r.text and 'role="alert"' in r.text
