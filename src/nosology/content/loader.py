"""Build step: check the articles, render them to safe HTML and store them in the reference database.

Any content problem fails the build (the message lists every ``file:line: problem``): a site
with a half-valid article would be worse than a build error the author sees at once.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from nosology.content.check import CheckResult, check_content
from nosology.content.codes import SqliteCodes
from nosology.content.fields import reviewed_date
from nosology.content.format import LANGS
from nosology.content.parse import SourceFile
from nosology.content.render import make_markdown, render_tokens
from nosology.errors import ContentInvalid
from nosology.ingest.steps import BuildContext

__all__ = ["SCHEMA", "load_articles", "store_articles"]

SCHEMA = """
CREATE TABLE article (
  lang TEXT NOT NULL, slug TEXT NOT NULL, title TEXT NOT NULL, summary TEXT NOT NULL,
  codes TEXT NOT NULL, synonyms TEXT NOT NULL, last_reviewed TEXT NOT NULL, refs TEXT NOT NULL,
  translation_of TEXT NOT NULL, notice_html TEXT NOT NULL, source TEXT NOT NULL,
  PRIMARY KEY (lang, slug)
) WITHOUT ROWID;
CREATE TABLE article_section (
  lang TEXT NOT NULL, slug TEXT NOT NULL, pos INTEGER NOT NULL, key TEXT NOT NULL,
  heading TEXT NOT NULL, html TEXT NOT NULL, PRIMARY KEY (lang, slug, pos)
) WITHOUT ROWID;
-- Code coverage: an article applies to every item numbered in [first_seq, last_seq].
CREATE TABLE article_code (lang TEXT NOT NULL, slug TEXT NOT NULL, code TEXT NOT NULL, first_seq INTEGER NOT NULL, last_seq INTEGER NOT NULL);
CREATE INDEX article_code_first ON article_code(lang, first_seq);
-- What people may type to find an article (title, synonyms), and the codes it leads to.
CREATE TABLE article_term (term TEXT NOT NULL, lang TEXT NOT NULL, slug TEXT NOT NULL, code TEXT NOT NULL, kind TEXT NOT NULL);
CREATE INDEX article_term_lang ON article_term(lang);
"""

_MAX_LISTED = 40


def load_articles(conn: sqlite3.Connection, ctx: BuildContext) -> None:
    conn.executescript(SCHEMA)
    content_dir = ctx.content_dir
    if content_dir is None or not Path(content_dir).is_dir():
        ctx.meta["articles"] = {**dict.fromkeys(LANGS, 0), "content_dir": None}
        return
    result = check_content(Path(content_dir), SqliteCodes(conn))
    if result.problems:
        listed = "\n".join(f"  {p}" for p in result.problems[:_MAX_LISTED])
        more = f"\n  ... and {len(result.problems) - _MAX_LISTED} more" if len(result.problems) > _MAX_LISTED else ""
        raise ContentInvalid(
            f"{len(result.problems)} problem(s) in the articles under {content_dir} "
            f"(run `nosology content check`):\n{listed}{more}"
        )
    ctx.progress("Articles stored", advance=0, total=len(result.files))
    counts = store_articles(conn, result, Path(content_dir))
    ctx.progress("Articles stored", advance=len(result.files))
    ctx.meta["articles"] = counts  # titles and synonyms (article_term) are indexed by the search step


def store_articles(conn: sqlite3.Connection, result: CheckResult, content_dir: Path) -> dict[str, Any]:
    """Render and insert the checked articles; return counts per language."""
    md = make_markdown()
    counts: dict[str, Any] = dict.fromkeys(LANGS, 0)
    for source in result.files:
        spans = result.spans.get((source.lang, source.slug), [])
        _insert(conn, source, [s.code for s in spans], md, content_dir)
        conn.executemany(
            "INSERT INTO article_code VALUES (?, ?, ?, ?, ?)",
            [(source.lang, source.slug, s.code, s.first_seq, s.last_seq) for s in spans],
        )
        terms = _terms(source.meta)
        conn.executemany(
            "INSERT INTO article_term VALUES (?, ?, ?, ?, ?)",
            [(term, source.lang, source.slug, s.code, kind) for term, kind in terms for s in spans],
        )
        counts[source.lang] = counts.get(source.lang, 0) + 1
    return counts


def _terms(meta: dict[str, Any]) -> list[tuple[str, str]]:
    """(text, kind) for the title then each synonym, once each ignoring case."""
    seen: dict[str, tuple[str, str]] = {}
    for text, kind in [(meta["title"], "title"), *((s, "synonym") for s in meta.get("synonyms") or [])]:
        clean = " ".join(str(text).split())
        seen.setdefault(clean.casefold(), (clean, kind))
    return list(seen.values())


def _insert(conn: sqlite3.Connection, source: SourceFile, codes: list[str], md: Any, content_dir: Path) -> None:
    meta = source.meta
    day = reviewed_date(meta["last_reviewed"])
    refs = [{str(k): (str(v) if k in {"doi", "pmid"} else v) for k, v in ref.items()} for ref in meta["references"]]
    try:
        where = str(source.path.resolve().relative_to(content_dir.resolve()))
    except ValueError:
        where = source.path.name
    conn.execute(
        "INSERT INTO article VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            source.lang, source.slug, " ".join(str(meta["title"]).split()), " ".join(str(meta["summary"]).split()),
            json.dumps(codes), json.dumps([" ".join(str(s).split()) for s in meta.get("synonyms") or []], ensure_ascii=False),
            day.isoformat() if day else "", json.dumps(refs, ensure_ascii=False), str(meta["translation_of"]),
            render_tokens(md, source.notice_tokens, source.env), where,
        ),
    )
    conn.executemany(
        "INSERT INTO article_section VALUES (?, ?, ?, ?, ?, ?)",
        [
            (source.lang, source.slug, pos, section.key, section.heading, render_tokens(md, section.tokens, source.env))
            for pos, section in enumerate(s for s in source.sections if s.key)
        ],
    )
