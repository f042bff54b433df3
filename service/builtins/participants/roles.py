"""How a candidate took part, or why it did not, read from the clauses that name it.

``mentioned`` is the default. Taking part is established positively, by the text or by the
model. In order: a reason for absence in the candidate's own clause ("was not invited",
"declined", "boycotted", "stayed away") decides; then a way of taking part the clause
states (hosting, remotely, as an observer, signing the closing statement); then a bare
negation or absence ("Russia, which …, was not represented", "Empty chairs for …"). What
the text leaves open is one yes/no question (``took_part``), and its "yes" stands only
with words of being at the meeting (or of leading the initiative) in a clause naming the
candidate.

The cues are grammatical (negation, absence, remote and observer participation, hosting),
not names or phrases of one story. Their scope is the clause: a sentence is cut at ``;``,
dashes and coordinating ``, and`` / ``while`` / ``whereas`` (not inside a list of names),
so that "Sweden attended while Chile did not reply" tells each country its own predicate;
within a clause, reported speech or another subject between the candidate and a cue keeps
the cue from it.
"""

from __future__ import annotations

import re
from itertools import pairwise

from schemas.participants import Status

from ...apposition import TITLE
from ...ground import Article, Span

#: Where one clause ends and the next begins inside a sentence.
_CLAUSE_BREAK = re.compile(r";|\s[-–]\s|—|,\s+(?:and|while|whereas)[\s,]|\s(?:while|whereas)\s")

#: A live blog's time stamp opening an entry: "11:25", "9.40".
_TIME = r"\d{1,2}[:.]\d{2}"
#: Taking part in any tense: "took part", "had taken part".
_TAKE_PART = r"t(?:akes?|ook|aking|aken)\s+part"
#: A name as news writes it: capitalised words ("New Zealand", "U.S.", "Côte d'Ivoire").
_NAME = r"[A-Z][\w.’'-]*(?:\s+(?:[dl][’'])?[A-Z][\w.’'-]*)*"
#: A name in a list, which may join its words by "of" or "and": "the Republic of the
#: Congo", "Sao Tome and Principe", "Saint Vincent and the Grenadines".
_ITEM = rf"{_NAME}(?:\s+(?:of|and)\s+(?:the\s+)?{_NAME})?"
#: What goes on with a list after its ", and": another name ("and New Zealand", "and of
#: the European Union"), not a parenthesis ("…, South Sudan and Uganda, and, on a screen,
#: with my Somali colleague").
_NEXT_ITEM = re.compile(r"\s*(?:(?:of|from)\s+)?(?:the\s+)?[A-Z]")
#: A mention of the candidate as the clauses mark it: "**Estonia**".
_MARKED = r"\*\*[^*]+\*\*"
_MARK = re.compile(_MARKED)
#: The end of a list of names before ", and": "…, Australia" in "Japan, Australia, and …".
_LIST_ITEM = re.compile(rf",\s*(?:the\s+)?{_NAME}$")
#: … or its last two, before a comma and "and" that goes on with the list: "…, Trinidad
#: and Tobago and the United Kingdom, and of the European Union".
_LIST_PAIR = re.compile(rf",\s*(?:the\s+)?{_ITEM}\s+and\s+(?:the\s+)?{_ITEM}$")

#: Hosting or holding a meeting of its own: "**Iran** will host its own meeting on the
#: border next month", "holding a separate summit".
ELSEWHERE = re.compile(
    r"\b(?:host\w*|hold\w*|held|organi[sz]\w*|conven\w*|call\w*)\s+(?:its|their)\s+own\b"
    r"|\b(?:host\w*|hold\w*|held|organi[sz]\w*|conven\w*)\s+(?:another|a\s+(?:separate|rival"
    r"|parallel|competing))\b",
    re.I,
)
#: Verbs of coming to a meeting: declining *to attend* is absence, declining *to discuss*
#: the timing or *to comment* is something done there or to a reporter.
_COMING = (
    r"(?:attend|come|join|take\s+part|particip\w*|send|travel|go\b|be\s+(?:there|present"
    r"|represented)|sit\s+at)"
)
#: Why a candidate was not there, most specific first. Each is searched in its clause only.
#: A decisive cue outweighs a way of taking part stated in another clause; a bare negation
#: or absence does not ("Canada is here as an observer; … Ottawa will not send troops").
_ABSENT: tuple[tuple[re.Pattern[str], Status, bool], ...] = (
    (re.compile(r"\b(?:did\s+not|didn't|(?:has|have|had)\s+(?:still\s+)?not|failed\s+to)\s+"
                r"(?:(?:still|yet)\s+)?(?:respond|reply|answer)"
                r"|\bno\s+(?:response|reply|answer)\b", re.I),
     "no_response", True),
    (re.compile(r"\bnot\s+(?:been\s+|even\s+)?invited|\buninvited|\bexclud\w*|\bexception\b"
                r"|\bleft\s+off\b"
                # "except" of those invited or coming, not of members: "all the signatories
                # except France are members"
                r"|\bexcept\b(?![^.;]*\b(?:is|are|was|were)\s+(?:also\s+|all\s+)?(?:a\s+)?members?\b)",
                re.I), "not_invited", True),
    (re.compile(rf"\b(?:declin|refus)\w*\b(?!\s+to\s+(?!{_COMING}))|\bboycott\w*|\bturned\s+down"
                rf"|\bchose\s+not\s+to\s+(?={_COMING})"
                r"|\bstay\w*\s+away|\bkept\s+away|\bskipp\w*|\bsnubb\w*|\bshunn\w*"
                r"|\bpulled\s+out|(?<!being\s)(?<!been\s)(?<!is\s)(?<!are\s)(?<!was\s)(?<!were\s)"
                # withdrawing, not troops being withdrawn: "whose contingent is being withdrawn"
                r"\bwithdr[ae]w\w*(?!\s+(?:its|their)\s+(?:troops|contingent|soldiers|forces))"
                r"|\bexcused\s+(?:itself|themselves|himself|herself)"
                # "sent its apologies", a record's "Apologies:" list
                r"|\b(?:sen[dt]s?|offered|conveyed)\s+(?:its|their|his|her)\s+(?:apologies|regrets)"
                r"|^\s*apologies\s*:"
                r"|\bg[ai]ve\s+(?:the|this|it)\s+(?:\w+\s+)?a\s+miss|\bs[ai]ts?\s+(?:the|this|it)"
                r"\s+(?:\w+\s+){0,2}?out\b|\bcancel+\w*\s+(?:its|their"
                r"|his|her)\s+(?:participation|attendance|visit|trip)",
                re.I), "declined", True),
    # Hosting or holding a meeting of its own is being elsewhere.
    (ELSEWHERE, "mentioned", True),
    # A seat said to be empty ("**Myanmar**'s chair stayed vacant"): decisive, because the
    # "chair" here is furniture, and read as a hosting word it makes the absent the host.
    # The candidate may be among the words between: "The chair for **Nicaragua** stays empty".
    (re.compile(r"\b(?:chair|seat|place)s?\s+(?:[\w*’'-]+\s+){0,4}?(?:vacant|empty|unoccupied"
                r"|unfilled)\b", re.I), "mentioned", True),
    (re.compile(r"\b(?:not|never|n't)\s+(?:\w+\s+){0,2}?(?:represented|present|there|here"
                r"|at\s+the\s+(?:table|meeting|talks|summit)|in\s+the\s+(?:room|hall)|part\s+of"
                rf"|attend\w*|particip\w*|{_TAKE_PART}|join\w*|come|came|show\w*|arriv\w*"
                r"|send\w*|sent|among)\b|\bneither\s+of\b|\babsen\w*|\bmissing\b"
                r"|\bempty\s+(?:chair|seat)s?|\bno\s+sign\s+of|\bsent\s+no\b|\bno(?:\s+|-)one\b"
                r"|\bnobody\b|\b(?:played|plays|took|takes|had|has)\s+no\s+part\b"
                # "**Haiti**'s delegation was unable to travel"
                rf"|\bunable\s+to\s+(?:\w+\s+)?(?:{_COMING}|fly|make\s+it)"
                # "no Chinese delegation": the candidate may be the word between
                r"|\bno\s+(?:(?:\*\*[^*]+\*\*|\w+)\s+)?(?:delegation|delegates|official|representative|minister"
                r"|envoy)s?\b|\bnone\s+of\b|\bwithout\s+(?:the\s+)?\*\*", re.I), "mentioned",
     False),
)  # fmt: skip
#: Between the candidate and a cue after it: reported speech ("A **French** official stated
#: that the U.S. was not invited") or other subjects ("with others joining remotely") put
#: the cue in another's mouth.
_REPORTED = re.compile(
    r"\b(?:that|said|says|stated|told|tells|announced|others|other\s+\w+)\b", re.I
)
#: A verb of saying after the candidate: it is the source of what the clause reports.
_SOURCE_SAYS = re.compile(r"\b(?:said|says|told|tells|stated|states|reported|reports|adds|added)\b")
#: A cue said of the last of a list only: "…, B and C, the latter by videoconference".
_LATTER = re.compile(r"\bthe\s+(?:latter|last)\b", re.I)
#: The rest of a list of subjects after the candidate ("**Croatia** and Montenegro did not").
#: A name may run over "of": "the Federative Republic of Brazil" (:data:`_ITEM`).
_LIST_REST = re.compile(rf"^(?:\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)(?:the\s+)?{_ITEM})+")
#: The candidate's own person after it ("**Haitian** PM Jean-Robert Pierre, connected by
#: video"): the same actor, not another subject.
_OWN_PERSON = re.compile(
    rf"^(?:’s|'s)?\s+(?:[\w-]+\s+){{0,4}}?(?i:{TITLE})s?\b"
    # the title's complement: "of the Interior", "for citizen protection"
    rf"(?:\s+(?:of|for)(?:\s+the)?(?:\s+[\w-]+){{1,3}})?"
    rf"\s*,?\s*(?:[A-Z][\w.’'-]*\s*){{1,4}},?"
)
#: Auxiliaries between a subject and its negated predicate ("the U.S. was not invited").
_AUXILIARY = re.compile(
    r"(?:\s*\b(?:was|were|is|are|has|have|had|been|be|did|does|do|also|so"
    r"|too|either|reportedly|still)\b)+\s*$",
    re.I,
)

