"""``check_content``: the valid fixture pair passes; each broken fixture gives exactly the
problems it should, each with its file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nosology.content.check import check_content
from nosology.content.codes import CodeResolver
from nosology.content.parse import SourceFile, parse_text

BROKEN = Path(__file__).parent / "fixtures" / "broken"
EN = "en/fixture-condition.md"
FR = "fr/affection-fixture.md"


def problems(content: Path, codes: CodeResolver) -> list[tuple[str, int, str]]:
    result = check_content(content, codes)
    return [(Path(p.file).relative_to(content.resolve()).as_posix(), p.line, p.message) for p in result.problems]


def test_valid_pair_passes(content: Path, codes: CodeResolver) -> None:
    result = check_content(content, codes)
    assert result.problems == []
    assert [f.slug for f in result.files] == ["fixture-condition", "affection-fixture"]
    assert [s.code for s in result.spans[("en", "fixture-condition")]] == ["M61.2"]


# (broken fixture, [(file, line, words the message must contain)]): lines counted in the fixture.
CASES = {
    "missing-section": [
        (EN, 32, "sections differ from the translation"),  # line of '## Overview'
        (FR, 32, "sections differ from the translation"),
        (EN, 49, "missing required section '## Causes'"),  # where it belongs: before '## Risk factors'
    ],
    "wrong-order": [(EN, 45, "'## Symptoms' is out of order: it must come before '## Diagnosis'")],
    "unknown-code": [(EN, 6, "code 'M61.7' is not in ICD-10-CM")],
    "bad-translation": [
        (EN, 5, "translation_of 'affection-inconnue': no such article"),
        (FR, 5, "names 'affection-inconnue' as its translation, not 'affection-fixture'"),
    ],
    "missing-references": [(EN, 11, "2 reference(s): at least 3 are required")],
    "raw-html": [(EN, 41, "raw HTML is not allowed in articles: \"<script>"), (EN, 43, "raw HTML is not allowed in articles: '<img")],
    "broken-link": [
        (EN, 51, "there is no en article 'no-such-article'"),
        (EN, 51, "'M61.77' is not an ICD-10-CM code"),
        (EN, 52, "only https://doi.org/ links are allowed"),
        (EN, 52, "leaves the article's language"),
    ],
    "bad-yaml": [(EN, 7, "front matter is not valid YAML")],
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_fixture(case: str, content: Path, codes: CodeResolver) -> None:
    shutil.copy(BROKEN / f"{case}.md", content / EN)
    found = problems(content, codes)
    assert len(found) == len(CASES[case]), found
    for file, line, words in CASES[case]:
        assert any((f, n) == (file, line) and words in m for f, n, m in found), (file, line, words, found)


def test_every_broken_fixture_is_covered() -> None:
    assert sorted(p.stem for p in BROKEN.glob("*.md")) == sorted(CASES)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# Smaller mistakes, made by editing the valid pair: (file, old, new, line, words).
EDITS = [
    (EN, "*This information does not replace", "*This does not replace", 74, "must end with the notice"),
    (EN, "## Symptoms", "## Symptômes", 37, "is the fr heading: in a en article write '## Symptoms'"),
    (EN, "## Complications", "## Side effects", 58, "unknown section heading '## Side effects'"),
    (EN, "slug: fixture-condition", "slug: fixture-condition\nsulg: x", 3, "unknown front matter field 'sulg' (did you mean 'slug'?)"),
    (EN, "lang: en", "lang: fr", 3, "lang 'fr' but the file is in the 'en' directory"),
    (EN, "codes: [M61.2]", "codes: [m61.2]", 6, "write the code as ICD-10-CM does: 'M61.2'"),
    (EN, "last_reviewed: 2026-11-21", "last_reviewed: 21/11/2026", 10, "last_reviewed must be an ISO date"),
    (EN, "## Overview\n", "Intro text.\n\n## Overview\n", 32, "text before the first section"),
    (EN, "## Overview\n", "# Big title\n\n## Overview\n", 32, "no level-1 headings"),
    (EN, "Stiffness of a joint.", "Stiffness ![x](data:image/png;base64,AAAA).", 39, "images are not allowed"),
    (EN, "Stiffness of a joint.", "[click](javascript:alert(1))", 39, "link 'javascript:alert(1)' is not allowed"),
    (FR, "codes: [M61.2]", "codes: [M61.2, M61.28]", 6, "codes differ from the translation"),
    (EN, "Coded under M61.2.", "Coded under M61.2 or M61.27.", 72, "M61.27 is not a code of ICD-10-CM, WHO ICD-10 or CIM-10"),
    (EN, "title: Fixture condition", "title: Fixture condition\ntitle: Again", 5, "field 'title' is given twice (first on line 4)"),
]


@pytest.mark.parametrize(("file", "old", "new", "line", "words"), EDITS, ids=[e[4][:30] for e in EDITS])
def test_small_mistakes(file: str, old: str, new: str, line: int, words: str, content: Path, codes: CodeResolver) -> None:
    edit(content / file, old, new)
    found = problems(content, codes)
    assert any(f == file and n == line and words in m for f, n, m in found), found


def test_two_articles_claiming_one_code(content: Path, codes: CodeResolver) -> None:
    twin = (content / EN).read_text(encoding="utf-8").replace("slug: fixture-condition", "slug: fixture-twin")
    (content / "en" / "fixture-twin.md").write_text(twin, encoding="utf-8")
    found = problems(content, codes)
    assert any((f, n) == ("en/fixture-twin.md", 6) and m.startswith("code M61.2 is also claimed by") for f, n, m in found), found


def test_stray_language_directory(content: Path, codes: CodeResolver) -> None:
    (content / "de").mkdir()
    result = check_content(content, codes)
    assert any("unknown language directory 'de'" in p.message for p in result.problems)


def test_missing_content_dir_is_empty_not_an_error(tmp_path: Path, codes: CodeResolver) -> None:
    result = check_content(tmp_path / "nothing", codes)
    assert result.files == [] and result.problems == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from([*"-:[]{}#*`<>!()/\n ab\"'|&.\t0", "## ", "---\n", "slug: ", "<script>"]), max_size=120).map("".join))
def test_parsing_never_raises(text: str) -> None:
    source = parse_text(text, SourceFile(path=Path("en/x.md"), display="en/x.md", lang_dir="en"))
    assert all(p.line >= 1 for p in source.problems)


_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 3000) | st.text(max_size=20) | st.dates().map(str),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(["authors", "title", "journal", "year", "doi", "pmid", "x"]), inner, max_size=4),
    max_leaves=12,
)
_KEYS = st.sampled_from(["slug", "lang", "title", "translation_of", "codes", "summary", "synonyms", "last_reviewed", "references", "other"])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(meta=st.dictionaries(_KEYS, _VALUES, max_size=10))
def test_any_front_matter_gives_problems_not_exceptions(meta: dict[str, object], tmp_path_factory: pytest.TempPathFactory, codes: CodeResolver) -> None:
    import yaml

    from nosology.content.check import check_files

    root = tmp_path_factory.mktemp("fm")
    (root / "en").mkdir()
    path = root / "en" / "x.md"
    path.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n\n## Overview\n\ntext\n", encoding="utf-8")
    result = check_files([path], codes)
    assert result.problems and all(p.line >= 1 for p in result.problems)


def test_code_mentions_may_cite_other_classifications(content: Path, codes: CodeResolver) -> None:
    edit(content / FR, "Codé en M61.2.", "Codé en M61.2 (CIM-10 : M61.25, `M61.28`).")
    assert problems(content, codes) == []


def test_a_file_outside_a_language_directory_is_checked_as_english(tmp_path: Path, codes: CodeResolver) -> None:
    from nosology.content.check import check_files

    (tmp_path / "misc").mkdir()
    path = tmp_path / "misc" / "x.md"
    path.write_text("no front matter\n", encoding="utf-8")
    messages = [p.message for p in check_files([path], codes).problems]
    assert any("must start with YAML front matter" in m for m in messages)
    assert any("missing required section '## Overview'" in m for m in messages)
