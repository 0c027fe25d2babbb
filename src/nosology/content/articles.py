"""The articles service: list, fetch, and resolve a code to the most specific article covering it.

The few dozen articles are read once per instance from the reference database (the file never
changes while open); which sections are gated comes from the settings at that moment, so it
can change without a rebuild.
"""

from __future__ import annotations

import builtins
import json
import logging
import re
import sqlite3
import threading
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import process

from nosology.content.codes import CodeSpan
from nosology.content.format import SECTIONS, article_languages, article_url
from nosology.errors import ArticleNotFound, NotFound
from nosology.languages import Languages
from nosology.models import Item
from nosology.settings import Settings
from nosology.store import ReferenceStore

__all__ = ["Article", "ArticleSummary", "Articles", "Section"]

_SLUG = re.compile(r"^[a-z0-9-]{1,100}$")
log = logging.getLogger("nosology.content")


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    html: str  # sanitised: safe to output as is
    gated: bool  # hidden from anonymous visitors (settings.gated_sections)

    def to_dict(self, signed_in: bool) -> dict[str, Any]:
        withheld = self.gated and not signed_in
        return {"key": self.key, "heading": self.heading, "gated": self.gated, "html": None if withheld else self.html, "withheld": withheld}


@dataclass(frozen=True)
class ArticleSummary:
    slug: str
    lang: str
    title: str
    summary: str
    codes: list[str]
    url: str
    translation_of: str
    translation_url: str | None
    last_reviewed: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "slug": self.slug, "lang": self.lang, "title": self.title, "summary": self.summary, "codes": self.codes,
            "url": self.url, "api_url": f"/api/articles/{self.lang}/{self.slug}", "translation_of": self.translation_of,
            "translation_url": self.translation_url, "last_reviewed": self.last_reviewed,
        }


@dataclass(frozen=True)
class Article:
    slug: str
    lang: str
    title: str
    summary: str
    codes: list[str]
    synonyms: list[str]
    last_reviewed: str
    references: list[dict[str, Any]]
    translation_of: str
    url: str
    sections: list[Section]
    notice_html: str
    translation_url: str | None = None
    spans: list[CodeSpan] = field(default_factory=list, repr=False)

    @property
    def gated_sections(self) -> list[str]:
        return [s.key for s in self.sections if s.gated]

    def brief(self) -> ArticleSummary:
        return ArticleSummary(self.slug, self.lang, self.title, self.summary, self.codes, self.url,
                              self.translation_of, self.translation_url, self.last_reviewed)

    def to_dict(self, signed_in: bool) -> dict[str, Any]:
        """The article as the API gives it: gated sections' html withheld from anonymous callers."""
        return {
            **self.brief().to_dict(),
            "synonyms": self.synonyms,
            "references": self.references,
            "sections": [s.to_dict(signed_in) for s in self.sections],
            "notice_html": self.notice_html,
            "gated_sections_withheld": [] if signed_in else self.gated_sections,
        }


