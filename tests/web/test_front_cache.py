"""The cache of whole answers in front of the router: only marked 200 GET answers are kept, the
mark is never sent, and what the outer middlewares add is per request."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from fastapi.testclient import TestClient
from starlette.types import Message, Receive, Scope, Send

from nosology.web.front_cache import MARK, MAX_BODY, FrontCacheMiddleware


def test_a_repeated_search_is_the_same_answer_with_its_own_request_id(client: TestClient) -> None:
    first = client.get("/api/search", params={"q": "heterotopic ossification", "limit": 3})
    again = client.get("/api/search", params={"q": "heterotopic ossification", "limit": 3})
    assert first.status_code == again.status_code == 200
    assert first.content == again.content
    for response in (first, again):
        assert MARK.decode() not in response.headers
        assert len(response.headers.get_list("x-request-id")) == 1
        assert response.headers["x-content-type-options"] == "nosniff"
    assert first.headers["x-request-id"] != again.headers["x-request-id"]


def test_a_page_asked_as_json_is_not_given_to_a_browser(client: TestClient) -> None:
    as_json = client.get("/codes/M61.28", headers={"Accept": "application/json"})
    as_html = client.get("/codes/M61.28", headers={"Accept": "text/html"})
    assert as_json.headers["content-type"].startswith("application/json")
    assert as_html.headers["content-type"].startswith("text/html")


def test_errors_are_not_kept(client: TestClient) -> None:
    assert client.get("/api/codes/W21.89A").status_code == 404
    assert client.get("/api/codes/W21.89A").status_code == 404
    assert client.get("/api/search", params={"q": " "}).status_code == 422


class _Toy:
    """An app that counts its calls and answers what it is told to."""

    def __init__(self, body: bytes, marked: bool, status: int = 200) -> None:
        self.calls = 0
        self.body, self.marked, self.status = body, marked, status

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.calls += 1
        headers = [(b"content-type", b"application/json")] + ([(MARK, b"1")] if self.marked else [])
        await send({"type": "http.response.start", "status": self.status, "headers": headers})
        await send({"type": "http.response.body", "body": self.body})


def _get(app: FrontCacheMiddleware, method: str = "GET") -> list[Message]:
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {"type": "http", "method": method, "path": "/api/x", "query_string": b"q=1", "headers": []}
    # a thread of its own: the browser tests' sync Playwright may keep an event loop running in this one
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, app(scope, receive, send)).result()
    return sent


def test_only_marked_small_ok_answers_to_get_are_kept() -> None:
    cases = [(_Toy(b"{}", marked=True), 1), (_Toy(b"{}", marked=False), 2), (_Toy(b"{}", marked=True, status=404), 2),
             (_Toy(b"x" * (MAX_BODY + 1), marked=True), 2)]
    for toy, calls in cases:
        front = FrontCacheMiddleware(toy)
        answers = [_get(front), _get(front)]
        assert toy.calls == calls
        assert answers[0] == answers[1]
        assert all(MARK not in dict(a[0]["headers"]) for a in answers)


def test_other_methods_pass_through() -> None:
    toy = _Toy(b"{}", marked=True)
    front = FrontCacheMiddleware(toy)
    _get(front, "POST")
    _get(front, "POST")
    assert toy.calls == 2
