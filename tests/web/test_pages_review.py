"""The points of the pages review (issue 16) that the HTML shows: browse and 404 pages, complete
lists, the hierarchy without doubled steps, chapter and block pages, related codes, the closest
WHO code and the decoding labels (full data: ICD-10-CM 2026)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from nosology.library import Library

pytestmark = pytest.mark.fulldata

HTML = {"Accept": "text/html"}


def _main(html: str) -> str:
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


@pytest.mark.parametrize(("path", "target"), [("/codes", "/#chapters"), ("/codes/", "/#chapters"),
                                              ("/fr/codes", "/fr/#chapters"), ("/fr/codes/", "/fr/#chapters")])
def test_codes_root_leads_to_the_browse_page(client: TestClient, path: str, target: str) -> None:
    response = client.get(path, headers=HTML, follow_redirects=False)
    assert response.status_code == 301 and response.headers["location"] == target


def test_404_page_keeps_a_search_box(client: TestClient) -> None:
    for path in ("/no/such/page", "/codes/Q99.999", "/fr/codes/Q99.999"):
        response = client.get(path, headers=HTML)
        assert response.status_code == 404
        assert 'role="search"' in response.text and 'name="q"' in response.text


def test_every_billable_code_of_a_header_is_listed(client: TestClient, library: Library) -> None:
    e11 = library.classification.get("E11")
    n = library.classification.count_billable(e11)
    html = _main(client.get("/codes/E11", headers=HTML).text)
    listed = html.split('id="billable"', 1)[1].split("</section>", 1)[0]
    assert len(re.findall(r'<li><a href="/codes/E11\.', listed)) == n
    assert f"All {n} billable codes." in listed


def test_long_lists_are_paged_and_the_pages_add_up(client: TestClient, library: Library) -> None:
    s72 = library.classification.get("S72")
    n = library.classification.count_billable(s72)
    pages = -(-n // 100)
    seen: list[str] = []
    for page in (1, pages):
        html = _main(client.get(f"/codes/S72?billable_page={page}", headers=HTML).text)
        listed = html.split('id="billable"', 1)[1].split("</section>", 1)[0]
        seen += re.findall(r'<li><a href="/codes/(S72[^"]+)"', listed)
        assert f"of {n} billable codes." in listed and 'class="pagination"' in listed
    assert len(seen) == 100 + (n - 100 * (pages - 1))
    # a page number that is not one is the first page, past the last the last: never an error
    assert client.get("/codes/S72?billable_page=abc", headers=HTML).status_code == 200
    last = _main(client.get("/codes/S72?billable_page=99999", headers=HTML).text)
    assert re.findall(r'<li><a href="/codes/(S72[^"]+)"', last.split('id="billable"', 1)[1])[-1] == seen[-1]


@pytest.mark.parametrize("code", ["13", "M60-M79", "C50"])
def test_chapter_and_block_pages_have_no_save_button_or_one_row_decoding(client: TestClient, library: Library, code: str) -> None:
    html = _main(client.get(f"/codes/{code}", headers=HTML).text)
    item = library.classification.get(code)
    if item.kind in {"chapter", "block"}:
        assert "Save this code" not in html and 'class="decoding"' not in html
    else:  # C50: the category (the block of the same name is one breadcrumb step)
        assert "Save this code" in html


def test_a_block_named_like_its_category_is_one_step(client: TestClient) -> None:
    html = client.get("/codes/C50.911", headers=HTML).text
    crumbs = html.split('class="breadcrumb"', 1)[1].split("</nav>", 1)[0]
    assert crumbs.count('href="/codes/C50"') == 1
    decoding = html.split('class="decoding"', 1)[1].split("</table>", 1)[0]
    assert decoding.count(">C50</a>") == 1


def test_related_codes_include_other_sides_and_sites(client: TestClient) -> None:
    html = client.get("/codes/S72.001A", headers=HTML).text
    side = html.split('id="parallels-title"', 1)[1].split("</ul>", 1)[0]
    assert 'href="/codes/S72.002A"' in side and 'href="/codes/S72.009A"' in side


def test_closest_who_code_is_the_four_character_one(client: TestClient) -> None:
    html = client.get("/codes/S72.001A", headers=HTML).text
    who = html.split("<dt>WHO ICD-10</dt>", 1)[1].split("</dd>", 1)[0]
    assert '<span class="code">S72.0</span>' in who and "closest code" in who
    data = client.get("/codes/S72.001A.json").json()
    assert data["who"]["code"] == "S72.0" and data["who"]["level"] == "closest"


def test_t84_89xa_fifth_character_means_the_rest_of_t84_8(client: TestClient) -> None:
    html = client.get("/codes/T84.89XA", headers=HTML).text
    row = html.split('href="/codes/T84.89">9</a>', 1)[1].split("</tr>", 1)[0]
    assert "Other specified complication of internal orthopedic prosthetic devices" in row


def test_french_heading_never_passes_a_broader_title_for_the_code(client: TestClient, library: Library) -> None:
    item = library.classification.get("S72.001A")
    html = client.get("/fr/codes/S72.001A", headers=HTML).text
    h1 = html.split("<h1", 1)[1].split("</h1>", 1)[0]
    assert f'<span class="title" lang="en">{item.title}</span>' in h1  # the code's own meaning
    assert "Fracture du fémur</span>" not in h1
    assert "En CIM-10 : S72 Fracture du fémur (code plus large" in html


def test_french_decoding_uses_our_vocabulary_and_marks_what_stays_english(client: TestClient) -> None:
    html = client.get("/fr/codes/S72.001A", headers=HTML).text
    decoding = html.split('class="decoding"', 1)[1].split("</table>", 1)[0]
    assert "<td>droit</td>" in decoding and "<td>premier contact pour fracture fermée</td>" in decoding
    assert '<td lang="en">' not in decoding.split("S72.001", 1)[1]  # side and encounter are French
    seventh = html.split('class="seventh"', 1)[1].split("</table>", 1)[0]
    assert "<td>séquelle</td>" in seventh


@pytest.mark.parametrize(("code", "who"), [("13", "XIII"), ("19", "XIX"), ("M60-M79", "M60-M79"), ("S70-S79", "S70-S79")])
def test_chapters_and_blocks_have_their_who_equivalent(client: TestClient, code: str, who: str) -> None:
    html = client.get(f"/codes/{code}", headers=HTML).text
    dd = html.split("<dt>WHO ICD-10</dt>", 1)[1].split("</dd>", 1)[0]
    assert f'<span class="code">{who}</span>' in dd
    assert client.get(f"/codes/{code}.json").json()["who"]["code"] == who


def test_article_block_has_its_date_and_references_and_no_doubled_full_stops(client: TestClient, library: Library) -> None:
    article = next(a for a in library.articles.list("en") if library.articles.get("en", a.slug).references)
    full = library.articles.get("en", article.slug)
    html = client.get(f"/codes/{full.codes[0]}", headers=HTML).text
    block = html.split('class="article"', 1)[1]
    assert f'<time datetime="{full.last_reviewed}">' in block and 'class="references"' in block
    page = client.get(full.url, headers=HTML).text
    assert "et al.." not in page and "et al.." not in block and ".." not in re.sub(r"<[^>]+>", "", page.split('class="references"', 1)[1])


def test_articles_index_links_each_code(client: TestClient, library: Library) -> None:
    html = client.get("/articles", headers=HTML).text
    first = library.articles.list("en")[0]
    assert f'href="/codes/{first.codes[0]}"' in html


def test_code_page_prints_with_a_source_footer(client: TestClient) -> None:
    html = client.get("/codes/M61.28", headers=HTML).text
    footer = html.split('class="print-footer"', 1)[1].split("</footer>", 1)[0]
    assert "ICD-10-CM FY2026" in footer and "http://testserver/codes/M61.28" in footer and "not medical advice" in footer
    assert 'class="dev-links dev"' in html  # hidden on paper by print.css
    css = client.get(re.search(r'href="([^"]*print[^"]*\.css)"', html).group(1)).text  # type: ignore[union-attr]
    assert ".dev," in css and 'attr(href)' in css and ".breadcrumb li:nth-child(2)::before { content: none; }" in css
