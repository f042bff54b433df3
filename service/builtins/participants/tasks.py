"""The participants schema's questions: who took part (per gazetteer candidate), and the event."""

from __future__ import annotations

import re

from schemas.participants import PRESENT, ParticipantDraft, ParticipantsDraft, Status
from schemas.tasks import EventDraft, TookPartDraft

from ...apposition import TITLE, acting, actor_adjectives, person_for
from ...canon import (
    find_capitals,
    find_entities,
    find_nationalities,
)
from ...chunks import lede
from ...ground import Article, Span
from ...specs import Ask
from .roles import (
    absence,
    clause,
    coordinated,
    leads,
    marked_clauses,
    observers_from,
    present_words,
    remote_from,
    represented,
    stated_part,
)

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
        article.lead_in(s) + _window(article, s, sorted(sentences[s], key=lambda m: m.start))
        for s in chosen
    )


#: A name that only qualifies a group ("NATO member states", "EU nations", "Commonwealth
#: countries"): the members are the ones doing anything, not the organisation.
_MODIFIER = re.compile(
    r"\s+(?:member\s+)?(?:states|countries|nations|members|allies|partners|governments)\b"
    # its force or mission ("the African Union mission in …"): the force, not the body, acts
    r"|\s+(?:(?:naval|military|police|peacekeeping)\s+)?(?:missions?|force|forces|troops"
    r"|operation|peacekeepers)\b"
    # an agency of it, named after it ("Frontex, the EU border agency, sent an observer"): the
    # agency is what acts
    r"|(?:’s|'s)?\s+(?:[\w-]+\s+){0,2}?(?:agency|agencies)\b"
)
#: A name qualifying another meeting ("held up at an EU council in Brussels", "a NATO
#: summit last year"): that meeting's, not a participant in this one.
_ANOTHER_MEETING = re.compile(
    r"\s+(?:council|summit|meeting|conference|ministerial|session|gathering)\b"
)
_INDEFINITE = re.compile(r"\b(?:an?|another)\s+$", re.I)
#: An organisation named as what others are members of ("the Southern African Development
#: Community, of which all the signatories except France are members"): the members act.
_MEMBERS_OF = re.compile(r"\s*,\s*(?:of\s+which|whose\s+members)\b[^.;]*?\bmembers?\b")
#: A place's name inside a case-blind pattern: up to three capitalised words ("Kasane",
#: "Cabo Delgado").
_PLACE_NAME = r"(?-i:[A-Z])[\w.’'-]*(?:\s+(?-i:[A-Z])[\w.’'-]*){0,2}"
#: The names of a list before the candidate, after the word that opens it: "to Spain and
#: [Portugal]", "its islands of Mayotte and [Reunion]".
_EARLIER_PLACES = rf"(?:{_PLACE_NAME}\s*(?:,\s*|\s+and\s+))*$"
#: A name that is a place another owns ("France, … on behalf of its island of Réunion",
#: "the French territory of New Caledonia", "its islands of Mayotte and Reunion"): the owner
#: acts, not the place.
_A_PLACE_OF = re.compile(
    r"\b(?:its|their|the\s+\w+)\s+(?:overseas\s+)?(?:island|islands|territory|territories"
    r"|department|province|region|archipelago|colony|enclave|dependency)\s+of\s+"
    # or a later name of the list it opens: "for its islands of Mayotte and Reunion"
    rf"{_EARLIER_PLACES}"
    # where a mission or force is or goes: "the African Union mission in Somalia", "a
    # stabilisation force for the Central African Republic"
    r"|\b(?:missions?|force|forces|troops|operation|deployment|peacekeepers)\s+(?:in|for|to)\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
#: A country named as where a force or its means are sent ("Cairo sends helicopters to
#: Somalia", "officers sent to Spain and Portugal"): the sender acts; the destination is
#: where the force goes, whatever the sentence says of the sender ("… and wins a seat at the
#: table"). Not where people are sent ("sent its minister to Peru"): that may be the venue.
_SENT_TO = re.compile(
    rf"\b(?:send|sends|sent|sending|deploys?|deployed|deploying|dispatch(?:es|ed|ing)?)"
    rf"\s+(?:(?!{TITLE}s?\b)[\w-]+\s+){{0,4}}?to\s+(?:the\s+)?"
    # or a later name of the list the first destination opens ("to Spain and Portugal")
    rf"{_EARLIER_PLACES}",
    re.IGNORECASE,
)
#: A country named as where a city is ("held in Kasane, Botswana, where …"): the place,
#: not an actor. Not the subject an opening place leads to ("In Lima, Peru said …"): the
#: name must end the place phrase (:data:`_PLACE_ENDS`).
_CITY_OF = re.compile(
    rf"\b(?:in|at|near|outside)\s+{_PLACE_NAME},\s*$",
    re.IGNORECASE,
)
#: What may follow a place's last name: punctuation, or a word that goes on about where or
#: when ("…, Botswana, where", "… Botswana on Thursday").
_PLACE_ENDS = re.compile(r"\s*(?:[,.;)]|$)|\s+(?:where|when|on|in|at|last|this|next)\b")
#: Characters of the article's opening shown with every took-part question: it says which
#: meeting "the meeting" is, so that a past or another meeting is not taken for it.
OPENING_CHARS = 320


def opening(article: Article) -> str:
    """The article's first sentences, up to OPENING_CHARS: the meeting it reports."""
    end = 0
    while end < min(len(article.text), OPENING_CHARS):
        sentence = article.sentence(Span(end, end + 1, "exact"))
        if sentence.end <= end or (end and sentence.end > OPENING_CHARS):
            break
        end = sentence.end
    return article.text[: end or OPENING_CHARS].strip()


def _representative(article: Article, mentions: list[Span]) -> str | None:
    """The first person the text names as holding a function of the entity at ``mentions``."""
    return next(filter(None, (person_for(article, m) for m in mentions)), None)


def _by_capital(article: Article, spans: list[Span] | None) -> Status | None:
    """How the country takes part where only its capital is named, if it does.

    Remotely from it ("On the screen from Washington"), by the observers who come from it
    ("Two observers from Dhaka"), or represented by someone ("Kinshasa was represented by
    the deputy minister"). A country named otherwise too is asked the remote way only: its
    observers are read from its own clauses.
    """
    if not spans:
        return None
    sentences = marked_clauses(article, spans, whole=True)
    if remote_from(sentences):
        return "remote_attendee"
    if observers_from(sentences):
        return "observer"
    return "attendee" if represented(marked_clauses(article, spans)) else None


#: A timeline's entry, a line opened by its date: "January 2025 - ", "14 April 2025 - ".
_DATED_ENTRY = re.compile(
    r"^[ \t]*(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December)(?:\s+\d{1,2})?,?\s+(?:19|20)\d\d\s*[-–—:]\s[^\n]*",
    re.MULTILINE,
)
#: An entry of the meeting's own day: it names the meeting or how someone took part.
_THE_MEETINGS_ENTRY = re.compile(
    r"\b(?:meet|meets|met|meeting|talks|summit|conference|session|video|online|remotely"
    r"|represented|attend\w*|observers?)\b",
    re.IGNORECASE,
)


def _other_days(article: Article) -> list[tuple[int, int]]:
    """The entries of a timeline that are of other days than the meeting's.

    In a timeline (three dated entries or more) whose entries name the meeting, "January
    2025 - Italy offers two jets" is what Italy did months before, not at the meeting.
    """
    entries = list(_DATED_ENTRY.finditer(article.text))
    meetings = [e for e in entries if _THE_MEETINGS_ENTRY.search(e.group())]
    if len(entries) < 3 or not meetings:
        return []
    return [(e.start(), e.end()) for e in entries if e not in meetings]


def _whose_place(article: Article, span: Span, others: list[Span]) -> bool:
    """Whether the capital at ``span`` is where another candidate's person is.

    "The European Union's envoy joined by video from Brussels": the clause names who joins
    before the capital, so the capital says where the envoy sat, not that Belgium took part.
    """
    where = clause(article, span)
    return any(where.start <= m.start and m.end <= span.start for m in others)


def participant_statuses(article: Article, ask: Ask) -> ParticipantsDraft:
    """Every country and organisation the article names, ``mentioned`` unless it took part.

    Absence stated in a clause naming the candidate decides first, then a way of taking
    part the clause states (hosting, remotely, as an observer). A candidate whose clauses
    have no words of being at the meeting is ``mentioned`` without a question, since the
    model's "yes" stands only with them; only what the text leaves open is asked, as one
    yes/no question (:mod:`.roles`). The answers for names of one list are pooled
    (:func:`_pooled`).
    """
    meeting = opening(article)
    capitals = find_capitals(article)
    candidates = find_entities(article)
    for name, adjectives in find_nationalities(article).items():
        # named only as "a Guatemalan delegate" (or "the Congolese delegation" beside Kinshasa)
        candidates.setdefault(name, ("country", acting(article, adjectives)))
    other_days = _other_days(article)
    statuses: dict[str, Status] = {}
    answers: dict[str, bool] = {}
    stated: dict[str, bool] = {}  # taking part or absence the text states, for _pooled
    # each candidate's mentions and the clauses naming it, read once for both passes
    read: dict[str, tuple[list[Span], list[str]]] = {}
    for name, (_, spans) in candidates.items():
        unique = {(m.start, m.end): m for m in [*spans, *actor_adjectives(article, name)]}
        # where something is sent: "send observers to **Haiti**'s election"
        destinations = [
            m
            for m in unique.values()
            if _SENT_TO.search(article.text, max(0, m.start - 80), m.start)
        ]
        mentions = [
            m
            for m in sorted(unique.values(), key=lambda s: s.start)
            if not _MODIFIER.match(article.text, m.end)
            and not _MEMBERS_OF.match(article.text, m.end)
            and not (
                _ANOTHER_MEETING.match(article.text, m.end)
                and _INDEFINITE.search(article.text, max(0, m.start - 9), m.start)
            )
            and not _A_PLACE_OF.search(article.text, max(0, m.start - 60), m.start)
            and not any(start <= m.start < end for start, end in other_days)
            and m not in destinations
            and not (
                _CITY_OF.search(article.text, max(0, m.start - 60), m.start)
                and _PLACE_ENDS.match(article.text, m.end)
            )
        ]
        sent_to = _destination_sentences(article, destinations)
        mentions = [m for m in mentions if article.sentence(m) not in sent_to]
        clauses = marked_clauses(article, mentions)
        read[name] = (mentions, clauses)
        status = (
            absence(clauses) or stated_part(clauses, meeting) or absence(clauses, specific=False)
        )
        if status is None and _by_capital(article, capitals.get(name)) == "remote_attendee":
            status = "remote_attendee"  # "On the screen from Washington: …", beside "American"
        if status is None:  # "Canada has offered to pay, but Ottawa was not in the room"
            absent = [
                s
                for s in capitals.get(name, [])
                if _NEGATED.match(article.text, s.end)
                and not _PLACE_BEFORE.search(article.text, max(0, s.start - 8), s.start)
            ]
            status = absence(marked_clauses(article, absent), specific=False) if absent else None
        if status is not None:
            stated[name] = status in PRESENT
        if status is None and not present_words(clauses):
            status = "mentioned"  # no "yes" would stand without words of being there: not asked
        if status is not None:
            statuses[name] = status
            continue
        sentences = _sentences_about(article, mentions)
        answer = ask("took_part", TookPartDraft, f"{meeting}\n…\n{sentences}", name=name)
        if answer is not None:  # else its role is unknown: not listed rather than guessed
            answers[name] = answer.took_part == "yes"
    listed = {name: spans for name, (_, spans) in candidates.items()}
    for name, yes in _pooled(answers, coordinated(article, listed), stated).items():
        statuses[name] = "attendee" if yes else "mentioned"
    items = []
    for name in candidates:
        if name not in statuses:
            continue
        status = statuses[name]
        mentions, clauses = read[name]
        if status == "attendee" and leads(clauses):
            status = "co_organiser"
        representative = None
        if status in PRESENT:
            representative = _representative(article, mentions or capitals.get(name, []))
        items.append(ParticipantDraft(name=name, status=status, representative=representative))
    others = [m for _, spans in candidates.values() for m in spans]
    for name, spans in capitals.items():
        # named only by its capital, as where someone follows the meeting from, or where
        # the observers in the hall come from
        own = [s for s in spans if not _whose_place(article, s, others)]
        by_capital = None if name in candidates else _by_capital(article, own)
        if by_capital is None:
            continue
        items.append(
            ParticipantDraft(
                name=name, status=by_capital, representative=_representative(article, spans)
            )
        )
    return ParticipantsDraft(participants=items)


#: A capital as the subject of a negated verb: the government it stands for ("Ottawa was
#: not in the room"), not the place ("a meeting in Ottawa was not …" has it after "in").
_NEGATED = re.compile(
    r"\s+(?:was|were|is|are|has|have|had|did|does)\s+(?:not|never)\b|\s+(?:stayed|kept)\s+away\b"
)


def _destination_sentences(article: Article, destinations: list[Span]) -> set[Span]:
    """The sentences of the candidate's mentions as where something is sent.

    Such a sentence names it so throughout: "send eighty observers to Haiti's election …,
    under the protection of Haiti's own police".
    """
    return {article.sentence(m) for m in destinations}


_PLACE_BEFORE = re.compile(r"\b(?:in|at|from|to|near)\s+$", re.IGNORECASE)


def _pooled(
    answers: dict[str, bool], lists: list[set[str]], stated: dict[str, bool]
) -> dict[str, bool]:
    """``answers``, with the majority of a list's votes for every name of it asked.

    The names of one coordinated list share its predicate ("Ministers of A, B and C met"),
    but the small model, asked of each alone, says yes to some and no to others. Each name
    of the list votes: the asked ones with their answer, the others with the taking part
    or absence the text states of them (``stated``; "A, B and C agreed …", A the host).
    Where a list has two votes or more and they differ, the majority decides for its asked
    names; a tie changes nothing.
    """
    pooled = dict(answers)
    for names in lists:
        asked = [n for n in names if n in answers]
        votes = [answers[n] for n in asked] + [stated[n] for n in names if n in stated]
        yes = sum(votes)
        if asked and len(votes) > 1 and 2 * yes != len(votes):
            pooled.update(dict.fromkeys(asked, 2 * yes > len(votes)))
    return pooled


#: Characters of an article the event task reads (~450 tokens): news puts the meeting's
#: where, when, host and head count in the lede (in the seeds, all within the first 1,300
#: characters), and every character more is read at ~30 tokens/s on 2 cores.
EVENT_MAX_CHARS = 2000


def event(article: Article, ask: Ask) -> EventDraft:
    """The meeting's location, venue, date, host and stated count, read from the lede."""
    return ask("event", EventDraft, lede(article, EVENT_MAX_CHARS)) or EventDraft()
