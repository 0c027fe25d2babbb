"""Build step: read the glossary files, check them against the classification, store the entries
(``glossary_entry``) and record their coverage of the billable titles for ``nosology info``."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from nosology.glossary.coverage import measure
from nosology.glossary.entries import GlossaryEntry, load_glossary
from nosology.glossary.matching import Matcher
from nosology.glossary.validate import check_glossary
from nosology.ingest.steps import BuildContext
from nosology.languages import Language, Languages

__all__ = ["GLOSSARY_TABLE", "billable_titles", "build_glossary", "check_against", "glossary_texts"]

GLOSSARY_TABLE = """
CREATE TABLE IF NOT EXISTS glossary_entry (
  lang TEXT NOT NULL,
  term TEXT NOT NULL,
  definition TEXT NOT NULL,
  lay TEXT NOT NULL,
  kind TEXT NOT NULL,
  source TEXT NOT NULL,
  pair TEXT NOT NULL,
  file TEXT NOT NULL,
  line INTEGER NOT NULL,
  PRIMARY KEY (lang, term)
) WITHOUT ROWID"""


def glossary_texts(conn: sqlite3.Connection, language: Language, default: str) -> Iterator[str]:
    """Every title and note of ``language`` a term may be checked against."""
    if language.code == default:
        yield from (t for (t,) in conn.execute("SELECT title FROM item"))
        yield from (t for (t,) in conn.execute("SELECT text FROM note"))
        yield from (t for (t,) in conn.execute("SELECT text FROM seven_chr"))
        return
    yield from (t for (t,) in conn.execute("SELECT DISTINCT title FROM item_title WHERE lang = ?", (language.code,)))
    if language.titles.kind == "cim10":
        yield from (t for (t,) in conn.execute("SELECT title FROM cim10"))


def billable_titles(conn: sqlite3.Connection, language: Language, default: str) -> list[tuple[int, str]]:
    """(chapter, title) of every billable code as a reader of ``language`` sees it."""
    if language.code == default:
        return conn.execute("SELECT chapter, title FROM item WHERE billable = 1 ORDER BY seq").fetchall()
    return conn.execute(
        "SELECT i.chapter, t.title FROM item i JOIN item_title t ON t.seq = i.seq AND t.lang = ? WHERE i.billable = 1 ORDER BY i.seq",
        (language.code,),
    ).fetchall()


def check_against(conn: sqlite3.Connection, languages: Languages, directory: Path | None) -> dict[str, Any]:
    """Check the glossary files under ``directory`` against the classification in ``conn``
    (:class:`GlossaryError` on the first broken rule) and measure their coverage of the billable
    titles: the ``glossary`` figures of the build meta."""
    return _checked(conn, languages, directory)[1]


def _checked(conn: sqlite3.Connection, languages: Languages, directory: Path | None) -> tuple[dict[str, list[GlossaryEntry]], dict[str, Any]]:
    default = languages.default.code
    entries = load_glossary(directory, languages.codes, default)
    matchers = {lang.code: Matcher(lang, (e.term for e in entries[lang.code])) for lang in languages}
    check_glossary(entries, matchers, {lang.code: glossary_texts(conn, lang, default) for lang in languages}, default)
    coverage = {lang.code: measure(matchers[lang.code], billable_titles(conn, lang, default)).to_dict() for lang in languages}
    return entries, {"entries": {lang: len(rows) for lang, rows in entries.items()}, "coverage": coverage}


def build_glossary(conn: sqlite3.Connection, ctx: BuildContext) -> None:
    ctx.progress("Glossary", 0, total=1)
    entries, meta = _checked(conn, ctx.languages, ctx.glossary_dir)
    conn.execute(GLOSSARY_TABLE)
    conn.executemany(
        "INSERT INTO glossary_entry VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ((e.lang, e.term, e.definition, e.lay, e.kind, e.source, e.pair, e.file, e.line) for rows in entries.values() for e in rows),
    )
    ctx.progress("Glossary")
    ctx.meta["glossary"] = meta
