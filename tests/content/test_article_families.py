"""Every article family, whatever its batch: a probe code of each of its code spans shows the
article on the code page in both languages, and no gated section holds safety information.

Probes are derived from the articles themselves (the first billable code of each span), so an
article added later is covered without editing this file.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from nosology.content.format import EMERGENCY_WORDS, NEVER_GATED, code_url
from nosology.library import Library

pytestmark = pytest.mark.fulldata


def _probes(library: Library) -> list[tuple[str, str, str]]:
    """(lang, slug, probe code) for every stored article: the first billable code of one of its
    spans that resolves to it, else the span's own code (an overview whose every child has a more
    specific article, such as M61, owns only its header)."""
    classification = library.classification
    out: list[tuple[str, str, str]] = []
    for summary in library.articles.list():
        article = library.articles.get(summary.lang, summary.slug)
        candidates = []
        for code in article.codes:
            item = classification.get(code.split("-")[0])
            candidates += [item] if item.billable else classification.descendants(item, billable_only=True, limit=1)
        candidates += [classification.get(code.split("-")[0]) for code in article.codes]
        for probe in candidates:
            found = library.articles.for_item(probe, classification.ancestors(probe), article.lang)
            if found is not None and found.slug == article.slug:
                out.append((article.lang, article.slug, probe.code))
                break
    return out


def test_every_article_has_a_probe_code_it_owns(library: Library) -> None:
    articles = {(s.lang, s.slug) for s in library.articles.list()}
    probed = {(lang, slug) for lang, slug, _ in _probes(library)}
    assert articles == probed


def test_probe_code_pages_show_their_article(library: Library, client: TestClient) -> None:
    for lang, slug, code in _probes(library):
        page = client.get(code_url(lang, code))
        assert page.status_code == 200, (lang, code)
        article = library.articles.get(lang, slug)
        assert article.url in page.text, (lang, slug, code)


def test_no_gated_section_holds_safety_information(library: Library) -> None:
    gated = set(library.settings.gated_sections)
    assert not gated & NEVER_GATED
    for summary in library.articles.list():
        article = library.articles.get(summary.lang, summary.slug)
        keys = [s.key for s in article.sections]
        assert "when_to_get_help" in keys, (summary.lang, summary.slug)
        pattern = EMERGENCY_WORDS[article.lang]
        for section in article.sections:
            if section.key in gated:
                assert not pattern.search(section.html), (summary.lang, summary.slug, section.key)
