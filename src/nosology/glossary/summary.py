"""A one-sentence plain summary of a billable code, composed from the classification's structure
and the glossary: the title (the code's own words) with the glossary's lay words beside the
official ones, what the 7th character says of the encounter, the side where a borrowed title
lost it, and what the coding conventions in the title mean. Marked as written from the
classification, not as medical advice.

The sentence pieces are data per language (``phrases/<lang>.tsv``); nothing here names a language.
"""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass
from importlib import resources
from typing import Any

from nosology.anatomy import side_of
from nosology.codes import compact
from nosology.glossary.matching import Matcher
from nosology.glossary.reader import Glossary
from nosology.languages import Languages
from nosology.models import CodeRecord, Item

__all__ = ["LAY_KINDS", "MAX_LAY_WORDS", "PlainSummary", "Summaries", "load_phrases"]

MAX_LAY_WORDS = 3  # more lay words than this and the sentence stops reading as one
# Kinds whose lay word is worth adding, most useful first. Conventions ("unspecified") get a clause
# of their own; the lay word of a qualifier or an event reads as a repetition inside a title
# ("membre supérieur (haut)", "collision (crash)").
LAY_KINDS = ("anatomy", "condition", "organism", "substance", "procedure")


@dataclass(frozen=True)
class PlainSummary:
    lang: str
    text: str
    notice: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def load_phrases(lang: str) -> dict[str, str]:
    """The sentence pieces of ``lang`` (empty when the language has none)."""
    path = resources.files("nosology.glossary").joinpath("phrases", f"{lang}.tsv")
    if not path.is_file():
        return {}
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if line.startswith("#") or "\t" not in line or line.startswith("key\t"):
            continue
        key, text = line.split("\t", 1)
        out[key] = text.rstrip("\r\n")
    return out


class _Pieces:
    """One language's phrases, and a matcher for the convention words that add a clause."""

    def __init__(self, languages: Languages, lang: str) -> None:
        self.lang = lang
        self.phrases = load_phrases(lang)
        clauses = [k[len("clause:") :] for k in self.phrases if k.startswith("clause:")]
        self.starts = {c[1:]: self.phrases[f"clause:{c}"] for c in clauses if c.startswith("^")}
        self.anywhere = {c: self.phrases[f"clause:{c}"] for c in clauses if not c.startswith("^")}
        self.matcher = Matcher(languages.get(lang), self.anywhere)
        self.start_keys = {self.matcher.key(c): text for c, text in self.starts.items()}

    def clauses(self, title: str) -> list[str]:
        out = [self.anywhere[t] for t in self.matcher.terms_in(title)]
        words = self.matcher.words(title)
        first = (words[0].stem,) if words else ()
        said = {self.matcher.key(t)[:1] for t in self.matcher.terms_in(title)}
        if first in self.start_keys and first not in said:  # "Other specified" has its own clause
            out.insert(0, self.start_keys[first])
        return list(dict.fromkeys(out))


