"""Every check on the article files: front matter, codes, sections, notice, raw HTML, links,
translation pairs. Problems are collected, never raised: one run lists every mistake with its
file and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from nosology.content.codes import CodeResolver, CodeSpan
from nosology.content.fields import check_front_matter
from nosology.content.format import EMERGENCY_WORDS, LANGS, NOTICE, SECTIONS, SLUG, section_heading
from nosology.content.parse import Problem, SourceFile, parse_file
from nosology.content.render import make_markdown
from nosology.languages import default_languages

__all__ = ["CheckResult", "article_files", "check_content", "check_files"]

_ORDER = {spec.key: n for n, spec in enumerate(SECTIONS)}
_ARTICLE_LINK = re.compile(r"^(?:/(?P<lang>[a-z]{2}))?/articles/(?P<slug>[^/?#]+)$")
_CODE_LINK = re.compile(r"^(?:/(?P<lang>[a-z]{2}))?/codes/(?P<code>[^/?#]+)$")
# A code written out with its dot (M61.28): what readers copy, so it must exist.
_CODE_MENTION = re.compile(r"(?<![\w.])[A-Z][0-9][0-9A-Z]\.[0-9A-Z]{1,4}(?![\w])")
_DOI_LINK = re.compile(r"^https://doi\.org/10\.\d{4,9}/\S+$")


@dataclass
class CheckResult:
    files: list[SourceFile]
    problems: list[Problem]
    spans: dict[tuple[str, str], list[CodeSpan]] = field(default_factory=dict)  # (lang, slug) -> codes

    @property
    def ok(self) -> bool:
        return not self.problems


class _Detector(MarkdownIt):
    """Sees everything an author wrote (raw HTML, images, any link) so the check can name it;
    the renderer, stricter, would silently turn it into text."""

    def validateLink(self, url: str) -> bool:
        return True


def article_files(content_dir: Path) -> tuple[list[Path], list[Problem]]:
    """The article files under ``content_dir/<lang>/``; stray directories are problems."""
    files: list[Path] = []
    problems: list[Problem] = []
    if not content_dir.is_dir():
        return files, problems
    for entry in sorted(content_dir.iterdir()):
        if entry.is_dir() and not entry.name.startswith("."):
            if entry.name not in LANGS:
                problems.append(Problem(str(entry), 1, f"unknown language directory {entry.name!r}: articles go in {', '.join(LANGS)}"))
                continue
            files.extend(p for p in sorted(entry.iterdir()) if p.suffix == ".md" and p.is_file())
    return files, problems


def check_content(content_dir: Path, codes: CodeResolver, gated: Iterable[str] = ("treatment",)) -> CheckResult:
    """Parse and check every article under ``content_dir``.

    ``gated`` names the sections hidden from anonymous readers (the ``gated_sections`` setting):
    emergency words inside one of them are a problem, since safety information must stay public.
    """
    paths, problems = article_files(content_dir)
    result = check_files(paths, codes, gated)
    result.problems = sorted([*problems, *result.problems])
    return result


def check_files(paths: Iterable[Path], codes: CodeResolver, gated: Iterable[str] = ("treatment",)) -> CheckResult:
    gated_keys = frozenset(gated)
    md = make_markdown()
    detector = _Detector("commonmark", {"html": True, "linkify": False}).enable(["table", "strikethrough"])
    files = [parse_file(p, md) for p in paths]
    spans: dict[tuple[str, str], list[CodeSpan]] = {}
    walked: dict[int, list[tuple[Token, Token]]] = {}  # id(source) -> its tokens, parsed once
    for source in files:
        walked[id(source)] = list(_walk(detector.parse(source.body)))
        spans[(source.lang, source.slug)] = check_front_matter(source, codes)
        _check_sections(source)
        _check_markup(source, walked[id(source)])
        _check_gated_safety(source, gated_keys)
    index = {(f.lang, f.slug): f for f in files}
    for source in files:
        _check_links(source, walked[id(source)], index, codes)
        _check_code_mentions(source, walked[id(source)], codes)
        _check_translation(source, index, spans)
    _check_claims(files, spans)
    problems = sorted(p for f in files for p in f.problems)
    return CheckResult(files, problems, spans)


# -- sections ----------------------------------------------------------------------------------
def _last_line(source: SourceFile) -> int:
    """The file line of the last line holding text."""
    return source.body_line + source.body.rstrip().count("\n")


def _check_sections(source: SourceFile) -> None:
    lang = source.lang
    if source.preamble_line is not None:
        first = section_heading(lang, SECTIONS[0].key)
        source.problem(source.preamble_line, f"text before the first section: the body must start with '## {first}'")
    seen: dict[str, int] = {}
    previous: str | None = None
    for section in source.sections:
        if section.key is None:
            source.problem(section.line, _unknown_heading(lang, section.heading))
            continue
        if section.key in seen:
            source.problem(section.line, f"section '## {section.heading}' appears twice (first on line {seen[section.key]})")
            continue
        seen[section.key] = section.line
        if previous is not None and _ORDER[section.key] < _ORDER[previous]:
            source.problem(section.line, f"section '## {section.heading}' is out of order: it must come before '## {section_heading(lang, previous)}'")
        previous = section.key if previous is None or _ORDER[section.key] > _ORDER[previous] else previous
        if not any(t.type in {"inline", "fence", "code_block"} and t.content.strip() for t in section.tokens):
            source.problem(section.line, f"section '## {section.heading}' is empty")
    for spec in SECTIONS:
        if spec.required and spec.key not in seen:
            after = [s.line for s in source.sections if s.key is not None and _ORDER[s.key] > _ORDER[spec.key]]
            line = min(after) if after else _last_line(source)
            source.problem(line, f"missing required section '## {spec.headings[lang]}'")
    if not source.notice_tokens:
        source.problem(_last_line(source), f"the article must end with the notice, as its own final paragraph: {NOTICE[lang]}")


def _check_gated_safety(source: SourceFile, gated: frozenset[str]) -> None:
    pattern = EMERGENCY_WORDS.get(source.lang)
    if pattern is None:
        return
    for section in source.sections:
        if section.key not in gated:
            continue
        for token in section.tokens:
            found = pattern.search(token.content) if token.type == "inline" else None
            if found:
                line = source.body_line + (token.map[0] if token.map else 0)
                help_heading = section_heading(source.lang, "when_to_get_help")
                source.problem(line, f"'{found.group(0)}' in the gated section '## {section.heading}': safety information "
                               f"must be public, move it to '## {help_heading}' (or Prevention)")
                break


def _unknown_heading(lang: str, heading: str) -> str:
    for spec in SECTIONS:
        for other, text in spec.headings.items():
            if other != lang and text == heading.strip():
                return f"'## {heading}' is the {other} heading: in a {lang} article write '## {spec.headings[lang]}'"
    expected = ", ".join(f"'{spec.headings[lang]}'" for spec in SECTIONS)
    return f"unknown section heading '## {heading}': level-2 headings must be one of {expected}"


# -- markup: raw HTML, images, level-1 headings ---------------------------------------------------
def _walk(tokens: list[Token]) -> Iterable[tuple[Token, Token]]:
    """(token, the block token holding it): inline children come with their parent's line."""
    for token in tokens:
        yield token, token
        for child in token.children or []:
            yield child, token


