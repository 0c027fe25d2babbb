"""Operation inputs: GET query strings and POST Parameters bodies read into one shape."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nosology.errors import InvalidParameter
from nosology.terminology.params import Coding, OpParams


def test_query_skips_transport_parameters_and_reads_coding_tokens() -> None:
    params = OpParams.from_query([("_format", "json"), ("code", " M61.28 "), ("coding", "http://hl7.org/fhir/sid/icd-10-cm|M61.2")])
    assert params.text("code") == "M61.28"
    assert "_format" not in params.values
    assert params.coding("coding") == Coding("http://hl7.org/fhir/sid/icd-10-cm", "M61.2")


def test_resource_reads_every_value_type() -> None:
    body = {"resourceType": "Parameters", "parameter": [
        {"name": "code", "valueCode": "M61.28"},
        {"name": "count", "valueInteger": 5},
        {"name": "activeOnly", "valueBoolean": True},
        {"name": "coding", "valueCoding": {"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "M61.2", "display": "x"}},
        {"name": "codeableConcept", "valueCodeableConcept": {"coding": [{"code": "A"}, {"code": "B"}]}},
    ]}
    params = OpParams.from_resource(body)
    assert params.text("code") == "M61.28"
    assert params.integer("count", 100, low=0, high=1000) == 5
    assert params.flag("activeOnly") is True
    assert params.coding("coding") == Coding("http://hl7.org/fhir/sid/icd-10-cm", "M61.2", "x")
    assert [c.code for c in params.codeable_concept("codeableConcept") or []] == ["A", "B"]


@pytest.mark.parametrize(("body", "message"), [
    ({"resourceType": "Patient"}, "must be a FHIR Parameters resource"),
    ([], "must be a FHIR Parameters resource"),
    ({"resourceType": "Parameters", "parameter": {"name": "x"}}, "must be a list"),
    ({"resourceType": "Parameters", "parameter": [{"valueCode": "x"}]}, "needs a name"),
    ({"resourceType": "Parameters", "parameter": [{"name": "code"}]}, "exactly one value"),
    ({"resourceType": "Parameters", "parameter": [{"name": "coding", "valueCoding": {"system": "s"}}]}, "Coding with a code"),
    ({"resourceType": "Parameters", "parameter": [{"name": "count", "valueDecimal": 1.5}]}, "valueDecimal is not supported"),
])
def test_bad_resources_are_named(body: object, message: str) -> None:
    with pytest.raises(InvalidParameter, match=message):
        OpParams.from_resource(body)


def test_readers_reject_bad_values() -> None:
    params = OpParams.from_query([("count", "ten"), ("offset", "-1"), ("activeOnly", "maybe"), ("code", "A"), ("code", "B"),
                                  ("displayLanguage", "de")])
    with pytest.raises(InvalidParameter, match="whole number"):
        params.integer("count", 1, low=0, high=10)
    with pytest.raises(InvalidParameter, match="between 0 and 10"):
        params.integer("offset", 0, low=0, high=10)
    with pytest.raises(InvalidParameter, match="true or false"):
        params.flag("activeOnly")
    with pytest.raises(InvalidParameter, match="given 2 times"):
        params.text("code")
    with pytest.raises(InvalidParameter, match="use en or fr"):
        params.language()
    with pytest.raises(InvalidParameter, match="missing required parameter 'system'"):
        params.text("system", required=True)
    with pytest.raises(InvalidParameter, match="unknown parameter 'activeOnly'"):
        params.reject_unknown({"code", "count", "offset", "displayLanguage"})


def test_language_tags() -> None:
    assert OpParams.from_query([("displayLanguage", "fr-FR")]).language() == "fr"
    assert OpParams.from_query([("displayLanguage", "en_US")]).language() == "en"
    assert OpParams.from_query([]).language() == "en"


def test_codeable_concept_needs_post() -> None:
    with pytest.raises(InvalidParameter, match="POST"):
        OpParams.from_query([("codeableConcept", "x")])


@given(st.lists(st.tuples(st.text(max_size=20), st.text(max_size=1200)), max_size=6))
def test_any_query_reads_or_fails_cleanly(items: list[tuple[str, str]]) -> None:
    with contextlib.suppress(InvalidParameter):
        params = OpParams.from_query(items)
        for name in params.values:
            with contextlib.suppress(InvalidParameter):
                params.text(name)
