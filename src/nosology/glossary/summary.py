"""A one-sentence plain summary of a billable code, composed from the classification's structure
and the glossary: the title (the code's own words) with the glossary's lay words beside the
official ones, what the 7th character says of the encounter, the side where a borrowed title
lost it, and what the coding conventions in the title mean. Marked as written from the
classification, not as medical advice.

The sentence pieces are data per language (``phrases/<lang>.tsv``); nothing here names a language.
"""

from __future__ import annotations

import re
import threading
from dataclasses import asdict, dataclass, replace
from typing import Any

from nosology.anatomy import side_of
from nosology.anatomy.regions import region
from nosology.anatomy.rules import TermRules
from nosology.codes import compact
from nosology.glossary.familiarity import Familiarity
from nosology.glossary.pieces import Pieces, load_phrases
from nosology.glossary.reader import Glossary
from nosology.glossary.rewrite import Rewriter
from nosology.glossary.spans import in_brackets, is_inflection
from nosology.languages import Languages
from nosology.models import CodeRecord, Item, LocalTitle

__all__ = ["EXPLAINED_KINDS", "PlainSummary", "Summaries", "load_phrases"]  # load_phrases: re-exported

# Kinds whose words are explained by their definition when they have no lay word, in the order a
# reader needs them: what the illness is before where it is, and both before how it is qualified.
EXPLAINED_KINDS = ("condition", "anatomy", "procedure", "substance", "qualifier", "organism", "event")


