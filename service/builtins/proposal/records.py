"""Grounding of the proposal schema: every phrase, proposers as canonical countries."""

from __future__ import annotations

import re

from schemas.common import Fact, Ungrounded
from schemas.proposal import LIST_FIELDS, PHRASE_FIELDS, ProposalDraft, SecurityForceProposal, Size

from ...canon import (
    canonical_country,
    surface_forms,
)
from ...ground import Article
from ...records import NOT_FOUND, ground_phrase, mention_evidence

_TROOPS = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)\s*(?:troops|soldiers|personnel)", re.I)


def ground_proposal(article: Article, draft: ProposalDraft) -> SecurityForceProposal:
    """Ground every phrase of the proposal draft; countries become canonical names."""
    ungrounded: list[Ungrounded] = []
    values: dict[str, object] = {}
    for field in PHRASE_FIELDS:
        values[field] = ground_phrase(article, field, getattr(draft, field), ungrounded)
    size_fact = ground_phrase(article, "size", draft.size, ungrounded)
    if size_fact is not None:
        match = _TROOPS.search(size_fact.value)
        troops = int(match.group(1).replace(",", "")) if match else None
        values["size"] = Size(text=size_fact, troops=troops)
    proposers: dict[str, Fact] = {}
    for country in draft.proposed_by:
        name = canonical_country(country)
        evidence = mention_evidence(article, [country, *surface_forms(name)] if name else [country])
        if name is None or not evidence:
            reason = "not a country" if name is None else NOT_FOUND
            ungrounded.append(Ungrounded(field="proposed_by", value=country, reason=reason))
            continue
        proposers.setdefault(name, Fact(value=name, evidence=evidence))
    values["proposed_by"] = list(proposers.values())
    for field in LIST_FIELDS:
        if field == "proposed_by":
            continue
        facts: list[Fact] = []
        for phrase in getattr(draft, field):
            fact = ground_phrase(article, field, phrase, ungrounded)
            if fact is not None and all(f.value != fact.value for f in facts):
                facts.append(fact)
        values[field] = facts
    return SecurityForceProposal.model_validate({**values, "ungrounded": ungrounded})
