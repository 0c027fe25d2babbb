"""A search query taken apart: cleaned text, tokens with their stems in the languages each word can belong to, corrections."""

from __future__ import annotations

from dataclasses import dataclass, field

from nosology.search.equivalents import GENERIC_WORDS, WEAK_WEIGHT, WEAK_WORDS
from nosology.search.normalise import MAX_TOKENS, Tokenizer, fold
from nosology.search.stemming import Stemmers
from nosology.search.typos import Vocabulary

__all__ = ["CORRECTED_WEIGHT", "ParsedQuery", "QueryToken", "parse_query"]

# A corrected word counts a little less than a word typed right: exact spellings win ties.
CORRECTED_WEIGHT = 0.8
MIN_STEM_PREFIX = 5
RARE_DF = 300  # known words rarer than this may still be typos of a common word
MAX_GUESSED = 4  # a query of more words than this, none of them known as typed, is not a typo but gibberish


@dataclass(frozen=True)
class QueryToken:
    word: str  # as typed, folded
    stems: frozenset[str]  # what it matches in the index (its languages' stems, or its corrections)
    weight: float
    known: bool  # present in the index (as typed, corrected or expanded)
    df: int  # document frequency of its commonest stem: rare words are the selective ones
    corrected: tuple[str, ...] = ()
    extra: frozenset[str] = frozenset()  # equivalent forms, matched with EXPANSION_WEIGHT
    generic: bool = False  # a generic word (GENERIC_WORDS): it never carries a match by itself

    @property
    def any_stems(self) -> frozenset[str]:
        return self.stems | self.extra


@dataclass(frozen=True)
class ParsedQuery:
    text: str  # cleaned, as shown back to the user
    tokens: list[QueryToken]
    lang: str  # the language asked for, else the one the text looks written in, else the default
    translated: bool  # that language is not the official one: its titles get the language bonus
    tokenize: Tokenizer
    corrections: dict[str, str] = field(default_factory=dict)  # word -> correction used for matching
    spelling: dict[str, str] = field(default_factory=dict)  # word -> likely spelling, for display

    @property
    def usable(self) -> list[QueryToken]:
        return [t for t in self.tokens if t.known]

    @property
    def distinctive(self) -> list[QueryToken]:
        """The words that say what the query is about: neither generic nor connecting words. A
        query of generic words only ("pain") has none, and its words then count as distinctive."""
        return [t for t in self.tokens if not t.generic and t.weight > WEAK_WEIGHT]

    @property
    def gibberish(self) -> bool:
        """More words than a typo explains, none of them known as typed: no spelling to suggest."""
        distinctive = self.distinctive
        return len(distinctive) > MAX_GUESSED and not any(t.known and not t.corrected for t in distinctive)

    @property
    def off_topic(self) -> bool:
        """Every distinctive word is unknown, or most of them are (gibberish corrected into random
        words): nothing can match what the query is about, so the answer is no result."""
        distinctive = self.distinctive
        if not distinctive:
            return False
        known = [t for t in distinctive if t.known and not t.corrected]
        corrected = [t for t in distinctive if t.known and t.corrected]
        return not known and (not corrected or len(corrected) * 2 < len(distinctive) or self.gibberish)

    def corrected_text(self) -> str | None:
        """The query with its unknown words replaced by their best correction, when there were any."""
        fixes = self.spelling | self.corrections
        if not fixes:
            return None
        words = self.text.split()
        out = []
        for w in words:
            key = " ".join(self.tokenize(w, keep_stop_words=True))
            out.append(fixes.get(key, w))
        return " ".join(out)


