"""Everything a code page shows, prepared from one classification record (no HTTP here but the
translation lookup, so the template only lays things out)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from nosology.anatomy import BodySite, region
from nosology.classification import Classification
from nosology.models import CodePart, CodeRecord, Equivalent, Item, NoteGroup
from nosology.web.i18n import DEFAULT_LANG
from nosology.web.pages.linkify import linkify

__all__ = ["BILLABLE_PER_PAGE", "NOTE_KINDS", "POSITIONS", "CodeView", "Title", "body_caption", "build_view", "title_in"]

Translate = Callable[[str], str]

# Billable codes listed per page under a header (S72 has more than a thousand).
BILLABLE_PER_PAGE = 100

# Note kinds in reading order, with their heading and a plain explanation.
NOTE_KINDS: tuple[tuple[str, str, str], ...] = (
    ("notes", "Notes", ""),
    ("includes", "Includes", "Conditions this code covers."),
    ("inclusionTerm", "Inclusion terms", "Other names for conditions coded here."),
    ("excludes1", "Excludes1: not coded here", "Never used together with this code: these conditions are coded elsewhere."),
    ("excludes2", "Excludes2: not included here", "Not part of this condition; a patient may have both, and both codes may be used."),
    ("codeFirst", "Code first", "Code the underlying condition first."),
    ("useAdditionalCode", "Use additional code", "Add a code to give more detail."),
    ("codeAlso", "Code also", "Another code may be needed as well."),
    ("sevenChrNote", "7th character note", ""),
)
# Position labels used by the decoding (from the classification core), translated on display.
POSITIONS: tuple[str, ...] = (
    "chapter", "block", "category (characters 1-3)", "4th character", "5th character", "6th character",
    "7th character", "characters 5-6", "characters 4-6", "character",
)
# Decoding rows whose meaning is the whole title of an item (so a French title can stand in).
_WHOLE_TITLE_POSITIONS = frozenset({"chapter", "block", "category (characters 1-3)"})
SIDE_NAMES: dict[str, str] = {
    "right": "right side", "left": "left side", "bilateral": "both sides", "unspecified": "side not specified",
}


@dataclass(frozen=True)
class Title:
    text: str
    lang: str
    note: str = ""


@dataclass
class NoteSection:
    kind: str
    heading: str
    explanation: str
    groups: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class CodeView:
    record: CodeRecord
    title: Title
    other_title: Title | None
    breadcrumb: list[tuple[Item, Title]]
    notes: list[NoteSection]
    body: BodySite
    body_caption: str
    siblings: list[tuple[Item, Title]]
    children: list[tuple[Item, Title]]
    # the blocks a heading section among the children spans (chapter 13 > M60-M79 > M60-M63...)
    nested: dict[int, list[tuple[Item, Title]]]
    billable_sample: list[tuple[Item, Title]]  # one page of the billable codes below
    decoding: list[dict[str, Any]]
    # one row per translated language of the registry: (label, its equivalent or None, language)
    translations: list[tuple[str, Equivalent | None, str]] = field(default_factory=list)
    # the same 7th character on the other sides and sites (S72.001A -> S72.002A, S72.009A)
    parallels: list[tuple[Item, Title]] = field(default_factory=list)
    billable_page: int = 1
    billable_pages: int = 0
    billable_first: int = 0  # the rank of the first code of the page, from 1


# How the equivalents list names a language's title source (gettext message ids).
TITLE_SOURCE_NAMES = {"cim10": "French CIM-10"}


def title_in(item: Item, lang: str, _: Translate) -> Title:
    """The title in the page language; a title borrowed from a broader code says so."""
    if lang == DEFAULT_LANG:
        return Title(item.title, DEFAULT_LANG)
    local = item.title_in(lang)
    if local is None:
        if item.kind in {"chapter", "block"}:
            # CIM-10 FR has labels for codes only: a group has one only when it is one category
            return Title(item.title, DEFAULT_LANG, _("No French title for this group of codes: the official English title is shown."))
        return Title(item.title, DEFAULT_LANG, _("No French title for this code: the English title is shown."))
    if local.level == "ancestor":
        # a broader code's title is not this code's: keep the official title, and name the
        # broader one as such ("en CIM-10 : S72 Fracture du fémur")
        return Title(item.title, DEFAULT_LANG, _("In CIM-10: %(code)s %(title)s (a broader code; ICD-10-CM is more precise)")
                     % {"code": local.code, "title": local.title})
    return Title(local.title, lang)


def body_caption(site: BodySite, _: Translate) -> str:
    """The figure's caption and text alternative: the structures highlighted and their side."""
    if not site.shown:
        return ""
    regions = ", ".join(_(region(r).name) for r in site.regions)
    side = _(SIDE_NAMES[site.side]) if site.side else ""
    return _("Highlighted: %(regions)s") % {"regions": regions} + (f" ({side})" if side else "")


