"""Attempt limits (sign-in, password confirmation, sign-up), shared by every app instance through
the accounts database.

An attempt is recorded *before* the slow password hash, in the same transaction as the check,
and the transaction holds a lock on each key (SQLite: the database write lock taken by BEGIN
IMMEDIATE; PostgreSQL: a transaction-scoped advisory lock per key). So parallel guesses are
counted one after the other and no more than the limit ever reach the hash. A successful
attempt is then taken back (:meth:`AttemptLimiter.forget`).

The sign-in policy keeps brute force out without letting anyone lock anyone out:

* per (account, client address) pair, tight: 5 in 15 minutes. This is what stops a guesser.
* per account, loose and never a lock-out: 10 in an hour from anywhere, then each further
  attempt waits 2, 4, 8... seconds after the last one, at most 5 minutes. A guesser spread over
  many addresses gets about 12 guesses an hour; the owner waits minutes, not the whole window.
* per client address, loose: 100 in 15 minutes, whatever the accounts. Behind a proxy that does
  not pass the client address (set FORWARDED_ALLOW_IPS for one that does), every visitor shares
  one address, so this limit is deliberately high: it bounds a spray over many accounts without
  letting 10 mistyped emails lock a whole office out.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session as OrmSession

from nosology.accounts.errors import RateLimited
from nosology.accounts.models import LoginFailure

__all__ = ["SIGN_IN", "SIGN_UP", "AttemptLimiter", "Policy", "Rule", "account_key", "ip_key", "pair_key", "signup_key"]


def _hashed(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:64]


def ip_key(ip: str) -> str:
    return "ip:" + ip[:64]


def account_key(email: str) -> str:
    # Hashed: unknown emails typed at the sign-in form should not be stored in clear.
    return "acct:" + _hashed(email.strip().lower())


def pair_key(email: str, ip: str) -> str:
    return "pair:" + _hashed(email.strip().lower() + "\n" + ip[:64])


def signup_key(ip: str) -> str:
    return "signup:" + ip[:64]


@dataclass(frozen=True)
class Rule:
    """``free`` attempts per key within ``window``. Past that: refused until the oldest attempt
    leaves the window, or, when ``max_delay`` is set, allowed again ``2 ** (n - free + 1)``
    seconds (at most ``max_delay``) after the newest one."""

    free: int
    window: timedelta
    max_delay: timedelta | None = None

    def wait(self, times: Sequence[datetime], now: datetime) -> int:
        """Seconds until one more attempt is allowed (0: now), given this key's attempt times
        within the window, oldest first."""
        over = len(times) - self.free + 1
        if over <= 0:
            return 0
        if self.max_delay is None:
            frees_at = times[len(times) - self.free] + self.window
        else:
            delay = min(2.0 ** min(over, 40), self.max_delay.total_seconds())
            frees_at = times[-1] + timedelta(seconds=delay)
        return max(0, math.ceil((frees_at - now).total_seconds()))


@dataclass(frozen=True)
class Policy:
    pair: Rule
    account: Rule
    ip: Rule


SIGN_IN = Policy(
    pair=Rule(5, timedelta(minutes=15)),
    account=Rule(10, timedelta(hours=1), max_delay=timedelta(minutes=5)),
    ip=Rule(100, timedelta(minutes=15)),
)
# Sign-ups per client address: each one costs a password hash, and each "already exists"
# answer tells whether an email has an account, so both are bounded by the same count.
SIGN_UP = Rule(10, timedelta(hours=1))


class AttemptLimiter:
    """Checks and records attempts against keyed rules, atomically (see the module docstring)."""

    def __init__(self, policy: Policy = SIGN_IN, sign_up: Rule = SIGN_UP) -> None:
        self.policy = policy
        self.sign_up = sign_up

    @property
    def longest_window(self) -> timedelta:
        rules = (self.policy.pair, self.policy.account, self.policy.ip, self.sign_up)
        return max(rule.window for rule in rules)

    def sign_in_rules(self, email: str, ip: str | None) -> list[tuple[str, Rule]]:
        """The keys one sign-in attempt counts against (no address: a signed-in user confirming
        their password, counted against the account alone)."""
        keyed = [(account_key(email), self.policy.account)]
        if ip is not None:
            keyed += [(pair_key(email, ip), self.policy.pair), (ip_key(ip), self.policy.ip)]
        return keyed

    def attempt(self, session: OrmSession, keyed: list[tuple[str, Rule]], now: datetime) -> list[int]:
        """Record one attempt on every key, or refuse with the longest wait (nothing recorded).
        The ids returned are for :meth:`forget`. Call inside the transaction that needs it."""
        keys = sorted({key for key, _ in keyed})
        if session.get_bind().dialect.name == "postgresql":
            for key in keys:  # in one order everywhere, so two transactions never deadlock
                session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 7240662))"), {"k": key})
        waits = []
        for key, rule in keyed:
            times = session.scalars(
                select(LoginFailure.at).where(LoginFailure.key == key, LoginFailure.at > now - rule.window)
                .order_by(LoginFailure.at)
            ).all()
            waits.append(rule.wait(times, now))
        if max(waits, default=0) > 0:
            raise RateLimited(max(waits))
        rows = [LoginFailure(key=key, at=now) for key in keys]
        session.add_all(rows)
        session.flush()
        return [row.id for row in rows]

    def forget(self, session: OrmSession, ids: list[int], *, clear: Sequence[str] = ()) -> None:
        """Take back a successful attempt, and clear the earlier failures of ``clear`` keys."""
        session.execute(delete(LoginFailure).where(LoginFailure.id.in_(ids)))
        if clear:
            session.execute(delete(LoginFailure).where(LoginFailure.key.in_(list(clear))))

    def purge(self, session: OrmSession, now: datetime) -> None:
        session.execute(delete(LoginFailure).where(LoginFailure.at <= now - self.longest_window))