#: Ways of taking part that the text states; taking part needs no question then.
#: A telephone is remote taking part only when the candidate joins by it: "speaking by
#: phone" to a reporter is how news reaches the absent.
_REMOTE = re.compile(
    r"\b(?:remote(?:ly)?|virtual(?:ly)?|online|by\s+(?:video|videoconference|video\s*link|"
    r"teleconference)|via\s+(?:video|videoconference|video\s*link|zoom)"
    # a satellite link is a way of joining only for who joins or speaks by it: "sites
    # counted by satellite" is how something was seen
    r"|(?:join\w*|spoke|speak\w*|link\w*|connect\w*|appear\w*|address\w*|particip\w*)"
    r"\s+(?:[\w-]+\s+){0,3}?(?:by|via)\s+satellite"
    r"|(?:joined|joining|joins|participated|took\s+part|attended)\s+by\s+(?:tele)?phone"
    r"|video\s*(?:link|call|conference|screen|feed)|on\s+(?:(?:a|the)\s+)?(?:large\s+|big\s+)?screen"
    r"|screen\s+(?:[\w-]+\s+){0,4}?show(?:s|ed|ing)?|patched\s+(?:in|through)"
    r"|(?:over|via|through)\s+(?:a|the)\s+(?:video\s+)?screen"
    r"|dial(?:l)?ed\s+in|connected\s+by\s+video|(?:is|was|are|were)\s+connected\s+from)\b",
    re.I,
)
#: Signing or adopting the meeting's own text is being at it: "Ministers from **Chile**
#: and Peru signed the closing statement", "… signed today the Foz do Iguacu Declaration",
#: "adopted the Lima Declaration" (a text named in capitals, not one of another year). Its
#: scope is the clause, as for absence.
_SIGNED = re.compile(
    r"\b(?:(?:co-?)?sign(?:ed|s|ing)|adopt(?:ed|s|ing))\s+(?:(?:today|yesterday|on\s+\w+day)\s+)?"
    r"(?:(?:the\s+|its\s+|a\s+)?(?:closing|final|joint|summit|meeting's|conference|concluding)"
    r"\s+(?:statement|declaration|communiqu\w*|document|text)"
    r"|(?:the\s+)?(?:(?-i:[A-Z])[\w’'-]*\s+(?:(?:do|da|de|del|of|the)\s+)?){1,4}"
    r"(?-i:Declaration|Statement|Communiqu\w*)(?![^.;]*\b(?:19|20)\d\d\b))",
    re.I,
)
#: A live blog's entry: its time stamp, perhaps a dash ("11:25 - ").
_ENTRY_START = rf"{_TIME}\s*(?:[-–—]\s*)?"
#: A live blog's entry opened by the candidate's own person speaking or acting in the
#: present ("12:10 **Yemen**'s Bahaj repeats …", "11:20 A **Guatemalan** delegate says …"):
#: the blog is written in the hall, so the one who speaks there is there.
_LIVE_ENTRY = re.compile(
    rf"^{_ENTRY_START}(?:(?i:a|an|the)\s+)?{_MARKED}(?:’s|'s)?"
    r"(?:\s+[\w’'.-]+){0,6}?\s+(?:says|tells|backs|repeats|asks|argues|warns|insists|urges"
    r"|calls|wants|proposes|rejects|opens|presents|thanks|welcomes|offers|pledges|promises"
    r"|adds|gives|announces|raises|questions|demands|suggests|stresses|notes|speaks|replies"
    r"|responds|explains|describes|recalls|criticises|criticizes|accuses|defends|complains"
    r"|points|takes|hits|sets|lays|reminds|objects|counters|intervenes|confirms"
    # leaving the room during the session: there until then
    r"|leaves)\b"
    # the blog's label for who speaks for whom: "9:40 Ana Vel for **Chile**: …", "Vel, for
    # **Chile**, gives …"
    rf"|^{_ENTRY_START}{_NAME},?\s+for\s+(?:the\s+)?{_MARKED}\s*[,:]"
    # or the candidate's own person as the entry's label: "10:50 **Croatian** minister Ivo
    # Babic: the squadron must …"
    rf"|^{_ENTRY_START}(?:(?i:the)\s+)?{_MARKED}(?:’s|'s)?\s+(?:[\w-]+\s+){{0,3}}?"
    rf"(?i:{TITLE})\s+{_NAME}\s*:"
)
#: What puts an entry's speaker elsewhere: a place it speaks in or from, a statement sent,
#: a spokesperson (who speaks for a capital). Read before what is said (see
#: :data:`_WHAT_IS_SAID`): the place in "asks that the unit be based in Katima" is the unit's.
_ELSEWHERE_SAID = re.compile(
    r"\b(?:from|in)\s+(?-i:[A-Z])|\bstatement\b|\bspokes(?:wo)?m[ae]n\b|\bspokesperson\b", re.I
)
#: Where what an entry's speaker says begins: a complementiser, a quotation, a colon (not
#: the entry's time).
_WHAT_IS_SAID = re.compile(r"\bthat\b|[\"“]|(?<!\d):")
#: Observer status, not observers as people a mission sends ("300 unarmed observers",
#: "will not send observers of its own"): "as an observer", "observer status", "an observer
#: from NATO", "seated with the observers".
_OBSERVER = re.compile(
    r"\bas\s+(?:an?\s+)?observers?\b|\bobserver\s+(?:status|capacity|seat|delegation)"
    # a record's label: "Observers: United States; …", "Observer:\n- Switzerland"
    r"|(?m:^)[ \t]*observers?[ \t]*:"
    r"|\ban\s+observer\b(?!\s+(?:mission|force|team))|\b(?:with|among)\s+the\s+observers\b"
    r"|\bobserv(?:ed|es|ing)\s+the\s+(?:talks|meeting)"
    # the candidate's own verb, with no object: "Nigeria observed.", "… observed from the side"
    r"|(?<=\*\*)\s+observed(?=\s*(?:[.;,)]|$)|\s+(?:from|quietly|silently|throughout)\b)"
    # there without a part in it: "**Brunei** only watched"
    r"|\b(?:only|merely|just)\s+(?:watched|watches|observed|observes|looked\s+on)\b"
    # the candidate's own observer: "**Mexico**'s observer, Jorge Salinas, promises …"
    r"|(?<=’s\s)observer\b|(?<='s\s)observer\b"
    # "the **Indian** observers, in the back row", "A **South African** observer is
    # following": its people there as observers, not observers a plan would send
    # ("**Kenyan** observers would watch the truce") nor an observer mission
    r"|(?<=\*\*\s)observers?\b(?!\s+(?:mission|force|team)\b)"
    r"(?!\s+(?:(?!\w+ed\s)\w+\s+)?(?:would|will|could|may|might|to|are\s+to|is\s+to)\b)",
    re.I,
)
#: Hosting said of the candidate: "hosted by X", "X hosted", "co-chairs X and Y",
#: "X, as co-chairs", "host X". The candidate is marked ``**…**``.
_LIST = rf"(?:(?:the\s+)?(?:{_ITEM}|{_MARKED})(?:’s|'s)?(?:\s*,\s*(?:and\s+)?|\s+and\s+))*"
#: The rest of a list after the candidate: ", Australia and the United Kingdom".
_LIST_END = rf"(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+){_LIST}(?:the\s+)?{_ITEM})?"
_HOST_WORD = (
    r"(?:co-?)?(?:host(?:ed|s|ing)?|chair(?:ed|s|ing)?|convened|presid(?:ed|es|ing)"
    r"|organi[sz]ed)"
)
#: What a host word is said of when it is no meeting: "will host the supply hub", "hosts
#: a naval base" (an object that is not the talks or the people at them).
_HOSTS_A_THING = (
    r"(?!\s+(?:(?:the|a|an|its|their)\s+)?(?:[\w-]+\s+){0,3}?(?:meeting|talks|summit|conference"
    r"|session|gathering|forum|round|event|delegat\w*|ministers|leaders|process|dialogue"
    r"|consultations|negotiations|discussions|proceedings|guests|participants|envoys"
    r"|officials)\b)(?=\s+(?:the|a|an|its|their)\s"
    # or a bare plural, perhaps after a quantity or a nationality: "which once hosted French
    # troops", "hosts more refugees than any other country" (not "hosted this year's")
    r"|\s+(?:(?:more|many|some|most|few|\d[\d,.]*)\s+|(?-i:[A-Z])[\w-]*\s+)?"
    r"(?!(?:this|was|has|is|as|always|sometimes|perhaps|thus|afterwards)\b)[a-z][a-z-]{2,}s\b)"
)
_HOSTS = re.compile(
    rf"\b(?i:(?:co-?)?(?:hosted|chaired|convened|organi[sz]ed)\s+(?:jointly\s+)?by)\s+(?:the\s+)?"
    rf"{_LIST}(?:the\s+)?\*\*"
    # a parenthesis too: "Benin (host and chair) and …"
    rf"|{_MARKED}(?:’s|'s)?{_LIST_END}(?:\s*,)?\s+\(?(?:as\s+)?"
    rf"(?:\w+\s+){{0,3}}?{_HOST_WORD}\b(?!{_HOSTS_A_THING})"
    # greeting those who arrive: "**Saudi Arabia** is greeting delegations at the door"
    rf"|{_MARKED}[^.;,:]{{0,40}}?\b(?i:greet\w*|welcom\w*)\s+(?:the\s+)?(?:arriving\s+)?"
    r"(?i:delegations|delegates|ministers|leaders|guests|participants|them|everyone)\b"
    rf"|\b(?i:co-?hosts?|co-?chairs?|host(?:\s+country)?)\s+(?:the\s+)?{_LIST}(?:the\s+)?\*\*"
    # a record's label: "Host: Panama", "Co-chair: Colombia", "Chair: Samoa"
    rf"|(?m:^)[ \t]*(?i:(?:co-?)?(?:host|chair)(?:\s+country)?)[ \t]*:[ \t]*(?:the\s+)?{_LIST}"
    # the line names no more than its holders (a radio transcript's "HOST:" speaks)
    rf"(?:the\s+)?{_MARKED}{_LIST_END}[ \t]*(?:\([^)\n]*\))?[ \t]*(?m:$)"
    # chairing with the candidate's minister: "chaired the session with his **Egyptian**
    # counterpart", "presiding, together with his **Saudi** counterpart, over …"
    rf"|\b(?i:{_HOST_WORD})\b[^.;]{{0,60}}?\b(?i:with)\s+(?i:his|her|their)\s+{_MARKED}"
    r"\s+(?i:counterparts?|colleagues?)"
    # chairing it together with the candidate: "chaired it together with **Norway**"
    rf"|\b(?i:(?:co-?)?chair(?:ed|s|ing)|(?:co-?)?host(?:ed|s|ing))\s+(?:it|them|the\s+\w+)\s+"
    rf"(?i:together\s+with|jointly\s+with|with)\s+(?:the\s+)?{_LIST}(?:the\s+)?{_MARKED}"
)
#: Leading the meeting itself: "Ethiopia and **Kenya**, which led the talks, …".
_LED_MEETING = re.compile(
    rf"{_MARKED}(?:’s|'s)?{_LIST_END}(?:\s*,)?\s+(?:(?i:which|who|that)\s+)?"
    r"(?:(?i:jointly|also|both)\s+)?(?i:led|co-?led|leads)\s+(?:the\s+)?"
    r"(?i:talks|meeting|summit|conference|negotiations|discussions|session|gathering)\b"
)
#: Leading the initiative with the host: "initiated by X", "at the initiative of X".
_LEADS = re.compile(
    rf"\b(?i:(?:initiated|launched|spearheaded|proposed|led|conceived|put\s+forward|tabled"
    rf"|(?:co-?)?authored|drawn\s+up|drafted)\s+by)\s+(?:the\s+)?"
    rf"{_LIST}(?:the\s+)?\*\*"
    rf"|\b(?i:at\s+the\s+initiative\s+of)\s+(?:the\s+)?{_LIST}(?:the\s+)?\*\*"
    # a speaker proposing with the candidate's minister: "Together with my **Norwegian**
    # colleague, I propose …"
    rf"|\b(?i:(?:together\s+)?with)\s+(?i:my|our|his|her|their)\s+{_MARKED}\s+"
    r"(?i:colleagues?|counterparts?),?\s+(?i:I|we|he|she|they)\s+(?i:propose|proposed|drafted"
    r"|drew\s+up|put\s+forward)\b"
    # or in a relative clause after it: "Oman and the **United Arab Emirates**, which
    # drafted it over six months"
    rf"|{_MARKED}{_LIST_END}(?:\s*,\s*(?i:which|who))?\s+(?:\w+\s+){{0,2}}?"
    rf"(?:proposed|initiated|launched|spearheaded|put\s+forward|tabled|(?:co-?)?authored"
    rf"|drew\s+up|drafted|brought\s+(?:the|a|its|their)\s+(?:plan|proposal|draft|idea))\b"
)


