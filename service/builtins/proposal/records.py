"""Grounding of the proposal schema: every phrase, proposers as canonical countries."""

from __future__ import annotations

import re

from schemas.common import Evidence, Fact, Ungrounded
from schemas.proposal import LIST_FIELDS, PHRASE_FIELDS, ProposalDraft, SecurityForceProposal, Size

from ...apposition import TITLE, TITLE_WORD, acting, not_after
from ...canon import (
    canonical_entity,
    capitals_of,
    country_named,
    demonyms,
    surface_forms,
)
from ...ground import Article, Span, fold
from ...records import fact_at, ground_phrase, mention_evidence, written

_TROOPS = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)\s*(?:troops|soldiers|personnel)", re.I)


#: A meeting said to happen: a sentence about the talks, not about where the force goes.
_MEETING = re.compile(
    r"\b(?:met|meet(?:s|ing)?|talks|discussions?|summit|conference|gather\w*|hosted|convened"
    r"|session|statement|declaration|communiqu\w*)\b",
    re.I,
)
#: Places that meet: "where the borders of A, B and C meet" is no meeting.
_PLACES_MEET = re.compile(
    r"\b(?:borders?|frontiers?|boundar(?:y|ies)|rivers?|roads?|coasts?|lines|waters)\b[^.;]*?"
    r"\s+meet\b",
    re.I,
)


#: "Security" names what a meeting is about ("to discuss security guarantees"); securing
#: a place ("to secure the border") is what a force does there.
_SECURITY = re.compile(r"\bsecurity\b", re.I)


def _of_a_meeting(text: str) -> bool:
    """Whether ``text`` speaks of a meeting (not of places that meet)."""
    return _MEETING.search(_PLACES_MEET.sub(" ", text)) is not None


#: A verb right after a name: the name is the sentence's subject ("Sofia would contribute
#: two ships"), and a capital as a subject is its government.
_ACTS = re.compile(
    # the rest of a list of names it heads: "Indonesia, Malaysia and Thailand agreed"
    r"(?:,\s+(?:the\s+)?(?-i:[A-Z])[\w’'-]*(?:\s+(?-i:[A-Z])[\w’'-]*)*)*"
    r"(?:,?\s+(?:and|or)\s+(?:the\s+)?(?-i:[A-Z])[\w’'-]*(?:\s+(?-i:[A-Z])[\w’'-]*)*)?"
    r"\s+(?:would|will|could|can|may|might|has|have|had|is|was|said|says|wants|plans|offered"
    r"|pledged|promised|agreed|insists?|refused|declined|asked|warned)\b"
)
#: Who came, and who thinks what: facts of the meeting and positions, not of the force.
_ATTENDANCE_OR_STANCE = re.compile(
    r"\b(?:attend\w*|absent|missing|represented|delegations?|oppos\w*|criticis\w*|criticiz\w*"
    r"|reject\w*)\b",
    re.I,
)
#: A view someone states, ending where its clause starts: "warned that …".
VIEW_THAT = re.compile(
    r"\b(?:warn\w*|argu\w*|insist\w*|fear\w*|caution\w*|complain\w*|critici[sz]\w*)"
    r"\s+(?:\w+\s+)?that\s+",
    re.I,
)
#: A mandate or an approval is the mandate field's, not a means of the force.
_APPROVAL = re.compile(r"\b(?:mandate|approv\w*|resolution|authori[sz]\w*)\b", re.I)
#: Words for an armed or police force and its use, in lower case ("Rapid Support Forces"
#: is a name): an article needs one to be asked about a proposal, and a size one in its
#: sentence ("Our navy has four ships" is no size of the force).
#: A team that is a force by what it does: "a rapid response team", "rescue teams".
_FORCE_TEAM = r"(?:response|reaction|rescue|intervention|boarding)\s+teams?"
#: A command that is a body of forces ("a joint police command"), not an order or the
#: authority over one ("under the command of", "chain of command").
_COMMAND = (
    r"(?:joint|police|military|unified|combined|common|regional|naval|security|operations?)"
    r"\s+commands?"
)
#: A task force of civilians, a working group by another name: "a technical task force",
#: "the water task force", "a task force of economists and hydrologists".
_CIVIL_DOMAINS = (
    "technical", "expert", "experts", "working", "scientific", "advisory", "research", "study",
    "water", "health", "economic", "climate", "finance", "financial", "trade", "price", "data",
    "energy", "digital", "statistical", "legal", "policy",
)  # fmt: skip
#: People a force is made of, in a trade's plural: "a unit of 200 officers", "a team of
#: divers".
_FORCE_PEOPLE = (
    r"(?:soldiers|sailors|officers|rangers|paratroopers|peacekeepers|commanders|reservists"
    r"|investigators|inspectors|divers|deminers|gunners|snipers|fighters|guards)"
)
#: Words of arms before a trade: "army engineers", "police investigators".
_ARMED = (
    r"(?:army|military|naval|navy|police|marine|border|armed|defen[cs]e|special|combat"
    r"|coast|security)"
)
#: … and of civilians a task force or a response team may be made of: "a rapid response team
#: of loss adjusters".
_OF_CIVILIANS = (
    r"(?!\s+of\s+(?:\w+\s+){0,2}?(?:experts|economists|scientists|hydrologists|lawyers"
    r"|academics|analysts|statisticians|researchers|doctors|nurses|officials|civil\s+servants"
    r"|epidemiologists|vaccinators|paramedics|medics|health\s+workers|veterinarians"
    r"|(?:loss\s+)?adjusters|assessors|insurers|accountants|auditors|actuaries"
    r"|compliance\s+officers|regulators|brokers|bankers|volunteers|specialists|technicians"
    r"|glaciologists|geologists|meteorologists|farmers|teachers|students)\b"
    # or any people named by a trade that bears no arms ("child psychologists",
    # "sociologists"): a plural of a person's trade that is not a force's people, with no
    # word of arms before it ("army engineers" are soldiers)
    rf"|\s+of\s+(?:(?:about|some|around|up\s+to|\d[\d,]*)\s+)*(?:(?!{_ARMED}\b)[\w-]+\s+){{0,2}}?"
    rf"(?!{_FORCE_PEOPLE}\b)[a-z][\w-]*(?:ists|ians|ers|ors|ants|ents)\b)"
)


