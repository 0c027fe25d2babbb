"""When a lay word must not take a term's place in a title: the checks the rewrite asks before it
puts "broken bone" for "fracture" or "kneecap" for "patella" (a body part named with its own
qualifier, a name in Latin, a list whose words share one head, a compound)."""

from __future__ import annotations

from nosology.glossary.matching import Match, Matcher
from nosology.glossary.reader import Gloss
from nosology.glossary.spans import is_inflection
from nosology.glossary.spans import tokens as _tokens

__all__ = ["LayGuards"]


class LayGuards:
    """Mixed into the rewriter, whose data these read."""

    matcher: Matcher
    entries: dict[str, Gloss]
    keep: set[tuple[str, ...]]
    adjectives: tuple[str, ...]
    derive_heads: set[str]
    side_joins: frozenset[str]
    latin: tuple[str, ...]

    def _qualified(self, title: str, m: Match, taken: list[tuple[int, int]]) -> bool:
        """True when a word that is no function word stands right before ``m`` ("tibial spine"),
        and no rewrite took it out."""
        before = [t for t in _tokens(title[: m.start]) if not any(s <= t[0] < e for s, e in taken)]
        if not before or title[before[-1][1] : m.start].strip(" " if not any(s < m.start <= e for s, e in taken) else " ,"):
            return False
        word = before[-1][2]
        return word.lower() not in self.matcher.language.stop_words or word.isupper()  # "Zone I fracture"

    def _qualifies_a_glossed_head(self, title: str, m: Match) -> bool:
        """False when the qualifier ``m`` is part of a name or a list whose other words stay
        official, so its lay word would mix with them: joined by "and"/"or" to another modifier
        ("conductive and sensorineural deafness"), or before a body part that itself qualifies a
        noun ("acute chest syndrome": a name, no sudden chest)."""
        tokens = _tokens(title)
        at = next((n for n, t in enumerate(tokens) if t[0] == m.start), None)
        end = next((n for n, t in enumerate(tokens) if t[1] == m.end), None)
        if at is None or end is None or end + 1 >= len(tokens):
            return True
        joins = self.side_joins
        if (at > 0 and tokens[at - 1][2].lower() in joins) or tokens[end + 1][2].lower() in joins:
            return False
        head = next((h for h in self.matcher.find(title)[1] if h.start == tokens[end + 1][0]), None)
        entry = self.entries.get(head.term) if head is not None else None
        if head is None or entry is None or entry.kind != "anatomy" or entry.definition.lower().startswith(self.adjectives) \
                or not is_inflection(title[head.start : head.end], head.term):
            return True  # an adjective ("pulmonary": "Of the lungs") before its noun is no name
        after = [t for t in tokens if t[0] >= head.end]
        if not after or title[head.end : after[0][0]].strip():
            return True  # "acute abdomen", "chronic …, knee"
        return after[0][2].lower() in self.matcher.language.stop_words

    def _second_of_a_list(self, title: str, m: Match) -> bool:
        """True when "and"/"or" joins a modifier to ``m`` ("conductive and sensorineural hearing
        loss"): the modifier qualifies the official words, and a lay word would leave it dangling."""
        before = _tokens(title[: m.start])
        if len(before) < 2 or before[-1][2].lower() not in self.side_joins or title[before[-1][1] : m.start].strip():
            return False
        if " " not in m.term or before[-2][2].lower() in self.matcher.language.stop_words:
            return False  # "tibia and fibula": two things, each may take its lay word
        found = self.matcher.terms_in(before[-2][2])
        return not found or getattr(self.entries.get(found[0]), "kind", "") == "qualifier"

    def _named_in_latin(self, title: str, m: Match) -> bool:
        """True when a Latin word follows ``m`` ("erythema marginatum", "alopecia totalis"): one
        name, which a lay word in front would break ("Redness marginatum"); ``latin_endings``."""
        word = _word_after(title, m)
        if not self.latin or word is None:
            return False
        if getattr(self.entries.get(m.term), "kind", "") != "condition":
            return False  # "congenital leukonychia": a qualifier before a Latin head is no name
        return word.lower().endswith(self.latin) and not self.matcher.terms_in(word.lower())

    def _derivable(self, m: Match) -> bool:
        """True when the term's last word names what its kinds are ("fracture"): a "dome fracture"
        is a broken bone, a "ligneous conjunctivitis" no pink eye (``derive_heads``)."""
        last = self.matcher.key(m.term)[-1:]
        return bool(last) and last[0] in self.derive_heads and self.matcher.key(m.term.split()[-1]) not in self.keep

    def _names_a_site(self, title: str, start: int, gone: list[tuple[int, int]]) -> bool:
        """True when the word before ``start`` is a body part ("ocular", "renal"): it changes what
        a condition's lay word would say."""
        before = [t for t in _tokens(title[:start]) if not any(s <= t[0] < e for s, e in gone)]
        found = self.matcher.terms_in(before[-1][2]) if before else []
        return bool(found) and getattr(self.entries.get(found[0]), "kind", "") == "anatomy"

    def _compound(self, title: str, m: Match) -> bool:
        """True when a word that is no function word follows ``m`` ("olecranon process"): the lay
        word would split a compound name."""
        word = _word_after(title, m)
        return word is not None and word.lower() not in self.matcher.language.stop_words


def _word_after(title: str, m: Match) -> str | None:
    """The word right after ``m``, when only a space separates them (no comma, no bracket)."""
    after = _tokens(title[m.end :])
    if not after or title[m.end : m.end + after[0][0]].strip():
        return None
    return after[0][2]
