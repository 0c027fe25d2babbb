"""Text normalisation shared by the index and the queries: one function decides what a token is.

Folding is lossy on purpose (case, accents, ligatures, punctuation), so that ``Hypothyroïdie``,
``hypothyroidie`` and ``HYPOTHYROÏDIE`` meet on the same token.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nosology.languages import Language, Languages

__all__ = [
    "MAX_TOKENS",
    "Tokenizer",
    "clean_query",
    "fold",
]

# A query longer than this many tokens is cut: nobody types more, and each token costs a lookup.
MAX_TOKENS = 24

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "’": "'", "‘": "'"})
_WORD = re.compile(r"[a-z0-9]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")
_SPACES = re.compile(r"\s+")

# Spelled-out numbers are read from the language registry (Language.number_words).


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


@dataclass(frozen=True)
class Tokenizer:
    """Turns text into the folded words search compares, for one language or, for a query whose
    language is unknown, for all of them at once.

    Stop words carry no meaning for matching; "without", "not", "sans" and "other" are not stop
    words, since they distinguish codes. A lone letter after a carrier word ("vitamin a", "hep a",
    "type i") is kept even when it is a stop word elsewhere: it names the thing.
    """

    stop_words: frozenset[str]
    carriers: frozenset[str]
    numbers: Mapping[str, str]

    @classmethod
    def of(cls, source: Language | Languages) -> Tokenizer:
        return cls(frozenset(source.stop_words), frozenset(source.letter_carriers), dict(source.number_words))

    def __call__(self, text: str, *, keep_stop_words: bool = False) -> list[str]:
        """The folded words of ``text`` (numbers spelled out become digits), stop words removed."""
        words = _words(text)
        numbers, stop, carriers = self.numbers, self.stop_words, self.carriers
        out: list[str] = []
        for n, word in enumerate(words):
            after_carrier = n > 0 and words[n - 1] in carriers
            if word == "i" and after_carrier:  # "type I" is a number; a lone "i" is the pronoun
                word = "1"
            if keep_stop_words or word not in stop or (after_carrier and len(word) == 1):
                out.append(numbers.get(word, word))
        return out
