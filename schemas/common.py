"""Building blocks shared by every schema: evidence, grounded facts, conflicts."""

from __future__ import annotations

from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, Field

Alignment = Literal["exact", "normalised", "fuzzy", "entity", "passage"]


class Evidence(BaseModel):
    """A verbatim span of one article: ``text[start:end] == quote``."""

    source: str = Field(description="Article id (file name without extension).")
    quote: str = Field(description="The exact characters of the article between start and end.")
    start: int = Field(ge=0, description="Offset of the first character, in decoded characters.")
    end: int = Field(ge=0, description="Offset one past the last character.")
    alignment: Alignment = Field(
        default="exact",
        description=(
            "How the model's words were found: exact, normalised (case, quotes, dashes, "
            "spaces), fuzzy, entity (the value's name was found instead of its quote), or "
            "passage (a label the model chose; the evidence is the passage it read)."
        ),
    )


class Fact(BaseModel):
    """One value extracted from one article, with the spans that support it."""

    value: str
    evidence: list[Evidence] = Field(min_length=1)


class Ungrounded(BaseModel):
    """A value the model returned that could not be found in its article."""

    field: str
    value: str
    reason: str


class SourcedValue(BaseModel):
    """One of several values for a field, with the articles that state it."""

    value: str
    sources: list[str]


class Conflict(BaseModel):
    """Sources disagree on ``field``; every distinct value is listed with its sources."""

    field: str
    values: list[SourcedValue] = Field(min_length=2)

    def concerns(self, key: str) -> bool:
        """Whether this conflict is about ``key`` (``event.date``) or a field below it."""
        return self.field == key or self.field.startswith(key + ".")


class MergedFact(BaseModel):
    """A value after merging: which articles support it and where."""

    value: str
    sources: list[str]
    evidence: list[Evidence]
    agreement: int = Field(description="How many articles support this value.")


@cache
def json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """``model.model_json_schema()``, built once per model (read-only: do not modify)."""
    return model.model_json_schema()


def evidence_in(node: Any) -> list[dict[str, Any]]:
    """Every evidence object (source, quote, start, end) anywhere in a JSON tree."""
    if isinstance(node, dict):
        own = [node] if {"source", "quote", "start", "end"} <= node.keys() else []
        return own + [e for v in node.values() for e in evidence_in(v)]
    if isinstance(node, list):
        return [e for v in node for e in evidence_in(v)]
    return []
