"""MS-DRG v43 severity of a secondary diagnosis: MCC, CC or neither, and what cancels it.

A CC or MCC counts as neither when the principal diagnosis is one of its Table 6K exclusions;
a few count only when the patient is discharged alive (6K Part 2).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any

from nosology.codes import compact, with_dot
from nosology.search.results import SearchResults
from nosology.store import ReferenceStore

__all__ = ["SEVERITIES", "Drg", "DrgSeverity"]

SEVERITIES = ("mcc", "cc")


@dataclass(frozen=True)
class DrgSeverity:
    version: str
    severity: str | None  # "mcc", "cc" or None (neither)
    excluded_with: list[str] = field(default_factory=list)  # principal diagnoses that cancel it
    discharged_alive_only: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class Drg:
    """Queries over the MS-DRG tables the build stored."""

    def __init__(self, store: ReferenceStore) -> None:
        self.store = store

    @cached_property
    def version(self) -> str:
        raw = self.store.query_one("SELECT value FROM meta WHERE key = 'drg'")
        return str(json.loads(raw)["version"]) if raw else ""

    def severity(self, code: str) -> DrgSeverity:
        """The severity of ``code`` (any spelling) as a secondary diagnosis."""
        rows = self.store.query("SELECT level, pdx_collection, alive_only FROM drg_severity WHERE key = ?", (compact(code),))
        if not rows:
            return DrgSeverity(self.version, None)
        row = rows[0]
        excluded: list[str] = []
        if row["pdx_collection"] is not None:
            keys = self.store.query("SELECT key FROM drg_pdx WHERE collection = ? ORDER BY key", (row["pdx_collection"],))
            excluded = [with_dot(r["key"]) for r in keys]
        return DrgSeverity(self.version, row["level"], excluded, bool(row["alive_only"]))

    def count(self, severity: str) -> int:
        return int(self.store.query_one("SELECT count(*) FROM drg_severity WHERE level = ?", (severity,)))

    def keys_with(self, severity: str) -> frozenset[str]:
        """Every key of one severity."""
        return self._keys.get(severity, frozenset())

    @cached_property
    def _keys(self) -> dict[str, frozenset[str]]:
        rows = self.store.query("SELECT key, level FROM drg_severity")
        return {s: frozenset(r["key"] for r in rows if r["level"] == s) for s in SEVERITIES}

    def only(self, results: SearchResults, severity: str, *, limit: int, offset: int = 0) -> SearchResults:
        """The hits of ``results`` whose code has ``severity``, paged."""
        keys = self.keys_with(severity)
        hits = [h for h in results.results if h.valid and compact(h.code) in keys]
        return SearchResults(results.query, len(hits), hits[offset : offset + limit], results.did_you_mean, offset)
