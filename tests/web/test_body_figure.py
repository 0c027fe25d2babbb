"""The body figure on code pages: the side lit on the right part of the figure, nothing for codes,
chapters and blocks that name no site, and the figure placed right after the title block."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from tests.anatomy.test_site import ISSUE_CODES

from nosology.anatomy import region

pytestmark = pytest.mark.fulldata


def _figure(client: TestClient, path: str) -> str:
    html = client.get(path).text
    return html.split('<section class="code-figure"', 1)[1].split("</section>", 1)[0] if 'class="code-figure"' in html else ""


@pytest.mark.parametrize(("code", "regions_", "side"), ISSUE_CODES)
def test_issue_codes_light_their_regions(client: TestClient, code: str, regions_: tuple[str, ...], side: str | None) -> None:
    figure = _figure(client, f"/codes/{code}")
    if not regions_:
        assert figure == ""
        return
    assert 'role="img"' in figure and "<desc" in figure and "<figcaption" in figure
    lit = set(re.findall(r'class="\w+ lit[^"]*" data-region="([\w-]+)"', figure))
    expected = set()
    for r in regions_:
        if r == "skin":  # an overlay: the outline of the named parts
            assert re.search(r'class="\w+ lit skin"', figure)
        elif region(r).sided:
            expected |= {f"{r}-{side}"} if side in {"right", "left"} else {f"{r}-right", f"{r}-left"}
        else:
            expected.add(r)
    assert lit == expected


def test_caption_names_side_and_orientation(client: TestClient) -> None:
    figure = _figure(client, "/codes/C50.911")
    assert "Highlighted: breast (right side)" in figure
    assert "their right is on your left" in figure


@pytest.mark.parametrize("path", ["/codes/2", "/codes/C00-C96", "/codes/E08-E13", "/codes/E11.9", "/codes/Z00.00", "/codes/M61.28"])
def test_no_site_no_figure(client: TestClient, path: str) -> None:
    html = client.get(path).text
    assert "body-figure" not in html and "This code does not name a body site" not in html


def test_figure_follows_the_title_block(client: TestClient) -> None:
    html = client.get("/codes/H66.91").text
    assert html.index("</header>") < html.index('class="code-figure"') < html.index('class="code-main"')


def test_french_page_has_the_figure(client: TestClient) -> None:
    assert 'data-region="ear-right"' in _figure(client, "/fr/codes/H66.91")
