"""Grounding of the positions schema: speakers, their sentences and their quotes."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from schemas.common import Ungrounded
from schemas.positions import (
    MergedPositionList,
    PositionList,
    PositionsDraft,
    Quote,
    Stance,
    StatedPosition,
)

from ...apposition import (
    BODY_WORD,
    GOVERNMENT_POST,
    TITLE,
    TITLE_WORD,
    Identity,
    home_country,
    identity,
    name_after,
    own_person,
    split_description,
)
from ...canon import (
    NAME_PARTICLE,
    canonical_entity,
    country_of_capital,
    demonyms,
    entity_words,
    person_key,
    same_person,
    surname_of,
)
from ...ground import Article, Span
from ...records import NOT_FOUND

#: A function or a body that speaks: a title, or a word for a source or an institution.
_ROLE_NOUN = re.compile(
    rf"\b(?:{TITLE}s?|sources?|government|ministry|kremlin|spokes\w*|delegat\w*|analysts?"
    rf"|experts?|advis[eo]rs?)\b",
    re.IGNORECASE,
)


def _speaker_span(article: Article, speaker: str) -> Span | None:
    # No fuzzy match: "Russian officials" must not be found as "Ukrainian officials".
    span = article.align(speaker)
    if span is not None and span.alignment != "fuzzy":
        return span
    key = person_key(speaker)
    words = speaker.split()
    if (
        key
        and " " not in key
        and words
        and words[-1][:1].isupper()
        and personal_name(speaker, article)
    ):
        # a named person ("President Emmanuel Macron"): the surname alone is a mention; not
        # a description's last word ("Kyrgyz Republic Minister of Energy")
        found = article.mentions([key])
        if found:
            return found[0]
    return None


#: A speaker is a name or a short noun phrase; the small model sometimes copies a whole
#: clause, which a verb or its length gives away.
MAX_SPEAKER_WORDS = 8


_CLAUSE = re.compile(
    # in lower case: capitalised, "Said" or "Will" is a name ("Comorian minister Fatima Said")
    r"\b(is|are|was|were|will|would|has|have|had|been|expected|said|says)\b"
)


#: Who reports, not who takes a position: an outlet is not a speaker.
_MEDIA = re.compile(
    r"\b(?:news|newspaper|magazine|agency|television|tv|radio|broadcaster|channel|press"
    r"|reporters?|journalists?|correspondents?|daily|courier|gazette|herald|tribune"
    r"|chronicle|journal|times)\b",
    re.IGNORECASE,
)
_COORDINATED = re.compile(r"^\S+(?:\s+\S+)?\s+and\s+\S+\s+(?:officials|leaders|representatives)\b")
#: The states a description's people are of: "Mining ministers of [Argentina, Bolivia and
#: Chile]".
_OF_STATES = re.compile(r"\b(?:of|from)\s+(?:the\s+)?([A-Z][^;:]*?)\s*$")


def _of_several(speaker: str) -> bool:
    """Whether ``speaker`` describes the people of two or more states, not one party.

    "Mining ministers of Argentina, Bolivia and Chile" speak as a group; "the Minister of
    Trinidad and Tobago" is of one state, whose name has an "and".
    """
    of = _OF_STATES.search(speaker)
    if of is None or canonical_entity(of.group(1)) is not None:
        return False
    parts = [p for p in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", of.group(1)) if p]
    return len(parts) > 1 and all(canonical_entity(p) is not None for p in parts)


#: Where a name is the object of a preposition, its sentence is about that person, not
#: said by them ("coordinated with the cabinet of President X"); a report is by an outlet.
_NOT_SAID_BY = re.compile(
    r"\b(?:of|with|to|for|from|against|about|on|at|in|into|toward|towards|than)\s*$"
    r"|\b(?:report|reported|reporting|article|interview)\s+(?:by|in)\s*$"
    r"|\baccording\s+to\s+(?:a\s+)?(?:report|article)\s+(?:by|in)\s*$"
    # inside what someone else says or asks: "Neither side has said whether a Peruvian
    # officer could arrest …"
    r"|\b(?:sa(?:id|ys?)|t(?:old|ells?)|ask(?:s|ed)?|know(?:s|n)?|explain\w*)\s+(?:\w+\s+)?"
    r"(?:whether|if|how|that)\b[^,;:\"“”]*$",
    re.IGNORECASE,
)
#: Capitalised words right before or after a mention: the rest of its name.
_NAME_LEFT = re.compile(r"(?:\b[A-Z][\w’'-]*\s+)+$")
_NAME_RIGHT = re.compile(r"(?:\s+[A-Z][\w’'-]*\b)+")
#: News's formula for a source that said nothing: no position, whatever the sentence's nouns.
_NO_COMMENT = re.compile(
    r"\b(?:did\s+not|didn't|does\s+not|doesn't|declined\s+to|refused\s+to|(?:was|were)\s+not"
    r"\s+available\s+to|could\s+not\s+be\s+reached\s+to)\s+(?:immediately\s+)?(?:respond|reply"
    r"|answer|comment|return)\w*|\bno\s+comment\b|\bcould\s+not\s+be\s+reached\b"
    r"|\bunavailable\s+for\s+comment\b"
    # nothing said in the room: "has not asked for the floor", "has said nothing so far"
    r"|\b(?:has|have|had|did)\s+not\s+(?:yet\s+)?(?:spoken|speak|asked\s+for\s+the\s+floor"
    r"|taken\s+the\s+floor)|\b(?:has|have|had)\s+said\s+nothing\b",
    re.IGNORECASE,
)
#: Verbs and nouns of saying, thinking or wanting, and quotation marks: what makes a
#: sentence a position rather than a fact about the person.
_STATES = re.compile(
    r"[\"“”]|:\s*[\"“]|\b(?:sa(?:id|ys?)|t(?:old|ells?)|stat(?:e|es|ed|ing|ement)|announc\w*|emphasi[sz]\w*"
    r"|stress\w*|warn\w*|call(?:s|ed)?|urg\w*|argu\w*|believ\w*|support\w*"
    # welcoming a plan, not guests; backing a plan, not coming back from a trip
    r"|welcom\w*(?!\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:ministers|delegations|delegates|guests"
    r"|leaders|officials|participants|representatives|visitors|heads)\b)"
    r"|(?<!came\s)(?<!come\s)(?<!comes\s)(?<!coming\s)(?<!went\s)(?<!flew\s)(?<!got\s)"
    r"back(?:s|ed)?(?!\s+(?:from|to|home|in|into|with)\b)"
    r"|oppos\w*|reject\w*|insist\w*|express\w*|suggest\w*|propos\w*|add(?:s|ed)?|not(?:ed|es)"
    r"|claim\w*|declar(?:e|es|ed|ing)\b|according|recall\w*|underlin\w*|judg\w*|sp[eo]ak\w*|spoke|voic\w*"
    r"|question\w*|doubt\w*|criticis\w*|criticiz\w*|prais\w*|apprehensive|optimis\w*"
    r"|pessimis\w*|concern\w*|hop(?:e|es|ed|ing)|fear\w*|want\w*|demand\w*|ask\w*|prefer\w*"
    r"|commit\w*|pledg\w*|promis\w*|vow\w*|threat\w*|refus\w*|accept\w*|agree(?:s|d|ing)?\b|favou?r\w*"
    r"|mention\w*|remark\w*|repeat\w*|confirm\w*|assert\w*|describ\w*|worr\w*|caution\w*"
    r"|sceptic\w*|skeptic\w*|view|opinion|position|wish\w*|ready|willing\w*|expect\w*)\b",
    re.IGNORECASE,
)
#: What others expect of the speaker, not what the speaker states.
_EXPECTED_OF = re.compile(r"\b(?:is|are|was|were|be|been)\s+expected\s+to\b", re.IGNORECASE)
_LEADING = re.compile(r"^(?:a|an|the|some|one|two|three|several|many)\s+", re.IGNORECASE)


#: Words that open a noun phrase: capitalised, but no given name.
_DETERMINERS = frozenset({"The", "A", "An", "This", "That", "These", "Those", "Its", "Their"})
#: The last word of a place's name: "the Red Sea", "Port Sudan", not a person's.
_PLACE_NOUN = re.compile(
    r"\b(?:Sea|Ocean|Gulf|Strait|Straits|River|Lake|Bay|Canal|Island|Islands|Coast|Province"
    r"|Region|City|Street|Square|Hall|Palace|Centre|Center|Airport|Port|Mountains|Valley)$"
)
#: Words written between "the" and a person's name: "the Honourable Danielle Roy".
_HONORIFIC = re.compile(r"(?:Right\s+)?(?:Honou?rable|Hon\.?|Reverend|Rev\.?|Right|Late|Very)")
_PRONOUNS = frozenset({"He", "She", "They", "It", "We", "I", "You", "This", "That"})
#: Words of a region or a side of the world, capitalised but no part of a person's name.
_REGION_WORD = re.compile(
    r"(?:Southern|Northern|Eastern|Western|Central|African|European|Asian|American|Arab"
    r"|Latin|Nordic|Baltic|Balkan|Caribbean|Pacific|Atlantic|Mediterranean|Sahelian|Andean)"
    r"(?:’s|'s)?"
)
#: The one a speaker tells, right before the mention: "Ndlovu told the Daily Courier".
_TOLD = re.compile(r"\b(?:told|tells|telling)\s+(?:the\s+)?$", re.IGNORECASE)


def _told(article: Article, start: int) -> bool:
    """Whether the name at ``start`` is the one someone tells ("told the Daily Courier")."""
    return _TOLD.search(article.text, max(0, start - 20), start) is not None


#: A verb of saying right after its subject: "Kazemi calls the force …".
_SAYING_VERB = (
    r"(?:says|said|tells|told|adds|added|calls|called|repeats|repeated|asks|asked|urges|urged"
    r"|stress\w*|warn\w*|insist\w*|argu\w*|makes\s+the\s+case|made\s+the\s+case"
    # wanting or proposing is stating a position: "Quiroga wants the first boats by May"
    r"|wants|wanted|proposes|proposed)"
)


#: What opens a title's complement: "Minister **of** National Defence".
_COMPLEMENT = re.compile(r"\b(?:of|for)\s+(?:the\s+)?$", re.IGNORECASE)


#: A form of address, capitalised but no one's name: "Madam Speaker", "Mr President".
_ADDRESS = re.compile(
    r"\b(?:Madam|Madame|Mister|Mr\.?|Mrs\.?|Ms\.?)\s+(?:Deputy\s+)?(?:Speaker|President|Chair"
    r"|Chairman|Chairwoman|Chairperson|Secretary-General)\b"
)


def personal_name(speaker: str, article: Article) -> bool:
    """Whether ``speaker`` contains a person's name.

    Two capitalised words side by side that are not place names or titles, or one that
    the article elsewhere writes after a first name (a surname such as "Macron").
    """

    def named(w: str) -> bool:
        return (
            w not in _DETERMINERS  # "The Trust": a body, named with its article
            and canonical_entity(re.sub(r"(?:’s|'s)$", "", w)) is None  # "Kenya's" is no name
            and not re.fullmatch(TITLE, w, re.IGNORECASE)
            and not w.isupper()  # an acronym ("IMO") names a body, not a person
        )

    # given name and surname stand side by side: "a Western diplomat in Almaty" is none
    word = rf"(?:{NAME_PARTICLE})?[A-Z][\w’'-]+"  # "Faisal al-Harbi"
    runs = [
        # a title's complement is no given name: "Minister of National Defence" has none,
        # "Secretary of State Ana Ruiz" has one
        m.group().split(maxsplit=1)[1] if _COMPLEMENT.search(speaker, 0, m.start()) else m.group()
        for m in re.finditer(rf"{word}(?:\s+{word})+", speaker)
    ]

    def given_and_surname(run: str) -> bool:
        # "Southern African leaders", "Sri Lankan Foreign": a region's or a country's words
        # name no one
        words = run.split()
        country = entity_words(words)
        named_words = sum(
            named(surname_of(w)) and not _REGION_WORD.fullmatch(w) and i not in country
            for i, w in enumerate(words)
        )
        # a place's word ends no name ("Tiger Island") unless a title heads the run ("defence
        # minister Peter Hall"); a name written after "the" is a thing's ("the Sky Watch")
        titled = re.search(rf"(?i:{TITLE})\s+{re.escape(run)}\b", article.text) is not None
        tails = "|".join(
            re.escape(" ".join(words[i:]))
            for i in range(len(words) - 1)
            if not _HONORIFIC.fullmatch(words[i])
            and not any(re.fullmatch(TITLE, w, re.I) for w in words[i:])
        )
        return (
            named_words >= 2
            and (titled or not _PLACE_NOUN.search(run))
            and not (tails and re.search(rf"\b(?i:the)\s+(?:{tails})\b", article.text))
            and canonical_entity(re.sub(r"s$", "", run)) is None  # "South Africans": a people
        )

    if _ADDRESS.fullmatch(speaker.strip()):
        return False  # "Madam Speaker": whom a speech is addressed to
    if any(given_and_surname(run) for run in runs):
        return True
    names = [w for w in re.findall(word, speaker) if named(surname_of(w))]
    if len(names) != 1 or _PLACE_NOUN.search(names[0]):
        return False  # "Indian Ocean governments": no surname "Ocean"
    if re.fullmatch(BODY_WORD, names[0], re.IGNORECASE):
        return False  # "the Trust" is no surname, even after "Wildlife" elsewhere
    # "An Ola", "In Washington": no first name
    first = r"\b(?!(?:A|An|The|This|That|In|At|From|To|On|For|By|With|Of)\b)[A-Z]\w+ "
    # … nor is a word that heads a title ("Central African Defence Minister"): "Defence
    # ministers" names no one
    # … nor the word a state's name ends in ("the Kyrgyz Republic"): "Kyrgyz Republic
    # Minister" names no one
    # … nor a word inside a longer name ("World Health Organization" makes no surname of
    # "Health" in "Health Minister")
    given = first + re.escape(names[0]) + rf"\b(?!\s+(?i:{TITLE})s?\b)(?!\s+[A-Z][a-z])"
    if any(canonical_entity(m.group()) is None for m in re.finditer(given, article.text)):
        return True
    owner = re.search(rf"\b([A-Z][\w’'-]*?)(?:’s|'s)\s+{re.escape(names[0])}\b", speaker)
    if owner is not None and canonical_entity(owner.group(1)) is not None:
        return True  # "Egypt's Mansour": a country's person, by surname
    # a live blog's bare surname as the subject of its verb of saying ("Kazemi calls the
    # force …") or before its quotation ('Dushku: "…"'); a body is written with "the" ("the
    # Kremlin says")
    if labels_turns(names[0], article):
        return True  # a transcript's "DIMOV: …"
    surname = re.escape(names[0])
    return (
        re.search(rf"(?<![\w’'-]){surname}(?:\s+{_SAYING_VERB}\b|:\s*[\"“])", article.text)
        is not None
        and re.search(rf"\bthe\s+{surname}\b", article.text, re.I) is None
        and names[0] not in _PRONOUNS
        and re.search(rf"\b{surname.lower()}\b", article.text) is None  # a word, not a name
        and country_of_capital(names[0]) is None
        # nor the article's dateline, a place: "ABIDJAN - Côte d'Ivoire will …" makes the
        # headline's "Abidjan will send helicopters" a government, not a person
        and re.search(rf"^[ \t]*{surname.upper()}\b[^\n]{{0,40}}?\s[-–—]\s", article.text, re.M)
        is None
    )


def is_speaker(speaker: str, article: Article) -> bool:
    """Whether ``speaker`` names a person or a body of people, not a plan, a place or an outlet.

    Not a clause or a long phrase, not a bare country or organisation ("United States"),
    not a news outlet. A personal name qualifies; so does a described person or body, if
    the description says whose: "a senior Ukrainian official", "Russia's foreign ministry",
    "an aid official". A bare function ("official", "political leaders") names no one.
    """
    if len(speaker.split()) > MAX_SPEAKER_WORDS or _CLAUSE.search(speaker):
        return False  # a clause copied from the text ("… will send their chiefs of staff")
    if canonical_entity(speaker) is not None or _MEDIA.search(speaker):
        return False
    if _COORDINATED.search(speaker) or _of_several(speaker):
        return False  # "Ukrainian and U.S. officials": two parties, not one position
    if personal_name(speaker, article):
        return True
    if not _ROLE_NOUN.search(speaker):
        return False
    described = split_description(speaker)
    words = _LEADING.sub("", speaker).split()
    plural = words[-1].lower().endswith("s") if words else False
    if described.affiliation is not None:
        return True
    return len(words) >= 2 and not plural  # "an aid official"; not "political leaders"


#: Words of outright rejection in the speaker's own sentence: the small model reads
#: threats and refusals as mere scepticism.
_OPPOSES = re.compile(
    r"\b(?:reject(?:s|ed|ing)?|oppos(?:e|es|ed|ing)|unacceptable|legitimate targets?"
    r"|will not (?:accept|allow|tolerate)|categorically|refus(?:e|es|ed|ing))\b",
    re.IGNORECASE,
)


#: Support bound to a condition in the speaker's own sentence: "would welcome the force
#: only if it respected …" is conditional, whatever label the model gave.
_ON_CONDITION = re.compile(
    r"\b(?:only\s+(?:if|once|when|after)|on\s+condition|provided\s+that|as\s+long\s+as"
    r"|subject\s+to)\b",
    re.IGNORECASE,
)


def _stance(said: str, stance: Stance) -> Stance:
    """The model's ``stance``, unless the speaker's sentence rejects or sets a condition."""
    if _OPPOSES.search(said):
        return "opposes"
    if stance == "supports" and _ON_CONDITION.search(said):
        return "conditional"
    return stance


@dataclass(frozen=True)
class _Who:
    """A speaker as the text names them, with the role and affiliation it states."""

    speaker: str
    identity: Identity


def _who(article: Article, span: Span, written: str) -> _Who:
    """The speaker at ``span``, with the role and affiliation the text states.

    A description followed by a name becomes the name ("Slovenia's army chief Lt. Gen.
    Robert Glavaš"). Role and affiliation come from the words beside the name in any of
    its mentions, or from the description itself.
    """
    text = (
        article.text[span.start : span.end]
        if span.alignment != "entity"
        else _written_in(article, written)
    )
    label = text.isupper() and turn(article, span) is not None
    if label:
        text = text.title()  # a transcript's label: "DIMOV" is Dimov
    named, comma, rest = text.partition(",")
    surname = re.fullmatch(r"[A-Z][\w’'-]+", named) is not None and not canonical_entity(named)
    if comma and (personal_name(named, article) or (surname and TITLE_WORD.search(rest))):
        text = named  # "Holm, the Danish minister who chaired …": the name, then who
    if not personal_name(text, article):
        name = name_after(article, span)
        described = split_description(text)
        post, _, last = text.rpartition(" ")
        if label and post and TITLE_WORD.search(post) and not TITLE_WORD.fullmatch(last):
            described = split_description(post)  # "MINISTER VILLAMIL": the post, the surname
        if name is None:
            return _Who(text, described)
        beside = identity(article, name)
        return _Who(
            article.text[name.start : name.end],
            Identity(described.role or beside.role, described.affiliation or beside.affiliation),
        )
    role, affiliation = None, None
    mentions = article.mentions([person_key(text)])
    # the surname inside the speaker's own words first: "Deputy Minister Chea Sopheap"
    # says the role before a later clause ("who led the delegation") could
    inside = [m for m in mentions if span.start <= m.start and m.end <= span.end]
    head = _OF_BODY.sub("", text)
    if head != text and span.alignment != "entity":
        # "Rosa Huamán of the … network": the body is written after the name itself
        inside.insert(0, Span(span.start, span.start + len(head), "exact"))
    for mention in [*inside, span, *(m for m in mentions if m not in inside)]:
        found = identity(article, mention)
        role, affiliation = role or found.role, affiliation or found.affiliation
    author = _AUTHOR_IS.search(article.text)
    if author is not None and any(authored(article, m) for m in [span, *mentions]):
        # the byline's person, described at the foot: "The author is Kenya's Cabinet …"
        found = split_description(author.group(1))
        role, affiliation = role or found.role, affiliation or found.affiliation
    for mention in [span, *mentions]:
        found = _described_as_author(article, mention)  # in the byline or under the signature
        role, affiliation = role or found.role, affiliation or found.affiliation
    if role is not None and affiliation is None and GOVERNMENT_POST.search(role):
        # "Deputy economy minister Nino Beridze" in a story from Tbilisi about Georgia
        affiliation = home_country(article)
    return _Who(text, Identity(role, affiliation))


def _only_asks(article: Article, mentions: list[Span]) -> bool:
    """Whether every mention labels a transcript turn, and every such turn is a question."""
    # a surname inside the full name's mention is the same mention
    outer = [
        m
        for m in mentions
        if not any(o != m and o.start <= m.start and m.end <= o.end for o in mentions)
    ]
    turns = [turn(article, m) for m in outer]
    return bool(turns) and all(
        t is not None and article.text[t.start : t.end].rstrip().endswith("?") for t in turns
    )


def _overlaps(quote: Quote, span: Span) -> bool:
    return any(e.start < span.end and span.start < e.end for e in quote.evidence)


def _reporter_at(article: Article, mention: Span) -> bool:
    line = article.text.rfind("\n", 0, mention.start) + 1
    return (
        _REPORTER_BEFORE.search(article.text, max(line, mention.start - 60), mention.start)
        is not None
    )


def _written_in(article: Article, written: str) -> str:
    """The model's speaker as far as the article writes it: its longest ending in the text.

    The model may reword what comes before a name ("Uganda's Education Minister Neema Mushi"
    for the text's "Tanzania's …"): the label shown is the article's words.
    """
    words = written.split()
    for i in range(len(words)):
        span = article.align(" ".join(words[i:]))
        if span is not None and span.alignment == "exact":
            return article.text[span.start : span.end]
    return written


#: The line of an opinion piece that says who its author is.
_AUTHOR_IS = re.compile(
    r"^[ \t]*(?:The\s+)?(?:author|writer)\s+is\s+(?:an?\s+|the\s+)?([^\n]+?)\.?[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)


#: A report closed by its source: "Leaders endorsed a plan for …, Fiji's government said."
_SOURCE_LAST = re.compile(
    r",\s*(?P<who>[^,\"“”]{2,80}?)\s+(?:said|says|reported|announced|confirmed)"
    r"(?:\s+on\s+\w+)?\s*\.?\s*$"
)
#: Words of modality, judgement or attitude: what makes a reported sentence someone's view.
_ATTITUDE = re.compile(
    r"[\"“”]|\b(?:should|must|would|will|could|can|may|might|shall|need\w*|want\w*|hop\w*"
    r"|wish\w*|fear\w*|support\w*|oppos\w*|welcom\w*|reject\w*|back\w*|favou?r\w*|ready"
    r"|willing|prefer\w*|insist\w*|demand\w*|urg\w*|call\w*|important|vital|essential"
    r"|right|wrong|good|bad|crucial|mistake|premature|productive|success\w*|fail\w*"
    r"|concern\w*|worr\w*|not|no|never|only)\b",
    re.IGNORECASE,
)


def reports_a_fact(article: Article, span: Span) -> bool:
    """Whether the sentence at ``span`` only reports a fact and names it as the source.

    A wire closes a report of what others did with its source ("Pacific leaders endorsed
    a plan …, Fiji's government said"); without a word of modality, judgement or attitude
    in what it reports, the source states no position.
    """
    sentence = article.sentence(span)
    closing = _SOURCE_LAST.search(article.text, sentence.start, sentence.end)
    if closing is None or not (closing.start("who") <= span.start < closing.end("who")):
        return False
    return not _ATTITUDE.search(article.text, sentence.start, closing.start())


#: An adverbial clause with a subject of its own: its verb is that subject's ("walked out
#: when Ethiopia refused to discuss the timing").
_OTHERS_ADJUNCT = re.compile(
    r"\b(?:when|after|because|since|before|until|once|whereas)\s+(?:the\s+)?"
    r"(?-i:[A-Z])[\w’'.-]*(?:\s+(?-i:[A-Z])[\w’'.-]*)*\s+[^,;.:\"“”]*",
    re.IGNORECASE,
)


#: A transcript's turn: a line opened by the speaker's name and a colon ("DONNELLY: Four
#: ships, one from each of us."); the rest of the line is their own words.
_TURN_LABEL_BEFORE = re.compile(r"[ \t]*(?:[A-Z][\w’'.-]*[ \t]+){0,3}")
_TURN_TEXT = re.compile(r"[ \t]*:[ \t]*([^\s\"“][^\n]*?)\s*(?:\n|$)")


#: A transcript's labels that name a part in the exchange, not a person: "HOST:",
#: "QUESTION (Radio Ruse):".
_ROLE_LABELS = frozenset(
    {
        "HOST", "QUESTION", "ANSWER", "Q", "A", "MODERATOR", "ANCHOR", "INTERVIEWER",
        "PRESENTER", "REPORTER", "CORRESPONDENT", "NARRATOR", "CHAIR", "SPEAKER", "JOURNALIST",
        "CALLER", "VOICE", "ANNOUNCER", "TRANSLATOR", "INTERPRETER", "AUDIENCE", "UNIDENTIFIED",
        "OFFICIAL", "SPOKESPERSON", "SPOKESMAN", "SPOKESWOMAN", "EDITOR", "NOTE",
        # a heading's kicker: "LIVE: …", "TRANSCRIPT: …"
        "LIVE", "TRANSCRIPT", "UPDATE", "BREAKING", "EXCLUSIVE", "ANALYSIS", "OPINION",
        "EDITORIAL", "COMMENT", "CORRECTION", "CLAIM", "VERDICT", "READOUT", "SUMMARY",
    }
)  # fmt: skip


def labels_turns(word: str, article: Article) -> bool:
    """Whether ``word``, in capitals, opens lines of a transcript as a person's label.

    "DIMOV: Good afternoon." labels the turns of the person the transcript calls Dimov,
    whether or not it names them otherwise, where it opens two turns or more (one is a
    heading's kicker: "LIVE: …"); "HOST:" and "QUESTION:" name no one.
    """
    label = word.upper()
    turns = re.findall(rf"^[ \t]*{re.escape(label)}[ \t]*:", article.text, re.MULTILINE)
    return label not in _ROLE_LABELS and len(turns) >= 2  # a transcript's turns, not a kicker


#: A part's label that names who holds it, in parentheses, before the name: "SPOKESPERSON
#: (Ma. Cristina Lualhati): Good morning." (later turns say "SPOKESPERSON:" alone), and
#: after it, the rest of the parenthesis and the turn's words.
_HOLDER_BEFORE = re.compile(r"[ \t]*[A-Z][\w’'.-]*[ \t]*\(")
_HOLDER_TEXT = re.compile(r"(?:,[^()\n]*)?\)" + _TURN_TEXT.pattern)


#: The rest of a post's label line, ending in a colon, then the post's first line.
_POST_TEXT = re.compile(r"[^\n]{0,120}:[ \t]*\n[ \t]*([^\s\"“][^\n]*?)\s*(?:\n|$)")


def turn(article: Article, span: Span) -> Span | None:
    """The words of the transcript turn the name at ``span`` labels, if it labels one."""
    start = article.text.rfind("\n", 0, span.start) + 1
    match = None
    if _TURN_LABEL_BEFORE.fullmatch(article.text, start, span.start):
        match = _TURN_TEXT.match(article.text, span.end)
    elif _HOLDER_BEFORE.fullmatch(article.text, start, span.start):
        match = _HOLDER_TEXT.match(article.text, span.end)
    if match is None and not article.text[start : span.start].strip():
        # a post's label, its words on the lines under it: "Ana Ruiz (@aruiz), Peru's
        # Minister of Defence, 14:02:\nHistoric day …"
        match = _POST_TEXT.match(article.text, span.end)
    return Span(match.start(1), match.end(1), "exact") if match else None


def label_holder(label: str, article: Article) -> Span | None:
    """The person a part's label names in parentheses ("SPOKESPERSON (Name):"), if any."""
    holder = re.search(
        rf"^[ \t]*{re.escape(label.upper())}[ \t]*\(([^(),\n]+?)(?:,[^()\n]*)?\)[ \t]*:",
        article.text,
        re.MULTILINE,
    )
    if holder is None or not personal_name(holder.group(1), article):
        return None
    return Span(holder.start(1), holder.end(1), "exact")


def said_by(article: Article, span: Span) -> bool:
    """Whether the sentence at ``span`` can be the speaker's own.

    It must say something of what someone says, thinks or wants (a verb of saying or of
    attitude, or a quotation), and not where the speaker's noun phrase is the object of a
    preposition ("the cabinet of President X"), or the outlet of a report ("a report by
    the Daily Y").
    """
    if turn(article, span) is not None:
        return True  # a transcript's "DONNELLY: …": the line is theirs
    if attributed_quote(article, span) is not None or authored(article, span):
        return True  # '"…" - Minister X', or the byline of a text its author writes as "I"
    sentence = article.sentence(span)
    # the speaker's own name is no verb of theirs: "the Rapid Support Forces", whichever
    # of its words the mention is
    before = _NAME_LEFT.search(article.text, sentence.start, span.start)
    after = _NAME_RIGHT.match(article.text, span.end, sentence.end)
    start = before.start() if before else span.start
    end = after.end() if after else span.end
    said = article.text[sentence.start : start] + article.text[end : sentence.end]
    said = _EXPECTED_OF.sub(" ", said)  # "X are expected to take up the plan": others expect
    said = _OTHERS_ADJUNCT.sub(" ", said)  # "… walked out when Ethiopia refused to …": Ethiopia's
    said = _STATES_IN_NAME.sub(" ", said)  # "the United States sent an observer" says nothing
    if not _STATES.search(said):
        return False  # "X represented the army at the meeting": a fact, no position
    if _NO_COMMENT.search(said):
        return False  # "X did not respond to our questions": nothing was said
    if reports_a_fact(article, span):
        return False  # "…, Fiji's government said": the source of a report
    left = article.text[sentence.start : span.start]
    # the words of the speaker's noun phrase before the mention (titles, first names)
    left = re.sub(r"(?:\b[A-Z][\w’'.-]*\s+|\b(?:the|a|an)\s+)+$", "", left)
    # … and a description set off before the name: "together with Azerbaijan's defence
    # minister, Elchin Mammadli" is the object of "with"
    left = _DESCRIBED_BEFORE.sub("", left)
    return not _NOT_SAID_BY.search(left)


#: "States" in a name ("United States", "Member States"), no verb of stating.
_STATES_IN_NAME = re.compile(r"\b[A-Z][\w-]*\s+States\b")


#: A description that a comma sets off before a name: "Azerbaijan's defence minister, ".
_DESCRIBED_BEFORE = re.compile(
    rf"(?:\b(?:the|a|an|his|her|its|their)\s+)?(?:\b[A-Z][\w’'.-]*(?:’s|'s)\s+)?"
    rf"(?:[\w-]+\s+){{0,3}}?(?i:{TITLE}),\s*$"
)


_QUOTED = re.compile(r"[\"“]([^\"“”]{3,}?)[,.]?[\"”]")
#: A quotation's attribution after it, opened by a dash: '"The smugglers move faster than
#: our laws." - Bulgarian interior minister Kalin Dimov, on the Danube.' The dash and the
#: words of the speaker's description stand before the name.
_DASH_BEFORE = re.compile(r"\s*[-–—]\s*(?:[\w’'.-]+\s+){0,6}")
_QUOTATION_BEFORE = re.compile(r"[\"“]([^\"“”]{3,}?)[,.!?]?[\"”]\s*$")


def attributed_quote(article: Article, span: Span) -> Span | None:
    """The quotation that the name at ``span`` signs after a dash, if it signs one."""
    sentence = article.sentence(span)
    if not _DASH_BEFORE.fullmatch(article.text, sentence.start, span.start):
        return None
    line = article.text.rfind("\n", 0, sentence.start) + 1
    quotation = _QUOTATION_BEFORE.search(article.text, line, sentence.start)
    return Span(quotation.start(1), quotation.end(1), "exact") if quotation else None


#: A byline on a line of its own: "By Wanjiru Kamau", "By Colonel …", a blog's "Posted by
#: Dr …".
_BY = r"[ \t]*(?:By|(?:Posted|Written)[ \t]+by)[ \t]+"
_BYLINE = re.compile(rf"{_BY}(?:[A-Z][\w.’'-]*[ \t]+){{0,3}}$")
#: A sentence its author says in the first person: "I told them what our herders know: …".
_I_SAY = re.compile(
    r"\bI\s+(?:(?:have|had|also|then|once|always)\s+)?(?:told|tell|said|say|believe|think"
    r"|regret|want|urge|urged|argue|argued|warn|warned|hope|fear|wrote|write|insist|insisted"
    r"|propose|proposed|asked|ask|note|noted)\b"
    # or gives a view of their own: "My own view is that …", "In my view, …"
    r"|\b(?:My\s+(?:own\s+)?(?:view|opinion|reading)\s+is|In\s+my\s+(?:view|opinion))\b"
)
#: A letter's signature: the name alone on its line, under it at most three short lines
#: (a title, a body, a place) and then the end of the text.
_SIGNATURE_UNDER = re.compile(r"[ \t]*(?:\n[ \t]*[^\n.!?\"“”]{1,80}){0,3}\s*")


def _signature(article: Article, span: Span) -> bool:
    """Whether the name at ``span`` signs the text: alone on its line, near the end."""
    line = article.text.rfind("\n", 0, span.start) + 1
    return not article.text[line : span.start].strip() and bool(
        _SIGNATURE_UNDER.fullmatch(article.text, span.end)
    )


#: A title and whose it is: "Mayor of Vukovar".
_TITLE_OF = re.compile(r"([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})\s+(?:of|for)\s+(?:the\s+)?([A-Z].*)")
#: The same in lower case, as a byline writes a post: "chairman of the Kalemie fishermen's
#: cooperative".
_POST_OF = re.compile(r"([a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})\s+(?:of|for)\s+(?:the\s+)?(\S.*)")


def _described_as_author(article: Article, span: Span) -> Identity:
    """Who a byline or a signature says its author is, a title and then a body.

    "By Colonel Ana Ruiz, Barbados Defence Force" is of that force; under a letter's
    signature, "Chairman, Semporna Fishermen's Association" is its chairman.
    """
    if not authored(article, span):
        return Identity(None, None)
    line_end = article.text.find("\n", span.end)
    rest = article.text[span.end : None if line_end == -1 else line_end].strip()
    if rest.startswith(","):  # the byline's description after the name
        title, body = "", rest[1:].strip()
        post, _, rest_body = body.partition(",")
        if post[:1].islower():
            # "…, senior fellow, Gulf Security Programme": a post in lower case, then a body
            # (or the post alone: "Posted by Aïcha Bello, research fellow"), or the post of
            # a body: "By Joseph Kalinda, chairman of the Kalemie fishermen's cooperative"
            of = None if rest_body.strip() else _POST_OF.fullmatch(post.strip())
            if of is not None and TITLE_WORD.search(of.group(1)):
                return Identity(of.group(1), of.group(2))
            return Identity(post.strip(), rest_body.strip() or None)
        of = _TITLE_OF.fullmatch(body)
        if of is not None and TITLE_WORD.search(of.group(1)):
            return Identity(of.group(1).lower(), of.group(2))  # "…, Mayor of Vukovar"
    else:  # the line under the signature
        under = re.match(r"[ \t]*\n[ \t]*([^\n]+)", article.text[span.end :])
        title, _, body = (under.group(1) if under else "").partition(",")
    found = split_description(title) if TITLE_WORD.search(title) else Identity(None, None)
    if found.role is None and body.strip() and not TITLE_WORD.search(body):
        return Identity(None, body.strip())
    return Identity(found.role, found.affiliation or body.strip() or None)


def authored(article: Article, span: Span) -> list[Span]:
    """The first-person sentences of saying of a text whose byline is the name at ``span``.

    An opinion piece is its author's words throughout: "By Wanjiru Kamau" over "I told
    them …" makes her the one who says them; so does a letter's signature at its foot.
    Empty where the name is neither, or the text never says "I" with a verb of saying or
    thinking.
    """
    line = article.text.rfind("\n", 0, span.start) + 1
    end = article.text.find("\n", span.end)
    end = len(article.text) if end == -1 else end
    rest = article.text[span.end : end].strip()
    # "By Sharon Greaves" or "By Colonel Sharon Greaves, Barbados Defence Force"
    byline = _BYLINE.match(article.text, line, span.start) and (not rest or rest[0] == ",")
    if not (byline or _signature(article, span)):
        return []
    said = [article.sentence_at(m.start(), m.end()) for m in _I_SAY.finditer(article.text)]
    if said:
        return said
    # a letter that never says "I think" is still its signer's words: its first-person
    # sentences outside quotation marks ("Before you deploy 1,500 teachers, pay …" after "I
    # have taught in Kakuma …")
    own = [article.sentence_at(m.start(), m.end()) for m in _I_WRITE.finditer(article.text)]
    return [s for s in own if not _QUOTE_MARK.search(article.text, s.start, s.end)]


#: Any sentence its author writes in the first person: "I have taught in Kakuma for …".
_I_WRITE = re.compile(r"\bI\s+(?:[a-z]+\s+)?[a-z]{2,}\b")
_QUOTE_MARK = re.compile(r"[\"“”]")
#: The byline's name: "By Wanjiru Kamau", "Posted by Aïcha Bello, research fellow".
_BYLINE_NAME = re.compile(rf"^{_BY}((?:[A-Z][\w.’'-]*[ \t]+){{0,3}}[A-Z][\w.’'-]*)", re.MULTILINE)
#: A name alone on its line, as a letter is signed.
_NAME_LINE = re.compile(
    r"^[ \t]*([A-Z][\w.’'-]*(?:[ \t]+[A-Z][\w.’'-]*){1,3})[ \t]*$", re.MULTILINE
)


def author(article: Article) -> Span | None:
    """The name of the byline or signature of a text its author writes in the first person."""
    found = [Span(m.start(1), m.end(1), "exact") for m in _BYLINE_NAME.finditer(article.text)]
    found += [Span(m.start(1), m.end(1), "exact") for m in _NAME_LINE.finditer(article.text)]
    return next((span for span in found if authored(article, span)), None)


#: A quotation followed by its attribution to a pronoun or a bare noun ('"…," she told
#: reporters.', '"…," the minister says.', '"…," declared the undersecretary.'), or a
#: sentence a pronoun says ('He says …').
_ATTRIBUTING = (
    r"(?:said|says|told|tells|added|adds|declared|declares|stated|states|underlined"
    r"|underlines|stressed|stresses|promise[sd]?|warn(?:s|ed)?|insist(?:s|ed)?|argue[sd]?)"
)
_PRONOUN_SAID = re.compile(
    rf"\s*(?:[\"“][^\"”]+[\"”]\s*,?\s*(?:(?:he|she|they|the\s+[a-z]+)\s+{_ATTRIBUTING}"
    rf"|{_ATTRIBUTING}\s+(?:he|she|they|the\s+[a-z]+))"
    # a pronoun opening the sentence with a stance: "She backs the plan but asks that …"
    r"|(?:he|she|they)\s+(?:also\s+)?(?:backs|backed|supports|supported|opposes|opposed"
    r"|welcomes|welcomed|rejects|rejected|urges|urged|wants|wanted|doubts|doubted"
    r"|questions|questioned|calls\s+for|called\s+for)"
    # after what opens the sentence: "In a declaration to the press, the minister stressed"
    rf"|(?:[^.;:\"“”\n]{{0,80}},\s*)?(?:he|she|they|(?-i:the)\s+[a-z]+)\s+{_ATTRIBUTING})\b",
    re.IGNORECASE,
)


def _quoted_next(article: Article, span: Span) -> Span | None:
    """The sentence right after the one at ``span``, if it quotes "he", "she" or "the …"."""
    sentence = article.sentence(span)
    text = article.text
    start = len(text) - len(text[sentence.end :].lstrip())  # past a paragraph's blank line
    after = article.sentence(Span(start, start + 1, "exact"))
    if after.start < sentence.end:
        return None
    if _PRONOUN_SAID.match(text, after.start, after.end):
        return after
    if not _titled(article, span):
        return None
    # a titled person's quotation of several sentences ('"The aircraft see, our coast guard
    # acts. Nobody else …," the minister said'), or what is said on their word ("According
    # to the minister, …"): the attribution may be past the sentence that opens it
    line_end = _line_end(text, after.start)
    said = _PRONOUN_SAID.match(text, after.start, line_end) or _ON_THEIR_WORD.match(
        text, after.start, line_end
    )
    if said is None:
        return None
    last = article.sentence(Span(said.end() - 1, said.end(), "exact"))
    return Span(after.start, max(after.end, last.end), "exact")


#: A sentence said on someone's word: "According to the minister, Kyrgyzstan will …".
_ON_THEIR_WORD = re.compile(r"\s*according\s+to\s+(?:him|her|(?-i:the)\s+[a-z]+)\b", re.I)


def _titled(article: Article, span: Span) -> bool:
    """Whether the name at ``span`` is a person the text gives a function, not a place.

    "The Mozambican Minister of National Defence, Cristina Macuacua, …" is one; the
    title's own complement ("Minister of Water Resources") and a place ("in Port Louis")
    are not.
    """
    # the whole capitalised name the span ends ("Addis [Ababa]"), then what comes before it
    name = _NAME_LEFT.search(article.text, max(0, span.start - 40), span.start)
    start = name.start() if name else span.start
    before = (article.text, max(0, start - 40), start)
    if _NOT_SAID_BY.search(*before) or _IN_A_COMPLEMENT.search(*before):
        return False
    return identity(article, span).role is not None


#: Inside a title's complement: "Minister of Water [Resources]".
_IN_A_COMPLEMENT = re.compile(r"\b(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w’'-]*\s+)+$")


#: A name of up to three capitalised words, as the patterns of saying below read it.
_PERSON_NAME = r"(?:[A-Z][\w’'-]+\s+){0,2}[A-Z][\w’'-]+"
#: A person as the subject of a verb of saying: "Yusupov says Uzbekistan could …", "…, a
#: spokeswoman, Jelena Ristić, said Serbia was …".
_SAYS = re.compile(rf"({_PERSON_NAME}),?\s+{_SAYING_VERB}\b")
#: The verb before its person, whose description names the body: '"…," said Dr Kofi
#: Mensah-Bonsu, [WHO] Regional Director' (the body's mention ends the match).
_SAID_NAME_OF = re.compile(
    rf"\b{_SAYING_VERB}\s+(?:(?:Dr|Mr|Mrs|Ms|Prof|Gen|Col|Adm)\.?\s+)?"
    rf"({_PERSON_NAME}),\s+"
    # a description, no clause of its own ("…, who thanked WHO")
    r"(?![^,;.]*\b(?:who|which|whose|that|when|while|after|before|as)\b)[^,;.\"“”]{0,40}$"
)


def sayer(article: Article, span: Span) -> Span | None:
    """The person who speaks in the sentence of a non-speaker at ``span``, if one does.

    The small model names the body or country a position is about or speaks for ("the
    Taliban administration", "Uzbekistan"); the speaker is the person named right after
    it ("A spokesman for the Taliban administration, Hafiz Rahimi, tells …", "Rwanda's
    Claudine Uwase takes the floor." before '"…," she says.'), the person who says it
    ("Yusupov says Uzbekistan could give …"), or the person a "he" or "she" who says it
    stands for: the last one the sentence before names ("… Moses Okello is speaking from
    Kampala. He says Uganda …").
    """
    name = name_after(article, span)
    if name is None or not re.fullmatch(r" *, *", article.text[span.end : name.start]):
        name = own_person(article, span, untitled=True)  # "Rwanda's Claudine Uwase"
    if name is not None and (said_by(article, name) or _quoted_next(article, name)):
        return name  # ", Hafiz Rahimi," on the same line, not a headline below
    sentence = article.sentence(span)
    body = _ITS_BODY_SAYS.search(article.text, span.end, sentence.end)
    if body is not None:
        return Span(body.start(1), body.end(1), "exact")  # "…, and its foreign ministry called …"
    titled = _TITLED_SAYS.match(article.text, span.end, sentence.end)
    title = _AFTER_COMMA.sub("", article.text[titled.start() : titled.start(1)]) if titled else ""
    if (
        titled
        and personal_name(titled.group(1), article)
        # no other state's: "…, Norway's Defence Minister Kari Berg says", "Sri Lankan …"
        and split_description(title).affiliation is None
    ):
        # "Denmark to provide two patrol vessels, Defence Minister Lars Holm says: …"
        return Span(titled.start(1), titled.end(1), "exact")
    for match in _WHO_SAYS.finditer(article.text, span.end, sentence.end):
        if personal_name(match.group(1), article) and not _ANOTHER_CLAUSE.search(
            article.text, span.end, match.start()
        ):
            # "Croatia was represented by its state secretary …, Marija Kovac, who said …",
            # not another's clause ("Denmark endorsed the plan, and the United Kingdom sent
            # its minister, Oliver Grant, who said …")
            return Span(match.start(1), match.end(1), "exact")
    found = None
    for match in _SAYS.finditer(article.text, sentence.start, span.start):
        if personal_name(match.group(1), article):
            found = Span(match.start(1), match.end(1), "exact")
    inverted = _SAID_NAME_OF.search(article.text, sentence.start, span.start)
    if found is None and inverted and personal_name(inverted.group(1), article):
        found = Span(inverted.start(1), inverted.end(1), "exact")
    if found is None and _HE_SAYS.search(article.text, sentence.start, span.start):
        found = _last_person(
            article, article.sentence(Span(sentence.start - 2, sentence.start - 1, "exact"))
        )
    return found


#: The named body's or country's own organ speaking later in its sentence: "Venezuela …
#: was not invited, and its foreign ministry called the unit …". The organ is the speaker,
#: the country its affiliation.
_ITS_BODY_SAYS = re.compile(
    r"\b(?:its|their)\s+((?:[\w-]+\s+){0,2}?(?:ministry|government|presidency|embassy|cabinet"
    rf"|office|spokes(?:wo)?man|spokesperson|(?i:{TITLE})))\s+(?:also\s+)?{_SAYING_VERB}\b",
    re.IGNORECASE,
)
#: The candidate's clause, then its titled person saying: "Denmark to provide two patrol
#: vessels, Defence Minister Lars Holm says: …".
_TITLED_SAYS = re.compile(
    rf"[^,;:.\"“”]{{0,80}},\s+(?:[\w-]+\s+){{0,3}}?(?i:{TITLE})\s+"
    rf"((?:[A-Z][\w’'-]+\s+){{0,2}}(?:{NAME_PARTICLE})?[A-Z][\w’'-]+)\s+{_SAYING_VERB}\b"
)
#: Up to the comma that sets the titled person off.
_AFTER_COMMA = re.compile(r"^[^,]*,")
#: A person set off by commas whom a relative clause has saying: "…, Marija Kovac, who said".
_WHO_SAYS = re.compile(rf",\s*({_PERSON_NAME}),\s+who\s+(?:also\s+)?{_SAYING_VERB}\b")
#: Where another clause, perhaps with another subject, begins.
_ANOTHER_CLAUSE = re.compile(r";|,\s+(?:and|but|while|whereas)\s|\s[-–—]\s")
#: A delegation's leader set off after it: "The Malagasy delegation, led by Defence
#: Minister Hery Rakotomalala, says …".
_LED_BY = re.compile(r"\s*,\s*(?:led|headed)\s+by\s+[^,;.:\"“”]+", re.IGNORECASE)
_DELEGATION = re.compile(r"\b(?:delegation|delegates|team|side)\s*$", re.IGNORECASE)


def _led_by(article: Article, span: Span) -> Span | None:
    """The person said to lead the delegation named at ``span``, if one is named."""
    if not _DELEGATION.search(article.text, span.start, span.end):
        return None
    led = _LED_BY.match(article.text, span.end)
    return _last_person(article, Span(led.start(), led.end(), "exact")) if led else None


#: A pronoun saying something: the person is the one the sentence before names last.
_HE_SAYS = re.compile(r"\b(?:He|She)\s+(?:says|said|tells|told|adds|added)\b")
#: A name of one or two capitalised words at each place it may start.
_NAME_AT = re.compile(r"(?=\b([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)\b)")


def _last_person(article: Article, sentence: Span) -> Span | None:
    """The last person ``sentence`` names (given name and surname, or a known surname).

    Not the one told ("… Ndlovu told the Daily Courier" names Ndlovu last).
    """
    found, read_to = None, 0
    for match in _NAME_AT.finditer(article.text, sentence.start, sentence.end):
        if match.end(1) <= read_to:
            continue  # the surname of a name already read
        if _told(article, match.start(1)):
            read_to = match.end(1)  # the one told, and its last word
        elif personal_name(match.group(1), article):
            found = Span(match.start(1), match.end(1), "exact")
            read_to = found.end
    return found


def _line_end(text: str, at: int) -> int:
    """Where the line (a paragraph of the article) holding ``at`` ends."""
    end = text.find("\n", at)
    return len(text) if end == -1 else end


def _quotations_in(article: Article, sentence: Span) -> list[Span]:
    """The quotations in ``sentence``, whole where they run across its bounds.

    Quotation marks, not full stops, delimit a quotation: '"The sea is wide. Alone, each
    of us is too slow," the minister said' is one, though its attribution is the second
    sentence; so is '“The question is: ‘What next?’” he queried', split before "he", and
    'Pichler makes the case: "Smugglers use … . Four hundred …"'. Marks pair from the
    start of the paragraph, as a reader pairs them.
    """
    text = article.text
    paragraph = text.rfind("\n", 0, sentence.start) + 1
    end = _line_end(text, sentence.end)
    # a sentence opened by a lowercase word continues the quotation before it
    continued = text[sentence.start : sentence.start + 1].islower()
    before = paragraph + len(text[paragraph : sentence.start].rstrip())
    reach = before if continued else sentence.start + 1  # where its closing mark may end
    return [
        Span(match.start(1), match.end(1), "exact")
        for match in _QUOTED.finditer(text, paragraph, end)
        if match.end() >= reach and match.start() < sentence.end
    ]


#: Quotations that follow a speaker's sentence with no one else's name: to the end of the
#: paragraph ('… said the director, Siti Rahmah. "Aircraft are welcome."'), or said by "he"
#: ('Osmonov told this newspaper … . "Our guards … . We will send officers," he said').
_QUOTATIONS_AFTER = re.compile(
    rf"(?:\s*[\"“][^\"“”\n]{{3,}}[\"”])+(?:\s*,?\s*(?:he|she|they)\s+(?:{_ATTRIBUTING}"
    r"|asked|queried|wondered|noted|explained|continued|replied)\b|[ \t]*$)",
    re.IGNORECASE | re.MULTILINE,
)


def _quotations_after(article: Article, sentence: Span) -> Span | None:
    """The quotations right after the speaker's ``sentence`` that no one else says."""
    text = article.text
    after = _QUOTATIONS_AFTER.match(text, sentence.end, _line_end(text, sentence.end))
    if after is None or after.end() == sentence.end:
        return None
    return Span(sentence.end, after.end(), "exact")


def quoted(article: Article, mentions: list[Span]) -> list[Span]:
    """The speaker's own quotations, as spans of the article.

    Inside the sentences naming them (whole where a quotation runs across a sentence's
    bounds), in the sentence right after one if it attributes its quotation to "he",
    "she", "they" or "the …" ("the minister says"), the quotations right after a sentence
    in which they say something (to the paragraph's end, or up to "he said"), and the
    lines of a transcript their name labels (:func:`turn`).
    """
    sentences = {article.sentence(m) for m in mentions}
    sentences |= {s for s in (_quoted_next(article, m) for m in mentions) if s is not None}
    sentences |= {s for m in mentions for s in authored(article, m)}
    # the quotations after a sentence in which the speaker says something
    sentences |= {
        s
        for m in mentions
        if said_by(article, m) and (s := _quotations_after(article, article.sentence(m)))
    }
    found: list[Span] = []
    for sentence in sorted(sentences, key=lambda s: s.start):
        for quotation in _quotations_in(article, sentence):
            if quotation not in found:
                found.append(quotation)
    # a transcript's turns are the speaker's words without quotation marks
    found += [t for t in (turn(article, m) for m in mentions) if t is not None]
    found += [q for q in (attributed_quote(article, m) for m in mentions) if q is not None]
    return sorted(found, key=lambda s: s.start)


#: A body after a person's name: "Rear Admiral Linda Moreno of the U.S. Coast Guard".
_OF_BODY = re.compile(r"\s+of\s+(?:the\s+)?[A-Z].*$")
#: A country's or body's possessive opening a description: "Venezuela's foreign ministry".
_POSSESSOR = re.compile(r"^(?:the\s+)?([A-Z][\w .-]*?)(?:’s|'s)\s+(.+)$")


def _as_written(article: Article, speaker: str) -> str:
    """The model's speaker as the article writes it: reworded, or a transcript's label.

    The person without the body the model appended ("Linda Moreno of the U. S. Coast
    Guard", with the model's own spacing), or a country's possessive as the article's
    nationality ("Venezuela's foreign ministry" for "the Venezuelan foreign ministry").
    """
    holder = label_holder(speaker, article) if speaker.isupper() else None
    if holder is not None:  # "SPOKESPERSON", the part of the person its label names
        return article.text[holder.start : holder.end]
    if speaker.isupper() and (
        re.search(rf"\b{re.escape(speaker.title())}\b", article.text)
        or labels_turns(speaker, article)
    ):
        speaker = speaker.title()  # a transcript's label ("DONNELLY"), not an acronym
    span = article.align(speaker)
    if span is not None and span.alignment != "fuzzy":
        return speaker
    head = _OF_BODY.sub("", speaker)
    if head != speaker and personal_name(head, article):
        return head
    owner = _POSSESSOR.match(speaker)
    entity = canonical_entity(owner.group(1)) if owner else None
    if owner is None or entity is None:
        return speaker
    for adjective in demonyms(entity[0]):
        written = " ".join(w.capitalize() for w in adjective.split()) + " " + owner.group(2)
        span = article.align(written)
        if span is not None and span.alignment != "fuzzy":
            return article.text[span.start : span.end]
    return speaker


#: The words the model gives for a text's own author: "I", "My own view", "the author".
_FIRST_PERSON = re.compile(
    r"(?i:I|me|myself|my(?:\s+own)?(?:\s+\w+)?|(?:the\s+)?(?:author|writer))"
)
#: A reporter's description before the name: "Our correspondent Idrissa Sow", "reporter
#: Ana Vel". A reporter tells the story, and their turns in a transcript are no position;
#: nor does one who asks at a news conference state one.
_REPORTER_BEFORE = re.compile(
    r"\b(?:correspondent|reporter|journalist|presenter|anchor|newsreader),?[ \t]+"
    r"(?:(?-i:[A-Z])[\w.’'-]*[ \t]+){0,2}$"
    # a transcript's label of who asks: "QUESTION (Selim Arslan, Ankara daily):"
    r"|^[ \t]*(?:question|q)[ \t]*\([ \t]*(?:(?-i:[A-Z])[\w.’'-]*[ \t]+){0,2}$"
    # a programme's host or presenter named in a label: "HOST 2 (Kwame Asante):"
    r"|^[ \t]*(?:host|presenter|anchor|interviewer|moderator)(?:[ \t]+\d+)?[ \t]*\([ \t]*"
    r"(?:(?-i:[A-Z])[\w.’'-]*[ \t]+){0,2}$",
    re.IGNORECASE | re.MULTILINE,
)


#: What sets a name off after the description it names: a comma, perhaps a rank.
_SET_OFF = re.compile(r"\s*,\s*(?:[A-Z][\w.]*\s+)*")


def _speaking(article: Article, speaker: str) -> tuple[str, Span | None, str]:
    """The speaker as the article names them and where, or why the model's is none.

    A country, a body or a phrase that is not speaking in its sentence gives way to the
    person its sentence has speaking (:func:`sayer`).
    """
    writer = author(article) if _FIRST_PERSON.fullmatch(speaker.strip()) else None
    if writer is not None:  # "My own view" in a piece posted by its author: the author's
        return article.text[writer.start : writer.end], writer, ""
    speaker = _as_written(article, speaker)
    bare = canonical_entity(speaker) is not None
    kind = not bare and is_speaker(speaker, article)
    mentions = article.mentions([speaker]) if bare else []
    span = None if bare else _speaker_span(article, speaker)
    if span is not None:
        mentions = [span, *article.mentions([person_key(speaker)])]
    if span is not None and _told(article, span.start):
        kind = False  # the outlet or audience told, who gives way to the one telling it
    if any(_reporter_at(article, m) for m in mentions):
        return speaker, None, "the reporter, not a speaker"  # "Our correspondent Idrissa Sow"
    if _only_asks(article, mentions):
        return speaker, None, "only asks, states no position"  # a hearing's "CHAIR (Name):"
    if span is not None and kind:
        leader = _led_by(article, span)
        if leader is not None:  # "The X delegation, led by Minister Y, says …": Y speaks
            return article.text[leader.start : leader.end], leader, ""
        named = name_after(article, span)
        if (
            named is not None
            and not personal_name(speaker, article)  # a description, not a name
            and _SET_OFF.fullmatch(article.text, span.end, named.start)
            and "\n" not in article.text[span.end : named.end]  # a name of the same line
            and personal_name(article.text[named.start : named.end], article)
            # and speaking: not "Switzerland's foreign minister, Anna Keller, opens the day"
            and (said_by(article, named) or _quoted_next(article, named) is not None)
        ):
            # "The Emirati Minister of State …, Hamad al-Mazrouei, said": the person speaks
            return article.text[named.start : named.end], named, ""
        if any(said_by(article, m) or _quoted_next(article, m) for m in mentions):
            return speaker, span, ""
    person = next(filter(None, (sayer(article, m) for m in mentions)), None)
    if person is not None:
        return article.text[person.start : person.end], person, ""
    if not kind:
        return speaker, None, "not a person or body"
    if span is None:
        return speaker, None, NOT_FOUND
    return speaker, None, "named only inside another's sentence, not speaking"


def ground_positions(article: Article, draft: PositionsDraft) -> PositionList:
    """Ground speakers and quotes of one article; quotes must be verbatim."""
    ungrounded: list[Ungrounded] = []
    positions: list[StatedPosition] = []
    for item in draft.positions:
        speaker, span, reason = _speaking(article, item.speaker)
        if span is None:
            ungrounded.append(
                Ungrounded(field="positions.speaker", value=item.speaker, reason=reason)
            )
            continue
        mentions = [span, *article.mentions([person_key(speaker)])]
        who = _who(article, span, speaker)
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
        for qspan in quoted(article, mentions):
            text = article.text[qspan.start : qspan.end]
            # the model's copy of the same quotation, perhaps with its closing marks
            quotes = [q for q in quotes if not _overlaps(q, qspan) or q.text in text]
            if all(text not in q.text and q.text not in text for q in quotes):
                quotes.append(Quote(text=text, evidence=[article.evidence(qspan)]))
        sentence = article.sentence(span)
        own = [s for m in mentions for s in authored(article, m)]
        signed = attributed_quote(article, span)
        if own:  # a byline: the author's first sentence that says something
            sentence = own[0]
        elif signed is not None:  # '"…" - Minister X': the quotation with its attribution
            sentence = Span(article.sentence(signed).start, sentence.end, "exact")
        elif not said_by(article, span):  # named in a transcript's heading, speaking in its turns
            turns = [t for t in (turn(article, m) for m in mentions) if t is not None]
            sentence = article.sentence(turns[0]) if turns else sentence
        said = article.text[sentence.start : sentence.end]
        # the country or body the model gave, when its person speaks for it: "Yusupov says
        # Uzbekistan could …"
        entity = canonical_entity(item.speaker) if speaker != item.speaker else None
        position = StatedPosition(
            speaker=who.speaker,
            role=who.identity.role,
            affiliation=who.identity.affiliation or (entity[0] if entity else None),
            stance=_stance(said, item.stance),
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
            earlier.role = earlier.role or position.role
            earlier.affiliation = earlier.affiliation or position.affiliation
    return PositionList(positions=positions, ungrounded=ungrounded)


def describe_from_story(
    merged: MergedPositionList, articles: Mapping[str, Article]
) -> MergedPositionList:
    """Role and affiliation a named speaker lacks, from their mentions in the other articles.

    A live blog writes "Aydin opens the meeting" where the wire wrote "Turkish Defence
    Minister Yusuf Aydin": the same story names the person fully once, and that is where
    their function is. Articles are read in source order; an unnamed source is left as it
    is, since no name links it to another article.
    """
    for position in merged.positions:
        key = person_key(position.speaker)
        if (position.role and position.affiliation) or " " in key or not key:
            continue  # described fully, or an unnamed source ("a senior official")
        for source in sorted(articles):
            article = articles[source]
            for mention in article.mentions([key]):
                found = identity(article, mention)
                position.role = position.role or found.role
                position.affiliation = position.affiliation or found.affiliation
    return merged
