"""Who a person is, as the text says it next to their name: role and affiliation.

News writes a person's function beside the name, before it ("Estonia's defence minister
Kaarel Tamm", "Finnish Prime Minister Aino Virtanen", "the chief of the defence staff,
General Mihai Popescu") or after it ("Kaja Ilves, an opposition MP"). These values are
taken from the text, never written by the model, and they link a description in one
article ("Slovenia's army chief") to the name another article gives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .canon import (
    NAME_PARTICLE,
    canonical_entity,
    country_named,
    country_of_capital,
    demonyms,
    entity_words,
    nationality_mentions,
    people_noun,
    shared_nationality,
    water_at,
    with_plural,
)
from .ground import Article, Span


def not_after(words: tuple[str, ...]) -> str:
    """Lookbehinds that keep what follows from matching right after any of ``words``.

    Python's lookbehind needs a fixed width, so each word gets one of its own.
    """
    return "".join(rf"(?<!\b{word}\s)" for word in words)


#: Nouns that make a phrase a function a person holds.
TITLE = (
    r"(?:minister|president|premier|chancellor|(?:under-?)?secretary|commissioner|spokes(?:wo)?man"
    r"|spokesperson|ambassador|envoy|chief|commander|general|admiral|director|head|official"
    r"|diplomat|mp|lawmaker|legislator|senator|mayor|governor|king|queen|delegate|representative"
    r"|adviser|advisor|organi[sz]er|lawyer|analyst|expert|officer|leader"
    r"|chair(?:man|woman|person)?"
    r"|vice-minister|deputy|pm|fm|negotiator|coordinator|colonel|attach[eé])"
)
#: A function a person holds, as a word of a phrase.
TITLE_WORD = re.compile(rf"\b{TITLE}s?\b", re.I)
#: A form of address: "The Honourable Prime Minister", "His Excellency".
_HONORIFIC = r"(?i:(?:the\s+)?(?:right\s+)?hon(?:ou?rable|\.)|(?:his|her)\s+excellency)"
#: Ranks and honorifics written just before a name; they are not the role.
_RANK = re.compile(
    r"(?:\b(?:Lt|Lieut|Gen|Col|Maj|Adm|Capt|Cmdr|Brig|Dr|Mr|Mrs|Ms|Sir)\.?"
    r"|\b(?:Vice|Rear)\s+Admiral|\bLieutenant|\bGeneral|\bColonel|\bAdmiral|\bMajor"
    r"|\bCommodore|\bCaptain|\bBrigadier"
    rf"|\b{_HONORIFIC})\s*$"
)
#: What comes before "to" when it names where a post is held, not a clause: "Cuba's
#: ambassador [to] Barbados", "the EU's special envoy [to] the Sahel".
_ACCREDITED = not_after(("ambassador", "ambassadors", "envoy", "envoys"))
#: Words that end a description to the left: a verb of speech, a preposition, a clause.
_LEFT_STOP = re.compile(
    # a dash set off by spaces: '"…" - Bulgarian interior minister Kalin Dimov'
    r"[.;:\"“”(]|(?:^|\s)[-–—](?=\s)|\b(?:said|says|told|tells|and|with|by|from|that|as|while|but|when|after"
    # the country an envoy is sent to is part of the post: "Cuba's ambassador to Barbados"
    rf"|{_ACCREDITED}to"
    # a verb of saying before its subject: "…, announced the Minister of Health, Name"
    r"|announced|announces|affirmed|affirms|declared|declares|stressed|stresses|explained"
    r"|explains|added|adds|warned|warns|confirmed|confirms|insisted|insists|according"
    r"|before|at|on|in|who|which|where|has|have|had|was|were|is|are|will|would|sent|sends"
    r"|named|welcomed|thanked|quoted|joined|met)\b"
    # what is someone's, before that someone: "at the invitation [of the] Minister of …"
    rf"|\bof\s+the(?=\s+{TITLE}\b)",
    re.I,
)
#: Where a described person is, between the description and the name.
_PLACE_STOP = re.compile(r"in|from|at", re.I)
_PLACE = re.compile(r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?")
_ENDS_IN_TITLE = re.compile(rf"\b{TITLE}s?\s*$", re.I)
#: "Name, an opposition MP," / "Name, the coalition's director for East Africa".
#: Without a determiner ("Name, executive director of the Trust") it is neither a list of
#: names ("Name, Name and the minister") nor a relative clause.
_RIGHT = re.compile(
    r"\s*,\s+(?:(?:a|an|the)\s+|(?![^,.;:\"“”()]*\band\b)(?!(?:who|which|whose|where|when)\b))"
    r"([^,.;:\"“”()]{2,80}?)(?=[,.;:\"“”()]|\s+who\b)"
)
_ABBREVIATIONS = frozenset({"US", "UK", "EU", "UN", "AU"})
#: A description after a name that may hold an "and": "Name, Trinidad and Tobago's
#: foreign minister, said".
_RIGHT_ANY = re.compile(
    r"\s*,\s+(?:(?:a|an|the)\s+)?([^,.;:\"“”()]{2,80}?)(?=[,.;:\"“”()]|\s+who\b)"
)


def _right_naming_and(article: Article, span: Span, sentence: Span) -> re.Match[str] | None:
    """A description after the name whose every "and" is inside a name or a title."""
    right = _RIGHT_ANY.match(article.text, span.end, sentence.end)
    if right is None:
        return None
    description = _POSSESSIVE_WORD.sub("", right.group(1))
    ands = list(re.finditer(r"\band\b", description))
    return right if ands and all(_joins_a_name(description, a) for a in ands) else None


#: A possessive ending a word: "Tobago['s] foreign minister".
_POSSESSIVE_WORD = re.compile(r"(?:’s|'s)\b")


#: What precedes a description but is not part of it: a determiner, a live blog's time
#: ("11:05 - "), an honorific ("The Honourable Prime Minister").
_DETERMINER = re.compile(
    rf"^(?:\d[\d:.]*\s+(?:[-–—]\s+)?)?(?:{_HONORIFIC}\s+|(?:a|an|the|its|their|his|her)\s+)?",
    re.I,
)
_POSSESSIVE = re.compile(r"(?:’s|'s|(?<=s)’|(?<=s)')$")


@dataclass(frozen=True)
class Identity:
    """A person's role and affiliation as written beside one mention."""

    role: str | None
    affiliation: str | None


