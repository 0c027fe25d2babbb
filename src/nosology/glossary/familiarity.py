"""How familiar a word is to a general reader: the Zipf frequency of the glossary's terms and words
in general text (``familiarity/<lang>.tsv``, written by ``scripts/word_familiarity.py`` from
wordfreq 3.1.1). A plain summary explains a title's rarest words and leaves everyday ones ("knee",
"infection") alone; the figure decides, so no list of easy words is kept by hand."""

from __future__ import annotations

import re
from importlib import resources

__all__ = ["Familiarity"]

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


class Familiarity:
    """The figures of one language (empty when it has none: every term then counts as rare)."""

    def __init__(self, figures: dict[str, float]) -> None:
        self.figures = figures

    @classmethod
    def load(cls, lang: str) -> Familiarity:
        path = resources.files("nosology.glossary").joinpath("familiarity", f"{lang}.tsv")
        if not path.is_file():
            return cls({})
        figures: dict[str, float] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            text, _, zipf = line.partition("\t")
            if line.startswith("#") or not zipf or text == "text":
                continue
            figures[text] = float(zipf)
        return cls(figures)

    def zipf(self, term: str) -> float:
        """The term's figure; a term written after the file was, the rarest of its words' figures;
        0 (rare) for words never measured, so that new jargon is explained rather than skipped."""
        low = term.lower()
        if low in self.figures:
            return self.figures[low]
        words = _WORD.findall(low)
        return min((self.figures.get(w, 0.0) for w in words), default=0.0)
