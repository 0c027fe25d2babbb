"""Read one article file: YAML front matter and level-2 sections, each with its line number.

Parsing never raises on bad content: what cannot be read becomes a :class:`Problem` and the
parts that could be read are still returned, so one run reports every mistake.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from nosology.content.format import LANGS, NOTICE, heading_key
from nosology.content.render import make_markdown

__all__ = ["Problem", "SourceFile", "SourceSection", "parse_file", "parse_text"]


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, at one line (1-based; 1 when the whole file is concerned)."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "message": self.message}


@dataclass
class SourceSection:
    heading: str
    key: str | None  # None: not a heading of the format
    line: int
    tokens: list[Token]  # the section's body tokens (heading excluded)


@dataclass
class SourceFile:
    path: Path
    display: str  # the path as printed in problems
    lang_dir: str  # the directory the file sits in (en, fr)
    meta: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # front matter key -> line
    item_lines: dict[str, list[int]] = field(default_factory=dict)  # list field -> line of each item
    body_line: int = 1  # file line of the body's first line
    body: str = ""
    tokens: list[Token] = field(default_factory=list)
    env: dict[str, Any] = field(default_factory=dict)
    sections: list[SourceSection] = field(default_factory=list)
    preamble_line: int | None = None  # first line of text before the first section
    notice_tokens: list[Token] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def lang(self) -> str:
        lang = self.meta.get("lang")
        if isinstance(lang, str) and lang in LANGS:
            return lang
        return self.lang_dir if self.lang_dir in LANGS else LANGS[0]

    @property
    def slug(self) -> str:
        slug = self.meta.get("slug")
        return slug if isinstance(slug, str) else self.path.stem

    def line_of(self, key: str, index: int | None = None) -> int:
        """The file line of a front matter field (or of one item of a list field)."""
        if index is not None:
            items = self.item_lines.get(key, [])
            if index < len(items):
                return items[index]
        return self.lines.get(key, 1)

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.display, line, message))


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def parse_file(path: Path, md: MarkdownIt | None = None) -> SourceFile:
    source = SourceFile(path=path, display=_display(path), lang_dir=path.parent.name)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        source.problem(1, f"cannot read the file as UTF-8 text ({exc.__class__.__name__})")
        return source
    return parse_text(text, source, md)


def parse_text(text: str, source: SourceFile, md: MarkdownIt | None = None) -> SourceFile:
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").split("\n")
    body_start = _front_matter(lines, source)
    source.body_line = body_start + 1
    source.body = "\n".join(lines[body_start:])
    _sections(source, md or make_markdown())
    return source


def _front_matter(lines: list[str], source: SourceFile) -> int:
    """Parse the front matter into ``source``; return the index of the body's first line."""
    if not lines or lines[0].strip() != "---":
        source.problem(1, "the file must start with YAML front matter: a line '---', the fields, then a line '---'")
        return 0
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in {"---", "..."}), None)
    if end is None:
        source.problem(1, "the front matter is not closed: add a line '---' after its last field")
        return 0
    block = "\n".join(lines[1:end])
    try:
        node, data = _load_yaml(block)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = 2 + mark.line if mark is not None else 1
        started = ""
        if exc.context and exc.context_mark is not None and 2 + exc.context_mark.line != line:
            started = f" ({exc.context} that starts on line {2 + exc.context_mark.line})"
        source.problem(line, f"front matter is not valid YAML: {exc.problem or exc.context}{started}")
        return end + 1
    except yaml.YAMLError as exc:
        source.problem(1, f"front matter is not valid YAML: {exc}")
        return end + 1
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        source.problem(2, "front matter must be a mapping of fields (key: value)")
        return end + 1
    source.meta = {str(k): v for k, v in data.items()}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        line = 2 + key_node.start_mark.line
        if key in source.lines:
            source.problem(line, f"field {key!r} is given twice (first on line {source.lines[key]})")
            continue
        source.lines[key] = line
        if isinstance(value_node, yaml.SequenceNode):
            source.item_lines[key] = [2 + item.start_mark.line for item in value_node.value]
    return end + 1


def _load_yaml(block: str) -> tuple[Any, Any]:
    """The node tree (for line numbers) and the data built from it, parsing the text once."""
    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 5x faster
    loader = loader_class(block)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def _inline_text(tokens: list[Token], index: int) -> str:
    nxt = tokens[index + 1] if index + 1 < len(tokens) else None
    return nxt.content.strip() if nxt is not None and nxt.type == "inline" else ""


def _is_notice(tokens: list[Token], lang: str) -> bool:
    """True when ``tokens`` end with a top-level paragraph holding exactly the notice."""
    if len(tokens) < 3 or tokens[-3].type != "paragraph_open" or tokens[-3].level != 0:
        return False
    wanted = " ".join(NOTICE.get(lang, "").split())
    return " ".join(tokens[-2].content.split()) == wanted


def _sections(source: SourceFile, md: MarkdownIt) -> None:
    env: dict[str, Any] = {}
    tokens = md.parse(source.body, env)
    source.tokens, source.env = tokens, env
    offset = source.body_line
    heads = [i for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2" and t.level == 0]
    first = heads[0] if heads else len(tokens)
    preamble = next((t for t in tokens[:first] if t.map is not None), None)
    if preamble is not None and preamble.map is not None:
        source.preamble_line = offset + preamble.map[0]
    for n, start in enumerate(heads):
        stop = heads[n + 1] if n + 1 < len(heads) else len(tokens)
        heading = _inline_text(tokens, start)
        line = offset + (tokens[start].map or [0])[0]
        body = tokens[start + 3 : stop]  # skip heading_open, inline, heading_close
        source.sections.append(SourceSection(heading, heading_key(source.lang, heading), line, body))
    if source.sections:
        last = source.sections[-1]
        if _is_notice(last.tokens, source.lang):
            source.notice_tokens = last.tokens[-3:]
            last.tokens = last.tokens[:-3]