#: A body named before the post its staff hold in it, when no country says whose it is:
#: "foreign ministry spokesperson", "a senior interior ministry official" (a "police
#: minister" heads a portfolio, not a body).
BODY_WORD = (
    r"(?:ministry|embassy|association|union|coalition|council|commission|agency|party"
    r"|federation|organi[sz]ation|secretariat|department|navy|army|police|coast\s+guard"
    r"|alliance|network|foundation|institute|forum|movement|society|trust)"
)
#: A group a spokesman or leader speaks for, without a body's name: "a rebel spokesman",
#: "the opposition leader", "fishermen's leader", "the growers' spokeswoman" (a group of
#: title holders, "the ministers' spokesman", is not one).
_GROUP = (
    r"(?:rebels?|insurgents?|opposition|militias?"
    rf"|(?!(?:{TITLE}s?|chairmen)\b)[a-z]+(?:men(?=’s|'s)|ers(?=’|')))"
)
#: Bodies that employ or represent people but speak for no state: "a consultancy".
_KIND_OF_BODY = (
    r"(?:cooperative|co-operative|consultancy|company|firm|bank|university|think[- ]tank"
    r"|chamber|group)"
)
#: Where a body is, after its kind: "of Cedeno", "in Santiago".
_OF_PLACE = r"(?:of|in)\s+(?-i:[A-Z])[\w’'-]*(?:\s+(?-i:[A-Z])[\w’'-]*)?"
_BODY = re.compile(
    r"(?:(?:senior|junior|top|former|acting|chief)\s+)?((?:[\w-]+\s+){0,3}?"
    rf"(?:{BODY_WORD}|{_GROUP}))"
    r"(?:’s|'s|’|')?\s+(?:[\w-]+\s+){0,2}?(?:spokes(?:wo)?man|spokesperson|official|officer|diplomat|chief"
    r"|head|director|source|representative|adviser|advisor|delegate|lawyer|analyst|expert"
    r"|commander|leader|president|legislator|lawmaker|chair(?:man|woman|person)?)s?\b",
    re.IGNORECASE,
)


#: A body that speaks for a country: the role of "the Venezuelan foreign ministry".
_BODY_NOUN = re.compile(
    r"^(?:[\w-]+\s+){0,2}(?:ministry|government|embassy|presidency|office|cabinet)$", re.I
)
#: An acronym opening a description: the body the person works for.
_ACRONYM = re.compile(r"([A-Z]{2,6})\s+\S")


def _water(words: list[str], at: int) -> bool:
    """Whether ``words[at]`` is part of a water's name ("Indian Ocean", "Lake Chad")."""
    start = len(" ".join(words[:at])) + (1 if at else 0)
    return water_at(" ".join(words), start, start + len(words[at]))


def _posted_to(before: list[str]) -> bool:
    """Whether the words ``before`` a name end in a post's "to": where an envoy serves.

    "the ambassador to [Barbados]", "special envoy to the [United Nations]": the place is
    part of the post, not whom the person serves.
    """
    words = [w.lower() for w in before]
    if words[-1:] == ["the"]:
        words = words[:-1]
    return len(words) >= 2 and words[-1] == "to" and TITLE_WORD.fullmatch(words[-2]) is not None


def split_description(phrase: str) -> Identity:
    """Affiliation (a country, organisation or nationality) and role in a description."""
    phrase = _DETERMINER.sub("", phrase.strip(" ,"))
    words = phrase.split()
    affiliation = None
    rest: list[str] = []
    for at, word in enumerate(words):
        bare = _POSSESSIVE.sub("", word)
        # "MP" or "PM" is not a country code here; "US" and "EU" are written as names.
        code = bare.isupper() and len(bare) <= 3 and bare not in _ABBREVIATIONS
        if affiliation is None and bare[:1].isupper() and not code and not _water(words, at):
            for n in (3, 2, 1):  # "United Arab Emirates", "South Korean", "Ghana's"
                if len(rest) < n - 1 or _posted_to(rest[: len(rest) - n + 1]):
                    continue
                chunk = " ".join([*rest[len(rest) - n + 1 :], bare])
                resolved = canonical_entity(chunk)
                if resolved is not None:
                    affiliation = resolved[0]
                    del rest[len(rest) - n + 1 :]
                    break
            if affiliation is not None:
                continue
        rest.append(word)
    role = _strip_ranks(" ".join(rest)).strip(" ,")
    if affiliation is not None:  # "Minister of Defence of [Brazil]": no "of" left dangling
        role = re.sub(r"\s+(?:of|for|from)(?:\s+the)?$", "", role, flags=re.I)
    if not TITLE_WORD.search(role) and not (affiliation and _BODY_NOUN.search(role)):
        role = ""  # a body speaking is its own role: "the Venezuelan foreign ministry"
    if affiliation is None and (body := _BODY.match(role)) is not None:
        affiliation = body.group(1).lower()  # "foreign ministry spokesperson"
    named = _NAMED_BODY.search(" " + phrase) if role else None
    if affiliation is None and named is not None:
        affiliation = named.group(1).strip()  # "executive director of the Wildlife Trust"
    common = _COMMON_BODY.search(role) if role else None
    if affiliation is None and common is not None:
        # "president of the artisanal fishermen's cooperative of Cedeno": what the body is
        # called is in the phrase as written, the post is what precedes it
        in_phrase = _COMMON_BODY.search(phrase)
        affiliation = in_phrase.group(1) if in_phrase else common.group(1)
        role = role[: common.start()]
    acronym = _ACRONYM.match(role)
    if affiliation is None and acronym is not None and TITLE_WORD.match(acronym.group(1)) is None:
        affiliation = acronym.group(1)  # "an IMO official": a body the gazetteer lacks
    return Identity(role=role.lower() or None, affiliation=affiliation)


