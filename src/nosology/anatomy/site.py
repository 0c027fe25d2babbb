"""Which body regions, on which side, a code names: read from the classification's own words.

The code's full title comes first (ICD-10-CM spells the site and laterality characters of every
chapter out in it: "…, right ear", "…of lower end of left radius…"); when it names no structure,
the Alphabetic Index paths that lead to the code, then its category, subcategory and block titles
(nearest first) supply one. Chapters never do (their titles are too broad to place on a body),
and a title that says the site is unspecified, multiple or "other" names no single site.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from nosology.anatomy.regions import region
from nosology.anatomy.rules import TermRules
from nosology.models import Item

__all__ = ["BodySite", "body_site", "side_of"]

_SIDE = re.compile(r"(?<![\w-])(right|left|bilateral|unilateral)(?![\w-])", re.IGNORECASE)
_UNSPECIFIED_SIDE = re.compile(r"\bunspecified (?:side|laterality)\b", re.IGNORECASE)
# "unspecified ear", "unspecified lower leg": a site named without its side
_UNSPECIFIED_SITE_SIDE = re.compile(r"\bunspecified (?!site|body region|part|organism|type|cause|stage|encounter)\w", re.IGNORECASE)
_NO_SINGLE_SITE = re.compile(
    r"\b(?:unspecified (?:site|body region)|site unspecified|multiple (?:sites|body regions)|other (?:specified )?sites?)\b",
    re.IGNORECASE,
)
# what follows "without" is absent ("… without myelopathy"), so it names no site of the code
_WITHOUT = re.compile(r"\bwithout\b.*?(?=,|;| of | with |$)", re.IGNORECASE)


@dataclass(frozen=True)
class BodySite:
    """What the figure highlights: ``regions`` (ids of nosology.anatomy.regions) on ``side``.

    ``side`` is "right", "left", "bilateral", "unspecified" (one side or a side the code leaves
    open) or None (the structure is single or the code does not speak of sides). ``source`` says
    where the regions were read: "title", "index", or the ancestor code whose title named them.
    """

    regions: tuple[str, ...] = ()
    side: str | None = None
    source: str = ""

    @property
    def shown(self) -> bool:
        return bool(self.regions)

    def highlighted(self) -> frozenset[str]:
        """The figure's element ids to highlight (``eye-right``, ``heart`` …)."""
        sides = {"right": ("right",), "left": ("left",)}.get(self.side or "", ("right", "left"))
        ids: set[str] = set()
        for r in self.regions:
            if region(r).sided:
                ids.update(f"{r}-{s}" for s in sides)
            else:
                ids.add(r)
        return frozenset(ids)


def side_of(title: str) -> str | None:
    """The side a title names: "right", "left", "bilateral", "unspecified" or None."""
    found = {m.group(1).lower() for m in _SIDE.finditer(title)}
    if "bilateral" in found or {"right", "left"} <= found:
        return "bilateral"
    if "right" in found or "left" in found:
        return "right" if "right" in found else "left"
    if "unilateral" in found or _UNSPECIFIED_SIDE.search(title) or _UNSPECIFIED_SITE_SIDE.search(title):
        return "unspecified"
    return None


def body_site(item: Item, ancestors: Sequence[Item], index_trails: Sequence[str], rules: TermRules) -> BodySite:
    """The body site ``item`` names; ``ancestors`` root first, ``index_trails`` its Index paths."""
    if item.kind in {"chapter", "block"}:
        return BodySite()
    side = side_of(item.title)
    title = _WITHOUT.sub("", item.title)
    regions = rules.regions_in(title)
    if regions:
        return BodySite(regions, side if _any_sided(regions) else None, "title")
    if _NO_SINGLE_SITE.search(title):
        return BodySite()
    regions = _index_regions(index_trails, rules)
    if regions:
        return BodySite(regions, side if _any_sided(regions) else None, "index")
    for ancestor in reversed(ancestors):
        if ancestor.kind == "chapter":
            break
        regions = rules.regions_in(_WITHOUT.sub("", ancestor.title))
        if regions:
            return BodySite(regions, side if _any_sided(regions) else None, ancestor.code)
    return BodySite()


def _index_regions(trails: Sequence[str], rules: TermRules) -> tuple[str, ...]:
    """The regions at least half the Index paths to the code name: a code is reached from many
    main terms ("Encounter › X-ray of chest" leads to a general examination), so one path alone
    does not place it on the body."""
    counts: dict[str, int] = {}
    for trail in trails:
        for r in rules.regions_in(_WITHOUT.sub("", trail)):
            counts[r] = counts.get(r, 0) + 1
    return tuple(r for r, n in counts.items() if 2 * n >= len(trails))


def _any_sided(regions: tuple[str, ...]) -> bool:
    return any(region(r).sided for r in regions)

