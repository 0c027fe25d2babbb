"""What the code page shows of the glossary: the plain summary, the words of the title explained in
the page language, and the glossed words of the official notes (a list under the notes)."""

from __future__ import annotations

from dataclasses import dataclass

from nosology.glossary.reader import Gloss
from nosology.glossary.summary import PlainSummary
from nosology.library import Library
from nosology.models import CodeRecord
from nosology.web.pages.codeview import CodeView

__all__ = ["Glossed", "glossed_view"]


@dataclass(frozen=True)
class Glossed:
    summary: PlainSummary | None
    title_terms: tuple[Gloss, ...]  # the page-language title's terms, then the other title's
    note_terms: tuple[Gloss, ...]  # terms of the notes not already listed under the title


def glossed_view(library: Library, record: CodeRecord, view: CodeView, lang: str) -> Glossed:
    glossary = library.glossary
    titles = [view.title, *([view.other_title] if view.other_title is not None and view.other_title.lang != lang else [])]
    terms: dict[str, Gloss] = {}
    for title in titles:
        for g in glossary.explain(title.text, title.lang, lang):
            terms.setdefault(g.term, g)
    official = library.languages.default.code
    notes: dict[str, Gloss] = {}
    for group in record.notes:
        for text in group.notes:
            for g in glossary.explain(text, official, lang):
                if g.term not in terms:
                    notes.setdefault(g.term, g)
    summary = library.summaries.of(record).get(lang)
    return Glossed(summary, tuple(terms.values()), tuple(notes.values()))