_CIVIL_TASK_FORCE = not_after(_CIVIL_DOMAINS) + rf"task\s+forces?{_OF_CIVILIANS}"
#: Brigades that are no armed force: firefighters, rescuers, villagers trained to evacuate
#: ("community brigades of volunteers").
_CIVIL_BRIGADE = (
    not_after(("fire", "rescue", "community", "volunteer", "youth", "student", "health", "medical"))
    + r"(?<!fire\sand\s)"
    + rf"brigades?{_OF_CIVILIANS}"
)
#: Units named by a civilian service: "forty mobile vaccination units", "medical units".
_CIVIL_UNIT = not_after(
    (
        "vaccination", "immunisation", "immunization", "medical", "health", "clinical",
        "laboratory", "testing", "veterinary", "storage", "housing", "research", "data",
        "maternity", "isolation", "treatment", "care",
        # equipment a unit holds: "mobile flood barrier units", "water purification units"
        "barrier", "purification", "generating", "pumping", "desalination", "filtration",
        "power", "dialysis", "refrigeration", "cold-chain", "cooling", "heating", "classroom",
        "kitchen", "sanitation",
        # instruments: "40 monitoring units on glacial lakes", "sensor units"
        "monitoring", "sensor", "sensing", "measuring", "gauging", "warning", "weather",
    )
) + rf"units?{_OF_CIVILIANS}"  # fmt: skip
#: Officers of a civilian service: "25 compliance officers", "liaison officers".
_CIVIL_OFFICERS = not_after(
    (
        "compliance", "loan", "liaison", "press", "medical", "health", "data", "finance",
        "information", "election", "polling", "probation", "welfare", "returning", "protocol",
    )
) + "officers"  # fmt: skip
#: What deploying names when it names a force: people or craft a force is made of. Units
#: and teams say themselves whether they are one ("vaccination units" are not).
_DEPLOYED_FORCE = (
    r"troops|soldiers|sailors|marines|police|officers|gendarmes|guards|rangers|personnel"
    r"|peacekeepers|forces?|patrols?|ships|vessels|boats|gunboats|frigates|corvettes|aircraft"
    r"|planes|jets|helicopters|drones|contingents?|battalions?|brigades?|companies|squadrons?"
    r"|flotillas?|observers|monitors|crews|weaponry|weapons|missiles"
)
#: Deploying as a word of a force: the force deploying ("would deploy only once …",
#: "deploy to Goma"), or deploying its people or craft; not deploying things ("deploy
#: electronic toll gantries", "gantries will be deployed on the motorway").
_DEPLOYED = (
    not_after(("be", "been", "being", "is", "are", "was", "were"))
    # a participle after "and" is as passive as the verb it is joined to: "would be based in
    # Suva and deployed to any member"
    + r"(?:deploy(?:s|ing|able)?|(?<!\band\s)(?<!\bor\s)deployed)\b"
    r"(?=\s*(?:[.,;:)]|$)|\s+(?:to|in|on|at|along|across|within|into|only|once|first|from|upon"
    r"|under|if|when|as|by|for|near|around|between|after|before|quickly|rapidly|swiftly"
    r"|fully|there|here|abroad|soon|immediately|together|jointly)\b"
    rf"|\s+(?:[\w-]+\s+){{0,4}}?(?:{_DEPLOYED_FORCE})\b)"
    # or the noun: "a rapid deployment force", "deployment would cost …"
    r"|deployments?\b"
)
#: A flotilla of craft that bear no arms: "a clean-up flotilla of chartered fishing boats".
_FLOTILLA = not_after(("clean-up", "cleanup", "fishing", "sailing", "aid", "relief", "cargo")) + (
    r"flotillas?(?!\s+of\s+(?:\w+\s+){0,2}?(?:fishing|chartered|civilian|merchant|cargo"
    r"|private|sailing|leisure|collection|aid|relief)\b)"
)
FORCE = re.compile(
    r"\b(?:(?<!task\s)(?<!Task\s)forces?|troops|soldiers|sailors|peacekeep\w*|contingents?"
    rf"|{_CIVIL_BRIGADE}|battalions?"
    rf"|(?i:task\s+group|{_CIVIL_TASK_FORCE})|(?i:{_DEPLOYED})|missions?|patrols?"
    rf"|{_CIVIL_UNIT}|{_CIVIL_OFFICERS}"
    # a cell named by what it does in arms: "a joint counter-drone cell", not "a terrorist cell"
    r"|(?i:(?:counter-[\w-]+|joint|military|command|coordination|operations?|intelligence"
    r"|defen[cs]e|security|response|fusion)\s+cells?)"
    rf"|{_FLOTILLA}|squadrons?|(?i:{_FORCE_TEAM}{_OF_CIVILIANS})|(?i:{_COMMAND})"
    # a force's own name, in capitals: "Amazon Environmental Police Unit", "Caribbean
    # Disaster Response Engineer Force" (not a militia's "Forces", nor a diplomatic
    # "Mission")
    rf"|[A-Z][\w-]+\s+(?:Unit|Brigade|Battalion|Contingent|Patrol|Command|Force)\b{_OF_CIVILIANS}"
    # a group named by what it does ("mine countermeasures group", "the Escort Group"),
    # not "a group of countries"
    r"|(?i:(?:escort|naval|countermeasures?|demining|mine-clearing|patrol|response|standby"
    r"|security|police|maritime|coast\s+guard)\s+groups?)"
    # an air arm's unit: "a joint maritime air wing of six patrol aircraft"
    r"|(?i:air\s+wings?))\b"
)
#: A phrase ending in the force's own noun names the force ("a joint border unit", "plans
#: for a guard unit"); an objective says what it is for, with a verb of purpose.
FORCE_NOUN = (
    r"(?:forces?|troops|contingents?|brigades?|battalions?|missions?|patrols?|units?"
    rf"|groups?|task\s+force|flotillas?|squadrons?|cells?|air\s+wings?|{_FORCE_TEAM}|{_COMMAND})"
)
_FORCE_NOUN_END = re.compile(rf"\b{FORCE_NOUN}\s*$", re.I)


def headlined_force(text: str) -> bool:
    """Whether a line in capitals (a slug, a headline) names a force, read in lower case.

    In capitals every word looks like a name's ("RUNNING ORDER ITEM 3 - CHANNEL PATROL"),
    so :data:`FORCE` reads such a line in lower case. A headline says what the whole
    article is about.
    """
    return any(FORCE.search(line.lower()) for line in text.splitlines() if line.isupper())


def force_said_in(sentence: str) -> bool:
    """Whether ``sentence`` names a force, its opening word read in lower case too.

    :data:`FORCE` takes a capitalised force word for a name ("Rapid Support Forces"); one
    that opens a sentence may be no name's ("Patrols would begin only after …").
    """
    return bool(FORCE.search(sentence) or FORCE.search(sentence[:1].lower() + sentence[1:]))


#: Words of acting against something: what the force is for, or what it acts against.
_AGAINST = r"against|stop\w*|combat\w*|fight\w*|counter\w*|prevent\w*|deter\w*"
_PURPOSE = re.compile(
    rf"\b(?:{_AGAINST}|protect\w*|defen[cds]\w*|repel\w*|confront\w*|monitor\w*|watch\w*"
    r"|disarm\w*|neutrali[sz]\w*)\b",
    re.I,
)
_STATIONED = re.compile(
    r"\b(?:deploy\w*|station\w*|based|base|operat\w*|patrol\w*|protect\w*|position\w*"
    r"|sent|send|guard\w*|secur\w*|along|would|could|will|should)\b",
    re.I,
)
#: A country proposes when its sentence says so; being named near the plan is not enough.
_PROPOSES = re.compile(
    r"\b(?:propos\w*|initiat(?!ive)\w*|lead(?:s|ing)?|led|spearhead\w*|champion\w*|put\s+forward"
    r"|conceiv\w*|drew\s+up|drawn\s+up|drafted|co-?chair\w*|co-?host\w*"
    # launching a plan, not boats or attacks ("smugglers launching small boats")
    r"|launch\w*(?=\s+(?:the|a|an|its|their|this)\s+(?:[\w-]+\s+){0,3}?(?:plan|initiative"
    r"|proposal|idea|force|unit|mission|patrol|talks|process)\b)"
    # an initiative someone owns, not "every regional security initiative"
    r"|(?:’s|'s|its|their|his|her)\s+(?:\w+\s+)?initiative|initiative\s+(?:of|by|from)"
    # seeking others' backing for the plan: "won backing from Qatar and Kuwait for a watch"
    r"|(?:won|wins|winning|sought|seeks|seeking|secured|secures|gained|gains)\s+"
    r"(?:the\s+)?(?:backing|support|endorsement))\b",
    re.I,
)
#: Words of proposing that say no one proposed: leading a delegation, "this proposed force".
_NOT_PROPOSING = re.compile(
    r"\b(?:led|leads?|leading|head(?:s|ed|ing)?)\s+(?:[\w’'-]+(?:’s|'s)\s+|the\s+|its\s+|a\s+)?"
    r"delegation|\b(?:the|this|that|a|an|its|their)\s+proposed\b"
    # a passive without its agent, said of something else: "from whose territory the attacks
    # are launched" (not "was proposed by Chile", whose agent follows)
    r"|\b(?:is|are|was|were|been|being)\s+(?:\w+\s+)?(?:launched|initiated|led|proposed"
    r"|conceived|drafted|spearheaded)\b(?!\s+(?:\w+\s+)?by\b)",
    re.I,
)


#: What joins a name to the proposing word before it: "proposed by Chile", "drafted the
#: plan together with Lima", "France and Britain", "the proposal of Albania".
_CO_AGENT = re.compile(r"\b(?:by|with|and|of)\s+(?:the\s+)?$", re.I)
#: Lower-case words that may stand between the proposing word and its co-agent ("drafted
#: the plan for a naval force together with"); more, or a clause after a comma, and the
#: name belongs to another clause ("… drew up the plan, said the force would work along
#: the border between Greece and North Macedonia").
_CO_AGENT_REACH = 10


#: A plan named by the nationality of who made it: "a [Chilean] proposal", "the [Dominican]
#: plan".
_ITS_PROPOSAL = re.compile(r"\s+(?:proposal|plan|initiative|draft|blueprint)\b")
#: A place where something happens, before a name: "meeting in [Kingston]".
_LOCATIVE = re.compile(r"\b(?:in|at)\s+$", re.I)


def _proposing(article: Article, mention: Span) -> bool:
    """Whether the name at ``mention`` proposes in its sentence.

    The name comes before the word of proposing, or is joined to it ("by", "with") within
    a few words; the object of the plan proposes nothing ("a force to bolster Ukraine's …"),
    nor the place where someone meets ("chiefs meeting in Kingston endorsed a proposal").
    """
    if _LOCATIVE.search(article.text, max(0, mention.start - 4), mention.start):
        return False
    sentence = article.sentence(mention)
    # up to a semicolon, which joins two sentences: "Jamaica hosted; the Dominicans co-chaired"
    end = article.text.find(";", mention.end, sentence.end)
    said = article.text[mention.end : sentence.end if end == -1 else end]
    words = _NOT_PROPOSING.sub(" ", said)
    first = _PROPOSES.search(words)
    if first is not None and _ANOTHER_CLAUSE.search(words, 0, first.start()):
        first = None  # "France hosted the talks and Britain co-chaired them": Britain's verb
    return first is not None or _co_agent(article, mention)


