"""The sentence pieces of a language's plain summaries (``phrases/<lang>.tsv``: key, text) and a
matcher for the coding-convention words that add a clause of their own."""

from __future__ import annotations

from importlib import resources

from nosology.glossary.matching import Matcher
from nosology.languages import Languages

__all__ = ["Pieces", "load_phrases"]


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


class Pieces:
    """One language's phrases, and a matcher for the convention words that add a clause."""

    def __init__(self, languages: Languages, lang: str) -> None:
        self.lang = lang
        self.phrases = load_phrases(lang)
        clauses = [k[len("clause:") :] for k in self.phrases if k.startswith("clause:")]
        self.starts = {c[1:]: self.phrases[f"clause:{c}"] for c in clauses if c.startswith("^")}
        # "status$": only as the title's last word ("Liver transplant status", not "status epilepticus")
        ends = {c[:-1]: self.phrases[f"clause:{c}"] for c in clauses if c.endswith("$")}
        self.anywhere = {c: self.phrases[f"clause:{c}"] for c in clauses if not c.startswith("^") and not c.endswith("$")}
        self.matcher = Matcher(languages.get(lang), self.anywhere)
        self.start_keys = {self.matcher.key(c): text for c, text in self.starts.items()}
        self.end_keys = {self.matcher.key(c): text for c, text in ends.items()}

    def convention_terms(self, title: str) -> list[str]:
        """The convention terms of ``title`` as its phrases write them ("^other" at the start)."""
        out = list(self.matcher.terms_in(title))
        words = self.matcher.words(title)
        first = (words[0].stem,) if words else ()
        said = {self.matcher.key(t)[:1] for t in out}
        start = next((c for c in self.starts if self.matcher.key(c) == first), None)
        if start is not None and first not in said:
            out.insert(0, "^" + start)
        return out

    def clauses(self, title: str) -> list[str]:
        out = [self.anywhere[t] for t in self.matcher.terms_in(title)]
        words = self.matcher.words(title)
        first = (words[0].stem,) if words else ()
        said = {self.matcher.key(t)[:1] for t in self.matcher.terms_in(title)}
        if first in self.start_keys and first not in said:  # "Other specified" has its own clause
            out.insert(0, self.start_keys[first])
        last = (words[-1].stem,) if words else ()
        if last in self.end_keys:
            out.append(self.end_keys[last])
        return list(dict.fromkeys(out))
