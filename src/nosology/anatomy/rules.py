"""The term rules of the body figure: ``terms.tsv`` read once per process, compiled to one pattern.

The table holds term-level rules only (a word or phrase and the regions it names, with the
anatomical fact it relies on); no code is listed there, so every code is mapped from its own
words and its place in the classification.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.resources import files

from nosology.anatomy.regions import region

__all__ = ["Rule", "TermRules"]


@dataclass(frozen=True)
class Rule:
    pattern: str
    regions: tuple[str, ...]
    source: str

    @property
    def generic(self) -> bool:
        """A broad word ("leg", "femur", "spine") that counts only when nothing finer is named."""
        return self.source.startswith("generic")


class TermRules:
    """Finds the regions named in a text. Longer patterns are tried first, so "head of femur"
    (the hip) wins over "head" at the same place."""

    def __init__(self, rules: list[Rule]) -> None:
        for rule in rules:
            for r in rule.regions:  # "-" marks a phrase that names no site of the patient
                region(r)  # an unknown id is a typo in the table: fail at load, not on a page
        self.rules = sorted(rules, key=lambda r: -len(r.pattern))
        alternatives = "|".join(f"(?P<r{n}>{r.pattern})" for n, r in enumerate(self.rules))
        self._pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)

    @classmethod
    def load(cls) -> TermRules:
        text = files("nosology.anatomy").joinpath("terms.tsv").read_text(encoding="utf-8")
        rules = []
        for line in text.splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            pattern, regions, source = line.split("\t")
            rules.append(Rule(pattern, tuple(r for r in regions.split() if r != "-"), source))
        return cls(rules)

    def matches(self, text: str) -> list[Rule]:
        """The rules whose terms occur in ``text``, in the order they occur."""
        return [self.rules[int(str(m.lastgroup)[1:])] for m in self._pattern.finditer(text)]

    def regions_in(self, text: str) -> tuple[str, ...]:
        """The regions ``text`` names, first named first, each once."""
        matched = self.matches(text)
        fine = [rule for rule in matched if not rule.generic]
        # an overlay ("veins of lower extremities") places nothing: the broad word still counts
        if not any(not region(r).overlay for rule in fine for r in rule.regions):
            fine = matched
        found: list[str] = []
        for rule in fine:
            found.extend(r for r in rule.regions if r not in found)
        return tuple(found)
