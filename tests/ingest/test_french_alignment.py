"""Alignment by meaning: WHO bridge for 4-character codes, site concepts for chapter 13."""

from __future__ import annotations

import pytest

from nosology.ingest.french_alignment import (
    Equivalent,
    WhoItem,
    align,
    cm_site,
    fr_site,
    same_meaning,
)
from nosology.ingest.icd10cm import ParsedItem


@pytest.mark.parametrize(
    ("cm", "who", "same"),
    [
        ("Nontraumatic subarachnoid hemorrhage, unspecified", "Subarachnoid haemorrhage, unspecified", True),
        ("Hyphema", "Hyphaema", True),
        ("Paralytic calcification and ossification of muscle", "Paralytic calcification and ossification of muscle", True),
        # CM reworked E11.0: same code, other meaning
        ("Type 2 diabetes mellitus with hyperosmolarity", "Type 2 diabetes mellitus with coma", False),
        ("Esotropia", "Convergent concomitant strabismus", False),
        # negation and prefixes always count; similar spelling is not the same meaning
        ("Type 2 diabetes mellitus with coma", "Type 2 diabetes mellitus without coma", False),
        ("Congenital hypothyroidism with diffuse goitre", "Congenital hyperthyroidism with diffuse goitre", False),
        ("Intracranial abscess", "Extracranial abscess", False),
        ("Sprain of ankle", "Sprain and strain of ankle", False),
        ("Sprain of ankle", "Strain of ankle", False),
        ("Hemorrhage not elsewhere classified", "Hemorrhage", False),
        ("Other specified disorders of muscle", "Disorder of muscle, unspecified", False),
        ("Disorders of muscle in diseases classified elsewhere", "Disorder of muscle in diseases classified elsewhere", True),
    ],
)
def test_same_meaning(cm: str, who: str, same: bool) -> None:
    assert same_meaning(cm, who) is same


@pytest.mark.parametrize(
    ("title", "site"),
    [
        ("Paralytic calcification and ossification of muscle, unspecified site", "unspecified"),
        ("Paralytic calcification and ossification of muscle, multiple sites", "multiple"),
        ("Paralytic calcification and ossification of muscle, other site", "other"),
        ("Paralytic calcification and ossification of muscle, thigh", "pelvis_thigh"),
        ("Pain in joint", None),
    ],
)
def test_cm_site(title: str, site: str | None) -> None:
    assert cm_site(title) == site


@pytest.mark.parametrize(
    ("label", "site"),
    [
        ("Calcification et ossification paralytiques de muscles - Sièges multiples", "multiple"),
        ("Calcification et ossification paralytiques de muscles - Siège non précisé", "unspecified"),
        ("Calcification et ossification paralytiques de muscles - Autres localisations", "other"),
        ("Arthrite - Région pelvienne et cuisse)", "pelvis_thigh"),
        ("Choléra", None),
    ],
)
def test_fr_site(label: str, site: str | None) -> None:
    assert fr_site(label) == site


def _toy_items() -> list[ParsedItem]:
    return [
        ParsedItem(1, "2", "chapter", "Neoplasms (C00-D49)", None, 2, 0),
        ParsedItem(2, "C50", "block", "Malignant neoplasms of breast (C50)", 1, 2, 1),
        ParsedItem(3, "C50", "category", "Malignant neoplasm of breast", 2, 2, 2),
        ParsedItem(4, "C51-C58", "block", "Malignant neoplasms of female genital organs (C51-C58)", 1, 2, 1),
        ParsedItem(5, "C51", "category", "Malignant neoplasm of vulva", 4, 2, 2),
        ParsedItem(6, "F99", "block", "Unspecified mental disorder (F99)", 1, 2, 1),
        ParsedItem(7, "F99", "category", "Mental disorder, not otherwise specified", 6, 2, 2),
    ]


