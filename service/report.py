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
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from .labels import source_labels
from .specs import RunFigures, Shown, conflicts_of, ungrounded_of
from .views import Facts, FactView, SectionView

if TYPE_CHECKING:
    from jinja2 import Environment


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
    run: RunFigures


@dataclass
class ArticleView:
    """One article: its text cut into segments, each listing the facts that cover it."""

    id: str
    path: str
    status: str
    reason: str | None
    segments: list[tuple[str, str]]


def _schema_view(result: Shown, facts: Facts) -> SchemaView:
    merged = result.merged
    sections = result.spec.sections(merged, facts)
    merged_conflicts = conflicts_of(merged)
    conflicts = [
        ConflictView(c.field, [(v.value, v.sources) for v in c.values]) for c in merged_conflicts
    ]
    for section in sections:
        for fact in section.facts:
            fact.conflict = any(c.concerns(fact.key) for c in merged_conflicts)
    ungrounded = [
        UngroundedView(source, u.field, u.value, u.reason)
        for source, record in result.per_source.items()
        for u in ungrounded_of(record)
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


def _article_views(results: Iterable[Shown], facts: list[FactView]) -> list[ArticleView]:
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
    # jinja2 loads with the first report: JSON and Markdown runs never need it.
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("service", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["thousands"] = lambda n: f"{n:,}"
    return env


def report_fragment(results: Sequence[Shown], *, report_id: str | None = None) -> str:
    """The report as one ``<div>`` with its own style and script (for notebooks).

    ``report_id`` names the root element; by default a random one, so that several
    reports can share a notebook page without their clicks reaching each other.
    """
    facts = Facts()
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


def to_html(results: Sequence[Shown]) -> str:
    """The report as a complete HTML document with no external assets."""
    body = report_fragment(results, report_id="summarise-report")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>summarise report</title>\n</head>\n<body>\n"
        f"{body}\n</body>\n</html>\n"
    )
