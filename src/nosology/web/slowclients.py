"""Slow clients: uvicorn's HTTP protocol with a request-header deadline and a per-client cap on
connections that are still sending headers.

uvicorn alone keeps a socket open as long as it trickles header bytes (each byte cancels the
keep-alive timer, and a new connection has no timer at all), and counts such sockets against
``limit_concurrency``: a few thousand of them, each sending one header line every few seconds,
made every other client get 503. Here:

* a connection that has not finished a request's headers within ``HEADER_TIMEOUT`` seconds of
  opening (or of its previous response) is closed;
* each client address may have at most ``MAX_PENDING_PER_CLIENT`` connections still sending
  headers (new ones, and keep-alive ones that have started their next request); one more evicts
  the oldest such connection (preferring one that never completed a request) instead of being
  refused, so a client that sends its headers promptly (every real browser, every proxy) always
  gets in.

An idle keep-alive connection (a response sent, no byte of the next request yet) is not counted:
uvicorn closes it after its keep-alive timeout, and a reverse proxy or a load generator keeps
hundreds of them from one address. Counting them made each reconnection evict another idle one,
which reconnected in turn: at 256 benchmark clients, hundreds of dropped requests and a tail of
reconnections (bench/README.md, 2026-12-02).

Used by both ways of serving (web.server): uvicorn alone, and gunicorn's uvicorn workers. It
subclasses uvicorn's httptools protocol, so uvicorn and httptools are pinned in pyproject.toml.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.workers import UvicornWorker

__all__ = ["HEADER_TIMEOUT", "MAX_PENDING_PER_CLIENT", "GuardedHttpProtocol", "GuardedWorker"]

HEADER_TIMEOUT = 10.0
MAX_PENDING_PER_CLIENT = 128  # a proxy opening new upstream connections in a burst stays under it

# The connections of one server still waiting for headers, per client address, oldest first.
Pending = dict[str, dict["GuardedHttpProtocol", None]]


class GuardedHttpProtocol(HttpToolsProtocol):
    _deadline: asyncio.TimerHandle | None = None
    _served = 0  # responses completed on this connection

    def _pending(self) -> Pending:
        # Kept on uvicorn's per-server state, which every connection of one server shares.
        pending: Pending | None = getattr(self.server_state, "nosology_pending_headers", None)
        if pending is None:
            pending = {}
            self.server_state.nosology_pending_headers = pending  # type: ignore[attr-defined]
        return pending

    def _address(self) -> str:
        return self.client[0] if self.client else ""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._await_headers()
        self._join_crowd()

    def data_received(self, data: bytes) -> None:
        # The first bytes of the next request on a keep-alive connection: its headers are now due
        # and count against its client, as a new connection's do.
        if self._deadline is not None and self not in self._pending().get(self._address(), {}):
            self._join_crowd()
        super().data_received(data)

    def _join_crowd(self) -> None:
        crowd = self._pending().setdefault(self._address(), {})
        crowd[self] = None
        while len(crowd) > MAX_PENDING_PER_CLIENT:
            others = [c for c in crowd if c is not self]
            if not others:
                break
            # A socket that never finished a request is the likely attacker; one that has
            # finished one before has proved its client sends headers.
            next((c for c in others if not c._served), others[0])._drop()

    def _await_headers(self) -> None:
        self._stop_waiting()
        self._deadline = self.loop.call_later(HEADER_TIMEOUT, self._drop)

    def _stop_waiting(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None
        pending = self._pending()
        crowd = pending.get(self._address())
        if crowd is not None:
            crowd.pop(self, None)
            if not crowd:
                del pending[self._address()]

    def _drop(self) -> None:
        """Too slow, or evicted by a newer connection of the same client: close, no answer."""
        self._stop_waiting()
        if not self.transport.is_closing():
            self.transport.close()

    def on_headers_complete(self) -> None:
        self._stop_waiting()
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        self._served += 1
        super().on_response_complete()
        # Idle on keep-alive: the next request's headers are due like a new connection's.
        if self.timeout_keep_alive_task is not None:
            self._await_headers()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_waiting()
        super().connection_lost(exc)


class GuardedWorker(UvicornWorker):
    """gunicorn's uvicorn worker, speaking HTTP through :class:`GuardedHttpProtocol`."""

    CONFIG_KWARGS: dict[str, Any] = {"loop": "auto", "http": "nosology.web.slowclients:GuardedHttpProtocol"}  # noqa: RUF012 (uvicorn declares it so)
