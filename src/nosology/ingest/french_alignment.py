"""Align ICD-10-CM items with WHO ICD-10 and French CIM-10 by meaning, not by string.

* 3-character codes: same code, same meaning, unless the CM and WHO titles share no content word
  (CM W53 "Contact with rodent" is WHO W53 "Bitten by rat").
* 4-character codes: CM reworked many 4th characters (CM E11.0 "with hyperosmolarity" is WHO
  E11.0 "with coma"), so the code is kept only when the CM title and the WHO English title say
  the same thing; CIM-10 is the French translation of WHO ICD-10, so the WHO title is the bridge.
* 5th character of chapter 13 (musculoskeletal): the site digit. CIM-10 uses ``0`` for multiple
  sites and ``9`` for unspecified, CM the reverse, and CM joint codes use other digits again, so
  the CM title's site and the CIM-10 label's site are both read as a site concept and matched.
* Anything deeper (laterality, 7th characters) gets the French title of the nearest ancestor
  that has one, marked ``ancestor``.
* Chapters and blocks: the CIM-10 FR labels we have are those of codes, not of chapters or
  blocks, so a group gets a French title only when it is one category under another name (CM
  block C50 "Malignant neoplasms of breast (C50)" is category C50, "Tumeur maligne du sein"): same
  range, and a title that says the same as the WHO title of that category. Every other chapter
  and block keeps its official English title; a broader or different CIM-10 title is never shown
  as a group's, and no title is translated by us.
"""

from __future__ import annotations

import csv
import gzip
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from nosology.codes import with_dot
from nosology.ingest.icd10cm import ParsedItem

__all__ = [
    "Equivalent",
    "WhoItem",
    "align",
    "cm_site",
    "fr_site",
    "parse_cim10",
    "parse_who",
    "propagate",
    "same_meaning",
]

@dataclass(frozen=True)
class WhoItem:
    code: str
    key: str
    kind: str
    title: str
    parent: str | None


@dataclass(frozen=True)
class Equivalent:
    code: str
    title: str
    level: str  # "exact" or "ancestor"


def parse_who(path: Path) -> list[WhoItem]:
    out: list[WhoItem] = []

    def walk(el: etree._Element, parent: str | None) -> None:
        for item in el.iterchildren("item"):
            code = (item.findtext("name") or "").strip()
            title = " ".join((item.findtext("description") or "").split())
            out.append(WhoItem(code, code.replace(".", ""), item.get("type", ""), title, parent))
            walk(item, code)

    walk(etree.parse(str(path)).getroot(), None)
    return out


# ATIH prefixes the labels of codes withdrawn from CIM-10 FR with "*** SUyy *** " (withdrawn in 20yy:
# A90 Dengue SU17, B59 Pneumocystose SU19, as WHO moved them);
# the label itself is still the official French wording, so the marker is dropped from the title.
_WITHDRAWN_MARK = re.compile(r"^\*\*\* SU\d+ \*\*\*\s*")


def parse_cim10(path: Path) -> dict[str, str]:
    """CIM-10 key (no dot) -> French label."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return {row["code"]: _WITHDRAWN_MARK.sub("", row["long"].strip()) for row in csv.DictReader(f)}


# British spellings (WHO) to US ones (CM). Applied to both titles, so a rule only has to map both
# spellings of one word to the same string.
_BRITISH = [
    (re.compile(r"ae"), "e"),  # haem, anaesth, phaeo, caecum, paediatric, leukaemia
    (re.compile(r"oe(?=[a-z])"), "e"),  # oedema, oesophagus, amoeba, foetus, diarrhoea
    (re.compile(r"isch(a)?emi"), "ischemi"),
    (re.compile(r"our(al|s)?\b"), r"or\1"),  # tumour, behavioural, vapours
    (re.compile(r"([bt])re\b"), r"\1er"),  # goitre, centre, fibre
    (re.compile(r"sulph"), "sulf"),
    (re.compile(r"ll"), "l"),  # counselling
    (re.compile(r"ical\b"), "ic"),  # morphological / morphologic
    # WHO joins a subdivision to its heading with " : " where CM writes "with"
    (re.compile(r" : "), " with "),
    (re.compile(r"is(ation|ed|e)\b"), r"iz\1"),
    (re.compile(r"[^a-z0-9]+"), " "),
]


def _normal_en(text: str) -> str:
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(ch))
    for pattern, repl in _BRITISH:
        text = pattern.sub(repl, text)
    return " ".join(text.split())


# Words that carry no meaning of their own in a title. Negations ("with", "without", "not") and
# qualifiers ("other", "unspecified") are not here: "with coma" and "without coma" differ.
_FILLER = frozenset(["a", "an", "and", "by", "due", "for", "in", "of", "or", "the", "to", "nos", "nontraumatic", "classified", "elsewhere"])


def _singular(word: str) -> str:
    """Plural and singular spell the same concept ("sites", "site"); applied to both titles."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _content_tokens(text: str) -> set[str]:
    return {_singular(t) for t in _normal_en(text).split() if t not in _FILLER}


