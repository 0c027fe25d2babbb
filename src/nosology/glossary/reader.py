"""The glossary as the library reads it: entries by language, the terms of a text explained in a
reader's language (through ``pair`` when the text is in another language), and the matchers."""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass
from typing import Any

from nosology.cache import LruCache
from nosology.glossary.matching import Matcher
from nosology.languages import Languages
from nosology.store import ReferenceStore

__all__ = ["Gloss", "Glossary"]


@dataclass(frozen=True)
class Gloss:
    """One term of a text and its plain definition in the reader's language."""

    term: str  # as the glossary writes it, in the language of ``definition``
    definition: str
    lay: str
    kind: str
    lang: str
    source: str
    pair: str  # the English term of the same concept (translated languages), else ""
    found: str  # the term as found in the text (the pair, when the text is in another language)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class Glossary:
    """Read-only over a built database; thread-safe. Entries are loaded on first use."""

    def __init__(self, store: ReferenceStore, languages: Languages) -> None:
        self.store = store
        self.languages = languages
        self._lock = threading.Lock()
        self._entries: dict[str, dict[str, Gloss]] | None = None
        self._matchers: dict[str, Matcher] = {}
        self._pairs: dict[str, dict[str, Gloss]] = {}
        self._explained: LruCache[tuple[Gloss, ...]] = LruCache(20_000)  # by (text, text lang, reader lang)

    def entries(self, lang: str) -> dict[str, Gloss]:
        """Term -> entry of language ``lang`` (empty when the database has no glossary)."""
        with self._lock:
            if self._entries is None:
                self._entries = self._load()
            return self._entries.get(lang, {})

    def _load(self) -> dict[str, dict[str, Gloss]]:
        out: dict[str, dict[str, Gloss]] = {lang: {} for lang in self.languages.codes}
        exists = self.store.query_one("SELECT count(*) FROM sqlite_master WHERE name = 'glossary_entry'")
        if not exists:
            return out
        for r in self.store.query("SELECT lang, term, definition, lay, kind, source, pair FROM glossary_entry ORDER BY lang, file, line"):
            if r["lang"] in out:
                out[r["lang"]][r["term"]] = Gloss(r["term"], r["definition"], r["lay"], r["kind"], r["lang"], r["source"], r["pair"], r["term"])
        return out

    def matcher(self, lang: str) -> Matcher:
        entries = self.entries(lang)
        with self._lock:
            found = self._matchers.get(lang)
            if found is None:
                found = self._matchers[lang] = Matcher(self.languages.get(lang), entries)
            return found

    def by_pair(self, lang: str) -> dict[str, Gloss]:
        """English term (lower case) -> the entry of ``lang`` that names it as its pair."""
        entries = self.entries(lang)
        with self._lock:
            found = self._pairs.get(lang)
            if found is None:
                found = self._pairs[lang] = {g.pair.lower(): g for g in entries.values() if g.pair}
            return found

    def explain(self, text: str, text_lang: str, reader_lang: str) -> tuple[Gloss, ...]:
        """The glossed terms of ``text`` (written in ``text_lang``) with definitions in
        ``reader_lang``: the same language's entries, else the entries paired with them."""
        return self._explained.get_or_make((text, text_lang, reader_lang), lambda: self._explain(text, text_lang, reader_lang))

    def _explain(self, text: str, text_lang: str, reader_lang: str) -> tuple[Gloss, ...]:
        terms = self.matcher(text_lang).terms_in(text)
        own = self.entries(text_lang)
        if text_lang == reader_lang:
            return tuple(own[t] for t in terms if t in own)
        paired = self.by_pair(reader_lang)
        out = []
        for t in terms:
            g = paired.get(t.lower())
            if g is not None:
                out.append(Gloss(g.term, g.definition, g.lay, g.kind, g.lang, g.source, g.pair, t))
        return tuple(dict.fromkeys(out))
