"""Turn a model's draft into a grounded per-article record.

Every value the model returned is aligned to the article (see :mod:`service.ground`).
What cannot be found is not emitted as a fact; it is listed under ``ungrounded`` with the
reason. Names are canonicalised here so that the merge can compare them.
"""

from __future__ import annotations

import re

from pydantic import BaseModel

from schemas.common import Evidence, Fact, Ungrounded
from schemas.participants import (
    STATUS_SPECIFICITY,
    Event,
    Participant,
    ParticipantList,
    ParticipantsDraft,
)
from schemas.positions import PositionList, PositionsDraft, Quote, StatedPosition
from schemas.proposal import LIST_FIELDS, ProposalDraft, SecurityForceProposal, Size

from .canon import (
    canonical_country,
    canonical_entity,
    demonyms,
    person_key,
    same_person,
    surface_forms,
)
from .ground import Article, Span

_TROOPS = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)\s*(?:troops|soldiers|personnel)", re.I)
_NOT_FOUND = "not found in the article"
_ROLE_NOUN = re.compile(
    r"\b(officials?|ministers?|president|chiefs?|ambassador|representatives?|spokes\w*|leaders?"
    r"|officers?|diplomats?|general|commander|sources?|government|ministry|kremlin|secretary"
    r"|chancellor|envoy|delegat\w*|analysts?|experts?|advis[eo]rs?)\b",
    re.IGNORECASE,
)
#: What a value of these fields must look like; anything else is a mislabelled span.
_SHAPES = {
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


def _fact(
    article: Article, field: str, value: str | None, ungrounded: list[Ungrounded]
) -> Fact | None:
    """Ground one phrase; a known entity written differently ("UN") is found by its names."""
    if value is None or not value.strip():
        return None
    shape = _SHAPES.get(field)
    if shape and not shape[0].search(value):
        ungrounded.append(Ungrounded(field=field, value=value, reason=shape[1]))
        return None
    span = article.align(value)
    if span is not None:
        return Fact(value=article.text[span.start : span.end], evidence=[article.evidence(span)])
    entity = canonical_entity(value)
    if entity is not None:
        mentions = article.mentions(list(surface_forms(entity[0])))
        if mentions:
            return Fact(value=entity[0], evidence=[article.evidence(mentions[0])])
    ungrounded.append(Ungrounded(field=field, value=value, reason=_NOT_FOUND))
    return None


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


def _mention_evidence(article: Article, names: list[str], limit: int = 3) -> list[Evidence]:
    """The sentences in which any of ``names`` occurs (first ``limit``)."""
    evidence: list[Evidence] = []
    seen: set[tuple[int, int]] = set()
    for mention in article.mentions(names):
        sentence = article.sentence(mention)
        if (sentence.start, sentence.end) in seen:
            continue
        seen.add((sentence.start, sentence.end))
        evidence.append(article.evidence(sentence))
        if len(evidence) == limit:
            break
    return evidence


def ground_participants(article: Article, draft: ParticipantsDraft) -> ParticipantList:
    """Ground the event fields and participants of one article."""
    ungrounded: list[Ungrounded] = []
    event = Event(
        location=_fact(article, "event.location", draft.location, ungrounded),
        venue=_fact(article, "event.venue", draft.venue, ungrounded),
        date=_fact(article, "event.date", draft.date, ungrounded),
        host=_fact(article, "event.host", draft.host, ungrounded),
        stated_count=_fact(article, "event.stated_count", draft.stated_count, ungrounded),
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
        evidence = _mention_evidence(article, forms)
        if not evidence and kind == "country":
            evidence = _mention_evidence(article, list(demonyms(name)))
        if not evidence:
            ungrounded.append(Ungrounded(field="participants", value=item.name, reason=_NOT_FOUND))
            continue
        representative = item.representative
        if representative and not article.mentions([representative]):
            ungrounded.append(
                Ungrounded(
                    field="participants.representative", value=representative, reason=_NOT_FOUND
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


def _speaker_span(article: Article, speaker: str) -> Span | None:
    # No fuzzy match: "Russian officials" must not be found as "Ukrainian officials".
    span = article.align(speaker)
    if span is not None and span.alignment != "fuzzy":
        return span
    key = person_key(speaker)
    words = speaker.split()
    if key and " " not in key and words and words[-1][:1].isupper():
        # a named person ("President Emmanuel Macron"): the surname alone is a mention
        found = article.mentions([key])
        if found:
            return found[0]
    return None


#: A speaker is a name or a short noun phrase; the small model sometimes copies a whole
#: clause, which a verb or its length gives away.
MAX_SPEAKER_WORDS = 8
_CLAUSE = re.compile(
    r"\b(is|are|was|were|will|would|has|have|had|been|expected|said|says)\b", re.IGNORECASE
)


def is_speaker(speaker: str, article: Article) -> bool:
    """Whether ``speaker`` names a person or a body of people, not a plan or a country.

    Not a clause or a long phrase. A role noun ("official", "minister", "representatives")
    or a personal name qualifies:
    two capitalised words that are not place names, or one that the article elsewhere
    writes after a first name (a surname such as "Macron").
    """
    if len(speaker.split()) > MAX_SPEAKER_WORDS or _CLAUSE.search(speaker):
        return False  # a clause copied from the text ("… will send their chiefs of staff")
    if _ROLE_NOUN.search(speaker):
        return True
    names = [w for w in re.findall(r"[A-Z][\w’'-]+", speaker) if canonical_entity(w) is None]
    if len(names) >= 2:
        return True
    return (
        len(names) == 1 and re.search(r"[A-Z]\w+ " + re.escape(names[0]), article.text) is not None
    )


#: Words of outright rejection in the speaker's own sentence: the small model reads
#: threats and refusals as mere scepticism.
_OPPOSES = re.compile(
    r"\b(?:reject(?:s|ed|ing)?|oppos(?:e|es|ed|ing)|unacceptable|legitimate targets?"
    r"|will not (?:accept|allow|tolerate)|categorically|refus(?:e|es|ed|ing))\b",
    re.IGNORECASE,
)


def ground_positions(article: Article, draft: PositionsDraft) -> PositionList:
    """Ground speakers and quotes of one article; quotes must be verbatim."""
    ungrounded: list[Ungrounded] = []
    positions: list[StatedPosition] = []
    for item in draft.positions:
        if not is_speaker(item.speaker, article):
            reason = "not a person or body"
            ungrounded.append(
                Ungrounded(field="positions.speaker", value=item.speaker, reason=reason)
            )
            continue
        span = _speaker_span(article, item.speaker)
        if span is None:
            ungrounded.append(
                Ungrounded(field="positions.speaker", value=item.speaker, reason=_NOT_FOUND)
            )
            continue
        quotes: list[Quote] = []
        if item.quote and item.quote.strip():
            qspan = article.align(item.quote)
            if qspan is None:
                ungrounded.append(
                    Ungrounded(field="positions.quote", value=item.quote, reason=_NOT_FOUND)
                )
            else:
                text = article.text[qspan.start : qspan.end]
                quotes.append(Quote(text=text, evidence=[article.evidence(qspan)]))
        resolved = canonical_entity(item.affiliation) if item.affiliation else None
        affiliation = resolved[0] if resolved else item.affiliation
        sentence = article.sentence(span)
        said = article.text[sentence.start : sentence.end]
        position = StatedPosition(
            speaker=article.text[span.start : span.end]
            if span.alignment != "entity"
            else item.speaker,
            role=item.role,
            affiliation=affiliation,
            stance="opposes" if _OPPOSES.search(said) else item.stance,
            claim=said.strip(),
            quotes=quotes,
            evidence=[article.evidence(sentence)],
        )
        key = person_key(position.speaker)
        earlier = next((p for p in positions if same_person(person_key(p.speaker), key)), None)
        if earlier is None:
            positions.append(position)
        else:  # one speaker seen in two passages: one position, all quotes and evidence
            earlier.quotes.extend(
                q for q in quotes if q.text not in {e.text for e in earlier.quotes}
            )
            earlier.evidence.extend(e for e in position.evidence if e not in earlier.evidence)
            if len(position.speaker) > len(earlier.speaker):
                earlier.speaker = position.speaker
    return PositionList(positions=positions, ungrounded=ungrounded)


def ground_proposal(article: Article, draft: ProposalDraft) -> SecurityForceProposal:
    """Ground every phrase of the proposal draft; countries become canonical names."""
    ungrounded: list[Ungrounded] = []
    values: dict[str, object] = {}
    for field in ("name", "objective", "status"):
        values[field] = _fact(article, field, getattr(draft, field), ungrounded)
    size_fact = _fact(article, "size", draft.size, ungrounded)
    if size_fact is not None:
        match = _TROOPS.search(size_fact.value)
        troops = int(match.group(1).replace(",", "")) if match else None
        values["size"] = Size(text=size_fact, troops=troops)
    proposers: dict[str, Fact] = {}
    for country in draft.proposed_by:
        name = canonical_country(country)
        evidence = _mention_evidence(
            article, [country, *surface_forms(name)] if name else [country]
        )
        if name is None or not evidence:
            reason = "not a country" if name is None else _NOT_FOUND
            ungrounded.append(Ungrounded(field="proposed_by", value=country, reason=reason))
            continue
        proposers.setdefault(name, Fact(value=name, evidence=evidence))
    values["proposed_by"] = list(proposers.values())
    for field in LIST_FIELDS:
        if field == "proposed_by":
            continue
        facts: list[Fact] = []
        for phrase in getattr(draft, field):
            fact = _fact(article, field, phrase, ungrounded)
            if fact is not None and all(f.value != fact.value for f in facts):
                facts.append(fact)
        values[field] = facts
    return SecurityForceProposal.model_validate({**values, "ungrounded": ungrounded})


def ground(schema: str, article: Article, draft: BaseModel) -> BaseModel:
    """Dispatch to the grounding function of ``schema``."""
    if isinstance(draft, ParticipantsDraft):
        return ground_participants(article, draft)
    if isinstance(draft, PositionsDraft):
        return ground_positions(article, draft)
    if isinstance(draft, ProposalDraft):
        return ground_proposal(article, draft)
    raise TypeError(f"no grounding for {type(draft).__name__} ({schema})")
