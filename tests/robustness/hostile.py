"""Hostile inputs, tried through every endpoint by tests/robustness/test_hostile_input.py."""

from __future__ import annotations

__all__ = ["HOSTILE_STRINGS"]

HOSTILE_STRINGS: tuple[str, ...] = (
    # SQL
    "' OR 1=1 --",
    "\"; DROP TABLE item; --",
    "1' UNION SELECT sqlite_version()--",
    "M61.28'; DELETE FROM saved_code; --",
    # full-text engine syntax
    "NEAR(",
    "heart NEAR(attack",
    "\"unterminated",
    "a AND OR NOT b",
    "*",
    "^title:foo",
    "(((((",
    "{col1 col2}: x",
    "- + ~ ! @",
    "title:M61 OR code:*",
    # paths
    "../../etc/passwd",
    "..%2F..%2Fetc%2Fpasswd",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/etc/passwd\x00.html",
    # encodings and scripts
    "\x00",
    "\x01\x02\x03\x1b[31m",
    "M61.28\x00",
    "\u202eevil\u202c",
    "\u200b\u200b\u200b",
    "ossification عظم هتروتوبي",
    "骨化性肌炎",
    "оssification",  # Cyrillic o
    "🦴💥🩻",
    "\ud800",  # lone surrogate, not encodable as UTF-8
    "e\u0301\u0301\u0301\u0301",
    # sizes
    "a" * 10_000,
    "M" * 500,
    "M61." + "9" * 300,
    " " * 5_000,
    "heart attack " * 800,
    # markup
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "{{7*7}}",
    "${jndi:ldap://127.0.0.1/a}",
    "%s%s%s%n",
    "",
)
