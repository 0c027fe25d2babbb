"""The glossary data in the repository: every file passes the format rules, every entry is stored
by the build, and the rules that need the classification hold (the build checked them)."""

from __future__ import annotations

from pathlib import Path

import pytest

import nosology.glossary
from nosology.glossary.entries import AREAS, load_glossary
from nosology.library import Library

DATA = Path(nosology.glossary.__file__).parent


def test_files_are_area_files_and_pass_the_format_rules() -> None:
    loaded = load_glossary(DATA, ["en", "fr"], "en")
    for lang in ("en", "fr"):
        assert {p.stem for p in (DATA / lang).glob("*.tsv")} <= AREAS
        assert loaded[lang], f"no {lang} entries"
    english = {e.term.lower() for e in loaded["en"]}
    assert all(e.pair.lower() in english for e in loaded["fr"] if e.pair)


@pytest.mark.fulldata
def test_every_entry_is_stored_and_matched_by_itself(library: Library) -> None:
    loaded = load_glossary(DATA, library.languages.codes, library.languages.default.code)
    for lang, rows in loaded.items():
        stored = library.glossary.entries(lang)
        assert len(stored) == len(rows) == library.info()["glossary"]["entries"][lang]
        matcher = library.glossary.matcher(lang)
        for e in rows:  # longest first: a term is at least found as itself
            assert matcher.terms_in(e.term) == [e.term], e.where
