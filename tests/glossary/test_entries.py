"""Glossary files: each format rule fails with file and line (hand-made files)."""

from __future__ import annotations

from pathlib import Path

import pytest

from nosology.glossary.entries import GlossaryError, load_glossary, read_glossary_file

HEADER = "term\tdefinition\tlay\tkind\tsource\tpair\n"


def _file(tmp_path: Path, body: str, lang: str = "en", name: str = "anatomy.tsv") -> Path:
    folder = tmp_path / lang
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_reads_entries_comments_and_blank_lines(tmp_path: Path) -> None:
    path = _file(tmp_path, "# a comment\n\nclavicle\tThe long bone between the breastbone and the shoulder.\tcollarbone\tanatomy\tMedlinePlus\t\n")
    [entry] = read_glossary_file(path, "en", "en")
    assert (entry.term, entry.lay, entry.kind, entry.line) == ("clavicle", "collarbone", "anatomy", 4)
    assert entry.where == "en/anatomy.tsv:4"


@pytest.mark.parametrize(("line", "message"), [
    ("clavicle\tThe long bone.\tcollarbone\tanatomy\tMedlinePlus", "expected 6 tab-separated fields, got 5"),
    ("clavicle\tThe long bone.\t\tbone\tMedlinePlus\t", "kind must be one of"),
    ("clavicle\tThe long bone\t\tanatomy\tMedlinePlus\t", "must end with a period"),
    ("clavicle\t" + "word " * 26 + "end.\t\tanatomy\tMedlinePlus\t", r"has 27 words \(1-25\)"),
    ("clavicle\tClavicle: the long bone.\t\tanatomy\tMedlinePlus\t", "starts with the term"),
    ("clavicle\tThe long bone.\tClavicle\tanatomy\tMedlinePlus\t", "lay synonym of 'clavicle' is the term itself"),
    ("clavicle\tThe long bone.\t\tanatomy\t\t", "empty source"),
    ("clavicle\tThe long bone.\t\tanatomy\tMedlinePlus\tclavicle", "leave pair empty"),
    ("\tThe long bone.\t\tanatomy\tMedlinePlus\t", "empty term"),
])
def test_each_rule_names_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = _file(tmp_path, "# first\n" + line + "\n")
    with pytest.raises(GlossaryError, match=message) as caught:
        read_glossary_file(path, "en", "en")
    assert str(caught.value).startswith("en/anatomy.tsv:3: ")


def test_header_and_area_names_are_checked(tmp_path: Path) -> None:
    bad_header = tmp_path / "en" / "anatomy.tsv"
    bad_header.parent.mkdir()
    bad_header.write_text("term\tdefinition\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"en/anatomy\.tsv:1: header must be"):
        read_glossary_file(bad_header, "en", "en")
    with pytest.raises(GlossaryError, match="not an area file"):
        read_glossary_file(_file(tmp_path, "", name="bones.tsv"), "en", "en")


def test_pair_is_allowed_outside_the_default_language(tmp_path: Path) -> None:
    _file(tmp_path, "clavicule\tL'os long entre le sternum et l'épaule.\t\tanatomy\tLarousse médical\tclavicle\n", lang="fr")
    loaded = load_glossary(tmp_path, ["en", "fr"], "en")
    assert loaded["en"] == [] and loaded["fr"][0].pair == "clavicle"
