"""Text normalisation shared by the index and the queries: one function decides what a token is.

Folding is lossy on purpose (case, accents, ligatures, punctuation), so that ``Hypothyroïdie``,
``hypothyroidie`` and ``HYPOTHYROÏDIE`` meet on the same token.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "MAX_TOKENS",
    "NUMBER_WORDS",
    "STOP_WORDS",
    "clean_query",
    "fold",
    "looks_french",
    "tokens",
]

# A query longer than this many tokens is cut: nobody types more, and each token costs a lookup.
MAX_TOKENS = 24

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "’": "'", "‘": "'"})
_WORD = re.compile(r"[a-z0-9]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")
_SPACES = re.compile(r"\s+")

# Words that carry no meaning for matching, in both languages. "without", "not", "sans" and "other"
# stay: they distinguish codes ("without complication", "other appendicitis").
STOP_WORDS: frozenset[str] = frozenset(
    ["a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "from", "by", "with", "as", "is", "are", "be", "was", "my", "me", "i", "it", "its", "this", "that", "into", "near", "onto", "upon", "per", "via", "than", "then", "le", "la", "les", "l", "de", "du", "des", "d", "et", "ou", "en", "au", "aux", "un", "une", "par", "pour", "sur", "dans", "avec", "chez", "se", "sa", "son", "ses", "ce", "cette", "qui", "que", "est"]
)
# French accents or articles that English never uses: a hint, never a filter.
_FRENCH_HINTS: frozenset[str] = frozenset(["le", "la", "les", "l", "du", "des", "d", "et", "ou", "au", "aux", "une", "par", "pour", "sur", "dans", "avec", "chez", "sans"])
_FRENCH_LETTERS = re.compile(r"[éèêëàâîïôûùüçœ]", re.IGNORECASE)

# Spelled-out numbers people use for types and stages ("diabetes type one", "type II").
NUMBER_WORDS: dict[str, str] = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
    "deux": "2", "trois": "3", "quatre": "4", "cinq": "5",
    "ii": "2", "iii": "3",
}


def clean_query(text: str, max_chars: int) -> str:
    """What the user meant to type: no control characters, single spaces, at most ``max_chars``."""
    text = _CONTROL.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    return text[:max_chars].strip()


def fold(text: str) -> str:
    """Lower case, no accents, ligatures expanded, anything not a letter or digit becomes a space."""
    return " ".join(_words(text))


def _words(text: str) -> list[str]:
    if not text.isascii():  # English titles skip the costly Unicode decomposition
        text = text.replace("›", " ")  # the Alphabetic Index's path separator: its paths stay ASCII
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _WORD.findall(text.lower())


def tokens(text: str, *, keep_stop_words: bool = False) -> list[str]:
    """The folded words of ``text`` (numbers spelled out become digits), stop words removed."""
    words = _words(text)
    if "i" in words:  # "type I" is a number; a lone "i" is the English pronoun
        words = ["1" if w == "i" and n and words[n - 1] == "type" else w for n, w in enumerate(words)]
    numbers = NUMBER_WORDS
    if keep_stop_words:
        return [numbers.get(w, w) for w in words]
    stop = STOP_WORDS
    return [numbers.get(w, w) for w in words if w not in stop]


def looks_french(text: str) -> bool:
    """A guess from accents and French function words; used to prefer French titles, never to filter."""
    if _FRENCH_LETTERS.search(text):
        return True
    return any(w in _FRENCH_HINTS for w in fold(text).split())
