"""Whether a typed code can go on a claim, and what the person probably meant when it cannot:
the validation and "did you mean" of :class:`nosology.classification.Classification`."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from nosology.codes import compact, looks_like_code, with_dot
from nosology.models import Item, Validation

if TYPE_CHECKING:
    from nosology.classification import Classification

__all__ = ["suggest", "text_of", "validate"]

# Characters people confuse when copying codes from paper.
_LOOKALIKE = str.maketrans({"O": "0", "0": "O", "I": "1", "1": "I", "S": "5", "5": "S", "Z": "2"})


def validate(classification: Classification, text: str) -> Validation:
    """Whether ``text`` is a code that can go on a claim: ``billable``, a ``header`` (with
    its billable codes as suggestions), ``not_a_code`` (a chapter or block) or ``invalid``
    (with the reason and a "did you mean"). Never raises for any input."""
    raw = text.strip()[:60]
    key = compact(raw)
    item = classification.find(raw) if key else None
    if item is not None:
        if item.kind in {"chapter", "block"}:
            return Validation(raw, item.code, "not_a_code", False, False, f"{item.code} is a {item.kind} of ICD-10-CM, not a code: pick a code inside it", item.title)
        if item.billable:
            return Validation(raw, item.code, "billable", True, True, f"{item.code} is a valid billable ICD-10-CM code", item.title)
        options = [i.code for i in classification.children(item)]
        shown = f"{options[0]}…{options[-1]}" if len(options) > 2 else ", ".join(options)
        return Validation(raw, item.code, "header", True, False, f"{item.code} is a header, not billable: pick one of {shown}", item.title, _billable_suggestions(classification, item))
    if not key:
        return Validation(raw, None, "invalid", False, False, "empty code: type an ICD-10-CM code such as M61.28")
    reason = _invalid_reason(classification, key)
    shaped = with_dot(key) if looks_like_code(key) else None
    return Validation(raw, shaped, "invalid", False, False, reason, None, suggest(classification, raw))

def _billable_suggestions(classification: Classification, item: Item, limit: int = 20) -> list[str]:
    return [i.code for i in classification.descendants(item, billable_only=True, limit=limit)]

def _invalid_reason(classification: Classification, key: str) -> str:
    shown = with_dot(key)[:20]
    if not re.match(r"^[A-Z]", key):
        return f"{text_of(key)!r} is not an ICD-10-CM code: codes start with a letter (A-Z), then two digits, as in M61.28"
    if not looks_like_code(key):
        return f"{text_of(key)!r} is not an ICD-10-CM code: codes have 3 to 7 characters, a letter, a digit, then digits or letters (M61.28, S72.001A)"
    prefix = _longest_prefix(classification, key)
    if prefix is None:
        return f"{shown} is not an ICD-10-CM code: there is no category {key[:3]}"
    return f"{shown} is not an ICD-10-CM code; the nearest existing code is {prefix.code} ({prefix.title})"

def _longest_prefix(classification: Classification, key: str) -> Item | None:
    for n in range(min(len(key), 7), 2, -1):
        found = classification.find(key[:n])
        if found is not None:
            return found
    return None

def suggest(classification: Classification, text: str, limit: int = 8) -> list[str]:
    """Codes the person probably meant: missing X placeholders, look-alike characters, or
    the billable codes under the longest prefix that exists."""
    key = compact(text)[:12]
    if not key or not key[0].isalnum():
        return []
    out: list[str] = []

    def add(candidate: str) -> None:
        found = classification.find(candidate)
        if found is not None and found.code not in out and found.kind not in {"chapter", "block"}:
            out.append(found.code)

    if 4 <= len(key) <= 7 and key[-1].isalpha():  # W21.89A -> W21.89XA
        add(key[:-1].ljust(6, "X") + key[-1])
    # after the first letter, O and I are almost always zeros and ones
    add(key[0] + key[1:].replace("O", "0").replace("I", "1"))
    for i in range(min(len(key), 7)):
        swapped = key[i].translate(_LOOKALIKE)
        if swapped != key[i]:
            add(key[:i] + swapped + key[i + 1 :])
    if len(key) > 3:
        add(key[:-1])
    prefix = _longest_prefix(classification, key)
    if prefix is not None:
        add(prefix.code)
        for child in classification.children(prefix)[: limit * 2]:
            if len(out) >= limit:
                break
            add(child.code)
    return out[:limit]

def text_of(key: str) -> str:
    """A bounded, printable echo of what was typed, for messages."""
    shown = "".join(ch for ch in key if ch.isprintable())[:20]
    return shown + ("…" if len(key) > 20 else "")
