"""Grounding of the positions schema: speakers, their sentences and their quotes."""

from __future__ import annotations

import re

from schemas.common import Ungrounded
from schemas.positions import PositionList, PositionsDraft, Quote, StatedPosition

from ...canon import (
    canonical_entity,
    person_key,
    same_person,
)
from ...ground import Article, Span
from ...records import NOT_FOUND

_ROLE_NOUN = re.compile(
    r"\b(officials?|ministers?|president|chiefs?|ambassador|representatives?|spokes\w*|leaders?"
    r"|officers?|diplomats?|general|commander|sources?|government|ministry|kremlin|secretary"
    r"|chancellor|envoy|delegat\w*|analysts?|experts?|advis[eo]rs?)\b",
    re.IGNORECASE,
)


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
                Ungrounded(field="positions.speaker", value=item.speaker, reason=NOT_FOUND)
            )
            continue
        quotes: list[Quote] = []
        if item.quote and item.quote.strip():
            qspan = article.align(item.quote)
            if qspan is None:
                ungrounded.append(
                    Ungrounded(field="positions.quote", value=item.quote, reason=NOT_FOUND)
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
