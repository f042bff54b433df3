"""Markdown view of a :class:`~service.result.Summary`: facts with their sources."""

from __future__ import annotations

from typing import TYPE_CHECKING

from schemas import (
    MergedEvent,
    MergedFact,
    MergedParticipantList,
    MergedPositionList,
    MergedProposal,
)
from schemas.proposal import LIST_FIELDS

from .labels import source_labels

if TYPE_CHECKING:
    from .result import SchemaResult, Summary


class _Writer:
    """Markdown lines for one schema; sources shown as short ``[003]`` tags."""

    def __init__(self, result: SchemaResult) -> None:
        self.result = result
        self.labels = source_labels(s.id for s in result.sources)

    def ids(self, sources: list[str]) -> str:
        return " ".join(f"[{self.labels.get(s, s)}]" for s in sources)

    def fact(self, fact: MergedFact) -> str:
        return f"{fact.value} {self.ids(fact.sources)}"

    def proposal(self, m: MergedProposal) -> list[str]:
        troops = f" (troops: {m.size.troops:,})" if m.size and m.size.troops else ""
        lines: list[str] = []
        listed = ""
        for field, fact in m.facts():
            if field not in LIST_FIELDS:
                detail = troops if field == "size" else ""
                lines.append(f"- **{field}**: {self.fact(fact)}{detail}")
                continue
            if field != listed:
                lines.append(f"- **{field}**:")
                listed = field
            lines.append(f"  - {self.fact(fact)}")
        return lines

    def participants(self, m: MergedParticipantList) -> list[str]:
        lines = []
        for field in MergedEvent.model_fields:
            fact = getattr(m.event, field)
            if fact is not None:
                lines.append(f"- **{field}**: {self.fact(fact)}")
        lines += [
            "",
            "| participant | kind | status | representative | sources |",
            "|---|---|---|---|---|",
        ]
        for p in m.participants:
            lines.append(
                f"| {p.name} | {p.kind} | {p.status} | {p.representative or ''} "
                f"| {self.ids(p.sources)} |"
            )
        return lines

    def positions(self, m: MergedPositionList) -> list[str]:
        lines = []
        for p in m.positions:
            who = ", ".join(x for x in (p.role, p.affiliation) if x)
            lines.append(
                f"- **{p.speaker}**{f' ({who})' if who else ''}: *{p.stance}* {self.ids(p.sources)}"
            )
            for claim in p.claims:
                lines.append(f"  - {claim.value} {self.ids(claim.sources)}")
            for quote in p.quotes:
                sources = [e.source for e in quote.evidence]
                lines.append(f"  - > “{quote.text}” {self.ids(sources)}")
        return lines

    def section(self) -> str:
        result = self.result
        merged = result.merged
        lines = [f"## {result.schema_name}", ""]
        if isinstance(merged, MergedProposal):
            lines += self.proposal(merged)
        elif isinstance(merged, MergedParticipantList):
            lines += self.participants(merged)
        else:
            lines += self.positions(merged)
        if merged.conflicts:
            lines += ["", "### Conflicts", ""]
            for c in merged.conflicts:
                values = "; ".join(f"{v.value} {self.ids(v.sources)}" for v in c.values)
                lines.append(f"- **{c.field}**: {values}")
        ungrounded = [(sid, u) for sid, rec in result.per_source.items() for u in rec.ungrounded]
        if ungrounded:
            lines += ["", "### Not grounded (not emitted as facts)", ""]
            lines += [
                f"- {u.field}: “{u.value}” {self.ids([sid])} — {u.reason}" for sid, u in ungrounded
            ]
        lines += ["", "### Sources", ""]
        for s in result.sources:
            reason = f": {s.reason}" if s.reason else ""
            lines.append(f"- {self.ids([s.id])} `{s.path}` — {s.status}{reason}")
        r = result.run
        lines += [
            "",
            f"*{r.backend} · {r.model} · {r.calls} calls · {r.cache_hits} cache hits"
            f" · {r.seconds:.1f} s*",
            "",
        ]
        return "\n".join(lines)


def schema_markdown(result: SchemaResult) -> str:
    """One schema's section."""
    return _Writer(result).section()


def to_markdown(summary: Summary) -> str:
    """The whole summary as Markdown."""
    return "# Summary\n\n" + "\n".join(schema_markdown(r) for r in summary.results.values())
