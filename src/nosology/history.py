"""Code history FY2019-FY2026: the years a code was valid, its revisions, what replaced it.

Each fiscal year is a version of ICD-10-CM (FY2026 is the current one, the April 2026 tabular).
Only what consecutive code sets say is reported: a deleted code is answered with the new codes
of its nearest surviving ancestor, or that ancestor and its codes, never with a one-to-one
successor the sources do not give.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any

from nosology.classification import Classification
from nosology.codes import compact
from nosology.errors import UnknownVersion
from nosology.models import Item, Validation
from nosology.store import ReferenceStore

__all__ = ["CHANGE_KINDS", "ChangeEntry", "CodeHistory", "History", "Retirement", "Revision", "YearChanges", "fiscal_years_text"]

# Every class of change the build step records, in the order a reader wants them.
CHANGE_KINDS = ("added", "deleted", "expanded", "retitled", "new_header", "header_deleted", "now_billable")
_REPLACEMENT_LIMIT = 40


@dataclass(frozen=True)
class Revision:
    year: int
    old: str
    new: str


@dataclass(frozen=True)
class CodeHistory:
    """One code across the fiscal years of the code sets (``years``)."""

    code: str
    title: str  # the latest title
    valid_years: list[int]  # billable
    header_years: list[int]  # a code with codes below it, not billable
    revisions: list[Revision]
    years: list[int]

    @property
    def first_year(self) -> int:
        return min(self.valid_years + self.header_years)

    @property
    def introduced(self) -> int | None:
        """The year the code first appears, or None when it is in the first code set already."""
        return None if self.first_year == self.years[0] else self.first_year

    @property
    def current(self) -> int:
        return self.years[-1]

    @property
    def valid_now(self) -> bool:
        return self.current in self.valid_years

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("years")
        d |= {"introduced": self.introduced, "first_year": self.first_year, "current_year": self.current,
              "valid_now": self.valid_now, "valid_text": fiscal_years_text(self.valid_years)}
        return d


@dataclass(frozen=True)
class Retirement:
    """A code that was valid in an earlier year and is not valid in the current one."""

    history: CodeHistory
    reason: str  # "deleted" (gone) or "expanded" (now a header with codes below it)
    since: int  # the first fiscal year it is not valid
    ancestor: Item | None  # the nearest current code above it (itself when expanded)
    replacement: str  # "new_codes": new codes below the ancestor; "nearest": the ancestor's codes; "none"
    replaced_by: list[Item] = field(default_factory=list)

    @property
    def message(self) -> str:
        h = self.history
        text = (f"{h.code} was a valid ICD-10-CM code in {fiscal_years_text(h.valid_years)}; it is not valid since "
                f"October 1, {self.since - 1} (FY{self.since})")
        shown = ", ".join(i.code for i in self.replaced_by[:8]) + ("…" if len(self.replaced_by) > 8 else "")
        if self.reason == "expanded":
            return f"{text}: it was expanded into codes below it ({shown})"
        if self.replacement == "new_codes" and self.ancestor is not None:
            return f"{text}: {self.ancestor.code} gained new codes in FY{self.since} ({shown})"
        if self.replacement == "nearest" and self.ancestor is not None:
            return f"{text}: the nearest current code is {self.ancestor.code} ({self.ancestor.title})"
        return f"{text}: the category no longer exists"

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.history.code,
            "title": self.history.title,
            "valid": False,
            "reason": self.reason,
            "since": self.since,
            "message": self.message,
            "history": self.history.to_dict(),
            "ancestor": self.ancestor.brief() if self.ancestor else None,
            "replacement": self.replacement,
            "replaced_by": [i.brief() for i in self.replaced_by],
        }


@dataclass(frozen=True)
class ChangeEntry:
    code: str
    title: str
    chapter: int | None


@dataclass(frozen=True)
class YearChanges:
    year: int
    previous: int
    changes: dict[str, list[ChangeEntry]]  # kind -> entries in code order

    def counts(self) -> dict[str, int]:
        return {kind: len(self.changes.get(kind, [])) for kind in CHANGE_KINDS}

    def counts_by_chapter(self) -> dict[int, dict[str, int]]:
        out: dict[int, dict[str, int]] = {}
        for kind, entries in self.changes.items():
            for e in entries:
                row = out.setdefault(e.chapter or 0, dict.fromkeys(CHANGE_KINDS, 0))
                row[kind] += 1
        return dict(sorted(out.items()))

    def to_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "previous": self.previous,
            "counts": self.counts(),
            "by_chapter": [{"chapter": ch, **row} for ch, row in self.counts_by_chapter().items()],
            "changes": {kind: [asdict(e) for e in self.changes.get(kind, [])] for kind in CHANGE_KINDS},
        }


def fiscal_years_text(years: list[int]) -> str:
    """``[2019, 2020, 2021, 2023]`` -> ``FY2019–FY2021, FY2023``."""
    runs: list[list[int]] = []
    for y in sorted(years):
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(f"FY{r[0]}" if len(r) == 1 else f"FY{r[0]}–FY{r[-1]}" for r in runs) or "no year"


class History:
    """Queries over the history tables the build stored. Thread-safe; cheap to share."""

    def __init__(self, store: ReferenceStore, classification: Classification) -> None:
        self.store = store
        self.classification = classification

    def years(self) -> list[int]:
        """The fiscal years of the code sets, oldest first; the last is the current one."""
        return list(self._years)

    @cached_property
    def _years(self) -> tuple[int, ...]:
        raw = self.store.query_one("SELECT value FROM meta WHERE key = 'history'")
        return tuple(int(y) for y in json.loads(raw)["years"]) if raw else ()

    def check_year(self, year: int | str) -> int:
        """``year`` as an int when it is one of the code sets, else :class:`UnknownVersion`."""
        years = self.years()
        text = str(year).strip().upper().removeprefix("FY")
        if not text.isdigit() or int(text) not in years:
            shown = str(year)[:12]
            raise UnknownVersion(f"ICD-10-CM fiscal year {shown!r} is not available: the years are {', '.join(map(str, years))}", years)
        return int(text)

    def of(self, text: str) -> CodeHistory | None:
        """The history of a code in any spelling, or None when no code set has it."""
        key = compact(text)
        if not key or len(key) > 8:
            return None
        rows = self.store.query("SELECT code, billable_years, header_years, title FROM code_history WHERE key = ?", (key,))
        if not rows:
            return None
        row = rows[0]
        years = self.years()
        revisions = [Revision(r["year"], r["old"], r["new"]) for r in self.store.query("SELECT year, old, new FROM code_revision WHERE key = ? ORDER BY year", (key,))]
        title = row["title"]
        if title is None:
            item = self.classification.find(key)
            title = item.title if item is not None else row["code"]
        return CodeHistory(row["code"], title, _years(row["billable_years"], years), _years(row["header_years"], years), revisions, years)

    def title_in(self, text: str, year: int) -> tuple[str, bool] | None:
        """The title of a code in one fiscal year and whether it was billable, or None."""
        key = compact(text)
        history = self.of(key)
        if history is None or (year not in history.valid_years and year not in history.header_years):
            return None
        title = history.title
        for r in reversed(history.revisions):  # walk the revisions back to the year asked
            if r.year > year:
                title = r.old
        return title, year in history.valid_years

    def retirement(self, text: str) -> Retirement | None:
        """Why a code that was valid in an earlier year is not valid now, or None (valid now,
        never valid, or unknown)."""
        history = self.of(text)
        if history is None or history.valid_now or not history.valid_years:
            return None
        since = max(history.valid_years) + 1
        key = compact(history.code)
        own = self.classification.find(key)
        if own is not None:  # still a code, now a header: it was expanded
            below = self.classification.descendants(own, billable_only=True, limit=_REPLACEMENT_LIMIT)
            return Retirement(history, "expanded", since, own, "new_codes", below)
        ancestor = self._nearest_ancestor(key)
        if ancestor is None:
            return Retirement(history, "deleted", since, None, "none")
        new = self._new_codes_below(ancestor, since)
        if key[-1].isalpha() and len(key) == 7:  # a 7th character: keep the new codes with the same one
            same = [i for i in new if i.seventh and compact(i.code)[-1] == key[-1]]
            new = same or new
        if new:
            return Retirement(history, "deleted", since, ancestor, "new_codes", new[:_REPLACEMENT_LIMIT])
        codes = self.classification.children(ancestor)[:_REPLACEMENT_LIMIT]
        return Retirement(history, "deleted", since, ancestor, "nearest", codes)

    def _nearest_ancestor(self, key: str) -> Item | None:
        for n in range(len(key) - 1, 2, -1):
            found = self.classification.find(key[:n])
            if found is not None and found.kind not in {"chapter", "block"}:
                return found
        return None

    def _new_codes_below(self, ancestor: Item, year: int) -> list[Item]:
        """Billable codes below ``ancestor`` that the code set of the year before ``year`` lacks."""
        bit = 1 << (year - 1 - self.years()[0])
        rows = self.store.query(
            "SELECT i.seq FROM item i JOIN code_history h ON h.key = i.key WHERE i.seq > ? AND i.seq <= ? AND i.billable = 1"
            " AND (h.billable_years | h.header_years) & ? = 0 ORDER BY i.seq",
            (ancestor.seq, ancestor.last_seq, bit),
        )
        return self.classification.items(r["seq"] for r in rows)

    def validate(self, text: str) -> Validation:
        """:meth:`Classification.validate`, with codes of earlier years answered as such."""
        verdict = self.classification.validate(text)
        if verdict.status != "invalid":
            return verdict
        retired = self.retirement(text)
        if retired is None:
            return verdict
        return Validation(verdict.input, retired.history.code, "retired", False, False, retired.message, retired.history.title,
                          [i.code for i in retired.replaced_by[:20]])

    def changes(self, year: int | str) -> YearChanges:
        """What changed in ``year`` against the year before (the first code set has no changes)."""
        y = self.check_year(year)
        years = self.years()
        if y == years[0]:
            raise UnknownVersion(f"FY{y} is the first code set: changes are known from FY{years[1]} to FY{years[-1]}", years[1:])
        rows = self.store.query("SELECT kind, code, title, chapter FROM code_change WHERE year = ? ORDER BY kind, key", (y,))
        grouped: dict[str, list[ChangeEntry]] = {}
        for r in rows:
            grouped.setdefault(r["kind"], []).append(ChangeEntry(r["code"], r["title"], r["chapter"]))
        return YearChanges(y, y - 1, grouped)


def _years(mask: int, years: list[int]) -> list[int]:
    return [y for y in years if mask >> (y - years[0]) & 1]