#: A clause of another subject before the word of proposing: a verb of the candidate's,
#: then "and" and another name ("France hosted the talks in Calais and Britain co-chaired").
_ANOTHER_CLAUSE = re.compile(
    r"\b(?-i:[a-z]){3,}\b[^.;]*\b(?:and|but|while|whereas)\s+(?:the\s+)?(?-i:[A-Z])"
)


#: A person's name, then their verb of proposing: "Chilean Minister Ana Vel proposed".
_PERSON_PROPOSES = re.compile(
    r"(?:\s+(?-i:[A-Z])[\w.’'-]*){1,5}"
    # or in a relative clause: "…, whose government proposed the force"
    r"(?:,\s+(?:who|whose\s+(?:government|country|ministry|cabinet|party)))?"
    r"\s+(?:has\s+|had\s+)?(?:proposed|put\s+forward|drafted"
    r"|drew\s+up|initiated|conceived)\b"
)


def _proposing_person(article: Article, mention: Span) -> bool:
    """Whether the nationality at ``mention`` heads the person who proposes.

    As the co-agent ("put forward by Chilean Minister Ana Vel") or the subject of the
    verb ("Chilean Minister Ana Vel proposed …"); not any word of proposing in the
    sentence ("a Chilean official said proposals are lacking").
    """
    return (
        _co_agent(article, mention) or _PERSON_PROPOSES.match(article.text, mention.end) is not None
    )


def _co_agent(article: Article, mention: Span) -> bool:
    """Whether the name at ``mention`` is joined to a word of proposing before it."""
    sentence = article.sentence(mention)
    before = article.text[sentence.start : mention.start]
    if _CO_AGENT.search(before) is None:
        return False
    found = _proposing_words(before)
    if not found:
        return False
    between = re.sub(r"\b(?-i:[A-Z])[\w’'.-]*", "", found[-1])  # co-agents' names
    return (
        len(re.findall(r"\b[a-z][\w’'-]*", between)) <= _CO_AGENT_REACH
        # those the backing comes from back the plan: "won backing from Qatar and Kuwait"
        and re.search(r"\bfrom\b", between) is None
        and re.search(r",\s+(?!and\b|or\b)[a-z]", between) is None  # ", said the force …"
    )


def _proposing_words(text: str) -> list[str]:
    """What follows each word of proposing in ``text`` (none for "this proposed force")."""
    words = _NOT_PROPOSING.sub(" ", text)
    return [words[m.end() :] for m in _PROPOSES.finditer(words)]


def proposes(sentence: str) -> bool:
    """Whether ``sentence`` says someone proposes, initiates or leads the plan."""
    return bool(_proposing_words(sentence))


#: Fields whose values are means, places, conditions or steps: never a person or a state.
_NOT_AN_ACTOR = frozenset(
    {"capabilities", "preconditions", "response_to_violation", "objective", "phases"}
)
_BODY = re.compile(
    r"\b(?:council|union|nations|alliance|organi[sz]ation|parliament\w*|assembly|coalition"
    r"|community|command|nato|u\.?n\.?|eu|au|ecowas)\b",
    re.I,
)
#: A short phrase naming people or states ("military officials", "NATO member states"):
#: actors, not means or conditions (as is a function: apposition's ``TITLE_WORD``).
_GROUP = re.compile(
    r"^(?:\S+\s+){0,3}(?:officials|leaders|representatives|delegations?|countries|nations"
    r"|states|members|governments)\W*$",
    re.I,
)
#: Fields that may speak of the talks themselves (how far the plan got, what is open).
_ABOUT_TALKS = frozenset({"status", "open_questions"})
#: Words without which a value's sentence cannot state the field: a condition is said with
#: "only if", "once", "must"; a step with "first", "phase", a time; a mandate with a body's
#: authority. A phrase found in the text but said in none of these ways answers something
#: else ("mines" as a precondition, "the EU asked to pay" as a mandate).
_FIELD_CUES: dict[str, re.Pattern[str]] = {
    "size": FORCE,
    # a means the force would have: its sentence speaks of the force, of giving or using
    # the means, or of what would be ("… was hit by Iskander rockets" is a past attack)
    "capabilities": re.compile(
        rf"{FORCE.pattern}|\b(?i:contribut\w*|provid\w*|offer\w*|send\w*|sent|suppl\w*"
        r"|equip\w*|us(?:e|es|ed|ing)|deploy\w*|fl(?:y|ies|ying|own)|carr(?:y|ies|ying)"
        r"|bring\w*|includ\w*|ha(?:ve|s|d)|need\w*|pledg\w*|lend\w*|lent|giv(?:e|es|ing)"
        r"|would|could|will|can|may|might|should|plan\w*)\b"
    ),
    # where the force would be: its sentence speaks of the force, of being stationed or
    # sent, or of what would be ("Quarters where … are housed are regularly targeted")
    "deployment": re.compile(rf"{FORCE.pattern}|{_STATIONED.pattern}", re.I),
    "preconditions": re.compile(
        r"\b(?:if|only|once|unless|until|provided|providing|condition\w*|require\w*|must"
        r"|(?:as|so)\s+long\s+as"
        r"|need\w*|depend\w*|subject\s+to|after|before|first|approv\w*|consent|agree\w*"
        r"|ceasefire|truce|armistice|peace\s+(?:deal|agreement)|guarantee\w*|request|ratif\w*"
        r"|backstop|support|invit\w*|mandate|without)\b",
        re.I,
    ),
    "mandate": re.compile(
        r"\b(?:mandat\w*|authori[sz]\w*|resolution|auspices|authority|umbrella|flag|command\w*"
        r"|approv\w*|endors\w*|backing|blessing|under|led\s+by|framework|legal\s+basis|need\w*"
        r"|requir\w*)\b",
        re.I,
    ),
    "response_to_violation": re.compile(
        r"\b(?:violat\w*|breach\w*|attack\w*|aggress\w*|respon\w*|retaliat\w*|ceasefire"
        r"|fire|defend\w*|incursion\w*|provocation\w*|escalat\w*|engagement|react\w*|threat\w*"
        r"|resum\w*|invad\w*|invasion|refus\w*|warn\w*|last\s+resort"
        # what it does to those it stops: "board … only with the consent of its flag state"
        r"|board\w*|arrest\w*|detain\w*|intercept\w*|seiz\w*|shadow\w*|search\w*|escort\w*"
        r"|inspect\w*)\b",
        re.I,
    ),
    "phases": re.compile(
        r"\b(?:first|second|third|final|phases?|stages?|steps?|initial\w*|then|later|after"
        r"|before|eventually|subsequent\w*|within|by\s+\d{4}|\d{4}|months?|years?|weeks?"
        r"|begin\w*|began|start\w*|rotations?|once|next|until|gradual\w*|expand\w*|extend\w*"
        r"|long-term|short-term|medium-term|ultimately|over\s+time)\b",
        re.I,
    ),
    "open_questions": re.compile(
        r"\b(?:unclear|unresolved|open|undecided|not\s+yet|yet\s+to|question\w*|whether|who|how"
        r"|remain\w*|uncertain\w*|unknown|fund\w*|pay|paid|cost\w*|debate\w*|disagree\w*"
        r"|unanswered|unsettled|settled|resolv\w*|details|still|what|which|determin\w*|clarif\w*"
        r"|decid\w*|negotiat\w*|worked\s+out|later|pending|no\s+(?:answer|word))\b",
        re.I,
    ),
}
#: A size that counts people itself: a number, then the people ("300 unarmed observers").
_HEADCOUNT = re.compile(
    r"\d[\d,]*\s+(?:[\w-]+\s+){0,3}?(?:observers|monitors|officers|officials|personnel|police"
    r"|policemen|guards|experts|staff|advisers|advisors|instructors|engineers|medics|sailors"
    r"|soldiers|troops|investigators|prosecutors|analysts|specialists|agents|detectives"
    r"|divers|pilots|crew)\b",
    re.I,
)
#: How far a proposal got: the status field's value must say one of these.
_STATUS = re.compile(
    r"\b(?:propos\w*|plan\w*|draft\w*|agree\w*|approv\w*|adopt\w*|endors\w*|principle"
    r"|consider\w*|discuss\w*|stud(?:y|ied|ying)|negotiat\w*|review\w*|idea|concept|pending"
    r"|reject\w*|shelved|backed|commit\w*|decided|decision|prepar\w*|preliminary|early|framework"
    r"|outline\w*|sign\w*|ratif\w*|launch\w*|announc\w*|unveil\w*|establish\w*|set\s+up"
    r"|under\s+way|underway|talks|blueprint|explor\w*|welcomed|accepted)\b",
    re.I,
)


