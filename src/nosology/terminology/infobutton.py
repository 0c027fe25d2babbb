"""HL7 Infobutton (URL-based implementation guide) knowledge responses, MedlinePlus
Connect-compatible: the request model, the entries answering it, and the Atom and JSON
renderings. An unknown code system or code gives an empty feed with a reason, never an error.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from lxml import etree

from nosology.codesystems import SystemInfo
from nosology.errors import InvalidParameter
from nosology.languages import Languages, default_languages
from nosology.library import Library
from nosology.models import Item

__all__ = ["Entry", "KnowledgeRequest", "KnowledgeResponse", "answer", "parse_request", "to_atom", "to_json"]

ATOM = "http://www.w3.org/2005/Atom"
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
RESPONSE_TYPES = {"text/xml": "text/xml", "application/atom+xml": "text/xml", "application/xml": "text/xml",
                  "application/json": "application/json", "text/html": "text/html"}
_LANG_NAMES = {"es": "Spanish", "sp": "Spanish", "de": "German", "it": "Italian", "pt": "Portuguese", "zh": "Chinese"}
# English message ids, translated through the UI catalogues (``translate``)
_CODE_SUMMARY = "%(code)s: official ICD-10-CM title, notes, what each character means and where it sits in the classification."
_FEED_TITLE = "nosology: information for %(code)s"

Translate = Callable[[str, str], str]  # (language, English message) -> the message in that language


def _untranslated(lang: str, message: str) -> str:
    return message


@dataclass(frozen=True)
class KnowledgeRequest:
    code_system: str
    code: str
    display: str
    lang: str  # a registered language
    response_type: str  # "text/xml", "application/json" or "text/html"
    lang_note: str | None = None


@dataclass(frozen=True)
class Entry:
    title: str
    link: str
    summary: str
    lang: str
    kind: str  # "article" or "code"


@dataclass(frozen=True)
class KnowledgeResponse:
    request: KnowledgeRequest
    base: str
    updated: str
    entries: list[Entry] = field(default_factory=list)
    reason: str | None = None
    code: str | None = None  # the code as the classification writes it
    system: SystemInfo | None = None
    title: str = ""  # the feed title, in the request's language


def _language(raw: str, languages: Languages | None = None) -> tuple[str, str | None]:
    registry = languages or default_languages()
    tag = raw.strip().lower().replace("_", "-")
    primary = tag.split("-")[0]
    default = registry.default
    if not primary or primary in registry:
        return primary or default.code, None
    name = _LANG_NAMES.get(primary, repr(tag[:20]))
    available = " and ".join(lang.name for lang in registry)
    return default.code, f"{name} is not available ({available} are): answering in {default.name}"


def parse_request(query: Mapping[str, str]) -> KnowledgeRequest:
    """Read the URL parameters of a knowledge request (missing values become empty strings)."""
    wanted = query.get("knowledgeResponseType", "").strip().lower() or "text/xml"
    response_type = RESPONSE_TYPES.get(wanted)
    if response_type is None:
        raise InvalidParameter(f"knowledgeResponseType {wanted[:60]!r} is not supported: use text/xml (Atom, the default), application/json or text/html")
    lang, note = _language(query.get("informationRecipient.languageCode.c", "")
                           or query.get("patientPerson.languageCode.c", ""))
    return KnowledgeRequest(
        code_system=query.get("mainSearchCriteria.v.cs", "").strip()[:100],
        code=query.get("mainSearchCriteria.v.c", "").strip()[:40],
        display=query.get("mainSearchCriteria.v.dn", "").strip()[:300],
        lang=lang,
        response_type=response_type,
        lang_note=note,
    )


def _absolute(base: str, link: str) -> str:
    return link if "://" in link else f"{base}{link if link.startswith('/') else '/' + link}"


def _code_page(code: str, lang: str, languages: Languages) -> str:
    return f"{languages.url_prefix(lang)}/codes/{code}"


def _articles(library: Library, item: Item, lang: str, base: str) -> list[Entry]:
    found = library.articles.for_item(item, library.classification.ancestors(item), lang)
    return [] if found is None else [Entry(found.title, _absolute(base, found.url), found.summary, found.lang, "article")]


def answer(library: Library, request: KnowledgeRequest, base: str, translate: Translate = _untranslated) -> KnowledgeResponse:
    """The knowledge response to ``request``; ``translate`` gives the messages in the request's language."""
    found = _answer(library, request, base, translate)
    shown = found.code or request.code or "?"
    return replace(found, title=translate(request.lang, _FEED_TITLE) % {"code": shown})


