"""Markdown view of a :class:`~service.result.Summary`: facts with their sources."""

from __future__ import annotations

from typing import TYPE_CHECKING

from schemas import MergedFact, MergedParticipantList, MergedPositionList, MergedProposal
from schemas.proposal import LIST_FIELDS

if TYPE_CHECKING:
    from .result import SchemaResult, Summary


def _ids(sources: list[str]) -> str:
    return " ".join(f"[{s.split('_', 1)[0]}]" for s in sources)


def _fact_line(fact: MergedFact) -> str:
    return f"{fact.value} {_ids(fact.sources)}"


def _proposal(m: MergedProposal) -> list[str]:
    lines = []
    for field in ("name", "objective", "status"):
        fact = getattr(m, field)
        if fact is not None:
            lines.append(f"- **{field}**: {_fact_line(fact)}")
    if m.size is not None:
        troops = f" (troops: {m.size.troops:,})" if m.size.troops else ""
        lines.append(f"- **size**: {_fact_line(m.size.text)}{troops}")
    for field in LIST_FIELDS:
        facts: list[MergedFact] = getattr(m, field)
        if facts:
            lines.append(f"- **{field}**:")
            lines.extend(f"  - {_fact_line(f)}" for f in facts)
    return lines


def _participants(m: MergedParticipantList) -> list[str]:
    lines = []
    for field in ("location", "venue", "date", "host", "stated_count"):
        fact = getattr(m.event, field)
        if fact is not None:
            lines.append(f"- **{field}**: {_fact_line(fact)}")
    lines += [
        "",
        "| participant | kind | status | representative | sources |",
        "|---|---|---|---|---|",
    ]
    for p in m.participants:
        lines.append(
            f"| {p.name} | {p.kind} | {p.status} | {p.representative or ''} | {_ids(p.sources)} |"
        )
    return lines


def _positions(m: MergedPositionList) -> list[str]:
    lines = []
    for p in m.positions:
        who = ", ".join(x for x in (p.role, p.affiliation) if x)
        lines.append(
            f"- **{p.speaker}**{f' ({who})' if who else ''}: *{p.stance}* {_ids(p.sources)}"
        )
        for claim in p.claims:
            lines.append(f"  - {claim.value} {_ids(claim.sources)}")
        for quote in p.quotes:
            lines.append(f"  - > “{quote.text}” {_ids([e.source for e in quote.evidence])}")
    return lines


def schema_markdown(result: SchemaResult) -> str:
    """One schema's section."""
    merged = result.merged
    lines = [f"## {result.schema_name}", ""]
    if isinstance(merged, MergedProposal):
        lines += _proposal(merged)
    elif isinstance(merged, MergedParticipantList):
        lines += _participants(merged)
    else:
        lines += _positions(merged)
    if merged.conflicts:
        lines += ["", "### Conflicts", ""]
        for c in merged.conflicts:
            values = "; ".join(f"{v.value} {_ids(v.sources)}" for v in c.values)
            lines.append(f"- **{c.field}**: {values}")
    ungrounded = [(sid, u) for sid, rec in result.per_source.items() for u in rec.ungrounded]
    if ungrounded:
        lines += ["", "### Not grounded (not emitted as facts)", ""]
        lines += [f"- {u.field}: “{u.value}” {_ids([sid])} — {u.reason}" for sid, u in ungrounded]
    lines += ["", "### Sources", ""]
    for s in result.sources:
        reason = f": {s.reason}" if s.reason else ""
        lines.append(f"- [{s.id.split('_', 1)[0]}] `{s.path}` — {s.status}{reason}")
    r = result.run
    lines += [
        "",
        f"*{r.backend} · {r.model} · {r.calls} calls · {r.cache_hits} cache hits"
        f" · {r.seconds:.1f} s*",
        "",
    ]
    return "\n".join(lines)


def to_markdown(summary: Summary) -> str:
    """The whole summary as Markdown."""
    return "# Summary\n\n" + "\n".join(schema_markdown(r) for r in summary.results.values())
