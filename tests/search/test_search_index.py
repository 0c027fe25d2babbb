"""The build step and the ranking rules on a small hand-made classification (no full data needed).

Items (seq, code, kind, title): a category with an unspecified code and a specific child, so the
rules "exact title first", "condition without detail -> category or unspecified code" and
"the hook for later steps" can be checked on data whose every row is visible here.
"""

from __future__ import annotations

import sqlite3
from importlib import resources
from pathlib import Path

import pytest

from nosology.classification import Classification
from nosology.ingest.steps import BuildContext
from nosology.languages import default_languages
from nosology.search.engine import SearchEngine
from nosology.search.index import build_search_index, refresh_terms
from nosology.search.lexicon import LexiconError
from nosology.store import ReferenceStore

# seq, code, kind, title, parent, billable, title_fr
ITEMS = [
    (1, "10", "chapter", "Diseases of the respiratory system", None, 0, None),
    (2, "J09-J18", "block", "Influenza and pneumonia", 1, 0, None),
    (3, "J18", "category", "Pneumonia, unspecified organism", 2, 0, "Pneumopathie à micro-organisme non précisé"),
    (4, "J18.9", "code", "Pneumonia, unspecified organism", 3, 1, "Pneumopathie, sans précision"),
    (5, "J18.1", "code", "Lobar pneumonia, unspecified organism", 3, 1, "Pneumopathie lobaire, sans précision"),
    (6, "J13", "category", "Pneumonia due to Streptococcus pneumoniae", 2, 1, None),
    (7, "M61", "category", "Calcification and ossification of muscle", 1, 0, "Calcification et ossification de muscles"),
    (8, "M61.3", "code", "Calcification and ossification of muscles associated with burns", 7, 1, None),
]
NOTES = [(8, "inclusionTerm", 0, "Myositis ossificans associated with burns")]
CIM = [("J189", "J18.9", "Pneumopathie, sans précision"), ("M613", "M61.3", "Calcification et ossification de muscles associées à des brûlures")]


