"""Response models of the JSON API (they are also the OpenAPI schema schemathesis checks)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "COMPAT_LANG",
    "ChangesResponse",
    "CodeResponse",
    "ErrorResponse",
    "InfoResponse",
    "ItemBrief",
    "RetiredCodeResponse",
    "ValidationResponse",
    "with_compat_fields",
]

# JSON compatibility: clients written before the language registry read ``title_fr``,
# ``fr_level`` and ``french``; they are derived here, once, from ``titles`` / ``translations``.
COMPAT_LANG = "fr"


def with_compat_fields(data: dict[str, Any]) -> dict[str, Any]:
    """Add the pre-registry fields to an item brief, a search hit or a code record (in place)."""
    if "titles" in data:
        data["title_fr"] = data["titles"].get(COMPAT_LANG)
    if "translations" in data:
        french = data["translations"].get(COMPAT_LANG)
        data["french"] = french
        data["item"]["fr_level"] = french["level"] if french else None
        for key in ("item", "ancestors", "children"):
            for brief in data[key] if isinstance(data[key], list) else [data[key]]:
                with_compat_fields(brief)
    return data


class ItemBrief(BaseModel):
    code: str
    title: str
    titles: dict[str, str]  # language -> the title in that language (exact or of a broader code)
    title_fr: str | None  # compatibility: titles["fr"]
    kind: str
    billable: bool


class ItemFull(ItemBrief):
    fr_level: str | None  # compatibility: translations["fr"].level
    header: bool


class NoteModel(BaseModel):
    text: str
    items: list[str] = Field(description="The entries printed indented under this note (a lead-in ending in a colon, or a chapter's subheading).")


class NoteGroupModel(BaseModel):
    kind: str
    owner: str
    owner_title: str
    inherited: bool
    notes: list[str] = Field(description="Every note in printed order, flat; see levels and tree for the nesting.")
    levels: list[int] = Field(description="The indentation of each entry of notes: 0, or 1 under the nearest level-0 note before it.")
    tree: list[NoteModel] = Field(description="The notes nested as printed in the tabular.")


class SevenChrModel(BaseModel):
    char: str
    meaning: str


class CodePartModel(BaseModel):
    chars: str
    position: str
    meaning: str
    code: str | None
    title: str | None


class EquivalentModel(BaseModel):
    system: str
    code: str
    title: str
    level: str


class PlainSummaryModel(BaseModel):
    lang: str
    text: str
    notice: str  # "Written from the classification, not medical advice."


class CodeResponse(BaseModel):
    item: ItemFull
    ancestors: list[ItemBrief]
    children: list[ItemBrief]
    notes: list[NoteGroupModel]
    seven_chr: list[SevenChrModel]
    seven_chr_owner: str | None
    decoding: list[CodePartModel]
    translations: dict[str, EquivalentModel]  # language -> the title borrowed for it, with its level
    french: EquivalentModel | None  # compatibility: translations["fr"]
    who: EquivalentModel | None
    billable_children: int
    article: dict[str, Any] | None = None
    history: dict[str, Any] | None = None  # years valid, revisions (nosology.history.CodeHistory)
    drg: dict[str, Any] | None = None  # MS-DRG v43: {version, severity: mcc|cc|null, excluded_with}
    flags: dict[str, Any] | None = None  # manifestation, code first, companions, maternal/newborn
    # billable codes: language -> {lang, text, notice}, written from the classification and our glossary
    plain_summary: dict[str, PlainSummaryModel] = {}


class RetiredCodeResponse(BaseModel):
    """A code of an earlier fiscal year that is not valid now, and what replaced it."""

    code: str
    title: str
    valid: bool
    reason: str
    since: int
    message: str
    history: dict[str, Any]
    ancestor: ItemBrief | None
    replacement: str
    replaced_by: list[ItemBrief]


class ChangesResponse(BaseModel):
    year: int
    previous: int
    counts: dict[str, int]
    by_chapter: list[dict[str, int]]
    changes: dict[str, list[dict[str, Any]]]


class ValidationResponse(BaseModel):
    input: str
    code: str | None
    status: str
    valid: bool
    billable: bool
    message: str
    title: str | None
    suggestions: list[str]


class InfoResponse(BaseModel):
    model_config = ConfigDict(extra="allow")
    sources: list[dict[str, Any]]
    counts: dict[str, Any]
    built_at: str
    schema_version: int


class ErrorResponse(BaseModel):
    status: int
    error: str
    detail: str
    suggestions: list[str] | None = None
