"""What a search returns: plain dataclasses the web and CLI layers serialise as they are."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["SearchHit", "SearchResults"]


@dataclass(frozen=True)
class SearchHit:
    code: str
    title: str
    titles: dict[str, str]  # the titles in the registry's other languages
    kind: str
    billable: bool
    score: float
    matched: str  # code | title | inclusion_term | <language>_title (french_title) | synonym | article | index
    matched_text: str
    valid: bool = True  # False: a code of an earlier fiscal year, no longer valid (found by its spelling)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class SearchResults:
    query: str  # the normalised query
    total: int  # distinct codes in the whole answer, exactly: every page up to it can be read
    results: list[SearchHit]
    did_you_mean: list[str] = field(default_factory=list)
    offset: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "total": self.total, "offset": self.offset,
                "did_you_mean": self.did_you_mean, "results": [h.to_dict() for h in self.results]}
