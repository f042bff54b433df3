"""The proposal schema's questions: twelve fields per passage, then the phases.

Two narrower designs were measured on the dev split and not kept (bench notes of issue 16):

* one question per field answered with clause numbers, the code taking the clauses' text:
  the bundled 1.5B model repeats the worked example's numbers for any passage, and
  without a worked answer to the same question it lists runs of neighbouring numbers
  ([2, 3], [3, 4]); 7 of 21 merged items were right on ``haiti-mission`` (all were before);
* one question per field answered with copied phrases: it copies the question's own
  words ("ships, boats, aircraft, drones") and the example's values ("Norway").

Every answer shape would also have to be the same for every question of a passage:
instructor writes the JSON schema into the system message, so a different shape makes the
prompt differ from its start and the passage is read again.
"""

from __future__ import annotations

import re

from schemas.proposal import LIST_FIELDS, SCALAR_FIELDS, ProposalDraft
from schemas.tasks import ArmedDraft, PhasesDraft

from ...chunks import Passage, passages
from ...ground import Article
from ...specs import Ask
from .records import FORCE, FORCE_NOUN, FORWARD, TIME, force_said_in, headlined_force

#: Passage length for the proposal question. Its answer always spells out all twelve
#: fields (~63 tokens even when empty, at ~60 ms per generated token on 2 cores) and
#: repeats the name and objective in every passage, so it reads longer passages.
PROPOSAL_MAX_CHARS = 1400


#: A mission said to be a civilian one: "an observation mission", "the EU's civilian
#: partnership mission" (not "a training mission", which armies send).
_CIVIL_MISSION = re.compile(
    r"\b(?:observation|observer|election|electoral|fact-finding|trade|diplomatic|humanitarian"
    r"|civilian|partnership|evaluation|assessment|medical)\s+missions?\b",
    re.IGNORECASE,
)


def reports_a_force(article: Article) -> bool:
    """Whether the article speaks of a force at all; the proposal questions need one.

    Where its only word of a force is "mission" and it calls its mission a civilian one
    ("an observation mission to Haiti's election"), the mission is that one.
    """
    words = {m.group().lower() for m in FORCE.finditer(article.text)}
    if words <= {"mission", "missions"} and words and _CIVIL_MISSION.search(article.text):
        return headlined_force(article.text)
    return bool(words) or headlined_force(article.text)


#: A word of a force that may name a group of civilians: "units", "teams", "brigades", a
#: "flotilla" (of research ships), a "Force" by name ("Heat Response Force" of volunteers).
#: Troops, patrols, battalions and deploying soldiers or craft leave no doubt.
_AMBIGUOUS = re.compile(
    r"(?:units?|teams?|brigades?|corps|cells?|missions?|squadrons?|flotillas?|wings?"
    r"|(?-i:Unit|Brigade|Battalion|Contingent|Patrol|Command|Force))$",
    re.IGNORECASE,
)
#: The words before a force word that name its group ("mobile cooling"), up to two and up
#: to a determiner or a preposition; or a name's capitalised words ("Heat Response").
_GROUP_WORDS = re.compile(
    r"(?<![\w’'-])(?:(?!(?:a|an|the|of|to|for|with|and|or|in|on|at|by|its|their|his|her|our"
    r"|this|that)\s)[\w’'-]+\s+){0,2}$",
    re.IGNORECASE,
)
_NAME_WORDS = re.compile(r"(?<![\w’'-])(?:(?-i:[A-Z])[\w’'-]*\s+){0,5}$")
#: People, craft or ministries only forces have: an article that names them speaks of a
#: force ("150 rangers on the Chobe", "defence ministers … a cyber response team"), as does a
#: group named by them ("Amazon Environmental Police Unit").
_ARMED_WORDS = re.compile(
    r"\b(?:police|policemen|army|armies|military|naval|navy|navies|marines|sailors|border\s+guards?"
    r"|coast\s*guards?|rangers|troops|soldiers|gendarm\w*|defen[cs]e\s+(?:minister\w*|chiefs?)"
    r"|armed\s+forces|warships?|frigates?|patrol\s+(?:boats?|vessels?|ships?|aircraft))\b",
    re.IGNORECASE,
)
#: Distinct ambiguous groups asked about in one article, at most.
_MAX_GROUPS = 3
#: Just before a word of arms, what says it is not so: a negation ("have no police powers",
#: "is not an army") or a likeness ("makes it sound like an army").
_DENIED = re.compile(
    r"(?:\b(?:no|not|never|without|nor|like)|n't|\bas\s+if)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE
)
#: A country's own force, which helps the plan or stands beside it: "each country's army",
#: "its navy", "their police".
_POSSESSED = re.compile(r"(?:’s|'s|\b(?:its|their|his|her|our|national))\s+(?:own\s+)?$", re.I)
#: A verb that makes a group: of the groups an article names, those it says are being set
#: up are the plan's ("agreed to set up a brigade", then "the brigade would …"; not
#: "training from the Carabinieri unit that tracks stolen art").
_MADE = re.compile(
    r"\b(?:creat\w*|set(?:ting)?\s+up|sets\s+up|form|forms|formed|forming|establish\w*"
    r"|launch\w*|propos\w*|agree\w*|build\w*|stand(?:s|ing)?\s+up|stood\s+up)\b",
    re.IGNORECASE,
)
#: Words between such a verb and the group's noun, at most: "agreed to set up what they
#: call a Heritage Rescue Brigade".
_MADE_REACH = 5
#: A verb of another clause between: "created on Friday will have four mobile units".
_ANOTHER_VERB = re.compile(r"\b(?:will|would|is|are|was|were|has|have|had)\b", re.IGNORECASE)
#: The same verb after the group: "the Heritage Rescue Brigade created on Friday".
_MADE_AFTER = re.compile(
    r"\s+(?:(?:which|that)\s+(?:was|were|is|are)\s+)?(?:creat|form|establish|launch|propos)\w*"
    r"|\s+set\s+up\b",
    re.IGNORECASE,
)


