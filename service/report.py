"""Self-contained HTML evidence report: merged facts beside their articles.

Every fact (a merged value with evidence) becomes a clickable item; the article texts are
cut at every evidence boundary into segments that name the facts covering them, so a click
only toggles a class (no offsets are computed in the browser, where strings count UTF-16
units, not characters). Article text is hostile input: everything goes through Jinja's
autoescaping, and the page loads nothing from the network.
"""

from __future__ import annotations

import itertools
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from jinja2 import Environment, PackageLoader, select_autoescape

from schemas import (
    Evidence,
    MergedEvent,
    MergedFact,
    MergedParticipantList,
    MergedPositionList,
    MergedProposal,
)
from schemas.participants import participant_key
from schemas.positions import position_key
from schemas.proposal import LIST_FIELDS

from .labels import source_labels

if TYPE_CHECKING:
    from .result import RunInfo, SchemaResult, Summary


@dataclass
class FactView:
    """One clickable fact: a value, its sources and the spans that support it."""

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


@dataclass
class ConflictView:
    """One conflict: the field and each value with its sources."""

    field: str
    values: list[tuple[str, list[str]]]


@dataclass
class UngroundedView:
    """A value the model gave that no span of its article supports."""

    source: str
    field: str
    value: str
    reason: str


@dataclass
class SchemaView:
    """Everything the report shows for one schema."""

    name: str
    sections: list[SectionView]
    conflicts: list[ConflictView]
    ungrounded: list[UngroundedView]
    run: RunInfo


@dataclass
class ArticleView:
    """One article: its text cut into segments, each listing the facts that cover it."""

    id: str
    path: str
    status: str
    reason: str | None
    segments: list[tuple[str, str]]


class _Facts:
    """Numbers facts in document order and keeps them for the article segmentation."""

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
        return self.add(
            label,
            fact.value,
            fact.sources,
            fact.evidence,
            agreement=fact.agreement,
            detail=detail,
            key=key,
        )


def _proposal_sections(m: MergedProposal, facts: _Facts) -> list[SectionView]:
    troops = f"troops: {m.size.troops:,}" if m.size and m.size.troops else ""
    sections = [SectionView("Proposal")]
    for name, fact in m.facts():
        if name not in LIST_FIELDS:
            detail = troops if name == "size" else ""
            sections[0].facts.append(facts.merged(name, fact, detail=detail))
            continue
        title = name.replace("_", " ")
        if sections[-1].title != title:
            sections.append(SectionView(title))
        sections[-1].facts.append(facts.merged("", fact, key=name))
    return sections


def _participant_sections(m: MergedParticipantList, facts: _Facts) -> list[SectionView]:
    event = SectionView("Event")
    for name in MergedEvent.model_fields:
        fact = getattr(m.event, name)
        if fact is not None:
            event.facts.append(facts.merged(name, fact, key=f"event.{name}"))
    people = SectionView("Participants")
    for p in m.participants:
        detail = " · ".join(x for x in (p.kind, p.representative) if x)
        people.facts.append(
            facts.add(
                p.status.replace("_", " "),
                p.name,
                p.sources,
                p.evidence,
                agreement=p.agreement,
                detail=detail,
                key=participant_key(p.name),
            )
        )
    return [event, people]


def _position_sections(m: MergedPositionList, facts: _Facts) -> list[SectionView]:
    sections = []
    for p in m.positions:
        who = ", ".join(x for x in (p.role, p.affiliation) if x)
        section = SectionView(p.speaker)
        key = position_key(p.speaker)
        section.facts.append(
            facts.add(
                p.stance, p.speaker, p.sources, p.evidence, agreement=p.agreement, detail=who,
                key=key,
            )
        )  # fmt: skip
        for quote in p.quotes:
            sources = sorted({e.source for e in quote.evidence})
            section.facts.append(
                facts.add("quote", f"“{quote.text}”", sources, quote.evidence, key=key)
            )
        for claim in p.claims:
            # A claim is the sentence naming the speaker: it lights up those sentences.
            spans = [e for e in p.evidence if e.source in claim.sources]
            detail = "the sentence naming the speaker"
            section.facts.append(
                facts.add("claim", claim.value, claim.sources, spans, detail=detail, key=key)
            )
        sections.append(section)
    return sections


