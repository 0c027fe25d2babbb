"""Shared fixtures: one full-data reference database per test session, an app and a client on it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from nosology.library import Library, build
from nosology.settings import Settings, load_settings

IN_CI = os.environ.get("CI", "").lower() == "true"


def need(condition: bool, reason: str) -> None:
    """Skip when a real component is missing, except in CI, where that is a failure."""
    if not condition:
        if IN_CI:
            pytest.fail(f"required in CI: {reason}")
        pytest.skip(reason)


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # NOSOLOGY_TEST_REUSE_DATA=dir reuses a database built earlier (quick local iterations).
    reuse = os.environ.get("NOSOLOGY_TEST_REUSE_DATA")
    if reuse and (Path(reuse) / "reference.sqlite").is_file():
        return Path(reuse)
    return tmp_path_factory.mktemp("data")


@pytest.fixture(scope="session")
def settings(data_dir: Path) -> Settings:
    # TestClient sends "Host: testserver"
    return load_settings({}, data_dir=data_dir, log_json=False, secret_key="test-secret-key-not-for-production",
                         trusted_hosts=("testserver", "127.0.0.1", "localhost"))


@pytest.fixture(scope="session")
def library(settings: Settings) -> Library:
    if not settings.reference_db.is_file():
        build(settings)
    return Library.open(settings)


@pytest.fixture(scope="session")
def app(settings: Settings, library: Library) -> FastAPI:
    from nosology.web.app import create_app

    return create_app(settings, library)


@pytest.fixture()
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


# Fixtures that need the full reference database (built once per session and worker).
FULL_DATA_FIXTURES = frozenset({"library", "app", "client", "data_dir"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test that uses the full database ``fulldata``, whatever fixture brings it in,
    so ``pytest -m "not fulldata"`` is the quick suite."""
    for item in items:
        if FULL_DATA_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.fulldata)
