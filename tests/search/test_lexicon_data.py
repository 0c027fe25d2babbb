"""Checks of the curated search lexicon data (``src/nosology/lexicon/*.tsv``).

The files are read with the plain csv module on purpose: this test validates the data itself, so it does
not depend on the search engine's loader. Minimums and the HO family list come from issue 3 ("thousands of
entries", EN + FR, the whole heterotopic-ossification family in both languages).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

import nosology
from nosology.library import Library

LEXICON_DIR = Path(nosology.__file__).parent / "lexicon"
HEADER = ["term", "lang", "code", "kind", "source"]
LANGS = {"en", "fr"}
KINDS = {"lay", "synonym", "abbrev"}
DOTTED_CODE = re.compile(r"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")

# Issue 3: "think in the thousands of entries", with French a first-class language.
MIN_TOTAL = 2_500
MIN_FRENCH = 1_000
MIN_PER_FILE = 40  # one file per body area: a file with fewer entries is a stub, not an area

# The heterotopic-ossification family named by issue 3, with the M61 subdivision each term must reach.
HO_FAMILY: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("heterotopic ossification", "M61"),
        ("HO", "M61"),
        ("neurogenic heterotopic ossification", "M61.2"),
        ("NHO", "M61.2"),
        ("myositis ossificans", "M61.0"),
        ("FOP", "M61.1"),
        ("fibrodysplasia ossificans progressiva", "M61.1"),
        ("stone man syndrome", "M61.1"),
        ("bone growing in muscle", "M61"),
        ("bone in muscle after spinal cord injury", "M61.2"),
        ("heterotopic ossification after burns", "M61.3"),
    ],
    "fr": [
        ("ossification hétérotopique", "M61"),
        ("OH", "M61"),
        ("POAN", "M61.2"),
        ("para-ostéo-arthropathie neurogène", "M61.2"),
        ("myosite ossifiante", "M61.0"),
        ("fibrodysplasie ossifiante progressive", "M61.1"),
        ("FOP", "M61.1"),
        ("maladie de l'homme de pierre", "M61.1"),
        ("calcification musculaire", "M61"),
        ("ossification hétérotopique du brûlé", "M61.3"),
    ],
}


@dataclass(frozen=True)
class Row:
    file: str
    line: int
    term: str
    lang: str
    code: str
    kind: str
    source: str

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


def _read(path: Path) -> tuple[list[str], list[Row]]:
    header: list[str] = []
    rows: list[Row] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for number, fields in enumerate(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE), start=1):
            if not fields or not "".join(fields).strip() or fields[0].startswith("#"):
                continue
            if not header:
                header = fields
                continue
            assert len(fields) == 5, f"{path.name}:{number}: {len(fields)} fields, expected 5: {fields!r}"
            rows.append(Row(path.name, number, *fields))
    return header, rows


@pytest.fixture(scope="module")
def files() -> list[Path]:
    found = sorted(LEXICON_DIR.glob("*.tsv"))
    assert found, f"no lexicon files in {LEXICON_DIR}"
    return found


@pytest.fixture(scope="module")
def rows(files: list[Path]) -> list[Row]:
    out: list[Row] = []
    for path in files:
        header, file_rows = _read(path)
        assert header == HEADER, f"{path.name}: header {header!r}"
        out.extend(file_rows)
    return out


def test_files_are_utf8_nfc_without_stray_whitespace(files: list[Path]) -> None:
    for path in files:
        text = path.read_bytes().decode("utf-8")
        assert "\r" not in text, f"{path.name}: CRLF line endings"
        assert unicodedata.normalize("NFC", text) == text, f"{path.name}: not NFC-normalised"


def test_fields_are_well_formed(rows: list[Row]) -> None:
    problems: list[str] = []
    for r in rows:
        if r.lang not in LANGS:
            problems.append(f"{r.where}: lang {r.lang!r}")
        if r.kind not in KINDS:
            problems.append(f"{r.where}: kind {r.kind!r}")
        if not r.source.strip():
            problems.append(f"{r.where}: empty source")
        if not DOTTED_CODE.match(r.code):
            problems.append(f"{r.where}: code {r.code!r} is not in dotted ICD-10-CM form")
        for name in ("term", "code", "source"):
            value = getattr(r, name)
            if value != value.strip() or "  " in value or not value:
                problems.append(f"{r.where}: {name} {value!r} has stray whitespace or is empty")
    assert not problems, "\n".join(problems[:50])


def test_no_duplicate_entries(rows: list[Row]) -> None:
    seen: dict[tuple[str, str, str], str] = {}
    duplicates: list[str] = []
    for r in rows:
        key = (r.term.casefold(), r.lang, r.code)
        if key in seen:
            duplicates.append(f"{r.where}: {key} already at {seen[key]}")
        seen.setdefault(key, r.where)
    assert not duplicates, "\n".join(duplicates[:50])


def test_every_code_exists_and_is_a_code(rows: list[Row], library: Library) -> None:
    first_use: dict[str, str] = {}
    for r in rows:
        first_use.setdefault(r.code, r.where)
    problems: list[str] = []
    for code, where in sorted(first_use.items()):
        # find() resolves the few identifiers shared by a block and its category (B20, F99...) to the category.
        found = library.classification.find(code)
        if found is None:
            problems.append(f"{where}: {code} does not exist in ICD-10-CM")
        elif found.kind in {"chapter", "block"}:
            problems.append(f"{where}: {code} is a {found.kind}, not a code")
        elif found.code != code:
            problems.append(f"{where}: {code} must be written as the official {found.code}")
    assert not problems, "\n".join(problems)


def test_abbreviations_look_like_abbreviations(rows: list[Row]) -> None:
    # An abbreviation is one short token ("COPD", "T2DM", "AC/FA", "SCA ST+"), never a phrase.
    wrong = [f"{r.where}: {r.term!r}" for r in rows if r.kind == "abbrev" and (len(r.term) > 12 or r.term.count(" ") > 1)]
    assert not wrong, "\n".join(wrong)


def test_counts(rows: list[Row], files: list[Path]) -> None:
    by_lang = Counter(r.lang for r in rows)
    assert len(rows) >= MIN_TOTAL, by_lang
    assert by_lang["fr"] >= MIN_FRENCH, by_lang
    assert by_lang["en"] >= MIN_FRENCH, by_lang
    by_file = Counter(r.file for r in rows)
    thin = {f.name: by_file[f.name] for f in files if by_file[f.name] < MIN_PER_FILE}
    assert not thin, f"files with fewer than {MIN_PER_FILE} entries: {thin}"
    for path in files:
        langs = {r.lang for r in rows if r.file == path.name}
        assert langs == LANGS, f"{path.name}: has only {langs}"


@pytest.mark.parametrize("lang", sorted(HO_FAMILY))
def test_heterotopic_ossification_family(rows: list[Row], lang: str) -> None:
    index: dict[str, set[str]] = {}
    for r in rows:
        if r.lang == lang:
            index.setdefault(r.term.casefold(), set()).add(r.code)
    missing = [
        f"{term!r} -> {code} (has {sorted(index.get(term.casefold(), set())) or 'nothing'})"
        for term, code in HO_FAMILY[lang]
        if code not in index.get(term.casefold(), set())
    ]
    assert not missing, "\n".join(missing)


def test_ho_family_stays_in_m61(rows: list[Row]) -> None:
    # The abbreviations of the family must not be pointed elsewhere by another area's file.
    for r in rows:
        if r.term.casefold() in {"ho", "nho", "poan", "fop", "myositis ossificans", "myosite ossifiante"}:
            assert r.code.startswith("M61"), f"{r.where}: {r.term!r} -> {r.code}"


def test_a_sample_of_common_conditions(rows: list[Row]) -> None:
    # Mappings a coder would give for the lay terms and abbreviations quoted in issue 3.
    expected = {
        ("heart attack", "en"): "I21",
        ("crise cardiaque", "fr"): "I21",
        ("pink eye", "en"): "H10",
        ("rhume des foins", "fr"): "J30.1",
        ("copd", "en"): "J44.9",
        ("bpco", "fr"): "J44.9",
        ("t2dm", "en"): "E11",
        ("hta", "fr"): "I10",
        ("shingles", "en"): "B02",
    }
    index: dict[tuple[str, str], set[str]] = {}
    for r in rows:
        index.setdefault((r.term.casefold(), r.lang), set()).add(r.code)
    wrong = {key: sorted(index.get(key, set())) for key, code in expected.items() if code not in index.get(key, set())}
    assert not wrong, wrong