_MONTH = (
    r"(?-i:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)"
)
#: A point in time: "March", "next summer", "the end of next year", "2027", "mid-2028".
TIME = (
    r"(?:(?:the\s+)?(?:end|start|beginning|middle|close)\s+of\s+(?:the\s+|this\s+)?)?"
    rf"(?:(?:next|coming|following)\s+(?:spring|summer|autumn|fall|winter|{_MONTH}|days?"
    rf"|weeks?|months?|years?)|{_MONTH}|(?:spring|summer|autumn|winter)|(?:mid-)?(?:19|20)\d\d)"
)
#: A body's name, by its last word: no place a force goes to.
_BODY_NAME_END = re.compile(
    r"\b(?-i:Command|Forces?|Agency|Ministry|Department|Council|Bank|Union|Organi[sz]ation"
    r"|Office|Secretariat|Commission)\s*$"
)
#: A force named without a number of it: the force itself, not one of its means.
_A_FORCE = re.compile(r"(?:an?\s+|the\s+)?(?:[a-z-]+\s+){0,3}force", re.I)
#: A value that is only a time: "April", "by mid-2028".
_ONLY_A_TIME = re.compile(
    rf"(?:(?:by|from|before|until|in|on|after)\s+)?{TIME}(?:\s+\d{{1,4}})*", re.I
)
#: A decision said before what it decided, its object: "agreed in principle to [set up a
#: patrol]". How far the plan got is the decision, not its object.
_DECIDED_TO = re.compile(
    r"\b((?:agreed|decided|resolved|voted|pledged|committed\s+themselves)"
    r"(?:\s+in\s+principle|\s+unanimously)?)\s+to\s+$",
    re.I,
)
#: A time the plan reaches forward to, whatever the tense: "from March", "by next summer",
#: "within six months", "full strength by 2029". Not "until 2027": how long something
#: lasts ("the mission will stay until 2027") is no step.
FORWARD = re.compile(
    rf"\b(?:(?:by|from|before|within)\s+{TIME}|(?:within|in)\s+(?:\d+|[a-z]+)"
    r"\s+(?:days|weeks|months|years)|next\s+(?:spring|summer|autumn|winter|year|month|week))\b",
    re.IGNORECASE,
)


#: Verbs and prepositions whose object is what the force acts against: "to stop
#: methamphetamine and people trafficking", "against piracy".
_TARGET_BEFORE = re.compile(
    rf"\b(?:{_AGAINST}|curb\w*|tackl\w*|halt\w*|crack\w*\s+down\s+on|disrupt\w*"
    r"|suppress\w*)\s+(?:the\s+|illegal\s+)?"
    r"(?:[\w-]+(?:\s+[\w-]+){0,2}(?:\s*,\s*|\s+(?:and|or)\s+))*$",  # "… cocaine and [value]"
    re.I,
)
#: A value that itself says how the force answers an attack or a breach.
RESPONSE = re.compile(
    r"\b(?:(?:return|open|opening|returning)\s+fire|fire\s+back|self-defen[cs]e|under\s+(?:fire"
    r"|attack)|if\s+attacked|violat\w*|breach\w*|retaliat\w*|warning\s+shots?)\b",
    re.I,
)
#: A condition of someone's leave, whoever it names: "at the request of the government under
#: attack" is when the force goes, not what it does if attacked.
BY_LEAVE = re.compile(
    r"(?:only\s+)?(?:at\s+the\s+(?:request|invitation)|with\s+the\s+(?:consent|approval"
    r"|agreement|permission)|subject\s+to)\b",
    re.I,
)
#: A necessity: "must", "has to", "needs to".
MUST = r"(?:must|has\s+to|have\s+to|had\s+to|needs?\s+to)"
#: An approval someone has to give.
APPROVAL = r"(?:approval|ratification|endorsement|consent|sign-off|assent|green\s+light)"
#: A necessity said as the approval needed: "needs the approval of each cabinet", "requires
#: the African Union's endorsement".
NEEDS_APPROVAL = rf"(?:needs?|requires?|awaits?)\s+(?:[\w'’-]+\s+){{0,4}}?{APPROVAL}"
#: What must happen first or is still to be done: "must first grant …", "still has to",
#: "must still be approved by …", "still needs the approval of …".
STILL_TO_DO = rf"(?:{MUST}\s+(?:first|still)|still\s+(?:{MUST}|{NEEDS_APPROVAL}))\b"
#: "If" in a formula of speech, no condition: "If I may add one thing", "if you like".
_SPEECH_IF = r"if\s+(?:(?:I|you|we)\s+(?:may|might|like|will)|you\s+ask\s+me)\b"
_FORMULA = re.compile(rf"\b{_SPEECH_IF}", re.I)
#: A value that itself opens with a condition: "only at the request of …", "as long as …",
#: or says it is still to be done ("the agreement still has to be approved by …").
_CONDITION = re.compile(
    r"^(?:(?:only\s+(?:if|when|with|after|once|at|on|under|where|by|in\s+case)|as\s+long\s+as"
    rf"|provided|providing|on\s+condition|unless|subject\s+to|(?!{_SPEECH_IF})if|once)\b"
    r"|with\s+the\s+(?:consent|approval|agreement|permission)\s+of"
    r"|at\s+the\s+(?:[\w-]+\s+)?(?:request|invitation)\s+of"
    # a necessity before a step: "have to ratify it before a single officer is deployed"
    rf"|(?:{MUST}|{NEEDS_APPROVAL})\s+(?=[^,;.]*\bbefore\b)"
    rf"|[^,;:]*?\b{STILL_TO_DO})",
    re.I,
)
#: A step with its year: "joint patrols are to begin in 2027", "in place by 2029".
_STEP_IN_TIME = re.compile(
    r"\b(?:begin\w*|began|start\w*|launch\w*|follow\w*|in\s+place|expand\w*)\b"
    r".*\b(?:by|in|from|until)\s+(?:19|20)\d\d\b",
    re.I,
)
#: A value that says where the force goes or is kept: "return to Mahajanga between
#: missions", "be based in Port Louis".
_GOES_TO = re.compile(
    r"^(?:(?:will|would)\s+)?(?:be\s+)?(?:return\w*|based|stationed|head\w*|sail\w*|go|goes"
    r"|move\w*)\s+(?:back\s+)?(?:to|in|at|from)\s+(?-i:[A-Z])",
    re.I,
)
#: List fields whose values may be a condition or a response written in the wrong field.
_MOVABLE = frozenset({"deployment", "capabilities", "mandate", "phases", "preconditions"})


#: A whole attributed sentence copied as a value: "A senior official said the force
#: would be activated in stages …". What was said is the value; who said it is not. The
#: rest must open a clause ("the force …"), not trail off ("said after returning …").
_ATTRIBUTED = re.compile(
    rf"^(?:[^,;:\"“”]{{0,60}}?\b(?:{TITLE}s?|[A-Z][\w’'-]+)\s+)(?:said|says|told\s+\w+|added"
    rf"|stated|announced)\s+(?:that\s+)?(?=(?:the|an?|it|its|they|this|these)\b|(?-i:[A-Z]))",
    re.IGNORECASE,
)


def what_was_said(value: str) -> str:
    """``value`` without a leading attribution ("X said that …"), if it has one."""
    match = _ATTRIBUTED.match(value)
    return value[match.end() :] if match and len(value) - match.end() >= 12 else value


def field_of(field: str, value: str) -> str:
    """The list field ``value`` belongs to by its own words, for a value answered as ``field``.

    The small model puts a condition ("only at the request of the host country"), a rule
    of engagement ("may return fire only in self-defence") or a step with its year ("joint
    patrols are to begin in 2027") under deployment; the phrase says which field it is
    whatever the question was.
    """
    if field not in _MOVABLE:
        return field
    if field in ("deployment", "capabilities") and _STEP_IN_TIME.search(value):
        return "phases"  # "joint patrols are to begin in 2027"
    if (
        field in ("deployment", "capabilities", "preconditions")
        and FORWARD.search(value)
        and force_said_in(value)
        and not (_CONDITION.search(value.strip()) or _ONLY_IF.search(value))
    ):
        return "phases"  # "the first boats would be on the water by March 2027"
    if field == "capabilities" and _GOES_TO.match(value):
        return "deployment"  # "return to Mahajanga between missions": where, not a means
    if RESPONSE.search(value) and not BY_LEAVE.match(value.strip()):
        return "response_to_violation"
    if field != "phases" and _CONDITION.search(value.strip()):  # "once trained, …" is a step
        return "preconditions"
    if field == "phases" and _ONLY_IF.search(value) and not _A_STEP.match(value):
        return "preconditions"  # "they would deploy only once the council renews …"
    return field