class Summaries:
    """Plain summaries of billable codes in every language of the registry. Thread-safe."""

    def __init__(self, glossary: Glossary, languages: Languages) -> None:
        self.glossary = glossary
        self.languages = languages
        self._lock = threading.Lock()
        self._pieces: dict[str, _Pieces] = {}

    def pieces(self, lang: str) -> _Pieces:
        with self._lock:
            found = self._pieces.get(lang)
            if found is None:
                found = self._pieces[lang] = _Pieces(self.languages, lang)
            return found

    def of(self, record: CodeRecord) -> dict[str, PlainSummary]:
        """The summary in each language, keyed by language; empty for a code that is not billable."""
        if not record.item.billable:
            return {}
        return {lang.code: self.compose(record, lang.code) for lang in self.languages}

    def compose(self, record: CodeRecord, lang: str) -> PlainSummary:
        item = record.item
        pieces = self.pieces(lang)
        phrases = pieces.phrases
        meaning = _seventh_meaning(record)
        encounter = phrases.get(f"encounter:{meaning}") if meaning else None
        default = self.languages.default.code
        local = item.title_in(lang)
        if lang == default:
            title, title_lang, borrowed = _base_title(item, record, meaning if encounter else None), lang, False
        elif local is None:
            title, title_lang, borrowed = item.title, default, True
        else:
            title, title_lang, borrowed = local.title, lang, local.level != "exact"
        if title_lang != lang:  # no title in this language: the official one, without its encounter words
            title = _base_title(item, record, meaning if encounter else None)
        lead = self._with_lay(title, title_lang, lang)
        if title_lang != lang and "no_title" in phrases:
            lead = phrases["no_title"].format(title=title)
        elif borrowed and "broader_lead" in phrases:
            # a broader code's title is never presented as this code's: it names the group it is in
            lead = phrases["broader_lead"].format(title=lead)
        clauses: list[str] = []
        side = side_of(item.title)
        if borrowed and side and f"side:{side}" in phrases:
            clauses.append(phrases[f"side:{side}"])
        if encounter:
            clauses.append(encounter)
        if not borrowed:  # the conventions of a broader title are not this code's
            found = pieces.clauses(title)
            if side == "unspecified" and "side_unspecified" in phrases:
                generic = phrases.get("clause:unspecified")
                found = [phrases["side_unspecified"] if c == generic else c for c in found]
            clauses.extend(found)
        if borrowed and title_lang == lang and "broader" in phrases:
            clauses.append(phrases["broader"])
        separator = phrases.get("separator", "; ")
        text = lead.rstrip(" .") + "".join(separator + c for c in dict.fromkeys(clauses)) + "."
        return PlainSummary(lang, text, phrases.get("notice", ""))

    def _with_lay(self, title: str, title_lang: str, reader_lang: str) -> str:
        """``title`` with the lay word of each glossed term after it, in brackets (at most a few)."""
        if title_lang != reader_lang:
            return title
        entries = self.glossary.entries(title_lang)
        matcher = self.glossary.matcher(title_lang)
        folded = " ".join(w.folded for w in matcher.words(title))
        wanted = []
        for m in matcher.find(title)[1]:
            if _in_brackets(title, m.start):
                continue  # the title's own synonym: a second bracket inside it reads badly
            entry = entries.get(m.term)
            if entry is None or not entry.lay or entry.kind not in LAY_KINDS:
                continue
            lay_words = " ".join(w.folded for w in matcher.words(entry.lay))
            if lay_words and lay_words not in folded:  # else the title already says it in everyday words
                wanted.append((LAY_KINDS.index(entry.kind), m.first, m, entry.lay))
        chosen = sorted(sorted(wanted, key=lambda w: (w[0], w[1]))[:MAX_LAY_WORDS], key=lambda w: w[1])
        out, at = [], 0
        for _, _, m, lay in chosen:
            out.append(title[at : m.end] + f" ({lay})")
            at = m.end
        out.append(title[at:])
        return "".join(out)


def _seventh_meaning(record: CodeRecord) -> str | None:
    item = record.item
    if not item.seventh:
        return None
    char = compact(item.code)[6:7]
    return next((s.meaning for s in record.seven_chr if s.char == char), None)


def _base_title(item: Item, record: CodeRecord, meaning: str | None) -> str:
    """The title without the 7th character's words, when a clause will say them."""
    if not meaning:
        return item.title
    suffix = ", " + meaning
    if item.title.lower().endswith(suffix.lower()):
        return item.title[: -len(suffix)]
    parent = next((a for a in reversed(record.ancestors) if a.kind not in {"chapter", "block"}), None)
    return parent.title if parent is not None else item.title


def _in_brackets(text: str, at: int) -> bool:
    """True when position ``at`` of ``text`` lies inside (…) or […]."""
    depth = 0
    for ch in text[:at]:
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
    return depth > 0