def same_meaning(cm_title: str, who_title: str) -> bool:
    """True when the CM title and the WHO title have exactly the same content words.

    Words are compared exactly after spelling normalisation (British/US, plurals), never by
    similarity: "hypothyroidism" and "hyperthyroidism", "sprain" and "sprain and strain",
    "with coma" and "without coma" are different meanings however close their letters.
    """
    return _content_tokens(cm_title) == _content_tokens(who_title)


# Site concepts of chapter 13. Keys are read off the end of a title.
_CM_SITES: Mapping[str, str] = {
    "multiple sites": "multiple",
    "unspecified site": "unspecified",
    "site unspecified": "unspecified",
    "shoulder": "shoulder",
    "upper arm": "upper_arm",
    "forearm": "forearm",
    "hand": "hand",
    "thigh": "pelvis_thigh",
    "pelvic region and thigh": "pelvis_thigh",
    "lower leg": "lower_leg",
    "ankle and foot": "ankle_foot",
    "other site": "other",
    "elbow": "elbow_joint",
    "wrist": "wrist_joint",
    "knee": "knee_joint",
    "occipito-atlanto-axial region": "spine_occipito_atlanto_axial",
    "cervical region": "spine_cervical",
    "cervicothoracic region": "spine_cervicothoracic",
    "thoracic region": "spine_thoracic",
    "thoracolumbar region": "spine_thoracolumbar",
    "lumbar region": "spine_lumbar",
    "lumbosacral region": "spine_lumbosacral",
    "sacral and sacrococcygeal region": "spine_sacral",
    "multiple sites in spine": "spine_multiple",
}
_FR_SITES: Mapping[str, str] = {
    "sièges multiples": "multiple",
    "localisations multiples": "multiple",
    "siège non précisé": "unspecified",
    "localisation non précisée": "unspecified",
    "région scapulaire": "shoulder",
    "bras": "upper_arm",
    "avant-bras": "forearm",
    "main": "hand",
    "région pelvienne et cuisse": "pelvis_thigh",
    "jambe": "lower_leg",
    "cheville et pied": "ankle_foot",
    "autres localisations": "other",
    "articulation du coude": "elbow_joint",
    "articulation du poignet": "wrist_joint",
    "articulation du genou": "knee_joint",
    "genou": "knee_joint",
    "région occipito-atloïdo-axoïdienne": "spine_occipito_atlanto_axial",
    "région cervicale": "spine_cervical",
    "région cervico-dorsale": "spine_cervicothoracic",
    "région dorsale": "spine_thoracic",
    "région dorso-lombaire": "spine_thoracolumbar",
    "région lombaire": "spine_lumbar",
    "région lombo-sacrée": "spine_lumbosacral",
    "région sacrée et sacro-coccygienne": "spine_sacral",
    "localisations vertébrales multiples": "spine_multiple",
}


def cm_site(title: str) -> str | None:
    return _CM_SITES.get(title.rsplit(", ", 1)[-1].strip().lower()) if ", " in title else None


def fr_site(label: str) -> str | None:
    if " - " not in label:
        return None
    return _FR_SITES.get(label.rsplit(" - ", 1)[-1].strip().rstrip(")").strip().lower())


# The code range CM appends to chapter and block titles: "Malignant neoplasms of breast (C50)".
_RANGE = re.compile(r"\s*\([A-Z0-9]{3}(?:-[A-Z0-9]{3})?\)\s*$")


def _single_category_block(item: ParsedItem, who: Mapping[str, WhoItem], cim: Mapping[str, str]) -> str | None:
    """The CIM-10 category that a one-category CM block is, when both say the same (else None)."""
    key = item.key
    w = who.get(key)
    if "-" in item.code or key not in cim or w is None or w.kind != "category":
        return None
    return key if same_meaning(_RANGE.sub("", item.title), w.title) else None


