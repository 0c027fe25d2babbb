"""FHIR R4 terminology operations and HL7 Infobutton knowledge responses, as plain functions
over the library's code systems (:mod:`nosology.codesystems`) that return FHIR-shaped dicts
(no HTTP here)."""

from nosology.terminology.capability import (
    capability_statement,
    code_system,
    code_system_bundle,
    terminology_capabilities,
)
from nosology.terminology.expand import expand
from nosology.terminology.lookup import lookup, subsumes
from nosology.terminology.params import Coding, OpParams
from nosology.terminology.resources import operation_outcome
from nosology.terminology.validate import validate_code

__all__ = [
    "Coding",
    "OpParams",
    "capability_statement",
    "code_system",
    "code_system_bundle",
    "expand",
    "lookup",
    "operation_outcome",
    "subsumes",
    "terminology_capabilities",
    "validate_code",
]
