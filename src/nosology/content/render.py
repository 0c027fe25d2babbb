"""Markdown to safe HTML: markdown-it-py with raw HTML off and an allow-list of link schemes,
then nh3 (ammonia) as a second, independent allow-list, so a bug in one layer is not an XSS.
"""

from __future__ import annotations

import re
from collections.abc import MutableMapping, Sequence
from typing import Any

import nh3
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import OptionsDict

__all__ = ["ALLOWED_TAGS", "is_safe_url", "make_markdown", "render_markdown", "render_tokens", "sanitise"]

ALLOWED_TAGS: frozenset[str] = frozenset({
    "p", "h3", "h4", "h5", "h6", "ul", "ol", "li", "strong", "em", "a", "code", "pre", "blockquote",
    "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "s", "sup", "sub",
})
_ATTRIBUTES: dict[str, set[str]] = {"a": {"href", "title", "rel"}, "ol": {"start"}}
_SCHEMES: frozenset[str] = frozenset({"http", "https"})
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
# Browsers ignore these inside a scheme ("java\tscript:"), so they must not hide one from us.
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]|%0[0-9a-f]|%1[0-9a-f]|%20|%7f", re.IGNORECASE)


def is_safe_url(url: str) -> bool:
    """http(s) URLs and relative references only; never javascript:, data:, vbscript:, file:..."""
    cleaned = _IGNORED_IN_SCHEME.sub("", url.strip())
    if cleaned.startswith(("//", "\\\\", "/\\", "\\")):
        return False  # protocol-relative: another host without saying so
    scheme = _SCHEME.match(cleaned)
    if scheme is None:
        # A colon before any / ? # would still be read as a scheme by some browser: refuse it.
        head = re.split(r"[/?#]", cleaned, maxsplit=1)[0]
        return ":" not in head and "&" not in head
    return scheme.group(1).lower() in _SCHEMES


class _SafeMarkdown(MarkdownIt):
    def validateLink(self, url: str) -> bool:
        return is_safe_url(url)


def _link_open(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: MutableMapping[str, Any]) -> str:
    token = tokens[idx]
    href = str(token.attrGet("href") or "")
    if href.lower().startswith(("http://", "https://")):
        token.attrSet("rel", "noopener noreferrer")
    return self.renderToken(tokens, idx, options, env)


def make_markdown() -> MarkdownIt:
    """The one Markdown configuration for articles: CommonMark + tables, no raw HTML, no images,
    no autolinking of bare text."""
    md = _SafeMarkdown("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.disable(["image", "html_block", "html_inline"])
    md.add_render_rule("link_open", _link_open)
    return md


def sanitise(html: str) -> str:
    """The allow-list pass: anything not listed (tags, attributes, URL schemes) is dropped."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes=_ATTRIBUTES,
        url_schemes=set(_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


def render_tokens(md: MarkdownIt, tokens: Sequence[Token], env: MutableMapping[str, Any] | None = None) -> str:
    """Render a slice of a parsed document (one section) to sanitised HTML."""
    return sanitise(md.renderer.render(tokens, md.options, env if env is not None else {})).strip()


def render_markdown(text: str, md: MarkdownIt | None = None) -> str:
    md = md or make_markdown()
    env: dict[str, Any] = {}
    return render_tokens(md, md.parse(text, env), env)
