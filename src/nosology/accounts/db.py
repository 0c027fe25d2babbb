"""Engine creation and schema migration for the accounts database."""

from __future__ import annotations

import fcntl
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NoReturn

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.orm import Session as OrmSession

from nosology.accounts.errors import InvalidInput
from nosology.errors import AccountsUnavailable

__all__ = ["Database", "make_engine", "migrate"]

log = logging.getLogger("nosology.accounts")
_UNAVAILABLE = "Accounts are temporarily unavailable (the accounts database cannot be reached). Code pages still work."
_RETRY_SECONDS = 5.0

MIGRATIONS = Path(__file__).parent / "migrations"
# Any constant works: it only has to be the same in every instance that migrates the same database.
_PG_MIGRATION_LOCK = 7_240_661


def make_engine(url: str) -> Engine:
    """An engine for ``url``: SQLite in WAL mode with foreign keys, or PostgreSQL through psycopg 3."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, pool_pre_ping=True, connect_args={"timeout": 15, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin_immediate)
        return engine
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return create_engine(parsed, pool_pre_ping=True, pool_size=5, max_overflow=10, pool_recycle=1800,
                         connect_args={"connect_timeout": 5})


def _sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    # Transactions are begun by _sqlite_begin_immediate, not by the driver.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=15000")
    cur.execute("PRAGMA foreign_keys=ON")
    # FULL: an acknowledged save survives a crash of the machine, not just of the process.
    cur.execute("PRAGMA synchronous=FULL")
    cur.close()


def _sqlite_begin_immediate(conn: Connection) -> None:
    # Take the write lock at BEGIN: a transaction that reads then writes (save a code, renew a
    # session) then waits its turn (busy_timeout) instead of failing with "database is locked"
    # when another writer got there in between.
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision (safe to call from several instances at once)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with _sqlite_file_lock(engine), engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATION_LOCK})
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


@contextmanager
def _sqlite_file_lock(engine: Engine) -> Iterator[None]:
    """Serialise migrations of one SQLite file across worker processes (``serve --workers N``):
    two deferred transactions both creating tables would otherwise fail with "database is locked"."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:":
        yield
        return
    with open(f"{database}.migrate-lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class Database:
    """The accounts database: an engine, its schema brought up to date on first use, and
    transactions that turn "cannot reach the database" into :class:`AccountsUnavailable`."""

    def __init__(self, engine: Engine, clock: Callable[[], datetime] | None = None) -> None:
        self.engine = engine
        self.clock = clock or _utcnow
        self._migrated = False
        self._down_since = 0.0
        self._lock = threading.Lock()
        database = engine.url.database if engine.dialect.name == "sqlite" else None
        self._file = SqliteFile(Path(database)) if database and database != ":memory:" else None

    @classmethod
    def from_url(cls, url: str, clock: Callable[[], datetime] | None = None) -> Database:
        return cls(make_engine(url), clock)

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def now(self) -> datetime:
        return self.clock()

    def ensure_schema(self) -> None:
        """Migrate once per process (several instances may do it at once)."""
        if self._migrated:
            return
        with self._lock:
            if self._migrated:
                return
            self._fail_fast()
            try:
                migrate(self.engine)
            except (DBAPIError, OSError) as exc:
                self._went_down(exc)
            if self._file is not None:
                self._file.remember()
            self._migrated = True

    @contextmanager
    def tx(self) -> Iterator[OrmSession]:
        """One transaction, committed on success. Integrity errors pass through (callers map them)."""
        self._follow_file()
        self.ensure_schema()
        self._fail_fast()
        try:
            with OrmSession(self.engine, expire_on_commit=False) as session, session.begin():
                yield session
            if self._file is not None and self._file.changed():
                # Committed into a file that was deleted or replaced meanwhile: the write is lost
                # with it, so it must not be acknowledged.
                self._went_down(OSError(f"the accounts database {self._file.path} was removed or replaced"))
        except IntegrityError:
            raise
        except DataError:
            # A value the database cannot hold (out-of-range number, NUL byte): bad input, not a crash.
            raise InvalidInput("This input contains a value that cannot be stored.") from None
        except (OperationalError, InterfaceError) as exc:
            if "locked" in str(exc.orig) or "busy" in str(exc.orig):
                # Contention that outlasted busy_timeout: this request fails, the database is not down.
                raise AccountsUnavailable("Accounts are busy right now; try again in a moment.") from None
            self._went_down(exc)
        except DBAPIError as exc:
            if not exc.connection_invalidated:
                raise
            self._went_down(exc)

    def check(self) -> None:
        """AccountsUnavailable unless the database answers now."""
        with self.tx() as session:
            session.execute(text("SELECT 1"))

    def _follow_file(self) -> None:
        """A SQLite file deleted while running: down (503) until it is back, never recreated
        empty. A file replaced (restored from a backup): its new content is used from now on."""
        if self._file is None or not self._file.changed():
            return
        if not self._file.path.exists():
            self._went_down(OSError(f"the accounts database {self._file.path} is missing"))
        with self._lock:
            if self._file.changed():
                log.warning("accounts database %s was replaced: reopening it", self._file.path)
                self.engine.dispose()  # connections still open the old, unlinked file
                self._migrated = False
                self._down_since = 0.0
        self.ensure_schema()

    def _fail_fast(self) -> None:
        # While the database is known to be down, answer at once instead of waiting for a
        # connection timeout on every request (pages ask who the user is on each request).
        if self._down_since and time.monotonic() - self._down_since < _RETRY_SECONDS:
            raise AccountsUnavailable(_UNAVAILABLE)
        self._down_since = 0.0

    def _went_down(self, exc: Exception) -> NoReturn:
        log.warning("accounts database unavailable: %s", str(exc).splitlines()[0][:300] if str(exc) else type(exc).__name__)
        self._down_since = time.monotonic()
        raise AccountsUnavailable(_UNAVAILABLE) from None

    def dispose(self) -> None:
        self.engine.dispose()


class SqliteFile:
    """Which file (device and inode) a SQLite database path named when it was opened."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._identity: tuple[int, int] | None = None

    def _current(self) -> tuple[int, int] | None:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        return st.st_dev, st.st_ino

    def remember(self) -> None:
        self._identity = self._current()

    def changed(self) -> bool:
        return self._identity is not None and self._current() != self._identity


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
