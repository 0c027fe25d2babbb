"""Code systems behind one interface (:class:`CodeSystem`): ICD-10-CM and WHO ICD-10, found
through a registry (:class:`CodeSystems`, ``Library.code_systems``)."""

from nosology.codesystems.base import (
    CONCEPT_KINDS,
    CodeSystem,
    Concept,
    Page,
    PastConcept,
    Property,
    PropertyValue,
    SystemInfo,
    Unknown,
)
from nosology.codesystems.icd10cm import ICD10CM, Icd10Cm
from nosology.codesystems.registry import CodeSystems
from nosology.codesystems.who import WHO_ICD10, WhoIcd10

__all__ = [
    "CONCEPT_KINDS",
    "ICD10CM",
    "WHO_ICD10",
    "CodeSystem",
    "CodeSystems",
    "Concept",
    "Icd10Cm",
    "Page",
    "PastConcept",
    "Property",
    "PropertyValue",
    "SystemInfo",
    "Unknown",
    "WhoIcd10",
]