def _answer(library: Library, request: KnowledgeRequest, base: str, translate: Translate) -> KnowledgeResponse:
    updated = str(library.store.meta().get("built_at") or "2026-04-01T00:00:00+00:00")
    empty = KnowledgeResponse(request, base, updated)
    systems = library.code_systems
    served = " and ".join(f"{s.info.oid} ({s.info.short})" for s in systems)
    if not request.code_system:
        return _with(empty, reason=f"missing mainSearchCriteria.v.cs: use {served.replace(' and ', ' or ')}")
    system = systems.named(request.code_system)
    if system is None:
        return _with(empty, reason=f"unknown code system {request.code_system!r}: this server answers for {served}")
    info = system.info
    if not request.code:
        return _with(empty, system=info, reason="missing mainSearchCriteria.v.c: give the code to look up")
    lang = request.lang
    concept = system.concept(request.code)
    item = system.explained_by(concept) if concept is not None else None
    if concept is None or item is None:
        return _with(empty, system=info, reason=f"{request.code!r} is not an {info.short} code")
    code, title = concept.code, concept.display_in(lang)
    # The article first (what a patient wants), then the code page (what a coder wants).
    page = Entry(f"{code} {title}", _absolute(base, _code_page(item.code, lang, library.languages)),
                 translate(lang, _CODE_SUMMARY) % {"code": item.code}, lang, "code")
    entries = [*_articles(library, item, lang, base), page]
    return KnowledgeResponse(request, base, updated, entries, None, code, info)


def _with(response: KnowledgeResponse, *, reason: str, system: SystemInfo | None = None) -> KnowledgeResponse:
    return KnowledgeResponse(response.request, response.base, response.updated, [], reason, None, system)


def _subtitle(response: KnowledgeResponse) -> str:
    parts = [response.reason] if response.reason else []
    if response.code and response.system:
        parts.append(f"{response.system.title} {response.code}: {len(response.entries)} result(s)")
    if response.request.lang_note:
        parts.append(response.request.lang_note)
    return "; ".join(p for p in parts if p)


def _categories(response: KnowledgeResponse) -> list[tuple[str, str]]:
    req = response.request
    pairs = [("mainSearchCriteria.v.cs", req.code_system), ("mainSearchCriteria.v.c", req.code),
             ("mainSearchCriteria.v.dn", req.display), ("informationRecipient.languageCode.c", req.lang)]
    return [(k, v) for k, v in pairs if v]


def to_json(response: KnowledgeResponse) -> dict[str, Any]:
    """MedlinePlus Connect's JSON shape: ``{"feed": {..., "entry": [...]}}`` (``_value`` holds text)."""
    feed: dict[str, Any] = {
        "base": response.base + "/",
        "lang": response.request.lang,
        "title": {"_value": response.title, "type": "text"},
        "updated": {"_value": response.updated},
        "id": {"_value": f"{response.base}/infobutton"},
        "author": {"name": {"_value": "nosology"}, "uri": {"_value": response.base + "/"}},
        "subtitle": {"_value": _subtitle(response), "type": "text"},
        "category": [{"scheme": k, "term": v} for k, v in _categories(response)],
        "entry": [
            {"lang": e.lang, "title": {"_value": e.title, "type": "text"},
             "link": [{"href": e.link, "rel": "alternate"}], "id": {"_value": e.link},
             "updated": {"_value": response.updated}, "summary": {"_value": e.summary, "type": "text"},
             "category": [{"scheme": "nosology.kind", "term": e.kind}]}
            for e in response.entries
        ],
    }
    if response.reason:
        feed["reason"] = response.reason
    return {"feed": feed}


def _xml_safe(text: str) -> str:
    """Echoed request values may hold characters XML 1.0 cannot carry (NUL, controls)."""
    return _NOT_XML.sub("\uFFFD", text)


def to_atom(response: KnowledgeResponse) -> bytes:
    def add(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
        el = etree.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _xml_safe(v) for k, v in attrs.items()})
        if text is not None:
            el.text = _xml_safe(text)
        return el

    feed = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})
    feed.set(XML_LANG, response.request.lang)
    add(feed, "title", response.title, type="text")
    add(feed, "subtitle", _subtitle(response), type="text")
    add(feed, "id", f"{response.base}/infobutton")
    add(feed, "updated", response.updated)
    author = add(feed, "author")
    add(author, "name", "nosology")
    add(author, "uri", response.base + "/")
    for scheme, term in _categories(response):
        add(feed, "category", scheme=scheme, term=term)
    if response.reason:
        add(feed, "category", scheme="nosology.reason", term="no-result", label=response.reason)
    for e in response.entries:
        entry = add(feed, "entry")
        entry.set(XML_LANG, e.lang)
        add(entry, "title", e.title, type="text")
        add(entry, "link", href=e.link, rel="alternate", hreflang=e.lang)
        add(entry, "id", e.link)
        add(entry, "updated", response.updated)
        add(entry, "summary", e.summary, type="text")
        add(entry, "category", scheme="nosology.kind", term=e.kind)
    return bytes(etree.tostring(feed, xml_declaration=True, encoding="UTF-8", pretty_print=True))
