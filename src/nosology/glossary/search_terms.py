"""A search source: the glossary's lay words as weighted equivalents of their terms.

Each title of a code (the official title, and each translated language's own titles) that holds a
glossary term with a lay word is indexed once more with the lay words in place of the terms:
"Fracture of clavicle" is also found as "Fracture of collarbone", "Fracture of patella" as
"Fracture of kneecap", and the French titles with the French lay words. The rows have their own kind (``glossary``), which the
ranking gives no kind bonus, so an official title or a curated lexicon entry that says the same
wins a tie. 7th-character codes are left out: their titles are their parents' plus an encounter,
and search answers with the parent first anyway.
"""

from __future__ import annotations

import sqlite3

from nosology.glossary.matching import Matcher
from nosology.languages import Languages

__all__ = ["KIND", "SEARCH_KINDS", "glossary_search_terms"]

KIND = "glossary"
# Body parts only: their lay words name the same thing ("collarbone", "kneecap"). A condition's lay
# word is broader than its term ("cancer" for "malignant neoplasm"), and as an equivalent it lifts
# the wrong codes (measured on the dev sets: "Polype des fosses nasales" met "cancer des fosses nasales").
SEARCH_KINDS = ("anatomy",)
SOURCE = "nosology glossary: lay word"


def _lay_words(conn: sqlite3.Connection, lang: str) -> dict[str, str]:
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'glossary_entry'").fetchone() is None:
        return {}
    marks = ",".join("?" * len(SEARCH_KINDS))
    return dict(conn.execute(f"SELECT term, lay FROM glossary_entry WHERE lang = ? AND lay != '' AND kind IN ({marks})", (lang, *SEARCH_KINDS)))


def glossary_search_terms(conn: sqlite3.Connection, languages: Languages) -> list[tuple[str, str, str, str, str]]:
    """(term, lang, code, kind, source) rows for ``search_term``; run after the titles are in it."""
    rows: list[tuple[str, str, str, str, str]] = []
    for lang in languages:
        lay = _lay_words(conn, lang.code)
        if not lay:
            continue
        matcher = Matcher(lang, lay)
        title_kind = "title" if lang.code == languages.default.code else lang.title_kind
        seen: dict[str, str | None] = {}
        for title, code in conn.execute(
            "SELECT DISTINCT s.term, s.code FROM search_term s JOIN lookup l ON l.key = replace(s.code, '.', '') "
            "JOIN item i ON i.seq = l.seq WHERE s.kind = ? AND s.lang = ? AND i.seventh = 0 "
            "AND i.kind NOT IN ('chapter', 'block')", (title_kind, lang.code)
        ):
            if title not in seen:
                seen[title] = _with_lay(title, matcher, lay)
            variant = seen[title]
            if variant is not None:
                rows.append((variant, lang.code, code, KIND, SOURCE))
    return rows


def _with_lay(title: str, matcher: Matcher, lay: dict[str, str]) -> str | None:
    matches = matcher.find(title)[1]
    if not matches:
        return None
    out, at = [], 0
    for m in matches:
        out.append(title[at : m.start] + lay[m.term])
        at = m.end
    out.append(title[at:])
    return "".join(out)
