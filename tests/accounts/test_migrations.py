"""The Alembic migrations build exactly the schema the models describe, on both backends."""

from __future__ import annotations

import threading

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from nosology.accounts.db import Database, migrate
from nosology.accounts.models import Base


def test_migrated_schema_matches_the_models(accounts_url: str) -> None:
    db = Database.from_url(accounts_url)
    try:
        migrate(db.engine)
        migrate(db.engine)  # idempotent: a second instance starting finds nothing to do
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
        assert diff == []
    finally:
        db.dispose()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: object) -> None:
    db = Database.from_url(f"sqlite:///{tmp_path}/a.sqlite")
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 15000
    finally:
        db.dispose()


def test_instances_starting_together_migrate_once(accounts_url: str) -> None:
    engines = [Database.from_url(accounts_url) for _ in range(4)]
    errors: list[BaseException] = []

    def run(db: Database) -> None:
        try:
            migrate(db.engine)
        except BaseException as exc:  # collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(db,)) for db in engines]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for db in engines:
        db.dispose()
    assert errors == []


def test_saved_codes_of_revision_0002_survive_the_upgrade(accounts_url: str) -> None:
    """Rows saved before saved_codes.updated_at existed read as never updated."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import inspect, text

    from nosology.accounts.db import MIGRATIONS

    db = Database.from_url(accounts_url)
    try:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with db.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "0002")
            conn.execute(text("INSERT INTO users (id, email, password_hash, created_at, password_changed_at) "
                              "VALUES (1, 'old@example.org', 'x', '2026-01-01 00:00:00', '2026-01-01 00:00:00')"))
            conn.execute(text("INSERT INTO saved_codes (user_id, code, note, created_at) "
                              "VALUES (1, 'M61.28', 'left hip', '2026-01-02 00:00:00')"))
        migrate(db.engine)
        with db.engine.connect() as conn:
            row = conn.execute(text("SELECT code, note, updated_at FROM saved_codes")).one()
        assert tuple(row) == ("M61.28", "left hip", None)
        with db.engine.begin() as conn:  # and back down, for an operator who rolls a release back
            config.attributes["connection"] = conn
            command.downgrade(config, "0002")
            columns = {c["name"] for c in inspect(conn).get_columns("saved_codes")}
        assert "updated_at" not in columns
    finally:
        db.dispose()
