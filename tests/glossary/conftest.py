"""A tiny reference database holding only what the glossary reads: hand-made entries."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pytest

from nosology.glossary.build import GLOSSARY_TABLE
from nosology.glossary.reader import Glossary
from nosology.languages import default_languages
from nosology.store import ReferenceStore

# term, lang, definition, lay, kind, pair
ENTRIES = [
    ("clavicle", "en", "The long bone between the breastbone and the shoulder.", "collarbone", "anatomy", ""),
    ("fracture", "en", "A break in a bone.", "broken bone", "condition", ""),
    ("displaced", "en", "Moved out of its usual place; in a fracture, the pieces no longer line up.", "", "qualifier", ""),
    ("lateral end", "en", "The end farther from the middle of the body.", "outer end", "anatomy", ""),
    ("knee", "en", "The joint between the thigh and the lower leg.", "", "anatomy", ""),
    ("pain", "en", "An unpleasant feeling that tells the body something is wrong.", "", "condition", ""),
    ("chronic kidney disease", "en", "Kidneys that slowly lose their ability to clean the blood over months or years.", "CKD", "condition", ""),
    ("stage 3a", "en", "A middle stage of the disease: the kidneys work at less than two thirds of normal.", "", "qualifier", ""),
    ("cholera", "en", "A bowel infection caused by a germ in dirty water that gives severe watery diarrhea.", "", "condition", ""),
    ("unspecified", "en", "Not described in more detail in the medical record.", "", "convention", ""),
    ("diabetes mellitus", "en", "A disease in which the blood sugar is too high.", "diabetes", "condition", ""),
    ("clavicule", "fr", "L'os long entre le sternum et l'épaule.", "", "anatomy", "clavicle"),
    ("fracture", "fr", "Un os cassé.", "os cassé", "condition", "fracture"),
    ("genou", "fr", "L'articulation entre la cuisse et la jambe.", "", "anatomy", "knee"),
    ("douleur", "fr", "Une sensation désagréable qui signale un problème.", "", "condition", "pain"),
    ("ostéonécrose", "fr", "Mort d'une partie d'un os faute d'être irriguée par le sang.", "", "condition", "osteonecrosis"),
]


def make_store(path: Path, entries: list[tuple[str, str, str, str, str, str]]) -> ReferenceStore:
    conn = sqlite3.connect(path)
    conn.executescript(resources.files("nosology.ingest").joinpath("schema.sql").read_text(encoding="utf-8"))
    conn.execute("INSERT INTO meta VALUES ('complete', 'true')")
    conn.execute("INSERT INTO item VALUES (1, '1', '1', 'chapter', 'Toy', NULL, 1, 0, 0, 0, 0, 1, NULL, NULL, NULL, 0)")
    conn.execute(GLOSSARY_TABLE)
    conn.executemany("INSERT INTO glossary_entry VALUES (?, ?, ?, ?, ?, 'test', ?, 'toy.tsv', ?)",
                     [(lang, term, d, lay, kind, pair, n) for n, (term, lang, d, lay, kind, pair) in enumerate(entries, start=2)])
    conn.commit()
    conn.close()
    return ReferenceStore(path)


@pytest.fixture()
def toy_glossary(tmp_path: Path) -> Glossary:
    return Glossary(make_store(tmp_path / "toy.sqlite", ENTRIES), default_languages())


@pytest.fixture()
def glossary_of(tmp_path: Path) -> Callable[[list[tuple[str, str, str, str, str, str]]], Glossary]:
    def make(entries: list[tuple[str, str, str, str, str, str]]) -> Glossary:
        return Glossary(make_store(tmp_path / f"g{len(list(tmp_path.iterdir()))}.sqlite", entries), default_languages())

    return make