#: A body named by its kind, not by a name, after the post held in it: "president of the
#: artisanal fishermen's cooperative of Cedeno", "an analyst at a consultancy in Santiago".
#: Its kind alone ("head of the agency") says too little to be an affiliation.
_COMMON_BODY = re.compile(
    r"\s+(?:of|at|with)\s+(?:the|an?)\s+("
    rf"(?:[\w’'-]+\s+){{1,3}}?(?:{BODY_WORD}|{_KIND_OF_BODY})\b(?:\s+{_OF_PLACE})?"
    rf"|(?:{BODY_WORD}|{_KIND_OF_BODY})\s+{_OF_PLACE})",
    re.IGNORECASE,
)
#: A capitalised word at the end that is no title: maybe a given name before a surname.
_LAST_CAPITALISED = re.compile(
    rf"\b(?!{TITLE}\b)(?!(?:commodore|captain|colonel|major|lieutenant|brigadier|admiral)\b)"
    r"(?-i:[A-Z])[\w’'-]*\.?\s+$",
    re.IGNORECASE,
)


#: The words before a capitalised word that make it a title's complement, no given name:
#: "Minister of [Defence]", "Secretary for [Energy]"; and further into the complement,
#: once a given name is off: "Secretary of National [Defense] Teresita".
_COMPLEMENT_OF = re.compile(r"\b(?:of|for)\s+$")
_IN_COMPLEMENT = re.compile(r"\b(?:of|for)\s+(?:(?-i:[A-Z])[\w’'-]*\s+)*$")


def _strip_first_names(text: str) -> str:
    """``text`` without the given names it ends with, which belong to the name.

    "President Emmanuel " before "Macron" gives "President "; a country or nationality
    ("with Australia's ") is kept, and so is the complement of a title ("Minister of
    Defence Bambang " before "Setiadi" gives "Minister of Defence ").
    """
    stripped = False
    while (word := _LAST_CAPITALISED.search(text)) is not None:
        if canonical_entity(_POSSESSIVE.sub("", word.group().strip())) is not None:
            break
        complement = _IN_COMPLEMENT if stripped else _COMPLEMENT_OF
        if complement.search(text, 0, word.start()):
            break
        text, stripped = text[: word.start()], True
    return text


def _strip_ranks(text: str) -> str:
    """``text`` without the ranks it ends with ("… army chief Lt. Gen." → "… army chief")."""
    while True:
        shorter = _RANK.sub("", text.rstrip()).rstrip()
        if shorter == text.rstrip():
            return shorter
        text = shorter


#: The verbs of a relative clause that say what a person heads, and the role each gives.
_RELATIVE_ROLES = {
    "chair": "chair", "head": "head", "lead": "leader", "led": "leader", "run": "head",
    "ran": "head", "command": "commander", "direct": "director", "represent": "representative",
    "manage": "manager", "preside": "chair",
}  # fmt: skip
#: A relative clause after a name that says what the person heads or speaks for: "Sok
#: Dara, who chairs the association", "…, who led Cambodia's delegation to …". The verb
#: gives the role; its object, the affiliation.
_RELATIVE = re.compile(
    r"\s*,\s+who\s+(?:also\s+|now\s+)?"
    rf"({'|'.join(_RELATIVE_ROLES)})(?:s|ed|ing)?"
    r"(?:\s+over)?\s+((?:the\s+|an?\s+|its\s+|their\s+)?[^,.;:\"“”()]{2,60}?)"
    r"(?=\s+(?:at|to|in|on|for|as|since|from|during|and)\b|[,.;:\"“”()]|$)",
    re.IGNORECASE,
)
#: "Name, whose union represents …": the body that is the person's own.
_WHOSE = re.compile(r"\s*,\s+whose\s+((?:[\w’'-]+\s+){0,3}?[\w’'-]+?)\s+(?=[a-z]+s\b)")
#: Words of a clause's object that say whose the body is, not which body it is.
_OWNER = re.compile(r"^(?:the|an?|its|their|his|her)\s+|\b(?:country|nation)(?:’s|'s)\s+", re.I)


#: The object of a relative clause that only points back: "who represented the country".
_ANAPHOR = re.compile(r"(?:country|nation|state|government)", re.I)
#: The post a relative clause names: "… at the meeting as deputy minister of defence".
_AS_POST = re.compile(
    r"\bas\s+(?:an?\s+|the\s+|its\s+)?([^,;:.\"“”]{2,60}?)"
    r"(?=\s+(?:at|in|to|for|from|during|and|since)\b|[,;:.\"“”]|$)",
    re.I,
)


def _relative(article: Article, span: Span, sentence: Span) -> Identity:
    """Role and affiliation stated by a relative clause right after the name."""
    clause = _RELATIVE.match(article.text, span.end, sentence.end)
    if clause is not None:
        role = _RELATIVE_ROLES[clause.group(1).lower()]
        body = split_description(clause.group(2))
        owner = _OWNER.sub("", clause.group(2)).strip()
        affiliation = body.affiliation
        if affiliation is None and _ANAPHOR.fullmatch(owner):  # "who represented the country"
            affiliation = _sentence_subject(article, sentence, span)
        elif affiliation is None:
            affiliation = owner or None
        if role == "leader" and body.affiliation is not None:
            role = "head of delegation" if "delegation" in clause.group(2).lower() else role
        rest = re.match(r"[^,;:]*", article.text[clause.end() : sentence.end])
        post = _AS_POST.search(rest.group() if rest else "")
        if post is not None and TITLE_WORD.search(post.group(1)):
            role = post.group(1).lower()
        return Identity(role, affiliation)
    whose = _WHOSE.match(article.text, span.end, sentence.end)
    if whose is not None:
        body = split_description(whose.group(1))
        return Identity(None, body.affiliation or whose.group(1).strip())
    return Identity(None, None)


