"""pandas views of merged records, for notebooks (the ``notebook`` extra installs pandas)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from schemas import MergedParticipantList, MergedProposal
from schemas.participants import participant_key
from schemas.positions import position_key

from .errors import ConfigError

if TYPE_CHECKING:
    import pandas as pd

    from .result import SchemaResult


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:  # pragma: no cover - depends on the installed extras
        raise ConfigError("DataFrames need pandas: pip install 'summarise[notebook]'") from None
    return pandas


def _conflicted(result: SchemaResult, key: str) -> bool:
    return any(c.concerns(key) for c in result.merged.conflicts)


def _proposal_rows(m: MergedProposal) -> list[dict[str, Any]]:
    return [
        {
            "field": name,
            "value": fact.value,
            "agreement": fact.agreement,
            "sources": fact.sources,
            "spans": len(fact.evidence),
        }
        for name, fact in m.facts()
    ]


def to_frame(result: SchemaResult) -> pd.DataFrame:
    """One row per participant, per speaker, or per proposal fact, with sources and flags."""
    pd = _pandas()
    merged = result.merged
    if isinstance(merged, MergedProposal):
        return pd.DataFrame(
            _proposal_rows(merged), columns=["field", "value", "agreement", "sources", "spans"]
        )
    if isinstance(merged, MergedParticipantList):
        rows = [
            {
                "name": p.name,
                "kind": p.kind,
                "status": p.status,
                "representative": p.representative,
                "agreement": p.agreement,
                "sources": p.sources,
                "conflict": _conflicted(result, participant_key(p.name)),
            }
            for p in merged.participants
        ]
        columns = ["name", "kind", "status", "representative", "agreement", "sources", "conflict"]
        return pd.DataFrame(rows, columns=columns)
    rows = [
        {
            "speaker": p.speaker,
            "role": p.role,
            "affiliation": p.affiliation,
            "stance": p.stance,
            "claims": [c.value for c in p.claims],
            "quotes": [q.text for q in p.quotes],
            "agreement": p.agreement,
            "sources": p.sources,
            "conflict": _conflicted(result, position_key(p.speaker)),
        }
        for p in merged.positions
    ]
    columns = [
        "speaker", "role", "affiliation", "stance", "claims", "quotes", "agreement", "sources",
        "conflict",
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)
