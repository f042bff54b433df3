"""The deterministic parts of extraction: passages, gazetteer candidates, the context a
candidate is asked about, and what the text itself says of taking part or absence."""

from __future__ import annotations

import itertools
from typing import TypeVar

import pytest
from pydantic import BaseModel

from schemas import ProposalDraft, SecurityForceProposal
from schemas.participants import ParticipantDraft, ParticipantsDraft
from schemas.tasks import PhasesDraft
from service.builtins.participants.records import ground_participants
from service.builtins.participants.roles import (
    absence,
    leads,
    marked_clauses,
    present_words,
    stated_part,
)
from service.builtins.participants.tasks import (
    _sentences_about,
    actor_adjectives,
    opening,
    participant_statuses,
)
from service.builtins.proposal.tasks import phases, proposal, reports_a_force
from service.canon import (
    demonyms,
    find_entities,
    find_nationalities,
    nationality_mentions,
    surface_forms,
    with_plural,
)
from service.chunks import passages
from service.ground import Article
from service.specs import builtin_specs

from .conftest import SEEDS


def seed(prefix: str) -> Article:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return Article(path.stem, path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_passages_cover_the_article_in_order(prefix: str) -> None:
    article = seed(prefix)
    parts = passages(article)
    assert all(p.end - p.start <= 700 for p in parts)
    assert all(a.end <= b.start for a, b in itertools.pairwise(parts))
    covered = " ".join(p.text(article) for p in parts)
    words = [w for w in article.text.split() if w != "0"]
    assert [w for w in covered.split() if w != "0"] == words


def test_the_gazetteer_finds_every_country_named_in_seed_003() -> None:
    found = find_entities(seed("003"))
    assert {
        "France", "United Kingdom", "Croatia", "Montenegro", "United States", "Ireland",
        "Cyprus", "Austria", "Australia", "New Zealand", "Japan", "South Korea", "Ukraine",
    } <= set(found)  # fmt: skip
    assert found["NATO"][0] == "organisation"
    assert "Korea" not in found and "Guinea" not in found


def test_an_agency_named_with_its_parent_is_the_agency_and_acronyms_are_found() -> None:
    text = (
        "The UN Office on Drugs and Crime opened the session. Observers from the CSTO and "
        "an IMO legal adviser followed it."
    )
    found = find_entities(Article("a", text))
    assert set(found) == {
        "United Nations Office on Drugs and Crime",
        "Collective Security Treaty Organization",
        "International Maritime Organization",
    }  # "UN" inside the office's name is not the United Nations
    banks = "The Asian Development Bank observed; the EBRD and the AfDB pledged."
    assert set(find_entities(Article("a", banks))) == {
        "Asian Development Bank",
        "European Bank for Reconstruction and Development",
        "African Development Bank",
    }
    # an acronym that is also a word is the body only in capitals
    who = Article("a", "Who pays? The WHO observed, and who would not?")
    assert [
        who.text[s.start : s.end] for s in find_entities(who)["World Health Organization"][1]
    ] == ["WHO"]


@pytest.mark.parametrize(
    ("text", "name", "acting"),
    [
        ("The Kazakh side presented a draft.", "Kazakhstan", True),
        ("The Kyrgyz deputy minister spoke.", "Kyrgyzstan", True),
        ("The Nigerian team, led by a commodore, came.", "Nigeria", True),
        ("A Tajik contingent would guard the posts.", "Tajikistan", True),
        ("Uzbek cotton is sold abroad.", "Uzbekistan", False),
        ("She chaired it with her Kazakh counterpart.", "Kazakhstan", True),
        # a nationality's people after "the" are the country; citizens are not
        ("The Chadians brought the plan.", "Chad", True),
        ("We will not send young Chadians into a war.", "Chad", False),
        ("The Swiss stayed at home.", "Switzerland", False),
        ("A welcome to our Swiss friends and colleagues.", "Switzerland", True),
        # plurals of peoples not made with "s" alone
        ("The Danes backed the plan.", "Denmark", True),
        ("The Slovaks did not answer.", "Slovakia", True),
        ("Officials of the Turks and Caicos Islands came.", "Turkey", False),
    ],
)  # fmt: skip
def test_a_nationality_before_a_word_for_its_people_is_the_country_acting(
    text: str, name: str, acting: bool
) -> None:
    assert bool(actor_adjectives(Article("a", text), name)) is acting


def test_a_candidate_is_shown_marked_in_a_window_of_its_sentence() -> None:
    article = seed("000")
    _, spans = find_entities(article)["Japan"]
    context = _sentences_about(article, spans)
    assert "joining remotely from countries such as **Japan**, South Korea" in context
    assert context.startswith("… ") and "French President Emmanuel Macron" not in context


def clauses(text: str, name: str) -> list[str]:
    """The clauses of ``text`` naming ``name`` (and its nationality), marked."""
    article = Article("a", text)
    forms = [form for adjective in demonyms(name) for form in with_plural(adjective)]
    spans = article.mentions(list(surface_forms(name))) + nationality_mentions(article, forms)
    return marked_clauses(article, sorted(spans, key=lambda s: s.start))


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # absence, said many ways, in the candidate's own clause
        ("Russia, which several governments blame for the damage, was not represented.",
         "Russia", "mentioned"),
        ("Hungary, invited as a member, stayed away.", "Hungary", "declined"),
        ("The United States was a notable exception.", "United States", "not_invited"),
        ("There were no officials from China at the table.", "China", "mentioned"),
        ("Mexico did not participate in the meeting.", "Mexico", "mentioned"),
        ("The Emirates skipped the meeting, as did Qatar.", "Qatar", "declined"),
        ("Georgia turned down the invitation last week.", "Georgia", "declined"),
        ("Empty chairs for Mali and Niger.", "Niger", "mentioned"),
        ("Myanmar's chair stayed vacant.", "Myanmar", "mentioned"),
        ("Chile's seat at the table was empty again.", "Chile", "mentioned"),
        ("Peru's place remained unoccupied.", "Peru", "mentioned"),
        ("09:05 The seat reserved for Bolivia stays empty.", "Bolivia", "mentioned"),
        ("Almost the whole alliance - excluding the United States - is taking part.",
         "United States", "not_invited"),
        ("Haiti's delegation was unable to travel.", "Haiti", "mentioned"),
        ("Croatia and Montenegro did not respond to invitations.", "Croatia", "no_response"),
        # apologies sent, a relative clause between; a record's list of apologies
        ("Hungary, whose hauliers use the route, sent its apologies.", "Hungary", "declined"),
        ("The Slovaks have still not answered the invitation.", "Slovakia", "no_response"),
        ("Observer:\n- Chile\n\nApologies:\n- Hungary", "Hungary", "declined"),
        # reported speech and another subject keep a cue from the candidate
        ("A French official stated that the U.S. was not invited.", "France", None),
        ("EU members like Ireland, although not NATO members, will send their chiefs.",
         "Ireland", None),
        # the clause decides, not the sentence: Sweden's clause has no negation
        ("Sweden attended, while Chile did not reply to the invitation.", "Sweden", None),
        ("Sweden attended, while Chile did not reply to the invitation.", "Chile",
         "no_response"),
        ("Ministers from Spain and Italy attended the talks.", "Spain", None),
        # a cue before the candidate is another's when the candidate is in its adjunct
        ("Chad was left off the list after a quarrel with Niger.", "Niger", None),
        ("Chad was left off the list after a quarrel with Niger.", "Chad", "not_invited"),
    ],
)  # fmt: skip
def test_absence_is_read_in_the_candidates_clause(
    text: str, name: str, expected: str | None
) -> None:
    found = clauses(text, name)
    assert (absence(found) or absence(found, specific=False)) == expected


def test_an_empty_chair_is_not_chairing() -> None:
    found = clauses("Laos played host. Myanmar's chair stayed vacant.", "Myanmar")
    assert absence(found) == "mentioned"
    chaired = clauses("Myanmar's minister chaired the session.", "Myanmar")
    assert absence(chaired) is None and stated_part(chaired) == "host"