#: A post and the body it serves, in apposition before the name: "A spokesman for the
#: Taliban administration in Kabul, Hafiz Rahimi", "the head of the Forum Secretariat, …".
_POST_FOR = re.compile(
    rf"\b(?:an?|the)\s+((?:[\w-]+\s+){{0,2}}?{TITLE}s?)\s+(?:for|of|at)\s+(?:the\s+)?"
    r"((?:[A-Z][\w’'-]*\s+){1,4}?(?:[a-z]+\s+)?)"
    r"(?:(?:in|from)\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?\s*)?,\s*$",
    re.IGNORECASE,
)
#: A body led by the person, or a country sending them or represented by them: "The Uzbek
#: delegation, led by Interior Minister …", "Kyrgyzstan sent Deputy Interior Minister …",
#: "Bosnia and Herzegovina is represented by its security minister, …".
_LED_BY = re.compile(
    r"\b((?:[A-Z][\w’'-]*\s+){1,3})(?:delegation|team|contingent|side|government|navy|army"
    r"|mission)\s*,?\s+(?:(?:which\s+)?(?:is|was)\s+)?(?:led|headed)\s+by\s+(?:[\w.-]+\s+){0,4}$"
    r"|\b((?:[A-Z][\w’'-]*\s+(?:and\s+)?){1,3})(?:sent|sends|dispatched"
    r"|(?:is|was|are|were)\s+represented\s+by)\s+(?:its\s+|their\s+)?(?:[\w.-]+,?\s+){0,4}$"
)


#: A title whose holder is named in parentheses after it, as an official report writes
#: its speakers: "The Minister of Foreign Affairs (Mr Arvind Ramgoolam): …".
_TITLE_THEN_NAME = re.compile(
    rf"((?:[\w-]+\s+){{0,3}}?{TITLE}(?:\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w-]*\s*){{1,3}})?)"
    r"\s*\(\s*(?:(?:Mr|Mrs|Ms|Dr|Hon)\.?\s+)?$",
    re.IGNORECASE,
)


def _apposition_before(article: Article, start: int, span: Span) -> Identity:
    """Role and affiliation of a post-and-body apposition or a led body before the name."""
    left = article.text[start : span.start]
    titled = _TITLE_THEN_NAME.search(left)
    if titled is not None:
        return split_description(re.sub(r"^(?i:the)\s+", "", titled.group(1).strip()))
    post = _POST_FOR.search(left)
    if post is not None and "," not in post.group(2):
        body = post.group(2).strip()
        known = canonical_entity(body)
        return Identity(post.group(1).lower(), known[0] if known else body)
    led = _LED_BY.search(left)
    if led is not None:
        return Identity(None, split_description(led.group(1) or led.group(2)).affiliation)
    return Identity(None, None)


#: A title's complement before an "and" that goes on with it: "minister of hydrocarbons
#: [and] energy".
_TITLE_OF_BEFORE = re.compile(rf"\b{TITLE}s?\s+(?:of|for)\s+(?:the\s+)?[\w-]+\s*$", re.I)


def _joins_a_name(text: str, stop: re.Match[str]) -> bool:
    """Whether the "and" at ``stop`` is inside a name or a title.

    A country's ("Trinidad and Tobago's") or a title's complement ("minister of
    hydrocarbons and energy").
    """
    if stop.group().lower() != "and":
        return False
    title = _TITLE_OF_BEFORE.search(text[: stop.start()])
    if title and canonical_entity(title.group().split()[-1]) is None:
        return True  # not "ministers of Nicaragua and El Salvador"
    before = re.search(r"([A-Z][\w-]*)\s+$", text[: stop.start()])
    after = re.match(r"\s+([A-Z][\w-]*)", text[stop.end() :])
    return bool(before and after and canonical_entity(f"{before.group(1)} and {after.group(1)}"))


#: A country's person in apposition before the post that names them: "[Mexico's
#: observer], Deputy Secretary Jorge Salinas", "[The Chilean authority], the Vice Minister …".
_OWNERS_PERSON = re.compile(
    r"(?:^|,)\s*(?:\d[\d:.]*\s+(?:[-–—]\s+)?)?(?:the\s+)?"
    r"((?-i:[A-Z])[\w’'-]*(?:\s+(?-i:[A-Z])[\w’'-]*){0,2})(?:’s|'s|(?=\s))\s+(?:[\w-]+\s+){0,2}?"
    rf"(?:{TITLE}|observer|delegate|negotiator|voice|authority|side)s?\s*$",
    re.IGNORECASE,
)


def _owner_before(text: str) -> str | None:
    """The country whose person ``text`` (what precedes a post and a name) describes."""
    match = _OWNERS_PERSON.search(text)
    resolved = canonical_entity(_POSSESSIVE.sub("", match.group(1))) if match else None
    return resolved[0] if resolved else None


#: What is a country's, not who: "Moldova's energy security" (not "Peru's counterpart").
_POSSESSED_THING = re.compile(
    r"(?:’s|'s)\s+(?!(?:[a-z][\w-]*\s+)*(?:counterparts?|colleagues?|neighbours?|hosts?|guests?"
    r"|partners?|delegates?|observers?|own)\b)(?:[a-z][\w-]*\s*)+$"
)


