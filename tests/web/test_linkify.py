"""Code references inside notes become links to the right code pages."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from nosology.library import Library
from nosology.web.pages.linkify import linkify

pytestmark = pytest.mark.fulldata


def _url(code: str) -> str:
    return f"/codes/{code}"


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("dermatopolymyositis (M33.-)", ['<a href="/codes/M33">M33.-</a>']),
        ("myopathy in rheumatoid arthritis (M05.32)", ['<a href="/codes/M05.32">M05.32</a>']),
        ("Clostridium difficile foodborne intoxication and infection (A04.7-)", ['<a href="/codes/A04.7">A04.7-</a>']),
        ("Escherichia coli infection (A04.0-A04.4)", ['<a href="/codes/A04.0">A04.0</a>-<a href="/codes/A04.4">A04.4</a>']),
        ("disorders of muscles (M60-M63)", ['<a href="/codes/M60-M63">M60-M63</a>']),
        ("infection following a procedure (T81.4-)", ['<a href="/codes/T81.4">T81.4-</a>']),
    ],
)
def test_references_become_links(library: Library, text: str, links: list[str]) -> None:
    html = str(linkify(text, library.classification, _url))
    for link in links:
        assert link in html


def test_unknown_and_lookalike_words_stay_text(library: Library) -> None:
    html = str(linkify("type Q99.9X9 or <b>T1</b> & X99.99", library.classification, _url))
    assert "<a" not in html
    assert "&lt;b&gt;" in html and "&amp;" in html


def test_range_that_is_not_a_block_links_each_end(library: Library) -> None:
    # G71-G72 is not a block of its own (the block is G70-G73): each end is linked.
    html = str(linkify("muscular dystrophies and myopathies (G71-G72)", library.classification, _url))
    assert '<a href="/codes/G71">G71</a>-<a href="/codes/G72">G72</a>' in html


@given(st.text(alphabet=st.sampled_from(list("ABMST0123456789.-() <>&\"'xyz")), max_size=60))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_is_escaped_and_links_only_existing_codes(library: Library, text: str) -> None:
    html = str(linkify(text, library.classification, _url))
    targets = re.findall(r'<a href="/codes/([^"]+)">', html)
    for code in targets:
        assert library.classification.find(code) is not None
    # Without the links, what is left is exactly the escaped text.
    assert re.sub(r'<a href="[^"]+">|</a>', "", html) == str(escape(text))
