"""AccountService on SQLite and PostgreSQL: sign-up, sign-in, sessions, tokens, resets, export, deletion."""

from __future__ import annotations

from datetime import timedelta

import pytest
from tests.support.accounts import Clock

from nosology.accounts import (
    AccountExists,
    AccountService,
    InvalidCredentials,
    InvalidInput,
    RateLimited,
    ResetLinkInvalid,
    WeakPassword,
)
from nosology.errors import NotFound

PW = "correct horse battery"


def test_sign_up_and_authenticate(service: AccountService) -> None:
    user = service.sign_up("  Alice@Example.ORG ", PW)
    assert user.email == "alice@example.org"
    again = service.authenticate("ALICE@example.org", PW, "1.2.3.4")
    assert again.user_id == user.user_id


def test_email_is_unique_case_insensitively(service: AccountService) -> None:
    service.sign_up("bob@example.org", PW)
    with pytest.raises(AccountExists):
        service.sign_up("BOB@example.org", PW + "x")


@pytest.mark.parametrize("email", ["", "no-at-sign", "a@b", "a b@example.org", "x@" + "a" * 250 + ".org", "'; DROP TABLE users;--@x.org"])
def test_invalid_emails_are_rejected(service: AccountService, email: str) -> None:
    with pytest.raises(InvalidInput):
        service.sign_up(email, PW)


@pytest.mark.parametrize("password", ["short", "password123456", "Qwertyuiop12", "1234567890", "aaaaaaaaaaaa", "x" * 1025, "monkey2024!!!"])
def test_weak_passwords_are_rejected(service: AccountService, password: str) -> None:
    with pytest.raises(WeakPassword):
        service.sign_up("carol@example.org", password)


def test_wrong_email_and_wrong_password_look_the_same(service: AccountService) -> None:
    service.sign_up("dave@example.org", PW)
    with pytest.raises(InvalidCredentials) as unknown:
        service.authenticate("nobody@example.org", PW, "1.1.1.1")
    with pytest.raises(InvalidCredentials) as wrong:
        service.authenticate("dave@example.org", PW + "!", "1.1.1.2")
    assert unknown.value.message == wrong.value.message == "Email or password is incorrect."


def test_five_failures_from_one_address_block_that_address_on_that_account_only(service: AccountService, clock: Clock) -> None:
    service.sign_up("erin@example.org", PW)
    for _ in range(5):
        with pytest.raises(InvalidCredentials):
            service.authenticate("erin@example.org", "wrong password!", "10.0.0.1")
        clock.advance(seconds=10)
    with pytest.raises(RateLimited) as limited:
        service.authenticate("erin@example.org", PW, "10.0.0.1")  # even the right password
    # The first failure was 50 s ago; it leaves the 15-minute window in 850 s.
    assert limited.value.retry_after == 15 * 60 - 50
    # the owner, elsewhere, is not locked out
    assert service.authenticate("erin@example.org", PW, "10.0.1.1").email == "erin@example.org"
    clock.advance(seconds=limited.value.retry_after)
    assert service.authenticate("erin@example.org", PW, "10.0.0.1").email == "erin@example.org"


def test_failures_on_an_account_from_anywhere_bring_growing_delays_not_a_lockout(service: AccountService, clock: Clock) -> None:
    service.sign_up("ivy@example.org", PW)
    for i in range(10):
        with pytest.raises(InvalidCredentials):
            service.authenticate("ivy@example.org", "wrong password!", f"10.0.0.{i}")  # a new address each time
    waits = []
    for i in range(12):
        with pytest.raises(RateLimited) as limited:
            service.authenticate("ivy@example.org", PW, "10.0.9.9")
        waits.append(limited.value.retry_after)
        clock.advance(seconds=limited.value.retry_after)
        with pytest.raises(InvalidCredentials):
            service.authenticate("ivy@example.org", "wrong password!", f"10.0.1.{i}")
    assert waits[:4] == [2, 4, 8, 16] and max(waits) == 300  # doubling, at most 5 minutes
    clock.advance(seconds=300)
    assert service.authenticate("ivy@example.org", PW, "10.0.9.9").email == "ivy@example.org"


