"""ICD-10-CM as a library: look up any code spelling, its record, decoding and validation."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable

from nosology import validation
from nosology.cache import LruCache
from nosology.codes import compact, with_dot
from nosology.errors import CodeNotFound
from nosology.languages import Languages, default_languages
from nosology.models import (
    CodePart,
    CodeRecord,
    Equivalent,
    Item,
    LocalTitle,
    NoteGroup,
    SevenChr,
    Validation,
)
from nosology.store import ReferenceStore

__all__ = ["ITEM_COLUMNS", "Classification"]

ITEM_COLUMNS = "seq, code, kind, title, billable, chapter, parent, last_seq, n_children, seventh"
_ORDINAL = {4: "4th character", 5: "5th character", 6: "6th character", 7: "7th character"}
_WORD = re.compile(r"[\w'-]+")


def _item(row: sqlite3.Row, titles: tuple[LocalTitle, ...] = ()) -> Item:
    return Item(
        seq=row["seq"], code=row["code"], kind=row["kind"], title=row["title"], billable=bool(row["billable"]),
        titles=titles, chapter=row["chapter"],
        parent=row["parent"], last_seq=row["last_seq"], n_children=row["n_children"], seventh=bool(row["seventh"]),
    )


_RANGE = re.compile(r"\s*\([A-Z0-9]{3}(?:-[A-Z0-9]{3})?\)\s*$")


def _roman(numeral: str) -> int:
    """``XIII`` -> 13 (the WHO chapter numbers)."""
    values = [{"I": 1, "V": 5, "X": 10, "L": 50}.get(c, 0) for c in numeral.upper()]
    return sum(-v if n + 1 < len(values) and v < values[n + 1] else v for n, v in enumerate(values))


def _difference(child: str, parent: str) -> str:
    """What a child's title adds to its parent's: ``"…, other site"`` -> ``other site``."""
    if child.lower().startswith(parent.lower() + ", "):
        return child[len(parent) + 2 :]
    # singular and plural are the same word here: T84.89 "Other specified complication of..."
    # under T84.8 "Other specified complications of..." adds nothing but is the rest of T84.8,
    # so it means its whole title, not "complication"
    parent_words = {w.lower().removesuffix("s") for w in _WORD.findall(parent)}
    extra = [w for w in _WORD.findall(child) if w.lower().removesuffix("s") not in parent_words]
    return " ".join(extra) if extra else child


class Classification:
    """ICD-10-CM over a built :class:`ReferenceStore`: items, their hierarchy, notes, titles in
    the registry's languages, decoding and validation. Thread-safe; cheap to share.

    Args:
        store: the built reference database.
        languages: the language registry whose titles the database holds (default: English and
            French).
    """

    def __init__(self, store: ReferenceStore, languages: Languages | None = None) -> None:
        self.store = store
        self.languages = languages or default_languages()
        self._items: LruCache[Item | None] = LruCache(50_000)  # by seq: an item and its titles
        self._children: LruCache[tuple[int, ...]] = LruCache(20_000)  # by parent seq: its children's seqs

    # -- items -------------------------------------------------------------------------------
    def _load_item(self, seq: int) -> Item | None:
        rows = self.store.query(f"SELECT {ITEM_COLUMNS} FROM item WHERE seq = ?", (seq,))
        return _item(rows[0], self._titles([seq]).get(seq, ())) if rows else None

    def _titles(self, seqs: list[int]) -> dict[int, tuple[LocalTitle, ...]]:
        """Titles in the registry's languages for ``seqs``, in registry order (one query)."""
        if not seqs:
            return {}
        order = {code: n for n, code in enumerate(self.languages.codes)}
        found: dict[int, list[LocalTitle]] = {}
        for r in self.store.query_in("SELECT seq, lang, title, level, source_code FROM item_title WHERE seq IN ({marks})", seqs):
            if r["lang"] in order:
                found.setdefault(r["seq"], []).append(LocalTitle(r["lang"], r["title"], r["level"], r["source_code"]))
        return {seq: tuple(sorted(ts, key=lambda t: order[t.lang])) for seq, ts in found.items()}

    def item(self, seq: int) -> Item:
        found = self._items.get_or_make(seq, lambda: self._load_item(seq))
        if found is None:
            raise KeyError(seq)
        return found

    def find(self, text: str) -> Item | None:
        """The item for any spelling of its code (``m6128``, ``M61 28``, ``M60-M63``), or None."""
        key = compact(text)
        if not key or len(key) > 15:
            return None
        seq = self.store.query_one("SELECT seq FROM lookup WHERE key = ?", (key,))
        return None if seq is None else self.item(seq)

    def get(self, text: str) -> Item:
        """The item for any spelling of its code.

        Raises:
            CodeNotFound: no item has this code; ``suggestions`` holds the codes the person
                probably meant (missing X placeholders, look-alike characters, nearest prefix).
        """
        found = self.find(text)
        if found is None:
            key = compact(text)
            shown = with_dot(key) if key else text.strip()
            raise CodeNotFound(shown[:40], f"{shown[:40]!r} is not an ICD-10-CM code", self.suggest(text))
        return found

    def items(self, seqs: Iterable[int]) -> list[Item]:
        """The items of ``seqs`` in that order; those not yet cached are read in two queries."""
        wanted = list(seqs)
        found = {seq: self._items.get(seq) for seq in wanted}
        missing = [seq for seq, item in found.items() if item is None]
        if missing:
            rows = self.store.query_in(f"SELECT {ITEM_COLUMNS} FROM item WHERE seq IN ({{marks}})", missing)
            titles = self._titles(missing)
            for r in rows:
                loaded = found[r["seq"]] = _item(r, titles.get(r["seq"], ()))
                self._items.put(loaded.seq, loaded)
        out = []
        for seq in wanted:
            item = found[seq]
            if item is None:
                raise KeyError(seq)
            out.append(item)
        return out

    def chapters(self) -> list[Item]:
        return self._rows("SELECT {cols} FROM item WHERE kind = 'chapter' ORDER BY seq")

    def ancestors(self, item: Item) -> list[Item]:
        chain: list[Item] = []
        parent = item.parent
        while parent is not None:
            p = self.item(parent)
            chain.append(p)
            parent = p.parent
        return chain[::-1]

    def children(self, item: Item) -> list[Item]:
        # search asks for the same families again and again: the children's seqs are cached and
        # their items come from the item cache
        seqs = self._children.get_or_make(
            item.seq, lambda: tuple(r["seq"] for r in self.store.query("SELECT seq FROM item WHERE parent = ? ORDER BY seq", (item.seq,))))
        return self.items(seqs)

    def siblings(self, item: Item) -> list[Item]:
        if item.parent is None:
            return [c for c in self.chapters() if c.seq != item.seq]
        return [c for c in self.children(self.item(item.parent)) if c.seq != item.seq]

    def parallels(self, item: Item) -> list[Item]:
        """For a code with a 7th character, the same 7th character on the other codes of its
        parent's subcategory: the other sides and sites of the same encounter (S72.001A ->
        S72.002A, S72.009A). Empty for other items."""
        if not item.seventh or item.parent is None:
            return []
        parent = self.item(item.parent)
        char = compact(item.code)[-1]
        found = (self.find(compact(s.code).ljust(6, "X") + char) for s in self.siblings(parent))
        return [f for f in found if f is not None and f.seventh]

    def descendants(self, item: Item, billable_only: bool = False, limit: int = 100, offset: int = 0) -> list[Item]:
        extra = " AND billable = 1" if billable_only else ""
        return self._rows("SELECT {cols} FROM item WHERE seq > ? AND seq <= ?" + extra + " ORDER BY seq LIMIT ? OFFSET ?", (item.seq, item.last_seq, limit, offset))

    def count_descendants(self, item: Item, billable_only: bool = False) -> int:
        extra = " AND billable = 1" if billable_only else ""
        return int(self.store.query_one("SELECT count(*) FROM item WHERE seq > ? AND seq <= ?" + extra, (item.seq, item.last_seq)))

    def count_billable(self, item: Item) -> int:
        """Billable codes below ``item`` (stored at build time; the item itself excluded)."""
        below = int(self.store.query_one("SELECT n_billable FROM item WHERE seq = ?", (item.seq,)))
        return below - int(item.billable)

    def identifiers(self) -> list[str]:
        """Every distinct identifier (chapters, blocks and codes), in classification order: one
        page each (a block and its only category share one)."""
        return [r["code"] for r in self.store.query("SELECT code FROM item GROUP BY code ORDER BY min(seq)")]

    def count_identifiers(self) -> int:
        return int(self.store.query_one("SELECT count(DISTINCT code) FROM item"))

    def subsumes(self, a: Item, b: Item) -> bool:
        """True when ``b`` is ``a`` or lies below it."""
        return a.seq <= b.seq <= a.last_seq

    def _rows(self, sql: str, params: tuple[object, ...] = ()) -> list[Item]:
        rows = self.store.query(sql.format(cols=ITEM_COLUMNS), params)
        titles = self._titles([r["seq"] for r in rows])
        return [_item(r, titles.get(r["seq"], ())) for r in rows]

    # -- notes -------------------------------------------------------------------------------
    def notes(self, item: Item, ancestors: list[Item] | None = None) -> list[NoteGroup]:
        """Own notes, then each ancestor's (nearest first), grouped by kind in reading order."""
        chain = [item, *reversed(ancestors if ancestors is not None else self.ancestors(item))]
        owners = {i.seq: i for i in chain}
        rows = self.store.query(
            f"SELECT seq, kind, text, level FROM note WHERE seq IN ({','.join('?' * len(chain))}) ORDER BY seq DESC, pos",
            tuple(owners),
        )
        grouped: dict[tuple[int, str], list[tuple[str, int]]] = {}
        for r in rows:
            grouped.setdefault((r["seq"], r["kind"]), []).append((r["text"], r["level"]))
        order = {i.seq: n for n, i in enumerate(chain)}
        ranked = sorted(grouped.items(), key=lambda entry: order[entry[0][0]])
        return [NoteGroup(kind, owners[seq].code, owners[seq].title, seq != item.seq, [t for t, _ in notes],
                          tuple(lv for _, lv in notes) if any(lv for _, lv in notes) else ())
                for (seq, kind), notes in ranked]

    def seven_chr(self, item: Item, ancestors: list[Item] | None = None) -> tuple[Item | None, list[SevenChr]]:
        """The 7th-character table that applies to ``item`` (its own or the nearest ancestor's)."""
        for owner in [item, *reversed(ancestors if ancestors is not None else self.ancestors(item))]:
            rows = self.store.query("SELECT char, text FROM seven_chr WHERE seq = ? ORDER BY pos", (owner.seq,))
            if rows:
                return owner, [SevenChr(r["char"], r["text"]) for r in rows]
        return None, []

    # -- equivalents -------------------------------------------------------------------------
    def translations(self, item: Item) -> dict[str, Equivalent]:
        """The title each translated language borrows for ``item``, with the system it comes
        from and its level (exact, or that of a broader code)."""
        return {t.lang: Equivalent(self.languages.get(t.lang).titles.system, t.code, t.title, t.level)
                for t in item.titles if t.lang in self.languages}

    def who_equivalent(self, item: Item) -> Equivalent | None:
        """The WHO code with the same meaning, else the closest one: the WHO code of the same
        first four characters (level "closest": same place in both classifications, titles that
        differ), else the nearest broader code with the same meaning (level "ancestor")."""
        if item.kind in {"chapter", "block"}:
            return self._who_group(item)
        row = self.store.query("SELECT who_code, who_title, who_level FROM item WHERE seq = ?", (item.seq,))[0]
        if not row["who_code"]:
            return None
        key = compact(item.code)[:4]
        if row["who_level"] == "ancestor" and len(key) == 4 and len(compact(row["who_code"])) < 4:
            closer = self.store.query("SELECT code, title FROM who WHERE key = ?", (key,))
            if closer:
                return Equivalent("who", closer[0]["code"], closer[0]["title"], "closest")
        return Equivalent("who", row["who_code"], row["who_title"], row["who_level"])

    def _who_group(self, item: Item) -> Equivalent | None:
        """The WHO block of the same range, or the WHO chapter of the same number (ICD-10-CM
        keeps the WHO chapters and their order: CM chapter 13 = WHO chapter XIII): "exact" when
        the titles agree, else "closest". A chapter's range may still differ (CM 19 ends at T88,
        where WHO XIX goes on to T98: CM codes sequelae with a 7th character)."""
        if item.kind == "block":
            rows = self.store.query("SELECT code, title FROM who WHERE key = ? AND kind = 'block'", (compact(item.code),))
        else:
            rows = [r for r in self.store.query("SELECT code, title FROM who WHERE kind = 'chapter'")
                    if str(_roman(r["code"])) == item.code]
        if not rows:
            return None
        own = _RANGE.sub("", item.title).strip().lower()
        return Equivalent("who", rows[0]["code"], rows[0]["title"], "exact" if own == rows[0]["title"].strip().lower() else "closest")

    # -- the record --------------------------------------------------------------------------
    def record(self, text: str) -> CodeRecord:
        """Everything about one code: its item, ancestors (chapter, heading section, block...),
        children, notes of its own and inherited, 7th characters, decoding, titles in each
        language and the WHO equivalent.

        Raises:
            CodeNotFound: as :meth:`get`.
        """
        item = self.get(text)
        ancestors = self.ancestors(item)
        owner, chars = self.seven_chr(item, ancestors)
        return CodeRecord(
            item=item,
            ancestors=ancestors,
            children=self.children(item),
            notes=self.notes(item, ancestors),
            seven_chr=chars,
            seven_chr_owner=owner.code if owner else None,
            decoding=self.decode(item, ancestors, chars),
            translations=self.translations(item),
            who=self.who_equivalent(item),
            billable_children=0 if item.billable else self.count_billable(item),
        )

    def decode(self, item: Item, ancestors: list[Item] | None = None, seven: list[SevenChr] | None = None) -> list[CodePart]:
        """What each part of the code means, read off the classification's own structure."""
        chain = [*(ancestors if ancestors is not None else self.ancestors(item)), item]
        parts: list[CodePart] = []
        for node in chain:
            if node.kind == "chapter":
                parts.append(CodePart(node.code, "chapter", f"Chapter {node.code}: {node.title}", node.code, node.title))
            elif node.kind == "block":
                parts.append(CodePart(node.code, "block", node.title, node.code, node.title))
        codes = [n for n in chain if n.kind not in {"chapter", "block"}]
        previous: Item | None = None
        for node in codes:
            if previous is None:
                parts.append(CodePart(node.code, "category (characters 1-3)", node.title, node.code, node.title))
            elif node.seventh:
                parts.extend(self._decode_seventh(node, previous, seven))
            else:
                added = compact(node.code)[len(compact(previous.code)) :]
                position = _ORDINAL.get(len(compact(node.code)), "character")
                label = f".{added}" if len(compact(previous.code)) == 3 else added
                parts.append(CodePart(label, position, _difference(node.title, previous.title), node.code, node.title))
            previous = node
        return parts

    def _decode_seventh(self, node: Item, parent: Item, seven: list[SevenChr] | None) -> list[CodePart]:
        key, parent_key = compact(node.code), compact(parent.code)
        parts: list[CodePart] = []
        filler = key[len(parent_key) : 6]
        if filler:
            first = len(parent_key) + 1
            where = f"{_ORDINAL[first]}" if len(filler) == 1 else f"characters {first}-6"
            parts.append(CodePart(filler, where, "placeholder X: keeps the 7th character in the 7th position when the code has fewer than 6 characters", None))
        char = key[6]
        meaning = next((s.meaning for s in seven or [] if s.char == char), _difference(node.title, parent.title))
        parts.append(CodePart(char, "7th character", meaning, node.code, node.title))
        return parts

    # -- validation (nosology.validation) ----------------------------------------------------
    def validate(self, text: str) -> Validation:
        """Whether ``text`` is a code that can go on a claim; see :func:`nosology.validation.validate`."""
        return validation.validate(self, text)

    def suggest(self, text: str, limit: int = 8) -> list[str]:
        """Codes the person probably meant; see :func:`nosology.validation.suggest`."""
        return validation.suggest(self, text, limit)