def _own_equivalent(item: ParsedItem, parent_exact: bool, who: Mapping[str, WhoItem], cim: Mapping[str, str], ours: str) -> str | None:
    """The key of the equivalent in the target system (``ours`` picks WHO or CIM), or None."""
    key = item.key
    if item.kind == "block" and ours == "cim":  # WHO blocks are matched by range when read
        return _single_category_block(item, who, cim)
    if item.kind not in {"category", "subcategory", "code"} or item.seventh:
        return None
    target = who if ours == "who" else cim
    if len(key) == 3:
        # Same code, same meaning, unless the two titles share no word at all: CM W53 "Contact with
        # rodent" is WHO W53 "Bitten by rat", CM T76 "… abuse, suspected" is WHO "Unspecified effects
        # of external causes". A synonym pair (Neutropenia / Agranulocytosis) is lost with them:
        # no French title is better than one that says something else.
        w = who.get(key)
        if w is not None and not _content_tokens(item.title) & _content_tokens(w.title):
            return None
        return key if key in target else None
    if len(key) == 4:
        w = who.get(key)
        if key in target and w is not None and same_meaning(item.title, w.title):
            return key
        return None
    if len(key) == 5 and key.startswith("M") and parent_exact and ours == "cim":
        site = cm_site(item.title)
        if site is None:
            return None
        matches = [k for d in "0123456789" if (k := key[:4] + d) in cim and fr_site(cim[k]) == site]
        return matches[0] if len(matches) == 1 else None
    return None


def align(items: Sequence[ParsedItem], who_items: Sequence[WhoItem], cim: Mapping[str, str]) -> tuple[dict[int, Equivalent], dict[int, Equivalent]]:
    """French and WHO equivalents of every item, keyed by item seq: its own where the meaning is
    the same, else its nearest ancestor's (:func:`propagate`)."""
    who = {w.key: w for w in who_items}
    labels = {"cim": cim, "who": {k: w.title for k, w in who.items()}}
    exact: dict[str, dict[int, tuple[str, str]]] = {"cim": {}, "who": {}}
    for item in items:  # pre-order: a parent is settled before its children
        for system, own_exact in exact.items():
            own = _own_equivalent(item, item.parent in own_exact, who, cim, system)
            if own is not None:
                own_exact[item.seq] = (with_dot(own), labels[system][own])
    who_titles = {with_dot(k): w.title for k, w in who.items()}
    return (_uncontradicted(items, propagate(items, exact["cim"]), who_titles),
            _uncontradicted(items, propagate(items, exact["who"]), who_titles))


# What a title leaves out in words: "… causing injury other than drowning or submersion".
# "with or without mild haemorrhage" excludes nothing.
_EXCLUDED = re.compile(r"\b(?:other than|except|(?<!with or )without|excluding)\s+([^,;()\[\]]+)", re.IGNORECASE)
_ALTERNATIVES = re.compile(r"\s+(?:or|and|nor)\s+", re.IGNORECASE)


def _words(text: str) -> str:
    return " ".join(_singular(t) for t in re.sub(r"[^\w\s-]", " ", _normal_en(text)).split())


def _excluded(title: str) -> list[str]:
    """What ``title`` excludes, one phrase per alternative: "other than drowning or submersion" is
    "drowning", "submersion"; "without accident to watercraft" the phrase "accident to watercraft"
    (a machinery accident on board a watercraft is none)."""
    return [words for m in _EXCLUDED.finditer(title) for part in _ALTERNATIVES.split(m.group(1)) if (words := _words(part))]


def _uncontradicted(items: Sequence[ParsedItem], found: dict[int, Equivalent], who_titles: Mapping[str, str]) -> dict[int, Equivalent]:
    """``found`` without the inherited titles that exclude what the code's own title names: CM
    W16.531A "… causing drowning and submersion" cannot inherit WHO W16 "Diving or jumping into
    water causing injury other than drowning or submersion" (CM put drowning into W16; WHO keeps it
    in W65-W74). Read on the WHO English title of the inherited code, the same for both systems."""
    titles = {i.seq: i.title for i in items}
    out = {}
    for seq, equivalent in found.items():
        excluded = _excluded(who_titles.get(equivalent.code, "")) if equivalent.level == "ancestor" else []
        own = f" {_words(titles[seq])} "
        for words in _excluded(titles[seq]):  # what the code's own title excludes too is not named
            own = own.replace(f" {words} ", " ")
        if any(f" {words} " in own for words in excluded):
            continue
        out[seq] = equivalent
    return out


def propagate(items: Sequence[ParsedItem], exact: Mapping[int, tuple[str, str]]) -> dict[int, Equivalent]:
    """Exact titles (seq -> code, title), and for every code without one the title of its
    nearest ancestor that has one (chapters and blocks never inherit, and codes never inherit a
    group's title: a group is not a code)."""
    by_seq = {i.seq: i for i in items}
    out: dict[int, Equivalent] = {}
    for item in items:  # pre-order: a parent is settled before its children
        if item.seq in exact:
            code, title = exact[item.seq]
            out[item.seq] = Equivalent(code, title, "exact")
            continue
        parent = by_seq.get(item.parent) if item.parent else None
        inherited = out.get(parent.seq) if parent else None
        if inherited is not None and item.kind not in {"chapter", "block"} and parent is not None and parent.kind not in {"chapter", "block"}:
            out[item.seq] = Equivalent(inherited.code, inherited.title, "ancestor")
    return out
