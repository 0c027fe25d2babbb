"""ASGI middleware (plain ASGI, not BaseHTTPMiddleware, to keep the hot path cheap):

* request id, one JSON log line per request (method, path, status, duration; never the query string,
  which can carry health information, nor headers, which can carry credentials);
* security headers, with a strict Content-Security-Policy on HTML;
* request body limits: a declared or streamed body over the limit is refused with 413, and a client
  that stalls mid-body gets 408 instead of holding a worker.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import re
import time
import uuid

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from nosology.integers import parse_int

__all__ = ["BodyLimitMiddleware", "RequestLogMiddleware", "ResponseHeadersMiddleware", "SecurityHeadersMiddleware", "refuse"]


access_log = logging.getLogger("nosology.access")

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
_COMMON_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
]
_HTML_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-frame-options", b"DENY"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
_HSTS = (b"strict-transport-security", b"max-age=31536000")
_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data = {"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"), "level": record.levelname.lower(), "logger": record.name, "message": record.getMessage()}
        data.update(getattr(record, "fields", {}))
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False)


def configure_logging(json_lines: bool) -> None:
    """Called by the app factory: JSON lines on stderr for the nosology loggers."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter() if json_lines else logging.Formatter("%(levelname)s %(name)s %(message)s"))
    # one handler on the package logger; its children (nosology.access, nosology.web...) propagate to it
    logger = logging.getLogger("nosology")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.INFO)


class RequestLogMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        # a random per-process prefix and a counter: unique ids without a system call per request
        self._prefix = uuid.uuid4().hex[:16]
        self._counter = itertools.count(1)

    def _next_id(self) -> str:
        return f"{self._prefix}{next(self._counter):016x}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = Headers(scope=scope).get("x-request-id", "")
        request_id = given if _SAFE_REQUEST_ID.match(given) else self._next_id()
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            access_log.info(
                "request",
                extra={"fields": {
                    "request_id": request_id, "method": scope.get("method"), "path": scope.get("path", "")[:300],
                    "status": status, "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                }},
            )


class ResponseHeadersMiddleware:
    """Base for middleware that adds headers to every HTTP response: subclasses say which."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    def extra_headers(self, scope: Scope, headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
        raise NotImplementedError

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                message["headers"] = headers + self.extra_headers(scope, headers)
            await send(message)

        await self.app(scope, receive, send_with_headers)


class SecurityHeadersMiddleware(ResponseHeadersMiddleware):
    def extra_headers(self, scope: Scope, headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
        content_type = next((v for k, v in headers if k.lower() == b"content-type"), b"")
        present = {k.lower() for k, _ in headers}
        extra = _COMMON_HEADERS + (_HTML_HEADERS if content_type.startswith(b"text/html") else [])
        if scope.get("scheme") == "https":
            # Only over HTTPS (as seen through a trusted proxy's X-Forwarded-Proto): a browser
            # ignores HSTS on plain HTTP, and a plain-HTTP deployment must stay reachable.
            extra = [*extra, _HSTS]
        return [(k, v) for k, v in extra if k not in present]


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int, chunk_timeout: float = 15.0) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.chunk_timeout = chunk_timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None:
            length = parse_int(declared, 0, 10**18)
            if length is None:
                await refuse(send, 400, "invalid Content-Length header")
                return
            if length > self.max_bytes:
                # refused at once, in the representation the caller expects (HTML, JSON or a FHIR
                # OperationOutcome) by the app's one error renderer
                from nosology.web.errors import render

                detail = f"request body larger than {self.max_bytes} bytes"
                response = render(Request(scope), 413, {"detail": detail}, {"Connection": "close"})
                await response(scope, receive, send)
                return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            try:
                message = await asyncio.wait_for(receive(), timeout=self.chunk_timeout)
            except TimeoutError as exc:
                raise _BodyProblem(408, "request body too slow") from exc
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _BodyProblem(413, f"request body larger than {self.max_bytes} bytes")
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _BodyProblem as problem:
            if not started:
                await refuse(send, problem.status, problem.detail)


class _BodyProblem(HTTPException):
    """Raised from ``receive``. An HTTPException because FastAPI's body parsing re-raises those
    as they are (the app's error handler then answers 413/408); any other exception it turns
    into a 400 "error parsing the body"."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(status, detail, headers={"Connection": "close"})
        self.status = status


async def refuse(send: Send, status: int, detail: str) -> None:
    """Answer at once with a small JSON error, and close the connection."""
    body = json.dumps({"status": status, "error": "Request refused", "detail": detail}).encode()
    await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