#: A list of names set off by a pair of dashes, an apposition to the noun before it: "four
#: Gulf navies - Oman, the UAE, Qatar and Kuwait - signed up". Its dashes end no clause.
_DASHED_LIST = re.compile(
    rf"\s[-–]\s+(?:the\s+)?{_ITEM}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)"
    rf"(?:the\s+)?{_ITEM})+\s+[-–]\s|—\s*(?:the\s+)?{_ITEM}"
    rf"(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?{_ITEM})+\s*—"
)


#: A line that a short label opens, its items after it: "Observers: United States; …".
_LABELLED_LINE = re.compile(
    rf"[ \t]*[A-Z][\w ]{{0,30}}:(?:\s*(?:the\s+)?{_ITEM}\s*[,;]?(?:\s*and)?)+\s*$"
)


def clause(article: Article, span: Span) -> Span:
    """The clause of its sentence that holds ``span``."""
    sentence = article.sentence(span)
    start, end = sentence.start, sentence.end
    dashed = _DASHED_LIST.finditer(article.text, sentence.start, sentence.end)
    # not in a line of capitals, where every word looks like a name ("ANTOFAGASTA - CHILE,
    # PERU AGREE … - MINISTRY")
    apposed = [(m.start(), m.end()) for m in dashed if not m.group().isupper()]
    for brk in _CLAUSE_BREAK.finditer(article.text, sentence.start, sentence.end):
        if any(a <= brk.start() and brk.end() <= b for a, b in apposed):
            continue  # "four Gulf navies - Oman, …, Qatar and Kuwait - signed up"
        before = (article.text, sentence.start, brk.start())
        if (
            brk.group().startswith(",")
            and (
                _LIST_ITEM.search(*before) or ("and" in brk.group() and _LIST_PAIR.search(*before))
            )
            and _NEXT_ITEM.match(article.text, brk.end())
        ):
            continue  # "Japan, Australia, and New Zealand": the last item of a list
        if re.fullmatch(_TIME, article.text[sentence.start : brk.start()].strip()):
            continue  # "11:25 - Jamaica's minister …": a time stamp is no clause
        if brk.group() == ";" and _LABELLED_LINE.match(
            article.text, article.text.rfind("\n", 0, brk.start()) + 1, brk.start()
        ):
            continue  # "Observers: United States; the IOM": the label is every item's
        if brk.end() <= span.start:
            start = brk.end()
        elif brk.start() >= span.end:
            end = brk.start()
            break
    return Span(start, end, "exact")


