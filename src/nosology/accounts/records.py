"""Plain values the account service hands out (never ORM objects, never secrets or hashes)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

__all__ = ["IssuedToken", "ListInfo", "NewSession", "Principal", "SavedEntry", "TokenInfo", "iso_time"]


def iso_time(value: datetime | None) -> str | None:
    return None if value is None else value.replace(microsecond=0).isoformat() + "Z"


@dataclass(frozen=True)
class Principal:
    """Who a request comes from. ``csrf`` is the session's form token (None for bearer tokens)."""

    user_id: int
    email: str
    created_at: datetime
    via: str  # "session" or "token"
    csrf: str | None = None
    # Set when the session's expiry was pushed back: the cookie should be sent again.
    renewed: bool = False

    def public(self) -> dict[str, Any]:
        return {"email": self.email, "created_at": iso_time(self.created_at)}


@dataclass(frozen=True)
class NewSession:
    session_id: str  # the secret that goes (signed) into the cookie
    csrf: str
    max_age: int


@dataclass(frozen=True)
class TokenInfo:
    id: int
    name: str
    prefix: str
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None

    def public(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("created_at", "expires_at", "last_used_at"):
            data[key] = iso_time(data[key])
        return data


@dataclass(frozen=True)
class IssuedToken:
    """A token just created: the only moment its secret is known."""

    token: str
    info: TokenInfo


@dataclass(frozen=True)
class ListInfo:
    id: int
    name: str
    count: int
    created_at: datetime

    def public(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "count": self.count, "created_at": iso_time(self.created_at)}


@dataclass(frozen=True)
class SavedEntry:
    code: str
    note: str
    list_id: int | None
    list_name: str | None
    created_at: datetime
    updated_at: datetime | None = None

    def public(self) -> dict[str, Any]:
        return {"code": self.code, "note": self.note, "list": self.list_name, "list_id": self.list_id,
                "saved_at": iso_time(self.created_at), "updated_at": iso_time(self.updated_at)}
