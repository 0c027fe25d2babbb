"""Whole answers of the read-only JSON endpoints, kept in front of the router.

A repeated ``/api/search`` or ``/api/codes/{code}`` was already answered from the endpoint's own
cache, but it still went through FastAPI's routing, parameter validation and dependency solving on
every request, which cost more than the rest of the answer (see ``bench/README.md``). An endpoint
whose answer depends on nothing but the request's path and query string (no cookie, no header,
no host) marks its successful response with :func:`reusable`; this middleware keeps that answer
and gives it again to the same GET without entering the app. The key is the path and the raw
query string, everything such an endpoint reads; a different spelling of the same parameters
is only a second entry. The reference data never changes while the process runs, so a kept
answer stays right, and the bound keeps memory in check. The middlewares outside this one (host
check, request id, log line, security headers) still run for every request.
"""

from __future__ import annotations

from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from nosology.cache import LruCache

__all__ = ["MARK", "FrontCacheMiddleware", "reusable"]

MARK = b"x-nosology-reusable"  # set by the endpoint, read and removed here: never sent
MAX_BODY = 256 * 1024  # larger answers are rare and not worth the memory

Kept = tuple[int, list[tuple[bytes, bytes]], bytes]  # status, headers, body


def reusable(response: Response) -> Response:
    """Mark ``response`` as depending only on the request's path and query string."""
    response.headers[MARK.decode()] = "1"
    return response


class FrontCacheMiddleware:
    def __init__(self, app: ASGIApp, entries: int = 8192) -> None:
        self.app = app
        self.kept = LruCache[Kept](entries)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope["query_string"])
        found = self.kept.get(key)
        if found is not None:
            status, headers, body = found
            await send({"type": "http.response.start", "status": status, "headers": list(headers)})
            await send({"type": "http.response.body", "body": body})
            return
        own_headers: list[tuple[bytes, bytes]] = []  # as the app sent them: the outer layers add theirs
        parts: list[bytes] = []
        keep = False

        async def watch(message: Message) -> None:
            nonlocal own_headers, keep
            if message["type"] == "http.response.start":
                headers = message.get("headers", [])
                keep = message["status"] == 200 and any(k == MARK for k, _ in headers)
                own_headers = [(k, v) for k, v in headers if k != MARK]
                message["headers"] = list(own_headers)
            elif message["type"] == "http.response.body" and keep:
                parts.append(message.get("body", b""))
                if sum(map(len, parts)) > MAX_BODY:
                    keep = False
                elif not message.get("more_body", False):
                    self.kept.put(key, (200, own_headers, b"".join(parts)))
            await send(message)

        await self.app(scope, receive, watch)