def marked_clauses(article: Article, spans: list[Span], *, whole: bool = False) -> list[str]:
    """Each distinct clause naming the candidate, its mentions marked ``**…**``.

    ``whole`` gives the sentences instead of their clauses. A list item's clause begins
    with the list's lead-in ("Connected remotely: - **Singapore**, through a video line"),
    which says how every item of it took part.
    """
    by_clause: dict[tuple[int, int], list[Span]] = {}
    for span in spans:
        c = article.sentence(span) if whole else clause(article, span)
        by_clause.setdefault((c.start, c.end), []).append(span)
    out = []
    for (start, end), mentions in sorted(by_clause.items()):
        text, cursor = "", start
        for m in sorted(mentions, key=lambda s: s.start):
            if m.start < cursor:
                continue
            text += article.text[cursor : m.start] + "**" + article.text[m.start : m.end] + "**"
            cursor = m.end
        lead = article.lead_in(article.sentence(Span(start, end, "exact")))
        out.append(lead + text + article.text[cursor:end])
    return out


def absence(clauses: list[str], *, specific: bool = True) -> Status | None:
    """Why the candidate was not there, if a clause naming it says it was not.

    ``specific`` reads only the decisive cues (not invited, declined, no response, an
    empty seat); otherwise only the bare negation or absence, which a stated way of taking
    part in another clause outweighs (see :data:`_ABSENT`).
    """
    for pattern, status, decisive in _ABSENT:
        if decisive is specific and any(_in_scope(pattern, c) for c in clauses):
            return status
    return None


#: Words that open an adjunct or a second predicate after a cue: a candidate inside it is
#: not the cue's ("Chad was left off the list after a row with **Niger**").
_ADJUNCT = re.compile(
    r"\b(?:after|before|with|against|over|because|since|following|amid|despite|when|where"
    r"|which|who|whose|than)\b"
    # a second verb phrase: "they would withdraw and call in **Tajik** troops"
    r"|\b(?:and|or|but)\s+(?!(?:the|a|an|its|their|his|her)\b)(?-i:[a-z])",
    re.I,
)


#: An absolute clause with its own subject: ", with Nigeria taking part …".
_WITH_ANOTHER = re.compile(r",\s*with\s+(?:the\s+)?(?-i:[A-Z])")
#: An open non-restrictive relative clause before a mention: ", which Gulf governments
#: accuse of arming the Houthi movement in" — its predicate after the closing comma is
#: its head's.
_INSIDE_RELATIVE = re.compile(r",\s*(?:which|who|whose|where)\b[^,]*$", re.I)
#: The same clause right after its head, up to its closing comma.
_RELATIVE = re.compile(r"^\s*,\s*(?:which|who|whose|where)\b[^,]*,", re.I)
#: The candidate as the subject of a copula whose noun carries a relative clause: the
#: clause's predicate is the candidate's, and its "that" is no reported speech ("**Chile**
#: was the only member state that did not send a delegation").
_COPULAR_RELATIVE = re.compile(
    r"^\s*(?:is|was|are|were|remains|remained)\s+(?:the|an?|one\s+of\s+the|among\s+the)"
    r"\s+(?:[\w-]+\s+){1,4}?(?:that|which|who)\b",
    re.I,
)


#: A preposition of place or time before a capitalised word: a place or a day, no subject.
_PLACE_OR_TIME = re.compile(r"\b(?:in|on|at|from|near|off|since|until|during)\s+(?:the\s+)?$", re.I)


