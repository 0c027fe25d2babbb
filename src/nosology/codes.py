"""Code spellings: turn what people type (``m6128``, `` M61 28 ``, ``M61-28``) into a lookup key."""

from __future__ import annotations

import re

__all__ = ["CODE_SHAPE", "compact", "looks_like_code", "with_dot"]

# Letter, digit, then a digit or letter (C7A, D3A), then up to 4 more characters.
CODE_SHAPE = re.compile(r"^[A-Z][0-9][0-9A-Z](?:[0-9A-Z]{1,4})?$")
_BLOCK_SHAPE = re.compile(r"^([A-Z][0-9][0-9A-Z])-([A-Z][0-9][0-9A-Z])$")
_SEPARATORS = re.compile(r"[\s.\-_/]+")


def compact(text: str) -> str:
    """The lookup key of a code spelling: upper case, no dot, space, dash or underscore.

    Block ranges keep their dash (``M60-M63``); chapters are their number (``13``).
    """
    cleaned = text.strip().upper()
    # only a dash makes a range: F01.A11 is a code whose 4th character is a letter, not F01-A11
    block = _BLOCK_SHAPE.match(_SEPARATORS.sub("-", cleaned).strip("-")) if "-" in cleaned else None
    if block:
        return f"{block.group(1)}-{block.group(2)}"
    return _SEPARATORS.sub("", cleaned)


def looks_like_code(text: str) -> bool:
    """True when ``text`` has the shape of an ICD-10 code once compacted."""
    return bool(CODE_SHAPE.match(compact(text)))


def with_dot(key: str) -> str:
    """``M6128`` -> ``M61.28``; keys of three characters or fewer and ranges are unchanged."""
    if len(key) <= 3 or "-" in key or key.isdigit():
        return key
    return f"{key[:3]}.{key[3:]}"
