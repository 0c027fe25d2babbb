"""Build step: the search tables inside the reference database.

Tables (all created here):

``search_term(id, term, lang, code, kind, source)``
    Every searchable term as written, one row per (term, code): official titles, inclusion terms,
    French labels, the lexicon, and article titles and synonyms (kind ``article``, read from the
    ``article_term`` table the articles step, which runs first, leaves behind). A step that adds
    rows after this one must call :func:`refresh_terms` so the derived tables below include them.
``search_doc(id, seq, term_id, kind, lang, stems, head_len, item_kind, code_len)``
    One row per distinct normalised term of an item and language (a French term is shown as matched
    for a French query even when an English one has the same stems), numbered in a static order of merit (fewest
    tokens first, then official titles before other kinds, then classification order). The
    full-text index returns matches in that order, so the first matches of an AND query hold the
    best candidates: the engine scores those and keeps the rest of the answer in that order.
``search_fts``
    FTS5 over the stems of ``search_doc`` (contentless, no positions: only AND/OR of stems are
    ever asked; autocomplete expands a prefix to the commonest words that have it).
``search_norm``
    The tokens and stems of each term, computed once (later refreshes only add the new terms).
``search_vocab(token, kind, df)``
    Folded words (``kind='word'``) and stems (``kind='stem'``) with their document frequency: known
    tokens are never "corrected", unknown ones get typo candidates from the words.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter

from nosology.codes import compact
from nosology.glossary.search_terms import glossary_search_terms
from nosology.ingest.alphaindex.terms import index_search_terms
from nosology.ingest.steps import BuildContext
from nosology.languages import Languages
from nosology.search.lexicon import check_codes, load_lexicon
from nosology.search.normalise import Tokenizer, fold
from nosology.search.stemming import Stemmers

__all__ = ["INDEX_KINDS", "KIND_ORDER", "TERM_KINDS", "build_search_index", "refresh_terms"]

# Kinds a search_term row may have; the order is the tie-break of the static doc order.
TERM_KINDS = ("title", "inclusion_term", "french_title", "abbrev", "synonym", "lay", "article", "index_main", "index", "glossary")
KIND_ORDER = {kind: n for n, kind in enumerate(TERM_KINDS)}
INDEX_KINDS = frozenset({"index_main", "index"})
# Where an ICD title's main concept ends: "Pneumonia, unspecified organism", "Myosite - Main".
_HEAD_END = re.compile(r",| - |\(|\[|:|;")

_TERM_TABLE = """
CREATE TABLE IF NOT EXISTS search_term (
  id INTEGER PRIMARY KEY,
  term TEXT NOT NULL,
  lang TEXT NOT NULL,
  code TEXT NOT NULL,
  kind TEXT NOT NULL,
  source TEXT NOT NULL
)"""

_NORM_TABLE = """
CREATE TABLE IF NOT EXISTS search_norm (
  term_id INTEGER PRIMARY KEY,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  lang TEXT NOT NULL,
  length INTEGER NOT NULL,
  stems TEXT NOT NULL,
  head_len INTEGER NOT NULL,
  words TEXT NOT NULL
)"""

_DERIVED = """
DROP TABLE IF EXISTS search_doc;
DROP TABLE IF EXISTS search_fts;
DROP TABLE IF EXISTS search_vocab;
CREATE TABLE search_doc (
  id INTEGER PRIMARY KEY,
  seq INTEGER NOT NULL,
  term_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  lang TEXT NOT NULL,
  stems TEXT NOT NULL,
  head_len INTEGER NOT NULL,
  item_kind TEXT NOT NULL,
  code_len INTEGER NOT NULL
);
CREATE VIRTUAL TABLE search_fts USING fts5(stems, content='', detail=none, tokenize='ascii');
CREATE TABLE search_vocab (token TEXT NOT NULL, kind TEXT NOT NULL, df INTEGER NOT NULL, PRIMARY KEY (kind, token)) WITHOUT ROWID;
"""


def build_search_index(conn: sqlite3.Connection, ctx: BuildContext) -> None:
    """Collect the terms of the classification and the lexicon, then derive the index."""
    conn.execute(_TERM_TABLE)
    ctx.progress("Search terms", 0, total=3)
    _add_official_terms(conn, ctx.languages)
    ctx.progress("Search lexicon")
    lexicon = _add_lexicon(conn, ctx)
    articles = _add_article_terms(conn)
    index_terms = index_search_terms(conn)  # the Alphabetic Index and its tables (FY2025)
    conn.executemany("INSERT INTO search_term (term, lang, code, kind, source) VALUES (?, ?, ?, ?, ?)", index_terms)
    glossary_terms = glossary_search_terms(conn, ctx.languages)  # lay words in place of their terms (issue 17)
    conn.executemany("INSERT INTO search_term (term, lang, code, kind, source) VALUES (?, ?, ?, ?, ?)", glossary_terms)
    ctx.progress("Search index")
    counts = refresh_terms(conn, ctx.languages)  # derived once, from every kind of term
    ctx.progress("Search index stored")
    ctx.meta["search"] = {**counts, "lexicon_entries": lexicon, "article_terms": articles, "index_terms": len(index_terms),
                      "glossary_terms": len(glossary_terms)}


def _add_article_terms(conn: sqlite3.Connection) -> int:
    """Article titles and synonyms (``article_term``, when the articles step ran).

    A term of a range (J12-J18) goes to the category of the range whose own title says the same
    thing before its qualifiers ("Pneumonia" -> J18 "Pneumonia, unspecified organism"); a term no
    category title says goes to the range's two end codes, the codes a search result can link to.
    """
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'article_term'").fetchone() is None:
        return 0

    def targets(term: str, code: str) -> list[str]:
        known = conn.execute("SELECT 1 FROM lookup WHERE key = ?", (compact(code),)).fetchone()
        if known or "-" not in code:
            return [code]
        ends = list(dict.fromkeys(code.split("-")))
        span = _bounds(conn, code)
        wanted = fold(term)
        heads = [c for c, title in conn.execute("SELECT code, title FROM item WHERE kind = 'category' AND seq BETWEEN ? AND ? ORDER BY seq",
                                                 span) if fold(_split_head(title)[0]) == wanted]
        return heads[:1] or ends

    # a term the classification or the lexicon already gives to one of the article's own codes
    # ("TIA" -> G45.9 in the stroke and TIA article) goes there, not to every code of the article
    entries = conn.execute("SELECT term, lang, slug, code FROM article_term ORDER BY rowid").fetchall()
    article_codes: dict[tuple[str, str], list[str]] = {}
    for _term, lang, slug, code in entries:
        spans = article_codes.setdefault((lang, slug), [])
        if code not in spans:
            spans.append(code)
    within = {key: _codes_within(conn, spans) for key, spans in article_codes.items()}
    covered = set().union(*within.values())
    known: dict[str, set[str]] = {}
    for term, code in conn.execute("SELECT term, code FROM search_term"):
        if code in covered:  # only the terms of articles' codes can matter: fold only those
            known.setdefault(fold(term), set()).add(code)
    rows = []
    for term, lang, slug, code in entries:
        own = sorted(known.get(fold(term), set()) & within[(lang, slug)])
        if own and code != article_codes[(lang, slug)][0]:
            continue  # placed once, with the article's first code
        for one in own or targets(term, code):
            rows.append((term, lang, one, "article", f"nosology article {lang}/{slug}"))
    conn.executemany("INSERT INTO search_term (term, lang, code, kind, source) VALUES (?, ?, ?, ?, ?)", rows)
    return len(rows)


def _bounds(conn: sqlite3.Connection, span: str) -> tuple[int | None, int | None]:
    """The first and last seq of a code or a range of categories (``J12-J18``)."""
    ends = span.split("-")
    first, last = conn.execute("SELECT min(l.seq), max(i.last_seq) FROM lookup l JOIN item i ON i.seq = l.seq WHERE l.key IN (?, ?)",
                               (compact(ends[0]), compact(ends[-1]))).fetchone()
    return first, last


def _codes_within(conn: sqlite3.Connection, spans: list[str]) -> set[str]:
    """Every code that lies in one of ``spans`` (codes or ranges of categories)."""
    found: set[str] = set()
    for span in spans:
        bounds = _bounds(conn, span)
        if bounds[0] is not None:
            found.update(c for (c,) in conn.execute("SELECT code FROM item WHERE seq BETWEEN ? AND ?", bounds))
    return found


def _add_official_terms(conn: sqlite3.Connection, languages: Languages) -> None:
    official = languages.default
    conn.execute(
        "INSERT INTO search_term (term, lang, code, kind, source) "
        "SELECT title, ?, code, 'title', 'ICD-10-CM tabular' FROM item ORDER BY seq", (official.code,)
    )
    conn.execute(
        "INSERT INTO search_term (term, lang, code, kind, source) "
        "SELECT n.text, ?, i.code, 'inclusion_term', 'ICD-10-CM tabular: ' || n.kind FROM note n JOIN item i ON i.seq = n.seq "
        "WHERE n.kind IN ('inclusionTerm', 'includes') ORDER BY n.seq, n.pos", (official.code,)
    )
    # the duplicate check below looks terms up by code: without an index it would scan every term
    conn.execute("CREATE INDEX IF NOT EXISTS search_term_code ON search_term(code, lang)")
    for lang in languages.translated:
        args = {"lang": lang.code, "kind": lang.title_kind, "label": lang.titles.label or lang.titles.system}
        if lang.titles.kind == "cim10":
            # a CIM-10 label belongs to the ICD-10-CM item with the same code (same meaning up to
            # four characters), else to the items whose own title is exactly that label
            conn.execute(
                "INSERT INTO search_term (term, lang, code, kind, source) "
                "SELECT c.title, :lang, i.code, :kind, :label FROM cim10 c "
                "JOIN lookup l ON l.key = c.key JOIN item i ON i.seq = l.seq ORDER BY i.seq", args
            )
        conn.execute(
            "INSERT INTO search_term (term, lang, code, kind, source) "
            "SELECT t.title, :lang, i.code, :kind, :label FROM item_title t JOIN item i ON i.seq = t.seq "
            "WHERE t.lang = :lang AND t.level = 'exact' AND NOT EXISTS ("
            "  SELECT 1 FROM search_term s WHERE s.code = i.code AND s.lang = :lang AND s.term = t.title) "
            "ORDER BY i.seq", args
        )


def _add_lexicon(conn: sqlite3.Connection, ctx: BuildContext) -> int:
    def resolve(text: str) -> str | None:
        row = conn.execute("SELECT i.code FROM lookup l JOIN item i ON i.seq = l.seq WHERE l.key = ?", (compact(text),)).fetchone()
        return None if row is None else str(row[0])

    pairs = check_codes(load_lexicon(ctx.lexicon_dir, ctx.languages.codes), resolve)
    conn.executemany(
        "INSERT INTO search_term (term, lang, code, kind, source) VALUES (?, ?, ?, ?, ?)",
        ((e.term, e.lang, code, e.kind, e.source) for e, code in pairs),
    )
    return len(pairs)


def _split_head(term: str) -> tuple[str, str]:
    match = _HEAD_END.search(term)
    return (term[: match.start()], term[match.start() :]) if match else (term, "")


def _normalise_new_terms(conn: sqlite3.Connection, languages: Languages) -> None:
    """Tokenise and stem the search_term rows not yet in search_norm (the costly part, done once)."""
    stemmers = Stemmers(languages)
    tokenizers = {lang.code: Tokenizer.of(lang) for lang in languages}
    seqs: dict[str, int] = dict(conn.execute("SELECT key, seq FROM lookup").fetchall())
    by_code: dict[str, int | None] = {}
    rows = []
    new = conn.execute(
        "SELECT id, term, lang, kind, code FROM search_term WHERE id > (SELECT coalesce(max(term_id), 0) FROM search_norm)"
    ).fetchall()
    # Titles repeat their parts: a 7th-character code is its parent's title plus one of a few
    # encounter phrases. Each distinct part is tokenised and stemmed once.
    parts: dict[tuple[str, str], tuple[list[str], list[str]]] = {}

    def part(text: str, lang: str) -> tuple[list[str], list[str]]:
        found = parts.get((lang, text))
        if found is None:
            words = tokenizers[lang](text)
            found = parts[(lang, text)] = (words, stemmers.stems(words, lang))
        return found

    for term_id, term, lang, kind, code in new:
        seq = by_code.get(code, -1)
        if seq == -1:
            seq = by_code[code] = seqs.get(compact(code))
        if seq is None:
            continue
        lang_ = lang if lang in languages else languages.default.code
        head_text, rest_text = _split_head(term)
        head_words, head = part(head_text, lang_)
        rest_words, rest = part(rest_text, lang_) if rest_text else ([], [])
        words = head_words + rest_words
        if not words:
            continue
        stems = head + rest
        rows.append((term_id, seq, kind, lang_, len(stems), " ".join(stems), len(head) or len(stems), " ".join(words)))
    conn.executemany("INSERT INTO search_norm VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)


def refresh_terms(conn: sqlite3.Connection, languages: Languages) -> dict[str, int]:
    """(Re)derive ``search_doc``, ``search_fts`` and ``search_vocab`` from ``search_term``."""
    conn.execute(_TERM_TABLE)
    conn.execute(_NORM_TABLE)
    _normalise_new_terms(conn, languages)
    conn.executescript(_DERIVED)
    kind_order = "CASE n.kind " + " ".join(f"WHEN '{k}' THEN {n}" for k, n in KIND_ORDER.items()) + f" ELSE {len(KIND_ORDER)} END"
    # one doc per (item, kind, language, stems), numbered in the static order of merit
    conn.execute(
        "INSERT INTO search_doc (id, seq, term_id, kind, lang, stems, head_len, item_kind, code_len) "
        f"SELECT row_number() OVER (ORDER BY n.length, {kind_order}, n.seq, n.term_id), n.seq, n.term_id, n.kind, n.lang, n.stems, "
        "n.head_len, i.kind, length(replace(i.code, '.', '')) FROM search_norm n JOIN item i ON i.seq = n.seq "
        "WHERE n.term_id IN (SELECT min(term_id) FROM search_norm GROUP BY seq, kind, lang, stems)"
    )
    conn.execute(
        "INSERT INTO search_fts (rowid, stems) SELECT id, stems FROM search_doc ORDER BY id"
    )
    conn.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
    word_df: Counter[str] = Counter()
    stem_df: Counter[str] = Counter()
    lang_df: dict[str, Counter[str]] = {}
    index_words: Counter[str] = Counter()
    index_stems: Counter[str] = Counter()
    for stems, words, lang, kind in conn.execute(
        "SELECT d.stems, n.words, d.lang, d.kind FROM search_doc d JOIN search_norm n ON n.term_id = d.term_id"
    ):
        distinct = set(words.split())
        lang_df.setdefault(lang, Counter()).update(distinct)
        if kind in INDEX_KINDS:
            index_words.update(distinct)
            index_stems.update(set(stems.split()))
        else:
            word_df.update(distinct)
            stem_df.update(set(stems.split()))
    # The Index repeats its words in thousands of paths ("benign" in every row of the Table of
    # Neoplasms): its terms make new words known but leave the rarity of the classification's
    # words, which weighs them in ranking, as it was.
    for counts, extra in ((word_df, index_words), (stem_df, index_stems)):
        for token, n in extra.items():
            counts.setdefault(token, n)
    conn.executemany("INSERT INTO search_vocab VALUES (?, 'word', ?)", sorted(word_df.items()))
    conn.executemany("INSERT INTO search_vocab VALUES (?, 'stem', ?)", sorted(stem_df.items()))
    # which languages each word occurs in: a query word is stemmed in those only
    for lang, counts in sorted(lang_df.items()):
        conn.executemany("INSERT INTO search_vocab VALUES (?, ?, ?)", ((w, f"lang:{lang}", n) for w, n in sorted(counts.items())))
    return {
        "terms": int(conn.execute("SELECT count(*) FROM search_term").fetchone()[0]),
        "docs": int(conn.execute("SELECT count(*) FROM search_doc").fetchone()[0]),
        "words": len(word_df),
        "stems": len(stem_df),
    }