def _in_scope(pattern: re.Pattern[str], clause: str) -> bool:
    """Whether a cue of ``pattern`` in ``clause`` is said of the marked candidate.

    A cue after the candidate is its predicate unless reported speech or another name
    comes between ("**France** said the U.S. was not invited"); a cue before it ("excluding
    the **United States**", "Empty chairs for Mali and **Niger**") is its own, unless the
    candidate is in an adjunct after it ("… left off the list after a row with **Niger**").
    """
    marks = list(_MARK.finditer(clause))
    for cue in pattern.finditer(clause):
        before = [m for m in marks if m.end() <= cue.start()]
        if not before:
            after = [m.start() for m in marks if m.start() >= cue.end()]
            if (
                after
                and "," in clause[cue.end() : after[0]]
                and _SOURCE_SAYS.search(clause, after[0])
            ):
                continue  # "Belgrade withdrew, a member of the **Albanian** team tells us"
            if not after or not _ADJUNCT.search(clause, cue.end(), after[0]):
                return True
            continue
        last = before[-1]
        latter = _LATTER.search(clause, last.end(), cue.start())
        if latter and re.search(r"[A-Z]", clause[last.end() : latter.start()]):
            continue  # "A, B and C, the latter by video": only C is remote
        if (
            _INSIDE_RELATIVE.search(clause, 0, last.start())
            and "," in clause[last.end() : cue.start()]
        ):
            continue  # "Iran, which … arming the Houthis in **Yemen**, was left off": Iran's
        between = _LIST_REST.sub("", _OWN_PERSON.sub("", clause[last.end() : cue.start()]))
        between = _RELATIVE.sub("", between)  # "**Iran**, which … in Yemen, was left off"
        between = _COPULAR_RELATIVE.sub("", between)
        subject = _AUXILIARY.sub("", between).rstrip(" ,")
        another = re.search(r"(?-i:[A-Z])[\w.’'-]*$", subject)  # "… the U.S. was not invited"
        if another and _PLACE_OR_TIME.search(subject, 0, another.start()):
            another = None  # "attended the meeting in Baku on Wednesday as an observer"
        if _WITH_ANOTHER.search(between):
            continue  # "brought together Benin, …, with Nigeria taking part as an observer"
        if not _REPORTED.search(between) and another is None:
            return True
    return False


def _elsewhere_said(clause: str) -> bool:
    """Whether a live entry's speaker speaks from elsewhere, before what it says begins."""
    said = _WHAT_IS_SAID.search(clause)
    return _ELSEWHERE_SAID.search(clause, 0, said.start() if said else len(clause)) is not None


#: The meeting as the subject that gathers the candidate: "the meeting in Cotonou brought
#: together Benin, Togo and **Ghana**".
_BROUGHT_TOGETHER = re.compile(
    r"\b(?i:meeting|talks|summit|conference|session|gathering|forum)\b[^.;]{0,40}?"
    r"\b(?i:brought|brings|bring|bringing)\s+together\s+(?:the\s+)?"
    rf"(?:(?i:ministers|leaders|delegations|representatives)\s+(?i:of|from)\s+)?{_LIST}"
    rf"(?:the\s+)?{_MARKED}"
)


def stated_part(clauses: list[str], meeting: str = "") -> Status | None:
    """How the candidate took part, where a clause naming it says so; else None.

    Remote and observer cues have the scope of absence cues: "**French** President X was
    present, with others joining remotely" says nothing remote of France. ``meeting`` is
    the article's opening, which names the meeting's place (see :func:`signed_at`).
    """
    if any(_in_scope(_REMOTE, c) or _ON_THE_LINE.search(c) for c in clauses):
        return "remote_attendee"
    if any(_in_scope(_OBSERVER, c) for c in clauses):
        return "observer"
    if any(_either_form(_HOSTS, c) for c in clauses):
        return "host"
    if any(_LED_MEETING.search(c) for c in clauses):
        return "co_organiser"
    if any(
        _SIGNED_BY.search(c) or _SIGNED_FOR.search(c) or _ENVOYS_ACT_AT.search(c) for c in clauses
    ):
        return "attendee"
    if any(
        _BROUGHT_TOGETHER.search(c) or _WAS_PRESENT.search(c) or _REPRESENTED_IN.search(c)
        for c in clauses
    ):
        return "attendee"
    if any(_in_scope(_SIGNED, c) for c in clauses) or signed_at(clauses, meeting):
        return "attendee"
    if any(_either_form(_LIVE_ENTRY, c) and not _elsewhere_said(c) for c in clauses):
        return "attendee"
    if any(_delegation_there(c) for c in clauses) or represented(clauses):
        return "attendee"
    if any(_either_form(_ATTENDED, c) or _SEATED.search(c) or _WE_THE.search(c) for c in clauses):
        return "attendee"
    return None


def signed_at(clauses: list[str], meeting: str) -> bool:
    """Whether the candidate signed in the place the article's opening (``meeting``) names.

    The opening says which meeting the article reports, and where: "Muscat talks: …" over
    "… signed up in Muscat this week". Signing in another place may be another meeting.
    The place must be named in the opening outside the clause itself.
    """
    for c in clauses:
        signed = _SIGNED_IN.search(c)
        elsewhere = meeting
        for line in c.replace("**", "").splitlines():  # a list's lead-in is a line of its own
            elsewhere = elsewhere.replace(line, " ") if line.strip() else elsewhere
        if signed and re.search(rf"\b{re.escape(signed['place'])}\b", elsewhere, re.I):
            return True
    return False


#: A declaration's signatories speaking as one: "We, the representatives of Chile, **Peru**
#: and Bolivia, and of the European Union, meeting in Lima, …".
_WE_THE = re.compile(
    r"^\s*(?i:we),?\s+the\s+(?:[\w-]+\s+){0,3}?(?i:representatives|ministers|leaders|heads\s+of"
    r"\s+(?:state|government)|delegates|delegations|governments|envoys)\s+(?i:of|from)\s+"
    rf"(?:{_LIST}(?:the\s+)?{_MARKED}|[^;.]*?,?\s+and\s+(?i:of|from)\s+(?:the\s+)?{_MARKED})"
)


#: The candidate's own person seated in the hall: "A **Hungarian** diplomat in the back
#: row", "the **Brazilian** official on the front row".
_SEATED = re.compile(
    rf"{_MARKED}(?:’s|'s)?\s+(?:[\w-]+\s+){{0,3}}?(?:in|on)\s+the\s+(?:front|back|first|second"
    r"|third|last)\s+rows?\b",
    re.I,
)


#: Being represented at the meeting by someone: "**Chile** was represented only by its
#: ambassador" ("was not represented" is absence, read before), or having sent someone:
#: "**Brazil** sent a senior official from its environment ministry". Not someone sent
#: to another place ("sent an envoy to Caracas"): that may be another meeting.
_REPRESENTED_BY = re.compile(
    rf"{_MARKED}(?:’s|'s)?{_LIST_END}\s+(?:(?:was|is|were|are|has\s+been|have\s+been)\s+"
    r"represented\s+(?:(?:only|here|there|solely|just)\s+)?by\b"
    r"|(?:(?i:only|also|instead)\s+)?sent\s+(?!(?i:no|not|nobody|none)\b)"
    r"(?:(?:a|an|its|their|one|two|three|four)\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?i:officials?|ministers?|envoys?|representatives?|delegates?"
    r"|ambassadors?|diplomats?|observers?|deputy|secretary|advis[eo]rs?|chiefs?|generals?)\b"
    r"(?![^,;.]*\bto\s+(?-i:[A-Z])))"
)


#: The candidate's own delegation or delegate: "the **Albanian** delegation", "**Uganda**'s
#: delegation", "the **French** delegate", "a delegation from **India**", "delegations from
#: Peru, **Chile** and Bolivia".
_OWN_DELEGATION = re.compile(
    rf"{_MARKED}(?:’s|'s)?\s+delegat(?:ion|e)\b"
    rf"|\bdelegations?\s+(?:of|from)\s+(?:the\s+)?{_LIST}(?:the\s+)?{_MARKED}",
    re.I,
)


