"""The body figure in Chromium: on a 375 px phone it comes right after the title block, and the
right-sided structure is lit on the viewer's left of the front view."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.fulldata]


@pytest.mark.parametrize("path", ["/codes/H66.91", "/fr/codes/C50.911", "/codes/S52.501A"])
def test_phone_figure_follows_the_title_block(phone: Any, screenshot: Callable[[Any, str], Path], path: str) -> None:
    phone.goto(path)
    header = phone.locator("header.code-header").bounding_box()
    figure = phone.locator(".code-figure").bounding_box()
    main = phone.locator(".code-main").bounding_box()
    assert header and figure and main
    assert header["y"] + header["height"] <= figure["y"] < main["y"]
    assert figure["y"] - (header["y"] + header["height"]) < 80  # nothing in between
    assert figure["width"] <= 375
    screenshot(phone, "body-phone-" + path.strip("/").replace("/", "-"))


def test_right_side_is_on_the_viewers_left(page: Any, screenshot: Callable[[Any, str], Path]) -> None:
    page.goto("/codes/S52.501A")
    svg = page.locator(".body-svg").bounding_box()
    lit = page.locator(".view-front .lit").first.bounding_box()
    assert svg and lit
    assert lit["x"] + lit["width"] / 2 < svg["x"] + svg["width"] / 4  # front view is the left half
    screenshot(page, "body-desktop-S52.501A")