def test_a_stated_way_of_taking_part_outweighs_a_bare_negation_elsewhere() -> None:
    text = "Canada is here as an observer; a Canadian official says Ottawa will not send troops."
    found = clauses(text, "Canada")
    assert absence(found) is None and stated_part(found) == "observer"
    # and the negation is what the official says Ottawa will not do, not Canada's absence
    assert absence(found, specific=False) is None


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Japan's deputy minister followed the talks by video link.", "Japan", "remote_attendee"),
        ("Japan participated virtually.", "Japan", "remote_attendee"),
        ("Haiti's prime minister joined remotely from the capital.", "Haiti", "remote_attendee"),
        ("Japan is dialled in.", "Japan", "remote_attendee"),
        ("Canada followed the talks as an observer.", "Canada", "observer"),
        ("The Arctic Council and Canada attended as observers.", "Canada", "observer"),
        ("Canada, seated with the observers, spoke last.", "Canada", "observer"),
        # observers as people a mission sends are no observer status
        ("A mission of 300 observers, proposed by Canada, was endorsed.", "Canada", None),
        ("Canada will not send observers of its own.", "Canada", None),
        ("Japan appears on a video screen; its minister speaks from Tokyo.", "Japan",
         "remote_attendee"),
        ("A screen at the front shows Japan's minister.", "Japan", "remote_attendee"),
        ("Japan's deputy minister appears on screen and pledges aid.", "Japan",
         "remote_attendee"),
        ("A Japanese admiral was patched in from Tokyo.", "Japan", "remote_attendee"),
        ("Japan joined by phone.", "Japan", "remote_attendee"),
        # reached by a reporter by phone is no way of taking part
        ("A Japanese official, speaking by phone, says Tokyo will wait.", "Japan", None),
        # "the latter" is the last of the list only
        ("Peru welcomed ministers of Chile, Bolivia and Japan, the latter by "
         "videoconference.", "Japan", "remote_attendee"),
        ("Peru welcomed ministers of Chile, Bolivia and Japan, the latter by "
         "videoconference.", "Chile", None),
        # welcoming the ministers is hosting them
        ("Peru welcomed ministers of Chile, Bolivia and Japan, the latter by "
         "videoconference.", "Peru", "host"),
        ("Peru's Ana Vel is greeting delegations at the entrance.", "Peru", "host"),
        # chairing with the candidate's minister is chairing with the candidate
        ("Ana Vel chaired the session with her Chilean counterpart.", "Chile", "host"),
        ("Vel presided, together with her Chilean counterpart, over the talks.", "Chile",
         "host"),
        # hosting a thing is not hosting the meeting
        ("Chile will host the supply depot of the new force.", "Chile", None),
        ("Chile will host the next round of talks.", "Chile", "host"),
        ("Chile's minister joined the talks over a screen from her office.", "Chile",
         "remote_attendee"),
        ("Chile is connected from Santiago.", "Chile", "remote_attendee"),
        # the title's complement is part of the candidate's own person
        ("Chile's minister for civil defence, Ana Vel, dialled in from Santiago.", "Chile",
         "remote_attendee"),
        ("The talks were hosted by Denmark and the European Union.", "European Union", "host"),
        ("Co-hosts Finland and Estonia say ten governments take part.", "Estonia", "host"),
        ("Finland and Estonia, as co-chairs, welcomed the delegations.", "Estonia", "host"),
        ("Nigeria hosted the summit.", "Nigeria", "host"),
        ("Ministers from Chile and Peru signed the closing statement.", "Peru", "attendee"),
        # the meeting's text by its name, and a list of states by their formal names
        ("The ministers of the Republic of Chile and the Republic of Peru signed today the "
         "Arica Declaration.", "Chile", "attendee"),
        ("Chile signed the Lima Declaration in 2019.", "Chile", None),
        ("The ministers for civil protection of Chile, Peru and Bolivia today adopted the "
         "Quito Declaration on a Joint Unit.", "Peru", "attendee"),
        ("Chile adopted the Quito Convention in 2003.", "Chile", None),
        ("Chile signed the final declaration; Peru did not.", "Peru", None),
        ("The gathering, hosted by French President Emmanuel Macron, included", "France", "host"),
        ("Haitian PM Jean Pierre, connected by video from the capital, thanked the hosts.",
         "Haiti", "remote_attendee"),
        # the country's own person is the country
        ("The Chilean president Ana Vel, who presided over the summit, spoke first.",
         "Chile", "host"),
        # the cue is said of others
        ("French President Anne Roux was present, with others joining remotely from Japan.",
         "France", None),
        ("French President Anne Roux was present, with others joining remotely from Japan.",
         "Japan", "remote_attendee"),
        # naming the candidate in a hosting sentence states nothing of its own role
        ("The talks hosted by France drew chiefs from Ireland.", "Ireland", None),
        # attending, said of the candidate: "Ministers from" are its envoys
        ("Ministers from Spain and Italy attended the talks.", "Spain", "attendee"),
        # a live blog's entry opened by the candidate's own person speaking in the hall
        ("12:10 Chile's Ana Vel repeats that the boats must stay in port.", "Chile",
         "attendee"),
        ("11:25 - A Chilean delegate says his country will send medics.", "Chile",
         "attendee"),
        # … unless the entry puts the speaker elsewhere
        ("11:20 A Chilean foreign ministry statement says Santiago will wait.", "Chile", None),
        ("11:45 Chile's Ana Vel says in Santiago that the plan is premature.", "Chile", None),
        ("11:45 Chile's spokesman Jorge Vidal says the plan is premature.", "Chile", None),
        # a place and a day between the candidate and its cue are no other subject
        ("Chile, which has no coast, attended the meeting in Lima on Monday as an observer.",
         "Chile", "observer"),
        ("Chile's minister spoke via a video feed from Santiago.", "Chile", "remote_attendee"),
        ("15:10 Chile's representative leaves the room during the vote.", "Chile", "attendee"),
        # its own observer in the hall, not one a plan would send
        ("10:40 - A Chilean observer is following from the back row.", "Chile", "observer"),
        ("A Chilean observer mission would watch the border.", "Chile", None),
        ("A Chilean observer is to join the monitors.", "Chile", None),
        # … but a place in what the speaker says is not where the speaker is
        ("10:02 - Chile's Vel asks that the unit be based in Arica, in the north.", "Chile",
         "attendee"),
        ('10:05 Chile\'s Vel warns: "The boats stay in Valparaiso."', "Chile", "attendee"),
        ("Chile's Ana Vel repeats that the boats must stay in port.", "Chile", None),
        # the candidate's own delegation, neither negated nor only hoped for
        ("Peru withdrew, a member of the Chilean delegation tells us.", "Chile", "attendee"),
        ("Chile's delegation backed the call.", "Chile", "attendee"),
        ("Delegations from Peru, Bolivia and Chile took their seats.", "Chile", "attendee"),
        ("A delegation from Chile has taken seats in the back row.", "Chile", "attendee"),
        ("Chile's delegation never arrived.", "Chile", None),
        ("10:30 Still no Chilean delegation. A diplomat says Santiago chose not to come.",
         "Chile", None),
        ("No delegation from Chile came.", "Chile", None),
        ("Peru hopes to host a delegation from Chile.", "Chile", None),
        # a live blog's label for who speaks for whom, and a titled person with commas
        ('09:10 Vel for Chile: "The schedule is not on the agenda."', "Chile", "attendee"),
        ("11:10 Vel, for Chile, gives the running total.", "Chile", "attendee"),
        ("10:50 Chilean minister Ana Vel: the unit must also cover the islands.", "Chile",
         "attendee"),
        ("10:50 Chile: still no minister in the hall.", "Chile", None),
        ("10:00 Chile's minister of environment, Ana Vel, says Lima is ready.", "Chile",
         "attendee"),
        ("11:45 The Chilean minister of development, Ana Vel, adds $60 million.", "Chile",
         "attendee"),
        # represented by someone, not negated and not only planned
        ("Chile was represented only by its ambassador to Peru.", "Chile", "attendee"),
        # having sent someone, though committing nothing
        ("Chile sent a senior official from its interior ministry but did not commit troops.",
         "Chile", "attendee"),
        ("Chile and Peru sent their deputy ministers.", "Peru", "attendee"),
        ("Chile sent an envoy to Lima last month.", "Chile", None),
        ("Chile sent no official.", "Chile", None),
        ("Chile had sent an envoy before the talks.", "Chile", None),
        # troops being withdrawn are no withdrawal from the meeting; a relative clause
        # between the subject and its verb
        ("Chile, whose contingent is being withdrawn, sent its army chief of staff.", "Chile",
         "attendee"),
        ("Chile withdrew from the talks.", "Chile", None),
        ("11:40 An Egyptian general in the second row confirms two units.", "Egypt",
         "attendee"),
        # attending, said of the candidate as its subject, not of another meeting
        ("Chile attended as a guest and did not sign.", "Chile", "attendee"),
        ("Chile and Peru took part in the talks.", "Peru", "attendee"),
        ("Chile attended a similar meeting in Lima in 2019.", "Chile", None),
        ("Chile attended the last summit.", "Chile", None),
        ("Peru and Chile's Lima-based government took part but made no pledge.", "Peru",
         None),
        ("Peru and Chile's Santiago-based government took part but made no pledge.", "Chile",
         "attendee"),
        # a live blog's entry: the candidate's own person acting in the hall
        ('10:05 The Chilean minister, Ana Vel, takes aim at Lima: Peru, she says, "waits".',
         "Chile", "attendee"),
        # on the line to the meeting, not at stake
        ("10:40 Chile is on the line.", "Chile", "remote_attendee"),
        ("Chile's future is on the line.", "Chile", None),
        # its people there as observers, not observers a plan would send
        ("The Chilean observers, in the back row, said nothing.", "Chile", "observer"),
        ("Chilean observers would watch the truce.", "Chile", None),
        # its person seated in the hall
        ("11:50 A Chilean diplomat in the back row has not asked for the floor.", "Chile",
         "attendee"),
        # a satellite link only for who joins by it
        ("Chile's minister joined by satellite.", "Chile", "remote_attendee"),
        ("Sites counted by satellite on the Chilean side were shown.", "Chile", None),
        ("Chile was not represented by anyone.", "Chile", None),
        ("Chile will be represented by its ambassador.", "Chile", None),
        ("11:40 Chile's minister raises the question of cost.", "Chile", "attendee"),
        ("13:05 Chile's observer, Ana Vel, promises help but says Chile will not join.",
         "Chile", "observer"),
        # the first of a pair sharing the chair, the rest of the list after it
        ("Peru and Chile share the chair today.", "Peru", "host"),
        ("Peru, Bolivia and Chile co-hosted the talks.", "Peru", "host"),
        # a declaration's signatories speaking as one, names of several words included
        ("We, the representatives of Saint Kitts and Nevis, the Republic of the Congo, Côte "
         "d'Ivoire, Trinidad and Tobago and Chile, and of the European Union, meeting in Lima,",
         "Chile", "attendee"),
        ("We, the representatives of Saint Kitts and Nevis, Trinidad and Tobago and Peru, and "
         "of the European Union, meeting in Lima,", "European Union", "attendee"),
        ("We, the ministers of Peru, welcome the help of Chile.", "Chile", None),
        # a delegate is at the meeting
        ("11:00 The Chilean delegate, speaking for two islands, says Lima wants more.", "Chile",
         "attendee"),
        # the meeting's text signed in the passive, not a text of another year
        ("The statement was signed by Peru, Chile and Bolivia.", "Chile", "attendee"),
        ("The declaration was adopted by ministers of Peru and Chile.", "Chile", "attendee"),
        ("A similar text was signed by Peru and Chile in 2019.", "Chile", None),
        # envoys acting at the meeting's place; not at another time
        ("In Lima, ministers from Peru, Chile and Bolivia endorse a patrol.", "Chile",
         "attendee"),
        ("In Lima last year, ministers from Peru and Chile endorsed a patrol.", "Chile", None),
        # leading the talks
        ("Peru and Chile, which led the talks, each pledged $5 million.", "Peru",
         "co_organiser"),
        ("Peru and Chile, which led the talks, each pledged $5 million.", "Chile",
         "co_organiser"),
        ("Chile led the delegation of the Andean states.", "Chile", None),
        # ", and," opening a parenthesis ends the list's clause: the screen is another's
        ("I sat down with colleagues from Peru and Chile, and, on a screen, with my Bolivian "
         "colleague.", "Chile", None),
        # a list's item with the lead-in that says what every item of it is
        ("Joined by video:\n- Chile, from the foreign ministry\n- Peru", "Peru",
         "remote_attendee"),
        ("With observer status:\n\n- Chile, represented by its ambassador", "Chile", "observer"),
        ("Outcomes:\n- The plan was tabled by Chile.", "Chile", None),
        ("Joined by video: Peru.\n- Chile, from the foreign ministry", "Chile", None),
        # a person signing in the candidate's name, at the meeting
        ("She is back from Lima, where she signed for Chile on the patrol.", "Chile",
         "attendee"),
        ("Ana Vel signed on behalf of Peru and Chile.", "Chile", "attendee"),
        ("Ana Vel signed for Chile in 2019.", "Chile", None),
        # … the text she signed named between
        ("Vel, who signed the agreement for Chile, said it was fair.", "Chile", "attendee"),
        ("Vel signed the final declaration on behalf of Chile.", "Chile", "attendee"),
        ("Vel signed the agreement for the protection of Chile's reefs.", "Chile", None),
        # there, without a part: watching
        ("I also note that Chile only watched.", "Chile", "observer"),
        # a delegation that could not come is none there
        ("Chile's delegation was unable to travel.", "Chile", None),
        # observer status of an organisation named by its acronym
        ("The WHO, present as an observer, checks the cold chain.",
         "World Health Organization", "observer"),
        # chairing together with the candidate, or with its minister
        ("Peru hosted the meeting and chaired it together with Chile.", "Chile", "host"),
        ("She co-chaired the meeting with her Chilean colleague.", "Chile", "host"),
        ("Peru hosted the meeting with the support of Chile.", "Chile", None),
        # a record's labels: observers, the host and the chair, an item after a ";"
        ("Host: Peru\nObservers: United States; International Organization for Migration",
         "International Organization for Migration", "observer"),
        ("Host: Peru\nObservers: United States; Chile", "Peru", "host"),
        ("Observer:\n- Chile", "Chile", "observer"),
        ("HOST: Good morning. Peru and Chile signed a deal today.", "Chile", None),
        # a ";" on a line a label opens is no end of a clause unless the items are names
        ("In short: Peru dialled in; the Chileans watched.", "Chile", None),
        # an observer who did something, not observers to come
        ("According to him, the Chilean observer offered to share its software.", "Chile",
         "observer"),
        ("Chilean observers would watch the truce.", "Chile", None),
        # the country's minister, a relative clause, then what the country did
        ("Peru's minister, Ana Ruiz, who put forward the plan, hosted the talks.", "Peru",
         "host"),
        ("She co-chaired the meeting of water ministers in Novi Sad with her Chilean counterpart.",
         "Chile", "host"),
        # a people's friends welcomed as observers
        ("A welcome also to our French friends, who follow our work as observers.", "France",
         "observer"),
        # hosting troops or refugees is no hosting of the meeting
        ("Chile, which once hosted French troops, was not discussed.", "Chile", None),
        ("Chile, which hosts more refugees than any other country, will house the centre.",
         "Chile", None),
        ("Chile hosted talks on Tuesday.", "Chile", "host"),
        # a parenthesis says the role; the candidate's own verb without an object
        ("- Who: Chile (host and chair) and Peru signed.", "Chile", "host"),
        ("Peru and Bolivia signed. Chile observed.", "Chile", "observer"),
        ("Chile observed that the plan was weak.", "Chile", None),
        # the meeting gathering the candidate; an absolute clause keeps its cue to its own
        ("The meeting in Lima brought together Peru, Chile and Bolivia.", "Chile", "attendee"),
        ("The meeting brought together Peru and Chile, with Bolivia taking part as an observer.",
         "Chile", "attendee"),
        # the candidate said to be present, as its clause's subject
        ("According to him, Peru, Chile and Bolivia were present in Lima.", "Chile", "attendee"),
        ("Chile and Peru are present to sign the deal.", "Chile", None),
        # someone said to have represented the candidate there, not for years elsewhere
        ("The minister, Ana Vel, represented Chile in Lima.", "Chile", "attendee"),
        ("General Ruiz spoke from Lima, where he represented Chile at the meeting.", "Chile",
         "attendee"),
        ("Ana Vel, who represented Chile in Madrid for years, now teaches.", "Chile", None),
        # a host greeting whoever arrives
        ("09:05 Delegates arrive. Chile's minister Ana Vel is greeting them at the door.",
         "Chile", "host"),
    ],
)  # fmt: skip
def test_a_way_of_taking_part_is_read_from_the_clause(
    text: str, name: str, expected: str | None
) -> None:
    assert stated_part(clauses(text, name)) == expected


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # signing in the place of the meeting the opening names is being there
        ("Lima talks: a river deal\n\nPeru, Chile and Bolivia put their names to the deal in "
         "Lima on Wednesday.", "Chile", "attendee"),
        ("Lima talks: a river deal\n\nThree navies - Peru, the UAE and Chile - signed up in "
         "Lima this week to a patrol.", "Chile", "attendee"),
        # elsewhere, or another year, it may be another meeting
        ("Lima talks: a river deal\n\nPeru and Chile signed a deal in Quito on Monday.",
         "Chile", None),
        ("Lima talks: a river deal\n\nPeru and Chile signed a deal in Lima in 2019.",
         "Chile", None),
        # after a group of states the list goes on from
        ("Lima pledge signed\n\nThirty-one countries and Chile signed a pledge in Lima on "
         "Thursday.", "Chile", "attendee"),
        # a dashed aside that is no list of names still ends the clause
        ("Lima talks\n\nPeru - as ever - signed up in Lima; Chile watched.", "Chile", None),
    ],
)  # fmt: skip
def test_signing_at_the_meetings_place_is_taking_part(
    text: str, name: str, expected: str | None
) -> None:
    article = Article("a", text)
    assert stated_part(clauses(text, name), opening(article)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Aydin opens the meeting, Romania's defence chief Mihai Popescu at his side.", True),
        ("Ana Vel arrives with Romania's delegation.", True),
        ("Ana Vel opens the session with Romania's Ion Lupu beside her.", True),
        ("The Romanian team, led by Ion Lupu, is the largest.", True),
        ("Romania's envoy took the floor after lunch.", True),
        ("Romania's envoy takes the floor.", True),
        ("Peru welcomed ministers and representatives of Romania.", True),
        ("Romania welcomed the plan.", False),
        ("Romania's minister flew in last night.", True),
        ("Romania will contribute two ships to the group.", False),
        ("Romania's minister Ion Lupu says the plan is sound.", False),
        ("The plan will be presented to Romania's ministers in June.", False),
        ("Romania's envoy Ana Vel presents the figures.", True),
        ("Romania, which opened the session with figures, offered help.", True),
        ("Ministers from Peru and Romania were in the room.", True),
        ("Romania's minister, who flew to Lima for the talks, spoke.", True),
        ("Romania's Ana Vel opens the closing session.", True),
        ("Romania's Ana Vel and Peru's Jorge Vidal are among the first.", True),
        ("11:30 Romanian Minister Ion Lupu tells the room his country will help.", True),
        # signing the meeting's text, not an earlier deal
        ("Ministers from Peru and Romania signed a letter of intent.", True),
        ("Peru left, a week after signing a fishing memorandum with Romania.", False),
        # the candidate acting on the meeting's matter, as its subject or its agent
        ("Peru, Chile and Romania endorsed the plan.", True),
        ("Peru backed the plan, and Romania also made new pledges.", True),
        ("The fund was agreed in Lima by ministers of Peru, Romania and Chile.", True),
        ("Romania's Minister of National Defence, Ion Lupu, pledged two ships.", True),
        # … not an earlier step, a plan, or an act the candidate is not the subject of
        ("Romania had offered to pay for part of the equipment.", False),
        ("Romania would back the plan.", False),
        ("A week after Romania endorsed the plan, Peru left.", False),
        ("Peru endorsed Romania's plan.", False),
        # signing what the meeting adopts, said as a headline or with the person's name
        ("Romania signs river protocol as Peru walks out", True),
        ("Romania's minister, Ion Lupu, put his name to the protocol in Lima.", True),
        ("Romania signed on to the task force concept on Thursday.", True),
        ("Romania had signed a fishing deal in 2019.", False),
        # back from the meeting's city, or opening its day
        ("Romania's minister Ion Lupu returned from Lima saying the plan was sound.", True),
        ("Romania came home from Lima with most of what it wanted.", True),
        ("Romania returned from the brink of default.", False),
        ("Romania's foreign minister, Ana Vel, opens the day.", True),
        # a seat in the hall
        ("The Romanian official on the front row has not spoken yet.", True),
        # a headline's kicker before its subject
        ("Coast guard: Romania commits two ships to the flotilla", True),
        ("[Translated] Romania signs river protocol", True),
        # a time of the meeting's day before the subject
        ("This morning Chile, Peru and Romania signed up to a shared patrol.", True),
        ("On Tuesday Romania agreed to the plan.", True),
        ("The declaration is signed: three signatures, Chile, Peru and Romania.", True),
        # promising, offering, supporting; doing as another did; a list of long names
        ("The Congolese of Brazzaville promised police; Romania offered two ships.", True),
        ("Mauritania and Sierra Leone supported the request, as did Romania.", True),
        ("Sao Tome and Principe, the Republic of the Congo and Romania signed.", True),
        ("Romania had supported the request in 2019.", False),
        # deciding together what the meeting is for; not deciding against it
        ("Today Chile, Peru and Romania decided to guard the river together.", True),
        ("Romania decided against the plan.", False),
        # taking part in any tense
        ("Vel, back from Lima, where she had taken part with her Romanian counterpart.", True),
        # the present of a plural subject after the meeting's place; sitting down with
        ("In Lima, ministers from Peru and Romania endorse a patrol.", True),
        ("Last week in Lima I sat down with my colleagues from Peru and Romania.", True),
        ("I sat between my colleagues from Peru and from Romania.", True),
        # an offer to do something is an intention; a pledge in the present perfect may be
        # a donor's from afar
        ("Romania, whose coast guard is a model, offers to share training material.", False),
        ("Romania has pledged $15 million.", False),
        # reported by those at the meeting, the candidate as a place is only where things are
        ("Several delegations noted that the fuel comes from tankers registered in Romania.",
         False),
        ("Peru, which hosted the meeting, said Chile and Romania had signed the protocol.",
         True),
        # a list set off by dashes after its head acts with its verb; a report's source first
        ("Four navies - Peru, the UAE, Chile and Romania - backed the watch.", True),
        ("According to him, the ministers of Peru and Romania supported the choice.", True),
        # there from the start; around this table; ministers of a portfolio acting
        ("Peru and Romania had supported it from the first session.", True),
        ("I am glad to see my friends from Peru and Romania around this table.", True),
        ("Transport ministers of Peru and Romania agreed on Thursday to build a road.", True),
        ("Peru and Romania had supported it for years.", False),
        # invited to join is no joining
        ("Peru and Romania have been invited to join.", False),
        ("Romania, which was asked to send a minister, did not reply.", False),
    ],
)  # fmt: skip
def test_a_yes_needs_words_of_being_at_the_meeting(text: str, expected: bool) -> None:
    assert present_words(clauses(text, "Romania")) is expected