def _schema_view(result: SchemaResult, facts: _Facts) -> SchemaView:
    merged = result.merged
    if isinstance(merged, MergedProposal):
        sections = _proposal_sections(merged, facts)
    elif isinstance(merged, MergedParticipantList):
        sections = _participant_sections(merged, facts)
    else:
        sections = _position_sections(merged, facts)
    conflicts = [
        ConflictView(c.field, [(v.value, v.sources) for v in c.values]) for c in merged.conflicts
    ]
    for section in sections:
        for fact in section.facts:
            fact.conflict = any(c.concerns(fact.key) for c in merged.conflicts)
    ungrounded = [
        UngroundedView(source, u.field, u.value, u.reason)
        for source, record in result.per_source.items()
        for u in record.ungrounded
    ]
    return SchemaView(result.schema_name, sections, conflicts, ungrounded, result.run)


def _segments(text: str, spans: Iterable[tuple[int, int, str]]) -> list[tuple[str, str]]:
    """``text`` cut at every span boundary: (piece, space-separated ids of covering facts)."""
    spans = list(spans)
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    pieces = []
    for start, end in itertools.pairwise(cuts):
        ids = sorted({fid for s, e, fid in spans if s <= start and end <= e}, key=_fact_number)
        pieces.append((text[start:end], " ".join(ids)))
    return pieces


def _fact_number(fact_id: str) -> int:
    return int(fact_id[1:])


def _article_views(results: Iterable[SchemaResult], facts: list[FactView]) -> list[ArticleView]:
    texts: dict[str, str] = {}
    infos = {}
    for result in results:
        texts.update(result.texts)
        for info in result.sources:
            # A source failed for one schema is shown with that status and reason.
            if info.id not in infos or info.status != "ok":
                infos[info.id] = info
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for fact in facts:
        for e in fact.evidence:
            text = texts.get(e.source)
            if text is not None and text[e.start : e.end] == e.quote and e.start < e.end:
                spans.setdefault(e.source, []).append((e.start, e.end, fact.id))
    return [
        ArticleView(
            id=info.id,
            path=info.path,
            status=info.status,
            reason=info.reason,
            segments=_segments(texts[info.id], spans.get(info.id, [])) if info.id in texts else [],
        )
        for info in sorted(infos.values(), key=lambda i: i.path)
    ]


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("service", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["thousands"] = lambda n: f"{n:,}"
    return env


def report_fragment(summary: Summary | SchemaResult, *, report_id: str | None = None) -> str:
    """The report as one ``<div>`` with its own style and script (for notebooks).

    ``report_id`` names the root element; by default a random one, so that several
    reports can share a notebook page without their clicks reaching each other.
    """
    results = list(summary.results.values()) if hasattr(summary, "results") else [summary]
    facts = _Facts()
    schemas = [_schema_view(r, facts) for r in results]
    articles = _article_views(results, facts.all)
    labels = source_labels(a.id for a in articles)
    runs = [s.run for s in schemas]
    totals = {
        "calls": sum(r.calls for r in runs),
        "cache_hits": sum(r.cache_hits for r in runs),
        "prompt_tokens": sum(r.prompt_tokens for r in runs),
        "completion_tokens": sum(r.completion_tokens for r in runs),
        "seconds": sum(r.seconds for r in runs),
    }
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            report_id=report_id or f"summarise-{secrets.token_hex(4)}",
            schemas=schemas,
            articles=articles,
            labels=labels,
            models=sorted({f"{r.backend} · {r.model}" for r in runs}),
            totals=totals,
            ok=sum(a.status == "ok" for a in articles),
        )
    )


def to_html(summary: Summary | SchemaResult) -> str:
    """The report as a complete HTML document with no external assets."""
    body = report_fragment(summary, report_id="summarise-report")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>summarise report</title>\n</head>\n<body>\n"
        f"{body}\n</body>\n</html>\n"
    )