def test_a_block_gets_a_french_title_only_when_it_is_one_category_of_the_same_meaning() -> None:
    who = [WhoItem("II", "II", "chapter", "Neoplasms", None), WhoItem("C50-C50", "C50C50", "block", "Malignant neoplasm of breast", "II"),
           WhoItem("C50", "C50", "category", "Malignant neoplasm of breast", "C50-C50"),
           WhoItem("C51-C58", "C51C58", "block", "Malignant neoplasms of female genital organs", "II"),
           WhoItem("C51", "C51", "category", "Malignant neoplasm of vulva", "C51-C58"),
           WhoItem("F99", "F99", "category", "Mental disorder, not otherwise specified", None)]
    cim = {"C50": "Tumeur maligne du sein", "C51": "Tumeur maligne de la vulve", "F99": "Trouble mental, sans autre indication"}
    fr, _who = align(_toy_items(), who, cim)
    assert fr[2] == Equivalent("C50", "Tumeur maligne du sein", "exact")  # block C50 is category C50
    assert 1 not in fr  # no CIM-10 chapter titles in the source: the chapter stays English
    assert 4 not in fr  # a range of categories has no CIM-10 label of its own
    assert 6 not in fr  # F99 says "unspecified", WHO "not otherwise specified": not shown as the same
    assert fr[7].level == "exact"
    # a code never inherits a group's title
    items = [*_toy_items(), ParsedItem(8, "C5Z", "category", "A category with no CIM-10 label", 2, 2, 2)]
    assert 8 not in align(items, who, cim)[0]


def test_a_code_does_not_inherit_a_title_that_excludes_what_it_names() -> None:
    # CM put drowning into W16; WHO W16 says "other than drowning": W16.531A keeps no French title,
    # its sibling about other injury keeps the category's
    items = [ParsedItem(1, "20", "chapter", "External causes of morbidity (V00-Y99)", None, 20, 0),
             ParsedItem(2, "W00-W19", "block", "Slipping, tripping, stumbling and falls (W00-W19)", 1, 20, 1),
             ParsedItem(3, "W16", "category", "Fall, jump or diving into water", 2, 20, 2),
             ParsedItem(4, "W16.531", "code", "Jumping or diving into swimming pool striking wall causing drowning and submersion", 3, 20, 3),
             ParsedItem(5, "W16.532", "code", "Jumping or diving into swimming pool striking wall causing other injury", 3, 20, 3)]
    who = [WhoItem("W16", "W16", "category", "Diving or jumping into water causing injury other than drowning or submersion", None)]
    fr, who_equivalents = align(items, who, {"W16": "Plongée ou saut dans l'eau provoquant une lésion traumatique autre que noyade ou submersion"})
    assert fr[3].level == "exact" and fr[5].level == "ancestor"
    assert 4 not in fr and 4 not in who_equivalents


@pytest.mark.parametrize(("title", "who_title", "kept"), [
    ("Drowning and submersion due to fall off other powered watercraft", "Water-transport-related drowning and submersion without accident to watercraft", True),
    ("Omphalitis with mild hemorrhage", "Omphalitis of newborn with or without mild haemorrhage", True),
    ("Machinery accident on board other powered watercraft", "Accident on board watercraft without accident to watercraft", True),
    ("Jumping into pool causing drowning", "Diving or jumping into water causing injury other than drowning or submersion", False),
])
def test_an_exclusion_is_the_whole_phrase_of_one_alternative(title: str, who_title: str, kept: bool) -> None:
    items = [ParsedItem(1, "20", "chapter", "Chapter (V00-Y99)", None, 20, 0), ParsedItem(2, "V00-V99", "block", "Block (V00-V99)", 1, 20, 1),
             ParsedItem(3, "V92", "category", who_title, 2, 20, 2), ParsedItem(4, "V92.0", "subcategory", title, 3, 20, 3)]
    fr, _who = align(items, [WhoItem("V92", "V92", "category", who_title, None)], {"V92": "Titre"})
    assert (4 in fr) is kept
