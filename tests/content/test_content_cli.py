"""``nosology content check``: exit 0 and a summary when clean; exit 1 and ``file:line: message``
lines when not; ``--json`` for tools."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nosology.cli.main import app
from nosology.library import Library

runner = CliRunner()
BROKEN = Path(__file__).parent / "fixtures" / "broken"


@pytest.fixture()
def env(library: Library) -> dict[str, str]:
    return {"NOSOLOGY_DATA_DIR": str(library.settings.data_dir)}


def test_clean_content(content: Path, env: dict[str, str]) -> None:
    result = runner.invoke(app, ["content", "check", "--dir", str(content)], env=env)
    assert result.exit_code == 0, result.output
    assert "2 article file(s) checked (1 en, 1 fr), no problems" in result.output


def test_problems_exit_1_with_file_and_line(content: Path, env: dict[str, str]) -> None:
    shutil.copy(BROKEN / "raw-html.md", content / "en" / "fixture-condition.md")
    result = runner.invoke(app, ["content", "check", "--dir", str(content)], env=env)
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 2 and all(line.split(":")[0].endswith("en/fixture-condition.md") for line in lines)
    assert ":41: raw HTML is not allowed" in lines[0] and ":43: raw HTML" in lines[1]


def test_json(content: Path, env: dict[str, str]) -> None:
    shutil.copy(BROKEN / "unknown-code.md", content / "en" / "fixture-condition.md")
    result = runner.invoke(app, ["content", "check", "--dir", str(content), "--json"], env=env)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False and data["articles"] == {"en": 1, "fr": 1}
    assert [(p["line"], p["message"].split(" (")[0]) for p in data["problems"]] == [(6, "code 'M61.7' is not in ICD-10-CM")]


def test_missing_directory_is_a_clean_error(tmp_path: Path, env: dict[str, str]) -> None:
    result = runner.invoke(app, ["content", "check", "--dir", str(tmp_path / "nowhere")], env=env)
    assert result.exit_code == 2 and "no content directory" in result.output