def identity(article: Article, span: Span) -> Identity:
    """Role and affiliation written beside the person named at ``span``."""
    sentence = article.sentence(span)
    start = _after_dateline(article, sentence, span)
    # "… Rear Admiral ", and "… Minister Faisal al-" before "Harbi"
    named = re.sub(rf"\b{NAME_PARTICLE}$", "", article.text[start : span.start])
    if not re.search(r"\s", article.text[span.start : span.end].strip()):
        # a surname alone: the given names written before it belong to the name; a name
        # written whole ("Minister of Energy Taalaibek Ibraev") has none left before it
        named = _strip_first_names(named)
    left = _strip_ranks(named)
    stops = [stop for stop in _LEFT_STOP.finditer(left) if not _joins_a_name(left, stop)]
    tail = left[stops[-1].end() :] if stops else left
    tail = tail.rstrip(" ,")
    # "its defence minister Name", "… was represented by Commissioner Name": the post is the
    # clause subject's
    points_back = _ITS.match(tail[tail.rfind(",") + 1 :]) is not None or bool(
        stops and _REPRESENTED_BY.search(left, 0, stops[-1].end())
    )
    capital = None
    if stops and _PLACE_STOP.fullmatch(stops[-1].group()) and _PLACE.fullmatch(tail.strip()):
        # "A government spokeswoman in Belgrade, Name": the description is before the place
        before_place = left[stops[-2].end() if len(stops) > 1 else 0 : stops[-1].start()]
        # "… adopted by the defence chiefs in Kingston, Major General Name said": a rank
        # of the person's own after the comma, the description before it is another's
        own_rank = left != named.rstrip()
        if _ENDS_IN_TITLE.search(before_place) and not own_rank:
            capital = country_of_capital(tail.strip())
            tail = before_place
        else:
            tail = ""  # "… the mission in Somalia, General Name": where it is, not whose
    owner = _owner_before(tail[: max(tail.rfind(","), 0)])
    tail = tail[tail.rfind(",") + 1 :]  # "Istanbul, the chief of staff, General Name"
    described = split_description(tail)
    if described.affiliation is None and owner is not None:
        described = Identity(described.role, owner)
    if described.affiliation is None and capital is not None:
        described = Identity(described.role, capital)
    shared = shared_nationality(article, tail) if described.affiliation is None else None
    if shared is not None:  # "Congolese Foreign Minister" beside "Kinshasa"
        adjective, country = shared
        role = re.sub(rf"\s*\b{re.escape(adjective)}\b\s*", " ", tail).strip()
        described = Identity(split_description(role).role, country)
    found = described if TITLE_WORD.search(tail) else Identity(None, None)
    if found.role is None:
        right = _RIGHT.match(article.text, span.end, sentence.end) or _right_naming_and(
            article, span, sentence
        )
        if right and TITLE_WORD.search(right.group(1)):
            later = split_description(right.group(1))
            found = Identity(later.role, found.affiliation or later.affiliation)
    if found.affiliation is None and not (
        left.rstrip().endswith(",")
        and _POSSESSED_THING.search(tail)
        and not TITLE_WORD.search(tail)
    ):
        # a country's thing before a comma describes no one: "… to Moldova's energy
        # security, Prime Minister Name announced"
        found = Identity(found.role, described.affiliation)
    if found.role is None or found.affiliation is None:
        # a rank or a body written against the name, before what a clause says of them
        # ("Commodore X, who led the observers": a commodore, not a "leader")
        ranked = _rank_and_body(article, named, span)
        found = Identity(found.role or ranked.role, found.affiliation or ranked.affiliation)
    if found.role is None or found.affiliation is None:
        clause = _relative(article, span, sentence)
        found = Identity(found.role or clause.role, found.affiliation or clause.affiliation)
    if found.affiliation is None:
        found = Identity(found.role, _labelled(article, sentence, span))
    if found.affiliation is None:
        found = Identity(found.role, _own_country_later(article, sentence, span))
    if found.role is not None and found.affiliation is None:
        found = Identity(found.role, _subject_of_attribution(article, sentence, span))
    if found.role is not None and found.affiliation is None and points_back:
        found = Identity(
            found.role,
            _clause_subject(article, sentence, span) or _subject_before(article, sentence, start),
        )
    if found.role is not None and found.affiliation is None:
        found = Identity(found.role, _introduced(article, found.role, left))
    if found.affiliation is None:
        found = Identity(found.role, _speaking_from(article, sentence, span))
    if found.role is None or found.affiliation is None:
        before = _apposition_before(article, start, span)
        found = Identity(found.role or before.role, found.affiliation or before.affiliation)
    if (
        found.role is not None
        and found.affiliation is None
        and _TURN_HOLDER.match(article.text, span.end)
    ):
        found = Identity(found.role, _issuer(article))  # "SPOKESPERSON (Name): …"
    return found


#: A military rank right before a name: the role when no other title is written.
_MILITARY_RANK = re.compile(
    r"\b(?:(?:Vice|Rear)\s+Admiral|(?:Lieutenant|Major|Brigadier)\s+General|Brigadier|General"
    r"|Admiral|Colonel|Commodore|Commander)\s*$"
)
#: A body after a name: "Rear Admiral Linda Moreno of the U.S. Coast Guard".
_OF_BODY_AFTER = re.compile(r"\s+of\s+(?:the\s+)?((?:[A-Z][\w.’'-]*\s*){1,5})")
#: A body the gazetteer lacks, said to be one by its own noun: "of the Amazon Rivers Watch
#: network", "of the Nordic Peace Institute".
_NAMED_BODY = re.compile(
    rf"\s+of\s+(?:the\s+)?((?:[A-Z][\w.’'-]*\s+){{0,4}}(?:(?=(?-i:[A-Z]))(?i:{BODY_WORD})\b"
    # its kind after it, perhaps what it does first: "the Mare Aperto rescue network"
    # (a possessive kind too: "the Migingo fishermen's association")
    rf"|[A-Z][\w.’'-]*\s+(?:[a-z][\w’'-]*\s+)?(?i:{BODY_WORD})\b))"
)


