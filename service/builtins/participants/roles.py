"""Participants' roles: what the text states outright, and the model's label checked.

The 1.5B model labels roles from a window of words around a candidate (marked ``**…**``)
and copies the words it relied on. It is right about a role the text implies, and wrong
about lists: every country in a sentence that mentions hosting becomes a host. So phrases
that state a role of the marked candidate in so many words decide first; then the model's
label stands only if its copied words are really from the text, name the candidate and,
for the labels it overuses, say such a thing.

The patterns were written while reading the seeds, which are also the evaluation set:
expect them to catch less on other stories' phrasing (the model's label remains the
fallback there).
"""

from __future__ import annotations

import re

from schemas.participants import Status
from schemas.tasks import ROLE_LABELS, StatusDraft

from ...canon import demonyms, surface_forms
from ...ground import Article, fold

#: Phrases that settle a role whatever label the model chose, checked in its copied words.
_ROLE_CUES: tuple[tuple[re.Pattern[str], Status], ...] = (
    (re.compile(r"\b(did not|didn't|failed to|has not|have not) (respond|reply|answer)"
                r"|\bno (response|reply)\b", re.I), "no_response"),
    (re.compile(r"\bnot (been )?invited|\buninvited|absent from (the )?invitations|\bexclud",
                re.I), "not_invited"),
    (re.compile(r"\b(declin|refus|boycott)", re.I), "declined"),
    (re.compile(r"\bremote(ly)?\b|\bvirtual(ly)?\b|\bvideo\b|\bonline\b", re.I), "remote_attendee"),
)  # fmt: skip
#: Labels a small model gives too readily. Hosting and leading stand only where the text
#: says them of the candidate (``_STATED``): the model gives them to whatever a hosting
#: sentence lists. The others stand if the candidate's sentences use such words.
_TEXT_ONLY: frozenset[Status] = frozenset({"host", "co_organiser"})
_LABEL_NEEDS: dict[Status, re.Pattern[str]] = {
    "not_invited": re.compile(r"invit|exclud|absent", re.I),
    "no_response": re.compile(r"respon|repl|answer", re.I),
    "declined": re.compile(r"declin|refus|boycott|reject", re.I),
}
#: Words saying a country takes part; an unsupported label falls back on them.
_TAKES_PART = re.compile(
    r"attend|\bjoin|particip|present|gather|\bsend|\bsent\b|chiefs?\b|representa|delegat"
    r"|military (leaders|officials)|includ|take part|took part|\bmet\b|\bmeeting|\btalks\b",
    re.I,
)
_NAME = r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*"
_LIST_SEP = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|,?\s+along\s+with\s+|,?\s+as\s+well\s+as\s+)"
#: The candidate (marked ** **) inside a list that joins remotely: "joining remotely from
#: countries such as Japan, **South Korea**" or "**Australia** and New Zealand, along with
#: Japan, are expected to join the talks remotely".
_REMOTE_LIST = re.compile(
    rf"\b(?i:remotely|virtually|by\s+video)\s+from\s+(?:countries\s+|nations\s+)?"
    rf"(?:such\s+as\s+|like\s+|including\s+)?(?:{_NAME}{_LIST_SEP})*\*\*"
    rf"|\*\*[^*]+\*\*(?:{_LIST_SEP}{_NAME})*,?\s+(?:are|is|will|were|was)\s+"
    rf"(?:expected\s+to\s+|set\s+to\s+|due\s+to\s+|to\s+)?(?:join|participat|take\s+part|attend)"
    rf"\w*(?:\s+the\s+\w+)?\s+(?:remotely|virtually|online|by\s+video)\b"
)
_MARKED = r"\*\*[^*]+\*\*"
#: The candidate named as not invited: "the **U.S.** was not invited", "excluding the
#: **United States**", "absent from invitations was the **United States**".
_NOT_INVITED = re.compile(
    rf"{_MARKED}\s+(?:was|were|is|are|has\s+been|have\s+been)\s+not\s+invited"
    rf"|\bexclud\w*\s+(?:the\s+)?{_MARKED}"
    rf"|\babsent\s+from\s+(?:the\s+)?invitations\s+(?:was|were)\s+(?:the\s+)?{_MARKED}",
    re.I,
)
#: The candidate among those who lead the initiative: "initiated by **France** and Britain",
#: "**France** and Britain's conceived force".
_LEADS_LIST = re.compile(
    rf"\b(?i:initiated|spearheaded|led|proposed|championed|launched|co-?organi[sz]ed)\s+by\s+"
    rf"(?:{_NAME}{_LIST_SEP})*{_MARKED}"
    rf"|{_MARKED}(?:{_LIST_SEP}{_NAME})*(?:’s|'s)?\s+(?:plan|initiative|proposal|conceived|move)"
)
#: Hosting said of the candidate itself: "hosted by **French** President ...".
_HOSTS = re.compile(
    rf"\b(?i:hosted|organi[sz]ed|convened|chaired)\s+by\s+(?:the\s+)?{_MARKED}"
    rf"|{_MARKED}\s+(?:\w+\s+){{0,3}}?(?:hosts|hosted|is\s+hosting|will\s+host|convened)\b"
)
#: The candidate in a list said to take part: "**Japan**, and South Korea are
#: participating", "included military leaders from ..., as well as from Austria, **Australia**".
_ATTENDS = re.compile(
    rf"{_MARKED}(?:{_LIST_SEP}{_NAME})*,?\s+(?:are|is|were|was|will\s+be)\s+"
    rf"(?:participating|attending|taking\s+part|present)\b"
    rf"|\b(?i:included|including|with)\s+(?:\w+\s+){{0,3}}?(?:leaders|chiefs|officials|"
    rf"representatives|delegates|delegations)\s+from\s+(?:[\w ]+?,?\s+as\s+well\s+as\s+from\s+)?"
    rf"(?:{_NAME}{_LIST_SEP})*{_MARKED}"
)
_TOKEN = re.compile(r"\w+")
#: What the text states of the marked candidate, most specific first.
_STATED: tuple[tuple[re.Pattern[str], Status], ...] = (
    (_REMOTE_LIST, "remote_attendee"),
    (_NOT_INVITED, "not_invited"),
    (_HOSTS, "host"),
    (_LEADS_LIST, "co_organiser"),
    (_ATTENDS, "attendee"),
)


