"""What a merged record shows: titled sections of facts, each with sources and evidence.

Every schema's spec turns its merged record into these sections; the HTML report, the
Markdown and the DataFrames render sections and never look at a schema's own models.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from schemas import Evidence, MergedFact


@dataclass
class FactView:
    """One fact: a value, its sources and the spans that support it."""

    id: str
    label: str
    value: str
    sources: list[str]
    evidence: list[Evidence]
    agreement: int = 0
    detail: str = ""
    conflict: bool = False
    key: str = ""


@dataclass
class SectionView:
    """A titled group of facts inside one schema."""

    title: str
    facts: list[FactView] = field(default_factory=list)


class Facts:
    """Numbers facts in document order and keeps them (the report links spans to them)."""

    def __init__(self) -> None:
        self.all: list[FactView] = []

    def add(
        self,
        label: str,
        value: str,
        sources: Sequence[str],
        evidence: Sequence[Evidence],
        *,
        agreement: int = 0,
        detail: str = "",
        key: str = "",
    ) -> FactView:
        """A new fact; ``key`` is the conflict field it belongs to (default: ``label``)."""
        fact = FactView(
            id=f"f{len(self.all)}",
            label=label,
            value=value,
            sources=list(sources),
            evidence=list(evidence),
            agreement=agreement or len(set(sources)),
            detail=detail,
            key=key or label,
        )
        self.all.append(fact)
        return fact

    def merged(self, label: str, fact: MergedFact, *, detail: str = "", key: str = "") -> FactView:
        """A fact from a :class:`MergedFact`."""
        return self.add(
            label,
            fact.value,
            fact.sources,
            fact.evidence,
            agreement=fact.agreement,
            detail=detail,
            key=key,
        )
