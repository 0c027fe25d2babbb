"""ValueSet ``$expand`` of the implicit value sets, with paging and a text filter.

Without a filter the expansion lists concepts in classification order (pre-order ``seq``), so
paging is a range scan. With a filter, concepts come ranked by our search engine (English or
French), the subtree of ``isa/<code>`` is applied to its whole answer (computed once per request,
kept by the engine for the next page), and ``total`` is the exact number of matches, every page
reachable. The WHO system's filter is a title match of at most ``FILTER_CAP`` concepts.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from nosology.codes import compact
from nosology.languages import default_languages
from nosology.library import Library
from nosology.models import Item
from nosology.terminology.params import OpParams
from nosology.terminology.resources import Param, param
from nosology.terminology.systems import CM, CONCEPT_KINDS, Concept, cm_concept, who_concepts
from nosology.terminology.valuesets import ImplicitValueSet, parse_value_set

__all__ = ["DEFAULT_COUNT", "FILTER_CAP", "MAX_COUNT", "expand"]

DEFAULT_COUNT = 100
MAX_COUNT = 1000
FILTER_CAP = 1000
_PAGE = 100
_KINDS = ",".join(f"'{k}'" for k in CONCEPT_KINDS)
_ALLOWED = {"url", "filter", "count", "offset", "displayLanguage", "activeOnly", "includeDesignations",
            "valueSetVersion", "date", "excludeNested", "system-version", "force-system-version"}


def _entry(concept: Concept, lang: str, designations: bool) -> dict[str, Any]:
    entry: dict[str, Any] = {"system": concept.system.url, "version": concept.system.version, "code": concept.code,
                             "display": concept.display_in(lang)}
    if not concept.selectable:
        entry["abstract"] = True
    if designations:
        entry["designation"] = [{"language": default_languages().default.code, "value": concept.display}]
        entry["designation"] += [{"language": t.lang, "value": t.title, "use": {"system": "urn:nosology:designation-use", "code": t.level}}
                                 for t in concept.titles]
    return entry


def _cm_range(vs: ImplicitValueSet) -> tuple[int, int]:
    if vs.root is None or vs.root.item is None:
        return 0, 1 << 62
    return vs.root.item.seq, vs.root.item.last_seq


def _nth_concept_seq(library: Library, offset: int) -> int:
    """The seq of the concept at ``offset`` in classification order, without scanning up to it:
    items are numbered 1..N without gaps, and only the few hundred chapters and blocks (found
    through the parent index) are not concepts."""
    store = library.store
    skipped: list[int] = []
    frontier = [r[0] for r in store.query("SELECT seq FROM item WHERE parent IS NULL")]
    while frontier:
        skipped.extend(frontier)
        marks = ",".join("?" * len(frontier))
        frontier = [r[0] for r in store.query(f"SELECT seq FROM item WHERE parent IN ({marks}) AND kind IN ('chapter', 'block')", tuple(frontier))]
    seq = offset + 1
    for other in sorted(skipped):
        if other > seq:
            break
        seq += 1
    return seq


def _browse(library: Library, vs: ImplicitValueSet, count: int, offset: int) -> tuple[int, list[Concept]]:
    store, classification = library.store, library.classification
    if vs.system is CM:
        root = vs.root.item if vs.root else None
        seqs: Iterable[int]
        if root is not None:
            # Below a code there are only codes, numbered in pre-order without gaps.
            total = root.last_seq - root.seq + 1
            seqs = range(root.seq + offset, min(root.seq + offset + count, root.last_seq + 1))
        else:
            total = sum(store.meta()["counts"]["by_kind"].get(k, 0) for k in CONCEPT_KINDS)
            seqs = [r[0] for r in store.query(f"SELECT seq FROM item WHERE seq >= ? AND kind IN ({_KINDS}) ORDER BY seq LIMIT ?",
                                              (_nth_concept_seq(library, offset), count))]
        return total, [cm_concept(classification.item(s), classification) for s in seqs]
    prefix = compact(vs.root.code) if vs.root else ""
    where = f"kind IN ({_KINDS}) AND key >= ? AND key < ?"
    bounds = (prefix, prefix + "~")
    total = int(store.query_one(f"SELECT count(*) FROM who WHERE {where}", bounds))
    rows = store.query(f"SELECT code FROM who WHERE {where} ORDER BY key LIMIT ? OFFSET ?", (*bounds, count, offset))
    return total, who_concepts(store, [r["code"] for r in rows], library.languages)


def _words_like(text: str) -> tuple[list[str], list[str]]:
    words = [w for w in text.lower().split() if w][:8]
    return words, [f"%{w}%" for w in words]


def _engine_seqs(library: Library, text: str, lang: str, low: int, high: int) -> list[int]:
    """The seqs of the ICD-10-CM concepts between ``low`` and ``high`` that our search engine
    answers, ranked: the whole answer, computed once (the engine keeps it for the next page)."""
    general = {r[0] for r in library.store.query("SELECT seq FROM item WHERE kind NOT IN (" + _KINDS + ")")}
    return [seq for seq in library.search.ranked_seqs(text, lang=lang) if low <= seq <= high and seq not in general]


def _title_items(library: Library, text: str, lang: str, low: int, high: int) -> list[Item]:
    """Items between ``low`` and ``high`` whose title has every word, in classification order."""
    words, patterns = _words_like(text)
    if lang == library.languages.default.code:
        sql = " AND ".join("lower(title) LIKE ?" for _ in words) or "1"
        rows = library.store.query(f"SELECT seq FROM item WHERE seq BETWEEN ? AND ? AND {sql} AND kind IN ({_KINDS}) ORDER BY seq LIMIT ?",
                                   (low, high, *patterns, FILTER_CAP))
    else:
        sql = " AND ".join("lower(t.title) LIKE ?" for _ in words) or "1"
        rows = library.store.query(
            f"SELECT i.seq FROM item i JOIN item_title t ON t.seq = i.seq AND t.lang = ? WHERE i.seq BETWEEN ? AND ? AND {sql} "
            f"AND i.kind IN ({_KINDS}) ORDER BY i.seq LIMIT ?", (lang, low, high, *patterns, FILTER_CAP))
    return [library.classification.item(r[0]) for r in rows]


def _filtered(library: Library, vs: ImplicitValueSet, text: str, lang: str, count: int, offset: int) -> tuple[int, list[Concept]]:
    """The exact number of concepts the filter matches, and the page asked for."""
    classification = library.classification
    if vs.system is CM:
        # The engine ranks across the whole classification; inside a subtree, title matches the
        # engine does not answer follow its own (at most FILTER_CAP of them).
        low, high = _cm_range(vs)
        seqs = _engine_seqs(library, text, lang, low, high)
        if vs.root is not None:
            seen = set(seqs)
            seqs += [i.seq for i in _title_items(library, text, lang, low, high) if i.seq not in seen]
        return len(seqs), [cm_concept(classification.item(s), classification) for s in seqs[offset : offset + count]]
    words, patterns = _words_like(text)
    sql = " AND ".join("lower(title) LIKE ?" for _ in words) or "1"
    prefix = compact(vs.root.code) if vs.root else ""
    rows = library.store.query(f"SELECT code FROM who WHERE {sql} AND kind IN ({_KINDS}) AND key >= ? AND key < ? ORDER BY key LIMIT ?",
                               (*patterns, prefix, prefix + "~", FILTER_CAP))
    codes = [r["code"] for r in rows]
    return len(codes), who_concepts(library.store, codes[offset : offset + count], library.languages)


def expand(library: Library, params: OpParams, *, url: str | None = None) -> dict[str, Any]:
    params.reject_unknown(_ALLOWED)
    vs = parse_value_set(url or params.text("url", required=True), library.classification)
    count = params.integer("count", DEFAULT_COUNT, low=0, high=MAX_COUNT)
    offset = params.integer("offset", 0, low=0, high=10_000_000)
    lang = params.language()
    params.flag("activeOnly")  # every code of the release is active: accepted and checked, changes nothing
    designations = params.flag("includeDesignations")
    text = (params.text("filter") or "").strip()[: library.settings.max_query_chars]
    if text:
        total, page = _filtered(library, vs, text, lang, count, offset)
    else:
        total, page = _browse(library, vs, count, offset)
    used: list[Param] = [param("used-codesystem", f"{vs.system.url}|{vs.system.version}", "valueUri"),
                         param("count", count, "valueInteger"), param("offset", offset, "valueInteger"),
                         param("displayLanguage", lang, "valueCode")]
    if text:
        used.append(param("filter", text))
    expansion: dict[str, Any] = {
        "identifier": f"urn:uuid:{uuid.uuid4()}",
        "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
        "total": total,
        "offset": offset,
        "parameter": used,
    }
    if page:
        expansion["contains"] = [_entry(c, lang, designations) for c in page]
    return {
        "resourceType": "ValueSet",
        "url": vs.url,
        "version": vs.system.version,
        "name": "ImplicitValueSet",
        "title": vs.title,
        "status": "active",
        "language": lang,
        "expansion": expansion,
    }