def _note_sections(groups: list[NoteGroup], owners: dict[str, Item], lang: str, note: Callable[[str], Markup], _: Translate) -> list[NoteSection]:
    """The notes by kind; an inherited group names its owner in the page language (its title by
    the same rule as every title: the French one only where it means the same)."""
    sections: list[NoteSection] = []
    for kind, heading, explanation in NOTE_KINDS:
        mine = [g for g in groups if g.kind == kind]
        if not mine:
            continue
        section = NoteSection(kind, _(heading), _(explanation) if explanation else "")
        for group in mine:
            owner = owners.get(group.owner)
            section.groups.append({
                "owner": group.owner,
                "owner_kind": owner.kind if owner else "",
                "owner_title": title_in(owner, lang, _) if owner else Title(group.owner_title, DEFAULT_LANG),
                "inherited": group.inherited,
                "notes": [(note(n.text), [note(entry) for entry in n.items]) for n in group.tree()],
            })
        sections.append(section)
    return sections


def _decoded(part: CodePart, classification: Classification, lang: str, url: Callable[[str], str], _: Translate) -> dict[str, Any]:
    """One row of "What this code means"; on French pages, the French title where it says the same
    thing (chapters, blocks and categories with an exact CIM-10 match)."""
    meaning, meaning_lang = part.meaning, DEFAULT_LANG
    if lang != DEFAULT_LANG and (ours := _(part.meaning)) != part.meaning:  # our decoding vocabulary
        meaning, meaning_lang = ours, lang
    if lang != DEFAULT_LANG and part.code and part.position in _WHOLE_TITLE_POSITIONS:
        node = classification.find(part.code)
        local = node.title_in(lang) if node is not None else None
        if node is not None and local is not None and local.level == "exact":
            meaning, meaning_lang = local.title, lang
            if node.kind == "chapter":
                meaning = _("Chapter %(n)s") % {"n": node.code} + " : " + meaning
    return {"chars": part.chars, "position": _(part.position), "meaning": meaning, "meaning_lang": meaning_lang,
            "code": part.code, "url": url(part.code) if part.code else None}


def _nested_blocks(item: Item, classification: Classification) -> list[Item]:
    """The blocks a heading section spans (its children, when they are blocks), else nothing."""
    children = classification.children(item)
    return children if children and children[0].kind == "block" else []


def build_view(
    record: CodeRecord,
    classification: Classification,
    lang: str,
    url: Callable[[str], str],
    _: Translate,
    *,
    siblings: list[Item] | None = None,
    note: Callable[[str], Markup] | None = None,
    billable_page: int = 1,
    site: BodySite | None = None,
) -> CodeView:
    """The code page's content. ``siblings`` and ``note`` let the caller supply cached versions
    (the chapters list; notes already turned into links); ``billable_page`` is the page of the
    list of billable codes below (clamped to the pages there are); ``site`` is the body site the
    figure shows (none when not given)."""
    item = record.item
    other = None
    title = title_in(item, lang, _)
    if lang != DEFAULT_LANG and title.lang != DEFAULT_LANG:
        other = Title(item.title, DEFAULT_LANG)
    elif item.titles:  # on the official page, the first other language's title
        other = title_in(item, item.titles[0].lang, _)
    site = site or BodySite()
    billable_sample: list[Item] = []
    pages = -(-record.billable_children // BILLABLE_PER_PAGE)
    billable_page = min(max(billable_page, 1), max(pages, 1))
    if not item.billable and record.billable_children:
        billable_sample = classification.descendants(item, billable_only=True, limit=BILLABLE_PER_PAGE,
                                                     offset=(billable_page - 1) * BILLABLE_PER_PAGE)
    # a block named like its only category (C50 > C50) is one step, not two
    parts = [p for n, p in enumerate(record.decoding)
             if not (p.position == "block" and n + 1 < len(record.decoding) and record.decoding[n + 1].chars == p.chars)]
    decoding = [_decoded(p, classification, lang, url, _) for p in parts]
    chain = [*record.ancestors, item]
    breadcrumb = [a for n, a in enumerate(record.ancestors) if a.code != chain[n + 1].code]
    return CodeView(
        record=record,
        title=title,
        other_title=other,
        breadcrumb=[(a, title_in(a, lang, _)) for a in breadcrumb],
        # a block and its same-named category own notes under one code: the category (later) is the page
        notes=_note_sections(record.notes, {i.code: i for i in chain}, lang, note or (lambda text: linkify(text, classification, url)), _),
        body=site,
        body_caption=body_caption(site, _),
        siblings=[(s, title_in(s, lang, _)) for s in (classification.siblings(item) if siblings is None else siblings)],
        children=[(c, title_in(c, lang, _)) for c in record.children],
        nested={c.seq: [(b, title_in(b, lang, _)) for b in blocks] for c in record.children
                if c.kind == "block" and item.kind != "block" and (blocks := _nested_blocks(c, classification))},
        billable_sample=[(b, title_in(b, lang, _)) for b in billable_sample],
        decoding=decoding,
        translations=[(_(TITLE_SOURCE_NAMES.get(lang.titles.system, lang.titles.label)), record.translations.get(lang.code), lang.code)
                      for lang in classification.languages.translated],
        parallels=[(p, title_in(p, lang, _)) for p in classification.parallels(item)],
        billable_page=billable_page,
        billable_pages=pages,
        billable_first=(billable_page - 1) * BILLABLE_PER_PAGE + 1,
    )
