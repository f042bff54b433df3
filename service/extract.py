"""Decompose one article into small model tasks and assemble the per-article draft.

Small models do well on short inputs and narrow questions, so an article is never sent
whole with a broad question:

* participants: the countries and organisations are found in the text by a gazetteer
  (:func:`service.canon.find_entities`); the model only labels each one's role from the
  sentences that mention it, plus one short call for the meeting's details;
* positions and proposal: the model reads one passage (about 150 tokens) at a time and
  the answers are concatenated.

Every call goes through ``ask``, which the pipeline provides (cache, backend, statistics).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol, TypeVar

from pydantic import BaseModel

from schemas import ParticipantsDraft, PositionsDraft, ProposalDraft
from schemas.participants import ParticipantDraft
from schemas.proposal import LIST_FIELDS, SCALAR_FIELDS
from schemas.tasks import EventDraft, StatusDraft

from .canon import demonyms, find_entities
from .chunks import lede, passages
from .ground import Article, Span
from .roles import checked_status

T = TypeVar("T", bound=BaseModel)


class Ask(Protocol):
    """One validated answer of the model to ``task`` about ``text`` (and ``name``)."""

    def __call__(self, task: str, model: type[T], text: str, name: str = "") -> T:
        """The answer, validated as ``model``."""
        ...


SCHEMA_NAMES = ("proposal", "participants", "positions")
#: The tasks of each schema, in the order they run (all articles per task, so that the
#: task's instructions stay a shared prefix in the server's KV cache).
SCHEMA_TASKS: dict[str, tuple[str, ...]] = {
    "participants": ("event", "participant_status"),
    "positions": ("positions",),
    "proposal": ("proposal",),
}
#: Sentences shown per participant; those about taking part come first.
MAX_SENTENCES = 4
_WORD_START = re.compile(r"\b\w")
_WORD_END = re.compile(r"\w\b")
#: Words kept on each side of a mention: long sentences list many countries.
WINDOW = 20
_PARTICIPATION = re.compile(
    r"attend|join|invit|present|respond|particip|represent|host|gather|talks|meeting|absent"
    r"|exclud|remote|chief|lead|spearhead|initiat",
    re.IGNORECASE,
)


def _window(article: Article, sentence: Span, mentions: list[Span]) -> str:
    """The part of ``sentence`` within WINDOW words of the mentions, mentions marked ** **."""
    first, last = mentions[0], mentions[-1]
    before = list(_WORD_START.finditer(article.text, sentence.start, first.start))
    after = list(_WORD_END.finditer(article.text, last.end, sentence.end))
    start = before[-WINDOW].start() if len(before) > WINDOW else sentence.start
    end = after[WINDOW - 1].end() if len(after) > WINDOW else sentence.end
    text, cursor = "", start
    for mention in mentions:
        if mention.start < cursor:
            continue
        text += (
            article.text[cursor : mention.start]
            + "**"
            + article.text[mention.start : mention.end]
            + "**"
        )
        cursor = mention.end
    text += article.text[cursor:end]
    return ("… " if start > sentence.start else "") + text + (" …" if end < sentence.end else "")


def _sentences_about(article: Article, spans: list[Span]) -> str:
    """Up to MAX_SENTENCES sentences mentioning a candidate, cut to the words around it."""
    sentences: dict[Span, list[Span]] = {}
    for span in spans:
        sentences.setdefault(article.sentence(span), []).append(span)
    ranked = sorted(
        sentences, key=lambda s: not _PARTICIPATION.search(article.text[s.start : s.end])
    )
    chosen = sorted(ranked[:MAX_SENTENCES], key=lambda s: s.start)
    return "\n".join(
        _window(article, s, sorted(sentences[s], key=lambda m: m.start)) for s in chosen
    )


def participant_statuses(article: Article, ask: Ask) -> ParticipantsDraft:
    """Label every country and organisation the article names."""
    items = []
    for name, (_, spans) in find_entities(article).items():
        extra = article.mentions(list(demonyms(name)))
        sentences = _sentences_about(article, sorted([*spans, *extra], key=lambda s: s.start))
        answer = ask("participant_status", StatusDraft, sentences, name=name)
        status = checked_status(answer, name, sentences)
        items.append(
            ParticipantDraft(name=name, status=status, representative=answer.representative)
        )
    return ParticipantsDraft(participants=items)


#: Characters of an article the event task reads (~1,500 tokens): news puts the meeting's
#: where, when and who in the lede, and a longer text would not fit the model's context.
EVENT_MAX_CHARS = 6000


def event(article: Article, ask: Ask) -> EventDraft:
    """The meeting's location, venue, date, host and stated count, read from the lede."""
    return ask("event", EventDraft, lede(article, EVENT_MAX_CHARS))


def positions(article: Article, ask: Ask) -> PositionsDraft:
    """Stated positions, passage by passage."""
    found = []
    for passage in passages(article):
        found.extend(ask("positions", PositionsDraft, passage.text(article)).positions)
    return PositionsDraft(positions=found)


def proposal(article: Article, ask: Ask) -> ProposalDraft:
    """Proposal facts, passage by passage; list fields concatenated, first scalar kept."""
    parts = [ask("proposal", ProposalDraft, p.text(article)) for p in passages(article)]
    values: dict[str, object] = {}
    for field in LIST_FIELDS:
        values[field] = [item for part in parts for item in getattr(part, field)]
    for field in SCALAR_FIELDS:
        candidates = [getattr(part, field) for part in parts if getattr(part, field)]
        if field == "size":  # a stated number beats "a small force"
            candidates.sort(key=lambda v: not re.search(r"\d", v))
        values[field] = candidates[0] if candidates else None
    return ProposalDraft.model_validate(values)


#: What each task computes for one article.
TASK_FUNCTIONS: dict[str, Callable[[Article, Ask], BaseModel]] = {
    "event": event,
    "participant_status": participant_statuses,
    "positions": positions,
    "proposal": proposal,
}


def assemble(schema: str, results: dict[str, BaseModel]) -> BaseModel:
    """The per-article draft of ``schema`` from its tasks' results."""
    if schema == "participants":
        event_draft = results["event"]
        statuses = results["participant_status"]
        assert isinstance(event_draft, EventDraft) and isinstance(statuses, ParticipantsDraft)
        return ParticipantsDraft(**event_draft.model_dump(), participants=statuses.participants)
    return results[SCHEMA_TASKS[schema][0]]
