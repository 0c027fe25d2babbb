"""The body site of any code of the open reference data (its ancestors and Index paths read here)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from nosology.anatomy.rules import TermRules
from nosology.anatomy.site import BodySite, body_site
from nosology.cache import LruCache
from nosology.classification import Classification
from nosology.models import Item

if TYPE_CHECKING:
    from nosology.alphaindex import AlphabeticIndex

__all__ = ["Atlas"]


class Atlas:
    """``site(item)`` for the classification and Alphabetic Index it was opened with."""

    def __init__(self, classification: Classification, alphaindex: AlphabeticIndex | None) -> None:
        self.classification = classification
        self.alphaindex = alphaindex
        self.rules = TermRules.load()
        # keyed on the code alone: the title, ancestors and Index paths it reads never change
        # while the reference data is open
        self._sites: LruCache[BodySite] = LruCache(4096)

    def site(self, item: Item, ancestors: Sequence[Item] | None = None) -> BodySite:
        def make() -> BodySite:
            chain = self.classification.ancestors(item) if ancestors is None else ancestors
            return body_site(item, chain, self._trails(item), self.rules)

        return self._sites.get_or_make(item.code, make)

    def _trails(self, item: Item) -> list[str]:
        if self.alphaindex is None or item.kind in {"chapter", "block"}:
            return []
        return [e.trail for e in self.alphaindex.entries_for(item.code) if e.book == "disease"]