#: A delegation as the object of what is yet to happen: "will host a delegation from …",
#: "to receive the … delegation". Stricter than :data:`_IRREALIS`, where "will" is the plan
#: of record of one's own coming: here it is another's verb.
_TO_RECEIVE = re.compile(r"\b(?:will|would|may|might|could|to)\s+(?:\w+\s+)?$")


def _delegation_there(clause: str) -> bool:
    """Whether the clause has the candidate's own delegation, neither absent nor only expected.

    A delegation is people sent to the meeting; the clause must not negate it ("Burundi's
    delegation never arrived", "did not send a delegation") or make it a possibility.
    """
    match = _OWN_DELEGATION.search(clause)
    return (
        match is not None
        and absence([clause]) is None
        and absence([clause], specific=False) is None
        and not _IRREALIS.search(clause, 0, match.start())
        and not _TO_RECEIVE.search(clause, 0, match.start())
    )


def _either_form(pattern: re.Pattern[str], clause: str) -> bool:
    """Whether ``pattern`` is found in ``clause`` as written or with its own person folded in.

    The person's relative clause may say what the country did ("**Nigeria**'s president,
    who chaired the summit"), or stand between the person and the main verb ("**Panama**'s
    minister, …, who put forward the plan, hosted the talks"): both are read.
    """
    return any(
        pattern.search(form) is not None
        for form in (clause, _as_actor(clause), _as_actor(clause, skip_relative=True))
    )


def _as_actor(clause: str, *, skip_relative: bool = False) -> str:
    """``clause`` with the candidate's own person folded into it, its relative clause out.

    "The **Nigerian** president Ibrahim Danjuma, who presided over the summit" says of
    Nigeria what it says of its president: "The **Nigerian** who presided over the summit";
    "**Burundi**, whose contingent is being withdrawn, sent its army chief" says "**Burundi**
    sent its army chief".
    """
    out, cursor = "", 0
    for mark in _MARK.finditer(clause):
        out += clause[cursor : mark.end()]
        person = _OWN_PERSON.match(clause[mark.end() :])  # anchored at ^: match a slice
        # the space after the person stays: "**Japan**'s minister Sato pledged"
        cursor = mark.end() + (len(person.group().rstrip()) if person else 0)
        if person is None and (relative := _RELATIVE.match(clause[cursor:])) is not None:
            cursor += relative.end()
        elif skip_relative and person is not None and person.group().rstrip().endswith(","):
            # "**Panama**'s minister, Ricardo Arosemena, who put forward the plan, hosted"
            relative = _RELATIVE.match("," + clause[cursor:])
            cursor += relative.end() - 1 if relative is not None else 0
    return out + clause[cursor:]


#: Words of being at a meeting. The small model answers "yes" to much that is only named
#: near the meeting (an alliance as a framework, the adversary, a later meeting of some
#: of them): its "yes" stands only with such words in a clause naming the candidate.
_AT_THE_MEETING = re.compile(
    rf"\b(?:attend\w*|particip\w*|{_TAKE_PART}|join\w*|present|delegations?"
    r"|delegates|teams?|contingents?|t(?:akes?|ook|aking)\s+the\s+floor|flew\s+in"
    # presenting something in the active voice, not being presented to
    r"|(?<!\bbe\s)(?<!\bbeen\s)(?<!\bis\s)(?<!\bwas\s)(?<!\bwere\s)(?<!\bare\s)"
    r"present(?:s|ed)\b(?!\s+to\b)"
    r"|open(?:s|ed|ing)?\s+the\s+(?:\w+\s+)?(?:meeting|session|talks|summit|conference"
    r"|proceedings|day|debate|discussion|gathering|plenary)"
    # back from the meeting's city: "returned from Nairobi saying …", "just back from Tashkent"
    r"|(?:return(?:s|ed|ing)?|c(?:a|o)me\s+(?:home|back)|flew\s+(?:home|back)|(?:just\s+)?back)"
    r"\s+(?:home\s+)?from\s+(?=(?-i:[A-Z]))"
    r"|represent(?:ed|s|ing)|sent|send\w*|among\s+(?:the\s+)?(?:participants|attendees"
    r"|delegations|delegates|ministers|leaders|those\s+(?:attending|present))|co-?host\w*"
    r"|co-?chair\w*|host\w*|chair\w*|observer|addressed|included|gather\w*|met|arriv\w*"
    r"|s[ai]t\s+(?:down\s+)?(?:with|between|beside|next\s+to)\b"
    # a host welcoming people, not a plan: "welcomed ministers and representatives of …"
    r"|welcom\w*\s+(?:the\s+)?(?:ministers|representatives|delegations|delegates|leaders"
    r"|officials|envoys|heads)"
    r"|in\s+(?:the|this)\s+(?:room|hall)|(?:at|around)\s+(?:the|this|our)\s+table|flew\s+to"
    r"|travell?ed\s+to"
    # a seat in the hall: "the Brazilian official on the front row"
    r"|(?:in|on)\s+the\s+(?:front|back|first|second|last)\s+rows?"
    # signing the meeting's text ("signed a letter of intent"), not an earlier deal ("a
    # week after signing a policing agreement")
    r"|(?<!after\s)(?<!before\s)(?<!since\s)sign(?:ed|s|ing)\s+(?:the|a|an|its|their)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:letter\s+of\s+intent|declaration|statement|communiqu\w*"
    r"|memorandum)"
    # among those who signed: "three signatures: Chile, Peru and …", "the signatories"
    r"|signatures|signator(?:y|ies)"
    r"|beside|alongside|flanked|at\s+(?:his|her|their)\s+side|among\s+the\s+first"
    # there from its start: "had supported it from the first session"
    r"|from\s+the\s+(?:first|opening)\s+(?:session|sitting|meeting|day)"
    r"|t(?:old|ells?)\s+the\s+(?:meeting|conference|summit|talks|room|hall|plenary"
    r"|delegates|delegations)|(?:during|at)\s+the\s+(?:meeting|talks|summit|conference"
    r"|session))\b",
    re.I,
)


#: A modal of possibility or an intention before a word of being there: "may join later",
#: "would send troops", "plans to attend" say what may be, not who was there. The future
#: of a preview ("will send their chiefs", "is expected to join") is the plan of record.
_IRREALIS = re.compile(
    r"\b(?:may|might|could|would|(?:plans?|intends?|hopes?|wants?|likely|ready"
    # asked to, which says nothing of doing it: "have been invited to join" (a preview's
    # "is expected to join" is its plan of record, as its future is)
    r"|invited|asked|urged|encouraged)\s+to)"
    r"\s+(?:\w+\s+){0,2}?$",
    re.I,
)


