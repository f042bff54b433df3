"""How a candidate took part, or why it did not, read from the clauses that name it.

``mentioned`` is the default. Taking part is established positively, by the text or by the
model: a clause that says the candidate hosts, or joins remotely or as an observer, settles
it; otherwise a yes/no question does (``took_part``). Absence is read first and wins: a
negated or absent predicate in the candidate's own clause ("Russia, which …, was not
represented", "excluding the United States", "Hungary stayed away") means it did not take
part whatever the model would say, and its cue tells why where the text says why.

The cues are grammatical (negation, absence, remote and observer participation, hosting),
not names or phrases of one story. Their scope is the clause: a sentence is cut at ``;``,
dashes and coordinating ``, and`` / ``while`` / ``whereas``, so that "Sweden attended while
Chile did not reply" tells each country its own predicate.
"""

from __future__ import annotations

import re

from schemas.participants import Status

from ...ground import Article, Span

#: Where one clause ends and the next begins inside a sentence.
_CLAUSE_BREAK = re.compile(r";|\s[-–—]\s|,\s+(?:and|while|whereas)\s|\s(?:while|whereas)\s")

#: Why a candidate was not there, most specific first. Each is searched in its clause only.
_ABSENT: tuple[tuple[re.Pattern[str], Status], ...] = (
    (re.compile(r"\b(?:did\s+not|didn't|has\s+not|have\s+not|had\s+not|failed\s+to)\s+"
                r"(?:respond|reply|answer)|\bno\s+(?:response|reply|answer)\b", re.I),
     "no_response"),
    (re.compile(r"\bnot\s+(?:been\s+|even\s+)?invited|\buninvited|\bexclud\w*|\bexception\b"
                r"|\bexcept\b|\bleft\s+off\b", re.I), "not_invited"),
    (re.compile(r"\bdeclin\w*|\brefus\w*|\bboycott\w*|\bturned\s+down|\bchose\s+not\s+to"
                r"|\bstay\w*\s+away|\bkept\s+away|\bskipp\w*|\bsnubb\w*|\bshunn\w*"
                r"|\bpulled\s+out|\bwithdr[ae]w", re.I), "declined"),
    (re.compile(r"\b(?:not|never|neither|nor)\b|n't\b|\babsen\w*|\bmissing\b|\bempty\s+"
                r"(?:chair|seat)s?|\bno\s+sign\s+of|\bsent\s+no\b|\bno\s+(?:\w+\s+)?"
                r"(?:delegation|official|representative|minister|envoy)s?\b|\bnone\s+of\b"
                r"|\bwithout\s+(?:the\s+)?\*\*", re.I), "mentioned"),
)  # fmt: skip

#: Ways of taking part that the text states; taking part needs no question then.
_REMOTE = re.compile(
    r"\b(?:remote(?:ly)?|virtual(?:ly)?|online|by\s+(?:video|videoconference|video\s*link|"
    r"teleconference|phone|satellite)|via\s+(?:video|videoconference|video\s*link|zoom)"
    r"|video\s*(?:link|call|conference)|dial(?:l)?ed\s+in|connected\s+by\s+video)\b",
    re.I,
)
_OBSERVER = re.compile(r"\bobserver(?:s)?\b|\bobserv(?:ed|es|ing)\s+the\s+(?:talks|meeting)", re.I)
#: Hosting said of the candidate: "hosted by X", "X hosted", "co-chairs X and Y",
#: "X, as co-chairs", "host X". The candidate is marked ``**…**``.
_NAME = r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*"
_LIST = rf"(?:(?:the\s+)?(?:{_NAME}|\*\*[^*]+\*\*)(?:’s|'s)?(?:\s*,\s*(?:and\s+)?|\s+and\s+))*"
_HOST_WORD = r"(?:co-?)?(?:host(?:ed|s|ing)?|chair(?:ed|s|ing)?|convened|presided|organi[sz]ed)"
_HOSTS = re.compile(
    rf"\b(?i:(?:co-?)?(?:hosted|chaired|convened|organi[sz]ed)\s+(?:jointly\s+)?by)\s+(?:the\s+)?"
    rf"{_LIST}(?:the\s+)?\*\*"
    rf"|\*\*[^*]+\*\*(?:’s|'s)?(?:\s*,\s*(?:and\s+)?|\s+and\s+)?{_LIST}(?:\s*,)?\s+(?:as\s+)?"
    rf"(?:\w+\s+){{0,3}}?{_HOST_WORD}\b"
    rf"|\b(?i:co-?hosts?|co-?chairs?|host(?:\s+country)?)\s+(?:the\s+)?{_LIST}(?:the\s+)?\*\*"
)
#: Leading the initiative with the host: "initiated by X", "at the initiative of X".
_LEADS = re.compile(
    rf"\b(?i:(?:initiated|launched|spearheaded|proposed|led|conceived)\s+by)\s+(?:the\s+)?"
    rf"{_LIST}(?:the\s+)?\*\*"
    rf"|\b(?i:at\s+the\s+initiative\s+of)\s+(?:the\s+)?{_LIST}(?:the\s+)?\*\*"
    rf"|\*\*[^*]+\*\*(?:\s*,\s*(?:and\s+)?|\s+and\s+)?{_LIST}\s+(?:\w+\s+){{0,2}}?"
    rf"(?:proposed|initiated|launched|spearheaded)\b"
)


