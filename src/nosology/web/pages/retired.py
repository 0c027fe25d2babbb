"""The page of a code that was valid in an earlier fiscal year: what happened to it."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from nosology.history import Retirement, fiscal_years_text
from nosology.web.pages.common import code_url, page

__all__ = ["retired_page"]


def retired_page(request: Request, retired: Retirement, asked: str, lang: str) -> Response:
    code = retired.history.code
    if asked != code:
        return RedirectResponse(code_url(code, lang), status_code=301)

    def context() -> dict[str, Any]:
        return {"retired": retired, "years_text": fiscal_years_text, "code_url": lambda c: code_url(c, lang)}

    return page(request, "pages/retired.html", context, lang=lang, description=retired.message)
