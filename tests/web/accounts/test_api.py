"""The accounts JSON API with bearer tokens, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient


def test_token_flow_save_list_export_delete(web: TestClient, flows: Any) -> None:
    email, auth = flows.api_token(web)
    me = web.get("/api/me", headers=auth).json()
    assert me["email"] == email and me["tokens"][0]["name"] == "tests"
    r = web.post("/api/saved", json={"code": "m61.28", "note": "left hip", "list": "My patient's codes"}, headers=auth)
    assert r.status_code == 201
    saved = r.json()
    assert (saved["code"], saved["billable"], saved["list"]) == ("M61.28", True, "My patient's codes")
    assert saved["title"]  # from the reference data
    listing = web.get("/api/saved", headers=auth).json()
    assert [s["code"] for s in listing["saved"]] == ["M61.28"]
    assert listing["lists"][0]["name"] == "My patient's codes" and listing["lists"][0]["count"] == 1
    export = web.get("/api/me/export", headers=auth).json()
    assert export["saved_codes"][0]["note"] == "left hip"
    assert web.delete("/api/saved/M61.28", headers=auth).status_code == 204
    assert web.delete("/api/saved/M61.28", headers=auth).status_code == 404
    assert web.request("DELETE", "/api/me", json={"password": flows.password}, headers=auth).status_code == 204
    assert web.get("/api/me", headers=auth).status_code == 401


def test_saving_an_invalid_code_is_a_400_with_suggestions(web: TestClient, flows: Any) -> None:
    _, auth = flows.api_token(web)
    r = web.post("/api/saved", json={"code": "M6I.28"}, headers=auth)
    assert r.status_code == 400
    assert "not an ICD-10-CM code" in r.json()["detail"] and "M61.28" in r.json()["suggestions"]
    r = web.post("/api/saved", json={"code": "M60-M63"}, headers=auth)
    assert r.status_code == 400 and "block" in r.json()["detail"]


def test_signup_rejects_duplicates_and_weak_passwords(web: TestClient, flows: Any) -> None:
    email = flows.new_email()
    assert web.post("/api/auth/signup", json={"email": email, "password": flows.password}).status_code == 201
    again = web.post("/api/auth/signup", json={"email": email.upper(), "password": flows.password})
    assert again.status_code == 409
    weak = web.post("/api/auth/signup", json={"email": flows.new_email(), "password": "qwertyuiop"})
    assert weak.status_code == 400 and "common" in weak.json()["detail"]


def test_token_endpoint_is_rate_limited_with_retry_after(web: TestClient, flows: Any) -> None:
    email = flows.new_email()
    web.post("/api/auth/signup", json={"email": email, "password": flows.password})
    for _ in range(5):  # per account and client address
        r = web.post("/api/auth/token", json={"email": email, "password": "not the password"})
        assert r.status_code == 401 and r.json()["detail"] == "Email or password is incorrect."
    r = web.post("/api/auth/token", json={"email": email, "password": flows.password})
    assert r.status_code == 429
    assert 1 <= int(r.headers["retry-after"]) <= 15 * 60


def test_unknown_email_and_wrong_password_answer_alike(web: TestClient, flows: Any) -> None:
    email = flows.new_email()
    web.post("/api/auth/signup", json={"email": email, "password": flows.password})
    unknown = web.post("/api/auth/token", json={"email": flows.new_email(), "password": flows.password})
    wrong = web.post("/api/auth/token", json={"email": email, "password": flows.password + "x"})
    assert unknown.status_code == wrong.status_code == 401
    assert unknown.json() == wrong.json()


def test_session_cookie_writes_need_the_csrf_header(web: TestClient, flows: Any) -> None:
    flows.sign_up(web)
    assert web.get("/api/me").status_code == 200  # reads are fine with the cookie
    r = web.post("/api/saved", json={"code": "M61.28"})
    assert r.status_code == 403
    token = flows.form_token(web, "/account")
    r = web.post("/api/saved", json={"code": "M61.28"}, headers={"X-CSRF-Token": token})
    assert r.status_code == 201


def test_gated_article_sections_need_a_token(web: TestClient, flows: Any) -> None:
    listing = web.get("/api/articles", params={"lang": "en"}).json()["articles"]
    api_url = listing[0]["api_url"]  # every article has a treatment section
    anonymous = web.get(api_url).json()["sections"]
    gated = [s for s in anonymous if s["gated"]]
    assert gated and all(s["html"] is None and s["withheld"] for s in gated)
    _, auth = flows.api_token(web)
    signed_in = {s["key"]: s for s in web.get(api_url, headers=auth).json()["sections"]}
    assert all(signed_in[s["key"]]["html"] and not signed_in[s["key"]]["withheld"] for s in gated)
    bad = web.get(api_url, headers={"Authorization": "Bearer nos_" + "x" * 43}).json()["sections"]
    assert all(s["html"] is None for s in bad if s["gated"])


def test_saved_state_helper_for_pages(web: TestClient, flows: Any, accounts_app: Any) -> None:
    from starlette.requests import Request

    from nosology.web.auth import saved_state

    _, auth = flows.api_token(web)
    web.post("/api/saved", json={"code": "M61.28", "note": "left hip", "list": "Clinic"}, headers=auth)
    def request(headers: list[tuple[bytes, bytes]]) -> Request:
        return Request({"type": "http", "app": accounts_app, "headers": headers, "method": "GET", "path": "/", "query_string": b""})

    state = saved_state(request([(b"authorization", auth["Authorization"].encode())]), "M61.28")
    assert state.entry is not None and state.entry.note == "left hip" and [lst.name for lst in state.lists] == ["Clinic"]
    anonymous = saved_state(request([]), "M61.28")
    assert anonymous.entry is None and anonymous.lists == () and anonymous.digest() != state.digest()