#: People who act for a country at a meeting: "ministers of **Chile** and Peru".
_ENVOYS = (
    # perhaps of a portfolio: "Transport ministers of …", "the defence ministers from …"
    r"(?:(?i:the|their|its)\s+)?(?:(?-i:[A-Z])?[a-z]+\s+)?(?i:ministers?|leaders?|representatives?|delegations?|delegates"
    r"|governments?|envoys?|heads\s+of\s+(?:state|government))\s+(?i:of|from)\s+"
)
#: The meeting's text signed or adopted by the candidate, in the passive: "The statement was
#: signed by Ethiopia, **Kenya**, Djibouti …" (not a text of another year).
_SIGNED_BY = re.compile(
    r"\b(?i:statement|declaration|communiqu\w*|memorandum|document|text|pact|accord)\s+"
    r"(?i:was|were|is|has\s+been|have\s+been)\s+(?i:(?:co-?)?signed|adopted|endorsed)\s+"
    r"(?i:(?:today|yesterday|on\s+\w+day)\s+)?(?i:by)\s+"
    rf"(?:{_ENVOYS})?(?:the\s+)?{_LIST}(?:the\s+)?{_MARKED}(?![^.;]*\b(?:19|20)\d\d\b)"
)
#: A person signing in the candidate's name: "where she signed for the **Philippines**",
#: "signed on behalf of **Chile**", "who signed the agreement for the **Maldives**"; not a
#: signature of an earlier year.
_SIGNED_FOR = re.compile(
    r"\b(?i:(?:co-?)?sign(?:ed|s))\s+(?:(?i:the|this|that)\s+(?:[\w-]+\s+){0,2}?"
    r"(?i:agreement|declaration|deal|accord|pact|statement|communiqu\w*|text|memorandum)\s+)?"
    r"(?i:for|on\s+behalf\s+of)\s+"
    rf"(?:the\s+)?{_LIST}(?:the\s+)?{_MARKED}(?![^.;]*\b(?:19|20)\d\d\b)"
)
#: What a participant does to the matter of a meeting, in the simple past or present: a
#: pluperfect ("had offered") is before the meeting, a modal ("would back") is no act, and
#: an offer *to do* something ("offers to share training material") is an intention. Not
#: the present perfect either: "Saudi Arabia has pledged $15 million" is as often said of
#: a donor who was not there.
_ACT_VERB = (
    r"(?i:endorsed|endorses|backed|backs|approved|approves|agreed|agrees|adopted|adopts"
    # deciding together what the meeting is for: "Today Colombia, Peru and Ecuador decided
    # to guard the river together" (not deciding against it: the model's "yes" is needed)
    r"|decided(?!\s+(?:not|against)\b)"
    r"|pledged|pledges|made\s+(?:\w+\s+)?pledges|signed\s+up|voted|committed|commits"
    r"|promised|promises|offered(?!\s+to\s)|offers(?!\s+to\s)|supported|supports"
    r"|signed|signs|signed\s+on\s+to|put\s+(?:his|her|its|their)\s+names?\s+to)"
)
#: The same acts in the present of a plural subject ("ministers from A, B and C endorse a
#: flotilla"): only right after the subject, where the bare verb is no infinitive.
_ACT_VERB_PLURAL = r"(?i:endorse|back|approve|agree|adopt|pledge|commit|promise|support|sign|vote)"
#: What may open a headline before its subject: a tag, a kicker ("Coast guard: …"); and
#: what may open a clause before it: a connective, a time of the day of the meeting ("This
#: morning France, Chile … signed up").
_KICKER = r"(?:\[[^\]]{1,40}\]\s*)?(?:[\w -]{1,40}:\s+)?"
_OPENER = (
    r"(?:(?i:and|but|then|later|meanwhile|also|today|yesterday|earlier|this\s+(?:morning"
    r"|afternoon|evening)|on\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day),?\s+"
    # or the place of the meeting: "In Ruse, ministers from …"
    rf"|(?i:in|at)\s+{_NAME},\s+"
    # or the source of a report: "According to him, the ministers of …"
    r"|(?i:according\s+to\s+(?:him|her|them|the\s+\w+|(?-i:[A-Z])[\w’'-]+)),\s+)?"
)
#: A noun a list of names is set off after by a dash or a bracket, the list's head: "four
#: Gulf navies - **Oman**, the UAE … -", "three states (**Chad**, Niger and Mali)".
_APPOSED_HEAD = r"(?:(?:[\w-]+\s+){1,4}?(?:[-–—(]\s*))?"
_APPOSED_END = r"(?:\s*[-–—)])?"
#: A group of states the list goes on from: "Thirty-one countries and the **EU** signed".
_GROUP_HEAD = (
    r"(?:(?:[\w-]+\s+){0,2}?(?i:countries|states|nations|governments|delegations)"
    r"\s+(?i:and|plus)\s+)?"
)
#: The candidate opening its clause as (one of) its subject(s), after what may come before.
_SUBJECT = (
    rf"^\s*{_KICKER}{_OPENER}{_APPOSED_HEAD}{_GROUP_HEAD}(?:{_ENVOYS})?(?:(?i:the)\s+)?"
    rf"{_LIST}(?:the\s+)?{_MARKED}(?:’s|'s)?{_LIST_END}{_APPOSED_END}"
)
#: Signing at the place of the meeting the article reports, its subject the candidate:
#: "Ghana, Senegal … put their names to the deal in Accra on Wednesday", "four Gulf navies
#: - Oman, … - signed up in Muscat this week". Whoever signs in that place was there; not a
#: signature of another year (the place is checked by :func:`signed_at`).
_SIGNED_IN = re.compile(
    rf"{_SUBJECT}\s+(?:(?i:also|jointly|formally|all|both|each|unanimously|then)\s+)?"
    r"(?i:(?:co-?)?signed(?:\s+(?:up|on))?|put\s+(?:its|their|his|her)\s+names?\s+to)\b"
    rf"[^.;]{{0,60}}?\b(?i:in|at)\s+(?P<place>{_NAME})"
    r"(?![^.;]*\b(?:(?:19|20)\d\d|(?i:last|previous|earlier|ago))\b)"
)
#: Someone said to have represented the candidate in a place or at the meeting: "Mohamed
#: Ould Sidi represented **Mauritania** in Marrakesh", "…, where he represented **Egypt**
#: at the meeting". Not in another year or for a time ("represented Chile in Madrid for
#: years").
_REPRESENTED_IN = re.compile(
    rf"\b(?i:represented)\s+(?:the\s+)?{_MARKED}\s+(?i:in|at)\s+(?:(?i:the)\s+)?"
    r"(?:(?-i:[A-Z])|(?i:meeting|talks|summit|conference|session)\b)"
    r"(?![^.;]*\b(?:(?:19|20)\d\d|(?i:last|previous|earlier|ago|years|until|former\w*))\b)"
)
#: The candidate said to be present, as the subject of its clause: "Namibia, Botswana and
#: **Zambia** were present in Windhoek" (not presenting something: "are present to …").
_WAS_PRESENT = re.compile(
    rf"{_SUBJECT}\s+(?i:was|were|is|are)\s+(?:(?i:also|all|both)\s+)?(?i:present)\b"
    r"(?!\s+(?i:to|a|an|the|its|their|his|her)\b)"
)
#: The candidate as the subject of such an act, opening its clause ("Finland, Sweden and
#: **Denmark** endorsed the plan", "Ministers of **Chile** also agreed"), as its agent
#: ("the squadron agreed in Tromsø by ministers of **Canada**, Denmark …"), or as the one
#: who did the same ("…, as did **Chile**").
_ACTS = re.compile(
    rf"{_SUBJECT}\s+(?:(?i:also|jointly|formally|all|both|each|unanimously|swiftly|then)\s+)?"
    rf"(?:{_ACT_VERB}|{_ACT_VERB_PLURAL})\b"
    rf"|\b{_ACT_VERB}\s+(?:[\w-]+\s+){{0,6}}?(?i:by)\s+(?:{_ENVOYS})?(?:the\s+)?{_LIST}"
    rf"(?:the\s+)?{_MARKED}"
    # or doing the same after it: "Peru backed the plan, as did **Chile**"
    rf"|\b{_ACT_VERB}\b[^.;]*?,?\s+(?i:as\s+did|and\s+so\s+did)\s+(?:the\s+)?{_LIST}"
    rf"(?:the\s+)?{_MARKED}"
)


