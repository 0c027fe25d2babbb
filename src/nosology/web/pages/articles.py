"""Article pages: ``/articles`` (the list) and ``/articles/{slug}``, each linked to its translation
and to its codes; gated sections show a sign-in prompt to anonymous visitors."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from nosology.errors import NotFound
from nosology.library import Library
from nosology.web.auth import is_signed_in
from nosology.web.i18n import lang_of_path
from nosology.web.pages.common import add_page, code_url, page, translate, with_lang

__all__ = ["article_url", "router"]

router = APIRouter()


def article_url(slug: str, lang: str) -> str:
    return with_lang(f"/articles/{slug}", lang)


def article_list(request: Request) -> Response:
    lang = lang_of_path(request.url.path)
    library: Library = request.app.state.library

    def context() -> dict[str, Any]:
        return {"articles": library.articles.list(lang), "article_url": article_url}

    return page(request, "pages/articles.html", context, lang=lang,
                description=translate(request, lang, "Plain-language articles on conditions, linked to their ICD-10-CM codes."))


def article_page(request: Request, slug: str) -> Response:
    lang = lang_of_path(request.url.path)
    library: Library = request.app.state.library
    article = library.articles.get(lang, slug[:120])
    if article is None:
        raise NotFound(translate(request, lang, "There is no article at this address."))

    def context() -> dict[str, Any]:
        codes = [library.classification.find(c) for c in article.codes]
        translation = library.articles.translation(article)
        lang_paths = {article.lang: article.url} | ({translation.lang: translation.url} if translation else {})
        return {
            "article": article,
            "translation": translation,
            "lang_paths": lang_paths,
            "codes": [c for c in codes if c is not None],
            "signed_in": is_signed_in(request),
            "article_url": article_url,
            "code_url": lambda c: code_url(c, lang),
        }

    return page(request, "pages/article.html", context, lang=lang, description=article.summary)


add_page(router, "/articles", article_list, "articles")
add_page(router, "/articles/{slug}", article_page, "article")
