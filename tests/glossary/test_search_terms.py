"""Glossary lay words as search equivalents: the source (hand-made tables) and the search (full data)."""

from __future__ import annotations

import sqlite3
from importlib import resources
from pathlib import Path

import pytest

from nosology.glossary.build import GLOSSARY_TABLE
from nosology.glossary.search_terms import KIND, glossary_search_terms
from nosology.languages import default_languages
from nosology.library import Library
from nosology.search.index import TERM_KINDS


def _conn(tmp_path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(tmp_path / "toy.sqlite")
    conn.executescript(resources.files("nosology.ingest").joinpath("schema.sql").read_text(encoding="utf-8"))
    conn.execute("CREATE TABLE search_term (id INTEGER PRIMARY KEY, term TEXT, lang TEXT, code TEXT, kind TEXT, source TEXT)")
    conn.execute(GLOSSARY_TABLE)
    items = [(1, "S42.0", "subcategory", 0), (2, "S42.001A", "code", 1), (3, "S40-S49", "block", 0)]
    for seq, code, kind, seventh in items:
        conn.execute("INSERT INTO item VALUES (?, ?, ?, ?, 'x', NULL, 19, 3, 1, ?, 0, ?, NULL, NULL, NULL, 0)",
                     (seq, code, code.replace(".", ""), kind, seventh, seq))
        conn.execute("INSERT INTO lookup VALUES (?, ?)", (code.replace(".", ""), seq))
    conn.executemany("INSERT INTO search_term (term, lang, code, kind, source) VALUES (?, ?, ?, ?, 'x')", [
        ("Fracture of clavicle", "en", "S42.0", "title"),
        ("Fracture of clavicle, initial encounter", "en", "S42.001A", "title"),  # 7th character: left out
        ("Injuries to the shoulder and clavicle", "en", "S40-S49", "title"),  # a block: left out
        ("Fracture de la clavicule", "fr", "S42.0", "french_title"),
    ])
    conn.executemany("INSERT INTO glossary_entry VALUES (?, ?, 'd.', ?, ?, 's', '', 'f.tsv', 1)", [
        ("en", "clavicle", "collarbone", "anatomy"), ("en", "fracture", "broken bone", "condition"),
        ("en", "initial", "first", "qualifier"),  # only body parts' lay words are search equivalents
        ("fr", "clavicule", "os du cou", "anatomy"),
    ])
    return conn


def test_lay_words_replace_their_terms_in_each_language(tmp_path: Path) -> None:
    rows = glossary_search_terms(_conn(tmp_path), default_languages())
    assert sorted((term, lang, code) for term, lang, code, kind, _ in rows if kind == KIND) == [
        ("Fracture de la os du cou", "fr", "S42.0"),
        ("Fracture of collarbone", "en", "S42.0"),
    ]
    assert KIND in TERM_KINDS


@pytest.mark.fulldata
@pytest.mark.parametrize(("query", "lang", "expected"), [
    ("collarbone fracture", "en", "S42.0"),
    ("broken kneecap", "en", "S82.0"),
    ("broken thigh bone", "en", "S72"),
])
def test_lay_words_find_their_codes(library: Library, query: str, lang: str, expected: str) -> None:
    found = [h.code for h in library.search.search(query, limit=5, lang=lang).results]
    assert any(code == expected or code.startswith(expected) for code in found), found