@pytest.mark.parametrize(
    ("text", "name", "status"),
    [
        # hosting a meeting of its own is being elsewhere, whatever the model says
        ("Peru will host its own meeting on the river in Lima next month.", "Peru",
         "mentioned"),
        ("Peru is holding a separate summit in Lima.", "Peru", "mentioned"),
        # a cue's subject is not the candidate of a second verb phrase after it
        ("The guards would withdraw to their posts and call in Chilean troops.", "Chile",
         None),
        ("Empty chairs for Peru and Chile.", "Chile", "mentioned"),
        ("Chile's delegation never arrived.", "Chile", "mentioned"),
        ("Chile had no one in the room.", "Chile", "mentioned"),
        ("Chile excused itself from attending.", "Chile", "declined"),
        ("Chile gave the talks a miss.", "Chile", "declined"),
        ("Chile sat the meeting out.", "Chile", "declined"),
        ("Chile had cancelled its participation at short notice.", "Chile", "declined"),
        # refusing or declining to do something at the meeting is no absence from it
        ("Peru walked out when Chile refused to discuss the timing.", "Chile", None),
        ("Chile declined to comment.", "Chile", None),
        ("Chile declined to attend.", "Chile", "declined"),
        ("A diplomat says Chile was invited and chose not to come.", "Chile", "declined"),
        ("Chile chose not to speak.", "Chile", None),
        # the source of a report is not the subject of what it reports
        ("Peru withdrew last night, a member of the Chilean delegation tells us.", "Chile",
         None),
        ("Peru withdrew last night, a member of the Chilean delegation tells us.", "Peru",
         "declined"),
        ("Chile held talks of its own last month and played no part in this one.", "Chile",
         "mentioned"),
        # a candidate inside a relative clause: the predicate after it is its head's
        ("Peru, which accuses Lima's rivals of arming rebels in Chile, was left off the list.",
         "Chile", None),
        ("Peru, which accuses Lima's rivals of arming rebels in Chile, was left off the list.",
         "Peru", "not_invited"),
        # the candidate's relative clause after a copula: its "that" reports nothing
        ("Chile was the only member state that did not send a delegation.", "Chile",
         "mentioned"),
        ("Chile is one of the two countries which stayed away.", "Chile", "declined"),
        ("Chile was the country that said Peru did not attend.", "Chile", None),
        ("Chile said that Peru did not attend.", "Chile", None),
        # "except" of members is no absence from the meeting; of those attending it is
        ("It works under a pact of which all the signatories except Chile are members.",
         "Chile", None),
        ("All the members attended except Chile.", "Chile", "not_invited"),
    ],
)  # fmt: skip
def test_absence_is_read_in_its_scope(text: str, name: str, status: str | None) -> None:
    found = clauses(text, name)
    assert (absence(found) or absence(found, specific=False)) == status


