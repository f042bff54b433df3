"""Proposal facts the article states in a fixed grammatical form, taken from its text.

The small model leaves out much that news writes in a few set forms: a condition opened by
a subordinator ("only once the truce has held for 14 days", "subject to funding"), what is
still open ("Who will pay … is still open"), and what the force does if attacked ("If the
guards come under fire, they would withdraw …"). These forms hold for any story; the values
are the article's own words, grounded and checked like the model's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from schemas.proposal import ProposalDraft

from ...ground import Article, fold
from .records import (
    APPROVAL,
    BY_LEAVE,
    FORCE,
    MUST,
    NEEDS_APPROVAL,
    RESPONSE,
    STILL_TO_DO,
    VIEW_THAT,
    force_said_in,
)
from .tasks import reports_a_force

#: A condition opened by a conditional subordinator ("only once …", "if parliaments approve
#: it", ", provided the rules …", "subject to funding", "with the consent of …", "after
#: ratification by …"), a necessity before a step ("has to be approved by each cabinet
#: before …", "needs the approval of each cabinet before …"): up to its clause's end.
_STATED_CONDITION = re.compile(
    r"\b(?:(?:only\s+)?(?:if|once(?!\s+(?:again|more)\b)(?!\s+\w+(?:ed|en)\b)"
    r"|on\s+condition\s+that|unless|as\s+long\s+as|subject\s+to|only\s+(?:with|after|when)"
    r"|with\s+the\s+(?:consent|approval|agreement|permission)\s+of"
    rf"|after\s+(?:its\s+|their\s+)?{APPROVAL}\s+(?:by|of|in|from)"
    r"|at\s+the\s+(?:request|invitation)\s+of)\s+"
    r"|(?<=,\s)provided\s+(?:that\s+)?|\bprovided\s+that\s+"
    rf"|(?:{MUST}|{NEEDS_APPROVAL})\s+(?=[^,;.\"“”]*\bbefore\b))"
    r"[^,;.:\"“”]+",
    re.I,
)
#: What a denied step waits for: "cannot operate across a border until the three
#: congresses approve the agreement", "but not before the three legislatures ratify a
#: pursuit protocol" (an approval, not a date: group 1, up to its clause's end).
_NOT_UNTIL = re.compile(
    r"\b(?:cannot|can't|not|never)\s[^,;.:\"“”]*?\b(until\s+[^,;.:\"“”]+"
    r"|before\s+(?=[^,;.:\"“”]*\b(?:ratif|approv|adopt|endors|vote[sd]?\b))[^,;.:\"“”]+)",
    re.I,
)
#: A sentence speaking of the plan: its force, its people or its ships, the plan, "it".
_OF_THE_PLAN = re.compile(
    r"\b(?:plan|agreement|declaration|accord|treaty|pact|initiative|it|group|officers"
    r"|observers|monitors|crews?|vessels?|ships?|boats?)\b",
    re.I,
)
#: Being attacked: with the breaches of :data:`RESPONSE`, what a response answers.
_ATTACKED = re.compile(
    r"\b(?:is|are|was|were|be|get|gets|come|comes|came)\s+(?:under\s+)?attack(?:ed)?\b", re.I
)
#: What is still open, said of its subject: "… is still open", "… remains unclear", "…
#: has not been settled", "It has not yet been decided who …".
_STILL_OPEN = re.compile(
    r"[\"“”]?\s*\b(?:(?:remains?|is|are|was|were)\s+(?:still\s+)?(?:open(?!\s+(?:to|for)\b)"
    r"|unclear|unresolved|undecided|unsettled|uncertain"
    r"|to\s+be\s+(?:decided|seen|settled|agreed|determined)"
    # handed on: "… is left to a working group"
    r"|(?:left|referred|handed)\s+to\s+(?:a|an|the)\s+(?:[\w-]+\s+)?(?:group|committee|panel"
    r"|experts|commission|meeting|summit))"
    r"|(?:has|have)\s+not\s+(?:yet\s+)?been\s+(?:settled|decided|resolved|agreed|determined))\b",
    re.I,
)
#: What is left for later, said of its subject: "… will be negotiated over the coming
#: months", "… is to be decided at a later meeting".
_LEFT_FOR_LATER = re.compile(
    r"\b(?:will|would|is\s+to|are\s+to)\s+be\s+(?:negotiated|decided|settled|agreed|worked\s+out"
    r"|discussed|determined|defined|finali[sz]ed)\b"
    r"(?=[^.;]*\b(?:later|coming|next|future|separately|subsequent\w*)\b)",
    re.I,
)
#: A question said to have no answer: "did not say how much …", "no word yet on who pays
#: …", "had not yet agreed who would pay", "asks who would pay for the tugs. No answer
#: yet." The question itself is the value, up to its clause's end.
_UNANSWERED = re.compile(
    r"\b(?:(?:did|does|do|would|could|will)\s+not\s+say|(?:didn't|doesn't|won't|wouldn't)\s+say"
    r"|no\s+(?:word|answer|decision|agreement|clarity)\s+(?:yet\s+)?(?:on|about|over|as\s+to)"
    r"|not\s+(?:yet\s+)?(?:known|clear|decided|agreed|settled)"
    r"|(?P<ask>ask(?:s|ed)))\s+"
    r"(?P<question>(?:who|how|whether|when|where|which|what)\b[^,.;:\"“”]+)"
    r"(?(ask)[.;]\s*(?:there\s+(?:is|was)\s+)?no\s+(?:answer|reply|response)\b)",
    re.I,
)
#: A question of function words only: "what happens if it does not".
_NO_QUESTION = re.compile(
    r"(?:\s*\b(?:who|how|whether|when|where|which|what|happens?|happened|if|it|they|this|that"
    r"|does|do|did|not|is|are|was|were|will|would|next|then|now)\b)+\s*",
    re.I,
)
#: Where the subject of what is still open begins: after a verb of saying and "that", a
#: coordinating conjunction ("…, but funding remains unclear"), or a live blog's time stamp.
_SUBJECT_START = re.compile(
    r".*(?:\b(?:that|says|said|admits|admitted|adds|added|notes|noted)\s+|,\s*(?:but|and|while)\s+"
    r"|^\d{1,2}[:.]\d{2}\s+-\s+)",
    re.I | re.S,
)
#: Subjects that name nothing by themselves: pronouns, "the question", "the details".
_EMPTY_SUBJECTS = frozenset(
    {"it", "this", "that", "which", "what", "much", "all", "everything", "the question",
     "the issue", "the matter", "the rest", "details", "the details"}
)  # fmt: skip
#: A conditional opening its sentence or clause, then its consequence: "If X, Y".
_IF_THEN = re.compile(r"(?:^|[:;]\s+)(?:if|should|once)\s+([^,;:]+),\s*([^,;:]+)", re.I)


#: A conditional clause of function words only: "if it does not", "unless they do".
_NO_CONTENT = re.compile(
    r"(?:\s*\b(?:only|if|once|unless|it|they|he|she|this|that|so|does|do|did|not|n't|is|are"
    r"|was|were|has|have|had|will|would|can|could|should)\b)+\s*",
    re.I,
)


def _sentences(article: Article) -> Iterator[str]:
    for start, end in zip([0, *article.sentence_ends], article.sentence_ends, strict=False):
        yield article.text[start:end].strip()


#: A later step opening its sentence: a condition there is when that step comes ("A
#: second phase would extend the patrols in 2027, once … have trained their crews").
_LATER_STEP = re.compile(
    r"^\W*(?:(?:a|the)\s+)?(?:second|third|fourth|final|last|next|later)\s+(?:phase|stage|step)\b",
    re.I,
)


#: A necessity before a step, which says of itself what it conditions.
_NECESSITY = re.compile(rf"{MUST}\s", re.I)
#: A verb of saying before what is said: "said Brussels could cover part of the cost".
_SAID = re.compile(r"\b(?:said|says|told\s+\w+|tells\s+\w+|added|adds)\s+(?:that\s+)?", re.I)


def _conditions_the_plan(sentence: str, start: int) -> bool:
    """Whether the condition at ``start`` bounds the plan, not a step or someone's view.

    In a later step's sentence it is when that step comes; in what someone says or warns
    ("warned that arresting miners would do little unless the traders are prosecuted",
    "said Brussels could cover part of the cost if …") it bounds what is said, unless
    that clause speaks of the plan itself.
    """
    if _LATER_STEP.match(sentence):
        return False
    if _NECESSITY.match(sentence, start):
        return True  # "… would have to ratify it before a single officer is deployed"
    views = [*VIEW_THAT.finditer(sentence, 0, start), *_SAID.finditer(sentence, 0, start)]
    if not views:
        return True
    clause = sentence[max(v.end() for v in views) : start]
    return bool(FORCE.search(clause) or _OF_THE_PLAN.search(clause))


#: A clause with what must happen first or is still to be done, its subject with it:
#: "each state must first grant the others the right to fly over …", "…, and the cabinet
#: still has to approve the country's share". Either says of itself that it comes first.
_FIRST_OR_STILL = re.compile(
    r"(?:^|(?<=, and )|(?<=, but )|(?<=, )(?!and |but )|(?<=; ))"
    rf"[^,;:\"“”]*?\b{STILL_TO_DO}(?:\s+[^,;.:\"“”]+)?",
    re.I,
)


def stated_conditions(article: Article) -> list[str]:
    """Conditional clauses of sentences about the plan, as the article writes them.

    Also what must happen first or is still to be done, whatever the sentence names.
    """
    found: list[str] = []
    for sentence in _sentences(article):
        found.extend(
            m.group().strip()
            for m in _FIRST_OR_STILL.finditer(sentence)
            if _conditions_the_plan(sentence, m.start())
        )
        if not (force_said_in(sentence) or _OF_THE_PLAN.search(sentence)):
            continue
        matches = [(m.start(), m.group()) for m in _STATED_CONDITION.finditer(sentence)]
        matches += [(m.start(1), m.group(1)) for m in _NOT_UNTIL.finditer(sentence)]
        for start, text in matches:
            if not _conditions_the_plan(sentence, start):
                continue
            clause = text.strip()
            if (RESPONSE.search(clause) or _ATTACKED.search(clause)) and not BY_LEAVE.match(clause):
                continue  # "if the truce is violated" is the response's
            if not _NO_CONTENT.fullmatch(clause):
                found.append(clause)  # not "if it does not": a condition says what
    # "the plan still has to be approved by … before …" is found by both patterns
    return [c for c in found if not any(c != other and c in other for other in found)]


def stated_open_questions(article: Article) -> list[str]:
    """What the article says is still open, as the subject it says it of.

    Also what it leaves for later ("… will be negotiated over the coming months") and the
    questions it says have no answer yet ("did not say how much …").
    """
    found = []
    sentences = list(_sentences(article))
    # an unanswered question may be told in the next sentence ("… asks who would pay. No
    # answer yet."): each sentence is read with the one after it
    for sentence, after in zip(sentences, [*sentences[1:], ""], strict=True):
        for asked in _UNANSWERED.finditer(f"{sentence} {after}"):
            question = asked.group("question").strip()
            if asked.start() < len(sentence) and not _NO_QUESTION.fullmatch(question):
                found.append(question)
        match = _STILL_OPEN.search(sentence) or _LEFT_FOR_LATER.search(sentence)
        if match is None:
            continue
        head = sentence[: match.start()]
        start = _SUBJECT_START.match(head)
        subject = head[start.end() if start else 0 :].strip(' "“”,')
        if subject.lower() == "it":  # "It has not yet been decided who will lead …"
            subject = re.split(r"[,;.]", sentence[match.end() :])[0].strip()
        if subject and subject.lower() not in _EMPTY_SUBJECTS and len(subject.split()) <= 15:
            found.append(subject)
    return found


#: What a force is for, said in a relative or infinitive clause after its noun: "a joint
#: naval force that would escort merchant ships through …", "a unit to protect shipping",
#: or as what it acts against ("a flotilla against fuel smugglers"). Not what it would be,
#: have or consist of, nor where it goes.
_PURPOSE_CLAUSE = re.compile(
    # not a force that is a preposition's object: "call on the governments of the force to
    # publish …" asks the governments
    r"(?<!of the )(?<!of this )(?<!of its )"
    # nor one someone uses: "accused Egypt of using the mission to encircle …" is the
    # user's aim, not the force's
    r"(?<!using the )(?<!uses the )(?<!used the )(?<!use the )"
    r"\b(?:forces?|units?|missions?|patrols?|task\s+force|contingents?|brigades?|flotillas?"
    r"|squadrons?)"
    # what it is made of may come between: "a task force of border police to break up …"
    r"(?:\s+of\s+(?:[\w-]+\s+){0,2}?[\w-]+)?"
    # or where it goes: "a joint patrol on Lake Titicaca to fight …"
    r"(?:\s+(?:on|in|across|along|over|off|at)\s+(?:the\s+)?(?-i:[A-Z])[\w-]*(?:\s+(?-i:[A-Z])[\w-]*){0,2})?"
    r"\s+(?:(?:(?:that|which)\s+(?:would|will|could|is\s+to|are\s+to)\s+|to\s+)"
    r"(?!(?:be|have|include|consist|comprise|number|cost|bring|deploy|need|require|get|take"
    r"|start|begin|operate|the|a|an|its|their|this|that|these|those)\b)"
    # or what it acts against: "a river police flotilla against fuel smugglers"
    r"|(?=against\s))([a-z][^,;.:\"“”]+)",
)


def stated_objectives(article: Article) -> list[str]:
    """What the force is for, as the article's clause after the force's noun says it."""
    return [
        match.group(1).strip()
        for sentence in _sentences(article)
        for match in _PURPOSE_CLAUSE.finditer(sentence)
    ]


#: A numbered phase or stage and what it does: "the first phase will begin in April with
#: …", "The second stage, before the end of the year, would extend …". Up to its sentence's
#: end or a semicolon.
_STATED_PHASE = re.compile(
    r"\b(?:the\s+)?(?:first|second|third|fourth|final|last)\s+(?:phase|stage)\s*,?\s+"
    r"(?:[^,;.]{0,40},\s*)?(?:will|would|is\s+to|are\s+to|should|could|begins|starts)\b"
    # up to the next phase: "…, and that the second phase …"
    r"(?:(?!,\s+and\s+(?:that\s+)?(?:the\s+)?(?:first|second|third|fourth|final|last)\s)[^;.])+",
    re.I,
)


def stated_phases(article: Article) -> list[str]:
    """The force's numbered phases, each with what the article says it does.

    A numbered phase is the plan's whatever its sentence names: it is asked only of an
    article that reports a force (:func:`with_stated_facts`).
    """
    return [m.group().strip() for s in _sentences(article) for m in _STATED_PHASE.finditer(s)]


#: What the force may do to those it stops, as a power granted: "could stop and search
#: vehicles within 500 metres of the pipe", "may board and escort them to the nearest port".
_MAY_STOP = re.compile(
    r"\b(?:could|may|can|(?:would|will)\s+be\s+(?:allowed|able|entitled|authori[sz]ed)\s+to)\s+"
    r"((?:stop|search|board|escort|intercept|detain|arrest|seize|inspect)\b[^,;:.\"“”]*)",
    re.I,
)


#: A clause that asks: what it says may happen is a question, not a power granted.
_ASKED = re.compile(r"\b(?:whether|if)\b", re.I)


def stated_responses(article: Article) -> list[str]:
    """What the force does if attacked or breached, or may do to those it stops.

    The consequence of "If <attack or breach>, <consequence>" in sentences about the plan,
    and a power granted in a sentence that names the force or its craft ("Boats of the unit
    could stop dinghies only in French waters").
    """
    found = []
    for sentence in _sentences(article):
        for match in _IF_THEN.finditer(sentence):
            breach = match.group(1)
            if RESPONSE.search(breach) or _ATTACKED.search(breach):
                found.append(match.group(2).strip(" ."))
        if force_said_in(sentence) or _OF_THE_PLAN.search(sentence):
            found.extend(
                m.group(1).strip()
                for m in _MAY_STOP.finditer(sentence)
                # "whether an officer on a joint boat could arrest …" asks, grants nothing
                if not _ASKED.search(re.split(r"[,;:]", sentence[: m.start()])[-1])
            )
    return found


def with_stated_facts(
    article: Article, draft: ProposalDraft, *, keep_objective: bool = True
) -> ProposalDraft:
    """``draft`` with the facts the article states in set forms that its answer lacks.

    An article that speaks of no force, or was not asked about one (the "armed" question
    said no), states none of a force. Without
    ``keep_objective`` the article's purpose clause nearest to the model's objective
    replaces it even where the model's words are the article's.
    """
    if not draft.asked or not reports_a_force(article):
        return draft
    update: dict[str, object] = {}
    said_objective = draft.objective and article.align(draft.objective)
    objectives = stated_objectives(article)
    if objectives and (
        not said_objective or said_objective.alignment == "fuzzy" or not keep_objective
    ):
        # the model's is not the article's words: the article's clause nearest to it
        words = set(fold(draft.objective or "").split())
        update["objective"] = max(objectives, key=lambda o: len(words & set(fold(o).split())))
    for field, stated in (
        ("preconditions", stated_conditions(article)),
        ("open_questions", stated_open_questions(article)),
        ("response_to_violation", stated_responses(article)),
        ("phases", stated_phases(article)),
    ):
        said = [fold(v) for v in getattr(draft, field)]
        extra = [v for v in stated if not any(fold(v) in s or s in fold(v) for s in said)]
        update[field] = [*getattr(draft, field), *extra]
    return draft.model_copy(update=update)
