"""Model-facing shapes of the small tasks an article is split into.

Each is flat and short: labels and phrases only. The per-article drafts of
:mod:`schemas.participants`, :mod:`schemas.positions` and :mod:`schemas.proposal` are
assembled from their answers.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

#: The answer to "did it take part?": one constrained word, not a label among nine, which
#: a small model answers far more reliably. How it took part (hosting, remotely, as an
#: observer) and why it did not are read from the text (``service.builtins.participants``).
TookPart = Literal["yes", "no"]


class EventDraft(BaseModel):
    """The meeting an article reports."""

    location: str | None = Field(default=None, description="City where the meeting is held.")
    venue: str | None = Field(default=None, description="Building or venue, if named.")
    date: str | None = Field(default=None, description="Day or date of the meeting as written.")
    host: str | None = Field(default=None, description="Who hosts the meeting, as written.")
    stated_count: str | None = Field(
        default=None, description="How many countries take part, exactly as printed."
    )


class TookPartDraft(BaseModel):
    """Whether one named country or organisation took part in the meeting the article reports."""

    took_part: TookPart


class ArmedDraft(BaseModel):
    """Whether a group a sentence names is a security force (soldiers, police, patrol craft)."""

    armed: TookPart


class PhasesDraft(BaseModel):
    """The steps of the plan that one passage describes, in order."""

    phases: list[str] = Field(
        default_factory=list, description="Each step, copied from the passage, in order."
    )
