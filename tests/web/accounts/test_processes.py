"""Real server processes: two instances on one PostgreSQL database, and saves that survive SIGKILL."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from nosology.library import Library

pytestmark = [pytest.mark.slow]  # real server processes
PASSWORD = "lantern orbit velvet"


def _token(base: str, email: str) -> dict[str, str]:
    assert httpx.post(base + "/api/auth/signup", json={"email": email, "password": PASSWORD}).status_code == 201
    r = httpx.post(base + "/api/auth/token", json={"email": email, "password": PASSWORD})
    assert r.status_code == 201, r.text
    return {"Authorization": "Bearer " + r.json()["token"]}


def _browser_login(base: str, email: str) -> httpx.Client:
    client = httpx.Client(base_url=base)
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    r = client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token})
    assert r.status_code == 303, r.text[:300]
    return client


@pytest.mark.postgres
def test_two_instances_share_saves_and_logouts(servers: Callable[..., Any], pg_accounts_url: str) -> None:
    one, two = servers(pg_accounts_url, 2)
    auth = _token(one.base, "shared@example.org")
    assert httpx.post(one.base + "/api/saved", json={"code": "M61.28"}, headers=auth).status_code == 201
    listed = httpx.get(two.base + "/api/saved", headers=auth).json()
    assert [s["code"] for s in listed["saved"]] == ["M61.28"]

    browser = _browser_login(one.base, "shared@example.org")
    cookies = dict(browser.cookies)
    assert httpx.get(two.base + "/api/me", cookies=cookies).status_code == 200  # the session works on both
    page = browser.get("/account")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    assert browser.post("/logout", data={"csrf_token": token}).status_code == 303
    # instance two refuses the session that was logged out on instance one
    assert httpx.get(two.base + "/api/me", cookies=cookies).status_code == 401
    assert httpx.get(two.base + "/saved", cookies=cookies).headers.get("location", "").startswith("/login")


def test_acknowledged_saves_survive_sigkill(servers: Callable[..., Any], any_accounts_url: str, library: Library) -> None:
    m61 = library.classification.get("M61")
    codes = [i.code for i in library.classification.descendants(m61, billable_only=True, limit=200)]
    assert len(codes) >= 60  # M61 has well over a hundred billable codes (sites x laterality)
    [server] = servers(any_accounts_url)
    auth = _token(server.base, "durable@example.org")
    acknowledged: list[str] = []
    lock = threading.Lock()
    queue = iter(codes)

    def worker() -> None:
        with httpx.Client(base_url=server.base, headers=auth, timeout=10) as client:
            while True:
                with lock:
                    code = next(queue, None)
                if code is None:
                    return
                try:
                    r = client.post("/api/saved", json={"code": code, "note": "durability"})
                except httpx.HTTPError:
                    return  # the server died mid-request: not acknowledged
                if 200 <= r.status_code < 300:
                    with lock:
                        acknowledged.append(code)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 60
    while len(acknowledged) < 30 and time.monotonic() < deadline:
        time.sleep(0.01)
    server.kill()
    for t in threads:
        t.join(timeout=30)
    assert 30 <= len(acknowledged) < len(codes), "the kill should land in the middle of the stream"

    [restarted] = servers(any_accounts_url)
    stored = {s["code"] for s in httpx.get(restarted.base + "/api/saved", headers=auth).json()["saved"]}
    assert set(acknowledged) <= stored
