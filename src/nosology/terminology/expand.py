"""ValueSet ``$expand`` of the implicit value sets, with paging and a text filter.

Without a filter the expansion lists concepts in classification order (pre-order ``seq``), so
paging is a range scan. With a filter, concepts come ranked by the code system's filter (for
ICD-10-CM our search engine's whole answer, in the display language, computed once per request
and kept by the engine for the next page), the subtree of ``isa/<code>`` applied to it; ``total``
is the number of matches the system reports (exact for ICD-10-CM), and every page is reachable.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from nosology.codesystems import Concept
from nosology.library import Library
from nosology.terminology.params import OpParams
from nosology.terminology.resources import Param, param
from nosology.terminology.valuesets import parse_value_set

__all__ = ["DEFAULT_COUNT", "MAX_COUNT", "expand"]

DEFAULT_COUNT = 100
MAX_COUNT = 1000
_ALLOWED = {"url", "filter", "count", "offset", "displayLanguage", "activeOnly", "includeDesignations",
            "valueSetVersion", "date", "excludeNested", "system-version", "force-system-version"}


def _entry(concept: Concept, lang: str, designations: bool, official: str) -> dict[str, Any]:
    entry: dict[str, Any] = {"system": concept.system.url, "version": concept.system.version, "code": concept.code,
                             "display": concept.display_in(lang)}
    if not concept.selectable:
        entry["abstract"] = True
    if designations:
        entry["designation"] = [{"language": official, "value": concept.display}]
        entry["designation"] += [{"language": t.lang, "value": t.title, "use": {"system": "urn:nosology:designation-use", "code": t.level}}
                                 for t in concept.titles]
    return entry


def expand(library: Library, params: OpParams, *, url: str | None = None) -> dict[str, Any]:
    params.reject_unknown(_ALLOWED)
    vs = parse_value_set(url or params.text("url", required=True), library.code_systems)
    count = params.integer("count", DEFAULT_COUNT, low=0, high=MAX_COUNT)
    offset = params.integer("offset", 0, low=0, high=10_000_000)
    lang = params.language()
    params.flag("activeOnly")  # every code of the release is active: accepted and checked, changes nothing
    designations = params.flag("includeDesignations")
    text = (params.text("filter") or "").strip()[: library.settings.max_query_chars]
    system = vs.system
    if text:
        found = system.filter(text, lang, vs.root, offset, count)
        total, page = found.total, found.concepts
    else:
        browsed = system.browse(vs.root, offset, count)
        total, page = browsed.total, browsed.concepts
    used: list[Param] = [param("used-codesystem", f"{system.info.url}|{system.info.version}", "valueUri"),
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
        official = library.languages.default.code
        expansion["contains"] = [_entry(c, lang, designations, official) for c in page]
    return {
        "resourceType": "ValueSet",
        "url": vs.url,
        "version": system.info.version,
        "name": "ImplicitValueSet",
        "title": vs.title,
        "status": "active",
        "language": lang,
        "expansion": expansion,
    }
