"""French pages (issue 16, "French throughout"): chapter and block titles from CIM-10 only where
the group is the same, note owners in the page language, French table headings, and the
instruction flags at the top of a code page nested as printed (full data: ICD-10-CM 2026)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from nosology.library import Library

pytestmark = pytest.mark.fulldata

HTML = {"Accept": "text/html"}


def _page(client: TestClient, path: str) -> str:
    response = client.get(path, headers=HTML)
    assert response.status_code == 200, path
    return response.text


def test_a_block_that_is_one_cim10_category_has_its_french_title(client: TestClient) -> None:
    """CM block M99 is category M99, "Biomechanical lesions, not elsewhere classified" in both
    WHO ICD-10 and ICD-10-CM: the CIM-10 label is the block's own, so it carries no lang="en"."""
    html = _page(client, "/fr/codes/13")
    assert '<span class="code">M99</span> <span>Lésions biomécaniques, non classées ailleurs</span>' in html
    assert "<title>A00 — Choléra — nosology</title>" in _page(client, "/fr/codes/A00")
    assert '<span class="code">C50</span> <span>Tumeur maligne du sein</span>' in _page(client, "/fr/codes/C00-C75")


def test_a_block_without_the_same_cim10_title_keeps_the_official_english_one(client: TestClient) -> None:
    """CIM-10 has no label for a range of categories (M60-M79) nor for a chapter: the official
    English title stays, marked, and the page says why; no broader CIM-10 title stands in."""
    html = _page(client, "/fr/codes/13")
    assert '<span class="code">M60-M79</span> <span lang="en">Soft tissue disorders (M60-M79)</span>' in html
    assert '<span class="title" lang="en">Diseases of the musculoskeletal system and connective tissue (M00-M99)</span>' in html
    block = _page(client, "/fr/codes/M60-M63")
    assert '<span class="title" lang="en">Disorders of muscles (M60-M63)</span>' in block
    assert "Pas de titre français pour ce groupe de codes" in block
    assert '<title lang="en">M60-M63 — Disorders of muscles (M60-M63) — nosology</title>' in block
    # F99 "Unspecified mental disorder" is WHO F99 "Mental disorder, not otherwise specified":
    # not declared the same, so the block keeps its English title
    assert '<span class="code">F99</span> <span lang="en">Unspecified mental disorder (F99)</span>' in _page(client, "/fr/codes/5")
    # an English title is never a tooltip of a French crumb (an attribute cannot be marked lang="en")
    crumbs = block.split('class="breadcrumb"', 1)[1].split("</nav>", 1)[0]
    assert "title=" not in crumbs and "Chapitre 13" in crumbs


@pytest.mark.parametrize(("path", "owners"), [
    # a chapter is named as one; its title has no CIM-10 label, so it is the English one, marked
    ("/fr/codes/C50.911", ['Hérité de <a href="/fr/codes/C50">C50</a> <span>Tumeur maligne du sein</span>',
                           'Hérité de <a href="/fr/codes/2">Chapitre 2</a> <span lang="en">Neoplasms (C00-D49)</span>']),
    ("/codes/C50.911", ['From <a href="/codes/C50">C50</a> <span>Malignant neoplasm of breast</span>',
                        'From <a href="/codes/2">Chapter 2</a> <span>Neoplasms (C00-D49)</span>']),
])
def test_inherited_notes_name_their_owner_in_the_page_language(client: TestClient, path: str, owners: list[str]) -> None:
    html = _page(client, path)
    assert [o for o in owners if o not in html] == []


