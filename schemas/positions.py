"""``positions`` → :class:`StatedPosition` list: who said what about the proposal."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from .common import Conflict, Evidence, SourcedValue, Ungrounded

Stance = Literal["supports", "conditional", "sceptical", "opposes", "neutral"]


class PositionDraft(BaseModel):
    """Model-facing: one speaker's position."""

    speaker: str = Field(
        description="Person or body as the article names them, e.g. 'a senior Danish official'."
    )
    role: str | None = Field(default=None, description="Their title or function.")
    affiliation: str | None = Field(default=None, description="Country or organisation.")
    stance: Stance = Field(
        description=(
            "Toward the security force: supports, conditional (supports with conditions), "
            "sceptical, opposes, neutral."
        )
    )
    quote: str | None = Field(
        default=None, description="Their direct quote copied exactly, if the article has one."
    )


class PositionsDraft(BaseModel):
    """Model-facing shape of the positions schema."""

    positions: list[PositionDraft] = Field(default_factory=list)


class Quote(BaseModel):
    """A direct quote found verbatim in the article."""

    text: str
    evidence: list[Evidence] = Field(min_length=1)


class StatedPosition(BaseModel):
    """One speaker's stated position in one article."""

    speaker: str
    role: str | None = None
    affiliation: str | None = None
    stance: Stance
    claim: str = Field(
        description="What they said: the article's sentence where the speaker is named."
    )
    quotes: list[Quote] = Field(default_factory=list)
    evidence: list[Evidence] = Field(min_length=1, description="Where the speaker is named.")


class PositionList(BaseModel):
    """Every stated position in one article."""

    positions: list[StatedPosition] = Field(default_factory=list)
    ungrounded: list[Ungrounded] = Field(default_factory=list)


def position_key(speaker: str) -> str:
    """How conflicts name a speaker's fields: ``positions[Emmanuel Macron].stance``."""
    return f"positions[{speaker}]"


class MergedPosition(BaseModel):
    """One speaker across all articles."""

    speaker: str
    role: str | None = None
    affiliation: str | None = None
    stance: Stance
    claims: list[SourcedValue]
    quotes: list[Quote] = Field(default_factory=list)
    sources: list[str]
    evidence: list[Evidence]
    agreement: int


class MergedPositionList(BaseModel):
    """Positions merged by speaker; conflicts where stances differ."""

    positions: list[MergedPosition] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
