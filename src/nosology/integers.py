"""Whole numbers typed by clients (form fields, path segments, query parameters).

Python's ``int()`` accepts far more than a client should send: any Unicode decimal digit ("٣"),
underscores, signs, surrounding spaces, and thousands of digits (which then overflow the
database driver or hit the interpreter's digit limit). Everything a client sends as a number
goes through :func:`parse_int` instead: ASCII digits only, of bounded length, within a range.
"""

from __future__ import annotations

import re

__all__ = ["parse_int"]

# 18 digits always fit a 64-bit integer; callers narrow further with low/high.
_ASCII_DIGITS = re.compile(r"[0-9]{1,18}")


def parse_int(raw: str | None, low: int, high: int) -> int | None:
    """The number ``raw`` spells in ASCII digits, or None when it is not one or is out of range."""
    if raw is None or not _ASCII_DIGITS.fullmatch(raw):
        return None
    value = int(raw)
    return value if low <= value <= high else None