def _arms_said(article: Article) -> bool:
    """Whether the article names people, craft or ministries only forces have, as such.

    Not in a question ("Is it a military body?"), denied or likened just before it ("they
    have no police powers", "the word makes it sound like an army"), nor a country's own
    force ("each country's army will lend trucks").
    """
    for m in _ARMED_WORDS.finditer(article.text):
        sentence = article.sentence_at(m.start(), m.end())
        if article.text[sentence.start : sentence.end].rstrip().endswith("?"):
            continue
        if _DENIED.search(article.text, sentence.start, m.start()):
            continue
        if _POSSESSED.search(article.text, sentence.start, m.start()):
            continue  # "each country's army will lend trucks": a force there is, not the group
        return True
    return False


def _groups(article: Article) -> list[tuple[str, str]] | None:
    """The article's ambiguous groups with their sentences; None if a force word is clear."""
    found: dict[str, tuple[str, str]] = {}
    made: set[str] = set()
    for m in FORCE.finditer(article.text):
        if not _AMBIGUOUS.search(m.group()):
            return None
        sentence = article.sentence_at(m.start(), m.end())
        first, last = sentence.start, sentence.end
        words = _NAME_WORDS if m.group()[:1].isupper() else _GROUP_WORDS
        lead = words.search(article.text, first, m.start())
        start = lead.start() if lead else m.start()
        verbs = list(_MADE.finditer(article.text, first, m.start()))
        verb = verbs[-1] if verbs else None
        gap = article.text[verb.end() : m.start()] if verb else ""
        if len(gap.split()) > _MADE_REACH or _ANOTHER_VERB.search(gap):
            verb = None  # "created on Friday will have four mobile units" makes no units
        # the verb is no word of the group: "ministers form brigade" names a "brigade"
        start = max(start, verb.end()) if verb else start
        group = article.text[start : m.end()].strip()
        if _ARMED_WORDS.search(group):
            return None
        said = " ".join(article.text[first:last].split())
        found.setdefault(group.lower(), (group, said))
        if verb or _MADE_AFTER.match(article.text, m.end()):
            made.add(group.lower())
    # and what the article later calls them by their noun ("the flotilla would bring …")
    nouns = {_noun(key) for key in made}
    groups = [found[key] for key in found if not made or key in made or _noun(key) in nouns]
    return groups[:_MAX_GROUPS]


def _noun(group: str) -> str:
    """A group's noun, singular: "oil-spill response flotillas" -> "flotilla"."""
    return group.split()[-1].lower().removesuffix("s")


def armed(article: Article, ask: Ask) -> bool:
    """Whether the article speaks of a security force, asking where its words leave it open.

    A word such as "troops" or "patrol" settles it (not asked, denied or likened: "they
    have no police powers"); where every word of a force is one that may name civilians
    ("mobile classroom units", "a Heat Response Force of volunteers"), one constrained
    yes/no question per group (at most three, those the article says are being set up if
    any) decides: any "yes" is a force. A question that failed counts as a "yes", as the
    article was asked before.
    """
    if not reports_a_force(article):
        return False
    groups = _groups(article)
    if groups is None or _arms_said(article):
        return True
    answers = [ask("armed", ArmedDraft, said, name=group) for group, said in groups]
    return not groups or any(a is None or a.armed == "yes" for a in answers)


