"""The glossary rules that need the classification: no two terms with the same stems, every term
occurs in a title or note of its language (or, for a paired term, its English pair in an ICD-10-CM
title or note), a ``pair`` names an English term."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from nosology.glossary.entries import GlossaryEntry, GlossaryError
from nosology.glossary.matching import Matcher

__all__ = ["check_glossary", "occurring_keys"]


def occurring_keys(matcher: Matcher, texts: Iterable[str]) -> set[tuple[str, ...]]:
    """The terms' stem keys that occur as consecutive words in at least one of ``texts``."""
    keys, prefixes = matcher.keys, matcher.prefixes
    seen: set[tuple[str, ...]] = set()
    for text in set(texts):
        stems = [w.stem for w in matcher.words(text)]
        for i in range(len(stems)):
            for n in range(1, len(stems) - i + 1):
                key = tuple(stems[i : i + n])
                if key not in prefixes:
                    break
                if key in keys:
                    seen.add(key)
    return seen


def check_glossary(
    entries: Mapping[str, Sequence[GlossaryEntry]],
    matchers: Mapping[str, Matcher],
    texts: Mapping[str, Iterable[str]],
    default_lang: str,
) -> None:
    """Raise :class:`GlossaryError` naming file and line of the first entry that breaks a rule."""
    english = {e.term.lower() for e in entries.get(default_lang, ())}
    # an entry paired with an English term occurs where its pair does: it says in its language a
    # word of the ICD-10-CM titles that CIM-10 never writes ("fracture spiroïde" for "spiral fracture")
    texts = {lang: list(t) for lang, t in texts.items()}  # read twice: as given (generators) and for the pairs
    default_matcher = matchers[default_lang]
    english_found = occurring_keys(default_matcher, texts.get(default_lang, ()))
    for lang, rows in entries.items():
        matcher = matchers[lang]
        for term, earlier in matcher.clashes:
            first = next(e for e in rows if e.term == earlier)
            second = [e for e in rows if e.term == term][-1]
            raise GlossaryError(f"{second.where}: {term!r} duplicates {earlier!r} ({first.where}): same words once stemmed")
        for e in rows:
            if not matcher.key(e.term):
                raise GlossaryError(f"{e.where}: {e.term!r} has no words once stop words are removed")
            if e.pair and e.pair.lower() not in english:
                raise GlossaryError(f"{e.where}: pair {e.pair!r} of {e.term!r} is not an English glossary term")
        found = english_found if lang == default_lang else occurring_keys(matcher, texts.get(lang, ()))
        for e in rows:
            paired = bool(e.pair) and lang != default_lang and default_matcher.key(e.pair) in english_found
            if matcher.key(e.term) not in found and not paired:
                raise GlossaryError(f"{e.where}: {e.term!r} occurs in no title or note of the classification ({lang})")