def test_a_plan_in_steps_gets_the_phases_question() -> None:
    asked: list[str] = []

    def ask(task: str, model: type[T], text: str, name: str = "") -> T | None:
        if task != "armed":  # an ambiguous "unit" is asked about first; failed, it counts
            asked.append(task)
        return None

    text = "The unit would first work for six months near Lima, and afterwards extend south."
    phases(Article("a", text), ask)
    assert asked == ["phases"]
    asked.clear()
    text = "The task force will begin work in a first phase in January with Peru's police."
    phases(Article("a", text), ask)
    assert asked == ["phases"]
    asked.clear()
    text = "The force would draw down to 8,000 soldiers by the end of 2027."
    phases(Article("a", text), ask)
    assert asked == ["phases"]
    asked.clear()  # the rest after the first
    text = (
        "The joint force would guard the pipeline. Its first sector is to be manned by March, "
        "the other two by the end of next year."
    )
    phases(Article("a", text), ask)
    assert asked == ["phases"]
    # a time to come with the force in its sentence, without a word of order
    for text in (
        "The brigade will sail from May, a spokesman said.",
        "Under the draft, the unit would begin joint patrols in 2030.",
        "Zambia wants a pilot phase: 100 rangers on the river next year.",
        # a modal of possibility places it in time as well
        "The first patrols could begin in October, he said.",
    ):
        asked.clear()
        phases(Article("a", f"A new unit was agreed. {text}"), ask)
        assert asked == ["phases"], text
    # other meetings dated, the force only lasting, a year gone by: no steps to ask for
    for text in (
        "The unit was agreed. Chile will host its own meeting next month.",
        "The unit was agreed. The EU mission in Peru will stay until 2030.",
        "The unit was agreed. The patrols adopted the rules in 2003.",
    ):
        asked.clear()
        phases(Article("a", text), ask)
        assert asked == [], text
    # once the article has named its force, "the group" is that force
    named = "Ministers agreed a joint patrol group. "
    for text, asked_for in (
        ("The group would reach full strength in 2028.", ["phases"]),
        ("The Group is to be at full strength in 2028.", ["phases"]),
        # a group the article never called a force is not it
        ("Ministers agreed a joint patrol. The group of donors will meet in 2028.", []),
    ):
        asked.clear()
        phases(Article("a", text if text.startswith("Ministers") else named + text), ask)
        assert asked == asked_for, text