def proposal(article: Article, ask: Ask) -> ProposalDraft:
    """Proposal facts, passage by passage; list fields concatenated, first scalar kept.

    An article that speaks of no force is not asked: whatever a model found there (the
    donors of an aid conference, say) would be facts of no force (nor are the facts it
    states in set forms added to its draft: :meth:`ProposalDraft.not_asked`).
    """
    if not armed(article, ask):
        return ProposalDraft.not_asked()
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
    r"|followed by|long-term|in the long run|in stages|in phases|phased|afterwards|subsequently"
    r"|only then|(?:would|will|to)\s+follow|the\s+first\s+\d[\d,]*"
    # the first of what it does, given a time: "The first escorts are due in September"
    r"|the\s+first\s+(?:[\w-]+\s+)?[a-z]+s\s+(?:are|is|will|would|should|could|were)\s+"
    r"(?:be\s+)?(?:due|begin|start|expected|planned|scheduled|leave|sail|fly|deploy\w*|arrive)"
    r"|(?:first|second|third|next|later|initial|final|pilot)\s+(?:phase|stage)"
    # a drawdown is steps in time: "would draw down to 8,000 soldiers by the end of 2027"
    r"|draw(?:s|ing)?\s+down|drawdown|scal(?:e|es|ed|ing)\s+(?:it\s+)?down"
    # the rest after the first: "the first sector … by March, the other two by the end of …"
    r"|the\s+(?:others?|rest|remaining)\s+(?:\w+\s+){0,2}?(?:by|in|from|after)\s+(?:the\s+)?"
    r"(?:end|spring|summer|autumn|winter|[A-Z]\w+|\d{4}))\b",
    re.IGNORECASE,
)


#: A step says when it comes. The small model also copies the sentences around the steps
#: (opinions, who said what); an item without a word of time or order is one of those.
_WHEN = re.compile(
    r"\b(first|initial\w*|start\w*|begin\w*|before|then|followed|after\w*|later|long-term"
    r"|long run|eventually|expand\w*|subsequent\w*|next|finally|month-long|one-month)\b",
    re.IGNORECASE,
)

#: A time that is a step only in a sentence about what is to come: "is planned for January"
#: and "would begin joint patrols in 2028", not "adopted the convention in 2003".
_AT_TIME = re.compile(rf"\b(?:in|for)\s+{TIME}\b", re.IGNORECASE)
_TO_COME = re.compile(
    r"\b(?:will|would|shall|should|could|may|might|planned|scheduled|expected|due|(?:is|are)\s+to)\b",
    re.IGNORECASE,
)


#: The noun a force's name ends in ("the Timor Sea Joint Patrol Group", "a joint patrol
#: unit"): once the article has named its force, "the group" or "the unit" is that force.
_FORCE_HEAD = re.compile(rf"\b{FORCE_NOUN}$", re.IGNORECASE)
_NEXT_NOUN = re.compile(rf"\s+({FORCE_NOUN})\b", re.IGNORECASE)


def _force_back_reference(article: Article) -> re.Pattern[str] | None:
    """A pattern of "the <noun>" for each noun the article's force words end in, or None.

    The noun is the force word's own ("the patrol") or the one after it ("patrol group").
    """
    heads = set()
    for match in FORCE.finditer(article.text):
        after = _NEXT_NOUN.match(article.text, match.end())
        head = after.group(1) if after else match.group()
        if _FORCE_HEAD.search(head) is not None:
            heads.add(re.escape(head.lower()))
    if not heads:
        return None
    return re.compile(rf"\b(?:the|this|that)\s+(?:{'|'.join(sorted(heads))})\b", re.IGNORECASE)


def _to_come(sentence: str, back: re.Pattern[str] | None = None) -> bool:
    """Whether ``sentence`` places the force at a time to come.

    The force must be in it, by a word of a force or by ``back`` ("the group would reach
    full strength in 2028" after "a joint patrol group"): the other meetings and reports a
    passage dates ("Iran will host its own meeting next month", "a draft treaty ready by
    June") are no steps, and a passage of such sentences only gets every sentence copied
    back as a step.
    """
    timed = FORWARD.search(sentence) or (_AT_TIME.search(sentence) and _TO_COME.search(sentence))
    named = force_said_in(sentence) or (back is not None and back.search(sentence) is not None)
    return bool(timed) and named


def _in_time(article: Article, passage: Passage, back: re.Pattern[str] | None) -> bool:
    """Whether a sentence of ``passage`` places the force at a time to come."""
    ends = [e for e in article.sentence_ends if passage.start < e < passage.end]
    bounds = zip([passage.start, *ends], [*ends, passage.end], strict=True)
    return any(_to_come(article.text[start:end].strip(), back) for start, end in bounds)


def phases(article: Article, ask: Ask) -> PhasesDraft:
    """The plan's steps, asked only of passages that speak of an order of steps.

    Or of the force at a time to come; a step the model lists must say one or the other.
    """
    steps: list[str] = []
    if not armed(article, ask):
        return PhasesDraft()
    back = _force_back_reference(article)
    for passage in passages(article):
        text = passage.text(article)
        if _SEQUENCE.search(text) or _in_time(article, passage, back):
            answer = ask("phases", PhasesDraft, text)
            if answer is not None:
                steps.extend(
                    s for s in answer.phases if _WHEN.search(s) or _to_come(s.strip(), back)
                )
    return PhasesDraft(phases=steps)
