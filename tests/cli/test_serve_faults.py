"""A missing or corrupt data file stops `nosology serve` with a clear message and exit code."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def _serve(data_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nosology.cli", "serve", "--port", "0"],
        env={**os.environ, "NOSOLOGY_DATA_DIR": str(data_dir), **env},
        capture_output=True, text=True, timeout=60,
    )


def test_missing_database_without_build(tmp_path: Path) -> None:
    result = _serve(tmp_path, NOSOLOGY_BUILD_IF_MISSING="false")
    assert result.returncode == 1
    assert "not found: run `nosology build`" in result.stderr
    assert "Traceback" not in result.stderr


def test_corrupt_database(tmp_path: Path) -> None:
    (tmp_path / "reference.sqlite").write_bytes(b"this is not a database" * 100)
    result = _serve(tmp_path)
    assert result.returncode == 1
    assert "cannot be read" in result.stderr
    assert "Traceback" not in result.stderr


def test_truncated_database(tmp_path: Path, settings: object) -> None:
    source = Path(getattr(settings, "reference_db"))  # noqa: B009
    (tmp_path / "reference.sqlite").write_bytes(source.read_bytes()[:4096])
    result = _serve(tmp_path)
    assert result.returncode == 1
    assert "run `nosology build`" in result.stderr
