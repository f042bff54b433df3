"""``proposal`` → ``SecurityForceProposal``: passages asked for twelve fields, then phases.

The facts the article states in set forms (:mod:`.stated`) join the model's before grounding.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pydantic import BaseModel

from schemas import MergedProposal, ProposalDraft, SecurityForceProposal
from schemas.proposal import LIST_FIELDS
from schemas.tasks import ArmedDraft, PhasesDraft

from ...ground import Article
from ...specs import Ask, SchemaSpec, Task
from ...views import Facts, SectionView

# The rules (.tasks, .stated, .records, .merge) load on first use: a run replayed from the
# run cache, --help and --doctor never need them, and their patterns take a while to compile.


def _proposal(article: Article, ask: Ask) -> BaseModel:
    from .tasks import proposal

    return proposal(article, ask)


def _phases(article: Article, ask: Ask) -> BaseModel:
    from .tasks import phases

    return phases(article, ask)


def _no_task(article: Article, ask: Ask) -> BaseModel:
    raise NotImplementedError("asked from the proposal tasks, never run on its own")


def _assemble(results: Mapping[str, BaseModel]) -> BaseModel:
    draft, steps = results["proposal"], results["phases"]
    assert isinstance(draft, ProposalDraft) and isinstance(steps, PhasesDraft)
    extra = [step for step in steps.phases if step not in draft.phases]
    return draft.model_copy(update={"phases": [*draft.phases, *extra]})


def _ground(article: Article, draft: BaseModel) -> BaseModel:
    from .records import ground_proposal
    from .stated import with_stated_facts

    assert isinstance(draft, ProposalDraft)
    stated = with_stated_facts(article, draft)
    record = ground_proposal(article, stated)
    if record.objective is None and draft.objective:
        # the model's objective says no purpose ("joint police and navy patrol on Lake
        # Titicaca"): the article's purpose clause nearest to it, where it states one and
        # it is not the objective just dropped (grounding the same draft again changes
        # nothing)
        purpose = with_stated_facts(article, draft, keep_objective=False)
        if purpose.objective != stated.objective:
            return ground_proposal(article, purpose)
    return record


def _merge(records: Mapping[str, BaseModel]) -> BaseModel:
    from .merge import merge_proposal

    return merge_proposal(
        {k: v for k, v in records.items() if isinstance(v, SecurityForceProposal)}
    )


def _troops(m: MergedProposal) -> str:
    return f"troops: {m.size.troops:,}" if m.size and m.size.troops else ""


def _sections(merged: BaseModel, facts: Facts) -> list[SectionView]:
    assert isinstance(merged, MergedProposal)
    sections = [SectionView("Proposal")]
    for name, fact in merged.facts():
        if name not in LIST_FIELDS:
            detail = _troops(merged) if name == "size" else ""
            sections[0].facts.append(facts.merged(name, fact, detail=detail))
            continue
        title = name.replace("_", " ")
        if sections[-1].title != title:
            sections.append(SectionView(title))
        sections[-1].facts.append(facts.merged("", fact, key=name))
    return sections


def _markdown(merged: BaseModel, tags: Callable[[list[str]], str]) -> list[str]:
    assert isinstance(merged, MergedProposal)
    troops = f" ({_troops(merged)})" if _troops(merged) else ""
    lines: list[str] = []
    listed = ""
    for field, fact in merged.facts():
        shown = f"{fact.value} {tags(fact.sources)}"
        if field not in LIST_FIELDS:
            lines.append(f"- **{field}**: {shown}{troops if field == 'size' else ''}")
            continue
        if field != listed:
            lines.append(f"- **{field}**:")
            listed = field
        lines.append(f"  - {shown}")
    return lines


def _frame(
    merged: BaseModel, conflicted: Callable[[str], bool]
) -> tuple[list[dict[str, Any]], list[str]]:
    assert isinstance(merged, MergedProposal)
    rows = [
        {
            "field": name,
            "value": fact.value,
            "agreement": fact.agreement,
            "sources": fact.sources,
            "spans": len(fact.evidence),
        }
        for name, fact in merged.facts()
    ]
    return rows, ["field", "value", "agreement", "sources", "spans"]


SPEC = SchemaSpec(
    name="proposal",
    # The phases question is asked of passages that order steps, after the broad one.
    tasks=(
        Task("proposal", _proposal, answer=ProposalDraft),
        Task("phases", _phases, answer=PhasesDraft),
    ),
    assemble=_assemble,
    ground=_ground,
    merge=_merge,
    sections=_sections,
    markdown=_markdown,
    frame=_frame,
    order=1,
    # asked from the tasks, of an article whose only words of a force are ambiguous
    questions=(Task("armed", _no_task, answer=ArmedDraft),),
    record_type=SecurityForceProposal,
    merged_type=MergedProposal,
    fingerprint="proposal",
)
