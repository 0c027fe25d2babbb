"""A title rewritten in plain words: the glossary's lay words in place of the official ones (the
official word kept once in brackets for conditions and single-word body parts, so a reader can
still match it to the record), an article before a body part, and the words that a clause says
better taken out of the head: the side ("left", "bilateral", "unspecified knee") and the
qualifiers listed in the phrases ("displaced" -> "where the pieces have moved out of line").

What words are removed, kept or articled is data of the language (``phrases/<lang>.tsv``):

- ``side_words``: the words of a side, removed from the head when a side clause says it, with
  the ``side_nouns`` after them ("left side");
- ``qualifier:<term>``: a clause that replaces the qualifier ``term`` of the head (written as
  such, not an inflection: "displacement" is no "displaced"), and ``qualifier_needs:<term>``
  the words the title must hold for it ("fracture": the pieces of a displaced bone);
- ``lay_kinds``: the kinds whose lay word is used; ``lay_after_kinds``: those whose lay word
  goes in brackets after the official word rather than in its place (where agreement would
  break: "du pharynx" cannot become "du gorge");
- ``keep``: terms whose official word is as plain as its lay word ("injury", not "hurt");
- ``article`` and ``article_after``: the article put before a body part after one of those words
  ("of the knee");
- ``segment:<text>``: a last comma part said as a clause (", assault");
- ``leading:<words>``: first words said as a clause when a condition follows ("Unspecified");
- ``site_lead``: put before a last comma part that is only a body part ("in the");
- ``derive_heads``: the last words of a condition whose kinds keep its lay word ("dome fracture" is
  a broken bone; "ligneous conjunctivitis" is no pink eye, "late vomiting" more than throwing up);
- ``dangling``: words that cannot end the head once the words after them are gone ("… of").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nosology.glossary import spans
from nosology.glossary.lay_guards import LayGuards
from nosology.glossary.matching import Match, Matcher, Word
from nosology.glossary.reader import Gloss
from nosology.glossary.spans import after_space, apply_edits, hyphened, in_brackets, is_inflection
from nosology.glossary.spans import tokens as _tokens

__all__ = ["BRACKETED_KINDS", "LAY_KINDS", "Rewrite", "Rewriter"]

# Kinds whose lay word replaces the official one; a qualifier's lay word is an adjective that takes
# its place silently, the others keep the official word once in brackets ("collarbone (clavicle)").
LAY_KINDS = ("condition", "anatomy", "organism", "substance", "procedure", "qualifier")
BRACKETED_KINDS = frozenset({"condition", "anatomy", "organism", "substance", "procedure"})
_SPACES = re.compile(r"\s{2,}")
_EMPTY_COMMA = re.compile(r"\s*,\s*(?=,|$)|^\s*,\s*")
_SPACE_COMMA = re.compile(r"\s+,")


@dataclass(frozen=True)
class Rewrite:
    head: str
    clauses: tuple[tuple[str, str], ...]  # (phrase key, text): what the first words said, then the other qualifiers
    leading: int  # how many of ``clauses`` come from the first words (a side clause follows them)
    side_dropped: bool  # the head no longer names the side: a side clause must say it
    side_said: bool = False  # the head names it again where a body part is said as a place ("in the left eye")

    @property
    def texts(self) -> list[str]:
        return [text for _, text in self.clauses]

    @property
    def keys(self) -> list[str]:
        return [key for key, _ in self.clauses]


class Rewriter(LayGuards):
    """Rewrites titles of one language. Stateless apart from its data; thread-safe."""

    def __init__(self, matcher: Matcher, entries: dict[str, Gloss], phrases: dict[str, str]) -> None:
        self.matcher = matcher
        self.entries = entries
        self.side_words = frozenset(phrases.get("side_words", "").split())
        self.side_joins = frozenset(phrases.get("side_joins", "").split())
        self.side_nouns = frozenset(phrases.get("side_nouns", "").split())
        self.unspecified_side = frozenset(phrases.get("unspecified_side_words", "").split())
        self.keep = {matcher.key(t) for t in phrases.get("keep", "").split("|") if t.strip()}
        self.article = phrases.get("article", "")
        self.article_after = frozenset(phrases.get("article_after", "").split())
        self.qualifiers = {matcher.key(k[len("qualifier:") :]): (k, v) for k, v in phrases.items() if k.startswith("qualifier:")}
        self.qualifier_needs = {matcher.key(k[len("qualifier_needs:") :]): set(matcher.key(v)) for k, v in phrases.items()
                                if k.startswith("qualifier_needs:")}
        self.dangling = frozenset(phrases.get("dangling", "").split())
        self.adjectives = tuple(p for p in phrases.get("explain_of_prefix", "").split("|") if p)  # "Of the lungs"
        self.site_lead = phrases.get("site_lead", "")
        self.site_side_words = frozenset(phrases.get("site_side_words", "").split())
        self.segments = {k[len("segment:") :].lower(): (k, v) for k, v in phrases.items() if k.startswith("segment:")}
        self.leading = {matcher.key(k[len("leading:") :]): (k, v) for k, v in phrases.items() if k.startswith("leading:")}
        self.derive_heads = {s for w in phrases.get("derive_heads", "").split() for s in matcher.key(w)}
        self.not_modifiers = frozenset(phrases.get("not_modifiers", "").split())
        self.kinds = frozenset(phrases.get("lay_kinds", " ".join(LAY_KINDS)).split())
        self.after = frozenset(phrases.get("lay_after_kinds", "").split())
        self.plural = spans.plural_rules(phrases.get("lay_plural", ""))
        self.latin = tuple(phrases.get("latin_endings", "").split())
        # the first words of the names ("Salter-Harris", "Monteggia's fracture"): they keep their capital
        self.name_starts = frozenset(t.lower().split(" ", 1)[0] for t in entries if t[:1].isupper())

    def rewrite(self, title: str, side: str | None, lay: bool = True) -> Rewrite:
        """``title`` rewritten; with ``lay`` False, only the words the clauses say are taken out."""
        words, matches = self.matcher.find(title)
        edits: list[tuple[int, int, str]] = []  # (start, end, replacement) over ``title``
        clauses: list[tuple[str, str]] = []
        present = {w.stem for w in words}
        for m in matches:
            key = tuple(w.stem for w in words[m.first : m.last + 1])
            exact = self.matcher.key(title[m.start : m.end]) == key and title[m.start : m.end].lower() == m.term.lower()
            needs = self.qualifier_needs.get(key, set())
            if key in self.qualifiers and exact and needs <= present and not in_brackets(title, m.start) and not hyphened(title, m):
                clauses.append(self.qualifiers[key])
                edits.append((m.start, after_space(title, m.end), ""))
        removed: set[int] = set()  # starts of the side words taken out
        if side in {"left", "right", "bilateral"}:
            tokens = _tokens(title)
            for n, w in enumerate(tokens):
                if w[2].lower() in self.side_words and not in_brackets(title, w[0]):
                    after = tokens[n + 1] if n + 1 < len(tokens) else None
                    end = after[1] if after is not None and after[2].lower() in self.side_nouns else w[1]  # "left side"
                    edits.append((w[0], after_space(title, end), ""))
                    removed.add(w[0])
        elif side == "unspecified":
            removed |= self._drop_unspecified_side(title, matches, edits)
        clauses.extend(self._segment(title, edits))
        first = self._leading(title, words, matches, edits)
        clauses[:0] = first
        if not lay:
            return Rewrite(self._tidy(apply_edits(title, edits)), tuple(dict.fromkeys(clauses)), len(first), bool(removed))
        restored = self._site_segments(title, matches, edits, removed)
        said = " ".join(w.folded for w in words)
        used: set[str] = set()
        conditions_first = sorted(matches, key=lambda m: (getattr(self.entries.get(m.term), "kind", "") != "condition", m.start))
        for m in conditions_first:
            taken = [(s, e) for s, e, _ in edits if e > s]
            if any(s <= m.start < e for s, e in taken) or in_brackets(title, m.start) or hyphened(title, m):
                continue
            gone = [(s, e) for s, e, text in edits if e > s and not text]  # words taken out, not rewritten
            edit = self._lay(title, m, self.entries.get(m.term), said, removed, taken, gone)
            # "stricture and stenosis" are two words for narrowing: the lay word is said once
            lay_said = edit[2].split(" (", 1)[0].strip().lower() if edit is not None and " (" in edit[2] else ""
            if edit is not None and not (lay_said and lay_said in used):
                edits.append(edit)
                used.add(lay_said)
        head = apply_edits(title, edits)
        return Rewrite(self._tidy(head), tuple(dict.fromkeys(clauses)), len(first), bool(removed), bool(removed) and restored == removed)

    def names_a_side(self, title: str) -> bool:
        """True when a side word of ``title`` is used as one: before a body part or its qualifier
        ("left knee", "right upper quadrant"), before "side", at the end of a comma part ("…, left")
        or joined to another side ("left and right"); not "accidentally left in body"."""
        tokens = _tokens(title)
        starts = {m.start: getattr(self.entries.get(m.term), "kind", "") for m in self.matcher.find(title)[1]}
        for n, (_, end, text) in enumerate(tokens):
            if text.lower() not in self.side_words:
                continue
            after = tokens[n + 1] if n + 1 < len(tokens) else None
            if after is None or title[end : after[0]].strip() or after[2].lower() in self.side_nouns | self.side_words:
                return True
            if starts.get(after[0]) in {"anatomy", "qualifier"} or after[2].lower() in self.side_joins:
                return True
        return False

    def _tidy(self, text: str) -> str:
        """Spaces, commas and a dangling last word ("… of") left by the removed words."""
        text = _SPACES.sub(" ", text).strip()
        text = _EMPTY_COMMA.sub("", text).strip(" ,")
        text = _SPACE_COMMA.sub(",", text)
        last = text.rsplit(" ", 1)
        if len(last) == 2 and last[1].lower() in self.dangling:
            text = last[0].strip(" ,")
        return text[:1].upper() + text[1:]

    def _segment(self, title: str, edits: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
        """Comma parts the phrases say as a clause (", assault" -> "caused on purpose by …")."""
        out = []
        for m in re.finditer(r", ([^,]+)", title):
            said = self.segments.get(m.group(1).lower())
            if said is not None and not in_brackets(title, m.start()):
                edits.append((m.start(), m.end(), ""))
                out.append(said)
        if not out:  # "Poisoning by methamphetamines intentional self-harm": the title lost its comma
            for text, said in self.segments.items():
                if " " in text and title.lower().endswith(" " + text) and not in_brackets(title, len(title) - len(text)):
                    edits.append((len(title) - len(text) - 1, len(title), ""))
                    out.append(said)
                    break
        return out

    def _leading(self, title: str, words: list[Word], matches: list[Match], edits: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
        """A first word that qualifies the condition ("Unspecified fracture", "Other osteonecrosis")
        said as a clause, when a condition follows it."""
        for length in (2, 1):
            key = tuple(w.stem for w in words[:length])
            if len(words) <= length or key not in self.leading:
                continue
            following = next((m for m in matches if m.first >= length and getattr(self.entries.get(m.term), "kind", "") != "qualifier"), None)
            entry = self.entries.get(following.term) if following is not None else None
            if entry is None or entry.kind != "condition":
                return []
            edits.append((0, words[length].start, ""))
            return [self.leading[key]]
        return []

    def _site_segments(self, title: str, matches: list[Match], edits: list[tuple[int, int, str]], removed: set[int]) -> set[int]:
        """A comma part that is only a body part reads as a place: ", knee" "in the knee", and
        ", left knee" "in the left knee" where the language puts that side word before the part
        (``site_side_words``); returns the starts of the side words so put back."""
        restored: set[int] = set()
        if not self.site_lead:
            return restored
        bounds = [m.end() for m in re.finditer(", ", title)]
        ends = [b - 2 for b in bounds[1:]] + [len(title)]
        for at, end in zip(bounds, ends, strict=False):
            if any(s <= at - 2 < e or s < at < e for s, e, _ in edits if e > s):
                continue
            inside = [m for m in matches if at <= m.start < end and m.start not in removed and is_inflection(title[m.start : m.end], m.term)]
            covered = {n for m in inside for n in range(m.start, m.end)}
            tokens = [(at + a, at + b) for a, b, _ in _tokens(title[at:end])]
            # "ankle and foot": two parts joined by the language's "and"/"or" are one place
            joins = {(a, b) for a, b in tokens if title[a:b].lower() in self.side_joins}
            if not inside or any(a not in removed and (a, b) not in joins and not all(n in covered for n in range(a, b)) for a, b in tokens):
                continue
            # a noun: ", meatal" is an adjective ("Of the meatus"), no place to be "in"
            last, first = self.entries.get(inside[-1].term), self.entries.get(inside[0].term)
            if any(e is not None and e.definition.lower().startswith(self.adjectives) for e in (last, first)):
                continue  # ", hematopoietic and related tissue" goes on a list, it is no place
            kinds = [getattr(self.entries.get(m.term), "kind", "") for m in inside]
            # a body part, with its qualifiers before it: ", lower leg" "in the lower leg"
            if kinds[-1] == "anatomy" and all(k in {"anatomy", "qualifier"} for k in kinds):
                if at in removed and title[at:].split(" ", 1)[0].lower() in self.site_side_words:
                    edits[:] = [x for x in edits if not (x[0] == at and not x[2])]  # "left" stays: "in the left eye"
                    restored.add(at)
                edits.append((at, at, self.site_lead + " "))
        return restored

    def _drop_unspecified_side(self, title: str, matches: list[Match], edits: list[tuple[int, int, str]]) -> set[int]:
        """Remove the last "unspecified" before a body part ("unspecified knee"): the side clause
        says it. Never the first word: "Unspecified intestinal obstruction" names no side."""
        for w in reversed(_tokens(title)):
            if w[2].lower() not in self.unspecified_side or w[0] == 0:
                continue
            # "unspecified lower leg": qualifiers may stand between the word and the body part
            after = [m for m in matches if m.start > w[1]]
            following = next((m for m in after if getattr(self.entries.get(m.term), "kind", "") != "qualifier"), None)
            entry = self.entries.get(following.term) if following is not None else None
            between = [m for m in after if following is not None and m.start < following.start]
            covered = sum(m.end - m.start for m in between)
            gap = title[w[1] : following.start].replace(" ", "") if following is not None else "x"
            qualifiers_only = len(gap) == covered - sum(title[m.start : m.end].count(" ") for m in between)
            if entry is not None and entry.kind == "anatomy" and qualifiers_only:
                edits.append((w[0], after_space(title, w[1]), ""))
                return {w[0]}
            return set()
        return set()

    def _lay(self, title: str, m: Match, entry: Gloss | None, said: str, removed: set[int],
             taken: list[tuple[int, int]], gone: list[tuple[int, int]]) -> tuple[int, int, str] | None:
        """The edit that puts the lay word of ``m`` in place (with its article), or None."""
        official = title[m.start : m.end]
        lay = self._lay_word(m, entry) if is_inflection(official, m.term) else None  # "testing" shares a stem with "testis"
        if entry is not None and entry.kind == "qualifier" and official.lower() != m.term.lower():
            lay = None  # "displacement" is not "out of place": a qualifier's lay word fits only its own form
        if entry is not None and entry.kind == "qualifier" and lay is not None and not self._qualifies_a_glossed_head(title, m):
            lay = None  # "acute chest syndrome" is a name, "conductive and sensorineural deafness" one list
        if entry is not None and entry.kind == "anatomy" and (self._qualified(title, m, gone) or self._compound(title, m)):
            lay = None  # "tibial spine" is no backbone: a body part named with its own qualifier stays as it is
        if lay is not None and (self._second_of_a_list(title, m) or self._named_in_latin(title, m)):
            lay = None  # "conductive and sensorineural hearing loss": one deafness, two kinds
        if lay is None or entry is None:
            return self._articled(title, m, entry, official, removed)
        lay = spans.plural_of(lay, official, m.term, self.plural, self.matcher.language.stop_words)
        lay_words = " ".join(w.folded for w in self.matcher.words(lay))
        if lay_words and lay_words in said:
            return None  # the title already says it in everyday words
        if entry.lay != lay and " " in m.term:
            # the head word's lay word ("fracture": broken bone) says less than the term: it follows,
            # "transverse fracture (broken bone)", rather than taking the kind of break out of the head
            return self._articled(title, m, entry, f"{official} ({lay})", removed)
        if entry.kind in self.after:  # where grammar would not take the lay word in its place
            return self._articled(title, m, entry, f"{official} ({lay})", removed)
        start = m.start
        if entry.kind in BRACKETED_KINDS:
            start = self._modifiers(title, m, taken)  # "transverse fracture" -> "broken bone (transverse fracture)"
            qualifier = self._qualified(title, Match(m.first, m.last, m.term, start, m.end), gone)
            if qualifier and (self._names_a_site(title, start, gone) or not self._derivable(m)):
                return self._articled(title, m, entry, official, removed)  # "ocular hypertension" is no high blood pressure
            if qualifier:
                # a word that is not the lay word's to replace stands before it ("dome fracture")
                return self._articled(title, m, entry, f"{official} ({lay})", removed)
            official = title[start : m.end]
        if start == 0:
            lay = lay[:1].upper() + lay[1:]
            first = official.split(" ", 1)[0].lower()
            named = first in self.name_starts
            official = official[:1].lower() + official[1:] if m.term[:1].islower() and not official[1:2].isupper() and not named else official
        if start < m.start:  # the qualifiers' own lay words stay before it: "harmless tumor (benign neoplasm)"
            lays = [self._lay_word_of(t[2]) for t in _tokens(title[start : m.start])]
            lay = " ".join(w for w in lays if w) + (" " if any(lays) else "") + (lay.lower() if any(lays) else lay)
            if start == 0:
                lay = lay[:1].upper() + lay[1:]
        bracketed = entry.kind == "condition" or " " not in official or start < m.start
        text = f"{lay} ({official})" if entry.kind in BRACKETED_KINDS and bracketed else lay
        edit = self._articled(title, m, entry, text, removed)
        return (start, m.end, edit[2]) if edit is not None else None

    def _lay_word(self, m: Match, entry: Gloss | None) -> str | None:
        """The lay word of the term, or of its last word for a kind of a condition ("transverse
        fracture" is a broken bone)."""
        if entry is None or entry.kind not in self.kinds or self.matcher.key(m.term) in self.keep:
            return None
        if entry.lay and not entry.lay.isupper():  # an abbreviation is no plainer
            return entry.lay
        last = m.term.split()[-1]
        head = self.entries.get(last) if " " in m.term else None
        others = [self.entries.get(w) for w in m.term.split()[:-1]]
        if any(o is None or o.kind != "qualifier" for o in others):
            return None  # "intestinal obstruction" is more than a blockage
        if head is not None and head.kind == entry.kind == "condition" and head.lay and self._derivable(m):
            return head.lay
        return None

    def _lay_word_of(self, word: str) -> str | None:
        entry = self.entries.get(word.lower())
        if entry is None or entry.kind != "qualifier" or not entry.lay or self.matcher.key(word) in self.keep:
            return None
        return entry.lay

    def _modifiers(self, title: str, m: Match, taken: list[tuple[int, int]]) -> int:
        """Where the words that qualify ``m`` right before it start (back to a comma, a function
        word or a word already rewritten)."""
        start = m.start
        for a, b, text in reversed([t for t in _tokens(title) if t[1] <= m.start]):
            if title[b:start].strip() or text.lower() in self.matcher.language.stop_words or any(s <= a < e for s, e in taken):
                break
            found = self.matcher.terms_in(text)
            entry = self.entries.get(found[0]) if found else None
            if entry is None or entry.kind != "qualifier" or text.lower() in self.not_modifiers:
                break
            if not self._lay_word_of(text) and not self._derivable(m):  # "late vomiting" is more than throwing up
                break
            start = a
        return start

    def _articled(self, title: str, m: Match, entry: Gloss | None, text: str, removed: set[int]) -> tuple[int, int, str] | None:
        """``text`` with the article before it when it names a body part after "of", "in" …"""
        plain = None if text == title[m.start : m.end] else (m.start, m.end, text)
        if not self.article or entry is None or entry.kind != "anatomy":
            return plain
        before = [t for t in _tokens(title[: m.start]) if t[0] not in removed]
        gap = [t for t in _tokens(title[before[-1][1] : m.start]) if t[0] + before[-1][1] not in removed] if before else []
        if before and before[-1][2].lower() in self.article_after and not gap and "," not in title[before[-1][1] : m.start]:
            return (m.start, m.end, f"{self.article} {text}")
        return plain