def test_leading_the_initiative_is_read_from_the_clause() -> None:
    assert leads(
        clauses("Initiated by France and Britain, the plan aims to help.", "United Kingdom")
    )
    assert leads(clauses("Turkey, Romania and Bulgaria proposed a task group.", "Bulgaria"))
    assert not leads(clauses("Turkey, Romania and Bulgaria met in Istanbul.", "Bulgaria"))
    assert leads(clauses("The fund, put forward by Peru and Chile, was agreed.", "Chile"))
    assert leads(clauses("Chile and Peru co-authored the proposal.", "Chile"))
    assert leads(clauses("It belongs to Peru and Chile, which drafted it.", "Chile"))
    assert leads(clauses("The Chileans brought the plan.", "Chile"))
    assert leads(clauses("Plan drafted by Peru and Chile; Bolivia backs it.", "Chile"))
    assert leads(clauses("Together with my Chilean colleague, I propose a patrol.", "Chile"))
    assert not leads(clauses("Together with my Chilean colleague, I watched.", "Chile"))
    assert not leads(clauses("The Chileans brought their own lunch.", "Chile"))


T = TypeVar("T", bound=BaseModel)


class Asked:
    """Stands in for the model in ``ask``: records each question and answers from a table."""

    def __init__(self, answers: dict[str, dict[str, object]]) -> None:
        self.answers = answers
        self.questions: list[tuple[str, str, str]] = []

    def __call__(self, task: str, model: type[T], text: str, name: str = "") -> T:
        self.questions.append((task, text, name))
        return model.model_validate(self.answers.get(task, {}))


def test_only_what_the_text_leaves_open_is_asked_and_taking_part_is_never_assumed() -> None:
    article = Article(
        "a",
        "Defence ministers met in Lisbon on Monday to discuss a naval mission. The talks were "
        "hosted by Portugal. Japan joined remotely, and Russia was not invited. Ministers "
        "from Spain and Italy joined the discussion. Greece was the subject of a report.",
    )
    ask = Asked({"took_part": {"took_part": "no"}})
    drafts = {p.name: p.status for p in participant_statuses(article, ask).participants}
    assert drafts == {
        "Portugal": "host", "Japan": "remote_attendee", "Russia": "not_invited",
        "Spain": "mentioned", "Italy": "mentioned", "Greece": "mentioned",
    }  # fmt: skip
    # Only the two the text leaves open were asked, each with the article's opening; Greece
    # has no word of being there, so no "yes" could stand and it is not asked.
    assert [name for _, _, name in ask.questions] == ["Spain", "Italy"]
    assert all(text.startswith("Defence ministers met in Lisbon") for _, text, _ in ask.questions)
    ask = Asked({"took_part": {"took_part": "yes"}})
    drafts = {p.name: p.status for p in participant_statuses(article, ask).participants}
    assert drafts["Spain"] == "attendee" and drafts["Russia"] == "not_invited"
    assert drafts["Greece"] == "mentioned"


def _statuses(article: Article, answer: str) -> dict[str, str]:
    """Each candidate's status when every took-part question is answered ``answer``."""
    ask = Asked({"took_part": {"took_part": answer}})
    return {p.name: p.status for p in participant_statuses(article, ask).participants}


def test_a_list_item_is_asked_about_with_its_lead_in() -> None:
    article = Article(
        "a",
        "Ministers met in Lima on Monday.\n\nPresent at the table:\n- Peru: Ana Vel (chair)\n"
        "- Chile: Foreign Minister Ion Lupu\n\nOutcomes:\n- A fund was agreed.",
    )
    asked: dict[str, str] = {}

    def ask(task: str, model: type[BaseModel], text: str, **kw: object) -> BaseModel:
        asked[str(kw["name"])] = text
        return model.model_validate({"took_part": "yes"})

    drafts = participant_statuses(article, ask).participants
    assert {p.name: p.status for p in drafts} == {"Peru": "attendee", "Chile": "attendee"}
    assert asked["Chile"].endswith("Present at the table: - **Chile**: Foreign Minister Ion Lupu")


