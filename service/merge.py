"""Combine per-article records into one merged record per schema.

One entry per real-world entity (canonical names, person keys), phrases merged by
near-duplicate detection, and a :class:`Conflict` wherever the articles disagree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TypeVar

from pydantic import BaseModel
from rapidfuzz import fuzz, utils

from schemas.common import Conflict, Fact, MergedFact, SourcedValue
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
from schemas.positions import (
    MergedPosition,
    MergedPositionList,
    PositionList,
    Quote,
    Stance,
    StatedPosition,
    position_key,
)
from schemas.proposal import (
    LIST_FIELDS,
    MergedProposal,
    MergedSize,
    SecurityForceProposal,
)

from .canon import person_key, same_person
from .ground import fold

_R = TypeVar("_R", bound=BaseModel)

#: Two phrases at or above this token-set similarity are one item.
SIMILARITY = 85.0
#: Statuses that say only "named"; they never conflict with a specific one.
_WEAK_STATUS = "mentioned"


def similar(a: str, b: str) -> bool:
    """Whether two phrases say the same (case, accents, near-duplicates; comparable length)."""
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return True
    # token_set_ratio scores any subset 100: "naval" would swallow "naval patrols in the
    # Black Sea". A phrase with more than twice the words of the other says more.
    short, long = sorted((len(fa.split()), len(fb.split())))
    if short * 2 < long:
        return False
    return fuzz.token_set_ratio(fa, fb, processor=utils.default_process) >= SIMILARITY


def cluster_facts(items: Iterable[tuple[str, Fact]]) -> list[MergedFact]:
    """Group near-duplicate facts from several sources; most supported first."""
    clusters: list[list[tuple[str, Fact]]] = []
    for source, fact in items:
        for cluster in clusters:
            if similar(cluster[0][1].value, fact.value):
                cluster.append((source, fact))
                break
        else:
            clusters.append([(source, fact)])
    merged = []
    for cluster in clusters:
        sources = sorted({s for s, _ in cluster})
        # The wording stated by most sources represents the cluster; ties keep the first.
        value = Counter(f.value for _, f in cluster).most_common(1)[0][0]
        evidence = [e for _, f in cluster for e in f.evidence]
        merged.append(
            MergedFact(value=value, sources=sources, evidence=evidence, agreement=len(sources))
        )
    merged.sort(key=lambda m: -m.agreement)
    return merged


def _scalar(
    field: str, items: list[tuple[str, Fact]], conflicts: list[Conflict], *, report: bool
) -> MergedFact | None:
    clusters = cluster_facts(items)
    if not clusters:
        return None
    if report and len(clusters) > 1:
        conflicts.append(
            Conflict(
                field=field,
                values=[SourcedValue(value=c.value, sources=c.sources) for c in clusters],
            )
        )
    return clusters[0]


def merge_participants(records: Mapping[str, ParticipantList]) -> MergedParticipantList:
    """One entry per participant; status and stated-count conflicts reported."""
    conflicts: list[Conflict] = []
    event_fields = tuple(MergedEvent.model_fields)
    event = MergedEvent.model_validate(
        {
            field: _scalar(
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


def merge_positions(records: Mapping[str, PositionList]) -> MergedPositionList:
    """Positions grouped by speaker across spellings and titles; stance conflicts reported."""
    groups: list[tuple[str, list[tuple[str, StatedPosition]]]] = []
    for source, record in records.items():
        for pos in record.positions:
            key = person_key(pos.speaker)
            for gkey, entries in groups:
                if same_person(gkey, key):
                    entries.append((source, pos))
                    break
            else:
                groups.append((key, [(source, pos)]))
    conflicts: list[Conflict] = []
    merged = []
    for _, entries in groups:
        positions = [p for _, p in entries]
        sources = sorted({s for s, _ in entries})
        speaker = max((p.speaker for p in positions), key=len)
        stances: dict[Stance, list[str]] = {}
        for source, p in entries:
            stances.setdefault(p.stance, []).append(source)
        stance = max(stances, key=lambda k: len(stances[k]))
        if len(stances) > 1:
            conflicts.append(
                Conflict(
                    field=f"{position_key(speaker)}.stance",
                    values=[
                        SourcedValue(value=k, sources=sorted(set(v))) for k, v in stances.items()
                    ],
                )
            )
        quotes: list[Quote] = []
        for p in positions:
            for q in p.quotes:
                if all(not similar(q.text, k.text) for k in quotes):
                    quotes.append(q)
        claims: list[SourcedValue] = []
        for source, p in entries:
            claims.append(SourcedValue(value=p.claim, sources=[source]))
        merged.append(
            MergedPosition(
                speaker=speaker,
                role=_first(p.role for p in positions),
                affiliation=_first(p.affiliation for p in positions),
                stance=stance,
                claims=claims,
                quotes=quotes,
                sources=sources,
                evidence=[e for p in positions for e in p.evidence],
                agreement=len(sources),
            )
        )
    merged.sort(key=lambda m: -m.agreement)
    return MergedPositionList(positions=merged, sources=sorted(records), conflicts=conflicts)


def _first(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None


def merge_proposal(records: Mapping[str, SecurityForceProposal]) -> MergedProposal:
    """Phrases merged by near-duplicate detection; differing troop numbers are a conflict."""
    conflicts: list[Conflict] = []
    values: dict[str, object] = {}
    for field in ("name", "objective", "status"):
        items = [(s, f) for s, r in records.items() if (f := getattr(r, field)) is not None]
        values[field] = _scalar(field, items, conflicts, report=False)
    sizes = [(s, r.size) for s, r in records.items() if r.size is not None]
    if sizes:
        text = _scalar("size", [(s, size.text) for s, size in sizes], conflicts, report=False)
        troops: dict[int, list[str]] = {}
        for source, size in sizes:
            if size.troops is not None:
                troops.setdefault(size.troops, []).append(source)
        if len(troops) > 1:
            conflicts.append(
                Conflict(
                    field="size.troops",
                    values=[
                        SourcedValue(value=str(k), sources=sorted(v)) for k, v in troops.items()
                    ],
                )
            )
        best = max(troops, key=lambda k: len(troops[k])) if troops else None
        values["size"] = MergedSize(text=text, troops=best) if text else None
    for field in LIST_FIELDS:
        values[field] = cluster_facts((s, f) for s, r in records.items() for f in getattr(r, field))
    return MergedProposal.model_validate(
        {**values, "sources": sorted(records), "conflicts": conflicts}
    )


def merge(records: Mapping[str, BaseModel], schema: str) -> BaseModel:
    """Merge the per-article records of ``schema``."""
    if schema == "participants":
        return merge_participants(_typed(records, ParticipantList))
    if schema == "positions":
        return merge_positions(_typed(records, PositionList))
    if schema == "proposal":
        return merge_proposal(_typed(records, SecurityForceProposal))
    raise ValueError(f"unknown schema {schema!r}")


def _typed(records: Mapping[str, BaseModel], cls: type[_R]) -> dict[str, _R]:
    return {k: v for k, v in records.items() if isinstance(v, cls)}