@dataclass(frozen=True)
class PlainSummary:
    lang: str
    text: str
    notice: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class Summaries:
    """Plain summaries of billable codes in every language of the registry. Thread-safe."""

    def __init__(self, glossary: Glossary, languages: Languages) -> None:
        self.glossary = glossary
        self.languages = languages
        self._lock = threading.Lock()
        self._pieces: dict[str, Pieces] = {}
        self._rewriters: dict[str, Rewriter] = {}
        self._familiar: dict[str, Familiarity] = {}
        self._rules: TermRules | None = None

    def pieces(self, lang: str) -> Pieces:
        with self._lock:
            found = self._pieces.get(lang)
            if found is None:
                found = self._pieces[lang] = Pieces(self.languages, lang)
            return found

    def familiarity(self, lang: str) -> Familiarity:
        with self._lock:
            found = self._familiar.get(lang)
            if found is None:
                found = self._familiar[lang] = Familiarity.load(lang)
            return found

    def everyday(self, term: str, lang: str) -> bool:
        """Whether a young reader knows ``term`` without help (``familiar_zipf``). A fixed phrase
        counts as rarer than its words (``familiar_phrase_step`` per extra word): it is an entry
        because its meaning is more than theirs ("chronic kidney disease")."""
        phrases = self.pieces(lang).phrases
        step = float(phrases.get("familiar_phrase_step", "0.5")) * (len(term.split()) - 1)
        return self.familiarity(lang).zipf(term) - step >= float(phrases.get("familiar_zipf", "4"))

    def rewriter(self, lang: str) -> Rewriter:
        phrases = self.pieces(lang).phrases
        matcher, entries = self.glossary.matcher(lang), self.glossary.entries(lang)
        with self._lock:
            found = self._rewriters.get(lang)
            if found is None:
                found = self._rewriters[lang] = Rewriter(matcher, entries, phrases)
            return found

    def of(self, record: CodeRecord) -> dict[str, PlainSummary]:
        """The summary in each language, keyed by language; empty for a code that is not billable."""
        if not record.item.billable:
            return {}
        return {lang.code: self.compose(record, lang.code) for lang in self.languages}

    def compose(self, record: CodeRecord, lang: str) -> PlainSummary:
        item = record.item
        phrases = self.pieces(lang).phrases
        meaning = _seventh_meaning(record)
        default = self.languages.default.code
        encounter_key = f"encounter:{meaning}" if meaning else ""
        # the title keeps the 7th character's words where this language has no clause for them
        said_meaning = meaning if encounter_key in self.pieces(default).phrases and encounter_key in phrases else None
        encounter = phrases.get(encounter_key)
        cm_title = _base_title(item, record, said_meaning)
        side = self._side(cm_title, side_of(item.title), default)
        local = self._placed(item.title_in(lang), phrases)
        if lang == default:
            text = self._own(cm_title, lang, side, encounter)
        elif local is not None and local.level == "exact":
            text = self._own(local.title, lang, side, encounter)
        elif local is None:
            text = self._untitled(cm_title, lang, side, encounter)
        else:
            text = self._borrowed(record, cm_title, local, lang, side, encounter)
        return PlainSummary(lang, text, phrases.get("notice", ""))

    def _placed(self, local: LocalTitle | None, phrases: dict[str, str]) -> LocalTitle | None:
        """The WHO title with its site subdivision said as a place: "… - Région scapulaire" reads as
        a dash and a heading, "… à l'épaule" as a sentence (``site:<subdivision>``); without the
        dagger-asterisk cross-reference ("Méningite tuberculeuse (G01*)"), a coder's pointer."""
        if local is not None and _CODE_REFERENCE.search(local.title):
            local = replace(local, title=_CODE_REFERENCE.sub("", local.title))
        if local is None or " - " not in local.title:
            return local
        title, suffix = local.title.rsplit(" - ", 1)
        place = phrases.get(f"site:{suffix}")
        # after a comma clause ("…, non classé ailleurs") the place needs its own comma
        joined = f"{title}, {place}" if "," in title else f"{title} {place}"
        return replace(local, title=joined) if place else local

    def _side(self, title: str, side: str | None, default: str) -> str | None:
        """The side, when the title really names one: "unspecified" only where a body part's side is
        left open ("unspecified knee", "unspecified side"), not in "unspecified antidepressants"."""
        if side in {"left", "right", "bilateral"}:
            return side if self.rewriter(default).names_a_side(title) else None  # "accidentally left in body"
        if side != "unspecified":
            return side
        done = self.rewriter(default).rewrite(title, side, lay=False)
        if any(k.startswith("segment:") and "side" in k for k in done.keys):
            return side
        # "unspecified knee" leaves a side open, "unspecified thoracic vertebra" a level: only a body
        # part the figure has twice has a side
        return side if done.side_dropped and any(region(r).sided for r in self._term_rules().regions_in(title)) else None

    def _term_rules(self) -> TermRules:
        with self._lock:
            if self._rules is None:
                self._rules = TermRules.load()
            return self._rules

    def _own(self, title: str, lang: str, side: str | None, encounter: str | None) -> str:
        """A title in the reader's language that is this code's own: rewritten in plain words."""
        phrases = self.pieces(lang).phrases
        done = self.rewriter(lang).rewrite(title, side)
        # "Other malaria, not elsewhere classified": the NEC clause already says there is no more
        # precise code, so the "other" clause would say it twice (``said_by:<key>``: those terms)
        terms = {t.lower() for t in self.pieces(lang).matcher.terms_in(done.head)}
        clauses = [(key, text) for key, text in done.clauses
                   if not terms & {t.lower() for t in phrases.get(f"said_by:{key}", "").split("|") if t}]
        # said right after the head, as the model sentence does; a clause that is a sentence
        # of its own ("the illness is calmer …") after the separator, not glued on with a comma
        sentences = set(phrases.get("sentence_keys", "").split("|"))
        near = [text for key, text in clauses if key not in sentences]
        if side and not done.side_said and f"side:{side}" in phrases and phrases[f"side:{side}"] not in near:
            near.insert(done.leading, phrases[f"side:{side}"])
        far = [text for key, text in clauses if key in sentences]
        far.extend([encounter] if encounter else [])
        far.extend(self._explained(done.head, lang, title))
        far.extend(self.pieces(lang).clauses(done.head))
        return _sentence(done.head, near, far, phrases)

    def _borrowed(self, record: CodeRecord, cm_title: str, local: LocalTitle, lang: str, side: str | None, encounter: str | None) -> str:
        """A broader code's title: what this code adds that the structure can say in ``lang``, and
        the group's title named as a group, never as this code's, when more is left unsaid."""
        phrases = self.pieces(lang).phrases
        default = self.languages.default.code
        cm = self.rewriter(default).rewrite(cm_title, side, lay=False)
        near = [phrases[f"cm_{k}"] for k in cm.keys if f"cm_{k}" in phrases]
        if side and f"side:{side}" in phrases:
            near.insert(0, phrases[f"side:{side}"])
        # what the code's title opens with where the group's title says something else: an
        # "Underdosing of …" code in a CIM-10 group of poisonings
        near[:0] = [text for key, text in phrases.items() if key.startswith("cm_start:") and cm_title.lower().startswith(key[9:].lower())]
        conventions = self._cm_conventions(cm.head, default, lang, side)
        group = next((a.title for a in record.ancestors if a.code == local.code), None)
        unsayable = any(f"cm_{k}" not in phrases for k in cm.keys)
        missing = self._unsaid(cm.head, group, default, lang)
        done = self.rewriter(lang).rewrite(local.title, None)
        # the group's own rare words ("Phlegmon") explained, as on an own title, but fewer: the
        # code's English words come after them
        far = self._explained(done.head, lang, local.title)[: int(phrases.get("group_explain_max", "0"))]
        far.extend([encounter] if encounter else [])
        if (unsayable or missing is not None) and "broader_lead" in phrases:
            lead = phrases["broader_lead"].format(title=done.head)
            sites = None if unsayable or missing is None else self._sites(cm.head, missing, default, lang)
            near[:0] = sites or []
            if near and "adds" in phrases:
                near = [phrases["adds"].format(what=phrases.get("joiner", ", ").join(dict.fromkeys(near)))]
            far.extend(conventions)
            if not sites and "names" in phrases:  # the code's own words our glossary pairs in ``lang``
                named = self._paired(cm.head, done.head, default, lang)
                far.extend([phrases["names"].format(what=phrases.get("joiner", ", ").join(named))] if named else [])
            if not sites and "broader" in phrases:  # more than French words can say: the English title
                far.append(phrases["broader"].format(title=record.item.title))
        else:  # the broader title and the clauses say all the code says
            # as the code's own title its side word goes where the side clause says it
            done = self.rewriter(lang).rewrite(local.title, side) if side in {"left", "right", "bilateral"} else done
            lead = done.head
            own = self.pieces(lang).clauses(done.head)
            if any(t.startswith("^") for t in self.pieces(lang).convention_terms(done.head)):
                # "Autres bursites" says the code's "Other" itself, and its clause explains it
                leading = {phrases.get(f"cm_{k}") for k in cm.keys if k.startswith("leading:")}
                near = [n for n in near if n not in leading]
                far.extend(own)
                # what the code's own conventions add beyond its "Other" ("not elsewhere classified")
                others = {phrases.get("cm_clause:^other"), phrases.get("cm_clause:other specified")}
                # and not again what the French title's own clause says ("non classé ailleurs")
                far.extend(c for c in conventions if c not in others and not any(c in o for o in own))
            else:
                # the group's conventions hold for the code only when its own title has some too;
                # the code's own, said in French, when the group's title has none ("unspecified")
                far.extend((own or conventions) if conventions else [])
        return _sentence(lead, near, far, phrases)

    def _untitled(self, title: str, lang: str, side: str | None, encounter: str | None) -> str:
        phrases = self.pieces(lang).phrases
        lead = phrases["no_title"].format(title=title) if "no_title" in phrases else title
        said = phrases[f"side:{side}"] if side and f"side:{side}" in phrases else None
        # after a quoted title the side is its own clause ("il précise : côté droit"), not glued on
        near = [said] if said and "adds" not in phrases else []
        far = [phrases["adds"].format(what=said)] if said and "adds" in phrases else []
        far.extend([encounter] if encounter else [])
        named = self._paired(self.rewriter(self.languages.default.code).rewrite(title, side, lay=False).head, "", self.languages.default.code, lang)
        far.extend([phrases["names"].format(what=phrases.get("joiner", ", ").join(named))] if named and "names" in phrases else [])
        return _sentence(lead, near, far, phrases)

    def _unsaid(self, head: str, group: str | None, default: str, lang: str) -> set[str] | None:
        """None when the code's own title (side, qualifiers and encounter taken out) and the broader
        code's title name the same things, apart from conventions ``lang`` can say; else the stems
        the code's title has that the broader one lacks (empty for a code narrower by omission,
        "hand" in "hand and wrist")."""
        matcher = self.glossary.matcher(default)
        own = {w.stem for w in matcher.words(head)}
        if group is None:
            return own
        phrases = self.pieces(lang).phrases
        sayable = {s for t in self.pieces(default).convention_terms(head) if f"cm_clause:{t}" in phrases
                   for s in matcher.key(t.lstrip("^"))}
        broader = {w.stem for w in matcher.words(self.rewriter(default).rewrite(group, side_of(group), lay=False).head)} - sayable
        own -= sayable
        return None if own == broader else own - broader  # a narrower code ("foot" in "ankle and foot") is not its group

    def _paired(self, head: str, group: str, default: str, lang: str) -> list[str]:
        """The terms of the code's own title said in ``lang`` through the glossary's pairs, each with
        its short plain definition, leaving out those the group's title already says: what the code
        adds, in words we wrote, rather than only its title in another language."""
        phrases = self.pieces(lang).phrases
        limit = int(phrases.get("names_words", phrases.get("explain_words", "14")))  # a list item is shorter than a clause
        kinds = phrases.get("explain_kinds", "condition anatomy").split()  # the kinds the language explains
        out = []
        for g in self.glossary.explain(head, default, lang):
            if g.term.lower() in group.lower() or g.kind not in kinds:  # not "non précisé", "autre", "sans"
                continue
            if self.everyday(g.term, lang):
                continue  # "maladie", "col": naming them tells a reader nothing the group does not
            definition = g.definition.rstrip(".")
            short = definition and len(definition.split()) <= limit and "." not in definition and ":" not in definition and "(" not in definition
            if short:  # a bare word in a list ("cellulite, paroi") explains nothing
                out.append(phrases.get("named", "{term} ({definition})").format(term=g.term, definition=definition[:1].lower() + definition[1:]))
        return list(dict.fromkeys(out))[: int(phrases.get("names_max", "3"))]

    def _sites(self, head: str, missing: set[str], default: str, lang: str) -> list[str]:
        """The body part of the code's own title in ``lang`` (through the glossary's pairs), when it
        is all the code's title adds to the group's; else nothing."""
        matcher = self.glossary.matcher(default)
        sites = [g for g in self.glossary.explain(head, default, lang) if g.kind == "anatomy"]
        covered = {s for g in sites for s in matcher.key(g.found)}
        named = list(dict.fromkeys(g.term for g in sites))
        # one body part reads as a precision ("au genou"); a list of them ("base, col, fémur") does
        # not, nor a word that is no place on its own ("système", "col"): no ``place:<term>``
        place = self.pieces(lang).phrases.get(f"place:{named[0]}") if len(named) == 1 else None
        # "above elbow" is no place "au coude" (``site_not_after``: the default language's words)
        near = set(self.pieces(default).phrases.get("site_not_after", "").split())
        if sites and near and any(f"{w} {sites[0].found.lower()}" in head.lower() for w in near):
            return []
        return [place] if place and missing <= covered else []

    def _cm_conventions(self, head: str, default: str, lang: str, side: str | None) -> list[str]:
        """The conventions of the code's own title, said in ``lang`` (``cm_clause:<term>``)."""
        phrases = self.pieces(lang).phrases
        found = self.pieces(default).convention_terms(head)
        if side == "unspecified":
            found = [t for t in found if t != "unspecified"]
        return [phrases[f"cm_clause:{t}"] for t in found if f"cm_clause:{t}" in phrases]

    def _explained(self, head: str, lang: str, source: str | None = None) -> list[str]:
        """What the rarest medical words left without a lay word mean (``explain_max`` of them, the
        least familiar first: "hydantoin" before "poisoning"), said in the order a reader needs them:
        what the illness is before where it is. Only words of the ``source`` title, outside its own
        brackets: a lay word the rewrite put in ("birth canal") needs no explaining."""
        phrases = self.pieces(lang).phrases
        template = phrases.get("explain")
        if not template:
            return []
        entries = self.glossary.entries(lang)
        rewriter = self.rewriter(lang)
        # which kinds a language explains is its data (``explain_kinds``): a sense a glossary wrote
        # for one kind of title can be the wrong one in another
        kinds = [k for k in EXPLAINED_KINDS if k in phrases.get("explain_kinds", "condition anatomy").split()]
        official = None
        if source:
            matches = self.glossary.matcher(lang).find(source)[1]
            official = {rewriter.matcher.key(m.term) for m in matches if not in_brackets(source, m.start)}
        found: list[tuple[float, int, int, str, str]] = []  # (familiarity, kind rank, position, clause, term)
        for m in self.glossary.matcher(lang).find(head)[1]:
            entry = entries.get(m.term)
            # "CKD" explains nothing, and a lay word the rewrite keeps out ("laceration") was not said
            kept = rewriter.matcher.key(m.term) in rewriter.keep
            lay = entry.lay if entry is not None and not entry.lay.isupper() and not kept else ""
            if lay and lay.lower() not in head.lower():
                lay = ""  # the rewrite left the official word ("Reactive arthropathies"): explain it
            if entry is None or lay or entry.kind not in kinds or not is_inflection(head[m.start : m.end], m.term):
                continue
            if official is not None and rewriter.matcher.key(m.term) not in official:
                continue  # inserted by the rewrite as a lay word, or in the title's own brackets
            if official is None and in_brackets(head, m.start):
                continue
            zipf = self.familiarity(lang).zipf(m.term)
            if self.everyday(m.term, lang):
                continue  # an everyday word ("pain", "knee") needs no explaining
            said = _definition(entry.definition, phrases)
            if said is not None:
                clause = said.format(term=m.term) if "{term}" in said else template.format(term=m.term, definition=said)
                found.append((zipf, kinds.index(entry.kind), m.start, clause, m.term.lower()))
        unique = {f[3]: f for f in sorted(found, reverse=True)}  # a word found twice counts once
        # "retinal" is said by "retinal break" when both are in the title
        terms = {f[4] for f in unique.values()}
        held = [f for f in unique.values() if not any(f[4] != t and f" {f[4]} " in f" {t} " for t in terms)]
        chosen = sorted(held)[: int(phrases.get("explain_max", "2"))]
        return list(dict.fromkeys(f[3] for f in sorted(chosen, key=lambda f: (f[1], f[2]))))