#: Later in the person's sentence, the country they stand for or come from: "…, where he
#: represented Egypt at the meeting", "Name came all the way from Paris for it".
_OWN_COUNTRY_LATER = re.compile(
    r"[^.;:\"“”]*?\b(?:(?:he|she|who)\s+(?:also\s+)?represent(?:s|ed)"
    r"|(?:came|comes|flew|flies|travelled|traveled)\s+(?:(?:all\s+)?the\s+way\s+|in\s+)?from)\s+"
    r"(?:the\s+)?((?-i:[A-Z])[\w’'-]*(?:\s+(?-i:[A-Z])[\w’'-]*){0,2})",
    re.IGNORECASE,
)


def _own_country_later(article: Article, sentence: Span, span: Span) -> str | None:
    """The country the person named at ``span`` represents or came from, said after it.

    The name must be the sentence's only person: "he" is then theirs.
    """
    later = _OWN_COUNTRY_LATER.match(article.text, span.end, sentence.end)
    if later is None or _ANOTHER_NAME.search(article.text, span.end, later.start(1)):
        return None
    return country_named(later.group(1))


#: A personal name between: two capitalised words, not at the sentence's start.
_ANOTHER_NAME = re.compile(r"(?<=\s)(?-i:[A-Z])[a-z’'-]+\s+(?-i:[A-Z])[a-z’'-]+")


def _rank_and_body(article: Article, left: str, span: Span) -> Identity:
    """A rank as the role of the person named at ``span``, and the body after the name.

    ``left`` is the text before the name without its given names ("… Rear Admiral "); the
    body is what follows "of the" after the name ("of the U.S. Coast Guard").
    """
    rank = _MILITARY_RANK.search(left)
    after = _OF_BODY_AFTER.match(article.text, span.end)
    words = after.group(1).split() if after else []
    bodies = (canonical_entity(" ".join(words[:n])) for n in range(len(words), 0, -1))
    body = next(filter(None, bodies), None)
    named = _NAMED_BODY.match(article.text, span.end) if body is None else None
    affiliation = body[0] if body else named.group(1) if named else None
    return Identity(rank.group().strip().lower() if rank else None, affiliation)


#: A sentence opened by the capital its subject speaks from: "From Accra, Defence
#: Minister Kofi Asare tells …", "In Beijing, a spokesperson said …".
_FROM_CAPITAL = re.compile(
    r"(?:\d[\d:.]*\s+)?(?:From|In)\s+([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)\s*,\s+"
    r"(?:an?\s+|the\s+)?((?:[\w’'.-]+\s+){0,4})$"
)


def _speaking_from(article: Article, sentence: Span, span: Span) -> str | None:
    """The country whose capital the sentence opens with, when the person is its subject."""
    start = _after_dateline(article, sentence, span)
    opening = _FROM_CAPITAL.match(article.text, start, span.start)
    if opening is None or (opening.group(2) and not TITLE_WORD.search(opening.group(2))):
        return None  # the person's title may come between, nothing else
    return country_of_capital(opening.group(1))


#: A dateline before a sentence: "TALLINN, Oct 22 (Wire) - ", "ACCRA - ", and a
#: translation's "Vilnius - ".
_DATELINE = re.compile(
    r"(?:(?:[A-Z][A-Z.’' ]+|[A-Z][\w.’']+(?:\s+[A-Z][\w.’']+)?)(?:,[^-–—\n]{0,40})?\s+[-–—]\s+)?"
)
#: The sentence's subject, a name before its verb: "Ghana will send …", "The Netherlands is …".
_SUBJECT = re.compile(
    r"(?:The\s+)?((?:(?:[A-Z]|d[’'])[\w.’'-]*\s+){0,2}(?:[A-Z]|d[’'])[\w.’'-]*)\s+(?=[a-z])"
)  # "d'" for "Côte d'Ivoire"
#: A name closing its sentence as the source: "…, Foreign Minister Akosua Mensah said".
_ATTRIBUTION = re.compile(r"\s*,?\s*(?:said|says|told|tells|added|warned|announced)\b")


def _after_dateline(article: Article, sentence: Span, span: Span) -> int:
    """Where the sentence holding ``span`` starts, after a dateline if it opens with one."""
    dateline = _DATELINE.match(article.text, sentence.start, span.start)
    return dateline.end() if dateline else sentence.start


#: A line labelled with whom it is about, a list's item or a who's-who entry: "- Kyrgyzstan:
#: Minister of Energy …", "Uzbekistan (host): Energy Minister …".
_LABEL = re.compile(r"[-•*–]?\s*((?-i:[A-Z])[\w’' -]{1,40}?)\s*(?:\([^)\n]*\))?\s*:\s+[^:\n]*$")


def _labelled(article: Article, sentence: Span, span: Span) -> str | None:
    """The country or body a line's label names, for the person that line names."""
    label = _LABEL.match(article.text, sentence.start, span.start)
    resolved = canonical_entity(label.group(1)) if label else None
    return resolved[0] if resolved else None


def _sentence_subject(article: Article, sentence: Span, span: Span) -> str | None:
    """The country that opens the sentence before ``span`` as its subject, if any."""
    subject = _SUBJECT.match(article.text, _after_dateline(article, sentence, span), span.start)
    resolved = canonical_entity(subject.group(1)) if subject else None
    return resolved[0] if resolved else None


#: A transcript's turn label naming its holder after the post: "SPOKESPERSON (Name):".
_TURN_HOLDER = re.compile(r"\s*\)\s*:")
#: A heading in capitals naming the body that issued the text: "DEPARTMENT OF FOREIGN
#: AFFAIRS - REGULAR PRESS BRIEFING".
_ISSUER = re.compile(
    rf"\s*((?:[A-Z]+\s+){{0,3}}(?i:{BODY_WORD}|office|presidency)"
    r"(?:\s+OF(?:\s+THE)?(?:\s+(?!AND\b)[A-Z]+(?:\s+AND\s+[A-Z]+)?){1,4})?)\s*(?:[-–—:|]|\n)"
)


