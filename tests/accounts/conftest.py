"""Accounts fixtures: every test runs on SQLite and on PostgreSQL (a fresh database per session,
emptied before each test), with a clock the test can move."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from tests.support.accounts import (
    Clock,
    fast_passwords,
    fresh_pg_database,
    need_from,
    truncate_all,
)

from nosology.accounts import AccountService
from nosology.accounts.db import Database
from nosology.library import Library


@pytest.fixture(scope="session")
def pg_accounts_url(pytestconfig: pytest.Config) -> Iterator[str]:
    with fresh_pg_database(need_from(pytestconfig), "acct") as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def accounts_url(request: pytest.FixtureRequest, tmp_path: object) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/accounts.sqlite"
    url: str = request.getfixturevalue("pg_accounts_url")
    truncate_all(url)
    return url


@pytest.fixture()
def clock() -> Clock:
    return Clock()


@pytest.fixture()
def service(accounts_url: str, clock: Clock, library: Library) -> Iterator[AccountService]:
    db = Database.from_url(accounts_url, clock)
    svc = AccountService(db, library.classification, passwords=fast_passwords())
    yield svc
    db.dispose()
