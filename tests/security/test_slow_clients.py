"""Row 5: a client that does not finish its request headers within a few seconds is disconnected,
and a few thousand such sockets (one header line every 4 s) do not deny service to others, with
one process and with the production command ``nosology serve --workers 2``."""

from __future__ import annotations

import asyncio
import resource
import socket
import time
from collections.abc import Iterator

import httpx
import pytest
from tests.security.conftest import Server

from nosology.settings import Settings
from nosology.web.slowclients import HEADER_TIMEOUT

pytestmark = [pytest.mark.slow]
SLOW_SOCKETS = 2100


@pytest.fixture(scope="module", params=["1", "2"], ids=["one-process", "workers-2"])
def served(request: pytest.FixtureRequest, settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 8192)), hard))
    tmp = tmp_path_factory.mktemp("slow")
    server = Server(settings.data_dir, f"sqlite:///{tmp}/accounts.sqlite", tmp / "server.log",
                    args=("--workers", request.param)).spawn().wait()
    yield server
    server.stop()


def test_headers_trickled_for_longer_than_the_timeout_are_cut(served: Server) -> None:
    with socket.create_connection(("127.0.0.1", served.port), timeout=5) as sock:
        sock.sendall(b"GET /api/codes/A01.1 HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        started = time.monotonic()
        closed = False
        while time.monotonic() - started < HEADER_TIMEOUT + 10:
            time.sleep(1)
            try:
                sock.sendall(b"X-Slow: a\r\n")
                sock.setblocking(False)
                try:
                    closed = sock.recv(1) == b""
                except BlockingIOError:
                    pass
                finally:
                    sock.setblocking(True)
            except OSError:
                closed = True
            if closed:
                break
    assert closed, "the server kept a socket that never finished its headers"
    assert time.monotonic() - started < HEADER_TIMEOUT + 5


async def _slow(port: int, until: float) -> None:
    while time.monotonic() < until:
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            await asyncio.sleep(0.5)
            continue
        try:
            writer.write(b"GET /api/codes/A01.1 HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            while time.monotonic() < until and not reader.at_eof():
                await asyncio.sleep(4)
                writer.write(b"X-Slow: a\r\n")
                await writer.drain()
        except OSError:
            pass
        finally:
            writer.close()


async def _attack(base: str, port: int, seconds: float) -> list[bool]:
    until = time.monotonic() + seconds
    slow = [asyncio.create_task(_slow(port, until)) for _ in range(SLOW_SOCKETS)]
    await asyncio.sleep(3)
    answers: list[bool] = []
    async with httpx.AsyncClient(base_url=base, timeout=10) as http:
        while time.monotonic() < until:
            try:
                answers.append((await http.get("/api/codes/M61.28")).status_code == 200)
            except httpx.HTTPError:
                answers.append(False)
            await asyncio.sleep(0.1)
    await asyncio.gather(*slow, return_exceptions=True)
    return answers


def test_thousands_of_slow_sockets_do_not_deny_service(served: Server) -> None:
    answers = asyncio.run(_attack(served.base, served.port, 20))
    assert len(answers) >= 20
    assert sum(answers) / len(answers) >= 0.95, f"{sum(answers)} of {len(answers)} normal requests answered"
    assert httpx.get(served.base + "/healthz").status_code == 200


async def _keep_alive_pool(port: int, size: int) -> list[bool]:
    """``size`` keep-alive connections from one address (a reverse proxy's upstream pool, a load
    generator), each answered once and left idle, then each asked again on the same socket."""
    request = b"GET /api/codes/M61.28 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"

    async def ask(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        writer.write(request)
        await writer.drain()
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 5)
        length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:"))
        await asyncio.wait_for(reader.readexactly(length), 5)
        return head.startswith(b"HTTP/1.1 200")

    pool = []
    for _ in range(size):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        assert await ask(reader, writer)
        pool.append((reader, writer))
    answers = []
    for reader, writer in pool:
        try:
            answers.append(await ask(reader, writer))
        except (TimeoutError, OSError, asyncio.IncompleteReadError):
            answers.append(False)
        writer.close()
    return answers


def test_idle_keep_alive_connections_of_one_address_are_not_evicted(served: Server) -> None:
    # Over the cap of connections still sending headers: idle ones must not count against it
    answers = asyncio.run(_keep_alive_pool(served.port, 300))
    assert all(answers), f"{answers.count(False)} of 300 idle keep-alive connections were closed"
