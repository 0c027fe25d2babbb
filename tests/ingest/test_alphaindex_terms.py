"""Search terms made from the stored Index, on the hand-made fixture of test_alphaindex_parse."""

from __future__ import annotations

from tests.ingest.test_alphaindex_parse import CSV, XML, _db

from nosology.ingest.alphaindex.parse import parse_disease_csv, parse_xml
from nosology.ingest.alphaindex.store import Book, store_books
from nosology.ingest.alphaindex.terms import index_search_terms

EXTRA_CSV = CSV + b"""11,P,1,in,,,(due to),R10.30
12,P,1,lower,,,,R10.30
"""


def _terms() -> dict[tuple[str, str], str]:
    conn = _db()
    conn.execute("INSERT INTO note (seq, kind, pos, text) VALUES (2, 'inclusionTerm', 0, 'Muscle ossification')")  # seq 2 is M61.50
    headings, drugs = parse_xml(XML)
    store_books(conn, [Book("disease", parse_disease_csv(EXTRA_CSV), []), Book("drug", drugs, headings)])
    return {(text, code): kind for text, _, code, kind, _ in index_search_terms(conn)}


def test_paths_are_joined_with_the_main_terms_first_title() -> None:
    terms = _terms()
    assert terms[("Ossification › muscle › paralytic › hip", "M61.25")] == "index"
    assert terms[("Ossification", "M61.5")] == "index_main"
    assert terms[("Pain(s) › abdominal › lower", "R10.30")] == "index"


def test_see_follows_its_target_code_and_invalid_codes_are_never_offered() -> None:
    terms = _terms()
    assert terms[("Abdominalgia", "R10.9")] == "index_main"  # see Pain, abdominal
    assert not any(code is None or text.endswith("retired") for text, code in terms)  # Z99.999 is not in 2026


def test_table_cells_and_connecting_word_paths() -> None:
    terms = _terms()
    assert ("Warfarin tablets, poisoning accidental", "T45.511") in terms
    assert ("Warfarin tablets, adverse effect", "T45.515") in terms
    assert not any(text.endswith("› in") for text, _ in terms)  # "Pain, in (due to) ..." lost its words in the CSV


def test_an_official_term_of_the_same_code_is_not_repeated() -> None:
    terms = _terms()
    # "Ossification › muscle" has the words of M61.50's inclusion term "Muscle ossification": the
    # official text answers for it; a path with other words stays
    assert not any(code == "M61.50" for _, code in terms)
    assert ("Pain(s) › back", "M54.9") in terms
