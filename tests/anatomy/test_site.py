"""Body site mapping: hand-made titles for each rule, then every code the issue names (full data)."""

from __future__ import annotations

import pytest

from nosology.anatomy import BodySite, TermRules, body_site, region, regions
from nosology.library import Library
from nosology.models import Item


def _item(code: str, title: str, kind: str = "code", parent: int | None = None) -> Item:
    return Item(seq=1, code=code, kind=kind, title=title, billable=kind == "code", chapter=1, parent=parent)


@pytest.fixture(scope="module")
def rules() -> TermRules:
    return TermRules.load()


@pytest.mark.parametrize(
    ("title", "regions_", "side"),
    [
        ("Fracture of head of left femur", ("hip",), "left"),  # "head of femur" is the hip, not the head
        ("Fracture of lower end of right ulna, right arm", ("wrist",), "right"),  # "arm" is generic
        ("Fusion of spine, occipito-atlanto-axial region", ("spine-cervical",), None),
        ("Laceration without foreign body of right middle finger", ("fingers",), "right"),
        ("Spondylosis without myelopathy, lumbar region", ("spine-lumbar", "back"), None),
        ("Unilateral inguinal hernia", ("groin",), "unspecified"),
        ("Otitis media, bilateral", ("ear",), "bilateral"),
        ("Fracture of unspecified tibia", ("lower-leg",), "unspecified"),
    ],
)
def test_titles(rules: TermRules, title: str, regions_: tuple[str, ...], side: str | None) -> None:
    site = body_site(_item("X00.0", title), [], [], rules)
    assert (site.regions, site.side) == (regions_, side)


def test_no_single_site_and_drugs_name_nothing(rules: TermRules) -> None:
    block = _item("A00-A09", "Diseases of the kidney", kind="block")
    assert not body_site(_item("X00.9", "Myositis, multiple sites"), [block], [], rules).shown
    assert not body_site(_item("X00.8", "Poisoning by drugs primarily affecting skin"), [], [], rules).shown
    assert not body_site(block, [], [], rules).shown


def test_ancestors_and_index_fill_in(rules: TermRules) -> None:
    chapter = _item("14", "Diseases of the genitourinary system", kind="chapter")
    category = _item("X01", "Disorders of kidney", kind="category")
    assert body_site(_item("X01.9", "Disorder, unspecified"), [chapter, category], [], rules) == BodySite(("kidney",), None, "X01")
    # one Index path of many does not place a code on the body
    assert not body_site(_item("X02", "Examination"), [chapter], ["Examination", "Encounter › X-ray of chest", "Check-up"], rules).shown
    assert body_site(_item("X03", "Headache"), [], ["Headache"], rules).regions == ("head",)


def test_highlighted_ids_follow_side() -> None:
    assert BodySite(("eye",), "right").highlighted() == {"eye-right"}
    assert BodySite(("knee",), "bilateral").highlighted() == {"knee-right", "knee-left"}
    assert BodySite(("heart",), None).highlighted() == {"heart"}
    assert len({r.id for r in regions()}) == len(regions())
    with pytest.raises(KeyError):
        region("elbw")


# Every code named in issue 16, with the regions and side read from its title.
ISSUE_CODES = [
    ("C50.911", ("breast",), "right"),
    ("H40.211", ("eye",), "right"),
    ("H66.91", ("ear",), "right"),
    ("C34.11", ("lung",), "right"),
    ("S52.501A", ("wrist",), "right"),  # lower end of the radius
    ("S32.401A", ("hip",), "right"),  # acetabulum
    ("L89.154", ("skin", "spine-sacral"), None),
    ("N20.0", ("kidney",), None),
    ("K35.80", ("appendix",), None),
    ("I21.9", ("heart",), None),
    ("J18.9", ("lung",), None),
    ("I63.9", ("brain",), None),
    ("K40.90", ("groin",), "unspecified"),  # unilateral: one side, not said which
    ("M54.50", ("spine-lumbar", "back"), None),
    ("E11.9", (), None),
    ("Z00.00", (), None),
]


@pytest.mark.fulldata
@pytest.mark.parametrize(("code", "regions_", "side"), ISSUE_CODES)
def test_issue_codes(library: Library, code: str, regions_: tuple[str, ...], side: str | None) -> None:
    site = library.atlas.site(library.classification.get(code))
    assert (site.regions, site.side) == (regions_, side)


@pytest.mark.fulldata
def test_chapters_and_blocks_show_nothing(library: Library) -> None:
    c = library.classification
    for item in [*c.chapters(), c.get("C50"), c.get("E08-E13")]:
        if item.kind in {"chapter", "block"}:
            assert not library.atlas.site(item).shown