def _issuer(article: Article) -> str | None:
    """The body whose heading in capitals opens the article, as a name ("Department of …")."""
    heading = _ISSUER.match(article.text)
    if heading is None or not heading.group(1).isupper():
        return None
    return re.sub(r"\b(Of|The|And)\b", lambda w: w.group().lower(), heading.group(1).title())


def _introduced(article: Article, role: str, left: str) -> str | None:
    """The body of the post "the <role>" before the name, as the article first gave it.

    "…, a spokesman of the local government said. … explained the spokesman, Name": the
    definite description points back to the indefinite one that said whose post it is.
    """
    if not re.search(rf"\bthe\s+{re.escape(role)}\s*,?\s*$", left, re.IGNORECASE):
        return None
    first = re.search(
        rf"\ban?\s+{re.escape(role)}\s+(?:of|for|from|at)\s+(?:the\s+)?"
        r"([^,.;:\"“”()]{2,60}?)(?=\s+(?:said|says|told|tells|who|has|had|was|is)\b|[,.;:\"“”()])",
        article.text,
        re.IGNORECASE,
    )
    if first is None:
        return None
    resolved = canonical_entity(first.group(1))
    if resolved is not None:
        return resolved[0]
    return split_description(first.group(1)).affiliation or first.group(1)  # "local government"


#: A post in a government, whose holder news names without the country when it is the
#: outlet's own ("the deputy economy minister"); not a body's "secretary-general".
GOVERNMENT_POST = re.compile(
    r"\b(?:(?:vice-|deputy\s+|prime\s+)?minister|ministry|premier|president"
    r"|(?:under-?|state\s+|cabinet\s+)?secretary(?![\s-]+general))\b",
    re.IGNORECASE,
)
#: An outlet's own place, said in a note before the text: "Originally published by a
#: Djibouti daily", "a broadcast of a Port-au-Prince radio station" (not "a Thai-language
#: daily": a language is no country).
_OUTLET = re.compile(
    r"\b(?:by|of|in|from)\s+an?\s+((?-i:[A-Z])[\w’'-]*(?:\s+(?-i:[A-Z])[\w’'-]*)?)\s+"
    r"(?:daily|newspaper|weekly|paper|radio|station|broadcaster|television|channel|outlet)\b"
)
#: A dateline's city and what follows it: "TBILISI - Georgia, which has no …".
_DATELINE_CITY = re.compile(
    r"^[ \t]*((?-i:[A-Z])[A-Z’' .-]+?)(?:,[^-–—\n]{0,40})?\s+[-–—]\s+", re.MULTILINE
)
#: A heading in capitals naming an institution of a country, by its last "OF": "NATIONAL
#: ASSEMBLY OF MAURITIUS - Official report", "MINISTRY OF INTERIOR OF MONTENEGRO".
_HEADING_OF = re.compile(r"\s*[A-Z][A-Z ]*\bOF\s+(?:THE\s+)?([A-Z][A-Z ]+?)\s*(?:[-–—:|]|\n)")


#: A subject that is one of several: "Panama [and Colombia] agree".
_AND_ANOTHER = re.compile(r"\s*(?:,|and\b)\s*(?:the\s+)?(?-i:[A-Z])", re.IGNORECASE)


def home_country(article: Article) -> str | None:
    """The country an article is written from and about, where the text says so.

    A translation's note on its outlet ("a Djibouti daily"), a heading naming a country's
    institution ("NATIONAL ASSEMBLY OF MAURITIUS"), or a dateline in a capital whose
    country opens the story ("TBILISI - Georgia, which …"): there news calls the
    country's own ministers by their posts alone.
    """
    head = article.text[:400]
    outlet = _OUTLET.search(head)
    country = country_named(outlet.group(1)) if outlet is not None else None
    if country is not None:
        return country
    heading = _HEADING_OF.match(article.text)
    if heading is not None:
        known = canonical_entity(heading.group(1).title())
        if known is not None and known[1] == "country":
            return known[0]
    dateline = _DATELINE_CITY.search(head)
    if dateline is not None:
        country = country_of_capital(dateline.group(1).strip().title())
        subject = _CLAUSE_SUBJECT.match(article.text, dateline.end())
        opens = canonical_entity(subject.group(1)) if subject else None
        alone = subject is not None and not _AND_ANOTHER.match(article.text, subject.end(1))
        if country is not None and opens is not None and opens[0] == country and alone:
            return country  # not "PANAMA CITY - Panama and Colombia agree …": a meeting's
    return None


#: A description that points back to its clause's subject: "its defence minister".
_ITS = re.compile(r"\s*its\s", re.I)
#: The subject represented by the person named next: "The Commission … was represented by".
_REPRESENTED_BY = re.compile(r"\b(?:is|was|are|were)\s+represented\s+by$", re.I)
#: A clause's subject, after a list item's label or a live blog's time: "* Canberra:
#: Australia, not part of …", "12:15 Japan, which …".
_CLAUSE_SUBJECT = re.compile(
    r"(?:[-•*–]\s*)?(?:\d[\d:.]*\s+(?:[-–—]\s+)?)?(?:(?-i:[A-Z])[\w’' -]{1,40}?:\s+)?(?:The\s+)?"
    r"((?:(?:[A-Z]|d[’'])[\w.’'-]*\s+){0,2}(?:[A-Z]|d[’'])[\w.’'-]*)\s*,?\s+(?=[a-z])"
)


#: Where a clause joined to the one before begins: "…, and the Commission was …".
_NEXT_CLAUSE = re.compile(r"(?:[,;]\s+(?:and|but|while|whereas)|;)\s+")


