"""WHO ICD-10 concepts are read in batches: a 1,000-concept $expand costs a handful of queries,
and gives the same concepts as reading them one by one."""

from __future__ import annotations

from nosology.library import Library
from nosology.terminology import OpParams, expand


def test_batched_concepts_equal_one_by_one(library: Library) -> None:
    codes = [r["code"] for r in library.store.query("SELECT code FROM who WHERE kind IN ('category', 'subcategory') ORDER BY key LIMIT 300")]
    who = library.code_systems.resolve("http://hl7.org/fhir/sid/icd-10")
    assert who.concepts(codes) == [who.concept(c) for c in codes]


def test_a_thousand_concept_expand_is_a_few_queries(library: Library) -> None:
    statements: list[str] = []
    conn = library.store.connection()
    conn.set_trace_callback(statements.append)
    try:
        result = expand(library, OpParams.from_query([("url", "http://hl7.org/fhir/sid/icd-10?fhir_vs"), ("count", "1000")]))
    finally:
        conn.set_trace_callback(None)
    assert len(result["expansion"]["contains"]) == 1000
    assert len(statements) < 20, len(statements)