def test_code_first_flag_keeps_a_lead_in_with_its_entries(client: TestClient) -> None:
    """D77: "underlying disease, such as:" and its list are one instruction, not seven."""
    for path in ("/codes/D77", "/fr/codes/D77"):
        flags = _page(client, path).split('class="coding-flags"', 1)[1].split("</div>", 1)[0]
        instructions = re.findall(r'<span class="instruction">(.*?)</span>(?:; |</span>)', flags)
        assert len(instructions) == 1, path
        text = re.sub(r"<[^>]+>", "", instructions[0])
        assert text.startswith("underlying disease, such as: amyloidosis (E85.-), congenital early syphilis (A50.0-)"), text
        assert text.endswith("vitamin C deficiency (E54)")
    flags_json = client.get("/api/codes/D77").json()["flags"]
    assert [i["text"] for i in flags_json["code_first"]] == ["underlying disease, such as:"]
    assert "amyloidosis (E85.-)" in flags_json["code_first"][0]["items"]


def _heads(html: str) -> list[tuple[str, bool]]:
    """Each column head of the page's tables: its text and whether it is marked English."""
    return [(re.sub(r"<[^>]+>", "", text), ' lang="en"' in attrs) for attrs, text in re.findall(r'<th scope="col"([^>]*)>(.*?)</th>', html)]


@pytest.mark.parametrize(("path", "heads"), [
    ("/fr/codes/S72.001A", ["Partie", "Position", "Sens", "Caractère", "Sens"]),
    ("/fr/index/neoplasms", ["Siège de la tumeur", "Maligne primitive", "Maligne secondaire", "Carcinome in situ", "Bénigne",
                             "Évolution imprévisible", "Évolution non précisée"]),
    ("/fr/index/drugs", ["Médicament ou produit chimique", "Intoxication accidentelle (non intentionnelle)",
                         "Intoxication, auto-agression intentionnelle", "Intoxication, agression", "Intoxication, intention non déterminée",
                         "Effet indésirable", "Sous-dosage"]),
    ("/fr/changes/2024", ["Chapitre", "Ajoutés", "Subdivisés (désormais en-têtes)", "Renommés", "Nouveaux en-têtes"]),
])
def test_table_headings_are_french(client: TestClient, path: str, heads: list[str]) -> None:
    found = _heads(_page(client, path))
    assert [text for text, _ in found] == heads
    assert not any(english for _, english in found), found


def test_index_tables_keep_the_index_english_and_mark_it(client: TestClient) -> None:
    html = _page(client, "/fr/index/neoplasms")
    assert '<table class="index-table">' in html and '<th scope="row" lang="en"' in html
    # on the English page the printed heads stay as the CDC prints them
    assert [t for t, _ in _heads(_page(client, "/index/neoplasms"))][:2] == ["Neoplasm", "Malignant Primary"]
    # a code page names a table column in the page language, after the Index's own words
    assert '<span lang="en">metastatic NEC</span>, maligne secondaire</a>' in _page(client, "/fr/codes/C79.9")


def test_every_index_table_head_has_a_french_heading(library: Library) -> None:
    from nosology.web.i18n import Catalogues

    french = Catalogues.load().messages("fr")
    heads = [h for book in ("neoplasm", "drug") for h in library.alphaindex.headings(book).values()]
    assert len(heads) == 14 and [h for h in heads if not french.get(h)] == []


def test_chapter_lists_and_history_read_in_french(client: TestClient) -> None:
    chapter = _page(client, "/fr/codes/13")
    assert "Codes du chapitre 13</h2>" in chapter and "Codes facturables du chapitre 13</h2>" in chapter
    assert "<dd>aucune année</dd>" in _page(client, "/fr/codes/E11")  # a header in every code set


def test_search_results_never_show_a_broader_french_title_as_the_codes(client: TestClient) -> None:
    """S72.0 "Fracture of head and neck of femur" only borrows S72 "Fracture du fémur" in CIM-10."""
    html = _page(client, "/fr/search?q=fracture+col+femur+droit")
    hit = html.split('href="/fr/codes/S72.0"', 1)[1].split("</a>", 1)[0]
    assert '<span class="result-title" lang="en">Fracture of head and neck of femur</span>' in hit
    assert '<span class="result-title">Choléra</span>' in _page(client, "/fr/search?q=cholera")
