"""Failed sign-in counting per IP and per account, shared by every app instance through the database."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session as OrmSession

from nosology.accounts.errors import RateLimited
from nosology.accounts.models import LoginFailure

__all__ = ["FailureLimit", "account_key", "ip_key"]


def ip_key(ip: str) -> str:
    return "ip:" + ip[:64]


def account_key(email: str) -> str:
    # Hashed: unknown emails typed at the sign-in form should not be stored in clear.
    return "acct:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()[:64]


class FailureLimit:
    """At most ``limit`` failures per key within ``window``; then 429 until the oldest ages out."""

    def __init__(self, limit: int = 10, window: timedelta = timedelta(minutes=15)) -> None:
        self.limit = limit
        self.window = window

    def check(self, session: OrmSession, keys: Iterable[str], now: datetime) -> None:
        since = now - self.window
        waits: list[int] = []
        for key in keys:
            times = session.scalars(
                select(LoginFailure.at).where(LoginFailure.key == key, LoginFailure.at > since).order_by(LoginFailure.at)
            ).all()
            if len(times) >= self.limit:
                # Allowed again once enough failures have left the window.
                frees_at = times[len(times) - self.limit] + self.window
                waits.append(max(1, math.ceil((frees_at - now).total_seconds())))
        if waits:
            raise RateLimited(max(waits))

    def record(self, session: OrmSession, keys: Iterable[str], now: datetime) -> None:
        keys = list(keys)
        session.execute(delete(LoginFailure).where(LoginFailure.key.in_(keys), LoginFailure.at <= now - self.window))
        session.add_all(LoginFailure(key=k, at=now) for k in keys)

    def clear(self, session: OrmSession, key: str) -> None:
        session.execute(delete(LoginFailure).where(LoginFailure.key == key))

    def count(self, session: OrmSession, key: str, now: datetime) -> int:
        n = session.scalar(select(func.count()).where(LoginFailure.key == key, LoginFailure.at > now - self.window))
        return int(n or 0)
