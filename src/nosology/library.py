"""The core library in one object: settings, the reference data and the services built on it.

Nothing is loaded at import time; :meth:`Library.open` does it explicitly.
"""

from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nosology.classification import Classification
from nosology.glossary.entries import GLOSSARY_DIR
from nosology.ingest import BuildContext, build_database
from nosology.ingest.steps import Progress
from nosology.languages import Languages, default_languages
from nosology.settings import Settings, load_settings
from nosology.store import ReferenceStore

if TYPE_CHECKING:
    from nosology.alphaindex import AlphabeticIndex
    from nosology.anatomy.atlas import Atlas
    from nosology.codesystems import CodeSystems
    from nosology.content.articles import Articles
    from nosology.drg import Drg
    from nosology.glossary.reader import Glossary
    from nosology.glossary.summary import Summaries
    from nosology.history import History
    from nosology.search.engine import SearchEngine

__all__ = ["Library", "build"]


def build(settings: Settings, progress: Progress | None = None, languages: Languages | None = None) -> dict[str, Any]:
    """Build the reference database of ``settings`` from the official sources and our content.

    Args:
        settings: where the database goes (``settings.reference_db``).
        progress: called as each step advances (the CLI shows a progress bar).
        languages: the language registry whose titles to build (default: English and French).

    Raises:
        SourceMissing, SourceChecksumMismatch: an official source is absent or altered.
        ContentInvalid: an article fails ``nosology content check``.
    """
    here = Path(__file__).resolve().parent
    ctx = BuildContext(content_dir=_content_dir(), lexicon_dir=here / "lexicon", glossary_dir=GLOSSARY_DIR,
                       languages=languages or default_languages())
    if progress is not None:
        ctx.progress = progress
    return build_database(settings.reference_db, ctx)


def _content_dir() -> Path:
    """The articles: ``articles/`` inside the package (installed with it), or NOSOLOGY_CONTENT_DIR."""
    env = os.environ.get("NOSOLOGY_CONTENT_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent / "articles"


class Library:
    """The core in one object: the classification, search, articles and their settings.

    Args:
        settings: the settings (data directory, gated sections...).
        store: the built reference database.
        languages: the language registry (default: English and French).
    """

    def __init__(self, settings: Settings, store: ReferenceStore, languages: Languages | None = None) -> None:
        self.settings = settings
        self.store = store
        self.languages = languages or default_languages()
        self.classification = Classification(store, self.languages)

    @classmethod
    def open(cls, settings: Settings | None = None, *, build_if_missing: bool = False, progress: Progress | None = None,
             languages: Languages | None = None) -> Library:
        """Open the reference database of ``settings`` (building it first when it is missing and
        ``build_if_missing`` is set).

        Raises:
            DataMissing: there is no database and ``build_if_missing`` is false.
            DataCorrupt: the database cannot be read or is incomplete.
        """
        settings = settings or load_settings()
        if build_if_missing and not settings.reference_db.is_file():
            build(settings, progress, languages)
        return cls(settings, ReferenceStore(settings.reference_db), languages)

    @cached_property
    def search(self) -> SearchEngine:
        from nosology.search.engine import SearchEngine

        return SearchEngine(self.store, self.classification, max_query_chars=self.settings.max_query_chars)

    @cached_property
    def alphaindex(self) -> AlphabeticIndex:
        """The Alphabetic Index and its tables (FY2025 edition, codes checked against 2026)."""
        from nosology.alphaindex import AlphabeticIndex

        return AlphabeticIndex(self.store)

    @cached_property
    def atlas(self) -> Atlas:
        """Which body regions each code names (the code pages' figure)."""
        from nosology.anatomy.atlas import Atlas

        return Atlas(self.classification, self.alphaindex)

    @cached_property
    def articles(self) -> Articles:
        from nosology.content.articles import Articles

        return Articles(self.store, self.settings, self.languages)

    @cached_property
    def history(self) -> History:
        from nosology.history import History

        return History(self.store, self.classification)

    @cached_property
    def code_systems(self) -> CodeSystems:
        """The code systems served (FHIR, Infobutton): ICD-10-CM first, then WHO ICD-10."""
        from nosology.codesystems import CodeSystems, Icd10Cm, WhoIcd10

        def index_paths(code: str) -> list[str]:
            return [e.trail.replace(" › ", ", ") for e in self.alphaindex.entries_for(code, limit=20) if e.book in ("disease", "external")]

        cm = Icd10Cm(self.classification, search=lambda: self.search, index_paths=index_paths, history=lambda: self.history)
        return CodeSystems((cm, WhoIcd10(self.classification)))

    @cached_property
    def glossary(self) -> Glossary:
        """Our plain-words glossary of the titles' terms, in every language of the registry."""
        from nosology.glossary.reader import Glossary

        return Glossary(self.store, self.languages)

    @cached_property
    def summaries(self) -> Summaries:
        """One-sentence plain summaries of billable codes, from the classification and the glossary."""
        from nosology.glossary.summary import Summaries

        return Summaries(self.glossary, self.languages)

    @cached_property
    def drg(self) -> Drg:
        from nosology.drg import Drg

        return Drg(self.store)

    def readiness(self) -> dict[str, str]:
        """What a readiness probe reports of the reference data: ``ok``, or why not. Never raises."""
        checks: dict[str, str] = {}
        for name, sql, missing in (
            ("reference", "SELECT count(*) FROM item", "empty"),
            ("search_index", "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name LIKE 'search%'", "missing"),
        ):
            try:
                checks[name] = "ok" if self.store.query_one(sql) else missing
            except Exception as exc:  # any failure means not ready; the reason is reported
                checks[name] = f"error: {type(exc).__name__}"
        return checks

    def info(self) -> dict[str, Any]:
        meta = self.store.meta()
        meta.pop("complete", None)
        meta["database"] = str(self.settings.reference_db)
        return meta
