"""Merging of the positions schema: one entry per speaker."""

from __future__ import annotations

import re
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

_ANONYMOUS = re.compile(r"^(?:a|an|one|some|two|three|several)\s", re.IGNORECASE)


def _head(role: str | None) -> str | None:
    """The noun a role ends in ("army chief" → "chief"), the word two articles share."""
    words = re.findall(r"[\w-]+", role or "")
    return words[-1].lower() if words else None


def _join_descriptions(
    groups: list[tuple[str, list[tuple[str, StatedPosition]]]],
) -> list[tuple[str, list[tuple[str, StatedPosition]]]]:
    """Fold a definite description into the one named speaker it describes.

    "Slovenia's army chief" in one article and "Robert Glavaš" (Slovenia, army chief) in
    another are one person: same affiliation, same role noun, and exactly one named
    candidate. An indefinite description ("a senior official") is an anonymous source and
    is never given a name.
    """

    def identity(entries: list[tuple[str, StatedPosition]]) -> tuple[str | None, str | None]:
        pos = entries[0][1]
        return pos.affiliation, _head(pos.role)

    named = [g for g in groups if " " not in g[0]]  # person keys of names are one word
    kept = []
    for key, entries in groups:
        affiliation, head = identity(entries)
        speaker = entries[0][1].speaker
        if " " in key and affiliation and head and not _ANONYMOUS.match(speaker):
            matches = [g for g in named if identity(g[1]) == (affiliation, head)]
            if len(matches) == 1:
                matches[0][1].extend(entries)
                continue
        kept.append((key, entries))
    return kept


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
    groups = _join_descriptions(groups)
    conflicts: list[Conflict] = []
    merged = []
    for _, entries in groups:
        positions = [p for _, p in entries]
        sources = sorted({s for s, _ in entries})
        # a name over a description of the same person, then the fullest form of it
        speaker = max(
            (p.speaker for p in positions), key=lambda s: (" " not in person_key(s), len(s))
        )
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