_CODE_REFERENCE = re.compile(r"\s*\((?:[A-Z]\d{2}(?:\.\d{1,2})?[*†+](?:,\s*)?)+\)")


def _definition(definition: str, phrases: dict[str, str]) -> str | None:
    """The definition as said after "X means": its first sentence when that stands alone and is
    short (``explain_words``); an adjective's "Of the duodenum, …" through ``explain_of`` ("having
    to do with the duodenum, …"); None for a definition with two senses or one too long to say."""
    limit = int(phrases.get("explain_words", "14"))
    first = re.split(r"(?<=[^\W\d_)])\. (?=[^\W\d_])|\s?; ", definition.strip(), maxsplit=1)[0].strip().rstrip(".").rstrip()
    skipped = tuple(p for p in phrases.get("explain_not_starting", "").split("|") if p)
    avoided = [p for p in phrases.get("explain_not_containing", "").split("|") if p]
    if not first or (skipped and first.lower().startswith(skipped)) or any(p in first for p in avoided):
        return None
    if len(first.split()) > limit or ":" in first:
        return None
    word = first.split(" ", 1)[0]
    if not word.isupper() or len(word) == 1:  # "A break" -> "a break"; "HIV" stays
        first = first[:1].lower() + first[1:]
    for prefix in (p for p in phrases.get("explain_of_prefix", "").split("|") if p):
        if first.startswith(prefix) and "explain_of" in phrases:
            return phrases["explain_of"].replace("{definition}", first[len(prefix) :])
    return first


def _sentence(lead: str, near: list[str], far: list[str], phrases: dict[str, str]) -> str:
    joiner = phrases.get("joiner", ", ")
    separator = phrases.get("separator", "; ")
    text = lead.rstrip(" .") + "".join(joiner + c for c in dict.fromkeys(near))
    return text + "".join(separator + c for c in dict.fromkeys(c for c in far if c not in near)) + "."


def _seventh_meaning(record: CodeRecord) -> str | None:
    item = record.item
    if not item.seventh:
        return None
    char = compact(item.code)[6:7]
    return next((s.meaning for s in record.seven_chr if s.char == char), None)


def _base_title(item: Item, record: CodeRecord, meaning: str | None) -> str:
    """The title without the 7th character's words, when a clause will say them."""
    if not meaning:
        return item.title
    suffix = ", " + meaning
    if item.title.lower().endswith(suffix.lower()):
        return item.title[: -len(suffix)]
    parent = next((a for a in reversed(record.ancestors) if a.kind not in {"chapter", "block"}), None)
    return parent.title if parent is not None else item.title
