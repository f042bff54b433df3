"""Merging of the proposal schema: near-duplicate phrases, troop numbers."""

from __future__ import annotations

from collections.abc import Mapping

from schemas.common import Conflict, SourcedValue
from schemas.proposal import (
    LIST_FIELDS,
    PHRASE_FIELDS,
    MergedProposal,
    MergedSize,
    SecurityForceProposal,
)

from ...merge import cluster_facts, merge_scalar


def merge_proposal(records: Mapping[str, SecurityForceProposal]) -> MergedProposal:
    """Phrases merged by near-duplicate detection; differing troop numbers are a conflict."""
    conflicts: list[Conflict] = []
    values: dict[str, object] = {}
    for field in PHRASE_FIELDS:
        items = [(s, f) for s, r in records.items() if (f := getattr(r, field)) is not None]
        values[field] = merge_scalar(field, items, conflicts, report=False)
    sizes = [(s, r.size) for s, r in records.items() if r.size is not None]
    if sizes:
        text = merge_scalar("size", [(s, size.text) for s, size in sizes], conflicts, report=False)
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
