"""Which part of the body a code names, read from the classification's own words and structure.

Chapter 13 (musculoskeletal) names sites in its titles ("…, right shoulder", "…, other site");
chapter 19 groups injuries by body region in its S-blocks (S00-S09 head … S90-S99 ankle and
foot); laterality words ("right", "left", "bilateral", "unspecified <site>") name the side.
The figure itself (an SVG drawn for nosology) lives with the web templates; this module only
says which regions to highlight, so it is plain data and testable without HTTP.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nosology.models import Item

__all__ = ["REGIONS", "SIDED", "BodySite", "body_site"]

# Every region the figure draws. Sided regions exist twice in the figure (``shoulder-right`` …).
REGIONS: tuple[str, ...] = (
    "head", "neck", "chest", "abdomen", "pelvis", "spine",
    "shoulder", "upper-arm", "elbow", "forearm", "wrist", "hand",
    "hip", "thigh", "knee", "lower-leg", "ankle-foot",
)
SIDED: frozenset[str] = frozenset(
    {"shoulder", "upper-arm", "elbow", "forearm", "wrist", "hand", "hip", "thigh", "knee", "lower-leg", "ankle-foot"}
)

# Site words of ICD-10-CM titles, longest first so "upper arm" wins over "arm".
_SITE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("pelvic region and thigh", ("hip", "thigh")),
    ("ankle and foot", ("ankle-foot",)),
    ("ankle and toes", ("ankle-foot",)),
    ("foot and toes", ("ankle-foot",)),
    ("hand and fingers", ("hand",)),
    ("upper arm", ("upper-arm",)),
    ("lower leg", ("lower-leg",)),
    ("forearm", ("forearm",)),
    ("shoulder", ("shoulder",)),
    ("elbow", ("elbow",)),
    ("wrist", ("wrist",)),
    ("hand", ("hand",)),
    ("fingers?", ("hand",)),
    ("thumb", ("hand",)),
    ("hip", ("hip",)),
    ("thigh", ("thigh",)),
    ("femur", ("thigh",)),
    ("knee", ("knee",)),
    ("ankle", ("ankle-foot",)),
    ("foot", ("ankle-foot",)),
    ("toes?", ("ankle-foot",)),
    ("vertebrae", ("spine",)),
    ("occipito-atlanto-axial region", ("spine",)),
    ("cervicothoracic region", ("spine",)),
    ("thoracolumbar region", ("spine",)),
    ("lumbosacral region", ("spine",)),
    ("sacral and sacrococcygeal region", ("spine",)),
    ("cervical region", ("spine",)),
    ("thoracic region", ("spine",)),
    ("lumbar region", ("spine",)),
    ("spine", ("spine",)),
    ("pelvis", ("pelvis",)),
    ("pelvic region", ("pelvis",)),
    ("ribs?", ("chest",)),
    ("sternum", ("chest",)),
    ("chest wall", ("chest",)),
    ("jaw", ("head",)),
    ("head", ("head",)),
    ("neck", ("neck",)),
    # Organs that carry laterality in other chapters (only used when the title names a side).
    ("eye", ("head",)),
    ("ear", ("head",)),
    ("breast", ("chest",)),
    ("lung", ("chest",)),
    ("kidney", ("abdomen",)),
    ("ovary", ("pelvis",)),
    ("testis", ("pelvis",)),
    ("upper limb", ("shoulder", "upper-arm", "elbow", "forearm", "wrist", "hand")),
    ("lower limb", ("hip", "thigh", "knee", "lower-leg", "ankle-foot")),
)
# One pass over the title: each site word is a named group, so the match says which word it was.
_SITE_PATTERN = re.compile(r"\b(?:" + "|".join(f"(?P<w{n}>{w})" for n, (w, _) in enumerate(_SITE_WORDS)) + r")\b", re.IGNORECASE)

# Chapter 19's S-blocks, by the first two digits of the category (S00-S09 -> 0 …).
_S_BLOCKS: dict[int, tuple[str, ...]] = {
    0: ("head",), 1: ("neck",), 2: ("chest",), 3: ("abdomen", "pelvis", "spine"),
    4: ("shoulder", "upper-arm"), 5: ("elbow", "forearm"), 6: ("wrist", "hand"),
    7: ("hip", "thigh"), 8: ("knee", "lower-leg"), 9: ("ankle-foot",),
}
_SIDE = re.compile(r"\b(right|left|bilateral)\b", re.IGNORECASE)
_UNSPECIFIED_SIDE = re.compile(
    r"\bunspecified (?:side|upper arm|lower leg|ankle and foot|shoulder|elbow|forearm|wrist|hand|hip|thigh|knee|ankle|foot|"
    r"finger|thumb|toe|femur|humerus|radius|ulna|tibia|fibula|limb|upper limb|lower limb|eye|ear|breast|lung|kidney|ovary)",
    re.IGNORECASE,
)
_OTHER_SITE = re.compile(r"\bother (?:specified )?sites?\b", re.IGNORECASE)
_MULTIPLE = re.compile(r"\bmultiple sites\b", re.IGNORECASE)
_SITE_UNSPECIFIED = re.compile(r"\b(?:site unspecified|unspecified site)\b|, unspecified$", re.IGNORECASE)

MUSCULOSKELETAL = 13
INJURY = 19


@dataclass(frozen=True)
class BodySite:
    """What the figure highlights.

    ``kind`` is "region" (``regions`` highlighted on ``side``), "multiple" (multiple sites),
    "other" (a site not listed by the classification), "unspecified" (the code leaves the
    site open) or "none" (the code names no body site).
    ``side`` is "right", "left", "bilateral", "unspecified" (the code says the side is not
    known) or None (the code does not speak of a side).
    """

    kind: str
    regions: tuple[str, ...] = ()
    side: str | None = None

    def highlighted(self) -> frozenset[str]:
        """The figure's element ids to highlight (``shoulder-right``, ``head`` …)."""
        ids: set[str] = set()
        sides = {"right": ("right",), "left": ("left",)}.get(self.side or "", ("right", "left"))
        for region in self.regions:
            if region in SIDED:
                ids.update(f"{region}-{s}" for s in sides)
            else:
                ids.add(region)
        return frozenset(ids)