class Articles:
    """Read access to the articles stored at build time."""

    def __init__(self, store: ReferenceStore, settings: Settings, languages: Languages | None = None) -> None:
        self.store = store
        self.settings = settings
        self.langs = article_languages(languages)
        self._lock = threading.Lock()
        self._loaded: dict[tuple[str, str], Article] | None = None

    # -- loading -----------------------------------------------------------------------------
    def _all(self) -> dict[tuple[str, str], Article]:
        if self._loaded is None:
            with self._lock:
                if self._loaded is None:
                    self._loaded = self._load()
        return self._loaded

    def _load(self) -> dict[tuple[str, str], Article]:
        try:
            rows = self.store.query("SELECT * FROM article ORDER BY lang, slug")
            sections = self.store.query("SELECT * FROM article_section ORDER BY lang, slug, pos")
            spans = self.store.query("SELECT * FROM article_code ORDER BY rowid")
        except sqlite3.OperationalError:
            return {}  # a database built before articles existed: no articles, not an error
        gated = set(self.settings.gated_sections)
        unknown = gated - {spec.key for spec in SECTIONS}
        if unknown:  # a typo here would silently un-gate a section: say so
            log.warning("gated_sections names unknown section(s) %s; known: %s", sorted(unknown), [spec.key for spec in SECTIONS])
        by_article: dict[tuple[str, str], list[Section]] = {}
        for r in sections:
            by_article.setdefault((r["lang"], r["slug"]), []).append(Section(r["key"], r["heading"], r["html"], r["key"] in gated))
        span_map: dict[tuple[str, str], list[CodeSpan]] = {}
        for r in spans:
            span_map.setdefault((r["lang"], r["slug"]), []).append(CodeSpan(r["code"], r["first_seq"], r["last_seq"]))
        keys = {(r["lang"], r["slug"]) for r in rows}
        loaded: dict[tuple[str, str], Article] = {}
        for r in rows:
            key = (r["lang"], r["slug"])
            pair = next(((lang, r["translation_of"]) for lang in self.langs if lang != r["lang"] and (lang, r["translation_of"]) in keys), None)
            loaded[key] = Article(
                slug=r["slug"], lang=r["lang"], title=r["title"], summary=r["summary"], codes=json.loads(r["codes"]),
                synonyms=json.loads(r["synonyms"]), last_reviewed=r["last_reviewed"], references=json.loads(r["refs"]),
                translation_of=r["translation_of"], url=article_url(r["lang"], r["slug"]),
                sections=by_article.get(key, []), notice_html=r["notice_html"],
                translation_url=article_url(*pair) if pair else None, spans=span_map.get(key, []),
            )
        return loaded

    # -- queries -----------------------------------------------------------------------------
    def list(self, lang: str | None = None) -> list[ArticleSummary]:
        if lang is not None:
            self._check_lang(lang)
        return [a.brief() for (lng, _), a in self._all().items() if lang is None or lng == lang]

    def get(self, lang: str, slug: str) -> Article:
        self._check_lang(lang)
        if not isinstance(slug, str) or not _SLUG.match(slug):
            raise ArticleNotFound(f"no article {slug[:100]!r}: article names are lower-case letters, digits and '-'", lang)
        found = self._all().get((lang, slug))
        if found is not None:
            return found
        raise ArticleNotFound(f"no {lang} article {slug!r}", lang, self._near(lang, slug))

    def _check_lang(self, lang: str) -> None:
        if lang not in self.langs:
            raise NotFound(f"no articles in language {lang[:20]!r}: articles are in {', '.join(self.langs)}", suggestions=list(self.langs))

    def _near(self, lang: str, slug: str) -> builtins.list[str]:
        """Slugs in ``lang``: the translation of an article of that slug in another language,
        else slugs that look alike."""
        for (lng, s), a in self._all().items():
            if s == slug and lng != lang:
                return [a.translation_of] if (lang, a.translation_of) in self._all() else []
        slugs = [s for (lng, s) in self._all() if lng == lang]
        return [m[0] for m in process.extract(slug, slugs, limit=3, score_cutoff=60)]

    def translation(self, article: Article) -> Article | None:
        for lang in self.langs:
            if lang != article.lang:
                found = self._all().get((lang, article.translation_of))
                if found is not None:
                    return found
        return None

    def _cover(self, item: Item, lang: str) -> tuple[Article, CodeSpan] | None:
        best: tuple[Article, CodeSpan] | None = None
        for (lng, _), article in self._all().items():
            if lng != lang:
                continue
            for span in article.spans:
                if span.covers(item.seq) and (best is None or (span.width, article.slug) < (best[1].width, best[0].slug)):
                    best = (article, span)
        return best

    def for_item(self, item: Item, ancestors: builtins.list[Item], lang: str = "en") -> Article | None:
        """The most specific article whose codes cover ``item`` (its own code, else the nearest
        ancestor's, ranges included). ``ancestors`` is accepted for symmetry with the record;
        coverage is read off the pre-order numbering, which already encodes them."""
        found = self._cover(item, lang)
        return found[0] if found else None

    def summary_for(self, item: Item, ancestors: builtins.list[Item], lang: str = "en") -> dict[str, Any] | None:
        found = self._cover(item, lang)
        if found is None:
            return None
        article, span = found
        return {
            "slug": article.slug, "lang": article.lang, "title": article.title, "summary": article.summary,
            "url": article.url, "api_url": f"/api/articles/{article.lang}/{article.slug}", "codes": article.codes,
            "covers_via": span.code, "translation_url": article.translation_url,
            "gated_sections": article.gated_sections,
        }

    def search_terms(self, lang: str | None = None) -> builtins.list[dict[str, str]]:
        """(term, lang, slug, code, kind) rows: article titles and synonyms, for the search index."""
        try:
            rows = self.store.query("SELECT term, lang, slug, code, kind FROM article_term" + (" WHERE lang = ?" if lang else ""), (lang,) if lang else ())
        except sqlite3.OperationalError:
            return []
        return [dict(r) for r in rows]
