"""Helpers for testing code that uses accounts: a hand-moved clock, cheap password hashing,
throw-away PostgreSQL databases. Test code only: it lives under tests/, outside the package."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from nosology.accounts.passwords import Passwords

__all__ = ["Clock", "fast_passwords", "fresh_pg_database", "need_from", "truncate_all"]


def fast_passwords() -> Passwords:
    """Still argon2id, with tiny costs: the suite hashes hundreds of passwords."""
    return Passwords(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))

Need = Callable[[bool, str], None]


def need_from(config: Any) -> Need:
    """The ``need()`` of the suite's top-level tests/conftest.py, found through pytest's plugin
    registry (``config``), which works whatever pytest's import mode."""
    for plugin in config.pluginmanager.get_plugins():
        path = getattr(plugin, "__file__", None)
        if path and Path(path).name == "conftest.py" and Path(path).parent == Path(str(config.rootpath)) / "tests":
            need: Need = plugin.need
            return need
    raise RuntimeError("tests/conftest.py is not loaded")


class Clock:
    """A clock the test moves by hand (naive UTC, like the accounts database)."""

    def __init__(self) -> None:
        self.now = datetime(2026, 1, 1, 12, 0, 0)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)

TABLES = "login_failures, reset_tokens, saved_codes, saved_lists, api_tokens, sessions, users"


@contextmanager
def fresh_pg_database(need: Need, label: str) -> Iterator[str]:
    """A new empty database (dropped afterwards); skips, or fails in CI, without a server."""
    base = os.environ.get("NOSOLOGY_TEST_PG_URL", "")
    need(bool(base), "PostgreSQL tests need NOSOLOGY_TEST_PG_URL (scripts/services.sh sets it)")
    name = f"nosology_{label}_{secrets.token_hex(4)}"
    admin = create_engine(make_url(base), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        need(False, f"PostgreSQL at NOSOLOGY_TEST_PG_URL is not reachable: {exc}")
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def truncate_all(url: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            exists = conn.execute(text("SELECT to_regclass('public.users')")).scalar()
            if exists:
                conn.execute(text(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE"))
    finally:
        engine.dispose()