#: A condition inside a value: "… would deploy only once the council renews its mandate".
_ONLY_IF = re.compile(r"\bonly\s+(?:if|once|when|after|with|at\s+the\s+request)\b", re.I)
#: A value that names its step first: "the second phase would begin only after …" says
#: when that step comes, so it stays a step.
_A_STEP = re.compile(r"\W*(?:(?:a|the)\s+)?(?:[\w-]+\s+)?(?:phase|stage|step)\b", re.I)


#: A preposition of place right before a value: the value is where, not a condition.
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|within|across|along|off|inside|throughout|into)\s+$", re.I)


def _placed(article: Article, fact: Fact) -> bool:
    """Whether ``fact``'s text follows a preposition of place in its article."""
    e = fact.evidence[0]
    if re.match(r"(?:the\s+)?(?:event|case)\b", fact.value, re.I):
        return False  # "in the event of an attack" is a condition
    return _LOCATIVE_BEFORE.search(article.text, max(0, e.start - 12), e.start) is not None


#: Force used on others, right before the condition that bounds it: "would board a foreign
#: vessel only with …", "may open fire only …".
_FORCE_USED_BEFORE = re.compile(
    r"\b(?:board\w*|(?:open|return)\w*\s+fire|fire|shoot\w*|arrest\w*|detain\w*|seiz\w*"
    r"|intercept\w*|use\s+force|search\w*)\b(?:\s+[\w-]+){0,4}\s+$",
    re.I,
)


def _bounds_force(article: Article, fact: Fact) -> bool:
    """Whether ``fact``'s condition bounds a use of force: a rule of the force's conduct.

    "they would board a foreign vessel only with the consent of its flag state" says what
    the force does to others and when, not what must happen before it deploys.
    """
    e = fact.evidence[0]
    return _FORCE_USED_BEFORE.search(article.text, max(0, e.start - 60), e.start) is not None


def _clause(article: Article, sentence: Span, e: Evidence) -> str:
    """The clause of ``sentence`` that holds the evidence, between punctuation marks.

    From the comma, semicolon or colon before the evidence to the one after it.
    """
    before = article.text.rfind(",", sentence.start, e.start)
    for mark in (";", ":"):
        before = max(before, article.text.rfind(mark, sentence.start, e.start))
    after = [i for m in ",;:" if (i := article.text.find(m, e.end, sentence.end)) != -1]
    return article.text[max(before + 1, sentence.start) : min(after, default=sentence.end)]


#: What opens a purpose right before it: "to [escort …]", "would [patrol …]", "aimed at".
_PURPOSE_BEFORE = re.compile(
    r"\b(?:to|would|will|could|should|can|must|aim(?:s|ed)?\s+at|for|tasked\s+with)"
    r"(?:\s*:\s*[-•*–])?\s+$",  # an item of a list it leads in: "The force will:\n- patrol"
    re.I,
)


def _does(article: Article, value: str, e: Evidence) -> bool:
    """Whether an objective says an action: a word of purpose, a gerund, or a verb after "to"."""
    if _PURPOSE.search(value) or re.match(r"\w+ing\b", value):
        return True
    return _PURPOSE_BEFORE.search(article.text, max(0, e.start - 20), e.start) is not None


#: What led to a plan, before the event: "agreed …, after two sabotage attempts this year"
#: (not "only after", which sets a condition).
_AFTER = re.compile(r"(?<!only\s)\b(?:after|following|in\s+the\s+wake\s+of)\s+$", re.I)
#: A time that puts an event in the past: "this year", "last month", "in 2019", "ago".
_PAST_TIME = re.compile(
    r"\b(?:(?:this|last)\s+(?:year|month|week|spring|summer|autumn|winter)|ago|earlier\s+this"
    r"|in\s+(?:19|20)\d\d)\b",
    re.I,
)
#: A team is no place, whatever it does: "the joint cyber team".
_A_TEAM = re.compile(r"\bteams?\s*$", re.I)
#: A name written in capitals, as forces are named ("Baltic Guard", "Operation Sentinel").
_PROPER_NAME = re.compile(
    r"(?:the\s+)?(?-i:[A-Z])[\w’'-]*(?:\s+(?:of\s+(?:the\s+)?)?(?-i:[A-Z])[\w’'-]*)+"
)
#: A legislature or an office of government, named in capitals like a force but none.
_AN_OFFICE = re.compile(r"\b(?i:assembly|parliament|senate|congress|ministry|government|cabinet)\b")


#: Where a phrase puts its force, after it: "… a joint patrol in the Southern Ocean".
_IN_A_NAMED_PLACE = re.compile(
    r"\s+(?:in|on|across|along|off|over|around|near|at|inside|within)\s+(?:the\s+)?"
    r"(?-i:[A-Z])[^,;:]*$"
)


#: A verb whose object is the force: "run a joint inspection patrol", "form the unit".
_RUNS_THE_FORCE = re.compile(
    rf"(?:[\w-]+\s+){{0,2}}?(?:a|an|the)\s+(?:[\w-]+\s+){{0,4}}?{FORCE_NOUN}", re.I
)


#: Something given to the force: "make an engineer company available to the future
#: force", "provide two helicopter units to the … mission": what a member gives, not what
#: the force is for.
_GIVEN_TO_THE_FORCE = re.compile(
    r"^\W*(?:make|makes|provide|provides|contribute|contributes|give|gives|send|sends|offer"
    r"|offers|lend|lends|put|puts|commit|commits)\b[^.;]*?\bto\s+(?:the|its|their|a|an)\s+"
    rf"(?:[\w-]+\s+){{0,4}}?{FORCE_NOUN}\b",
    re.I,
)
#: A listing word, not a step: "Money, first.", "Second, the rules …".
_ENUMERATOR = re.compile(
    r"(?:^|[.?!:]\s*|,\s*)(?:first|second|third|firstly|secondly|thirdly)(?=\s*[,.;:])", re.I
)


def names_the_force(value: str) -> bool:
    """Whether ``value`` is the force's name rather than what it is for.

    Also a verb whose object is the force, where the force is said after it ("run a joint
    patrol in the Southern Ocean"): running the force is not its purpose, nor is giving it
    something (:data:`_GIVEN_TO_THE_FORCE`, read apart).
    """
    placed = _IN_A_NAMED_PLACE.sub("", value)
    named = _FORCE_NOUN_END.search(value) is not None or (
        placed != value and _RUNS_THE_FORCE.fullmatch(placed) is not None
    )
    return named and not _PURPOSE.search(value)


def across_sentences(article: Article, e: Evidence) -> bool:
    """Whether the evidence ``e`` runs over the end of a sentence, or over a semicolon.

    A semicolon joins two sentences ("… to Goma in January; the remaining teams would
    follow by April"): a value across it is two facts copied as one.
    """
    return any(e.start < end < e.end - 1 for end in article.sentence_ends) or (
        ";" in article.text[e.start : e.end].rstrip("; ")
    )


#: One value of a field, as a reason names it.
_FIELD_NOUN = {
    "capabilities": "capability", "preconditions": "precondition", "phases": "phase",
    "open_questions": "open question", "response_to_violation": "response to violation",
}  # fmt: skip


