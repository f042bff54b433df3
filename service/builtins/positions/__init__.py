"""``positions`` → ``StatedPosition`` list: who said what, passage by passage."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pydantic import BaseModel

from schemas import MergedPositionList, PositionList, PositionsDraft
from schemas.positions import position_key

from ...ground import Article
from ...specs import Ask, SchemaSpec, Task
from ...views import Facts, SectionView

# The rules (.tasks, .records, .merge) load on first use: a run replayed from the run
# cache, --help and --doctor never need them, and their patterns take a while to compile.


def _positions(article: Article, ask: Ask) -> BaseModel:
    from .tasks import positions

    return positions(article, ask)


def _ground(article: Article, draft: BaseModel) -> BaseModel:
    from .records import ground_positions

    assert isinstance(draft, PositionsDraft)
    return ground_positions(article, draft)


def _merge(records: Mapping[str, BaseModel]) -> BaseModel:
    from .merge import merge_positions

    return merge_positions({k: v for k, v in records.items() if isinstance(v, PositionList)})


def _complete(merged: BaseModel, articles: Mapping[str, Article]) -> BaseModel:
    from .records import describe_from_story

    assert isinstance(merged, MergedPositionList)
    return describe_from_story(merged, articles)


def _sections(merged: BaseModel, facts: Facts) -> list[SectionView]:
    assert isinstance(merged, MergedPositionList)
    sections = []
    for p in merged.positions:
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


def _markdown(merged: BaseModel, tags: Callable[[list[str]], str]) -> list[str]:
    assert isinstance(merged, MergedPositionList)
    lines = []
    for p in merged.positions:
        who = ", ".join(x for x in (p.role, p.affiliation) if x)
        lines.append(
            f"- **{p.speaker}**{f' ({who})' if who else ''}: *{p.stance}* {tags(p.sources)}"
        )
        for claim in p.claims:
            lines.append(f"  - {claim.value} {tags(claim.sources)}")
        for quote in p.quotes:
            lines.append(f"  - > “{quote.text}” {tags([e.source for e in quote.evidence])}")
    return lines


def _frame(
    merged: BaseModel, conflicted: Callable[[str], bool]
) -> tuple[list[dict[str, Any]], list[str]]:
    assert isinstance(merged, MergedPositionList)
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
            "conflict": conflicted(position_key(p.speaker)),
        }
        for p in merged.positions
    ]
    columns = [
        "speaker", "role", "affiliation", "stance", "claims", "quotes", "agreement", "sources",
        "conflict",
    ]  # fmt: skip
    return rows, columns


SPEC = SchemaSpec(
    name="positions",
    tasks=(Task("positions", _positions, answer=PositionsDraft),),
    assemble=lambda results: results["positions"],
    ground=_ground,
    merge=_merge,
    complete=_complete,
    sections=_sections,
    markdown=_markdown,
    frame=_frame,
    order=3,
    record_type=PositionList,
    merged_type=MergedPositionList,
    fingerprint="positions",
)
