"""pandas views of merged records, for notebooks (the ``notebook`` extra installs pandas)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from schemas import MergedFact, MergedParticipantList, MergedProposal
from schemas.proposal import LIST_FIELDS

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
    return any(c.field == key or c.field.startswith(key + ".") for c in result.merged.conflicts)


def _proposal_rows(m: MergedProposal) -> list[dict[str, Any]]:
    rows = []
    facts: list[tuple[str, MergedFact]] = [
        (name, fact) for name in ("name", "objective", "status") if (fact := getattr(m, name))
    ]
    if m.size is not None:
        facts.append(("size", m.size.text))
    facts += [(name, fact) for name in LIST_FIELDS for fact in getattr(m, name)]
    for name, fact in facts:
        rows.append(
            {
                "field": name,
                "value": fact.value,
                "agreement": fact.agreement,
                "sources": fact.sources,
                "spans": len(fact.evidence),
            }
        )
    return rows


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
                "conflict": _conflicted(result, f"participants[{p.name}]"),
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
            "conflict": _conflicted(result, f"positions[{p.speaker}]"),
        }
        for p in merged.positions
    ]
    columns = [
        "speaker", "role", "affiliation", "stance", "claims", "quotes", "agreement", "sources",
        "conflict",
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)
