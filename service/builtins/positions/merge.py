"""Merging of the positions schema: one entry per speaker."""

from __future__ import annotations

from collections.abc import Mapping

from schemas.common import Conflict, SourcedValue
from schemas.positions import (
    MergedPosition,
    MergedPositionList,
    PositionList,
    Quote,
    Stance,
    StatedPosition,
    position_key,
)

from ...canon import (
    person_key,
    same_person,
)
from ...merge import first, similar


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
                role=first(p.role for p in positions),
                affiliation=first(p.affiliation for p in positions),
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