def test_failures_per_address_are_limited_loosely(service: AccountService) -> None:
    service.sign_up("frank@example.org", PW)
    for i in range(99):
        with pytest.raises(InvalidCredentials):
            service.authenticate(f"guess{i}@example.org", PW, "192.0.2.7")
    # ten mistyped emails behind one address do not lock everyone behind it out...
    assert service.authenticate("frank@example.org", PW, "192.0.2.7").email == "frank@example.org"
    with pytest.raises(InvalidCredentials):
        service.authenticate("guess-last@example.org", PW, "192.0.2.7")
    # ...but a spray over many accounts from it stops at 100
    with pytest.raises(RateLimited):
        service.authenticate("frank@example.org", PW, "192.0.2.7")
    assert service.authenticate("frank@example.org", PW, "192.0.2.8").email == "frank@example.org"


def test_sign_ups_are_limited_per_address_including_existing_emails(service: AccountService) -> None:
    from nosology.accounts import AccountExists, SignUpsLimited

    service.sign_up("taken@example.org", PW)
    for i in range(9):
        service.sign_up(f"new{i}@example.org", PW, "192.0.2.9")
    with pytest.raises(AccountExists):
        service.sign_up("taken@example.org", PW, "192.0.2.9")
    with pytest.raises(SignUpsLimited) as limited:
        service.sign_up("taken@example.org", PW, "192.0.2.9")  # no more answers about who has an account
    assert 0 < limited.value.retry_after <= 3600 and "Too many accounts" in limited.value.message
    assert service.sign_up("other@example.org", PW, "192.0.2.10").email == "other@example.org"


def test_sessions_rotate_expire_and_end(service: AccountService, clock: Clock) -> None:
    user = service.sign_up("gina@example.org", PW)
    first = service.start_session(user.user_id)
    seen = service.session_user(first.session_id)
    assert seen is not None and seen.csrf == first.csrf and seen.via == "session"
    second = service.start_session(user.user_id, replacing=first.session_id)
    assert service.session_user(first.session_id) is None
    assert second.csrf != first.csrf
    clock.advance(days=13)
    renewed = service.session_user(second.session_id)
    assert renewed is not None and renewed.renewed  # sliding: pushed back to 14 days from now
    clock.advance(days=13)
    assert service.session_user(second.session_id) is not None
    clock.advance(days=15)
    assert service.session_user(second.session_id) is None
    third = service.start_session(user.user_id)
    service.end_session(third.session_id)
    assert service.session_user(third.session_id) is None
    assert service.session_user("not-a-session") is None


def test_tokens_are_hashed_listed_revocable_and_expire(service: AccountService, clock: Clock) -> None:
    user = service.sign_up("hal@example.org", PW)
    issued = service.issue_token(user.user_id, "script", lifetime=timedelta(days=1))
    assert issued.token.startswith("nos_") and len(issued.token) > 40
    assert service.token_user(issued.token) is not None
    listed = service.tokens(user.user_id)
    assert [t.name for t in listed] == ["script"] and issued.token.startswith(listed[0].prefix)
    assert listed[0].last_used_at is not None
    clock.advance(days=2)
    assert service.token_user(issued.token) is None
    other = service.issue_token(user.user_id, "other")
    service.revoke_token(user.user_id, other.info.id)
    assert service.token_user(other.token) is None
    intruder = service.sign_up("ivy@example.org", PW)
    kept = service.issue_token(user.user_id, "kept")
    with pytest.raises(NotFound):
        service.revoke_token(intruder.user_id, kept.info.id)
    assert service.token_user(kept.token) is not None


