"""Saved codes: each user's codes with a personal note, grouped in named lists."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session as OrmSession

from nosology.accounts.db import Database
from nosology.accounts.errors import AccountExists, InvalidInput, LimitReached
from nosology.accounts.models import SavedCode, SavedList
from nosology.accounts.records import ListInfo, SavedEntry
from nosology.errors import NotFound

if TYPE_CHECKING:
    from nosology.classification import Classification

__all__ = ["MAX_LISTS", "MAX_LIST_NAME", "MAX_NOTE", "MAX_SAVED", "SavedCodes"]

MAX_NOTE = 2000
MAX_LIST_NAME = 100
MAX_SAVED = 5000
MAX_LISTS = 200
_MAX_CODE_INPUT = 20


class SavedCodes:
    def __init__(self, db: Database, classification: Classification | None) -> None:
        self.db = db
        self.classification = classification

    def canonical(self, text: str) -> str:
        """The official code for any spelling of it; 400 with suggestions for anything else."""
        if self.classification is None:
            raise RuntimeError("saving codes needs the classification")
        text = (text or "").strip()
        if not text:
            raise InvalidInput("Give a code to save, like M61.28.")
        if len(text) > _MAX_CODE_INPUT:
            raise InvalidInput(f"A code has at most {_MAX_CODE_INPUT} characters.")
        item = self.classification.find(text)
        if item is None:
            raise InvalidInput(f"{text!r} is not an ICD-10-CM code, so it cannot be saved.",
                               suggestions=self.classification.suggest(text))
        if item.kind in {"chapter", "block"}:
            raise InvalidInput(f"{item.code} is a {item.kind} of the classification, not a code; save one of the codes in it.")
        return item.code

    def save(self, user_id: int, code: str, note: str | None = None, list_name: str | None = None,
             list_id: int | None = None, *, unlist: bool = False) -> SavedEntry:
        """Save a code (again: update its note and list when given). The list is named
        (``list_name``, created if new) or one of the user's (``list_id``); ``unlist`` takes the
        code out of its list. ``note=None`` keeps the note. Returns the stored entry."""
        canonical = self.canonical(code)
        note = _clean_note(note)
        list_name = _clean_list_name(list_name) if list_name is not None else None
        for attempt in range(2):
            try:
                return self._save(user_id, canonical, note, _ListChoice(list_name, list_id, unlist))
            except IntegrityError:
                # Two saves of the same code (or list) raced; the second attempt finds the row.
                if attempt:
                    raise AccountExists("This code was just saved by another request; try again.") from None
        raise AssertionError("unreachable")

    def _save(self, user_id: int, code: str, note: str | None, choice: _ListChoice) -> SavedEntry:
        now = self.db.now()
        with self.db.tx() as s:
            saved_list = self._chosen_list(s, user_id, choice)
            row = s.scalar(select(SavedCode).where(SavedCode.user_id == user_id, SavedCode.code == code))
            if row is None:
                count = s.scalar(select(func.count()).select_from(SavedCode).where(SavedCode.user_id == user_id)) or 0
                if count >= MAX_SAVED:
                    raise LimitReached(f"You have saved {MAX_SAVED:,} codes, the most an account can keep. Remove some first.")
                row = SavedCode(user_id=user_id, code=code, note=note or "", created_at=now,
                                list_id=saved_list.id if saved_list else None)
                s.add(row)
            else:
                list_id = saved_list.id if saved_list is not None else (None if choice.unlist else row.list_id)
                if (note is not None and note != row.note) or list_id != row.list_id:
                    row.updated_at = now
                if note is not None:
                    row.note = note
                row.list_id = list_id
            s.flush()
            return _entry(row, saved_list.name if saved_list else self._list_name(s, row.list_id))

    def _chosen_list(self, s: OrmSession, user_id: int, choice: _ListChoice) -> SavedList | None:
        if choice.name:
            return self._list_by_name(s, user_id, choice.name)
        if choice.id is not None:
            return self._owned_list(s, user_id, choice.id)
        return None

    def remove(self, user_id: int, code: str) -> None:
        key = self._stored_key(code)
        with self.db.tx() as s:
            gone = s.execute(delete(SavedCode).where(SavedCode.user_id == user_id, SavedCode.code == key))
            if not getattr(gone, "rowcount", 0):
                raise NotFound(f"{key} is not in your saved codes.")

    def set_note(self, user_id: int, code: str, note: str) -> None:
        key = self._stored_key(code)
        cleaned = _clean_note(note) or ""
        with self.db.tx() as s:
            row = s.scalar(select(SavedCode).where(SavedCode.user_id == user_id, SavedCode.code == key))
            if row is None:
                raise NotFound(f"{key} is not in your saved codes.")
            if cleaned != row.note:
                row.note, row.updated_at = cleaned, self.db.now()

    def move(self, user_id: int, code: str, list_id: int | None) -> None:
        key = self._stored_key(code)
        with self.db.tx() as s:
            if list_id is not None:
                self._owned_list(s, user_id, list_id)
            row = s.scalar(select(SavedCode).where(SavedCode.user_id == user_id, SavedCode.code == key))
            if row is None:
                raise NotFound(f"{key} is not in your saved codes.")
            if list_id != row.list_id:
                row.list_id, row.updated_at = list_id, self.db.now()

    def codes(self, user_id: int) -> frozenset[str]:
        with self.db.tx() as s:
            return frozenset(s.scalars(select(SavedCode.code).where(SavedCode.user_id == user_id)))

    def is_saved(self, user_id: int, code: str) -> bool:
        with self.db.tx() as s:
            return s.scalar(select(SavedCode.id).where(SavedCode.user_id == user_id, SavedCode.code == code)) is not None

    def entry(self, user_id: int, code: str) -> SavedEntry | None:
        """The user's saved entry for ``code`` (its official form), or None."""
        with self.db.tx() as s:
            found = s.execute(select(SavedCode, SavedList.name).outerjoin(SavedList, SavedList.id == SavedCode.list_id)
                              .where(SavedCode.user_id == user_id, SavedCode.code == code)).first()
            return None if found is None else _entry(found[0], found[1])

    def find_entry(self, user_id: int, code: str) -> SavedEntry:
        """The user's saved entry for any spelling of ``code``; NotFound when it is not saved."""
        key = self._stored_key(code)
        found = self.entry(user_id, key)
        if found is None:
            raise NotFound(f"{key} is not in your saved codes.")
        return found

    def entries(self, user_id: int, list_id: int | None = None) -> list[SavedEntry]:
        """Saved codes, in code order; only those of ``list_id`` when given (404 if not the user's)."""
        with self.db.tx() as s:
            query = (select(SavedCode, SavedList.name).outerjoin(SavedList, SavedList.id == SavedCode.list_id)
                     .where(SavedCode.user_id == user_id).order_by(SavedCode.code))
            if list_id is not None:
                self._owned_list(s, user_id, list_id)
                query = query.where(SavedCode.list_id == list_id)
            return [_entry(c, name) for c, name in s.execute(query)]

    # -- lists -----------------------------------------------------------------------------

    def create_list(self, user_id: int, name: str) -> ListInfo:
        cleaned = _clean_list_name(name)
        exists = AccountExists(f"You already have a list named {cleaned!r}.")
        try:
            with self.db.tx() as s:
                if s.scalar(select(SavedList.id).where(SavedList.user_id == user_id, SavedList.name == cleaned)):
                    raise exists
                row = self._list_by_name(s, user_id, cleaned)
                return ListInfo(row.id, row.name, 0, row.created_at)
        except IntegrityError:
            raise exists from None

    def lists(self, user_id: int) -> list[ListInfo]:
        with self.db.tx() as s:
            counts = (select(SavedCode.list_id, func.count().label("n")).where(SavedCode.user_id == user_id)
                      .group_by(SavedCode.list_id).subquery())
            rows = s.execute(
                select(SavedList, func.coalesce(counts.c.n, 0)).outerjoin(counts, counts.c.list_id == SavedList.id)
                .where(SavedList.user_id == user_id).order_by(SavedList.name)
            )
            return [ListInfo(lst.id, lst.name, int(n), lst.created_at) for lst, n in rows]

    def get_list(self, user_id: int, list_id: int) -> ListInfo:
        with self.db.tx() as s:
            row = self._owned_list(s, user_id, list_id)
            n = s.scalar(select(func.count()).select_from(SavedCode).where(SavedCode.list_id == list_id)) or 0
            return ListInfo(row.id, row.name, int(n), row.created_at)

    def delete_list(self, user_id: int, list_id: int) -> None:
        """Delete a list; its codes stay saved, outside any list."""
        with self.db.tx() as s:
            row = self._owned_list(s, user_id, list_id)
            s.execute(update(SavedCode).where(SavedCode.list_id == list_id).values(list_id=None))
            s.delete(row)

    def csv(self, user_id: int, list_id: int | None, titles: Iterable[tuple[str, str, bool]] | None = None) -> str:
        """CSV of a list (or of every saved code): code, title, billable, note, list, saved_at."""
        entries = self.entries(user_id, list_id)
        lookup = {code: (title, billable) for code, title, billable in (titles or [])}
        if not lookup and self.classification is not None:
            for e in entries:
                item = self.classification.find(e.code)
                if item is not None:
                    lookup[e.code] = (item.title, item.billable)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(["code", "title", "billable", "note", "list", "saved_at"])
        for e in entries:
            title, billable = lookup.get(e.code, ("", False))
            writer.writerow([e.code, title, "yes" if billable else "no", _safe_cell(e.note), _safe_cell(e.list_name or ""),
                             e.public()["saved_at"]])
        return out.getvalue()

    # -- helpers -----------------------------------------------------------------------------

    def _stored_key(self, code: str) -> str:
        """The stored form of a saved code; anything not a code cannot be saved, so is not found."""
        text = (code or "").strip()[:_MAX_CODE_INPUT]
        item = self.classification.find(text) if self.classification is not None else None
        if item is not None:
            return item.code
        if re.fullmatch(r"[A-Za-z0-9.]{1,20}", text):
            return text.upper()
        raise NotFound("This is not one of your saved codes.")

    def _owned_list(self, s: OrmSession, user_id: int, list_id: int) -> SavedList:
        # Another user's list is "not found", never "forbidden": its existence is not revealed.
        row = s.get(SavedList, list_id)
        if row is None or row.user_id != user_id:
            raise NotFound("No such list in your account.")
        return row

    def _list_by_name(self, s: OrmSession, user_id: int, name: str) -> SavedList:
        row = s.scalar(select(SavedList).where(SavedList.user_id == user_id, SavedList.name == name))
        if row is None:
            count = s.scalar(select(func.count()).select_from(SavedList).where(SavedList.user_id == user_id)) or 0
            if count >= MAX_LISTS:
                raise LimitReached(f"You have {MAX_LISTS} lists, the most an account can keep.")
            row = SavedList(user_id=user_id, name=name, created_at=self.db.now())
            s.add(row)
            s.flush()
        return row

    def _list_name(self, s: OrmSession, list_id: int | None) -> str | None:
        return None if list_id is None else s.scalar(select(SavedList.name).where(SavedList.id == list_id))


