"""Full-data checks of the built reference database against the official sources.

Expected counts and how they were derived (all from the April 1, 2026 tabular XML and code list in
simple-icd-10-cm 1.5.0):

* 98,505 items = 22 <chapter> + 297 <section> + 46,881 <diag> + 51,305 codes made by sevenChrDef
  (leaf <diag> under a sevenChrDef, padded with the X placeholder, kept when the release's code list has them).
  ``python -c "import simple_icd_10_cm as cm; print(len(cm.get_all_codes(True)))"`` also gives 98,505.
* 98,466 distinct identifiers: 39 sections share their identifier with the one category they hold (B20, C7A...).
* The issue's "336 blocks / 1,879 categories" is simple-icd-10-cm's counting, where those 39 categories are
  reported as blocks: 297 + 39 = 336 and 1,918 - 39 = 1,879.
* Billable codes: 74,719 leaves. simple-icd-10-cm's ``is_leaf`` gives 74,736 because it also counts the 12
  empty heading sections (C00-C96, M00-M25, ...) and counts 5 leaf categories twice under their block's
  identifier (B20, F99, P84, R99, Z66): 74,719 + 12 + 5 = 74,736.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from nosology.ingest.icd10cm import NOTE_KINDS
from nosology.ingest.sources import ICD10CM_TABULAR
from nosology.library import Library
from nosology.models import LocalTitle


def _norm(text: str | None) -> str:
    return " ".join((text or "").split())


@pytest.fixture(scope="module")
def xml_root() -> ET.Element:
    return ET.parse(ICD10CM_TABULAR.verified_path()).getroot()


def test_counts(library: Library) -> None:
    counts = library.info()["counts"]
    assert counts["items"] == 98_505
    assert counts["distinct_identifiers"] == 98_466
    assert counts["by_kind"]["chapter"] == 22
    assert counts["by_kind"]["block"] == 297
    assert counts["by_kind"]["category"] == 1_918
    assert counts["blocks_sharing_identifier_with_their_category"] == 39
    assert counts["by_kind"]["block"] + counts["blocks_sharing_identifier_with_their_category"] == 336
    assert counts["by_kind"]["category"] - counts["blocks_sharing_identifier_with_their_category"] == 1_879
    # 46,881 <diag> = 1,918 categories + 44,963 subcategories and codes
    assert counts["by_kind"]["subcategory"] + counts["by_kind"]["code"] - counts["seventh_character_codes"] == 44_963
    assert counts["seventh_character_codes"] == 51_305
    assert counts["billable"] == 74_719


def test_billable_matches_leaves(library: Library) -> None:
    store = library.store
    leaves = store.query_one("SELECT count(*) FROM item WHERE n_children = 0 AND kind NOT IN ('chapter', 'block')")
    empty_blocks = store.query_one("SELECT count(*) FROM item WHERE n_children = 0 AND kind = 'block'")
    headings = store.query_one("SELECT count(*) FROM item AS h WHERE kind = 'block' AND EXISTS "
                               "(SELECT 1 FROM item AS c WHERE c.parent = h.seq AND c.kind = 'block')")
    billable = store.query_one("SELECT count(*) FROM item WHERE billable = 1")
    assert leaves == billable == 74_719
    # The 12 heading sections (M00-M25...) have no codes of their own in the XML; simple-icd-10-cm
    # counts them as leaves (74,719 + 12 + 5 double-counted leaf categories = its 74,736). Here
    # they hold the blocks they span, so no block is empty.
    assert empty_blocks == 0
    assert headings == 12


def test_every_code_and_title_identical_to_source(library: Library, xml_root: ET.Element) -> None:
    expected: list[tuple[str, str]] = []

    def walk(el: ET.Element) -> None:
        for child in el:
            if child.tag == "chapter":
                expected.append((_norm(child.findtext("name")), _norm(child.findtext("desc"))))
                walk(child)
            elif child.tag == "section":
                expected.append((child.get("id", ""), _norm(child.findtext("desc"))))
                walk(child)
            elif child.tag == "diag":
                expected.append((_norm(child.findtext("name")), _norm(child.findtext("desc"))))
                walk(child)

    walk(xml_root)
    stored = [(r["code"], r["title"]) for r in library.store.query("SELECT code, title FROM item WHERE seventh = 0 ORDER BY seq")]
    assert len(expected) == 22 + 297 + 46_881
    assert stored == expected


def test_note_counts_identical_to_source(library: Library, xml_root: ET.Element) -> None:
    source = Counter()
    for kind in NOTE_KINDS:
        for el in xml_root.iter(kind):
            source[kind] += sum(1 for n in el if n.tag == "note")
    stored = Counter({r["kind"]: r["n"] for r in library.store.query("SELECT kind, count(*) AS n FROM note GROUP BY kind")})
    assert stored == source
    assert library.info()["counts"]["notes"] == {k: source[k] for k in NOTE_KINDS}
    extensions = sum(1 for d in xml_root.iter("sevenChrDef") for e in d if e.tag == "extension")
    assert library.store.query_one("SELECT count(*) FROM seven_chr") == extensions == 1_790


@pytest.mark.parametrize(
    ("code", "kind", "billable", "title"),
    [
        ("13", "chapter", False, "Diseases of the musculoskeletal system and connective tissue (M00-M99)"),
        ("M60-M63", "block", False, "Disorders of muscles (M60-M63)"),
        ("M61", "category", False, "Calcification and ossification of muscle"),
        ("M61.2", "subcategory", False, "Paralytic calcification and ossification of muscle"),
        ("M61.28", "code", True, "Paralytic calcification and ossification of muscle, other site"),
        ("S72.001A", "code", True, "Fracture of unspecified part of neck of right femur, initial encounter for closed fracture"),
        ("T84.89XA", "code", True, "Other specified complication of internal orthopedic prosthetic devices, implants and grafts, initial encounter"),
        ("B20", "category", True, "Human immunodeficiency virus [HIV] disease"),
    ],
)
def test_probe_codes(library: Library, code: str, kind: str, billable: bool, title: str) -> None:
    item = library.classification.get(code)
    assert (item.code, item.kind, item.billable, item.title) == (code, kind, billable, title)


def test_block_sharing_identifier_resolves_to_category_with_block_in_breadcrumb(library: Library) -> None:
    record = library.classification.record("C7A")
    assert record.item.kind == "category"
    # C7A lies outside C00-C75 (the heading's range), directly under the C00-C96 heading
    assert [a.code for a in record.ancestors] == ["2", "C00-C96", "C7A"]
    assert [a.kind for a in record.ancestors] == ["chapter", "block", "block"]


def test_invalid_probe(library: Library) -> None:
    assert library.classification.find("M61.2X") is None
    assert library.classification.find("W21.89A") is None


def _fr(library: Library, code: str) -> LocalTitle:
    item = library.classification.find(code)
    assert item is not None
    local = item.title_in("fr")
    assert local is not None, code
    return local


def test_french_chapter13_site_digits_by_meaning(library: Library) -> None:
    m6128, m6120, m6129 = _fr(library, "M61.28"), _fr(library, "M61.20"), _fr(library, "M61.29")
    assert m6128.title.endswith("Autres localisations") and m6128.level == "exact"
    # CM 0 = unspecified site: must not get CIM-10's 0 "Sièges multiples"
    assert m6120.title.endswith("Siège non précisé") and m6120.code == "M61.29"
    assert m6129.title.endswith("Sièges multiples") and m6129.code == "M61.20"


def test_french_deeper_codes_use_nearest_ancestor(library: Library) -> None:
    right_shoulder = _fr(library, "M61.211")
    assert right_shoulder.level == "ancestor" and right_shoulder.code == "M61.21"
    assert _fr(library, "S72.001A").level == "ancestor"


def test_french_not_attached_where_cm_changed_the_meaning(library: Library) -> None:
    e110 = _fr(library, "E11.0")  # CM: hyperosmolarity; CIM-10 E11.0: coma
    assert e110.level == "ancestor" and e110.code == "E11"
    assert e110.title == "Diabète sucré de type 2"


def test_who_equivalent(library: Library) -> None:
    who = library.classification.who_equivalent(library.classification.get("M61.28"))
    assert who is not None and who.code == "M61.2" and who.level == "ancestor"


def test_billable_counts_stored_per_item(library: Library) -> None:
    c = library.classification
    assert c.count_billable(c.get("M61.2")) == c.count_descendants(c.get("M61.2"), billable_only=True) == 24
    assert sum(c.count_billable(ch) for ch in c.chapters()) == 74_719
    assert c.count_billable(c.get("M61.28")) == 0


def test_withdrawn_cim10_marker_not_shown(library: Library) -> None:
    assert _fr(library, "B59").title == "Pneumocystose"
    assert not library.store.query_one("SELECT count(*) FROM item_title WHERE title LIKE '%***%'")


@pytest.mark.parametrize(
    ("code", "chain"),
    [
        ("M61.28", ["13", "M60-M79", "M60-M63", "M61", "M61.2"]),
        ("M05.711", ["13", "M00-M25", "M05-M14", "M05", "M05.7", "M05.71"]),
        ("C50.911", ["2", "C00-C96", "C00-C75", "C50", "C50", "C50.9", "C50.91"]),  # block C50 holds category C50
        ("T22.011A", ["19", "T07-T88", "T20-T32", "T20-T25", "T22", "T22.0", "T22.01", "T22.011"]),
        ("V43.52XA", ["20", "V00-X58", "V00-V99", "V40-V49", "V43", "V43.5", "V43.52"]),
    ],
)
def test_heading_sections_are_ancestors(library: Library, code: str, chain: list[str]) -> None:
    """Heading sections that span several blocks are a level: chapter > heading > block > category."""
    record = library.classification.record(code)
    assert [a.code for a in record.ancestors] == chain


def test_heading_section_notes_are_inherited(library: Library) -> None:
    """M00-M25 "Arthropathies" has an includes note; every code below it inherits it."""
    record = library.classification.record("M05.711")
    owners = {(g.owner, g.kind) for g in record.notes if g.inherited}
    assert ("M00-M25", "includes") in owners
