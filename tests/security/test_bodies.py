"""Row 9: the JSON API answers an oversized body with 413 and a stalled one with 408, like the
HTML forms and FHIR, not with 400 "There was an error parsing the body"."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import httpx
import pytest
from tests.security.conftest import Server, bearer, client, new_email, sign_up

pytestmark = [pytest.mark.slow]

_PATHS = ["/api/auth/signup", "/api/auth/token", "/api/saved", "/fhir/CodeSystem/$lookup"]


def _chunks(total: int) -> Iterator[bytes]:
    piece = b'{"email": "' + b"a" * 65_000
    sent = 0
    while sent < total:
        yield piece
        sent += len(piece)


@pytest.mark.parametrize("path", _PATHS)
def test_chunked_body_over_the_limit_is_413(server: Server, path: str) -> None:
    with client(server.base) as http:
        email = new_email()
        sign_up(http, email)
        auth = bearer(http, email)
        r = http.post(path, content=_chunks(2_000_000), headers={**auth, "Content-Type": "application/json"})
        assert r.status_code == 413, (r.status_code, r.text[:300])


def _raw_status(port: int, request: bytes, wait: float) -> int:
    with socket.create_connection(("127.0.0.1", port), timeout=wait + 30) as sock:
        sock.sendall(request)
        reply = b""
        while b"\r\n" not in reply:
            chunk = sock.recv(4096)
            if not chunk:
                break
            reply += chunk
    return int(reply.split(b" ", 2)[1]) if reply else 0


@pytest.mark.parametrize("path", _PATHS)
def test_stalled_body_is_408(server: Server, path: str) -> None:
    with client(server.base) as http:
        email = new_email()
        sign_up(http, email)
        token = bearer(http, email)["Authorization"]
    head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nAuthorization: {token}\r\n"
            "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"email\": ").encode()
    started = time.monotonic()
    assert _raw_status(server.port, head, 20) == 408
    assert time.monotonic() - started < 25
    assert httpx.get(server.base + "/healthz").status_code == 200
