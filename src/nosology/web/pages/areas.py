"""The area of the site a page belongs to: its accent colour (``<body class="area-…">``) and the
navigation item marked current. Found from the path, so no template has to declare it."""

from __future__ import annotations

from nosology.web.i18n import DEFAULT_LANG
from nosology.web.pages.common import other_lang_path

__all__ = ["page_area"]

# First matching prefix wins; a page under none of them is "other" (the default accent).
_AREAS = (
    ("/codes", "classification"),
    ("/search", "search"),
    ("/index", "index"),
    ("/articles", "articles"),
    ("/changes", "history"),
    ("/saved", "saved"),
    ("/account", "account"),
    ("/login", "account"),
    ("/signup", "account"),
    ("/reset", "account"),
)


def page_area(path: str) -> str:
    """``"classification"`` for ``/codes/M61.28`` and ``/fr/codes/M61.28``, ``"home"`` for ``/``."""
    base = other_lang_path(path, DEFAULT_LANG)
    if base == "/":
        return "home"
    for prefix, area in _AREAS:
        if base == prefix or base.startswith(prefix + "/"):
            return area
    return "other"
