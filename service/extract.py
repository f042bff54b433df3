"""The built-in schemas' tasks: one article decomposed into small model questions.

Small models do well on short inputs and narrow questions, so an article is never sent
whole with a broad question:

* participants: the countries and organisations are found in the text by a gazetteer
  (:func:`service.canon.find_entities`); the model only labels each one's role from the
  sentences that mention it, plus one short call for the meeting's details;
* positions and proposal: the model reads one passage at a time (about 150 tokens for
  positions, 300 for the proposal) and the answers are concatenated; passages that speak
  of an order of steps get a second, narrow question for the plan's phases, which the
  broad question leaves empty.

Every call goes through ``ask``, which the pipeline provides (cache, backend, statistics).
A question that gets no valid answer returns None there and costs only its own facts: the
task goes on with the other questions.
"""

from __future__ import annotations

import re

from schemas import ParticipantsDraft, PositionsDraft, ProposalDraft
from schemas.participants import ParticipantDraft
from schemas.proposal import LIST_FIELDS, SCALAR_FIELDS
from schemas.tasks import EventDraft, PhasesDraft, StatusDraft

from .canon import demonyms, find_entities
from .chunks import lede, passages
from .ground import Article, Span
from .roles import checked_status, stated_role
from .specs import Ask

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


#: A title followed by a name ("President Emmanuel Macron", "army chief, Robert Glavaš",
#: "Chief of Defence Staff Tony Radakin"): where the sentences have none, the model's answer
#: could only confirm a role the text already states. A title alone ("army chiefs from
#: Japan") names no one.
_NAMED_PERSON = re.compile(
    r"\b(?i:presidents?|prime\s+ministers?|ministers?|chancellors?|secretar(?:y|ies)"
    r"|generals?|gen\.|admirals?|ambassadors?|commanders?|chiefs?|heads?|envoys?"
    r"|representatives?|delegates?)"
    r"(?:\s+of(?:\s+the)?(?:\s+[A-Z][\w’'-]*){1,3})?,?\s+(?:[A-Z][\w’'.-]*\s+){1,2}[A-Z][\w’'-]+"
)


def participant_statuses(article: Article, ask: Ask) -> ParticipantsDraft:
    """Label every country and organisation the article names.

    A role the sentences state outright (:func:`service.roles.stated_role`) needs no model
    call unless they also name a person by title, who may be its representative: only the
    model reads which country a named person speaks for.
    """
    items = []
    for name, (_, spans) in find_entities(article).items():
        extra = article.mentions(list(demonyms(name)))
        sentences = _sentences_about(article, sorted([*spans, *extra], key=lambda s: s.start))
        stated = stated_role(sentences)
        if stated is not None and not _NAMED_PERSON.search(sentences):
            items.append(ParticipantDraft(name=name, status=stated))
            continue
        answer = ask("participant_status", StatusDraft, sentences, name=name)
        if answer is None:
            continue  # its role is unknown: not listed rather than guessed
        status = checked_status(answer, name, sentences)
        items.append(
            ParticipantDraft(name=name, status=status, representative=answer.representative)
        )
    return ParticipantsDraft(participants=items)


#: Characters of an article the event task reads (~450 tokens): news puts the meeting's
#: where, when, host and head count in the lede (in the seeds, all within the first 1,300
#: characters), and every character more is read at ~30 tokens/s on 2 cores.
EVENT_MAX_CHARS = 2000


def event(article: Article, ask: Ask) -> EventDraft:
    """The meeting's location, venue, date, host and stated count, read from the lede."""
    return ask("event", EventDraft, lede(article, EVENT_MAX_CHARS)) or EventDraft()


def positions(article: Article, ask: Ask) -> PositionsDraft:
    """Stated positions, passage by passage.

    Every passage is asked, even one without a verb of speech or a title: "the goal was
    to ..." after naming a president, or "Germany offered two brigades", states a position.
    """
    found = []
    for passage in passages(article):
        answer = ask("positions", PositionsDraft, passage.text(article))
        if answer is not None:
            found.extend(answer.positions)
    return PositionsDraft(positions=found)


#: Passage length for the proposal question. Its answer always spells out all twelve
#: fields (~63 tokens even when empty, at ~60 ms per generated token on 2 cores) and
#: repeats the name and objective in every passage, so it reads longer passages.
PROPOSAL_MAX_CHARS = 1400


def proposal(article: Article, ask: Ask) -> ProposalDraft:
    """Proposal facts, passage by passage; list fields concatenated, first scalar kept."""
    answers = [
        ask("proposal", ProposalDraft, p.text(article))
        for p in passages(article, PROPOSAL_MAX_CHARS)
    ]
    parts = [answer for answer in answers if answer is not None]
    values: dict[str, object] = {}
    for field in LIST_FIELDS:
        values[field] = [item for part in parts for item in getattr(part, field)]
    for field in SCALAR_FIELDS:
        candidates = [getattr(part, field) for part in parts if getattr(part, field)]
        if field == "size":  # a stated number beats "a small force"
            candidates.sort(key=lambda v: not re.search(r"\d", v))
        values[field] = candidates[0] if candidates else None
    return ProposalDraft.model_validate(values)


#: A passage that speaks of an order of steps gets the phases question.
_SEQUENCE = re.compile(
    r"\b(initially|at first|first step|starting with|start with|begin with|before expanding"
    r"|followed by|long-term|in the long run|in stages|phased)\b",
    re.IGNORECASE,
)
#: A step says when it comes. The small model also copies the sentences around the steps
#: (opinions, who said what); an item without a word of time or order is one of those.
_WHEN = re.compile(
    r"\b(first|initial\w*|start\w*|begin\w*|before|then|followed|after\w*|later|long-term"
    r"|long run|eventually|expand\w*|subsequent\w*|next|finally|month-long|one-month)\b",
    re.IGNORECASE,
)


def phases(article: Article, ask: Ask) -> PhasesDraft:
    """The plan's steps, asked only of passages that speak of an order of steps."""
    steps: list[str] = []
    for passage in passages(article):
        text = passage.text(article)
        if _SEQUENCE.search(text):
            answer = ask("phases", PhasesDraft, text)
            if answer is not None:
                steps.extend(step for step in answer.phases if _WHEN.search(step))
    return PhasesDraft(phases=steps)