def make_db(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.executescript(resources.files("nosology.ingest").joinpath("schema.sql").read_text(encoding="utf-8"))
    last = {seq: seq for seq, *_ in ITEMS}
    for seq, _code, _kind, _title, parent, *_ in reversed(ITEMS):
        if parent is not None:
            last[parent] = max(last[parent], last[seq])
    # columns by name; any other NOT NULL column the schema gains later gets 0
    columns = {r[1]: r[3] for r in conn.execute("PRAGMA table_info(item)")}
    for seq, code, kind, title, parent, billable, title_fr in ITEMS:
        key = code.replace(".", "")
        row = {"seq": seq, "code": code, "key": key, "kind": kind, "title": title, "parent": parent, "chapter": 10,
               "depth": 0 if parent is None else 1, "billable": billable, "seventh": 0,
               "n_children": sum(1 for i in ITEMS if i[4] == seq), "last_seq": last[seq]}
        row.update({name: 0 for name, notnull in columns.items() if notnull and name not in row})
        conn.execute(f"INSERT INTO item ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", tuple(row.values()))
        if title_fr:
            conn.execute("INSERT INTO item_title VALUES ('fr', ?, ?, 'exact', ?)", (seq, title_fr, code))
        conn.execute("INSERT INTO lookup VALUES (?, ?)", (key, seq))
    conn.executemany("INSERT INTO note (seq, kind, pos, text) VALUES (?, ?, ?, ?)", NOTES)
    conn.executemany("INSERT INTO cim10 VALUES (?, ?, ?)", CIM)
    conn.execute("INSERT INTO meta VALUES ('complete', 'true')")
    return conn


def lexicon_dir(tmp_path: Path, lines: list[str]) -> Path:
    d = tmp_path / "lexicon"
    d.mkdir()
    (d / "test.tsv").write_text("term\tlang\tcode\tkind\tsource\n" + "".join(f"{line}\n" for line in lines), encoding="utf-8")
    return d


@pytest.fixture()
def engine(tmp_path: Path) -> SearchEngine:
    path = tmp_path / "mini.sqlite"
    conn = make_db(path)
    ctx = BuildContext(lexicon_dir=lexicon_dir(tmp_path, ["lung infection\ten\tJ18.9\tlay\ttest", "CAP\ten\tJ18.9\tabbrev\ttest"]))
    build_search_index(conn, ctx)
    conn.commit()
    conn.close()
    assert ctx.meta["search"]["lexicon_entries"] == 2
    store = ReferenceStore(path)
    return SearchEngine(store, Classification(store))


def codes(engine: SearchEngine, query: str) -> list[str]:
    return [h.code for h in engine.search(query).results]


def test_docs_are_numbered_in_order_of_merit(engine: SearchEngine) -> None:
    lengths = [len(r["stems"].split()) for r in engine.store.query("SELECT stems FROM search_doc ORDER BY id")]
    assert lengths == sorted(lengths)


def test_condition_without_detail_prefers_category_then_unspecified(engine: SearchEngine) -> None:
    # J18 and J18.9 share the title; the category is broader. Both before the specific ones.
    assert codes(engine, "pneumonia")[:2] == ["J18", "J18.9"]
    assert {"J18.1", "J13"} <= set(codes(engine, "pneumonia")[2:])


def test_more_specific_query_prefers_specific_code(engine: SearchEngine) -> None:
    assert codes(engine, "lobar pneumonia")[0] == "J18.1"
    assert codes(engine, "ossification muscles burns")[0] == "M61.3"


def test_sources_and_matched(engine: SearchEngine) -> None:
    hit = engine.search("myositis ossificans associated with burns").results[0]
    assert (hit.code, hit.matched) == ("M61.3", "inclusion_term")
    hit = engine.search("pneumopathie sans precision").results[0]
    assert (hit.code, hit.matched) == ("J18.9", "french_title")
    hit = engine.search("lung infection").results[0]
    assert (hit.code, hit.matched, hit.matched_text) == ("J18.9", "synonym", "lung infection")
    assert engine.search("cap").results[0].code == "J18.9"


def test_partial_matches_when_not_every_word_is_found(engine: SearchEngine) -> None:
    assert codes(engine, "muscle ossification after burns zzzz")[0] == "M61.3"


def test_hook_for_later_steps(tmp_path: Path) -> None:
    path = tmp_path / "hook.sqlite"
    conn = make_db(path)
    build_search_index(conn, BuildContext())
    conn.execute("INSERT INTO search_term (term, lang, code, kind, source) VALUES ('bone in muscle', 'en', 'M61', 'article', 'test')")
    before = conn.execute("SELECT count(*) FROM search_doc").fetchone()[0]
    counts = refresh_terms(conn, default_languages())
    conn.commit()
    conn.close()
    assert counts["docs"] == before + 1
    store = ReferenceStore(path)
    hit = SearchEngine(store, Classification(store)).search("bone in muscle").results[0]
    assert (hit.code, hit.matched, hit.matched_text) == ("M61", "article", "bone in muscle")


def test_unknown_lexicon_code_fails_the_build_with_file_and_line(tmp_path: Path) -> None:
    conn = make_db(tmp_path / "bad.sqlite")
    ctx = BuildContext(lexicon_dir=lexicon_dir(tmp_path, ["lung infection\ten\tJ18.9\tlay\ttest", "broken\ten\tJ99.99\tlay\ttest"]))
    with pytest.raises(LexiconError, match=r"test\.tsv:3: 'J99\.99' is not an ICD-10-CM code"):
        build_search_index(conn, ctx)


def test_database_without_search_index_is_a_clean_error(tmp_path: Path) -> None:
    from nosology.errors import DataCorrupt

    path = tmp_path / "nosearch.sqlite"
    make_db(path).commit()
    store = ReferenceStore(path)
    engine = SearchEngine(store, Classification(store))
    engine.warm()  # never raises: the app starts, the search says what is wrong
    with pytest.raises(DataCorrupt, match="run `nosology build`"):
        engine.search("pneumonia")
    with pytest.raises(DataCorrupt):
        engine.suggest("pneu")
    assert engine.search("J18").results[0].code == "J18"  # code lookup does not need the index
