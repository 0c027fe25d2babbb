"""The lexicon loader: format, errors with file and line, and every shipped entry names a real code."""

from __future__ import annotations

from pathlib import Path

import pytest

from nosology.languages import default_languages
from nosology.library import Library
from nosology.search.lexicon import LexiconError, check_codes, load_lexicon, read_lexicon_file

LANGS = default_languages().codes

FIXTURES = Path(__file__).parent / "fixtures"
SHIPPED = Path(__file__).resolve().parents[2] / "src" / "nosology" / "lexicon"


def test_reads_entries_skipping_comments_and_blank_lines() -> None:
    entries = read_lexicon_file(FIXTURES / "lexicon_ok.tsv", LANGS)
    assert [(e.term, e.lang, e.code, e.kind) for e in entries] == [
        ("heart attack", "en", "I21.9", "lay"), ("crise cardiaque", "fr", "I21.9", "lay"), ("COPD", "en", "J44.9", "abbrev")]
    assert entries[0].where == "lexicon_ok.tsv:4"


def test_malformed_line_fails_with_file_and_line() -> None:
    with pytest.raises(LexiconError, match=r"lexicon_short_line.tsv:2: expected 5 tab-separated fields"):
        read_lexicon_file(FIXTURES / "lexicon_short_line.tsv", LANGS)


@pytest.mark.parametrize(("line", "message"), [
    ("x\tde\tM61\tlay\ts", "lang must be one of en, fr"),
    ("x\ten\tM61\tslang\ts", "kind must be one of"),
    ("x\ten\tM61\tlay\t", "empty source"),
    ("\ten\tM61\tlay\ts", "empty term"),
])
def test_field_checks(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("term\tlang\tcode\tkind\tsource\n" + line + "\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=f"bad.tsv:2: {message}"):
        read_lexicon_file(path, LANGS)


def test_header_is_required(tmp_path: Path) -> None:
    path = tmp_path / "nohead.tsv"
    path.write_text("heart attack\ten\tI21.9\tlay\tMedlinePlus\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"nohead\.tsv:1: header must be"):
        read_lexicon_file(path, LANGS)


def test_unknown_code_fails_with_file_and_line() -> None:
    entries = read_lexicon_file(FIXTURES / "lexicon_unknown_code.tsv", LANGS)
    known = {"M61": "M61"}
    with pytest.raises(LexiconError, match=r"lexicon_unknown_code.tsv:3: 'Z99.999' is not an ICD-10-CM code"):
        check_codes(entries, known.get)


def test_every_shipped_entry_names_an_existing_code(library: Library) -> None:
    entries = load_lexicon(SHIPPED, LANGS)
    assert entries, "the lexicon directory has no entries"

    def resolve(code: str) -> str | None:
        item = library.classification.find(code)
        return item.code if item else None

    pairs = check_codes(entries, resolve)
    assert len(pairs) == len(entries)
    # the contract asks for dotted codes: the spelling in the file is the official one
    assert [e.where for e, code in pairs if e.code != code] == []
