"""Readability of an article's prose: Flesch-Kincaid grade (English) and Kandel-Moles ease (French).

Articles are written for a reader aged about 12; these figures are how we check it. Both formulas
count sentences, words and syllables; syllables are estimated from vowel groups, which is what the
published formulas were calibrated with (no dictionary is needed). The formula of each language is
data in ``FORMULAS`` so a new language adds an entry here, not a branch elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from markdown_it import MarkdownIt

__all__ = ["FORMULAS", "Readability", "measure", "prose_text"]

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)|\n\s*\n")


@dataclass(frozen=True)
class Formula:
    name: str
    vowels: str
    # (words per sentence, syllables per word) -> score
    score: Callable[[float, float], float]
    target: str  # what a reader aged about 12 needs, in words


FORMULAS: dict[str, Formula] = {
    "en": Formula("Flesch-Kincaid grade", "aeiouy", lambda wps, spw: 0.39 * wps + 11.8 * spw - 15.59, "grade <= 9"),
    # Kandel & Moles (1958), Flesch's reading ease recalibrated for French: higher is easier.
    "fr": Formula("Kandel-Moles ease", "aeiouyàâäéèêëîïôöùûüœæ", lambda wps, spw: 207 - 1.015 * wps - 73.6 * spw, "ease >= 50"),
}


@dataclass(frozen=True)
class Readability:
    lang: str
    formula: str
    score: float
    sentences: int
    words: int
    syllables: int
    target: str


def _syllables(word: str, vowels: str) -> int:
    lower = word.lower()
    groups = re.findall(f"[{vowels}]+", lower)
    count = len(groups)
    # A silent final e ("make", "grande") is not a syllable in either language.
    if count > 1 and lower.endswith("e") and not lower.endswith(("le", "ée")):
        count -= 1
    return max(count, 1)


def prose_text(markdown: str) -> str:
    """The readable prose of a Markdown body: paragraphs, list items and table cells, one block per
    paragraph; headings, code and link targets left out."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    blocks: list[str] = []
    for n, token in enumerate(tokens):
        if token.type != "inline" or (n > 0 and tokens[n - 1].type == "heading_open"):
            continue
        text = "".join(" " if child.type in {"softbreak", "hardbreak"} else child.content
                       for child in token.children or [] if child.type in {"text", "softbreak", "hardbreak", "code_inline"})
        text = text.strip()
        if text:
            # A list item or a table cell without a final stop is still a sentence of its own.
            blocks.append(text if text[-1] in ".!?" else text + ".")
    return "\n\n".join(blocks)


def measure(markdown: str, lang: str) -> Readability:
    """Readability of ``markdown`` written in ``lang`` (raises KeyError for a language without a formula)."""
    formula = FORMULAS[lang]
    text = prose_text(markdown)
    words = _WORD.findall(text)
    sentences = max(len([s for s in _SENTENCE_END.split(text) if _WORD.search(s)]), 1)
    syllables = sum(_syllables(w, formula.vowels) for w in words)
    n_words = max(len(words), 1)
    score = formula.score(n_words / sentences, syllables / n_words)
    return Readability(lang, formula.name, round(score, 1), sentences, len(words), syllables, formula.target)
