"""Row 7: the SQLite accounts database deleted (or replaced) under a running server. Writes
into the deleted file are refused with 503, never acknowledged; /readyz says not ready; a file
put back is used; nothing acknowledged is lost across a restart."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.security.conftest import Server, bearer, client, new_email, sign_up

from nosology.settings import Settings

pytestmark = [pytest.mark.slow]


@pytest.fixture()
def sqlite_server(settings: Settings, tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    path = tmp_path / "accounts.sqlite"
    server = Server(settings.data_dir, f"sqlite:///{path}", tmp_path / "server.log").spawn().wait()
    yield server, path
    server.stop()


def _delete(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def _save(http: httpx.Client, auth: dict[str, str], code: str) -> int:
    return http.post("/api/saved", json={"code": code}, headers=auth).status_code


def test_writes_into_a_deleted_database_are_refused_and_a_restored_one_is_used(
        sqlite_server: tuple[Server, Path], tmp_path: Path) -> None:
    server, path = sqlite_server
    acknowledged: list[str] = []
    with client(server.base) as http:
        email = new_email()
        sign_up(http, email)
        auth = bearer(http, email)
        assert _save(http, auth, "M61.28") == 201
        acknowledged.append("M61.28")
        backup = tmp_path / "backup.sqlite"
        with sqlite3.connect(path) as live, sqlite3.connect(backup) as copy:
            live.backup(copy)
        assert http.get("/readyz").status_code == 200

        _delete(path)
        answers = [_save(http, auth, code) for code in ("M61.20", "M61.21", "M61.22", "M61.23", "M61.24", "M61.25",
                                                         "M61.26", "M61.27")]
        assert answers == [503] * 8
        ready = http.get("/readyz")
        assert ready.status_code == 503 and ready.json()["checks"]["accounts"].startswith("unavailable")
        assert not path.exists()  # not recreated empty behind the operator's back

        os.replace(backup, path)  # the operator restores the backup
        listed = http.get("/api/saved", headers=auth)
        assert listed.status_code == 200 and [s["code"] for s in listed.json()["saved"]] == ["M61.28"]
        assert _save(http, auth, "M61.29") == 201
        acknowledged.append("M61.29")
        assert http.get("/readyz").status_code == 200

    server.stop()
    restarted = Server(server.data_dir, server.database_url, server.log).spawn().wait()
    try:
        stored = httpx.get(restarted.base + "/api/saved", headers=auth).json()["saved"]
        assert sorted(s["code"] for s in stored) == sorted(acknowledged)
    finally:
        restarted.stop()
