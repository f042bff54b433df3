"""Merging of the participants schema: one entry per country or organisation."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from schemas.common import Conflict, SourcedValue
from schemas.participants import (
    STATUS_SPECIFICITY,
    MergedEvent,
    MergedParticipant,
    MergedParticipantList,
    Participant,
    ParticipantList,
    Status,
    participant_key,
)

from ...merge import merge_scalar

#: Statuses that say only "named"; they never conflict with a specific one.
_WEAK_STATUS = "mentioned"


def merge_participants(records: Mapping[str, ParticipantList]) -> MergedParticipantList:
    """One entry per participant; status and stated-count conflicts reported."""
    conflicts: list[Conflict] = []
    event_fields = tuple(MergedEvent.model_fields)
    event = MergedEvent.model_validate(
        {
            field: merge_scalar(
                f"event.{field}",
                [(s, f) for s, r in records.items() if (f := getattr(r.event, field)) is not None],
                conflicts,
                report=field in ("stated_count", "date", "location"),
            )
            for field in event_fields
        }
    )
    groups: dict[str, list[tuple[str, Participant]]] = {}
    for source, record in records.items():
        for p in record.participants:
            groups.setdefault(p.name.casefold(), []).append((source, p))
    participants = []
    for entries in groups.values():
        first = entries[0][1]
        statuses: dict[Status, list[str]] = {}
        for source, p in entries:
            statuses.setdefault(p.status, []).append(source)
        strong = {k: v for k, v in statuses.items() if k != _WEAK_STATUS} or statuses
        status = max(strong, key=lambda k: (len(strong[k]), -STATUS_SPECIFICITY.index(k)))
        if len(strong) > 1:
            conflicts.append(
                Conflict(
                    field=f"{participant_key(first.name)}.status",
                    values=[SourcedValue(value=k, sources=sorted(v)) for k, v in strong.items()],
                )
            )
        reps = [p.representative for _, p in entries if p.representative]
        sources = sorted({s for s, _ in entries})
        participants.append(
            MergedParticipant(
                name=first.name,
                kind=first.kind,
                status=status,
                representative=Counter(reps).most_common(1)[0][0] if reps else None,
                sources=sources,
                evidence=[e for _, p in entries for e in p.evidence],
                agreement=len(sources),
            )
        )
    participants.sort(key=lambda p: (STATUS_SPECIFICITY.index(p.status), -p.agreement, p.name))
    return MergedParticipantList(
        event=event, participants=participants, sources=sorted(records), conflicts=conflicts
    )
