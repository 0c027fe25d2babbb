"""Hostile Markdown never reaches a page: no script, no event handler, no javascript:/data: URL,
whatever the input. Two independent layers are tested: markdown-it's options and nh3."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nosology.content.render import is_safe_url, render_markdown, sanitise

HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<div>\n<script>alert(1)</script>\n</div>",
    "text <img src=x onerror=alert(1)> more",
    "<svg onload=alert(1)>",
    "<iframe src='https://evil.example'></iframe>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](java\tscript:alert(1))",
    "[x](java&#115;cript:alert(1))",
    "[x](&#x6A;avascript:alert(1))",
    "[x](%6Aavascript:alert(1))",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "![x](javascript:alert(1))",
    "[x][ref]\n\n[ref]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "[x](//evil.example/path)",
    "[x](file:///etc/passwd)",
    "<!-- comment --><style>body{display:none}</style>",
    "[x](https://ok.example \"t\" onmouseover=alert(1))",
    "`<script>` in code is text",
    "```html\n<script>alert(1)</script>\n```",
]

_BAD = re.compile(r"<script|<iframe|<svg|<img|<style|<div|\son\w+\s*=|javascript:|vbscript:|data:|file:|href=\"//", re.IGNORECASE)


def _tags(html: str) -> list[str]:
    """Only the markup, not escaped text (``&lt;script&gt;`` shown to the reader is harmless)."""
    return re.findall(r"<[^>]*>", html)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_markdown_is_neutralised(text: str) -> None:
    html = render_markdown(text)
    assert not any(_BAD.search(tag) for tag in _tags(html)), html
    assert "<script" not in html.lower()


def test_allowed_markup_survives() -> None:
    html = render_markdown(
        "### Imaging\n\nSee **[the review](https://doi.org/10.1002/jbm4.10172)** and [M61.28](/codes/M61.28).\n\n"
        "- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    assert '<a href="https://doi.org/10.1002/jbm4.10172" rel="noopener noreferrer">the review</a>' in html
    assert '<a href="/codes/M61.28">M61.28</a>' in html
    for tag in ("<h3>", "<strong>", "<ul>", "<li>", "<table>", "<td>"):
        assert tag in html


def test_sanitiser_alone_strips_what_markdown_would_never_emit() -> None:
    dirty = '<p onclick="x()">a<script>b</script><a href="javascript:c">d</a><img src=x onerror=y><iframe></iframe></p>'
    assert sanitise(dirty) == "<p>a<a>d</a></p>"


@pytest.mark.parametrize(
    ("url", "safe"),
    [("https://doi.org/10.1/x", True), ("/codes/M61.28", True), ("#top", True), ("page", True),
     ("javascript:alert(1)", False), (" JAVASCRIPT:x", False), ("java\nscript:x", False), ("data:x", False),
     ("//evil.example", False), ("\\\\evil", False), ("mailto:a@b", False), ("ftp://x", False)],
)
def test_is_safe_url(url: str, safe: bool) -> None:
    assert is_safe_url(url) is safe


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["<script>", "</script>", "<img src=x onerror=alert(1)>", "[x](", "javascript:", "data:",
                                 ")", "](", "<", ">", "\n", "\n\n", "`", "*", "alert(1)", " ", "&#106;", "<a href=", "\""]),
                max_size=40).map("".join))
def test_no_generated_input_yields_active_content(text: str) -> None:
    html = render_markdown(text)
    assert not any(_BAD.search(tag) for tag in _tags(html)), (text, html)