#: The candidate as the subject of attending, in the simple past, opening its clause:
#: "**Mozambique** attended as a guest and did not sign", "… took part in the talks". Not
#: another meeting's ("attended a similar meeting in Colombo in 2019").
_ATTENDED = re.compile(
    rf"^\s*{_KICKER}{_OPENER}(?:{_ENVOYS})?(?:(?i:the)\s+)?"
    rf"{_LIST}(?:the\s+)?{_MARKED}"
    # or its government: "Tunisia and **Libya**'s Tripoli-based government took part"
    r"(?:(?:’s|'s)(?:\s+[\w-]+){0,2}?\s+(?i:government|administration|authorities|delegation))?"
    rf"(?:’s|'s)?{_LIST_END}"
    r"\s+(?:(?i:also|both|all|duly)\s+)?(?i:attended|took\s+part|participated)"
    r"(?=\s+(?i:as\b|in\s+person\b|the\s+(?:talks|meeting|summit|conference|session|gathering)\b"
    r"|in\s+the\s+(?:talks|meeting|summit|conference|session|gathering)\b)"
    r"|\s*[,.;]|\s*$|\s+(?:and|but)\b)"
    r"(?![^.;]*\b(?:19|20)\d\d\b)(?![^.;]*\b(?i:last|previous|earlier|similar)\b)"
)


#: The candidate's envoys acting at the meeting's place, which the clause opens with: "In
#: Ruse, ministers from Bulgaria, **Romania** … endorse a flotilla". They were there in
#: person; not a time of another meeting ("In Brussels last month, …").
_ENVOYS_ACT_AT = re.compile(
    rf"^\s*(?i:in|at)\s+{_NAME},\s+{_ENVOYS}(?:the\s+)?{_LIST}(?:the\s+)?{_MARKED}{_LIST_END}"
    rf"\s+(?:(?i:also|jointly|formally|all|both|each|unanimously)\s+)?"
    rf"(?:{_ACT_VERB}|{_ACT_VERB_PLURAL})\b"
    r"(?![^.;]*\b(?:(?:19|20)\d\d|(?i:last|previous|earlier|ago))\b)"
)


def acts(clauses: list[str]) -> bool:
    """Whether a clause has the candidate doing what a meeting does: endorsing, pledging.

    A second way past the gate of :func:`present_words`, narrower than any word near the
    candidate: it must be the subject (or the agent) of the act, the act in the past or
    present, not a plan or an earlier step. The model's "yes" is still needed.
    """
    return any(_either_form(_ACTS, c) for c in clauses)


def present_words(clauses: list[str]) -> bool:
    """Whether a clause naming the candidate speaks of being at the meeting.

    Leading the initiative counts too: its leaders are its organisers; so does acting on
    the meeting's matter (:func:`acts`). A word of being there under a modal or an
    intention ("may join later") does not count, nor one whose people report what names
    the candidate as a place ("Several delegations noted that the fuel comes from tankers
    registered in **Russia**").
    """
    return (
        leads(clauses)
        or acts(clauses)
        or any(
            not _IRREALIS.search(c, 0, word.start()) and not _reported_by(c, word)
            for c in clauses
            for word in _AT_THE_MEETING.finditer(c)
        )
    )


def _reported_by(clause: str, word: re.Match[str]) -> bool:
    """Whether every mention of the candidate is a place inside what ``word``'s people report.

    The scope of reported speech is the rest of its clause: a mention after the word with a
    verb of saying or a "that" between is in what was said. There a place ("registered in
    **Russia**") is only where something is; a subject ("said Ethiopia, **Kenya** … had
    signed") may still be one who took part, and the model is asked.
    """
    return all(
        mark.start() >= word.end()
        and _REPORTED.search(clause, word.end(), mark.start()) is not None
        and _PLACE_OR_TIME.search(clause, 0, mark.start()) is not None
        for mark in _MARK.finditer(clause)
    )


#: Taking part from a place: "who is following from **Athens**", "joined from **Kampala**".
_FROM_PLACE = re.compile(
    rf"\b(?:follow\w*|join\w*|connected|dial+ed\s+in|particip\w*|{_TAKE_PART}"
    r"|speak\w*|watch\w*)\s+(?:[\w-]+\s+){0,3}?from\s+\*\*"
    # the remote medium itself: "On the screen from **Washington**", "by video from **Riyadh**"
    r"|\b(?:screen|video|videoconference|video\s*link|link)\s+from\s+\*\*",
    re.I,
)


def remote_from(sentences: list[str]) -> bool:
    """Whether a sentence has the candidate's capital as where someone takes part remotely.

    A country named only by its capital ("On the big screen: Nikos Vardakis, who is
    following from **Athens**") takes part remotely when the sentence says both.
    """
    return any(
        (_REMOTE.search(s) and _FROM_PLACE.search(s)) or _ON_THE_LINE.search(s) for s in sentences
    )


#: The candidate (or its capital) itself on the line to the meeting: "**Nouakchott** is on
#: the line" ("jobs are on the line" names no candidate before it).
_ON_THE_LINE = re.compile(
    r"\*\*\s+(?:is|are|was|were)\s+(?:now\s+)?on\s+the\s+(?:line|phone)\b", re.I
)


#: Observers said to come from the candidate's capital: "Two observers from **Dhaka**",
#: "observers from Dhaka and one from **Port Louis**".
_OBSERVERS_FROM = re.compile(
    rf"\bobservers?\s+from\s+(?:{_NAME}\s+and\s+(?:one|two|three|another)\s+from\s+)?\*\*",
    re.I,
)


def observers_from(sentences: list[str]) -> bool:
    """Whether a sentence has observers in the hall who come from the candidate's capital."""
    return any(_OBSERVERS_FROM.search(s) and not _IRREALIS.search(s) for s in sentences)


def represented(clauses: list[str]) -> bool:
    """Whether a clause has the candidate represented by someone, or sending someone.

    "**Kinshasa** was represented by the deputy minister", "**Kinshasa** sent a deputy
    minister": a capital standing for its government, too.
    """
    return any(_REPRESENTED_BY.search(_as_actor(c)) for c in clauses)


def leads(clauses: list[str]) -> bool:
    """Whether a clause naming the candidate says it leads or started the initiative."""
    return any(_LEADS.search(c) for c in clauses)


#: What stands between two names of one coordinated list: "Chile, Peru", "Chile and the
#: Bahamas", "Chile, and Peru".
_LIST_GAP = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?(?:the\s+)?|\s+(?:and|or)\s+(?:the\s+)?")


def coordinated(article: Article, mentions: dict[str, list[Span]]) -> list[set[str]]:
    """Candidates named side by side in one list ("Ministers of Chile, Peru and Bolivia").

    Names of one coordinated list share the list's predicate: whatever the list is said
    to do, each of them does.
    """
    spans = sorted((m.start, m.end, name) for name, ms in mentions.items() for m in ms)
    groups: list[set[str]] = []
    current: set[str] = set()
    for (_, end, name), (start, _, after) in pairwise(spans):
        current.add(name)
        if _LIST_GAP.fullmatch(article.text, end, start) and after != name:
            current.add(after)
            continue
        if len(current) > 1:
            groups.append(current)
        current = set()
    if len(current) > 1:
        groups.append(current)
    return groups
