"""Model-facing shapes of the small tasks an article is split into.

Each is flat and short: labels and phrases only. The per-article drafts of
:mod:`schemas.participants`, :mod:`schemas.positions` and :mod:`schemas.proposal` are
assembled from their answers.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from .participants import Status

#: Model-facing role labels that read like the sentences they label, and the SPEC status
#: each stands for. A small model maps "did not respond" to "did_not_respond" far more
#: reliably than to "no_response".
#: The most common role comes first: an unsure small model tends to the first option.
ROLE_LABELS: dict[str, Status] = {
    "attends_in_person": "attendee",
    "joins_remotely": "remote_attendee",
    "hosts_the_meeting": "host",
    "leads_the_initiative_with_the_host": "co_organiser",
    "was_not_invited": "not_invited",
    "did_not_respond": "no_response",
    "refused_to_attend": "declined",
    "observes": "observer",
    "only_mentioned": "mentioned",
}
Role = Literal[
    "attends_in_person",
    "joins_remotely",
    "hosts_the_meeting",
    "leads_the_initiative_with_the_host",
    "was_not_invited",
    "did_not_respond",
    "refused_to_attend",
    "observes",
    "only_mentioned",
]


class EventDraft(BaseModel):
    """The meeting an article reports."""

    location: str | None = Field(default=None, description="City where the meeting is held.")
    venue: str | None = Field(default=None, description="Building or venue, if named.")
    date: str | None = Field(default=None, description="Day or date of the meeting as written.")
    host: str | None = Field(default=None, description="Who hosts the meeting, as written.")
    stated_count: str | None = Field(
        default=None, description="How many countries take part, exactly as printed."
    )


class StatusDraft(BaseModel):
    """The role of one named country or organisation in the meeting.

    ``words`` comes first on purpose: copying the words about the candidate before
    choosing a label makes a small model label the right clause of a long sentence.
    """

    words: str = Field(description="The words of the sentences that say what it does, copied.")
    role: Role
    representative: str | None = Field(
        default=None, description="Full name of the person representing it, if named."
    )


class PhasesDraft(BaseModel):
    """The steps of the plan that one passage describes, in order."""

    phases: list[str] = Field(
        default_factory=list, description="Each step, copied from the passage, in order."
    )
