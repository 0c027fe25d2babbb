"""HTML pages through the test client: every page kind, both languages, redirects, caching, errors."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nosology.library import Library

pytestmark = pytest.mark.fulldata

HTML = {"Accept": "text/html"}


def _main(html: str) -> str:
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def test_home_in_both_languages(client: TestClient, library: Library) -> None:
    en = client.get("/")
    assert en.status_code == 200 and '<html lang="en">' in en.text
    assert "Skip to main content" in en.text and 'href="#main"' in en.text
    assert 'role="search"' in en.text and 'role="combobox"' in en.text
    # One link per chapter (22 chapters in ICD-10-CM 2026).
    assert len(library.classification.chapters()) == 22
    assert len(re.findall(r'href="/codes/\d+"', _main(en.text))) == 22
    fr = client.get("/fr/")
    assert '<html lang="fr">' in fr.text and "Aller au contenu principal" in fr.text
    assert len(re.findall(r'href="/fr/codes/\d+"', _main(fr.text))) == 22


def test_head_has_seo_basics(client: TestClient) -> None:
    html = client.get("/codes/M61.28").text
    assert re.search(r"<title>M61\.28 — [^<]+ — nosology</title>", html)
    assert '<meta name="description" content="M61.28: ' in html
    assert '<link rel="canonical" href="http://testserver/codes/M61.28">' in html
    assert '<link rel="alternate" hreflang="fr" href="http://testserver/fr/codes/M61.28">' in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/codes/M61.28">' in html
    fr = client.get("/fr/codes/M61.28").text
    assert '<link rel="canonical" href="http://testserver/fr/codes/M61.28">' in fr


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/codes/m6128", "/codes/M61.28"),
        ("/codes/M61%2028", "/codes/M61.28"),
        ("/codes/m61.28", "/codes/M61.28"),
        ("/fr/codes/m6128", "/fr/codes/M61.28"),
        ("/codes/s72001a", "/codes/S72.001A"),
        ("/codes/m60-m63", "/codes/M60-M63"),
    ],
)
def test_any_spelling_redirects_to_the_canonical_url(client: TestClient, path: str, target: str) -> None:
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 301
    assert response.headers["location"] == target


def test_code_page_m61_28(client: TestClient) -> None:
    html = client.get("/codes/M61.28").text
    main = _main(html)
    # breadcrumb: chapter > heading section > block > category > subcategory, each a link, then the code itself
    crumbs = main.split('class="breadcrumb"', 1)[1].split("</nav>", 1)[0]
    assert [m for m in re.findall(r'href="(/codes/[^"]+)"', crumbs)] == ["/codes/13", "/codes/M60-M79", "/codes/M60-M63", "/codes/M61", "/codes/M61.2"]
    assert 'aria-current="page">M61.28<' in crumbs
    assert "badge-billable" in main
    assert "What this code means" in main and "other site" in main
    # notes inherited from M60-M63 and M61, code references as links
    assert "Excludes1: not coded here" in main
    assert 'From <a href="/codes/M61">M61</a>' in main or 'From <a href="/codes/M60-M63">M60-M63</a>' in main
    assert '<a href="/codes/M33">M33.-</a>' in main
    # "other site" names no one region: no figure
    assert 'class="body-figure"' not in main
    # equivalents and siblings
    assert "WHO ICD-10" in main and "French CIM-10" in main
    assert 'href="/codes/M61.29"' in main
    assert 'href="/api/codes/M61.28"' in main  # for developers
    # save button for anonymous visitors leads to sign-in
    assert 'href="/login?next=/codes/M61.28"' in main


def test_code_page_highlights_side(client: TestClient) -> None:
    main = _main(client.get("/codes/M61.211").text)
    assert 'class="part lit" data-region="shoulder-right"' in main
    assert 'data-region="shoulder-left"' in main and 'class="part lit" data-region="shoulder-left"' not in main
    assert "Highlighted: shoulder (right side)" in main


def test_header_code_lists_billable_children(client: TestClient, library: Library) -> None:
    main = _main(client.get("/codes/M61.2").text)
    assert "badge-header" in main
    n = library.classification.count_descendants(library.classification.get("M61.2"), billable_only=True)
    assert f"use one of the {n} billable codes" in main
    assert 'href="/codes/M61.211"' in main


def test_chapter_and_block_pages(client: TestClient) -> None:
    chapter = _main(client.get("/codes/13").text)
    assert "Chapter 13" in chapter and 'href="/codes/M60-M63"' in chapter
    block = _main(client.get("/codes/M60-M63").text)
    assert 'href="/codes/M61"' in block and 'href="/codes/13"' in block


def test_seventh_character_table(client: TestClient) -> None:
    main = _main(client.get("/codes/S72.001A").text)
    assert "7th character" in main and "initial encounter for closed fracture" in main
    assert 'class="part lit" data-region="hip-right"' in main  # neck of femur: the hip


def test_french_code_page(client: TestClient, library: Library) -> None:
    item = library.classification.get("M61.28")
    fr = client.get("/fr/codes/M61.28").text
    assert '<html lang="fr">' in fr
    assert "Ce que signifie ce code" in fr and "Notes officielles" in fr
    french = item.title_in("fr")
    assert french is not None and french.title in fr
    assert f'<span lang="en">{item.title}</span>' in fr  # the English title, marked as English
    # language switch keeps the page
    assert 'href="/codes/M61.28" hreflang="en"' in fr
    # notes links stay in French
    assert '<a href="/fr/codes/M33">M33.-</a>' in fr


def test_french_title_of_an_ancestor_says_so(client: TestClient, library: Library) -> None:
    row = library.store.query("SELECT i.code, t.source_code FROM item i JOIN item_title t ON t.seq = i.seq AND t.lang = 'fr' "
                              "WHERE t.level = 'ancestor' AND i.kind = 'code' LIMIT 1")[0]
    html = client.get(f"/fr/codes/{row['code']}").text
    assert f"En CIM-10 : {row['source_code']} " in html and "(code plus large" in html


def test_unknown_code_is_a_404_page_with_suggestions(client: TestClient) -> None:
    response = client.get("/codes/M61.99", headers=HTML)
    assert response.status_code == 404
    assert "Unknown code" in response.text and "M61.99 is not an ICD-10-CM code." in response.text
    assert "Did you mean:" in response.text
    assert 'href="/codes/M61.9"' in response.text
    assert '<a class="skip-link"' in response.text  # the site's layout
    fr = client.get("/fr/codes/M61.99", headers=HTML)
    assert fr.status_code == 404 and "Code inconnu" in fr.text and 'href="/fr/codes/M61.9"' in fr.text
    assert "M61.99 n’est pas un code CIM-10-CM." in fr.text


def test_unknown_page_is_a_404(client: TestClient) -> None:
    response = client.get("/no/such/page", headers=HTML)
    assert response.status_code == 404 and '<html lang="en">' in response.text


def test_server_error_page_leaks_nothing(client: TestClient) -> None:
    from fastapi import Request

    from nosology.web.errors import render

    request = Request({"type": "http", "method": "GET", "path": "/fr/codes/X", "headers": [(b"accept", b"text/html")],
                       "query_string": b"", "app": client.app, "server": ("testserver", 80), "scheme": "http"})
    response = render(request, 500, {"detail": "Traceback: secret"})
    body = bytes(response.body).decode()
    assert response.status_code == 500 and "secret" not in body and "Traceback" not in body
    assert "Une erreur s’est produite" in body


def test_etag_and_304(client: TestClient) -> None:
    first = client.get("/codes/M61.28")
    etag = first.headers["etag"]
    again = client.get("/codes/M61.28", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.headers["etag"] == etag
    assert client.get("/fr/codes/M61.28").headers["etag"] != etag


def test_static_assets_are_fingerprinted(client: TestClient) -> None:
    html = client.get("/").text
    css = re.search(r'href="(/static/app\.[0-9a-f]{10}\.css)"', html)
    js = re.search(r'src="(/static/suggest\.[0-9a-f]{10}\.js)"', html)
    assert css and js
    response = client.get(css.group(1))
    assert response.status_code == 200 and "immutable" in response.headers["cache-control"]
    assert response.headers["content-type"].startswith("text/css")
    assert client.get("/static/nothing.css", headers=HTML).status_code == 404


def test_no_inline_scripts_or_styles(client: TestClient) -> None:
    # The CSP allows neither: every page must work with external files only.
    for path in ("/", "/codes/M61.28", "/search?q=ossification", "/articles"):
        html = client.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), path
        assert " style=" not in html and "<style" not in html, path


def test_sitemap_covers_every_code(client: TestClient, library: Library) -> None:
    index = client.get("/sitemap.xml")
    assert index.status_code == 200 and index.headers["content-type"].startswith("application/xml")
    chunks = re.findall(r"<loc>http://testserver(/sitemaps/codes-\d+\.xml)</loc>", index.text)
    assert "/sitemaps/articles.xml" in index.text
    distinct = library.store.query_one("SELECT count(DISTINCT code) FROM item")
    assert distinct == 98_466  # 98,505 items; 39 blocks share their identifier with their only category
    total = 0
    for chunk in chunks:
        body = client.get(chunk).text
        urls = body.count("<loc>")
        assert urls <= 50_000
        total += urls
    assert total == 2 * distinct  # each code in English and in French
    assert client.get("/sitemaps/codes-99.xml", headers=HTML).status_code == 404


def test_search_page_empty_query_shows_the_form(client: TestClient) -> None:
    response = client.get("/search?q=")
    assert response.status_code == 200 and 'role="search"' in response.text


def test_search_for_an_exact_code_goes_to_its_page(client: TestClient) -> None:
    response = client.get("/search?q=m61.28", follow_redirects=False)
    assert response.status_code == 302 and response.headers["location"] == "/codes/M61.28"


def test_signed_in_visitor_gets_the_save_form_and_the_treatment(client: TestClient) -> None:
    import uuid

    form = client.get("/signup?next=/codes/M61.28")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
    assert token
    anonymous_etag = client.get("/codes/M61.28").headers["etag"]
    password = "correct horse battery staple 42"
    done = client.post("/signup", data={"csrf_token": token.group(1), "email": f"web-{uuid.uuid4().hex[:10]}@example.org",
                                        "password": password, "next": "/codes/M61.28"}, follow_redirects=False)
    assert done.status_code == 303
    page = client.get("/codes/M61.28")
    main = _main(page.text)
    assert 'action="/saved"' in main and 'name="code" value="M61.28"' in main
    assert "Sign up or log in to read this section" not in main
    assert 'action="/logout"' in page.text
    assert page.headers["etag"] != anonymous_etag  # a signed-in page is never served from the anonymous copy
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', main)
    assert csrf
    saved = client.post("/saved", data={"code": "M61.28", "csrf_token": csrf.group(1), "next": "/codes/M61.28"}, follow_redirects=False)
    assert saved.status_code == 303
    after = client.get("/codes/M61.28", headers={"If-None-Match": page.headers["etag"]})
    assert after.status_code == 200  # saving changed the page: the old copy is stale
    shown = _main(after.text)
    # saved: when, the way to the Saved page, a form to change it and the way to remove it
    assert 'href="/saved">See your saved codes' in shown and "Saved on " in shown and "Save changes" in shown
    assert 'href="/saved/M61.28/delete?next=/codes/M61.28"' in shown


def test_code_page_shows_the_covering_article_with_its_gate(client: TestClient, library: Library) -> None:
    # M61.28 has no article of its own; the nearest ancestor with one is M61.2.
    article = library.articles.for_item(library.classification.get("M61.28"), [], "en")
    assert article is not None and article.codes == ["M61.2"]
    main = _main(client.get("/codes/M61.28").text)
    assert f'href="{article.url}"' in main and "which includes this code" in main
    treatment = main.split('class="article-section section-treatment"', 1)[1].split("</section>", 1)[0]
    assert "Sign up or log in to read this section" in treatment
    assert 'href="/login?next=/codes/M61.28"' in treatment and 'href="/signup?next=/codes/M61.28"' in treatment
    fr = _main(client.get("/fr/codes/M61.28").text)
    assert "Inscrivez-vous ou connectez-vous pour lire cette section" in fr
    assert 'href="/login?next=/fr/codes/M61.28&amp;lang=fr"' in fr


def test_article_pages_link_translation_and_codes(client: TestClient, library: Library) -> None:
    listing = client.get("/articles")
    assert listing.status_code == 200
    en = library.articles.get("en", "heterotopic-ossification")
    assert f'href="{en.url}"' in listing.text
    page = client.get(en.url)
    assert page.status_code == 200 and f"<h1 id=\"page-title\">{en.title}</h1>" in page.text
    assert en.translation_url and f'href="{en.translation_url}" hreflang="fr"' in page.text
    assert 'href="/codes/M61"' in _main(page.text)
    assert "Sign up or log in to read this section" in page.text
    assert f'<link rel="alternate" hreflang="fr" href="http://testserver{en.translation_url}">' in page.text
    fr = client.get(en.translation_url)
    assert '<html lang="fr">' in fr.text and 'href="/fr/codes/M61"' in fr.text
    assert f'href="{en.url}" hreflang="en"' in fr.text  # the language switch goes to the translation
    missing = client.get("/articles/no-such-article", headers=HTML)
    assert missing.status_code == 404 and "<html" in missing.text


def test_search_results_pages_and_no_result(client: TestClient) -> None:
    page = client.get("/search?q=ossification")
    main = _main(page.text)
    assert page.status_code == 200 and 'href="/codes/M61"' in main
    assert re.search(r"\d+ results", main) and "Matched" in main
    assert 'rel="next"' in main and "page=2" in main
    second = _main(client.get("/search?q=ossification&page=2").text)
    assert 'rel="prev"' in second and 'aria-current="page">2<' in second
    fr = _main(client.get("/fr/search?q=ossification+h%C3%A9t%C3%A9rotopique").text)
    assert 'href="/fr/codes/M61"' in fr and "résultats" in fr
    none = _main(client.get("/search?q=xqzvwk").text)
    assert "No result" in none and "xqzvwk" in none
    near = _main(client.get("/search?q=M61.99").text)
    assert "M61.99 is not an ICD-10-CM code." in near and 'href="/codes/M61.9"' in near
    typo = _main(client.get("/search?q=muscel").text)
    assert 'Did you mean:' in typo and 'href="/search?q=muscle"' in typo
    assert client.get("/search?q=ossification&page=abc").status_code == 200
    assert client.get("/search?q=" + "a" * 5000).status_code == 200


def test_robots_and_french_home_redirect(client: TestClient) -> None:
    robots = client.get("/robots.txt")
    assert robots.status_code == 200 and "Sitemap: http://testserver/sitemap.xml" in robots.text
    french = client.get("/fr", follow_redirects=False)
    assert french.status_code == 301 and french.headers["location"] == "/fr/"


def test_user_input_is_escaped(client: TestClient) -> None:
    page = client.get("/search?q=%3Cscript%3Ealert(1)%3C/script%3E")
    assert page.status_code == 200 and "<script>alert" not in page.text and "&lt;script&gt;" in page.text
    missing = client.get("/codes/%3Cimg%20src=x%3E", headers=HTML)
    assert missing.status_code == 404 and "<img src=x>" not in missing.text


@given(code=st.sampled_from(["M61.28", "S72.001A", "M60-M63", "E11.9", "T79.A0XA"]), style=st.integers(0, 3))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_every_spelling_of_a_code_redirects_to_it(client: TestClient, code: str, style: int) -> None:
    spelled = [code.lower(), code.replace(".", ""), code.replace(".", " "), code.lower().replace(".", "")][style]
    if spelled == code:
        return
    response = client.get("/codes/" + quote(spelled), follow_redirects=False)
    assert response.status_code == 301 and response.headers["location"] == "/codes/" + code
    assert client.get(response.headers["location"]).headers["content-language"] == "en"


def test_head_requests(client: TestClient) -> None:
    for path in ("/", "/fr/codes/M61.28", "/search?q=ossification"):
        response = client.head(path)
        assert response.status_code == 200 and response.content == b"", path


def test_unknown_article_suggests_articles_not_codes(client: TestClient) -> None:
    response = client.get("/articles/heterotopic-ossificaton", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert 'href="/articles/heterotopic-ossification"' in response.text
    assert 'href="/codes/heterotopic' not in response.text


def test_anonymous_pages_served_from_cache_are_identical(client: TestClient) -> None:
    first = client.get("/codes/M61.28")
    second = client.get("/codes/M61.28")
    assert first.status_code == second.status_code == 200
    assert first.content == second.content and first.headers["etag"] == second.headers["etag"]
    assert "text/html" in second.headers["content-type"]
    assert second.headers["content-security-policy"]


def test_chapter_page_nests_blocks_under_heading_sections(client: TestClient) -> None:
    chapter = _main(client.get("/codes/13").text)
    heading = chapter.index('href="/codes/M60-M79"')
    nested = chapter.index('class="code-list nested"', heading)
    assert heading < nested < chapter.index('href="/codes/M60-M63"') < chapter.index('href="/codes/M80-M94"')
    heading_page = _main(client.get("/codes/M00-M25").text)
    assert 'href="/codes/M05-M14"' in heading_page and "Disorders affecting predominantly peripheral (limb) joints" in heading_page


def test_french_pages_show_french_titles_in_lists(client: TestClient) -> None:
    """Search results and near codes use the French title where the code has one."""
    results = _main(client.get("/fr/search", params={"q": "ossification paralytique"}).text)
    assert '<span class="result-title">Calcification et ossification paralytiques de muscles' in results
    english = _main(client.get("/search", params={"q": "paralytic ossification"}).text)
    assert "Paralytic calcification and ossification of muscle" in english
    near = _main(client.get("/fr/search", params={"q": "M61.2X"}).text)
    assert "<span>Calcification et ossification paralytiques de muscles" in near


def test_equivalents_list_the_french_cim10_title(client: TestClient) -> None:
    main = _main(client.get("/codes/M61.28").text)
    equivalents = main.split('class="equivalents"', 1)[1].split("</dl>", 1)[0]
    assert "French CIM-10" in equivalents and "Autres localisations" in equivalents
    assert "No equivalent" not in equivalents