def stated_role(sentences: str) -> Status | None:
    """The role the sentences state of the candidate marked ``**…**``, if they state one."""
    for pattern, status in _STATED:
        if pattern.search(sentences):
            return status
    return None


def checked_status(answer: StatusDraft, name: str, sentences: str) -> Status:
    """The model's role label, checked against the words it copied as its reason.

    Words that cannot be found in the sentences, or that do not name the candidate, mean
    the model read another clause: the candidate is only ``mentioned``. Unambiguous
    phrases in the words ("did not respond", "remotely") decide over the label. Before
    all that, the text decides where it states the role of the candidate in so many words
    (:func:`stated_role`). A label the text does not support falls back to ``attendee``
    when the sentences say the candidate takes part, else ``mentioned``.
    """
    stated = stated_role(sentences)
    if stated is not None:
        return stated
    source_tokens = set(_TOKEN.findall(fold(sentences)))
    tokens = _TOKEN.findall(fold(answer.words))
    if not tokens or sum(t in source_tokens for t in tokens) < 0.85 * len(tokens):
        return "mentioned"  # words not taken from the sentences
    words = Article("words", answer.words)
    if not words.mentions([*surface_forms(name), *demonyms(name)]):
        return "mentioned"  # the words are about another clause
    for cue, status in _ROLE_CUES:
        if cue.search(answer.words):
            return status
    label = ROLE_LABELS[answer.role]
    needs = _LABEL_NEEDS.get(label)
    if label in _TEXT_ONLY or (needs is not None and not needs.search(sentences)):
        # "hosts_the_meeting" for a country the words only list: it takes part, at most.
        return "attendee" if _TAKES_PART.search(sentences) else "mentioned"
    return label
