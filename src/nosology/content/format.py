"""The article format as data: section keys and their headings in each language, the notice,
front matter fields. Which languages exist is the registry's (:mod:`nosology.languages`); an
article language is one the format has words for.

``src/nosology/articles/README.md`` is the human-readable form of this contract; this module is the one the
checker, the loader and the renderer read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nosology.languages import Languages, default_languages

__all__ = [
    "EMERGENCY_WORDS",
    "FIELDS",
    "LANGS",
    "MIN_REFERENCES",
    "NEVER_GATED",
    "NOTICE",
    "OPTIONAL_FIELDS",
    "REFERENCE_FIELDS",
    "SECTIONS",
    "SLUG",
    "SUMMARY_MAX",
    "SectionSpec",
    "article_languages",
    "article_url",
    "code_url",
    "heading_key",
    "section_heading",
]

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SUMMARY_MAX = 300
MIN_REFERENCES = 3


@dataclass(frozen=True)
class SectionSpec:
    key: str
    required: bool
    headings: dict[str, str]  # lang -> heading
    # Safety information (warning signs, what to avoid) must reach every reader: a section marked
    # so can never be listed in the gated_sections setting.
    never_gated: bool = False


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec("understanding", True, {"en": "Overview", "fr": "Comprendre"}),
    SectionSpec("symptoms", True, {"en": "Symptoms", "fr": "Symptômes"}),
    SectionSpec("diagnosis", True, {"en": "Diagnosis", "fr": "Diagnostic"}),
    SectionSpec("causes", True, {"en": "Causes", "fr": "Causes"}),
    SectionSpec("risk_factors", True, {"en": "Risk factors", "fr": "Facteurs de risque"}),
    SectionSpec("complications", True, {"en": "Complications", "fr": "Complications"}),
    SectionSpec("when_to_get_help", True, {"en": "When to get medical help", "fr": "Quand consulter"}, never_gated=True),
    SectionSpec("treatment", True, {"en": "Treatment", "fr": "Traitement"}),
    SectionSpec("prevention", False, {"en": "Prevention", "fr": "Prévention"}, never_gated=True),
    SectionSpec("classification", False, {"en": "Classification", "fr": "Classification"}),
)

NEVER_GATED: frozenset[str] = frozenset(spec.key for spec in SECTIONS if spec.never_gated)

# Words that mark safety information (an emergency, a warning sign): a gated section holding them
# would hide from anonymous readers what they most need, so the check refuses it.
EMERGENCY_WORDS: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"\b(?:emergenc(?:y|ies)|911|112|ambulance|call (?:a doctor|your doctor) (?:at once|right away|immediately)|warning signs?)\b", re.IGNORECASE),
    "fr": re.compile(r"\b(?:urgences?|samu|appele[rz] le 15|le 15\b|112|signes? d'alerte|signaux d'alerte)", re.IGNORECASE),
}

# The closing paragraph every article ends with, exactly.
NOTICE: dict[str, str] = {
    "en": "*This information does not replace medical advice. Talk to a doctor about your own situation.*",
    "fr": "*Ces informations ne remplacent pas un avis médical. Parlez de votre situation à un médecin.*",
}

# Front matter field -> expected Python type name, as said in error messages.
FIELDS: dict[str, str] = {
    "slug": "text",
    "lang": "text",
    "title": "text",
    "translation_of": "text",
    "codes": "list",
    "summary": "text",
    "synonyms": "list",
    "last_reviewed": "date",
    "references": "list",
}
OPTIONAL_FIELDS: frozenset[str] = frozenset({"synonyms"})

REFERENCE_FIELDS: frozenset[str] = frozenset({"authors", "title", "journal", "publisher", "year", "doi", "pmid", "url", "volume", "pages", "issue"})


def heading_key(lang: str, heading: str) -> str | None:
    """The section key of a level-2 heading in ``lang`` (``"Risk factors"`` -> ``risk_factors``)."""
    wanted = heading.strip()
    for spec in SECTIONS:
        if spec.headings.get(lang) == wanted:
            return spec.key
    return None


def section_heading(lang: str, key: str) -> str:
    for spec in SECTIONS:
        if spec.key == key:
            return spec.headings[lang]
    raise KeyError(key)


def article_languages(languages: Languages | None = None) -> tuple[str, ...]:
    """The registry's languages articles can be written in: those the format has headings and a
    notice for."""
    registry = languages or default_languages()
    return tuple(code for code in registry.codes if code in NOTICE and all(code in spec.headings for spec in SECTIONS))


# The article languages of the default registry (an immutable tuple, cheap to compute).
LANGS: tuple[str, ...] = article_languages()


def _prefix(lang: str) -> str:
    return default_languages().url_prefix(lang)


def article_url(lang: str, slug: str) -> str:
    return f"{_prefix(lang)}/articles/{slug}"


def code_url(lang: str, code: str) -> str:
    return f"{_prefix(lang)}/codes/{code}"