@dataclass(frozen=True)
class _ListChoice:
    name: str | None
    id: int | None
    unlist: bool


def _entry(row: SavedCode, list_name: str | None) -> SavedEntry:
    return SavedEntry(row.code, row.note, row.list_id, list_name, row.created_at, row.updated_at)


def _clean_note(note: str | None) -> str | None:
    if note is None:
        return None
    # Browsers count a line break as one character against maxlength but send it as CRLF: count
    # it once here too, so a note the form accepted is never refused for its line breaks.
    note = note.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(note) > MAX_NOTE:
        raise InvalidInput(f"A note has at most {MAX_NOTE:,} characters.")
    return note


def _clean_list_name(name: str | None) -> str:
    cleaned = " ".join((name or "").replace("\x00", "").split())
    if not cleaned:
        raise InvalidInput("Give the list a name.")
    if len(cleaned) > MAX_LIST_NAME:
        raise InvalidInput(f"A list name has at most {MAX_LIST_NAME} characters.")
    return cleaned


_FORMULA_STARTS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")  # and their full-width forms


def _safe_cell(value: str) -> str:
    """A note or list name made inert for spreadsheets, which run a cell starting with = + - @ as
    a formula (CSV injection). Spreadsheets drop invisible leading characters (a byte-order mark,
    zero-width spaces, other format characters) and spaces before looking, so the check does too."""
    first = next((ch for ch in value if not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Cc", "Zs")), "")
    if value[:1] in ("\t", "\r") or first in _FORMULA_STARTS:
        return "'" + value
    return value