def test_change_password_ends_other_sessions(service: AccountService) -> None:
    user = service.sign_up("jo@example.org", PW)
    here = service.start_session(user.user_id)
    there = service.start_session(user.user_id)
    with pytest.raises(InvalidCredentials):
        service.change_password(user.user_id, "not my password", "a brand new passphrase", here.session_id)
    service.change_password(user.user_id, PW, "a brand new passphrase", here.session_id)
    assert service.session_user(here.session_id) is not None
    assert service.session_user(there.session_id) is None
    assert service.authenticate("jo@example.org", "a brand new passphrase", "1.2.3.4").user_id == user.user_id


def test_reset_link_is_one_time_and_expires(service: AccountService, clock: Clock) -> None:
    user = service.sign_up("kim@example.org", PW)
    session = service.start_session(user.user_id)
    token = service.reset_link_token("KIM@example.org")
    assert service.reset_email(token) == "kim@example.org"
    service.reset_password(token, "reset passphrase here")
    assert service.session_user(session.session_id) is None
    with pytest.raises(ResetLinkInvalid):
        service.reset_password(token, "another passphrase")
    late = service.reset_link_token("kim@example.org")
    clock.advance(minutes=31)
    with pytest.raises(ResetLinkInvalid):
        service.reset_email(late)
    with pytest.raises(NotFound):
        service.reset_link_token("nobody@example.org")


def test_export_has_no_secrets_and_delete_cascades(service: AccountService) -> None:
    user = service.sign_up("lee@example.org", PW)
    issued = service.issue_token(user.user_id, "ci")
    service.saved.save(user.user_id, "m6128", note="left hip", list_name="My patient's codes")
    data = service.export(user.user_id)
    text = repr(data)
    assert data["account"]["email"] == "lee@example.org"
    assert data["saved_codes"][0]["code"] == "M61.28" and data["saved_codes"][0]["list"] == "My patient's codes"
    assert data["api_tokens"][0]["name"] == "ci"
    assert issued.token not in text and "argon2" not in text and "password" not in text
    with pytest.raises(InvalidCredentials):
        service.delete_account(user.user_id, "not the password")
    service.delete_account(user.user_id, PW)
    assert service.token_user(issued.token) is None
    with pytest.raises(InvalidCredentials):
        service.authenticate("lee@example.org", PW, "1.2.3.4")
    # the email can be used again
    assert service.sign_up("lee@example.org", PW).email == "lee@example.org"


def test_passwords_are_stored_as_argon2id(service: AccountService) -> None:
    from sqlalchemy import select

    from nosology.accounts.models import User

    service.sign_up("mo@example.org", PW)
    with service.db.tx() as s:
        stored = s.scalar(select(User.password_hash).where(User.email == "mo@example.org"))
    assert stored is not None and stored.startswith("$argon2id$") and PW not in stored


def test_default_hasher_is_argon2id_with_rfc_9106_costs() -> None:
    from nosology.accounts.passwords import Passwords

    hasher = Passwords().hasher
    assert hasher.type.name == "ID" and hasher.memory_cost >= 64 * 1024 and hasher.time_cost >= 3


def test_purge_removes_only_expired_rows(service: AccountService, clock: Clock) -> None:
    from sqlalchemy import func, select

    from nosology.accounts.models import LoginFailure, Session

    user = service.sign_up("ned@example.org", PW)
    old = service.start_session(user.user_id)
    with pytest.raises(InvalidCredentials):
        service.authenticate("ned@example.org", "wrong wrong wrong", "203.0.113.1")
    clock.advance(days=15)
    fresh = service.start_session(user.user_id)
    with service.db.tx() as s:
        service.purge_expired(s, clock())
    with service.db.tx() as s:
        assert s.scalar(select(func.count()).select_from(LoginFailure)) == 0
        assert s.scalar(select(func.count()).select_from(Session)) == 1
    assert service.session_user(fresh.session_id) is not None and service.session_user(old.session_id) is None