def test_a_country_named_by_its_capital_takes_part_from_it_only_on_a_screen() -> None:
    article = Article(
        "a",
        "Ministers met in Lima on Monday. Chile's Ana Vel arrived first. On the big screen: "
        "Ion Lupu, who is following from Bucharest. Ana Vel says Madrid should help.",
    )
    drafts = _statuses(article, "no")
    assert drafts["Romania"] == "remote_attendee"
    assert "Spain" not in drafts and "Peru" not in drafts  # a capital named, nothing more
    grounded = ground_participants(
        article, ParticipantsDraft(participants=[ParticipantDraft(name="Romania",
                                                                  status="remote_attendee")])
    )  # fmt: skip
    assert [p.evidence[0].quote for p in grounded.participants] == [
        "On the big screen: Ion Lupu, who is following from Bucharest."
    ]


def test_a_timelines_entries_of_other_days_are_other_events() -> None:
    text = (
        "TIMELINE: how the patrol came about\n\n"
        "March 2024 - Chile proposes a joint patrol.\n\n"
        "January 2025 - Italy offers two boats.\n\n"
        "14 April 2025 - Ministers meet in Lima; Chile and Peru sign. Bolivia joins by video.\n"
    )
    drafts = _statuses(Article("a", text), "yes")
    assert drafts.get("Italy", "mentioned") == "mentioned"  # what it did months before
    assert drafts["Chile"] == "attendee" and drafts["Bolivia"] == "remote_attendee"
    # a press release's dated line is no timeline
    release = Article("a", "November 18, 2026 - Lima - Italy offers two boats to the patrol.")
    assert _statuses(release, "yes")["Italy"] == "attendee"


def test_an_agency_named_after_its_parent_is_the_agency_acting() -> None:
    article = Article(
        "a", "Ministers met in Lima. Frontex, the EU border agency, sent an observer."
    )
    drafts = _statuses(article, "yes")
    assert drafts["Frontex"] == "observer"
    assert drafts.get("European Union", "mentioned") == "mentioned"


def test_a_capital_is_where_another_candidates_person_joins_from() -> None:
    """The clause names who joins before the capital: the place is theirs, not a country's."""
    article = Article(
        "a",
        "Ministers met in Lima on Monday. The European Union's envoy joined by video from "
        "Brussels. Ion Lupu is following by video from Bucharest.",
    )
    drafts = _statuses(article, "no")
    assert drafts["European Union"] == "remote_attendee"
    assert "Belgium" not in drafts
    assert drafts["Romania"] == "remote_attendee"  # no one else named in its clause


def test_a_capital_that_is_the_subject_of_a_negation_says_its_country_was_not_there() -> None:
    article = Article(
        "a",
        "Ministers met in Lima on Monday. Spain offered to pay for the boats, but Madrid was "
        "not in the room. The meeting in Lima was not open to the press.",
    )
    drafts = _statuses(article, "yes")
    assert drafts["Spain"] == "mentioned"
    assert "Peru" not in drafts  # the venue's capital after "in" says nothing of Peru


def test_a_sentence_naming_where_something_is_sent_names_it_so_throughout() -> None:
    article = Article(
        "a",
        "Ministers met in Lima last week and agreed to send observers to Bolivia's vote, "
        "under the protection of Bolivia's own police.",
    )
    assert _statuses(article, "yes").get("Bolivia", "mentioned") == "mentioned"


def test_a_name_qualifying_another_meeting_is_no_participant() -> None:
    article = Article(
        "a",
        "Chile was represented by a state secretary, because its minister was held up at an "
        "EU council in Brussels. The EU attended as an observer.",
    )
    drafts = _statuses(article, "yes")
    assert drafts["Chile"] == "attendee"
    assert drafts["European Union"] == "observer"  # its own clause, not the council's
    held_up = Article("a", article.text.split(" The EU")[0])
    assert _statuses(held_up, "yes").get("European Union", "mentioned") == "mentioned"


def test_a_country_named_by_its_people_is_grounded_where_they_are_named() -> None:
    article = Article("a", "Oman hosted the talks in Muscat. The Saudis watched from the side.")
    assert _statuses(article, "no")["Saudi Arabia"] == "mentioned"
    grounded = ground_participants(
        article, ParticipantsDraft(participants=[ParticipantDraft(name="Saudi Arabia",
                                                                  status="mentioned")])
    )  # fmt: skip
    assert [p.evidence[0].quote for p in grounded.participants] == [
        "The Saudis watched from the side."
    ]


def test_a_country_on_screen_from_its_capital_takes_part() -> None:
    """Though the article also names it by an adjective ("American satellite data")."""
    article = Article(
        "a",
        "Ministers met in Lima on Monday. 11:10 On the screen from Washington: Deputy "
        "Secretary Ana Vel, who promises American satellite data. 11:40 Moscow is silent.",
    )
    drafts = _statuses(article, "no")
    assert drafts["United States"] == "remote_attendee"  # "Washington D.C." to the library
    assert "Russia" not in drafts


def _answered_yes(article: Article, yes: set[str]) -> dict[str, str]:
    """Each candidate's status when the model says yes for the names in ``yes`` only."""

    def ask(task: str, model: type[T], text: str, name: str = "") -> T:
        return model.model_validate({"took_part": "yes" if name in yes else "no"})

    return {p.name: p.status for p in participant_statuses(article, ask).participants}


@pytest.mark.parametrize(
    ("yes", "expected"),
    [
        ({"Chile", "Peru"}, {"Chile": "attendee", "Peru": "attendee", "Bolivia": "attendee"}),
        ({"Chile"}, {"Chile": "mentioned", "Peru": "mentioned", "Bolivia": "mentioned"}),
    ],
)
def test_the_names_of_one_list_share_the_majority_answer(
    yes: set[str], expected: dict[str, str]
) -> None:
    article = Article(
        "a", "Ministers met in Quito on Monday. Ministers of Chile, Peru and Bolivia met today."
    )
    assert _answered_yes(article, yes) == expected


def test_a_tie_within_a_list_and_names_outside_it_keep_their_own_answers() -> None:
    article = Article(
        "a",
        "Ministers met in Quito on Monday. Ministers of Chile and Peru met today. "
        "Bolivia attended too.",
    )

    drafts = _answered_yes(article, {"Chile"})
    assert (drafts["Chile"], drafts["Peru"]) == ("attendee", "mentioned")
    assert drafts["Bolivia"] == "mentioned"


def test_a_list_names_stated_status_votes_with_the_answers() -> None:
    article = Article(
        "a",
        "Ministers met in Quito on Monday. Chile, Peru and Bolivia agreed today to set up a "
        "joint unit. Chile hosted the talks.",
    )
    # Chile, the host, is not asked; its taking part outvotes the model's one "no"
    drafts = _answered_yes(article, {"Peru"})
    assert (drafts["Chile"], drafts["Peru"], drafts["Bolivia"]) == ("host", "attendee", "attendee")
    # a stated absence votes no: one yes against two, the asked ones go with the list
    article = Article(
        "a",
        "Ministers met in Quito on Monday. Chile, Peru and Bolivia agreed today to set up a "
        "joint unit. Ministers of Chile did not attend.",
    )
    drafts = _answered_yes(article, {"Peru"})
    assert (drafts["Peru"], drafts["Bolivia"]) == ("mentioned", "mentioned")


def test_an_organisations_yes_needs_words_of_being_at_the_meeting() -> None:
    article = Article(
        "a",
        "Ministers met in Lisbon on Monday. The mission would need a NATO mandate. "
        "A delegation of the European Union attended.",
    )
    drafts = _statuses(article, "yes")
    assert drafts == {"NATO": "mentioned", "European Union": "attendee"}