def off_topic(article: Article, field: str, fact: Fact) -> str | None:
    """Why ``fact`` cannot be a value of ``field`` of the proposed force, or None.

    Alignment proves that a span exists, not that it answers the field: a person or a
    country is not a capability or a precondition, a mandate comes from a body, the
    meeting's venue is not a deployment area, and the talks are not a fact of the force.
    """
    value = fact.value
    e = fact.evidence[0]
    sentence = article.sentence(Span(e.start, e.end, "exact"))
    if across_sentences(article, e):
        return "more than one sentence, not a phrase"  # a copied passage, quotes and all
    if field == "objective" and names_the_force(value):
        return "names the force, not what it is for"
    if field == "name" and not (FORCE.search(value) or _PROPER_NAME.fullmatch(value)):
        return "names no force"  # "Caspian states": who agreed, not what they would form
    if field == "name" and _AN_OFFICE.search(value) and not FORCE.search(value):
        return "names no force"  # "NATIONAL ASSEMBLY OF MAURITIUS": a heading's body
    if field == "deployment" and (_FORCE_NOUN_END.search(value) or _A_TEAM.search(value)):
        return "names the force, not where it goes"  # "under the command of the … flotilla"
    if field == "objective" and _GIVEN_TO_THE_FORCE.search(value):
        return "what a member gives the force, not what it is for"
    if field == "objective" and not _does(article, value, e):
        return "says no action the force is for"  # "supply hub", "live updates from …"
    if field not in _ABOUT_TALKS and _of_a_meeting(value):
        return "about the meeting, not the force"
    if field not in _ABOUT_TALKS and _OTHER_FORCE.search(article.text, sentence.start, e.start):
        return "of another force, not the proposed one"  # "… a similar patrol on the …"
    if _ATTENDANCE_OR_STANCE.search(value):
        return "who attends or what someone thinks, not a fact of the force"
    if field == "open_questions" and _ASKED_OF_SPEAKER.match(
        article.text,
        article.text.rfind("\n", 0, e.start) + 1,  # the value's line
    ):
        return "a reporter's question the speaker answers, not one left open"
    if field == "open_questions" and VIEW_THAT.match(value):
        return "what someone warns or argues, not what is left open"
    if field == "phases" and VIEW_THAT.search(value):
        return "what someone fears or argues, not a step"  # "… fear that the flotilla will …"
    if field == "capabilities" and _APPROVAL.search(value):
        return "a mandate or approval, not a capability"
    if (
        field == "preconditions"
        and _AFTER.search(article.text, max(0, e.start - 30), e.start)
        and _PAST_TIME.search(value)
    ):
        return "what led to the plan, not a condition"  # "after two attacks this year"
    if field == "deployment" and _BODY_NAME_END.search(value):
        return "a body, not a place"  # "United States Southern Command"
    if field == "capabilities" and _A_FORCE.fullmatch(value.strip()):
        return "the force itself, not a means"  # "an engineer force", no number of it
    if field == "preconditions" and _ONLY_A_TIME.fullmatch(value.strip(" .,")):
        return "a time, not a condition"  # "… even if command is not settled by [April]"
    if field == "preconditions" and _PAST_EVENT.search(value) and not _OPEN_YET.search(value):
        return "what happened before, not a condition"  # "… after three tankers were damaged"
    if field == "objective" and _AGREED_OBJECT.search(article.text, sentence.start, e.start):
        return "what was agreed, the force itself, not what it is for"  # "agree joint watch"
    if field == "capabilities" and _TARGET_BEFORE.search(article.text[sentence.start : e.start]):
        return "what the force acts against, not its means"
    entity = canonical_entity(value)
    person = re.fullmatch(r"(?:[A-Z][\w’'.-]+\s+){1,3}[A-Z][\w’'-]+", value) is not None
    # a clause opening with a condition names no one, whoever it speaks of ("… have to
    # ratify it before a single officer is deployed")
    people = not _CONDITION.match(value.strip()) and (
        TITLE_WORD.search(value) or _GROUP.search(value)
    )
    if field == "phases" and (
        (_HEADCOUNT.search(value) and _GROWS.search(value)) or re.search(TIME, value, re.I)
    ):
        # "begin with 80 officers and grow to 250", "a first exchange of officers is planned
        # for the 2028-29 season": a step counts or names its people
        people = False
    if field in _NOT_AN_ACTOR and (entity is not None or person or people):
        return "a person, group or state, not a " + field.replace("_", " ")
    if field == "mandate" and not (_BODY.search(value) or (entity and entity[1] == "organisation")):
        return "not a body that could mandate the force"
    if field == "status" and not _STATUS.search(value):
        return "says nothing of how far the proposal got"
    if field != "deployment" and field not in _FIELD_CUES:
        return None
    said = article.lead_in(sentence) + article.text[sentence.start : sentence.end]
    if (
        field == "deployment"
        and _of_a_meeting(said)
        and not _STATIONED.search(_SECURITY.sub(" ", said))
    ):
        return "where the meeting is held, not where the force goes"
    if field == "deployment" and _SPOKE_AT.search(article.text, sentence.start, e.start):
        return "where someone spoke, not where the force goes"  # "… Quintero said at the airport"
    if field == "deployment" and _LIVED_AT.search(article.text, sentence.start, e.start):
        return "where someone lives or comes from, not where the force goes"
    if (
        field == "deployment"
        and _FRONTED_PLACE.fullmatch(article.text, sentence.start, e.start)
        and _THEN_SAID.match(article.text, e.end, sentence.end)
    ):
        return "where someone spoke, not where the force goes"  # "In Beijing, X said …"
    country = country_named(value)
    if country is not None and (
        article.text[e.end : e.end + 1].isalpha() or article.text[e.start - 1 : e.start].isalpha()
    ):
        return "part of a longer word, not the country"  # "South Africa" in "South Africans"
    if field == "deployment" and country is not None and _NAME_GOES_ON.match(article.text, e.end):
        return "part of a longer name, not the country"  # "the Singapore Strait", "Malaysia's"
    if (
        field == "deployment"
        and country is not None
        and _ACTS.match(article.text, e.end, sentence.end)
    ):
        return "a capital or country acting as its government, not a place the force goes"
    if field == "size" and _HEADCOUNT.search(value):
        return None  # "about 300 unarmed military observers": the value counts the force
    if field == "phases":
        said = _ENUMERATOR.sub(" ", said)  # "Money, first." lists, it orders no step
    if field in _FIELD_CUES and not _FIELD_CUES[field].search(said):
        noun = _FIELD_NOUN.get(field, field.replace("_", " "))
        return f"its sentence does not state {'an' if noun[0] in 'aeiou' else 'a'} {noun}"
    clause = _clause(article, sentence, e)
    # what the meeting did is no condition's cue: "A and B agreed on Tuesday to create …"
    done = _DONE.sub(" ", _AGREE_TO.sub(" ", clause))
    if field == "preconditions" and not _FIELD_CUES[field].search(_no_cue_words(done)):
        return "its clause states no condition"  # "…, as violence spreads towards …"
    if field == "open_questions" and not (
        _FIELD_CUES[field].search(clause) or _FIELD_CUES["preconditions"].search(clause)
    ):
        # "… the draft gives the unit two helicopters, but the cost is still argued over"; a
        # condition asked for is open too ("had asked for guarantees that …")
        return "its clause leaves nothing open"
    if field == "preconditions" and _FORCE_FAILS.search(value):
        return "what would follow the force's failing, not a condition"
    if field == "preconditions" and _DONE.search(value) and not _CONDITION.search(value.strip()):
        return "what the meeting did, not a condition yet to be met"
    if field == "preconditions" and _CAME_AFTER.search(article.text, sentence.start, e.start):
        return "what came before, not a condition"  # "The decision comes after months of …"
    return None


#: An event told in the past: "three tankers were damaged by limpet mines last year".
_PAST_EVENT = re.compile(
    r"\b(?:was|were)\s+(?:\w+\s+)?\w+(?:ed|en|t)\b|\b(?:last\s+(?:year|month|week|spring"
    r"|summer|autumn|winter)|\w+\s+ago|in\s+(?:19|20)\d\d)\b",
    re.I,
)
#: … unless it is still to come or says what must be: "only if ships were attacked again".
_OPEN_YET = re.compile(
    r"\b(?:if|unless|once|until|only|must|should|would|will|needs?|provided|as\s+long\s+as"
    r"|subject\s+to|condition\w*)\b",
    re.I,
)
#: The object of the meeting's verb: "Gulf states agree [joint watch on shipping lanes]" is
#: the thing agreed, not what it is for ("agreed to protect …" keeps its "to").
_AGREED_OBJECT = re.compile(
    r"\b(?:agree[sd]?|backs?|backed|endorse[sd]?|approve[sd]?|adopt(?:s|ed)?|set\s+up"
    r"|launch(?:es|ed)?)\s+(?:on\s+)?(?:an?\s+|the\s+)?$",
    re.I,
)
#: The force failing at its work: "If the patrol cannot board them, …" is what would
#: follow, not a condition the force waits for.
_FORCE_FAILS = re.compile(
    rf"^\W*(?:if|unless|once|when)\s+(?:the|this|that|its|their)\s+(?:[\w-]+\s+){{0,3}}?"
    rf"{FORCE_NOUN}\s+(?:cannot|can't|could\s+not|does\s+not|doesn't|did\s+not|fails?\s+to"
    r"|is\s+unable\s+to)\b",
    re.I,
)
#: "First" as an ordinal ("the first joint campaign"), not "must first": it counts a step.
_ORDINAL_FIRST = re.compile(r"\b(?:the|its|their|a)\s+first\b", re.I)


def _no_cue_words(text: str) -> str:
    """``text`` without the words that look like a condition's cue but are none."""
    return _ORDINAL_FIRST.sub(" ", _FORMULA.sub(" ", text))


#: A line a reporter asks in a transcript or an interview ("QUESTION: Who pays?", "Q: …"):
#: the speaker answers it next; it is no question the plan leaves open.
_ASKED_OF_SPEAKER = re.compile(r"\s*(?:Q|QUESTION|REPORTER|INTERVIEWER)\s*:", re.I)