def _side(title: str) -> str | None:
    if _UNSPECIFIED_SIDE.search(title):
        return "unspecified"
    found = {m.group(1).lower() for m in _SIDE.finditer(title)}
    if "bilateral" in found or found == {"right", "left"}:
        return "bilateral"
    if found:
        return next(iter(found))
    return None


def _regions_from_words(title: str) -> tuple[str, ...]:
    regions: list[str] = []
    for match in _SITE_PATTERN.finditer(title):
        found = _SITE_WORDS[int(str(match.lastgroup)[1:])][1]
        regions.extend(r for r in found if r not in regions)
    return tuple(regions)


def _injury_regions(item: Item) -> tuple[str, ...]:
    code = item.code
    if code.startswith("S") and len(code) >= 3 and code[1:3].isdigit():
        return _S_BLOCKS.get(int(code[1]), ())
    return ()


def body_site(item: Item) -> BodySite:
    """The body site ``item`` names (from its full title and its place in the classification)."""
    title = item.title
    if item.kind in {"chapter", "block"}:
        return BodySite("none")
    side = _side(title)
    if item.chapter == INJURY and item.code.startswith("S"):
        regions = _regions_from_words(title) or _injury_regions(item)
        # Words inside an S-block are finer ("femur" in S72); keep them only when they agree.
        block = set(_injury_regions(item))
        if block and not set(regions) <= block:
            regions = tuple(sorted(block, key=REGIONS.index))
        return BodySite("region", regions, side)
    if item.chapter == MUSCULOSKELETAL:
        if _MULTIPLE.search(title):
            return BodySite("multiple", (), side)
        if _OTHER_SITE.search(title):
            return BodySite("other", (), side)
        regions = _regions_from_words(title)
        if regions:
            return BodySite("region", regions, side)
        if _SITE_UNSPECIFIED.search(title):
            return BodySite("unspecified", (), side)
        return BodySite("none")
    if side is not None:
        regions = _regions_from_words(title)
        if regions:
            return BodySite("region", regions, side)
    return BodySite("none")
