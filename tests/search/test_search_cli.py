"""``nosology search``: a table, JSON, languages, one clean line on bad input."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from nosology.cli.main import app
from nosology.settings import Settings

runner = CliRunner()


@pytest.fixture(autouse=True)
def _data_dir(settings: Settings, library: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NOSOLOGY_DATA_DIR", str(settings.data_dir))


def test_table() -> None:
    result = runner.invoke(app, ["search", "gout"])
    assert result.exit_code == 0
    assert "M10" in result.output and "Gout" in result.output


def test_words_without_quotes_and_json() -> None:
    result = runner.invoke(app, ["search", "myositis", "ossificans", "progressiva", "--json", "--limit", "3"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["query"] == "myositis ossificans progressiva"
    assert len(data["results"]) == 3 and data["results"][0]["code"].startswith("M61.1")


def test_french_titles() -> None:
    result = runner.invoke(app, ["search", "sclérose en plaques", "--lang", "fr"])
    assert result.exit_code == 0 and "G35" in result.output and "Sclérose en plaques" in result.output


def test_typo_says_did_you_mean() -> None:
    result = runner.invoke(app, ["search", "pnuemonia"])
    assert "did you mean: pneumonia" in result.output


@pytest.mark.parametrize(("args", "message"), [(["search", "   "], "empty"), (["search", "gout", "--lang", "de"], "--lang must be one of en, fr")])
def test_bad_input_is_one_clean_line(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