def _line(source: SourceFile, block: Token, needle: str = "") -> int:
    """File line of ``needle`` inside ``block`` (its first line when not found)."""
    if block.map is None:
        return source.body_line
    start, stop = block.map
    if needle:
        lines = source.body.split("\n")
        for n in range(start, min(stop, len(lines))):
            if needle in lines[n]:
                return source.body_line + n
    return source.body_line + start


def _check_markup(source: SourceFile, tokens: list[tuple[Token, Token]]) -> None:
    for token, block in tokens:
        if token.type in {"html_block", "html_inline"}:
            snippet = token.content.strip().split("\n")[0][:60]
            source.problem(_line(source, block, snippet), f"raw HTML is not allowed in articles: {snippet!r}")
        elif token.type == "image":
            source.problem(_line(source, block, "!["), "images are not allowed in articles")
        elif token.type == "heading_open" and token.tag == "h1":
            source.problem(_line(source, block), "no level-1 headings: the title comes from the front matter")


# -- links ---------------------------------------------------------------------------------------
def _check_links(source: SourceFile, tokens: list[tuple[Token, Token]], index: dict[tuple[str, str], SourceFile], codes: CodeResolver) -> None:
    for token, block in tokens:
        if token.type != "link_open":
            continue
        href = str(token.attrGet("href") or "")
        message = _link_problem(source.lang, href, index, codes)
        if message:
            source.problem(_line(source, block, href or "]("), message)


