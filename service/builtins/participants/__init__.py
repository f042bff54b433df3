"""``participants`` → ``ParticipantList``: gazetteer candidates, a role question each, the event."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pydantic import BaseModel

from schemas import MergedEvent, MergedParticipantList, ParticipantList, ParticipantsDraft
from schemas.participants import participant_key
from schemas.tasks import EventDraft, TookPartDraft

from ...ground import Article
from ...specs import Ask, SchemaSpec, Task
from ...views import Facts, SectionView

# The rules (.tasks, .records, .merge) load on first use: a run replayed from the run
# cache, --help and --doctor never need them, and their patterns take a while to compile.


def _event(article: Article, ask: Ask) -> BaseModel:
    from .tasks import event

    return event(article, ask)


def _took_part(article: Article, ask: Ask) -> BaseModel:
    from .tasks import participant_statuses

    return participant_statuses(article, ask)


def _assemble(results: Mapping[str, BaseModel]) -> BaseModel:
    event_draft, statuses = results["event"], results["took_part"]
    assert isinstance(event_draft, EventDraft) and isinstance(statuses, ParticipantsDraft)
    return ParticipantsDraft(**event_draft.model_dump(), participants=statuses.participants)


def _ground(article: Article, draft: BaseModel) -> BaseModel:
    from .records import ground_participants

    assert isinstance(draft, ParticipantsDraft)
    return ground_participants(article, draft)


def _merge(records: Mapping[str, BaseModel]) -> BaseModel:
    from .merge import merge_participants

    return merge_participants({k: v for k, v in records.items() if isinstance(v, ParticipantList)})


def _sections(merged: BaseModel, facts: Facts) -> list[SectionView]:
    assert isinstance(merged, MergedParticipantList)
    event_view = SectionView("Event")
    for name in MergedEvent.model_fields:
        fact = getattr(merged.event, name)
        if fact is not None:
            event_view.facts.append(facts.merged(name, fact, key=f"event.{name}"))
    people = SectionView("Participants")
    for p in merged.participants:
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
    return [event_view, people]


def _markdown(merged: BaseModel, tags: Callable[[list[str]], str]) -> list[str]:
    assert isinstance(merged, MergedParticipantList)
    lines = []
    for field in MergedEvent.model_fields:
        fact = getattr(merged.event, field)
        if fact is not None:
            lines.append(f"- **{field}**: {fact.value} {tags(fact.sources)}")
    lines += [
        "",
        "| participant | kind | status | representative | sources |",
        "|---|---|---|---|---|",
    ]
    for p in merged.participants:
        lines.append(
            f"| {p.name} | {p.kind} | {p.status} | {p.representative or ''} | {tags(p.sources)} |"
        )
    return lines


def _frame(
    merged: BaseModel, conflicted: Callable[[str], bool]
) -> tuple[list[dict[str, Any]], list[str]]:
    assert isinstance(merged, MergedParticipantList)
    rows = [
        {
            "name": p.name,
            "kind": p.kind,
            "status": p.status,
            "representative": p.representative,
            "agreement": p.agreement,
            "sources": p.sources,
            "conflict": conflicted(participant_key(p.name)),
        }
        for p in merged.participants
    ]
    return rows, ["name", "kind", "status", "representative", "agreement", "sources", "conflict"]


SPEC = SchemaSpec(
    name="participants",
    tasks=(
        Task("event", _event, answer=EventDraft),
        Task("took_part", _took_part, answer=TookPartDraft),
    ),
    assemble=_assemble,
    ground=_ground,
    merge=_merge,
    sections=_sections,
    markdown=_markdown,
    frame=_frame,
    order=2,
    record_type=ParticipantList,
    merged_type=MergedParticipantList,
    fingerprint="participants",
)