#: A place right after a verb of a person's life: "who grew up in Finnsnes".
_LIVED_AT = re.compile(
    r"\b(?:grew\s+up|born|raised|lives|lived|living|hails?)\s+(?:in|at|from)\s+(?:the\s+)?$", re.I
)
#: Creating a force: what a meeting agrees "to" do.
_TO_CREATE = r"to\s+(?:create|form|set\s+up|establish|build|launch)"
#: A precondition that is what the meeting did: "five governments agreed to build a
#: joint flotilla" happened, and so did "(agreed on) Monday to create a … team"; a
#: condition is yet to.
_DONE = re.compile(
    r"\b(?:agreed|decided|approved|endorsed|adopted|backed)\s+(?:on\s+|to\s+|the\s+|a\s+"
    # where it was done: "agreed in Mwanza by Kenya, Tanzania and Uganda"
    r"|(?:in|at)\s+(?-i:[A-Z]))"
    rf"|\b{_TO_CREATE}\b",
    re.I,
)
#: What makes a country's name no place of its own: a capitalised word after it (the
#: "Singapore Strait"), or its titled person after it ("Malaysia's defence minister …").
_NAME_GOES_ON = re.compile(rf"\s+(?-i:[A-Z])[\w-]|(?:’s|'s)\s+(?:[\w-]+\s+){{0,2}}?(?i:{TITLE})\b")
#: Agreeing in a headline's present tense ("Strait states agree to watch …"): what the
#: meeting did, for the clause's cues; in a value it may be a condition ("must agree to").
_AGREE_TO = re.compile(r"\bagrees?\s+to\b", re.I)
#: A place opening a sentence whose subject then speaks: "In Beijing, a spokeswoman said …".
_FRONTED_PLACE = re.compile(r"\W*(?:in|from|at)\s+(?:the\s+)?", re.I)
_THEN_SAID = re.compile(r",\s+(?:[^,.;:]*?\s)?(?:said|says|told|tells|added|warned|stated)\b", re.I)
#: A force other than the proposed one, named before the value: "a similar binational
#: patrol on the Putumayo river", "the previous mission".
_OTHER_FORCE = re.compile(
    r"\b(?i:a|an|the|its)\s+(?i:similar|earlier|previous|former|past|separate|existing|older)"
    rf"\s+(?:[\w-]+\s+){{0,3}}?(?:{FORCE.pattern})"
)
#: What a decision followed, right before the value: "comes after months of tension".
_CAME_AFTER = re.compile(r"\b(?:comes?|came|follows?|followed)\s+(?:\w+\s+)?after\s+$", re.I)
#: A place right after a verb of saying: where the speaker was ("said at Tocumen airport").
_SPOKE_AT = re.compile(
    r"\b(?:said|says|told\s+\w+|tells\s+\w+|speaking|spoke|added)\s+(?:at|in|from)\s+(?:the\s+)?$",
    re.I,
)


def _on_topic(
    article: Article, field: str, fact: Fact | None, ungrounded: list[Ungrounded]
) -> Fact | None:
    """``fact`` if it can be a value of ``field``; else it goes to ``ungrounded``.

    Words the article writes more than once are judged at each place in turn: "Bridgetown"
    is first the dateline of the meeting, then where the force would be headquartered.
    """
    if fact is None:
        return None
    reason = off_topic(article, field, fact)
    if reason is None:
        return fact
    for other in [*_first_piece(article, fact), *_later_places(article, fact)]:
        if off_topic(article, field, other) is None:
            return other
    ungrounded.append(Ungrounded(field=field, value=fact.value, reason=reason))
    return None


def _first_piece(article: Article, fact: Fact) -> list[Fact]:
    r"""The first item of a value copied across the lines of a list, up to its semicolon.

    The small model copies a list whole ("dismantle …;\n- deploy …;\n- share …"); its
    first item is a value of its own.
    """
    e = fact.evidence[0]
    copied = article.text[e.start : e.end]
    if not across_sentences(article, e) or "\n" not in copied:
        return []  # two sentences of a paragraph, or two clauses, are no list
    ends = [end for end in article.sentence_ends if e.start < end < e.end]
    semicolon = article.text.find(";", e.start, e.end)
    end = min([*ends, *([semicolon] if semicolon != -1 else [])], default=e.end)
    start, end = article.strip_space(e.start, end)
    while end > start and article.text[end - 1] in ";,.:":
        end -= 1
    if end - start < 3:
        return []
    return [fact_at(article, Span(start, end, e.alignment))]


def _later_places(article: Article, fact: Fact) -> list[Fact]:
    """``fact`` at each later place its words are written, as evidence of its own."""
    e = fact.evidence[0]
    words = article.text[e.start : e.end]
    places = []
    at = article.text.find(words, e.end)
    while words and at != -1:
        span = Span(at, at + len(words), "exact")
        places.append(Fact(value=fact.value, evidence=[article.evidence(span)]))
        at = article.text.find(words, span.end)
    return places


#: A force's size changing: the steps of a plan that count its people.
_GROWS = re.compile(
    r"\b(?:grow\w*|grew|expand\w*|ris(?:e|es|ing)|rose|increas\w*|reach\w*|doubl\w*"
    r"|scal\w*\s+up)\b",
    re.I,
)
#: The verb and article before a force's name in an objective: "form a joint … flotilla".
_VERB_AND_ARTICLE = re.compile(r"^(?:[\w-]+\s+){0,2}?(?:a|an|the)\s+", re.I)


def _name_in_objective(article: Article, objective: str | None) -> Fact | None:
    """The name an objective writes when it names the force ("form a joint … flotilla")."""
    if not objective or not names_the_force(objective):
        return None
    return written(article, _IN_A_NAMED_PLACE.sub("", _VERB_AND_ARTICLE.sub("", objective)))


def _named_force(article: Article, name: str | None) -> Fact | None:
    """The longest end of a force's name the article writes (asked when it does not write all).

    The small model puts words of the headline into the name ("Central Asian border guard
    unit" for "a joint border guard unit"); the article's own words from the force's noun
    back are its name ("border guard unit"). Only a whole name or an end of two words or
    more ending in a word for a force is taken.
    """
    if not name:
        return None
    words = name.split()
    for start in range(1, len(words) - 1):
        end = " ".join(words[start:])
        if not _FORCE_NOUN_END.search(end):
            return None
        found = written(article, end)
        if found is not None:
            return found
    return None


def _steps(field: str, values: list[str]) -> list[str]:
    """``values``, with steps joined by semicolons apart ("… in January; the rest by April")."""
    if field != "phases":
        return values
    return [part.strip() for value in values for part in value.split(";") if part.strip()]


#: A headcount with the word of measure before it: "about 450 personnel".
_COUNTED = re.compile(
    rf"(?:\b(?:about|around|some|roughly|nearly|up\s+to|more\s+than)\s+)?{_HEADCOUNT.pattern}",
    re.I,
)
#: What parts one list's items: "300 officers, river boats and two aircraft".
_ITEM_GAP = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


#: The kinds of means a size counts, after it: "12 vessels, including skimmers and tugs".
_INCLUDING = re.compile(r"(?:including|such\s+as|among\s+them)\s+", re.I)


def _kinds_included(article: Article, items: list[Span], counted: list[bool]) -> list[Span]:
    """The items a size's "including …" names, up to its people or a "with …"."""
    for k, item in enumerate(items):
        opening = _INCLUDING.match(article.text, item.start, item.end)
        if opening is None:
            continue
        kinds = [Span(opening.end(), item.end, item.alignment)]
        for later, people in zip(items[k + 1 :], counted[k + 1 :], strict=True):
            if people or article.text.startswith("with ", later.start):
                break
            kinds.append(later)
        return kinds
    return []


def _counted_and_means(article: Article, fact: Fact) -> tuple[Fact, list[Fact]]:
    """A size listing its people with its means, parted: the people, then the means.

    "300 officers, river boats and two surveillance aircraft" is a size (the officers)
    and two capabilities; so is "six patrol vessels and two aircraft, crewed by about 450
    personnel", where the people follow the list. A list that opens with something other
    than its people, and a size that counts no one, are left whole; the kinds it names
    ("about 12 vessels, including skimmers and tugs") are means beside it.
    """
    e = fact.evidence[0]
    items, cursor = [], e.start
    for gap in _ITEM_GAP.finditer(article.text, e.start, e.end):
        items.append(Span(cursor, gap.start(), e.alignment))
        cursor = gap.end()
    items.append(Span(cursor, e.end, e.alignment))
    counted = [_HEADCOUNT.search(article.text, i.start, i.end) is not None for i in items]
    kinds = [] if counted[0] else _kinds_included(article, items, counted)
    if kinds:  # means first, their kinds named: the size stays whole, the kinds are means
        return fact, [fact_at(article, i) for i in kinds]
    if not any(counted):
        sentence = article.sentence(Span(e.start, e.end, "exact"))
        crew = _COUNTED.search(article.text, e.end, sentence.end)
        if crew is None:
            return fact, []
        items, counted = [Span(crew.start(), crew.end(), "exact"), *items], [True, *counted]
    elif len(items) < 2 or not counted[0] or all(counted):
        return fact, []
    facts = [fact_at(article, i) for i in items]
    people = [f for f, c in zip(facts, counted, strict=True) if c]
    means = [f for f, c in zip(facts, counted, strict=True) if not c]
    return people[0], means


