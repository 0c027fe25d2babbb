"""Alignment by meaning: WHO bridge for 4-character codes, site concepts for chapter 13."""

from __future__ import annotations

import pytest

from nosology.ingest.french_alignment import cm_site, fr_site, same_meaning


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
