"""AccountService: sign-up, sign-in, sessions, API tokens, password changes and resets, export, deletion.

Everything here is plain Python over the accounts database; the web and CLI layers are thin.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session as OrmSession

from nosology.accounts.db import Database
from nosology.accounts.errors import (
    AccountExists,
    InvalidCredentials,
    InvalidInput,
    LimitReached,
    RateLimited,
    ResetLinkInvalid,
    SignUpsLimited,
)
from nosology.accounts.models import ApiToken, ResetToken, Session, User
from nosology.accounts.passwords import MAX_PASSWORD, Passwords
from nosology.accounts.ratelimit import AttemptLimiter, account_key, pair_key, signup_key
from nosology.accounts.records import IssuedToken, NewSession, Principal, TokenInfo
from nosology.accounts.saved import SavedCodes
from nosology.errors import NotFound

if TYPE_CHECKING:
    from nosology.classification import Classification

__all__ = ["AccountService", "Principal", "normalise_email"]

MAX_EMAIL = 254
MAX_TOKEN_NAME = 100
MAX_TOKENS = 50
# One sign-in in this many also clears everyone's expired rows: cheap, and no scheduler needed.
_PURGE_ONE_IN = 50
TOKEN_PREFIX = "nos_"
# Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is not checked.
_EMAIL = re.compile(r"^[^@\s\x00-\x1f\"<>]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$")


# What secrets.token_urlsafe(32) produces (session ids, token bodies, reset links).
_SECRET = re.compile(r"[A-Za-z0-9_-]{20,100}")


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def normalise_email(email: str) -> str:
    """The identifier form of an email (trimmed, lower-case), or InvalidInput."""
    value = (email or "").strip().lower()
    if len(value) > MAX_EMAIL:
        raise InvalidInput(f"Email must have at most {MAX_EMAIL} characters.")
    if not _EMAIL.fullmatch(value):
        raise InvalidInput("Enter a valid email address, like name@example.org.")
    return value


class AccountService:
    """The accounts of one deployment. ``classification`` is needed only to save codes."""

    def __init__(
        self,
        db: Database,
        classification: Classification | None = None,
        *,
        passwords: Passwords | None = None,
        limits: AttemptLimiter | None = None,
        session_lifetime: timedelta = timedelta(days=14),
        token_lifetime: timedelta = timedelta(days=365),
        reset_lifetime: timedelta = timedelta(minutes=30),
    ) -> None:
        self.db = db
        self.passwords = passwords or Passwords()
        self.limits = limits or AttemptLimiter()
        self.session_lifetime = session_lifetime
        self.token_lifetime = token_lifetime
        self.reset_lifetime = reset_lifetime
        self.saved = SavedCodes(db, classification)

    @classmethod
    def from_url(cls, url: str, classification: Classification | None = None,
                 clock: Callable[[], datetime] | None = None) -> AccountService:
        return cls(Database.from_url(url, clock), classification)

    # -- users -----------------------------------------------------------------------------

    def sign_up(self, email: str, password: str, ip: str | None = None) -> Principal:
        """A new account. Sign-ups from a client ``ip`` are counted per address, before the hash,
        whatever the outcome: an "already exists" answer reveals an account, so it must not be
        available without limit. (No ``ip``: the operator's own tools, not counted.)"""
        address = normalise_email(email)
        self.passwords.check(password, address)
        if ip is not None:
            with self.db.tx() as s:
                try:
                    self.limits.attempt(s, [(signup_key(ip), self.limits.sign_up)], self.db.now())
                except RateLimited as limited:
                    raise SignUpsLimited(limited.retry_after) from None
        # Hash before looking the email up, so a taken address answers no faster than a free one.
        hashed = self.passwords.hash(password)
        now = self.db.now()
        try:
            with self.db.tx() as s:
                user = User(email=address, password_hash=hashed, created_at=now, password_changed_at=now)
                s.add(user)
                s.flush()
                return Principal(user.id, user.email, user.created_at, "password")
        except IntegrityError:
            raise AccountExists("An account with this email already exists. Sign in instead, or reset your password.") from None

    def authenticate(self, email: str, password: str, ip: str) -> Principal:
        """The user with this email and password, or InvalidCredentials / RateLimited.

        The attempt is counted (per account, per account and address, per address) before the
        slow hash, atomically with the check, so parallel guesses cannot all slip through; a
        success takes it back and clears this address's failures on the account.
        """
        if len(email or "") > MAX_EMAIL or len(password or "") > MAX_PASSWORD:
            raise InvalidInput(f"Email is at most {MAX_EMAIL} characters and password at most {MAX_PASSWORD}.")
        address = (email or "").strip().lower()
        with self.db.tx() as s:
            attempt = self.limits.attempt(s, self.limits.sign_in_rules(address, ip), self.db.now())
            # Not an email at all: no account can match, and it never reaches a query.
            user = s.scalar(select(User).where(User.email == address)) if _EMAIL.fullmatch(address) else None
        # argon2 runs outside the transaction (it is slow) and runs even for unknown emails.
        ok = self.passwords.verify(user.password_hash if user else None, password or "")
        if user is None or not ok:
            raise InvalidCredentials()
        with self.db.tx() as s:
            self.limits.forget(s, attempt, clear=[pair_key(address, ip)])
            if self.passwords.needs_rehash(user.password_hash):
                s.get_one(User, user.id).password_hash = self.passwords.hash(password)
        return Principal(user.id, user.email, user.created_at, "password")

    def check_password(self, user_id: int, password: str) -> None:
        """Confirm the signed-in user's password (before a change or deletion); attempts count
        toward the account's sign-in limit, so a stolen session cannot guess it quickly."""
        with self.db.tx() as s:
            user = s.get(User, user_id)
            if user is None:
                raise NotFound("This account no longer exists.")
            attempt = self.limits.attempt(s, self.limits.sign_in_rules(user.email, None), self.db.now())
        if not self.passwords.verify(user.password_hash, (password or "")[:MAX_PASSWORD]):
            raise InvalidCredentials("The password is incorrect.")
        with self.db.tx() as s:
            self.limits.forget(s, attempt)

    def change_password(self, user_id: int, current: str, new: str, keep_session: str | None = None,
                        *, revoke_tokens: bool = True) -> None:
        """Change the password; end every other session and every reset link of the user, and
        (unless ``revoke_tokens`` is False) every API token, in the same transaction."""
        self.check_password(user_id, current)
        with self.db.tx() as s:
            email = s.get_one(User, user_id).email
        self.passwords.check(new, email)
        hashed = self.passwords.hash(new)
        with self.db.tx() as s:
            user = s.get_one(User, user_id)
            user.password_hash = hashed
            user.password_changed_at = self.db.now()
            kept = digest(keep_session) if keep_session else ""
            s.execute(delete(Session).where(Session.user_id == user_id, Session.id_hash != kept))
            s.execute(delete(ResetToken).where(ResetToken.user_id == user_id))
            if revoke_tokens:
                s.execute(delete(ApiToken).where(ApiToken.user_id == user_id))

    def delete_account(self, user_id: int, password: str) -> None:
        """Delete the user and, by cascade, their sessions, tokens, saved codes and lists; the
        password is asked again, so a leaked session or token cannot erase the account."""
        self.check_password(user_id, password)
        with self.db.tx() as s:
            user = s.get(User, user_id)
            if user is None:
                raise NotFound("This account no longer exists.")
            s.delete(user)

    def export(self, user_id: int) -> dict[str, Any]:
        """Everything we keep about the user, minus secrets (password hash, session ids, token values)."""
        with self.db.tx() as s:
            user = s.get(User, user_id)
            if user is None:
                raise NotFound("This account no longer exists.")
        info = Principal(user.id, user.email, user.created_at, "export").public()
        return {
            "format": "nosology-account-export/1",
            "exported_at": self.db.now().replace(microsecond=0).isoformat() + "Z",
            "account": info,
            "lists": [lst.public() for lst in self.saved.lists(user_id)],
            "saved_codes": [entry.public() for entry in self.saved.entries(user_id)],
            "api_tokens": [t.public() for t in self.tokens(user_id)],
        }

    # -- browser sessions ------------------------------------------------------------------

    def start_session(self, user_id: int, replacing: str | None = None) -> NewSession:
        """A new session id (rotated on every sign-in: any previous one of this browser ends)."""
        session_id = secrets.token_urlsafe(32)
        csrf = secrets.token_urlsafe(32)
        now = self.db.now()
        with self.db.tx() as s:
            if replacing:
                s.execute(delete(Session).where(Session.id_hash == digest(replacing)))
            s.execute(delete(Session).where(Session.user_id == user_id, Session.expires_at <= now))
            if secrets.randbelow(_PURGE_ONE_IN) == 0:
                self.purge_expired(s, now)
            s.add(Session(id_hash=digest(session_id), user_id=user_id, csrf=csrf, created_at=now,
                          expires_at=now + self.session_lifetime))
        return NewSession(session_id, csrf, int(self.session_lifetime.total_seconds()))

    def session_user(self, session_id: str) -> Principal | None:
        """The user of a live session; sliding expiry, pushed back at most once a day."""
        if not _SECRET.fullmatch(session_id or ""):
            return None
        now = self.db.now()
        with self.db.tx() as s:
            row = s.execute(
                select(Session, User).join(User, User.id == Session.user_id).where(Session.id_hash == digest(session_id))
            ).first()
            if row is None:
                return None
            session, user = row
            if session.expires_at <= now:
                s.delete(session)
                return None
            renewed = session.expires_at - now < self.session_lifetime - timedelta(days=1)
            if renewed:
                session.expires_at = now + self.session_lifetime
            return Principal(user.id, user.email, user.created_at, "session", session.csrf, renewed)

    def purge_expired(self, s: OrmSession, now: datetime) -> None:
        """Delete every expired session, reset link and counted failure (of anyone), so tables
        do not grow with people who never come back or addresses tried once."""
        s.execute(delete(Session).where(Session.expires_at <= now))
        s.execute(delete(ResetToken).where(ResetToken.expires_at <= now))
        self.limits.purge(s, now)

    def end_session(self, session_id: str) -> None:
        with self.db.tx() as s:
            s.execute(delete(Session).where(Session.id_hash == digest(session_id)))

    # -- API tokens ------------------------------------------------------------------------

    def issue_token(self, user_id: int, name: str = "", lifetime: timedelta | None = None) -> IssuedToken:
        name = " ".join("".join(ch for ch in (name or "") if ch.isprintable()).split()) or "API token"
        if len(name) > MAX_TOKEN_NAME:
            raise InvalidInput(f"Token name must have at most {MAX_TOKEN_NAME} characters.")
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        now = self.db.now()
        with self.db.tx() as s:
            s.execute(delete(ApiToken).where(ApiToken.user_id == user_id, ApiToken.expires_at <= now))
            count = s.scalar(select(func.count()).select_from(ApiToken).where(ApiToken.user_id == user_id)) or 0
            if count >= MAX_TOKENS:
                raise LimitReached(f"You have {MAX_TOKENS} tokens already; revoke one first.")
            row = ApiToken(user_id=user_id, token_hash=digest(token), name=name, prefix=token[: len(TOKEN_PREFIX) + 6],
                           created_at=now, expires_at=now + (lifetime or self.token_lifetime))
            s.add(row)
            s.flush()
            return IssuedToken(token, _token_info(row))

    def token_user(self, token: str) -> Principal | None:
        if not token.startswith(TOKEN_PREFIX) or not _SECRET.fullmatch(token[len(TOKEN_PREFIX):]):
            return None
        now = self.db.now()
        with self.db.tx() as s:
            row = s.execute(
                select(ApiToken, User).join(User, User.id == ApiToken.user_id).where(ApiToken.token_hash == digest(token))
            ).first()
            if row is None:
                return None
            api_token, user = row
            if api_token.expires_at <= now:
                return None
            # Written at most once a minute: bearer calls should not each cost a write.
            if api_token.last_used_at is None or now - api_token.last_used_at > timedelta(minutes=1):
                api_token.last_used_at = now
            return Principal(user.id, user.email, user.created_at, "token")

    def tokens(self, user_id: int) -> list[TokenInfo]:
        with self.db.tx() as s:
            rows = s.scalars(select(ApiToken).where(ApiToken.user_id == user_id).order_by(ApiToken.created_at, ApiToken.id)).all()
            return [_token_info(r) for r in rows]

    def revoke_token(self, user_id: int, token_id: int) -> None:
        with self.db.tx() as s:
            gone = s.execute(delete(ApiToken).where(ApiToken.id == token_id, ApiToken.user_id == user_id))
            if not getattr(gone, "rowcount", 0):
                raise NotFound("No such token in your account.")

    # -- password reset without email ------------------------------------------------------

    def reset_link_token(self, email: str) -> str:
        """A one-time secret for ``/reset/<secret>``, valid ``reset_lifetime`` (for the operator's CLI)."""
        address = normalise_email(email)
        token = secrets.token_urlsafe(32)
        now = self.db.now()
        with self.db.tx() as s:
            user = s.scalar(select(User).where(User.email == address))
            if user is None:
                raise NotFound(f"No account with the email {address}.")
            s.execute(delete(ResetToken).where(ResetToken.expires_at <= now))
            s.add(ResetToken(token_hash=digest(token), user_id=user.id, expires_at=now + self.reset_lifetime))
        return token

    def reset_email(self, token: str) -> str:
        """The email a live reset link is for (to show on the form), or ResetLinkInvalid."""
        with self.db.tx() as s:
            return self._reset_row(s, token)[1].email

    def reset_password(self, token: str, new_password: str) -> Principal:
        """Set a new password through a reset link. In one transaction: every reset link of the
        user is used up, and every session and API token ends (whoever had them may be the
        reason for the reset)."""
        email = self.reset_email(token)
        self.passwords.check(new_password, email)
        hashed = self.passwords.hash(new_password)
        with self.db.tx() as s:
            _, user = self._reset_row(s, token)
            user.password_hash = hashed
            user.password_changed_at = self.db.now()
            s.execute(delete(ResetToken).where(ResetToken.user_id == user.id))
            s.execute(delete(Session).where(Session.user_id == user.id))
            s.execute(delete(ApiToken).where(ApiToken.user_id == user.id))
            # The owner has shown control of the account: a guesser's delay on it ends.
            self.limits.forget(s, [], clear=[account_key(user.email)])
            return Principal(user.id, user.email, user.created_at, "password")

    def _reset_row(self, s: OrmSession, token: str) -> tuple[ResetToken, User]:
        if not _SECRET.fullmatch(token or ""):
            raise ResetLinkInvalid()
        row = s.execute(
            select(ResetToken, User).join(User, User.id == ResetToken.user_id).where(ResetToken.token_hash == digest(token))
        ).first()
        if row is None or row[0].expires_at <= self.db.now():
            raise ResetLinkInvalid()
        reset, user = row
        return reset, user


def _token_info(row: ApiToken) -> TokenInfo:
    return TokenInfo(row.id, row.name, row.prefix, row.created_at, row.expires_at, row.last_used_at)