def _link_problem(lang: str, href: str, index: dict[tuple[str, str], SourceFile], codes: CodeResolver) -> str | None:
    if href.startswith("https://"):
        return None if _DOI_LINK.match(href) else f"external link {href!r}: only https://doi.org/ links are allowed"
    path = href.split("#", 1)[0]
    prefix = default_languages().url_prefix(lang)  # pages of the default language have no prefix
    expected = prefix.removeprefix("/") or None
    article = _ARTICLE_LINK.match(path)
    if article:
        if article.group("lang") != expected:
            return f"link {href!r} leaves the article's language: write {prefix}/articles/<slug>"
        slug = article.group("slug")
        if (lang, slug) not in index:
            return f"link {href!r}: there is no {lang} article {slug!r}"
        return None
    code = _CODE_LINK.match(path)
    if code:
        if code.group("lang") != expected:
            return f"link {href!r} leaves the article's language: write {prefix}/codes/<code>"
        if codes.span(code.group("code")) is None:
            return f"link {href!r}: {code.group('code')!r} is not an ICD-10-CM code"
        return None
    return (f"link {href!r} is not allowed: link to articles ({prefix}/articles/<slug>), codes ({prefix}/codes/<code>) "
            "or https://doi.org/...")


def _check_code_mentions(source: SourceFile, tokens: list[tuple[Token, Token]], codes: CodeResolver) -> None:
    for token, block in tokens:
        if token.type not in {"text", "code_inline"}:
            continue
        for mention in dict.fromkeys(_CODE_MENTION.findall(token.content)):
            if codes.span(mention) is None and not codes.elsewhere(mention):
                source.problem(_line(source, block, mention), f"{mention} is not a code of ICD-10-CM, WHO ICD-10 or CIM-10: check it against the classification")


# -- translation pairs and code claims --------------------------------------------------------------
def _check_translation(source: SourceFile, index: dict[tuple[str, str], SourceFile], spans: dict[tuple[str, str], list[CodeSpan]]) -> None:
    target = source.meta.get("translation_of")
    if not isinstance(target, str) or not SLUG.match(target):
        return  # the front matter check has said so
    line = source.line_of("translation_of")
    others = [lang for lang in LANGS if lang != source.lang]
    pair = next((index[(lang, target)] for lang in others if (lang, target) in index), None)
    if pair is None:
        where = " or ".join(f"{lang}/{target}.md" for lang in others)
        source.problem(line, f"translation_of {target!r}: no such article ({where} is missing)")
        return
    if not pair.lines:
        return  # its front matter is unreadable: that problem is reported on its own
    back = pair.meta.get("translation_of")
    if back != source.slug:
        source.problem(line, f"translation_of {target!r}: {pair.display} names {back!r} as its translation, not {source.slug!r}")
        return
    mine = {s.code for s in spans.get((source.lang, source.slug), [])}
    theirs = {s.code for s in spans.get((pair.lang, pair.slug), [])}
    if mine != theirs:
        source.problem(source.line_of("codes"), f"codes differ from the translation {pair.display}: {sorted(mine)} here, {sorted(theirs)} there")
    my_sections = [s.key for s in source.sections if s.key]
    their_sections = [s.key for s in pair.sections if s.key]
    if set(my_sections) != set(their_sections):
        only_here = sorted(set(my_sections) - set(their_sections))
        only_there = sorted(set(their_sections) - set(my_sections))
        line = source.sections[0].line if source.sections else 1
        source.problem(line, f"sections differ from the translation {pair.display}: only here {only_here}, only there {only_there}")


def _check_claims(files: list[SourceFile], spans: dict[tuple[str, str], list[CodeSpan]]) -> None:
    """Two articles of one language claiming the same code would make code pages ambiguous."""
    owner: dict[tuple[str, str], SourceFile] = {}
    for source in files:
        for n, span in enumerate(spans.get((source.lang, source.slug), [])):
            key = (source.lang, span.code)
            first = owner.setdefault(key, source)
            if first is not source:
                source.problem(source.line_of("codes", n), f"code {span.code} is also claimed by {first.display}: one article per code and language")
