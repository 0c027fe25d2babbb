"""Front matter checks: each field's presence, type and value, with the line it is on."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Any

from nosology.content.codes import CodeResolver, CodeSpan
from nosology.content.format import (
    FIELDS,
    LANGS,
    MIN_REFERENCES,
    OPTIONAL_FIELDS,
    REFERENCE_FIELDS,
    SLUG,
    SUMMARY_MAX,
)
from nosology.content.parse import SourceFile

__all__ = ["check_front_matter", "reviewed_date"]

_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_PMID = re.compile(r"^[0-9]{1,9}$")


def reviewed_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _text(value: Any) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def check_front_matter(source: SourceFile, codes: CodeResolver) -> list[CodeSpan]:
    """Check the fields of ``source`` and return the code spans its ``codes`` resolve to."""
    meta = source.meta
    if not source.lines:
        return []  # no readable front matter: the parser has said why
    for key in meta:
        if key not in FIELDS:
            close = difflib.get_close_matches(key, list(FIELDS), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f" (fields: {', '.join(FIELDS)})"
            source.problem(source.line_of(key), f"unknown front matter field {key!r}{hint}")
    for key in FIELDS:
        if key not in meta and key not in OPTIONAL_FIELDS:
            source.problem(2, f"missing front matter field {key!r}")
    _identity(source)
    summary = meta.get("summary")
    if "summary" in meta:
        text = _text(summary)
        if text is None:
            source.problem(source.line_of("summary"), "summary must be non-empty text")
        elif len(text) > SUMMARY_MAX:
            source.problem(source.line_of("summary"), f"summary is {len(text)} characters long: at most {SUMMARY_MAX}")
    if "synonyms" in meta:
        _synonyms(source)
    if "last_reviewed" in meta:
        day = reviewed_date(meta["last_reviewed"])
        if day is None:
            source.problem(source.line_of("last_reviewed"), f"last_reviewed must be an ISO date like 2026-11-21, not {meta['last_reviewed']!r}")
        elif day > dt.date.today() + dt.timedelta(days=1):
            source.problem(source.line_of("last_reviewed"), f"last_reviewed {day.isoformat()} is in the future")
    if "references" in meta:
        _references(source)
    return _codes(source, codes) if "codes" in meta else []


def _identity(source: SourceFile) -> None:
    meta = source.meta
    slug = meta.get("slug")
    if "slug" in meta:
        if not isinstance(slug, str) or not SLUG.match(slug):
            source.problem(source.line_of("slug"), f"slug {slug!r} must be lower-case ASCII words joined by '-'")
        elif slug != source.path.stem:
            source.problem(source.line_of("slug"), f"slug {slug!r} must be the file name: rename the file to {slug}.md or fix the slug")
    lang = meta.get("lang")
    if "lang" in meta:
        if lang not in LANGS:
            source.problem(source.line_of("lang"), f"lang {lang!r} must be one of {', '.join(LANGS)}")
        elif lang != source.lang_dir:
            source.problem(source.line_of("lang"), f"lang {lang!r} but the file is in the {source.lang_dir!r} directory")
    if "title" in meta:
        title = _text(meta.get("title"))
        if title is None:
            source.problem(source.line_of("title"), "title must be non-empty text")
        elif len(title) > 200:
            source.problem(source.line_of("title"), "title is longer than 200 characters")
    if "translation_of" in meta:
        target = meta.get("translation_of")
        if not isinstance(target, str) or not SLUG.match(target):
            source.problem(source.line_of("translation_of"), f"translation_of {target!r} must be the slug of the article in the other language")


def _synonyms(source: SourceFile) -> None:
    synonyms = source.meta.get("synonyms")
    if not isinstance(synonyms, list):
        source.problem(source.line_of("synonyms"), "synonyms must be a list, e.g. [NHO, paralytic heterotopic ossification]")
        return
    seen: set[str] = set()
    for n, value in enumerate(synonyms):
        text = _text(value)
        if text is None:
            source.problem(source.line_of("synonyms", n), f"synonym {value!r} must be non-empty text")
        elif text.casefold() in seen:
            source.problem(source.line_of("synonyms", n), f"synonym {text!r} is listed twice")
        else:
            seen.add(text.casefold())


def _codes(source: SourceFile, codes: CodeResolver) -> list[CodeSpan]:
    value = source.meta.get("codes")
    line = source.line_of("codes")
    if not isinstance(value, list) or not value:
        source.problem(line, "codes must be a non-empty list of ICD-10-CM codes or ranges, e.g. [M61.2] or [M61.4-M61.5]")
        return []
    spans: list[CodeSpan] = []
    for n, entry in enumerate(value):
        where = source.line_of("codes", n)
        if not isinstance(entry, str) or not entry.strip():
            source.problem(where, f"code {entry!r} must be text such as M61.2")
            continue
        span = codes.span(entry.strip())
        if span is None:
            near = codes.near(entry)
            hint = f" (near: {', '.join(near)})" if near else ""
            source.problem(where, f"code {entry.strip()!r} is not in ICD-10-CM{hint}")
            continue
        if span.code != entry.strip():
            source.problem(where, f"write the code as ICD-10-CM does: {span.code!r}, not {entry.strip()!r}")
        if any(s.code == span.code for s in spans):
            source.problem(where, f"code {span.code} is listed twice")
            continue
        spans.append(span)
    return spans


def _references(source: SourceFile) -> None:
    refs = source.meta.get("references")
    line = source.line_of("references")
    if not isinstance(refs, list):
        source.problem(line, "references must be a list of entries with authors, title, journal or publisher, year, doi/pmid")
        return
    if len(refs) < MIN_REFERENCES:
        source.problem(line, f"{len(refs)} reference(s): at least {MIN_REFERENCES} are required")
    seen: dict[str, int] = {}
    identified = 0
    this_year = dt.date.today().year
    for n, ref in enumerate(refs):
        where = source.line_of("references", n)
        label = f"reference {n + 1}"
        if not isinstance(ref, dict):
            source.problem(where, f"{label} must be a mapping (authors:, title:, journal:, year:, doi:)")
            continue
        unknown = sorted(set(map(str, ref)) - REFERENCE_FIELDS)
        if unknown:
            source.problem(where, f"{label} has unknown field(s) {', '.join(unknown)}")
        for key in ("authors", "title"):
            if _text(ref.get(key)) is None:
                source.problem(where, f"{label} needs {key}")
        if _text(ref.get("journal")) is None and _text(ref.get("publisher")) is None:
            source.problem(where, f"{label} needs a journal or a publisher")
        year = ref.get("year")
        if not isinstance(year, int) or isinstance(year, bool) or not 1800 <= year <= this_year + 1:
            source.problem(where, f"{label} needs a year (a number like 2019), not {year!r}")
        doi, pmid = ref.get("doi"), ref.get("pmid")
        if doi is not None and not (isinstance(doi, str) and _DOI.match(doi.strip())):
            source.problem(where, f"{label}: doi {doi!r} must look like 10.1002/jbm4.10172 (no https://doi.org/ prefix)")
        if pmid is not None and not _PMID.match(str(pmid).strip()):
            source.problem(where, f"{label}: pmid {pmid!r} must be digits")
        if doi or pmid:
            identified += 1
        for ident in (f"doi:{str(doi).lower()}" if doi else None, f"pmid:{pmid}" if pmid else None):
            if ident is None:
                continue
            if ident in seen:
                source.problem(where, f"{label} repeats reference {seen[ident]} ({ident})")
            else:
                seen[ident] = n + 1
    # An old paper may have no DOI, so not every entry needs one; but enough must be checkable.
    if len(refs) >= MIN_REFERENCES and identified < MIN_REFERENCES:
        source.problem(line, f"only {identified} reference(s) give a doi or pmid: at least {MIN_REFERENCES} must, so readers can check them")
