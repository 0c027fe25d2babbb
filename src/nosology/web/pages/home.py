"""Home page: the search box with examples a person would type, what each audience can do
here, and the 22 chapters as cards (number, range and title)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from nosology.library import Library
from nosology.models import Item
from nosology.web.i18n import LANGUAGES, lang_of_path
from nosology.web.pages.common import add_page, page, page_state, translate, with_lang

__all__ = ["ChapterCard", "Example", "chapter_card", "examples", "router"]

router = APIRouter()

# The official chapter titles end with their range, "(A00-B99)"; the card shows it apart.
_RANGE = re.compile(r"\s*\(([A-Z][0-9A-Z]{2}-[A-Z][0-9A-Z]{2})\)\s*$")
# A real code: the search answers it with its page.
_EXAMPLE_CODE = "E11.9"
# Everyday words; each UI language's catalogue gives the same words in that language.
_EXAMPLE_WORDS = "heart attack"


@dataclass(frozen=True)
class ChapterCard:
    number: str
    href: str
    range: str  # "A00-B99", or "" when the title carries none
    title: str
    title_lang: str  # the language the title is in (the page's, or English when untranslated)


@dataclass(frozen=True)
class Example:
    query: str
    query_lang: str  # "" for a code (no language)
    href: str
    label: str  # what kind of query it shows
    label_lang: str  # the page language, or the other language a label is named in


def chapter_card(chapter: Item, lang: str) -> ChapterCard:
    local = chapter.title_in(lang)
    # only a title written for this very chapter, never one borrowed from elsewhere
    title, title_lang = (local.title, lang) if local and local.level == "exact" else (chapter.title, "en")
    found = _RANGE.search(chapter.title)
    return ChapterCard(chapter.code, with_lang(f"/codes/{chapter.code}", lang), found.group(1) if found else "", _RANGE.sub("", title), title_lang)


def examples(request: Request, lang: str) -> list[Example]:
    """A code, everyday words in the page language, and the same words in every other UI
    language (labelled with that language's name): search takes all of them."""
    search = with_lang("/search", lang)

    def example(query: str, query_lang: str, label: str, label_lang: str = lang) -> Example:
        return Example(query, query_lang, f"{search}?{urlencode({'q': query})}", label, label_lang)

    found = [example(_EXAMPLE_CODE, "", translate(request, lang, "a code")),
             example(translate(request, lang, _EXAMPLE_WORDS), lang, translate(request, lang, "in everyday words"))]
    for other, name in LANGUAGES.items():
        words = translate(request, other, _EXAMPLE_WORDS)
        if other != lang and words not in {e.query for e in found}:
            found.append(example(words, other, name, other))
    return found


def home(request: Request) -> Response:
    lang = lang_of_path(request.url.path)
    library: Library = request.app.state.library

    def context() -> dict[str, Any]:
        chapters = page_state(request).chapters(library)
        return {"chapters": [chapter_card(c, lang) for c in chapters], "examples": examples(request, lang)}

    description = translate(request, lang, "Find and understand ICD-10-CM codes: official titles and notes, what each character means, the body site, and plain-language articles.")
    return page(request, "pages/home.html", context, lang=lang, description=description)


add_page(router, "/", home, "home")


@router.get("/fr", include_in_schema=False)
def french_home() -> Response:
    return RedirectResponse("/fr/", status_code=301)
