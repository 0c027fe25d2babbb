"""The regions the body figure draws: one registry, read by the mapping, the figure and the captions.

A sided region exists twice in the figure (``eye-right``, ``eye-left``); an overlay (skin, vessels,
lymphatics) is drawn over the whole silhouette rather than in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Region", "region", "regions"]


@dataclass(frozen=True)
class Region:
    """One structure of the figure. ``name`` is a gettext message id; ``group`` orders captions."""

    id: str
    name: str
    sided: bool = False
    overlay: bool = False


def regions() -> tuple[Region, ...]:
    """Every region, head to foot (the order captions list them in)."""
    r = Region
    return (
        r("head", "head"), r("brain", "brain"), r("face", "face"), r("eye", "eye", sided=True),
        r("ear", "ear", sided=True), r("nose", "nose"), r("mouth", "mouth and teeth"),
        r("neck", "neck"), r("thyroid", "thyroid"),
        r("spine-cervical", "cervical spine"), r("spine-thoracic", "thoracic spine"),
        r("spine-lumbar", "lumbar spine"), r("spine-sacral", "sacrum"), r("spine-coccyx", "coccyx"),
        r("shoulder", "shoulder", sided=True), r("upper-arm", "upper arm", sided=True),
        r("elbow", "elbow", sided=True), r("forearm", "forearm", sided=True), r("wrist", "wrist", sided=True),
        r("hand", "hand", sided=True), r("fingers", "fingers", sided=True),
        r("chest", "chest"), r("breast", "breast", sided=True), r("heart", "heart"), r("lung", "lung", sided=True),
        r("esophagus", "oesophagus"), r("back", "back"),
        r("abdomen", "abdomen"), r("liver", "liver"), r("gallbladder", "gallbladder"), r("stomach", "stomach"),
        r("pancreas", "pancreas"), r("spleen", "spleen"), r("small-intestine", "small intestine"),
        r("large-intestine", "large intestine"), r("appendix", "appendix"), r("kidney", "kidney", sided=True),
        r("bladder", "bladder"), r("pelvis", "pelvis"), r("hip", "hip", sided=True), r("buttock", "buttock", sided=True),
        r("groin", "groin", sided=True), r("genital-female", "female genital organs"),
        r("genital-male", "male genital organs"),
        r("thigh", "thigh", sided=True), r("knee", "knee", sided=True), r("lower-leg", "lower leg", sided=True),
        r("ankle", "ankle", sided=True), r("foot", "foot", sided=True), r("toes", "toes", sided=True),
        r("skin", "skin", overlay=True), r("vessels", "blood vessels", overlay=True),
        r("lymph", "lymph nodes and vessels", overlay=True),
    )


def region(region_id: str) -> Region:
    """The region called ``region_id`` (KeyError for an unknown id: a typo in the rules table)."""
    for r in regions():
        if r.id == region_id:
            return r
    raise KeyError(region_id)
