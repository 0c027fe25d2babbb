"""Body-site mapping: probe codes from each rule (chapter 13 sites, chapter 19 S-blocks, laterality)."""

from __future__ import annotations

import pytest

from nosology.bodymap import REGIONS, SIDED, BodySite, body_site
from nosology.library import Library
from nosology.models import Item


def _item(code: str, title: str, chapter: int, kind: str = "code") -> Item:
    return Item(seq=1, code=code, kind=kind, title=title, billable=kind == "code", chapter=chapter)


@pytest.mark.parametrize(
    ("title", "chapter", "expected"),
    [
        ("Myositis ossificans traumatica, right shoulder", 13, BodySite("region", ("shoulder",), "right")),
        ("Myositis ossificans traumatica, left ankle and foot", 13, BodySite("region", ("ankle-foot",), "left")),
        ("Myositis ossificans traumatica, unspecified upper arm", 13, BodySite("region", ("upper-arm",), "unspecified")),
        ("Myositis ossificans traumatica, thigh", 13, BodySite("region", ("thigh",), None)),
        ("Myositis ossificans traumatica, multiple sites", 13, BodySite("multiple")),
        ("Myositis ossificans traumatica, other site", 13, BodySite("other")),
        ("Myositis ossificans traumatica, unspecified site", 13, BodySite("unspecified")),
        ("Spondylosis without myelopathy or radiculopathy, cervical region", 13, BodySite("region", ("spine",), None)),
        ("Primary osteoarthritis, right hip", 13, BodySite("region", ("hip",), "right")),
        ("Cataract, bilateral", 7, BodySite("none")),
        ("Age-related cataract, right eye", 7, BodySite("region", ("head",), "right")),
        ("Type 2 diabetes mellitus without complications", 4, BodySite("none")),
    ],
)
def test_titles(title: str, chapter: int, expected: BodySite) -> None:
    assert body_site(_item("X00.0", title, chapter)) == expected


def test_injury_codes_use_their_block_when_words_disagree() -> None:
    # "head of femur" is the femur's head, not the head: S72 is in S70-S79 (hip and thigh).
    site = body_site(_item("S72.051A", "Unspecified fracture of head of right femur, initial encounter", 19))
    assert site.regions == ("hip", "thigh") and site.side == "right"


def test_highlighted_ids_follow_side() -> None:
    assert BodySite("region", ("shoulder",), "right").highlighted() == {"shoulder-right"}
    assert BodySite("region", ("knee",), "bilateral").highlighted() == {"knee-right", "knee-left"}
    assert BodySite("region", ("head",), "left").highlighted() == {"head"}
    assert set(SIDED) <= set(REGIONS)


@pytest.mark.fulldata
@pytest.mark.parametrize(
    ("code", "kind", "regions", "side"),
    [
        ("M61.211", "region", ("shoulder",), "right"),
        ("M61.28", "other", (), None),
        ("S72.001A", "region", ("hip", "thigh"), "right"),
        ("M61.9", "unspecified", (), None),
        ("E11.9", "none", (), None),
        ("M61.09", "multiple", (), None),
        ("S82.101A", "region", ("knee", "lower-leg"), "right"),
        ("13", "none", (), None),
    ],
)
def test_probe_codes(library: Library, code: str, kind: str, regions: tuple[str, ...], side: str | None) -> None:
    site = body_site(library.classification.get(code))
    assert (site.kind, site.regions, site.side) == (kind, regions, side)


@pytest.mark.fulldata
def test_every_right_left_shoulder_code_of_chapter_13_is_sided(library: Library) -> None:
    # Derivation: every chapter-13 billable code whose title ends in "right shoulder" must map to
    # the right shoulder; counted from the data, so it checks the rule, not a hand-typed list.
    rows = library.store.query("SELECT code FROM item WHERE chapter = 13 AND billable = 1 AND title LIKE '%, right shoulder'")
    assert len(rows) > 50
    for row in rows:
        site = body_site(library.classification.get(row["code"]))
        assert site.highlighted() == {"shoulder-right"}, row["code"]
