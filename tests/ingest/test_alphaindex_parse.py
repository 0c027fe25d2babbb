"""The Index parsers and the store step on small hand-made fixtures: the CSV tree rebuilt from
order and level, see / see also resolution, non-essential modifiers, dash codes and codes that the
2026 tabular does not have."""

from __future__ import annotations

import sqlite3
from importlib import resources

from nosology.ingest.alphaindex.parse import normalise_code, parse_disease_csv, parse_xml, tree
from nosology.ingest.alphaindex.store import Book, check_code, resolve_reference, store_books

CSV = b"""RowID,Letter,Level,Term,See,SeeAlso,NonEssModif,Code
1,A,0,Abdominalgia,"Pain, abdominal",,,
2,O,0,Ossification,,,(heterotopic),M61.5-
3,O,1,muscle,,,,M61.50
4,O,2,paralytic,,,,M61.2-
5,O,3,hip,,,,M61.25
6,O,1,retired,,,,Z99.999
7,P,0,"Pain(s)",,"Disease, by site",,R52
8,P,1,abdominal,,,,R10.9
9,P,2,lower,,,,R10.30
10,P,1,back,,,(postural),M54.9
"""

XML = b"""<?xml version="1.0" encoding="utf-8"?>
<ICD10CM.index><version>2025</version>
<indexHeading><head col="1">Substance</head><head col="2">Poisoning Accidental (unintentional)</head><head col="6">Adverse effect</head></indexHeading>
<letter><title>W</title>
<mainTerm><title>Warfarin<nemod>(sodium)</nemod> tablets</title><cell col="2">T45.511</cell><cell col="6">T45.515</cell>
  <term level="1"><title>rodenticide</title><see>Rodenticide</see><cell col="2">--</cell></term>
</mainTerm>
<mainTerm><title>Rodenticide</title><subcat>T60.4</subcat></mainTerm>
</letter></ICD10CM.index>"""

ITEMS = [("M615", "M61.5", 0), ("M6150", "M61.50", 1), ("M612", "M61.2", 0), ("M6125", "M61.25", 1), ("R52", "R52", 1),
         ("R109", "R10.9", 1), ("R1030", "R10.30", 1), ("M549", "M54.9", 1), ("T45511", "T45.511", 0), ("T45515", "T45.515", 0),
         ("T604", "T60.4", 0)]


def test_tree_from_order_and_level() -> None:
    nodes = tree([0, 1, 2, 3, 1, 0, 1, 2, 1])
    assert [n.parent for n in nodes] == [None, 0, 1, 2, 0, None, 5, 6, 5]
    assert [n.main for n in nodes] == [0, 0, 0, 0, 0, 5, 5, 5, 5]
    assert [n.last for n in nodes] == [4, 3, 3, 3, 4, 8, 7, 7, 8]
    # a jump of two levels attaches to the nearest shallower term rather than leaving an orphan
    assert tree([0, 2])[1].parent == 0


def test_csv_terms_keep_see_nemod_and_codes() -> None:
    terms = parse_disease_csv(CSV)
    assert len(terms) == 10
    assert terms[0].see == "Pain, abdominal" and terms[0].codes == []
    assert terms[1].nemod == "(heterotopic)" and terms[1].codes == [(0, "M61.5-")]
    assert terms[6].see_also == "Disease, by site"


def test_normalise_code() -> None:
    assert normalise_code("I63.-") == "I63-"
    assert normalise_code(" c79.8- ") == "C79.8-"
    assert normalise_code("--") is None and normalise_code("-") is None


def test_xml_title_nemod_cells_and_subcat() -> None:
    headings, terms = parse_xml(XML)
    assert [(h.col, h.text) for h in headings] == [(1, "Substance"), (2, "Poisoning Accidental (unintentional)"), (6, "Adverse effect")]
    warfarin, rodent_sub, rodenticide = terms
    assert warfarin.title == "Warfarin tablets" and warfarin.nemod == "(sodium)"  # text after a nemod kept
    assert warfarin.codes == [(2, "T45.511"), (6, "T45.515")]
    assert rodent_sub.level == 1 and rodent_sub.codes == [] and rodent_sub.see == "Rodenticide"
    assert rodenticide.codes == [(0, "T60.4-")]  # a subcategory pointer asks for more characters


