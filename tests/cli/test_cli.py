"""The CLI is a thin layer: right output, one clean line on errors, meaningful exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nosology.cli.main import app
from nosology.settings import Settings

runner = CliRunner()


@pytest.fixture(autouse=True)
def _data_dir(settings: Settings, library: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NOSOLOGY_DATA_DIR", str(settings.data_dir))


def test_code_shows_everything() -> None:
    result = runner.invoke(app, ["code", "M61.28"])
    assert result.exit_code == 0
    out = result.output
    assert "Paralytic calcification and ossification of muscle, other site" in out
    assert "Diseases of the musculoskeletal system" in out  # chapter 13 in the ancestry
    assert "Myositis ossificans associated with quadriplegia or paraplegia" in out  # inherited from M61.2
    assert "Autres localisations" in out
    assert "other site" in out


def test_code_json_and_french() -> None:
    result = runner.invoke(app, ["code", "m6128", "--json"])
    assert json.loads(result.output)["item"]["code"] == "M61.28"
    fr = runner.invoke(app, ["code", "M61.28", "--lang", "fr"])
    assert "Calcification et ossification paralytiques de muscles" in fr.output


def test_unknown_code_is_one_clean_line() -> None:
    result = runner.invoke(app, ["code", "W21.89A"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "W21.89XA" in result.output


@pytest.mark.parametrize(("code", "exit_code"), [("M61.28", 0), ("M61.2", 1), ("W21.89A", 1)])
def test_validate_exit_codes(code: str, exit_code: int) -> None:
    assert runner.invoke(app, ["validate", code]).exit_code == exit_code


def test_info_json() -> None:
    result = runner.invoke(app, ["info", "--json"])
    meta = json.loads(result.output)
    assert meta["counts"]["items"] == 98_505
    years = {f"icd10cm_{y}" for y in range(2019, 2026)}
    assert {s["key"] for s in meta["sources"]} == {"icd10cm", "icd10cm_codes", "who", "cim10",
                                                  "index_disease", "index_external", "index_neoplasm", "index_drug",
                                                  "drg_mcc", "drg_cc", "drg_cc_exclusions"} | years


def test_info_without_database(tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NOSOLOGY_DATA_DIR", str(tmp_path))
    result = runner.invoke(app, ["info"])
    assert result.exit_code == 1
    assert "nosology build" in result.output


def test_build_into_unusable_directory_is_one_clean_line(tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"  # type: ignore[operator]
    blocker.write_text("not a directory")
    monkeypatch.setenv("NOSOLOGY_DATA_DIR", str(blocker / "data"))
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output and "error:" in result.output


def test_code_and_validate_of_a_deleted_code() -> None:
    shown = runner.invoke(app, ["code", "S30.1XXA"])
    assert shown.exit_code == 0 and "not valid in FY2026" in shown.output and "S30.11XA" in shown.output
    as_json = json.loads(runner.invoke(app, ["code", "S30.1XXA", "--json"]).output)
    assert as_json["valid"] is False and as_json["since"] == 2026
    checked = runner.invoke(app, ["validate", "S30.1XXA"])
    assert checked.exit_code == 1 and checked.output.startswith("retired")
    g63 = runner.invoke(app, ["code", "G63"])
    assert "Cannot be listed first" in g63.output and "MS-DRG v43" in g63.output


def test_glossary_gaps_and_check_of_a_writers_folder(tmp_path: Path) -> None:
    gaps = runner.invoke(app, ["glossary", "gaps", "--lang", "en", "--n", "5"])
    assert gaps.exit_code == 0, gaps.output
    header, *rows = gaps.output.splitlines()
    assert header.split("\t") == ["word", "stem", "codes", "sole", "example"] and len(rows) == 5
    # a writer's folder with one broken entry: the build's own rule, file and line, no traceback
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "conditions.tsv").write_text("term\tdefinition\tlay\tkind\tsource\tpair\nxyzzyq\tA word.\t\tcondition\tMeSH\t\n")
    broken = runner.invoke(app, ["glossary", "check", "--dir", str(tmp_path)])
    assert broken.exit_code != 0 and "conditions.tsv:2" in broken.output and "Traceback" not in broken.output
    (tmp_path / "en" / "conditions.tsv").unlink()
    (tmp_path / "en" / "anatomy.tsv").write_text("term\tdefinition\tlay\tkind\tsource\tpair\nclavicle\tThe collarbone.\t\tanatomy\tMeSH\t\n")
    checked = runner.invoke(app, ["glossary", "check", "--dir", str(tmp_path), "--json"])
    assert checked.exit_code == 0, checked.output
    assert json.loads(checked.output)["entries"] == {"en": 1, "fr": 0}