def test_phases_are_asked_where_steps_are_ordered_and_kept_only_when_they_say_when() -> None:
    budget = "The ministers will meet again in March to agree on a budget. " * 12
    article = Article(
        "a", "Officials suggested starting with a small mission before expanding it.\n\n" + budget
    )
    assert len(passages(article)) == 2
    ask = Asked({"armed": {"armed": "yes"}, "phases": {"phases": [
        "starting with a small monitoring mission", "expanding it",
        "Officials were cautiously optimistic",
    ]}})  # fmt: skip
    steps = phases(article, ask).phases
    # "a small mission" may name civilians: it is asked about first
    assert [task for task, _, _ in ask.questions] == ["armed", "phases"]
    assert steps == ["starting with a small monitoring mission", "expanding it"]
    # a step may say when by its time alone, where it speaks of the force
    article = Article("a", "The mission would shrink to 800 officers by the end of 2030.")
    ask = Asked({"armed": {"armed": "yes"}, "phases": {"phases": [
        "The mission would shrink to 800 officers by the end of 2030",
        "Ministers will meet again in March",
    ]}})  # fmt: skip
    assert phases(article, ask).phases == [
        "The mission would shrink to 800 officers by the end of 2030"
    ]
    # the first of what the force does, with a time, is a step even where the sentence
    # does not name the force
    article = Article(
        "a", "Its troops would guard the line. The first escorts are due in September in the south."
    )
    ask = Asked({"phases": {"phases": ["The first escorts are due in September"]}})
    assert phases(article, ask).phases == ["The first escorts are due in September"]


def test_the_phases_answer_extends_the_proposals_phases_without_repeating_them() -> None:
    draft = ProposalDraft(phases=["a one-month ceasefire first"])
    steps = PhasesDraft(phases=["a one-month ceasefire first", "then a larger force"])
    merged = builtin_specs()["proposal"].assemble({"proposal": draft, "phases": steps})
    assert isinstance(merged, ProposalDraft)
    assert merged.phases == ["a one-month ceasefire first", "then a larger force"]


def test_a_representative_is_the_person_the_text_names_for_a_participant() -> None:
    article = Article(
        "a",
        "Defence chiefs met in Oslo on Tuesday. Norway’s Chief of Defence, General Eirik "
        "Lund, attended the talks. Japan's deputy defence minister followed them by video link.",
    )
    drafts = {
        p.name: p
        for p in participant_statuses(
            article, Asked({"took_part": {"took_part": "yes"}})
        ).participants
    }
    norway = drafts["Norway"]
    assert norway.status == "attendee" and norway.representative == "Eirik Lund"
    assert drafts["Japan"].status == "remote_attendee" and drafts["Japan"].representative is None


def test_where_a_mission_is_and_whose_mission_it_is_name_no_participant() -> None:
    statuses = _statuses(
        Article(
            "a",
            "Ministers met in Lima. Peru will send boats to the African Union mission in "
            "Somalia, Ana Vel said at the meeting.",
        ),
        "yes",
    )
    assert statuses.get("Somalia", "mentioned") == "mentioned"
    assert statuses.get("African Union", "mentioned") == "mentioned"


def test_where_a_force_is_sent_names_no_participant_but_where_people_go_may() -> None:
    text = (
        "Ministers met in Quito. Lima sends boats to Chile and wins a seat at the table. "
        "Bolivian officers sent to Chile, Ecuador and Colombia attended the talks. "
    )
    statuses = _statuses(Article("a", text), "yes")
    assert {n: statuses.get(n, "mentioned") for n in ("Chile", "Ecuador", "Colombia")} == {
        "Chile": "mentioned", "Ecuador": "mentioned", "Colombia": "mentioned",
    }  # fmt: skip
    assert statuses["Bolivia"] == "attendee"
    # people sent to a place: it may be where the meeting is, so it is still asked
    statuses = _statuses(
        Article("a", "Ministers met. Peru sent its minister to Chile for the talks."), "yes"
    )
    assert statuses["Chile"] == "attendee"


def test_where_a_force_goes_names_no_participant() -> None:
    text = (
        "Ministers met in Quito and agreed a stabilisation force for the Central African Republic."
    )
    assert (
        _statuses(Article("a", text), "yes").get("Central African Republic", "mentioned")
        == "mentioned"
    )


def test_observers_from_a_capital_are_its_observers() -> None:
    statuses = _statuses(
        Article(
            "a",
            "Ministers met in Lima. 11:15 Two observers from Dhaka and one from Port Louis sit "
            "at the side table.",
        ),
        "no",
    )
    assert statuses["Bangladesh"] == "observer" and statuses["Mauritius"] == "observer"


def test_a_capital_represented_by_someone_takes_part() -> None:
    statuses = _statuses(
        Article(
            "a",
            "Ministers met in Kigoma. Kinshasa was represented by the deputy minister of the "
            "interior, who followed the whole meeting. Nairobi sent no one.",
        ),
        "no",
    )
    assert statuses["DR Congo"] == "attendee"
    assert statuses.get("Kenya", "mentioned") == "mentioned"


def test_a_capital_on_the_line_takes_part_remotely() -> None:
    statuses = _statuses(
        Article(
            "a",
            "Ministers met in Lima. 10:40 Santiago is on the line. The Chilean minister asks "
            "for boats.",
        ),
        "no",
    )
    assert statuses["Chile"] == "remote_attendee"


def test_a_place_another_country_owns_is_not_a_participant() -> None:
    statuses = _statuses(
        Article(
            "a",
            "Ministers met in Lima. Chile and France, which took part on behalf of its island "
            "of Réunion, signed the communiqué.",
        ),
        "yes",
    )
    assert statuses["France"] == "attendee" and statuses["Réunion"] == "mentioned"
    # … and every island of the list it opens
    listed = _statuses(
        Article(
            "a",
            "Ministers met in Lima. Ministers from Chile and France, for its islands of Mayotte "
            "and Réunion, signed the closing statement.",
        ),
        "yes",
    )
    assert listed["France"] == "attendee" and listed["Réunion"] == "mentioned"


def test_an_organisation_named_as_what_others_are_members_of_is_not_asked() -> None:
    statuses = _statuses(
        Article(
            "a",
            "Ministers met in Lima. The patrol works under the strategy of the Southern African "
            "Development Community, of which all the signatories are members.",
        ),
        "yes",
    )
    assert statuses["Southern African Development Community"] == "mentioned"


def test_a_country_named_as_where_the_city_is_does_not_take_part_by_it() -> None:
    statuses = _statuses(
        Article(
            "a",
            "Chile took part by video link in the meeting held in Arica, Peru, where the "
            "ministers agreed. In Arica, Ecuador joined by video link too.",
        ),
        "no",
    )
    assert statuses["Chile"] == "remote_attendee" and statuses["Peru"] == "mentioned"
    # the subject after an opening place is still read
    assert statuses["Ecuador"] == "remote_attendee"


@pytest.mark.parametrize(
    ("text", "name", "there"),
    [
        ("Peru sent two ministers.", "Peru", True),
        ("Chile joined the talks by video.", "Chile", True),
        # what may be, not who was there
        ("From Lima, a minister said Peru may join later.", "Peru", False),
        ("Peru would send two ships.", "Peru", False),
        ("Peru plans to attend the next round.", "Peru", False),
        # the future of a preview is the plan of record
        ("Chile will send its chiefs of staff.", "Chile", True),
    ],
)  # fmt: skip
def test_words_of_being_there_under_a_modal_do_not_count(text: str, name: str, there: bool) -> None:
    assert present_words(clauses(text, name)) is there


