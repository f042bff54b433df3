"""The participants schema's questions: a role question per gazetteer candidate, and the event."""

from __future__ import annotations

import re

from schemas.participants import ParticipantDraft, ParticipantsDraft
from schemas.tasks import EventDraft, StatusDraft

from ...canon import (
    demonyms,
    find_entities,
)
from ...chunks import lede
from ...ground import Article, Span
from ...specs import Ask
from .roles import checked_status, stated_role

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
