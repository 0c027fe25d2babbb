"""Password policy and hashing (argon2id through argon2-cffi)."""

from __future__ import annotations

import os
import re
import threading
from functools import cached_property
from importlib import resources
from itertools import pairwise

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from nosology.accounts.errors import WeakPassword

__all__ = ["MAX_PASSWORD", "MIN_PASSWORD", "Passwords", "default_concurrency"]

MIN_PASSWORD = 10
MAX_PASSWORD = 1024
# Trailing digits and symbols do not make a common word strong: "monkey2024!" is "monkey".
_DECORATION = re.compile(r"[\d\W_]+$")
_LEADING = re.compile(r"^[\d\W_]+")


def default_concurrency() -> int:
    """How many hashes may run at once in a process: 2 x cores."""
    return 2 * (os.cpu_count() or 1)


def _smallest_period(text: str) -> int:
    """The length of the shortest unit that, repeated, spells ``text`` (the last copy may be cut)."""
    border = [0] * len(text)  # Knuth-Morris-Pratt failure function
    for i in range(1, len(text)):
        k = border[i - 1]
        while k and text[i] != text[k]:
            k = border[k - 1]
        border[i] = k + (text[i] == text[k])
    return len(text) - (border[-1] if text else 0)


def _patterned(lowered: str) -> bool:
    """A unit typed twice or more ("abcdabcdab", "horsehorse"), or a run of consecutive
    characters ("abcdefghij", "9876543210"): long, but guessed early by any cracking tool."""
    if _smallest_period(lowered) * 2 <= len(lowered):
        return True
    steps = {ord(b) - ord(a) for a, b in pairwise(lowered)}
    return steps in ({1}, {-1})


class Passwords:
    """Checks a new password against the policy, hashes it, verifies one against a hash.

    At most ``concurrency`` hashes run at once in a process (default 2 x cores): each takes the
    hasher's memory cost (64 MiB by default), so a burst of sign-ins or sign-ups waits its turn
    instead of growing the process by that much per request. More would not finish sooner anyway.
    """

    def __init__(self, hasher: PasswordHasher | None = None, concurrency: int | None = None) -> None:
        # argon2-cffi's defaults are argon2id with RFC 9106's low-memory profile.
        self.hasher = hasher or PasswordHasher()
        self.concurrency = concurrency or default_concurrency()
        self._slots = threading.BoundedSemaphore(self.concurrency)

    @cached_property
    def common(self) -> frozenset[str]:
        text = resources.files("nosology.accounts").joinpath("common-passwords.txt").read_text("utf-8")
        return frozenset(line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#"))

    @cached_property
    def dummy_hash(self) -> str:
        """A hash to verify against when the email is unknown, so both cases take as long."""
        return self.hash("nosology-dummy-password-for-timing")

    def check(self, password: str, email: str = "") -> None:
        if len(password) < MIN_PASSWORD:
            raise WeakPassword(f"Password must have at least {MIN_PASSWORD} characters.")
        if len(password) > MAX_PASSWORD:
            raise WeakPassword(f"Password must have at most {MAX_PASSWORD} characters.")
        lowered = password.lower()
        stems = {lowered, _DECORATION.sub("", lowered), _LEADING.sub("", lowered), _LEADING.sub("", _DECORATION.sub("", lowered))}
        if any(s in self.common for s in stems if s) or len(set(lowered)) < 4 or _patterned(lowered):
            raise WeakPassword("This password is too common or too easy to guess. Choose another one.")
        local = email.lower().partition("@")[0]
        if len(local) >= 4 and local in lowered:
            raise WeakPassword("Password must not contain your email address.")

    def hash(self, password: str) -> str:
        with self._slots:
            return self.hasher.hash(password)

    def verify(self, password_hash: str | None, password: str) -> bool:
        """True when ``password`` matches; always does the full argon2 work, even without a hash."""
        against = password_hash or self.dummy_hash
        try:
            with self._slots:
                return self.hasher.verify(against, password) and password_hash is not None
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, password_hash: str) -> bool:
        return self.hasher.check_needs_rehash(password_hash)