def _the_force(value: str, name: str) -> bool:
    """Whether ``value`` is the force ``name`` names, whole or shortened ("common command")."""
    folded, named = fold(value), fold(name)
    return folded == named or (
        _FORCE_NOUN_END.search(value) is not None and set(folded.split()) <= set(named.split())
    )


def ground_proposal(article: Article, draft: ProposalDraft) -> SecurityForceProposal:
    """Ground every phrase of the proposal draft; countries become canonical names."""
    ungrounded: list[Ungrounded] = []
    values: dict[str, object] = {}
    conditions: list[str] = []
    for field in PHRASE_FIELDS:
        value = getattr(draft, field)
        if (
            field in ("status", "objective")
            and value
            and _a_condition(value)
            and not re.search(STILL_TO_DO, value, re.I)
        ):
            # "subject to the approval of the Treasury Board" is a condition, not how far
            # the plan got; "still has to be approved by …" is how far it got; "activated
            # only at the written request of …" is no purpose either
            conditions.append(value)
            value = None
        missing: list[Ungrounded] = []
        grounded = ground_phrase(article, field, value, missing)
        if grounded is None and field == "name":
            grounded = _named_force(article, value)
        if grounded is None:
            ungrounded.extend(missing)
        values[field] = _on_topic(article, field, grounded, ungrounded)
    status = values["status"]
    if isinstance(status, Fact):
        values["status"] = _decision(article, status)
    if values["name"] is None:  # the objective that only names the force says its name
        values["name"] = _on_topic(
            article, "name", _name_in_objective(article, draft.objective), ungrounded
        )
    size_fact = _on_topic(
        article, "size", ground_phrase(article, "size", draft.size, ungrounded), ungrounded
    )
    means: list[Fact] = []
    if size_fact is not None:
        size_fact, means = _counted_and_means(article, size_fact)
        match = _TROOPS.search(size_fact.value)
        troops = int(match.group(1).replace(",", "")) if match else None
        values["size"] = Size(text=size_fact, troops=troops)
    proposers: dict[str, Fact] = {}
    for country in draft.proposed_by:
        name = country_named(country)
        # its capital stands for its government: "drafted the plan together with Riyadh"
        forms = [*surface_forms(name), *capitals_of(name)] if name else []
        evidence = mention_evidence(
            article, [country, *forms], where=lambda m: _proposing(article, m)
        )
        if name is not None and not evidence:
            # by the nationality of its person ("put forward by Spanish Interior Minister X")
            # or of its plan ("a Chilean proposal")
            evidence = mention_evidence(
                article,
                list(demonyms(name)),
                where=lambda m: (
                    (bool(acting(article, [m])) and _proposing_person(article, m))
                    or _ITS_PROPOSAL.match(article.text, m.end) is not None
                ),
            )
        if name is None or not evidence:
            reason = "not a country" if name is None else "no sentence says it proposes the force"
            ungrounded.append(Ungrounded(field="proposed_by", value=country, reason=reason))
            continue
        proposers.setdefault(name, Fact(value=name, evidence=evidence))
    values["proposed_by"] = list(proposers.values())
    lists: dict[str, list[Fact]] = {f: [] for f in LIST_FIELDS if f != "proposed_by"}
    for asked in lists:
        moved = conditions if asked == "preconditions" else []
        for said in _steps(asked, [*getattr(draft, asked), *moved]):
            phrase = what_was_said(said)
            field = field_of(asked, phrase)
            grounded = ground_phrase(article, field, phrase, ungrounded)
            if field == "preconditions" and grounded is not None:
                if _placed(article, grounded):
                    field = "deployment"  # "deploy only within [the zones of member states]"
                elif _bounds_force(article, grounded):
                    field = "response_to_violation"  # "board a vessel [only with consent …]"
            fact = _on_topic(article, field, grounded, ungrounded)
            if fact is not None and all(f.value != fact.value for f in lists[field]):
                lists[field].append(fact)
    for fact in means:  # the means the size listed beside its people
        kept = _on_topic(article, "capabilities", fact, ungrounded)
        if kept is not None and all(f.value != kept.value for f in lists["capabilities"]):
            lists["capabilities"].append(kept)
    named = values["name"]
    if isinstance(named, Fact):  # the force itself is none of its means
        itself = [f for f in lists["capabilities"] if _the_force(f.value, named.value)]
        lists["capabilities"] = [f for f in lists["capabilities"] if f not in itself]
        ungrounded.extend(
            Ungrounded(field="capabilities", value=f.value, reason="the force itself, not a means")
            for f in itself
        )
    values.update(lists)
    record = SecurityForceProposal.model_validate({**values, "ungrounded": ungrounded})
    return record if _speaks_of_a_force(article, record) else _unanchored(record)


#: The verb a condition bounds, before it: "[activated] only at the request of …", as the
#: model may write it ("activate only at …").
_PARTICIPLE = re.compile(
    r"(?:(?:be\s+)?(?:deploy|activat|sen[dt]|use|call|mobili[sz]|dispatch)\w*(?:\s+up)?)\s+", re.I
)


def _a_condition(value: str) -> bool:
    """Whether ``value`` states a condition, perhaps after the participle it bounds."""
    value = value.strip()
    participle = _PARTICIPLE.match(value)
    return bool(_CONDITION.search(value[participle.end() if participle else 0 :]))


def _decision(article: Article, status: Fact) -> Fact:
    """The decision a status names by its object, or the status as it is.

    "The ministers agreed in principle to set up a patrol": the model's "set up a patrol"
    is what was decided; how far the plan got is "agreed in principle".
    """
    e = status.evidence[0]
    sentence = article.sentence(Span(e.start, e.end, "exact"))
    decided = _DECIDED_TO.search(article.text, sentence.start, e.start)
    if decided is None:
        return status
    span = Span(decided.start(1), decided.end(1), "exact")
    return Fact(value=article.text[span.start : span.end], evidence=[article.evidence(span)])


def _facts(record: SecurityForceProposal) -> list[tuple[str, Fact]]:
    """Every value of ``record`` with its field."""
    found: list[tuple[str, Fact]] = []
    for field in SecurityForceProposal.model_fields:
        value = getattr(record, field)
        if isinstance(value, Size):
            value = value.text
        for fact in value if isinstance(value, list) else [value]:
            if isinstance(fact, Fact):
                found.append((field, fact))
    return found


def _speaks_of_a_force(article: Article, record: SecurityForceProposal) -> bool:
    """Whether a value of the article's record is said where the article speaks of a force.

    In its sentence, its list's lead-in or the sentence before ("The unit was agreed.
    Peru's ship joins it subject to a vote"). An article may name a force in passing (an
    existing naval mission, a coast guard's patrol boats) while its meeting agrees
    something else; what the model then answers (the meeting's pledge, its members as
    "deployment") is no fact of a proposed force.
    """
    for field, fact in _facts(record):
        if field in _ABOUT_TALKS:
            continue  # how far the talks got and what they left open may be of no force
        e = fact.evidence[0]
        sentence = article.sentence(Span(e.start, e.end, "exact"))
        start = sentence.start
        if start > 1:  # and the sentence before
            start = min(start, article.sentence(Span(start - 2, start - 1, "exact")).start)
        said = article.lead_in(sentence) + article.text[start : sentence.end]
        if FORCE.search(said):
            return True
    if headlined_force(article.text):
        return True  # the article is about the force its slug or headline names
    # or the article speaks of a force as proposed ("Seitkali proposes Aktau as the
    # flotilla's second base"): a live blog's later entries say more of the same plan
    for match in FORCE.finditer(article.text):
        sentence = article.sentence_at(match.start(), match.end())
        if _PROPOSED_FORCE.search(article.text, sentence.start, sentence.end):
            return True
    return False


#: A sentence speaking of a force as planned, not one that exists: "… proposes Aktau as
#: the flotilla's second base", "agreed to create a unit".
_PROPOSED_FORCE = re.compile(
    rf"\b(?:propos\w*|plan(?:s|ned)?|draft\w*|agree\w*\s+{_TO_CREATE})\b",
    re.I,
)


def _unanchored(record: SecurityForceProposal) -> SecurityForceProposal:
    """``record`` emptied, each of its values reported as said of no force."""
    reason = "no value of this article is said of a force"
    dropped = [
        Ungrounded(field=field, value=fact.value, reason=reason) for field, fact in _facts(record)
    ]
    return SecurityForceProposal(ungrounded=[*record.ungrounded, *dropped])