def clause(article: Article, span: Span) -> Span:
    """The clause of its sentence that holds ``span``."""
    sentence = article.sentence(span)
    start, end = sentence.start, sentence.end
    for brk in _CLAUSE_BREAK.finditer(article.text, sentence.start, sentence.end):
        if brk.end() <= span.start:
            start = brk.end()
        elif brk.start() >= span.end:
            end = brk.start()
            break
    return Span(start, end, "exact")


def marked_clauses(article: Article, spans: list[Span]) -> list[str]:
    """Each distinct clause naming the candidate, its mentions marked ``**…**``."""
    by_clause: dict[tuple[int, int], list[Span]] = {}
    for span in spans:
        c = clause(article, span)
        by_clause.setdefault((c.start, c.end), []).append(span)
    out = []
    for (start, end), mentions in sorted(by_clause.items()):
        text, cursor = "", start
        for m in sorted(mentions, key=lambda s: s.start):
            if m.start < cursor:
                continue
            text += article.text[cursor : m.start] + "**" + article.text[m.start : m.end] + "**"
            cursor = m.end
        out.append(text + article.text[cursor:end])
    return out


def absence(clauses: list[str], *, specific: bool = True) -> Status | None:
    """Why the candidate was not there, if a clause naming it says it was not.

    ``specific`` reads only the cues that say why (not invited, declined, no response);
    otherwise only the bare negation or absence, which a stated way of taking part in
    another clause outweighs ("Canada is here as an observer; a Canadian official says
    Ottawa will not send troops").
    """
    for pattern, status in _ABSENT:
        if (status != "mentioned") is specific and any(pattern.search(c) for c in clauses):
            return status
    return None


def stated_part(clauses: list[str]) -> Status | None:
    """How the candidate took part, where a clause naming it says so; else None."""
    if any(_REMOTE.search(c) for c in clauses):
        return "remote_attendee"
    if any(_OBSERVER.search(c) for c in clauses):
        return "observer"
    if any(_HOSTS.search(c) for c in clauses):
        return "host"
    return None


#: Words of being at a meeting. An alliance or organisation is named far more often as a
#: framework (a mandate, a membership, a later summit) than as a delegation, and the small
#: model answers "yes" to those: its "yes" stands only with such words in its clauses.
_AT_THE_MEETING = re.compile(
    r"\b(?:attend\w*|particip\w*|t(?:ake|ook|aking)\s+part|join\w*|present|delegat\w*"
    r"|represent\w*|sent|send\w*|among|co-?host\w*|co-?chair\w*|host\w*|chair\w*"
    r"|observer|addressed|told\s+the\s+(?:meeting|conference|summit|talks))\b",
    re.I,
)


def present_words(clauses: list[str]) -> bool:
    """Whether a clause naming the candidate speaks of being at the meeting."""
    return any(_AT_THE_MEETING.search(c) for c in clauses)


def leads(clauses: list[str]) -> bool:
    """Whether a clause naming the candidate says it leads or started the initiative."""
    return any(_LEADS.search(c) for c in clauses)