def test_check_code_classes() -> None:
    known = {key: (code, bool(billable)) for key, code, billable in ITEMS}
    assert check_code("M61.25", known) == ("M61.25", "complete")
    assert check_code("M61.2-", known) == ("M61.2", "incomplete")  # dash
    assert check_code("T45.515", known) == ("T45.515", "incomplete")  # a header: the 7th character is missing
    assert check_code("Z99.999", known) == (None, "invalid")  # not in the 2026 tabular


def test_resolve_reference_longest_main_title_then_children() -> None:
    mains = {"pain s": 7, "abdomen abdominal": 1}
    children = {7: {"abdominal": 8}, 8: {"lower": 9}}
    assert resolve_reference("Pain s, abdominal, lower", mains, children) == (9, True)
    assert resolve_reference("Abdomen, abdominal", mains, children) == (1, True)
    assert resolve_reference("Pain s, thorax", mains, children) == (7, False)
    assert resolve_reference("Nothing", mains, children) == (None, False)


def _db() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.executescript(resources.files("nosology.ingest").joinpath("schema.sql").read_text(encoding="utf-8"))
    conn.executemany("INSERT INTO item (seq, code, key, kind, title, chapter, depth, billable, seventh, n_children, last_seq, n_billable) "
                     "VALUES (?, ?, ?, 'code', ?, 1, 1, ?, 0, 0, ?, 0)",
                     [(n, code, key, code, billable, n) for n, (key, code, billable) in enumerate(ITEMS, start=1)])
    return conn


def test_store_books_counts_and_references() -> None:
    conn = _db()
    headings, drug_terms = parse_xml(XML)
    counts = store_books(conn, [Book("disease", parse_disease_csv(CSV), []), Book("drug", drug_terms, headings)])
    disease = counts["disease"]
    assert isinstance(disease, dict)
    assert disease["rows"] == 10 and disease["main_terms"] == 3
    assert disease["codes"] == {"complete": 6, "incomplete": 2, "invalid": 1}
    # "see Pain, abdominal" reaches the subterm "abdominal" of the main term "Pain(s)"
    see_id, whole = conn.execute("SELECT see_id, see_whole FROM index_term WHERE title = 'Abdominalgia'").fetchone()
    assert whole == 1 and conn.execute("SELECT path FROM index_term WHERE id = ?", (see_id,)).fetchone()[0] == "Pain(s), abdominal"
    # "see also Disease, by site": no such term in this fixture, so it stays unresolved
    assert conn.execute("SELECT see_also_id FROM index_term WHERE title = 'Pain(s)'").fetchone()[0] is None
    assert conn.execute("SELECT trail FROM index_term WHERE title = 'hip'").fetchone()[0] == "Ossification › muscle › paralytic › hip"
    # the drug table's "see Rodenticide" resolves inside its own book
    rodent = conn.execute("SELECT see_id FROM index_term WHERE book = 'drug' AND title = 'rodenticide'").fetchone()[0]
    assert conn.execute("SELECT title FROM index_term WHERE id = ?", (rodent,)).fetchone()[0] == "Rodenticide"
    drug = counts["drug"]
    assert isinstance(drug, dict) and drug["cells_per_column"] == {"0": {"incomplete": 1}, "2": {"incomplete": 1}, "6": {"incomplete": 1}}
    slugs = [r[0] for r in conn.execute("SELECT slug FROM index_term WHERE depth = 0 ORDER BY id")]
    assert slugs == ["abdominalgia", "ossification", "pain-s", "warfarin-tablets", "rodenticide"]
