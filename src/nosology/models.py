"""Plain data returned by the core library; the web layer serialises these to JSON as they are."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = [
    "CodePart",
    "CodeRecord",
    "Equivalent",
    "Item",
    "LocalTitle",
    "Note",
    "NoteGroup",
    "SevenChr",
    "Validation",
    "exact_title",
    "title_in",
]


@dataclass(frozen=True)
class LocalTitle:
    """A code's title in a language other than the official one."""

    lang: str
    title: str
    level: str  # "exact": same meaning; "ancestor": the title of the broader code ``code``
    code: str  # the code the title was written for


def title_in(titles: Iterable[LocalTitle], lang: str) -> LocalTitle | None:
    """The title in ``lang`` among ``titles`` (exact or borrowed from an ancestor), or None."""
    return next((t for t in titles if t.lang == lang), None)


def exact_title(titles: Iterable[LocalTitle], lang: str, official: str) -> str:
    """The title in ``lang`` when it means exactly the same as ``official``, else ``official``."""
    local = title_in(titles, lang)
    return local.title if local is not None and local.level == "exact" else official


@dataclass(frozen=True)
class Item:
    """One node of ICD-10-CM: a chapter, block (heading sections included), category,
    subcategory or code. ``titles`` are its titles in the registry's other languages."""

    seq: int
    code: str
    kind: str
    title: str
    billable: bool
    titles: tuple[LocalTitle, ...] = ()
    chapter: int = 0
    parent: int | None = None
    last_seq: int = 0
    n_children: int = 0
    seventh: bool = False

    @property
    def header(self) -> bool:
        """A code that exists but cannot be used on a claim (it has codes below it)."""
        return self.kind != "chapter" and self.kind != "block" and not self.billable

    def title_in(self, lang: str) -> LocalTitle | None:
        """The title in ``lang`` (exact or borrowed from an ancestor), or None."""
        return title_in(self.titles, lang)

    def exact_title(self, lang: str) -> str:
        """The title in ``lang`` when it means exactly the same, else the official title."""
        return exact_title(self.titles, lang, self.title)

    def titles_by_lang(self) -> dict[str, str]:
        return {t.lang: t.title for t in self.titles}

    def brief(self) -> dict[str, Any]:
        return {"code": self.code, "title": self.title, "titles": self.titles_by_lang(), "kind": self.kind, "billable": self.billable}


@dataclass(frozen=True)
class Equivalent:
    system: str  # "who", or the system a language borrows its titles from ("cim10")
    code: str
    title: str
    # "exact": same meaning; "ancestor": the nearest broader code with the same meaning; "closest"
    # (WHO only): the code of the same first four characters, whose title differs
    level: str


@dataclass(frozen=True)
class SevenChr:
    char: str
    meaning: str


@dataclass(frozen=True)
class Note:
    """One note as printed: its text and the entries indented under it (a lead-in such as
    "polyneuropathy (in):" or a chapter's run-in subheading)."""

    text: str
    items: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class NoteGroup:
    """The notes of one kind owned by one item (the item itself or an ancestor). ``notes`` is
    every text in printed order; ``levels`` gives each one's indentation (0, or 1 under the
    nearest level-0 note before it), empty when all are at level 0."""

    kind: str
    owner: str
    owner_title: str
    inherited: bool
    notes: list[str]
    levels: tuple[int, ...] = ()

    def tree(self) -> list[Note]:
        """The notes nested as printed."""
        out: list[Note] = []
        for n, text in enumerate(self.notes):
            if out and self.levels and self.levels[n] > 0:
                out[-1].items.append(text)
            else:
                out.append(Note(text))
        return out

    def printed(self) -> list[str]:
        """One line per level-0 note, its entries joined after it, for outputs that only carry
        flat strings (FHIR properties, the CLI): "polyneuropathy (in): diphtheria (A36.83); ..."."""
        return [note.text + (" " + "; ".join(note.items) if note.items else "") for note in self.tree()]


@dataclass(frozen=True)
class CodePart:
    """One part of a code and what it means (``M61`` category, ``.2`` subcategory, ``8`` site...)."""

    chars: str
    position: str
    meaning: str
    code: str | None = None  # the code this part leads to, when it is an item of its own
    title: str | None = None  # that code's full title


@dataclass(frozen=True)
class CodeRecord:
    item: Item
    ancestors: list[Item]  # chapter first
    children: list[Item]
    notes: list[NoteGroup]
    seven_chr: list[SevenChr]
    seven_chr_owner: str | None
    decoding: list[CodePart]
    translations: dict[str, Equivalent]  # language -> the title borrowed for it, with its level
    who: Equivalent | None
    billable_children: int = 0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["item"] = self.item.brief() | {"header": self.item.header}
        d["ancestors"] = [a.brief() for a in self.ancestors]
        d["children"] = [c.brief() for c in self.children]
        for group, out in zip(self.notes, d["notes"], strict=True):
            out["levels"] = list(group.levels) or [0] * len(group.notes)
            out["tree"] = [asdict(note) for note in group.tree()]
        return d


@dataclass(frozen=True)
class Validation:
    """The answer of :meth:`Classification.validate`: ``valid`` means the code exists, ``billable``
    that it may go on a claim; ``message`` says why in words, ``suggestions`` what to use instead."""

    input: str
    code: str | None
    status: str  # "billable" | "header" | "not_a_code" | "invalid"
    valid: bool
    billable: bool
    message: str
    title: str | None = None
    suggestions: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
