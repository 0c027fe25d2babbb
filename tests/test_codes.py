"""Code spellings people type."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nosology.codes import compact, looks_like_code, with_dot


@pytest.mark.parametrize(
    ("typed", "key"),
    [("M61.28", "M6128"), ("m6128", "M6128"), (" M61 28 ", "M6128"), ("M61-28", "M6128"), ("t8489xa", "T8489XA"),
     ("M60-M63", "M60-M63"), ("m60 - m63", "M60-M63"), ("13", "13"), ("M61.", "M61"), ("s72_001a", "S72001A"),
     ("F01.A11", "F01A11"), ("f01a11", "F01A11")],
)
def test_compact(typed: str, key: str) -> None:
    assert compact(typed) == key


def test_with_dot() -> None:
    assert with_dot("M6128") == "M61.28"
    assert with_dot("M61") == "M61"
    assert with_dot("M60-M63") == "M60-M63"


@pytest.mark.parametrize("text", ["M61.28", "C7A", "S72.001A", "D3A.0"])
def test_looks_like_code(text: str) -> None:
    assert looks_like_code(text)


@pytest.mark.parametrize("text", ["", "hello", "61.28", "M", "M6", "M61.28ABCD", "'; DROP TABLE item;--"])
def test_does_not_look_like_code(text: str) -> None:
    assert not looks_like_code(text)


@given(st.text(max_size=200))
def test_compact_never_fails(text: str) -> None:
    key = compact(text)
    assert key == key.upper() or not key.isascii()
