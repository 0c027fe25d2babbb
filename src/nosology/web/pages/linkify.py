"""Turn the code references inside official notes into links: ``(M33.-)``, ``(G71-G72)``, ``T79.A-``."""

from __future__ import annotations

import re
from collections.abc import Callable

from markupsafe import Markup, escape

from nosology.classification import Classification

__all__ = ["CODE_REFERENCE", "linkify"]

_CODE = r"[A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?"
# A code, an optional "-" or ".-" ("any code below"), or a range to a second code.
CODE_REFERENCE = re.compile(rf"(?<![\w.])({_CODE})(\.?-(?![A-Z]\d))?(?:-({_CODE}))?(?![\w])")


def linkify(text: str, classification: Classification, url: Callable[[str], str]) -> Markup:
    """``text`` escaped, with every reference to an existing code or block made a link.

    ``M33.-`` leads to M33, a range leads to its block when the classification has that block,
    otherwise each end leads to its own code. Words that only look like codes stay text.
    """
    out: list[str] = []
    last = 0
    for match in CODE_REFERENCE.finditer(text):
        first, _dash, second = match.groups()
        pieces: str | None = None
        if second:
            block = classification.find(f"{first}-{second}")
            if block is not None and block.kind == "block":
                pieces = _link(match.group(0), block.code, url)
            else:
                a, b = classification.find(first), classification.find(second)
                if a is not None and b is not None:
                    pieces = _link(first, a.code, url) + "-" + _link(second, b.code, url)
        else:
            item = classification.find(first)
            if item is not None:
                pieces = _link(match.group(0), item.code, url)
        if pieces is not None:
            out.append(str(escape(text[last : match.start()])))
            out.append(pieces)
            last = match.end()
    out.append(str(escape(text[last:])))
    return Markup("".join(out))


def _link(label: str, code: str, url: Callable[[str], str]) -> str:
    return f'<a href="{escape(url(code))}">{escape(label)}</a>'