def _clause_subject(article: Article, sentence: Span, span: Span) -> str | None:
    """The country or body the clause holding ``span`` opens with, as its subject."""
    start = _after_dateline(article, sentence, span)
    joined = list(_NEXT_CLAUSE.finditer(article.text, start, span.start))
    start = joined[-1].end() if joined else start
    subject = _CLAUSE_SUBJECT.match(article.text, start, span.start)
    resolved = canonical_entity(subject.group(1)) if subject else None
    return resolved[0] if resolved else None


def _subject_before(article: Article, sentence: Span, start: int) -> str | None:
    """For a sentence opened by "Its …", the country or body the sentence before opens with.

    "Vanuatu is on the screen from Port Vila. Its minister, Esther Kalo, warns …": the
    post is Vanuatu's. Only right after that sentence, in the same paragraph.
    """
    if not _ITS.match(article.text, start):
        return None
    before = article.text[: sentence.start].rstrip()
    if not before or "\n" in article.text[len(before) : sentence.start]:
        return None
    previous = article.sentence_at(len(before) - 1, len(before))
    return _clause_subject(article, previous, Span(previous.end, previous.end, "exact"))


def _subject_of_attribution(article: Article, sentence: Span, span: Span) -> str | None:
    """The country a titled source speaks for in wire attribution, if the sentence says.

    "Ghana will send a battalion …, Foreign Minister Akosua Mensah said": the official is
    named as the source of what their country's sentence says, so the subject is theirs.
    """
    if not _ATTRIBUTION.match(article.text, span.end, sentence.end):
        return None
    return _sentence_subject(article, sentence, span)


#: A personal name written after a description: "army chief Lt. Gen. Robert Glavaš".
_NAME_AFTER = re.compile(
    r"\s*,?\s*(?:(?:Lt|Gen|Col|Maj|Adm|Capt|Dr|Mr|Mrs|Ms)\.?\s+|(?:Vice|Rear)\s+Admiral\s+"
    r"|General\s+|Admiral\s+|Colonel\s+|Lieutenant\s+General\s+)*"
    # the surname may open with a particle: "Hamad al-Mazrouei"
    rf"((?:[A-Z][\w’'-]+\s+){{1,2}}(?:{NAME_PARTICLE})?[A-Z][\w’'-]+)"
)


def name_after(article: Article, span: Span) -> Span | None:
    """The personal name a description at ``span`` is followed by, if any."""
    match = _NAME_AFTER.match(article.text, span.end)
    if match is None:
        return None
    name = match.group(1)
    if entity_words(name.split()):  # "…, Sri Lankan Foreign Minister …": no name
        return None
    return Span(match.start(1), match.end(1), "exact")


#: A country's or organisation's function right after its name: "Germany's Chief of
#: Defence", "Japanese defence minister".
_TITLE_AFTER = re.compile(
    rf"(?:’s|'s|(?<=s)’|(?<=s)')?\s+(?:[\w-]+\s+){{0,4}}?{TITLE}s?\b"
    r"(?:\s+of(?:\s+the)?(?:\s+[A-Z][\w-]*){1,3})?",
    re.IGNORECASE,
)


def own_person(article: Article, mention: Span, *, untitled: bool = False) -> Span | None:
    """Where the person named as holding a function of the entity at ``mention`` is, if any.

    "Germany's Chief of Defence, Generalinspekteur Carsten Breuer" gives "Carsten Breuer";
    "Japan's deputy defence minister followed the talks" gives None. With ``untitled``,
    a name right after the entity's possessive is its person too ("Rwanda's Claudine Uwase").
    """
    title = _TITLE_AFTER.match(article.text, mention.end)
    own = _OWNER_S.match(article.text, mention.end) if untitled else None
    end = title.end() if title else own.end() if own else None
    return None if end is None else name_after(article, Span(mention.start, end, "exact"))


#: The possessive right after an entity's name: "Rwanda['s] Claudine Uwase".
_OWNER_S = re.compile(r"’s\b|'s\b|(?<=s)’|(?<=s)'")


def person_for(article: Article, mention: Span) -> str | None:
    """The person named as holding a function of the entity at ``mention``, if any."""
    name = own_person(article, mention)
    return None if name is None else article.text[name.start : name.end]


#: Nouns for people acting for a country: "Japanese officials", "a Guatemalan delegate",
#: "the Nigerian team", "the Kazakh side".
#: A nationality before anything else ("Russian aggression", "the Kenyan capital") does
#: not make the country act.
_PEOPLE_AFTER = re.compile(
    r"\s+(?:\w+\s+){0,2}?(?:officials?|ministers?|ministry|delegat\w*|representatives?|chiefs?|pm|fm"
    r"|leaders?|president|prime\s+minister|envoys?|diplomats?|ambassadors?|officers?|troops"
    r"|government|authorit(?:y|ies)|navy|army|military|commanders?|spokes\w*|head\s+of\s+state|hosts?"
    r"|team|side|contingent|counterparts?|colleagues?|friends|guests|observers?"
    r"|generals?(?!\s+(?:election|assembly|strike|secretar\w*|staff|public)))\b",
    re.IGNORECASE,
)


def acting(article: Article, adjectives: list[Span]) -> list[Span]:
    """The mentions by nationality in ``adjectives`` that are or qualify the country's people.

    "the Chadians" are its people; "Chadian officials" too, not "the Chadian capital".
    """
    return [
        m
        for m in adjectives
        if people_noun(article.text[m.start : m.end]) or _PEOPLE_AFTER.match(article.text, m.end)
    ]


def actor_adjectives(article: Article, name: str) -> list[Span]:
    """Mentions of ``name`` by nationality where the nationality is or qualifies its people."""
    forms = [form for adjective in demonyms(name) for form in with_plural(adjective)]
    return acting(article, nationality_mentions(article, forms))
