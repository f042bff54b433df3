"""Grounding of the participants schema: the event's fields and each participant."""

from __future__ import annotations

import re

from schemas.common import Ungrounded
from schemas.participants import (
    STATUS_SPECIFICITY,
    Event,
    Participant,
    ParticipantList,
    ParticipantsDraft,
)

from ...canon import (
    canonical_entity,
    capitals_of,
    nationality_forms,
    surface_forms,
)
from ...ground import Article
from ...records import NOT_FOUND, Shape, ground_phrase, mention_evidence

#: What a value of these fields must look like; anything else is a mislabelled span.
_SHAPES: dict[str, Shape] = {
    "event.date": (
        re.compile(
            r"\d|\b(mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(jan|feb|mar|apr|may|jun|jul|aug"
            r"|sep|oct|nov|dec)[a-z]*\b|\b(today|tomorrow|yesterday|week|month|year)\b",
            re.I,
        ),
        "not a date",
    ),
    "event.stated_count": (
        re.compile(
            r"\d|\b(two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|dozen)", re.I
        ),
        "not a count",
    ),
}


#: Words that make a name a group ("NATO countries"), not one participant.
_GROUP = re.compile(
    r"\b(countries|nations|states|members|allies|officials|leaders|partners)\b", re.I
)


def _split_group(name: str) -> list[str] | None:
    """Members named inside a group name ("Japan and South Korea").

    None means ``name`` is one entity; an empty list means a group with no named member.
    """
    if canonical_entity(name) is not None:
        return None
    parts = [p.strip() for p in re.split(r",|\band\b|&", name) if p.strip()]
    if len(parts) > 1 and all(canonical_entity(p) for p in parts):
        return parts
    return [] if _GROUP.search(name) else None


def ground_participants(article: Article, draft: ParticipantsDraft) -> ParticipantList:
    """Ground the event fields and participants of one article."""
    ungrounded: list[Ungrounded] = []
    event = Event(
        location=ground_phrase(
            article, "event.location", draft.location, ungrounded, _SHAPES.get("event.location")
        ),
        venue=ground_phrase(
            article, "event.venue", draft.venue, ungrounded, _SHAPES.get("event.venue")
        ),
        date=ground_phrase(
            article, "event.date", draft.date, ungrounded, _SHAPES.get("event.date")
        ),
        host=ground_phrase(
            article, "event.host", draft.host, ungrounded, _SHAPES.get("event.host")
        ),
        stated_count=ground_phrase(
            article,
            "event.stated_count",
            draft.stated_count,
            ungrounded,
            _SHAPES.get("event.stated_count"),
        ),
    )
    by_name: dict[str, Participant] = {}
    items = []
    for item in draft.participants:
        parts = _split_group(item.name)
        if parts is None:
            items.append(item)
        elif not parts:
            reason = "a group, not one country or organisation"
            ungrounded.append(Ungrounded(field="participants", value=item.name, reason=reason))
        else:
            items.extend(item.model_copy(update={"name": part}) for part in parts)
    for item in items:
        resolved = canonical_entity(item.name)
        name, kind = resolved if resolved else (item.name.strip(), "organisation")
        forms = [item.name, *surface_forms(name)] if resolved else [item.name]
        evidence = mention_evidence(article, forms)
        if not evidence and kind == "country":
            evidence = mention_evidence(article, nationality_forms(article, name))
        if not evidence and kind == "country":  # named by its capital only ("from Athens")
            evidence = mention_evidence(article, list(capitals_of(name)))
        if not evidence:
            ungrounded.append(Ungrounded(field="participants", value=item.name, reason=NOT_FOUND))
            continue
        representative = item.representative
        if representative and not article.mentions([representative]):
            ungrounded.append(
                Ungrounded(
                    field="participants.representative", value=representative, reason=NOT_FOUND
                )
            )
            representative = None
        current = by_name.get(name)
        if current and STATUS_SPECIFICITY.index(current.status) <= STATUS_SPECIFICITY.index(
            item.status
        ):
            continue
        by_name[name] = Participant(
            name=name,
            kind=kind,
            status=item.status,
            representative=representative or (current.representative if current else None),
            mention=item.name,
            evidence=evidence,
        )
    return ParticipantList(event=event, participants=list(by_name.values()), ungrounded=ungrounded)
