"""``nosology index TERM``: the Index entry with its subterms, JSON, a clean 404 line."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from nosology.cli.main import app
from nosology.settings import Settings

pytestmark = pytest.mark.fulldata

runner = CliRunner()


@pytest.fixture(autouse=True)
def _data_dir(settings: Settings, library: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NOSOLOGY_DATA_DIR", str(settings.data_dir))


def test_index_term_with_subterms() -> None:
    result = runner.invoke(app, ["index", "Pain,", "abdominal", "--depth", "1"])
    assert result.exit_code == 0, result.output
    assert "Pain › abdominal" in result.output and "R10.9" in result.output and "R10.83" in result.output
    assert "FY2025" in result.output


def test_index_marks_codes_that_need_more_characters() -> None:
    result = runner.invoke(app, ["index", "Acetaminophen", "--book", "drug"])
    assert result.exit_code == 0 and "T39.1X1 (more characters needed)" in result.output


def test_index_json() -> None:
    result = runner.invoke(app, ["index", "Impetigo", "--json", "--depth", "0"])
    data = json.loads(result.output)
    assert data["results"][0]["codes"][0]["code"] == "L01.00"


def test_unknown_term_is_one_clean_line() -> None:
    result = runner.invoke(app, ["index", "zzzzqqq"])
    assert result.exit_code != 0 and "No Index term" in result.output and "Traceback" not in result.output
    bad = runner.invoke(app, ["index", "Impetigo", "--book", "nope"])
    assert bad.exit_code != 0 and "--book" in bad.output
