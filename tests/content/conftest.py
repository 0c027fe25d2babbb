"""Fixtures for the article pipeline: a hand-made code resolver, the fixture articles, and a
reference store holding the real classification plus articles of our choosing."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

import pytest

from nosology.content.codes import CodeSpan
from nosology.content.loader import load_articles
from nosology.ingest import BuildContext
from nosology.library import Library
from nosology.settings import Settings
from nosology.store import ReferenceStore

FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "valid"
BROKEN = FIXTURES / "broken"

class FakeCodes:
    """A few M61 codes with made-up item numbers in pre-order (M61.2x below M61.2 below M61)."""

    SPANS: ClassVar[dict[str, CodeSpan]] = {
        "M61": CodeSpan("M61", 100, 199), "M61.2": CodeSpan("M61.2", 120, 129), "M61.28": CodeSpan("M61.28", 128, 128),
        "M61.4": CodeSpan("M61.4", 140, 149), "M61.5": CodeSpan("M61.5", 150, 159), "M61.9": CodeSpan("M61.9", 199, 199),
    }

    def span(self, text: str) -> CodeSpan | None:
        found = self.SPANS.get(text.strip().upper())
        if found is None and text.count("-") == 1:
            a, b = (self.SPANS.get(p.strip().upper()) for p in text.split("-"))
            if a and b:
                return CodeSpan(f"{a.code}-{b.code}", a.first_seq, b.last_seq)
        return found

    def elsewhere(self, text: str) -> bool:
        return text == "M61.25"  # pretend: a CIM-10 code ICD-10-CM lacks

    def near(self, text: str) -> list[str]:
        return ["M61"] if text.startswith("M61") else []


def with_codes(text: str, slug: str, translation: str, codes: str) -> str:
    """The valid fixture article under another slug, pair and code list (links kept valid)."""
    out = text.replace("fixture-condition", slug).replace("affection-fixture", translation)
    return out.replace("codes: [M61.2]", f"codes: [{codes}]")



def settings_with(settings: Settings, **changes: object) -> Settings:
    return replace(settings, **changes)  # type: ignore[arg-type]


@pytest.fixture()
def codes() -> FakeCodes:
    return FakeCodes()


@pytest.fixture()
def content(tmp_path: Path) -> Path:
    """A writable copy of the valid fixture pair."""
    target = tmp_path / "content"
    shutil.copytree(VALID, target)
    return target


ArticleSet = list[tuple[str, str, str]]  # (en slug, fr slug, codes)


@pytest.fixture(scope="session")
def make_store(library: Library, tmp_path_factory: pytest.TempPathFactory) -> Callable[..., ReferenceStore]:
    """A reference store with the real ICD-10-CM tables and the given fixture-made articles,
    built in a second or so by copying the classification out of the session database.
    ``prepare(content_dir)`` may change the files before they are loaded."""

    def make(articles: ArticleSet, prepare: Callable[[Path], None] | None = None) -> ReferenceStore:
        root = tmp_path_factory.mktemp("articles")
        en = (VALID / "en" / "fixture-condition.md").read_text(encoding="utf-8")
        fr = (VALID / "fr" / "affection-fixture.md").read_text(encoding="utf-8")
        for lang in ("en", "fr"):
            (root / "content" / lang).mkdir(parents=True)
        for en_slug, fr_slug, code_list in articles:
            (root / "content" / "en" / f"{en_slug}.md").write_text(with_codes(en, en_slug, fr_slug, code_list), encoding="utf-8")
            (root / "content" / "fr" / f"{fr_slug}.md").write_text(with_codes(fr, en_slug, fr_slug, code_list), encoding="utf-8")
        if prepare is not None:
            prepare(root / "content")
        db = root / "reference.sqlite"
        conn = sqlite3.connect(db)
        conn.execute("ATTACH DATABASE ? AS ref", (str(library.settings.reference_db),))
        tables = [r[0] for r in conn.execute("SELECT name FROM ref.sqlite_master WHERE type = 'table' AND name NOT LIKE 'article%' AND name NOT LIKE 'search%' AND name NOT LIKE 'sqlite%'")]
        for table in tables:  # plain copies (no indexes): enough for a handful of lookups
            conn.execute(f"CREATE TABLE {table} AS SELECT * FROM ref.{table}")
        conn.commit()
        conn.execute("DETACH DATABASE ref")
        try:
            load_articles(conn, BuildContext(content_dir=root / "content"))
            conn.commit()
        finally:
            conn.close()
        return ReferenceStore(db)

    return make
