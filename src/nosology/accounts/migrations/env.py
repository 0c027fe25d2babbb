"""Alembic environment: always given a live connection by nosology.accounts.db.migrate."""

from __future__ import annotations

from alembic import context

from nosology.accounts.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through nosology.accounts.db.migrate(), which passes a connection")
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True, compare_type=True)
with context.begin_transaction():
    context.run_migrations()
