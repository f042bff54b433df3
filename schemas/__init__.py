"""Pydantic schemas of summarise.

Each schema module holds three kinds of model:

* a *draft*: the flat, short shape the language model is asked to fill (names and labels
  only; evidence is never asked of the model, it comes from alignment);
* the *per-article record*: the draft after grounding, every value with evidence;
* the *merged record*: all articles combined, with sources and conflicts.
"""

from .common import Conflict, Evidence, Fact, MergedFact, SourcedValue, Ungrounded, json_schema
from .participants import (
    Event,
    MergedEvent,
    MergedParticipant,
    MergedParticipantList,
    Participant,
    ParticipantList,
    ParticipantsDraft,
)
from .positions import (
    MergedPosition,
    MergedPositionList,
    PositionList,
    PositionsDraft,
    Quote,
    StatedPosition,
)
from .proposal import MergedProposal, ProposalDraft, SecurityForceProposal

__all__ = [
    "Conflict",
    "Event",
    "Evidence",
    "Fact",
    "MergedEvent",
    "MergedFact",
    "MergedParticipant",
    "MergedParticipantList",
    "MergedPosition",
    "MergedPositionList",
    "MergedProposal",
    "Participant",
    "ParticipantList",
    "ParticipantsDraft",
    "PositionList",
    "PositionsDraft",
    "ProposalDraft",
    "Quote",
    "SecurityForceProposal",
    "SourcedValue",
    "StatedPosition",
    "Ungrounded",
    "json_schema",
]