def parse_query(text: str, lang: str | None, stemmers: Stemmers, vocabulary: Vocabulary, *, second_look: bool = False) -> ParsedQuery:
    """Tokens with their stems; unknown words corrected. ``second_look`` (when the first search found
    little) also offers corrections for rare known words that look like a typo of a common one
    ("migrane" is a rare word, "migraine" a common one), as alternatives of lower weight.

    ``lang`` (a registered language code, or None for any) only weighs results toward titles in
    that language; every word still matches in every language it belongs to."""
    languages = stemmers.languages
    # People mix languages in one query (the French site, an English term): stop words of any
    # registered language are dropped, whatever ``lang`` says.
    tokenize = Tokenizer.of(languages)
    words = tokenize(text)[:MAX_TOKENS]

    def stems_of(word: str) -> frozenset[str]:
        return stemmers.across(word, vocabulary.languages_of(word))

    out: list[QueryToken] = []
    corrections: dict[str, str] = {}
    spelling: dict[str, str] = {}  # shown as "did you mean", whether or not matching used it
    for word in dict.fromkeys(words):  # a repeated word counts once
        if word not in vocabulary.words:
            _suggest_spelling(word, stemmers, vocabulary, spelling)
        weight = WEAK_WEIGHT if word in WEAK_WORDS else 1.0
        generic = word in GENERIC_WORDS
        stems = stems_of(word)
        extra = frozenset(s for w in vocabulary.equivalents.get(word, ()) for s in stems_of(w)) - stems
        extra = frozenset(s for s in extra if s in vocabulary.stems)
        # the same word family with a longer stem: "ossif" (ossification) also finds "ossifican" (ossificans)
        extra |= frozenset(e for st in stems if len(st) >= MIN_STEM_PREFIX for e in vocabulary.extensions(st)) - stems
        if vocabulary.knows(word, stems):
            df = vocabulary.df(stems | extra)
            if second_look and df < RARE_DF:
                fixes = [f for f in vocabulary.corrections(word) if f.df >= 3 * max(df, 1)]
                if fixes:
                    corrections[word] = fixes[0].word
                    extra |= frozenset(s for f in fixes for s in stems_of(f.word)) - stems
            out.append(QueryToken(word, stems, weight, True, df, extra=extra, generic=generic))
            continue
        # an unknown inflection ("ossified") meets its family through a shorter known stem ("ossif")
        extra |= _stem_prefixes(stems, vocabulary)
        extra |= frozenset(e for st in extra.copy() if len(st) >= MIN_STEM_PREFIX for e in vocabulary.extensions(st)) - stems
        if extra:
            out.append(QueryToken(word, stems, weight, True, vocabulary.df(extra), extra=extra, generic=generic))
            continue
        fixes = vocabulary.corrections(word)
        fixes = [f for f in fixes if f.df * 4 >= fixes[0].df] if fixes else []
        if not fixes:
            out.append(QueryToken(word, stems, weight, False, 0, generic=generic))
            continue
        fixed_stems = frozenset(s for f in fixes for s in stems_of(f.word))
        corrections[word] = fixes[0].word
        out.append(QueryToken(word, fixed_stems, weight * CORRECTED_WEIGHT, True, vocabulary.df(fixed_stems), tuple(f.word for f in fixes),
                              generic=generic))
    wanted = languages.of_query(lang, text, fold(text).split())  # function words count here
    return ParsedQuery(text, out, wanted, wanted != languages.default.code, tokenize, corrections, spelling)


def _suggest_spelling(word: str, stemmers: Stemmers, vocabulary: Vocabulary, corrections: dict[str, str]) -> None:
    """A word never seen as typed may still match through its stem ("heterotopik" shares the French
    stem of "hétérotopique"); the user is still shown the spelling one letter away, unless that is
    only another inflection of the same word."""
    fixes = vocabulary.corrections(word, limit=1)
    if fixes and fixes[0].distance == 1 and fixes[0].df >= 5 and stemmers.across(fixes[0].word).isdisjoint(stemmers.across(word)):
        corrections[word] = fixes[0].word


def _stem_prefixes(stems: frozenset[str], vocabulary: Vocabulary) -> frozenset[str]:
    found = set()
    for stem in stems:
        # only an inflection's worth (one or two letters) is cut: "ossifi" -> "ossif"
        for end in range(len(stem) - 1, max(MIN_STEM_PREFIX, len(stem) - 2) - 1, -1):
            if stem[:end] in vocabulary.stems:
                found.add(stem[:end])
                break
    return frozenset(found)
