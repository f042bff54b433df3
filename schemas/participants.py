"""``participants`` → :class:`ParticipantList`: the event and who takes part, how."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from .common import Conflict, Evidence, Fact, MergedFact, Ungrounded

Status = Literal[
    "host",
    "co_organiser",
    "attendee",
    "remote_attendee",
    "observer",
    "not_invited",
    "no_response",
    "declined",
    "mentioned",
]
Kind = Literal["country", "organisation"]
#: Statuses that say the entity took part in the meeting.
PRESENT: frozenset[Status] = frozenset(
    {"host", "co_organiser", "attendee", "remote_attendee", "observer"}
)
#: Statuses from the most specific role to the weakest ("mentioned"): which one wins when
#: an article lists an entity twice, or a tie between articles.
STATUS_SPECIFICITY: tuple[Status, ...] = (
    "host", "co_organiser", "remote_attendee", "attendee", "observer",
    "no_response", "declined", "not_invited", "mentioned",
)  # fmt: skip


class ParticipantDraft(BaseModel):
    """Model-facing: one country or organisation and its role at the event."""

    name: str = Field(description="Country or organisation exactly as the article writes it.")
    status: Status = Field(
        description=(
            "host: organises or hosts; co_organiser: leads it with the host; attendee: "
            "present in person; remote_attendee: joins remotely/virtually; observer; "
            "not_invited: was not invited; no_response: did not answer the invitation; "
            "declined: refused; mentioned: named but none of the above."
        )
    )
    representative: str | None = Field(
        default=None, description="Person representing it, if the article names one."
    )


class ParticipantsDraft(BaseModel):
    """Model-facing shape of the participants schema."""

    location: str | None = Field(default=None, description="City of the meeting.")
    venue: str | None = Field(default=None, description="Building or venue, if named.")
    date: str | None = Field(default=None, description="Day or date as written.")
    host: str | None = Field(default=None, description="Who hosts the meeting.")
    stated_count: str | None = Field(
        default=None, description="Number of countries exactly as printed, e.g. '34' or 'over 30'."
    )
    participants: list[ParticipantDraft] = Field(
        default_factory=list, description="Every country or organisation named in the article."
    )


class Event(BaseModel):
    """The meeting as one article reports it."""

    location: Fact | None = None
    venue: Fact | None = None
    date: Fact | None = None
    host: Fact | None = None
    stated_count: Fact | None = None


class Participant(BaseModel):
    """One country or organisation in one article."""

    name: str = Field(description="Canonical English short name, e.g. 'United Kingdom'.")
    kind: Kind
    status: Status
    representative: str | None = None
    mention: str = Field(description="The name as the article writes it.")
    evidence: list[Evidence] = Field(min_length=1)


class ParticipantList(BaseModel):
    """The event and its participants according to one article."""

    event: Event = Field(default_factory=Event)
    participants: list[Participant] = Field(default_factory=list)
    ungrounded: list[Ungrounded] = Field(default_factory=list)


class MergedEvent(BaseModel):
    """The event across articles."""

    location: MergedFact | None = None
    venue: MergedFact | None = None
    date: MergedFact | None = None
    host: MergedFact | None = None
    stated_count: MergedFact | None = None


def participant_key(name: str) -> str:
    """How conflicts name a participant's fields: ``participants[France].status``."""
    return f"participants[{name}]"


class MergedParticipant(BaseModel):
    """One real-world participant across all articles."""

    name: str
    kind: Kind
    status: Status
    representative: str | None = None
    sources: list[str]
    evidence: list[Evidence]
    agreement: int = Field(description="How many articles name this participant.")


class MergedParticipantList(BaseModel):
    """One entry per real participant; conflicts where articles disagree."""

    event: MergedEvent = Field(default_factory=MergedEvent)
    participants: list[MergedParticipant] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
