"""Concurrent writers (several threads, as in a server) never see "database is locked" as an outage."""

from __future__ import annotations

import threading

from nosology.accounts import AccountService
from nosology.library import Library


def test_concurrent_saves_and_session_lookups(service: AccountService, library: Library) -> None:
    m61 = library.classification.get("M61")
    codes = [i.code for i in library.classification.descendants(m61, billable_only=True, limit=40)]
    users = [service.sign_up(f"c{i}@example.org", "lantern orbit velvet").user_id for i in range(6)]
    sessions = [service.start_session(uid).session_id for uid in users]
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for code in codes:
                service.saved.save(users[n], code, note=f"thread {n}")
                assert service.session_user(sessions[n]) is not None
        except BaseException as exc:  # collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(len(users))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert all(len(service.saved.entries(uid)) == len(codes) for uid in users)