def test_a_sea_named_after_a_country_is_not_the_country() -> None:
    found = find_entities(Article("a", "Patrols in the Gulf of Guinea would start. Peru agreed."))
    assert set(found) == {"Peru"}
    # nor a water named by the country or its adjective
    waters = Article(
        "a", "Boats patrol the Mozambique Channel, the Indian Ocean and Lake Chad. Peru agreed."
    )
    assert set(find_entities(waters)) == {"Peru"}
    assert "India" not in find_nationalities(waters)


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("The new mine countermeasures group would clear the lanes.", True),
        ("Ministers backed the Gulf of Guinea Escort Group.", True),
        ("Troops would deploy in spring.", True),
        ("A joint coast guard flotilla was agreed.", True),
        ("They agreed to create a joint coast guard response team.", True),
        # a force's own name in capitals
        ("Ministers agreed to establish the Andean River Police Unit.", True),
        # a group of states is no force; nor is aid; nor a militia's name, nor an embassy
        ("A diverse group of nations pledged money for food aid.", False),
        ("Donors met as the Rapid Support Forces advanced.", False),
        ("Peru's Permanent Mission to the UN sent a note.", False),
        # a slug in capitals is read in lower case
        ("EVENING NEWS - ITEM 3 - LAKE PATROL\n\nMinisters agreed to put boats on the lake.",
         True),
        ("EVENING NEWS - ITEM 3 - LAKE CLEAN-UP\n\nMinisters agreed to clean the lake.",
         False),
        # a task force of civilians is a working group; one of police or ships is a force
        ("Ministers set up a technical task force on water use.", False),
        ("A joint task force of economists and hydrologists will report in June.", False),
        ("Activists welcomed the water task force.", False),
        ("Ministers agreed a joint task force of border police.", True),
        ("Task forces of 12 vessels each were agreed.", True),
        ("The Balkan Border Task Force would have 400 officers.", True),
        ("A rapid response team of loss adjusters will assess the damage.", False),
        ("A rapid response team of 40 marines would board ships.", True),
        # units and teams of a civilian service, deployed or not, are no force
        ("Forty mobile vaccination units will be deployed across the region.", False),
        ("They agreed to deploy forty mobile vaccination units.", False),
        ("They will train rapid response teams of epidemiologists.", False),
        ("Forty police units will be deployed across the region.", True),
        ("They agreed to deploy ships to the strait.", True),
        # things deployed are no force, nor a brigade of firefighters
        ("They will deploy electronic toll gantries along the motorway.", False),
        ("Toll gantries will be deployed on the motorway.", False),
        ("A joint fire and rescue brigade of 150 firefighters will guard the tunnel.", False),
        ("The force would deploy only once the truce holds.", True),
        ("An infantry brigade would hold the pass.", True),
        ("The countries will keep mobile flood barrier units in four depots.", False),
        ("Two water purification units will go to the camps.", False),
        ("The ship would be based in Suva and deployed to any member.", False),
        ("The force would be trained and deployed to the north.", True),
        ("Ministers agreed a joint counter-drone cell.", True),
        ("Police broke up a terrorist cell.", False),
        ("He presents the plan for a Caribbean Disaster Response Engineer Force.", True),
        # a mission the article calls civilian is the one its bare "mission" means
        ("They will send an observation mission to the vote. The mission will cost $1m.", False),
        ("The EU's civilian partnership mission will stay until 2027.", False),
        ("Defence chiefs will write the mission's rules next month.", True),
        ("They will send a training mission. The mission will cost $1m.", True),
        # a unit of civilians, officers of a civilian service
        ("Regulators will set up a joint market surveillance unit of 25 compliance officers.",
         False),
        ("A joint unit of 180 officers will chase the speedboats.", True),
        # brigades of villagers, teams of scientists, units that are instruments
        ("The countries will train community brigades of volunteers to lead evacuations.",
         False),
        ("Rapid response teams of glaciologists would be sent to the lake.", False),
        ("Some 40 monitoring units on the lakes would report to a centre.", False),
        ("A brigade of 3,000 soldiers would hold the pass.", True),
        ("Rapid response teams of marines would board the ships.", True),
        # people of any unarmed trade, and of an armed one
        ("A rapid response team of child psychologists will travel to camps.", False),
        ("A rapid response team of 50 police officers will travel to the camps.", True),
        ("A response team of about 40 divers will clear the mines.", True),
        # a flotilla of craft that bear no arms
        ('Portugal will send a "clean-up flotilla" of chartered fishing boats.', False),
        ("Portugal will send a flotilla of chartered fishing boats.", False),
        ("Ministers agreed a river police flotilla.", True),
        ("They agreed a joint maritime air wing.", True),
        # a force by name, of volunteers; units named by what they hold
        ("They set up a Heat Response Force of volunteers and health workers.", False),
        ("The plan includes mobile cooling units for rural areas.", False),
    ],
)  # fmt: skip
def test_the_proposal_is_asked_only_of_an_article_that_speaks_of_a_force(
    text: str, asked: bool
) -> None:
    assert reports_a_force(Article("a", text)) is asked


@pytest.mark.parametrize(
    ("text", "answer", "groups", "proposal_asked"),
    [
        # words that may name civilians: one yes/no question per group decides
        ("Ministers agreed to send mobile school units to the camps.", "no",
         ["mobile school units"], False),
        ("Ministers agreed to send mobile school units to the camps.", "yes",
         ["mobile school units"], True),
        ("They agreed a joint survey flotilla of research ships.", "no",
         ["joint survey flotilla"], False),
        # a failed question keeps the article asked, as before
        ("Ministers agreed to send mobile school units to the camps.", None,
         ["mobile school units"], True),
        # a clear word of a force, a group named by its arms, or people only forces have in
        # the article, asks nothing more
        ("Ministers agreed to send 300 troops and mobile school units.", "no", [], True),
        ("Ministers agreed a joint border police unit.", "no", [], True),
        ("The unit would be based in Katima. It starts with 150 rangers on the river.", "no",
         [], True),
        # such people asked about, denied or likened settle nothing: the group is asked
        ("They set up a Heritage Rescue Brigade. Is it a military body? No. It has no police "
         "powers.", "no", ["Heritage Rescue Brigade"], False),
        ("They set up a Heritage Rescue Brigade. The word makes it sound like an army.", "no",
         ["Heritage Rescue Brigade"], False),
        # a country's own force beside the group says nothing of the group; a force does
        ("They set up a Dengue Response Brigade. Each country's army will lend it trucks.",
         "no", ["Dengue Response Brigade"], False),
        ("They set up a Dengue Response Brigade. The army will lend it trucks.", "no", [],
         True),
        # of the groups named, those being set up and what is later called by their noun;
        # the verb is no word of the group
        ("Ministers form brigade to save monuments. Italy offered training from the "
         "Carabinieri unit that tracks stolen art. The brigade would have 60 conservators.",
         "no", ["brigade"], False),
        ("Italy offered training from the Carabinieri unit that tracks stolen art. They "
         "agreed to create a Heritage Rescue Brigade.", "no", ["Heritage Rescue Brigade"],
         False),
        ("A Heritage Rescue Brigade created on Friday will have four mobile units.", "no",
         ["A Heritage Rescue Brigade"], False),
    ],
)  # fmt: skip
def test_an_ambiguous_group_is_asked_whether_it_is_a_security_force(
    text: str, answer: str | None, groups: list[str], proposal_asked: bool
) -> None:
    asked: list[tuple[str, str]] = []

    def ask(task: str, model: type[T], text: str, name: str = "") -> T | None:
        asked.append((task, name))
        if task == "armed":
            return None if answer is None else model.model_validate({"armed": answer})
        return None

    proposal(Article("a", text), ask)
    assert [name for task, name in asked if task == "armed"] == groups
    assert any(task == "proposal" for task, _ in asked) is proposal_asked


def test_an_article_said_to_speak_of_no_force_states_no_facts_of_one() -> None:
    text = (
        "Ministers agreed to set up a joint heritage brigade to rescue damaged monuments. "
        "Where its warehouse will be has not been decided."
    )
    article = Article("a", text)
    spec = builtin_specs()["proposal"]

    def answered(armed: str) -> SecurityForceProposal:
        ask = Asked({"armed": {"armed": armed}})  # every other answer empty
        results = {"proposal": proposal(article, ask), "phases": PhasesDraft()}
        record = spec.ground(article, spec.assemble(results))
        assert isinstance(record, SecurityForceProposal)
        return record

    record = answered("no")
    assert (record.objective, record.open_questions) == (None, [])
    record = answered("yes")  # the model said nothing; the text's set forms are kept
    assert record.objective is not None and record.objective.value == "rescue damaged monuments"
    assert [f.value for f in record.open_questions] == ["Where its warehouse will be"]
