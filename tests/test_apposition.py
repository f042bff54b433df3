"""Who a speaker is, read from the text: role, affiliation, names after descriptions, and
which phrases are speakers at all. Names and sentences are invented for these tests."""

from __future__ import annotations

import pytest

from schemas.common import Evidence, Fact
from schemas.positions import PositionDraft, PositionList, PositionsDraft, StatedPosition
from service.apposition import (
    Identity,
    actor_adjectives,
    home_country,
    identity,
    name_after,
    split_description,
)
from service.builtins.positions.merge import merge_positions
from service.builtins.positions.records import (
    _speaking,
    ground_positions,
    is_speaker,
    personal_name,
    quoted,
    said_by,
    turn,
)
from service.builtins.proposal.records import field_of, off_topic, proposes, what_was_said
from service.ground import Article, Span


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Finnish Prime Minister Aino Virtanen said the force would help.", "Virtanen",
         Identity("prime minister", "Finland")),
        ("Estonia's defence minister Kaarel Tamm opened the session.", "Kaarel Tamm",
         Identity("defence minister", "Estonia")),
        ("Kenya's Foreign Affairs Cabinet Secretary, Peter Kamau, told the conference.",
         "Peter Kamau", Identity("foreign affairs cabinet secretary", "Kenya")),
        ("Kaja Ilves, an opposition MP, warned that it was too costly.", "Kaja Ilves",
         Identity("opposition mp", None)),
        ("The group was agreed in Istanbul, the chief of the defence staff, General Mihai "
         "Popescu, said.", "Mihai Popescu", Identity("chief of the defence staff", None)),
        ("Holm, the Danish minister who chaired the conference, said so.", "Holm",
         Identity("minister", "Denmark")),
        ("During the meeting, Slovenia’s army chief Lt. Gen. Robert Glavaš spoke.",
         "Robert Glavaš", Identity("army chief", "Slovenia")),
        ("French President Emmanuel Macron said so.", "Macron", Identity("president", "France")),
        ("Ivorian Defence Minister Koffi Yao says a base will be built.", "Koffi Yao",
         Identity("defence minister", "Côte d'Ivoire")),
        ("Anna Berg said the plan was sound.", "Anna Berg", Identity(None, None)),
        # wire attribution: the titled source speaks for the sentence's subject
        ("ACCRA - Ghana will send a battalion, Foreign Minister Ama Boateng said on Friday.",
         "Ama Boateng", Identity("foreign minister", "Ghana")),
        ("Norway will ask for more, the chief of staff, General Ola Strand, said.",
         "Ola Strand", Identity("chief of staff", "Norway")),
        ("Vilnius - Lithuania will send ten, the Minister of National Defence, Rokas Vel, said.",
         "Rokas Vel", Identity("minister of national defence", "Lithuania")),
        ("Norway will ask for more, and Foreign Minister Eva Lund will go to Oslo.",
         "Eva Lund", Identity("foreign minister", None)),
        # a live blog's time is not part of the description
        ("11:00 Senegal's President Mamadou Sarr backs the force.", "Mamadou Sarr",
         Identity("president", "Senegal")),
        # nor a dateline, nor an honorific; a nationality from countryinfo's table
        ("KAMPALA - The Inspector-General of the Uganda Police, General Paul Okello, said so.",
         "Paul Okello", Identity("inspector-general of police", "Uganda")),
        ("The Honourable Prime Minister Tevita Lolo opened it.", "Tevita Lolo",
         Identity("prime minister", None)),
        ("Samoan Police Commissioner Ana Leota said it was enough.", "Ana Leota",
         Identity("police commissioner", "Samoa")),
        # a country before a name is not a given name
        ("Later, Fiji's Sera Tui sat down beside him.", "Sera Tui", Identity(None, "Fiji")),
        ("\"No,\" said Ana Vel, chair of the Arica fishermen's union.", "Ana Vel",
         Identity("chair of the arica fishermen's union", "Arica fishermen's union")),
        # an apposition after the name without a determiner, with the body it names
        ('"Fine," said Dr. Ana Vel, executive director of the Andes Water Trust.', "Ana Vel",
         Identity("executive director of the andes water trust", "Andes Water Trust")),
        ("Ana Vel, Chile's foreign minister, said so.", "Ana Vel",
         Identity("foreign minister", "Chile")),
        # … but not the next names of a list
        ("Ana Vel, Jorge Rios and the Peruvian minister met.", "Ana Vel", Identity(None, None)),
        # a relative clause that says what the person heads or speaks for
        ("Lena Falk, who chairs the harbour pilots' association, said no.", "Lena Falk",
         Identity("chair", "harbour pilots' association")),
        ("Deputy Minister Omar Haddad, who led Jordan's delegation to the talks, agreed.",
         "Omar Haddad", Identity("deputy minister", "Jordan")),
        ('"No," said Ida Holt, whose union represents the pilots.', "Ida Holt",
         Identity(None, "union")),
        ('"Fine," said Jo Pak, who was in Oslo.', "Jo Pak", Identity(None, None)),
        # "the country" points back to the sentence's subject; "as …" names the post
        ("LIMA - Peru will send ships, said Ana Ruiz, who represented the country at the "
         "talks as deputy minister of the interior.", "Ana Ruiz",
         Identity("deputy minister of the interior", "Peru")),
        # the capital a sentence opens with, when the person is its subject
        ("14:10 From Accra, Defence Minister Kofi Asare tells a radio station it may work.",
         "Kofi Asare", Identity("defence minister", "Ghana")),
        ("In Lima, the talks went on while Ana Ruiz said no.", "Ana Ruiz", Identity(None, None)),
        # a post and the body it serves before the name; a body led by the person; a
        # country sending them; a live blog's time with its dash
        ("12:30 - A spokesman for the Harbour Authority in Lima, Ana Ruiz, tells us so.",
         "Ana Ruiz", Identity("spokesman", "Harbour Authority")),
        ("09:40 - The Peruvian delegation, led by Interior Minister Ana Ruiz, flew in.",
         "Ana Ruiz", Identity("interior minister", "Peru")),
        ("LIMA - Chile sent Deputy Interior Minister Ana Ruiz to the talks.", "Ana Ruiz",
         Identity("deputy interior minister", "Chile")),
        ("11:05 - IMO legal adviser Ana Ruiz presents the figures.", "Ana Ruiz",
         Identity("imo legal adviser", "IMO")),
        # a country's name with "and" in it; a rank as the only title, a body after the name
        ("Antigua and Barbuda's foreign minister, Ana Ruiz, agreed.", "Ana Ruiz",
         Identity("foreign minister", "Antigua and Barbuda")),
        ("A screen shows Rear Admiral Ana Ruiz of the U.S. Navy.", "Ana Ruiz",
         Identity("rear admiral", "United States")),
        # where the described person is, between the description and the name
        ("A government spokeswoman in Lima, Ana Ruiz, said Peru would wait.", "Ana Ruiz",
         Identity("government spokeswoman", "Peru")),
        ("The minister arrived in Lima, Ana Ruiz said.", "Ana Ruiz", Identity(None, None)),
        # the country its person represents
        ("11:05 Trinidad and Tobago is represented by its security minister, Ana Ruiz.",
         "Ana Ruiz", Identity("security minister", "Trinidad and Tobago")),
        # a body the gazetteer lacks, after the name, said to be one by its own noun
        ('"Not yet," said Ana Ruiz of the Andean Rivers Watch network.', "Ana Ruiz",
         Identity(None, "Andean Rivers Watch network")),
        ("Ana Ruiz of the Lima Peace Institute disagreed.", "Ana Ruiz",
         Identity(None, "Lima Peace Institute")),
        ("Ana Ruiz of the Daily Courier disagreed.", "Ana Ruiz", Identity(None, None)),
        ("Ana Ruiz of the Onda Libre rescue network disagreed.", "Ana Ruiz",
         Identity(None, "Onda Libre rescue network")),
        # a rank before what a clause says of the person; a plural's bare possessive
        ("Commodore Ana Ruiz, who led the Chilean observers, said so.", "Ana Ruiz",
         Identity("commodore", "Chile")),
        ("The Maldives' fisheries minister, Ana Ruiz, asks for more.", "Ana Ruiz",
         Identity("fisheries minister", "Maldives")),
        # where a mission is, before the name, says nothing of whose the person is; the
        # sentence's subject does
        ("Peru will send boats to the mission in Somalia, General Ana Ruiz announced.",
         "Ana Ruiz", Identity("general", "Peru")),
        ("Two boats will go to the mission in Somalia, General Ana Ruiz announced.",
         "Ana Ruiz", Identity("general", None)),
        # a sea named by a nationality is not the country
        ("Two ships will join the Indian Ocean flotilla, Ana Ruiz, the Minister of the Armed "
         "Forces, announced.", "Ana Ruiz", Identity("minister of the armed forces", None)),
        ('"Not yet," said Ana Ruiz, the director for the Lake Chad region.', "Ana Ruiz",
         Identity("director for the lake chad region", None)),
        # an under-secretary holds a function too
        ("Chile's undersecretary for fisheries, Ana Ruiz, said so.", "Ana Ruiz",
         Identity("undersecretary for fisheries", "Chile")),
        # a title's complement is no given name, the name written whole or by its surname
        ("Minister of Defence Ana Ruiz said so.", "Ana Ruiz",
         Identity("minister of defence", None)),
        ("Minister of Defence Ana Ruiz said so.", "Ruiz", Identity("minister of defence", None)),
        ("Secretary of National Defense Ana Ruiz said so.", "Ruiz",
         Identity("secretary of national defense", None)),
        ("Minister of Energy Ruiz said so.", "Ruiz", Identity("minister of energy", None)),
        # a line labelled with whom it is about: a list's item, a who's-who entry
        ("Present:\n- Chile: Minister of Defence Ana Ruiz (chair)\n- Peru: Ion Vel",
         "Ana Ruiz", Identity("minister of defence", "Chile")),
        ("WHO'S WHO\n\nChile (host): Energy Minister Ana Ruiz chaired the session.",
         "Ana Ruiz", Identity("energy minister", "Chile")),
        ("Correction: Energy Minister Ana Ruiz chaired the session.", "Ana Ruiz",
         Identity("energy minister", None)),
        # the person's own rank after the comma: what comes before is what they report
        ("The plan was adopted by the defence chiefs in Lima, Major General Ana Ruiz said.",
         "Ana Ruiz", Identity("major general", None)),
        # a title's complement of two nouns; an affiliation after "of" leaves no "of"
        ("At the invitation of the Minister of Justice and Public Security of Peru, Ana "
         "Ruiz, they met.", "Ana Ruiz", Identity("minister of justice and public security",
                                                 "Peru")),
        ("Peru's minister of hydrocarbons and energy, Ana Ruiz, called it a deal.", "Ana Ruiz",
         Identity("minister of hydrocarbons and energy", "Peru")),
        # a verb of saying before its subject is no part of the description
        ("Lima will host the depot, announced the Minister of Health, Ana Ruiz, on Monday.",
         "Ana Ruiz", Identity("minister of health", None)),
        ("Lima will pay, explained the spokesman, Ana Ruiz.", "Ana Ruiz",
         Identity("spokesman", None)),
        # where an envoy is posted is part of the post, not whom they serve
        ("Peru's ambassador to Ghana, Ana Ruiz, sat in.", "Ana Ruiz",
         Identity("ambassador to ghana", "Peru")),
        ("The ambassador to Ghana, Ana Ruiz, sat in.", "Ana Ruiz",
         Identity("ambassador to ghana", None)),
        # a country's person set off before the post that names them
        ("10:05 Peru's observer, Deputy Secretary Ana Ruiz, promises help.", "Ana Ruiz",
         Identity("deputy secretary", "Peru")),
        ("The Peruvian authority, the Vice Minister of the Interior Ana Ruiz, took part.",
         "Ana Ruiz", Identity("vice minister of the interior", "Peru")),
        ("Chile welcomed Peru's offer, and Deputy Secretary Ana Ruiz left.", "Ana Ruiz",
         Identity("deputy secretary", None)),
        # "its" post, and a subject represented by its holder: the clause's subject
        ("* Lima: Peru, not at the talks, offered boats for the patrol, its defence minister "
         "Ana Ruiz told parliament.", "Ana Ruiz", Identity("defence minister", "Peru")),
        ("11:20 Peru, which is an observer, has sent its ambassador to Quito, Ana Ruiz.",
         "Ana Ruiz", Identity("ambassador to quito", "Peru")),
        ("Chile made no pledge, and Peru was represented by its foreign minister, Ana Ruiz.",
         "Ana Ruiz", Identity("foreign minister", "Peru")),
        ("Peru attended as an observer and was represented by Vice-Minister Ana Ruiz.",
         "Ana Ruiz", Identity("vice-minister", "Peru")),
        # … or the sentence's before, in the same paragraph, when "Its" opens the sentence
        ("11:00 Peru is on the screen from Lima. Its minister, Ana Ruiz, warns of costs.",
         "Ana Ruiz", Identity("minister", "Peru")),
        ("Peru is on the screen from Lima.\n\nIts minister, Ana Ruiz, warns of costs.",
         "Ana Ruiz", Identity("minister", None)),
        # a body named by its kind after the post held in it
        ("Ana Ruiz, president of the potato growers' cooperative of Puno, said no.",
         "Ana Ruiz", Identity("president", "potato growers' cooperative of Puno")),
        ("Ana Ruiz, an energy analyst at a bank in Lima, said no.", "Ana Ruiz",
         Identity("energy analyst", "bank in Lima")),
        ("Ana Ruiz, the head of the agency, said no.", "Ana Ruiz",
         Identity("head of the agency", None)),
        # "the spokesman" points back to "a spokesman of …", which says whose post it is
        ("Lima will wait, a spokesman of the city council said.\n\n\"Yes,\" said the "
         "spokesman, Ana Ruiz.", "Ana Ruiz", Identity("spokesman", "city council")),
        ("Lima will wait.\n\n\"Yes,\" said the spokesman, Ana Ruiz.", "Ana Ruiz",
         Identity("spokesman", None)),
        # a country's thing before the comma describes no one; its counterpart does
        ("We will give ten million to Peru's energy security, Prime Minister Ana Ruiz "
         "announced.", "Prime Minister Ana Ruiz", Identity(None, None)),
        ("Lima chaired the talks with Peru's counterpart, Ana Ruiz.", "Ana Ruiz",
         Identity(None, "Peru")),
        # the country the person represents or came from, later in their sentence
        ("We will send two units, General Ana Ruiz, chief of staff, announced from Quito, "
         "where she represented Peru.", "Ana Ruiz", Identity("chief of staff", "Peru")),
        ("Ana Ruiz came all the way from Lima for it.", "Ana Ruiz", Identity(None, "Peru")),
        ("Ana Ruiz thanked Luis Soto, who came from Lima.", "Ana Ruiz", Identity(None, None)),
        # a delegation "was led by" its head
        ("Peru's delegation was led by Deputy Minister Ana Ruiz, who said no.", "Ana Ruiz",
         Identity("deputy minister", "Peru")),
        # an "and" inside a country's name does not end the description after the name
        ("\"Yes,\" Ana Ruiz, Trinidad and Tobago's foreign minister, who chaired it, said.",
         "Ana Ruiz", Identity("foreign minister", "Trinidad and Tobago")),
        ("Ana Ruiz, Luis Soto and the minister said so.", "Ana Ruiz", Identity(None, None)),
        # a transcript's own speaker, labelled by post, is of the body its heading names
        ("MINISTRY OF DEFENCE AND VETERANS AFFAIRS\nBriefing\n\nSPOKESMAN (Ana Ruiz): Hi.",
         "Ana Ruiz", Identity("spokesman", "Ministry of Defence and Veterans Affairs")),
        ("Transcript: a briefing\n\nSPOKESMAN (Ana Ruiz): Hi.", "Ana Ruiz",
         Identity("spokesman", None)),
        # an adjective two countries share is the one whose capital the article names
        ("Congolese Foreign Minister Ana Ruiz said Kinshasa would agree.", "Ana Ruiz",
         Identity("foreign minister", "DR Congo")),
        ("Congolese Foreign Minister Ana Ruiz said the capital would agree.", "Ana Ruiz",
         Identity("congolese foreign minister", None)),
    ],
)  # fmt: skip
def test_role_and_affiliation_are_the_words_beside_the_name(
    text: str, name: str, expected: Identity
) -> None:
    article = Article("a", text)
    assert identity(article, article.mentions([name])[0]) == expected


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        ("a foreign ministry spokesperson", Identity("foreign ministry spokesperson",
                                                     "foreign ministry")),
        ("a senior interior ministry official", Identity("senior interior ministry official",
                                                         "interior ministry")),
        ("Chinese embassy spokesperson", Identity("embassy spokesperson", "China")),
        # a minister holds a portfolio, not a post in a body
        ("police minister", Identity("police minister", None)),
        # an acronym the gazetteer lacks is still the body
        ("an IMO official", Identity("imo official", "IMO")),
        # a country's body speaking is its own role
        ("the Chilean foreign ministry", Identity("foreign ministry", "Chile")),
        # a body the gazetteer lacks, named by its kind
        ("the Alliance's director", Identity("alliance's director", "alliance")),
        ("the network's director", Identity("network's director", "network")),
        # a group a spokesman or leader speaks for; not a group of title holders
        ("a rebel spokesman", Identity("rebel spokesman", "rebel")),
        ("the herders' leader", Identity("herders' leader", "herders")),
        ("Fishermen's leader", Identity("fishermen's leader", "fishermen")),
        ("the ministers' spokesman", Identity("ministers' spokesman", None)),
        ("the Association's chairperson", Identity("association's chairperson", "association")),
        ("the Federation's president", Identity("federation's president", "federation")),
        ("Opposition legislator", Identity("opposition legislator", "opposition")),
    ],
)  # fmt: skip
def test_a_body_before_a_post_is_the_affiliation(description: str, expected: Identity) -> None:
    assert split_description(description) == expected


def test_a_description_followed_by_a_name_is_that_person() -> None:
    article = Article("a", "Norway's army chief Lt. Gen. Ola Strand said it could work.")
    found = name_after(article, article.mentions(["Norway's army chief"])[0])
    assert found is not None and article.text[found.start : found.end] == "Ola Strand"
    article = Article("a", "Norway's army chief said it could work.")
    assert name_after(article, article.mentions(["Norway's army chief"])[0]) is None


def test_a_description_set_off_before_a_name_gives_way_to_the_person() -> None:
    text = (
        "The Peruvian Minister of State for Defence Affairs, Ana al-Ruiz, said for her part "
        'that the boats would sail, "so that the lake stays open".'
    )
    position = _grounded_one(Article("a", text), "Peruvian Minister of State for Defence Affairs")
    assert position.speaker == "Ana al-Ruiz"
    # a name on the next line is a heading's, not the description's
    heading = Article("a", "Statement by the Minister of Health,\nLima Depot\n\nWe will pay.")
    assert name_after(heading, heading.mentions(["Minister of Health"])[0]) is not None
    assert _grounded_one_or_none(heading, "the Minister of Health") != "Lima Depot"
    # the person must be speaking: opening the day says nothing
    opens = Article(
        "a", "08:50 Delegates sit down. Peru's foreign minister, Ana Ruiz, opens the day."
    )
    assert _grounded_one_or_none(opens, "Peru's foreign minister") is None


def _grounded_one_or_none(article: Article, speaker: str) -> str | None:
    """The speaker grounded from a draft that names ``speaker``, if one is."""
    draft = PositionsDraft.model_validate(
        {"positions": [{"speaker": speaker, "stance": "supports", "quote": None}]}
    )
    found = ground_positions(article, draft).positions
    return found[0].speaker if found else None


def test_a_water_named_by_a_nationality_is_no_person_and_no_country() -> None:
    article = Article("a", "Ministers of five Indian Ocean governments met in Port Louis.")
    assert not is_speaker("Indian Ocean governments", article)


def test_a_word_that_heads_a_title_is_no_surname() -> None:
    article = Article(
        "a",
        "Defence ministers backed the plan. Peruvian Defence Minister Ana Ruiz wants it kept "
        "small, as do Some Western officials. Ola Dahl agreed; Dahl left.",
    )
    assert not is_speaker("Defence ministers", article)
    assert is_speaker("Peruvian Defence Minister Ana Ruiz", article)
    assert is_speaker("Dahl", article)


def test_an_acronym_after_a_determiner_is_no_surname() -> None:
    article = Article("a", "11:30 An IMO official tells us. Ola Dahl agreed; Dahl left.")
    assert not personal_name("IMO official", article)
    assert personal_name("Dahl", article)


@pytest.mark.parametrize(
    ("speaker", "expected"),
    [
        ("Anna Berg", True),
        ("a senior Danish official", True),
        ("Russian representatives", True),
        ("an aid official", True),
        ("official", False),  # names no one
        ("Political leaders", False),  # a group without whose
        ("United States", False),  # a state, not a person or body of people
        ("Evening News", False),  # an outlet
        ("Danish and Swedish officials", False),  # two parties
        ("Indian Ocean governments", False),  # a sea's name, not India's governments
        ("Southern African leaders", False),  # a region's, not a person's name
        ("Sri Lankan Foreign", False),  # a country's adjective and a title's word
        ("a Western diplomat in Oslo", True),  # described, not named "Western Oslo"
        ("Eight states along the Black Sea", False),  # a place's name, not a person's
        ("Mining ministers of Argentina, Bolivia and Chile", False),  # three parties
        ("the Minister of Trinidad and Tobago", True),  # one state with "and" in its name
    ],
)
def test_a_speaker_is_a_person_or_a_body_that_the_text_describes(
    speaker: str, expected: bool
) -> None:
    assert is_speaker(speaker, Article("a", "Anna Berg and others.")) is expected


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Anna Berg said the plan was sound.", "Anna Berg", True),
        # what others expect of them is not what they state
        ("Nordic leaders are expected to take up the plan in July.", "Nordic leaders", False),
        ("Nordic leaders expect the plan to pass.", "Nordic leaders", True),
        ("Optimism persists among Danish officials.", "Danish officials", True),
        ("It was coordinated with the cabinet of President Anna Berg.", "Anna Berg", False),
        ("Anna Berg represented the navy at the meeting.", "Anna Berg", False),
        ("According to a report by the Evening Courier, talks went well.", "Evening Courier",
         False),
        # a speaker's own name is no verb of saying; a source that said nothing says nothing
        ("The Popular Support Front was not represented.", "Popular Support Front", False),
        ("The Popular Support Front was not represented.", "Front", False),
        ("In Lima, the Peruvian government did not respond to our questions.",
         "Peruvian government", False),
        ("The Peruvian embassy declined to comment.", "Peruvian embassy", False),
        ("A Peruvian diplomat in the back row has not asked for the floor.",
         "Peruvian diplomat", False),
        ("The Peruvian observers have said nothing in public.", "Peruvian observers", False),
        # a source closing a report of what others did states no position; a view it
        # reports is one
        ("LIMA - Ministers from four states endorsed a plan for a river patrol on Friday, "
         "the Peruvian government said.", "Peruvian government", False),
        ("Chile will ask for more ships, the Peruvian government said.", "Peruvian government",
         True),
        ("The talks were productive, the Peruvian government said.", "Peruvian government",
         True),
        # coming back from a trip backs nothing; welcoming guests welcomes no plan
        ("The Interior Minister came back from Lima with a letter.", "Interior Minister",
         False),
        ("The Interior Minister backs the plan.", "Interior Minister", True),
        ("The Peruvian ministry welcomed ministers from the region.", "Peruvian ministry",
         False),
        ("The Peruvian ministry welcomed the plan.", "Peruvian ministry", True),
        # a verb of another subject's adverbial clause is not the speaker's
        ("The Peruvian delegation walked out when Chile refused to discuss the dam.",
         "Peruvian delegation", False),
        ("The Peruvian delegation, after Chile refused to talk, said it would leave.",
         "Peruvian delegation", True),
        # a declaration signed is no verb of saying; declaring is
        ("The Peruvian delegation arrived late but signed the final declaration.",
         "Peruvian delegation", False),
        ("The Peruvian delegation declared the plan dead.", "Peruvian delegation", True),
        # … nor is an agreement signed; agreeing is
        ("Peru's minister, Ana Ruiz, signed the agreement with her.", "Ana Ruiz", False),
        ("Peru's minister, Ana Ruiz, agreed with her.", "Ana Ruiz", True),
        # "States" in a name states nothing
        ("The United States sent an observer, and Peru's trade minister took part by video.",
         "Peru's trade minister", False),
        ("Peru's trade minister states that the plan is sound.", "Peru's trade minister", True),
    ],
)  # fmt: skip
def test_a_speakers_sentence_must_be_theirs_and_say_something(
    text: str, name: str, expected: bool
) -> None:
    article = Article("a", text)
    assert said_by(article, article.mentions([name])[0]) is expected


def _position(speaker: str, role: str | None, affiliation: str | None) -> StatedPosition:
    evidence = Evidence(source="a", start=0, end=1, quote="x")
    return StatedPosition(
        speaker=speaker, role=role, affiliation=affiliation, stance="supports", claim="x",
        evidence=[evidence],
    )  # fmt: skip


def test_a_definite_description_joins_the_one_named_person_it_describes() -> None:
    records = {
        "a": PositionList(positions=[_position("Ola Strand", "army chief", "Norway")]),
        "b": PositionList(
            positions=[
                _position("Norway's army chief", "army chief", "Norway"),
                # an anonymous source is never given a name
                _position("a Norwegian army chief", "army chief", "Norway"),
            ]
        ),
    }
    merged = merge_positions(records).positions
    assert [(m.speaker, m.sources) for m in merged] == [
        ("Ola Strand", ["a", "b"]),
        ("a Norwegian army chief", ["b"]),
    ]


def _fact(article: Article, value: str) -> Fact:
    # as ground_phrase makes it: the value's own span is its evidence
    span = article.mentions([value])[0]
    return Fact(value=value, evidence=[article.evidence(span)])


@pytest.mark.parametrize(
    ("field", "value", "text", "off"),
    [
        ("capabilities", "minesweepers", "It would use minesweepers.", False),
        ("capabilities", "Japan", "Japan and others joined.", True),
        ("capabilities", "military officials", "Military officials met.", True),
        ("capabilities", "Norway's Chief of Defence", "Norway's Chief of Defence came.", True),
        ("mandate", "the Security Council", "It needs the Security Council.", False),
        ("mandate", "Anna Berg", "Anna Berg would back it.", True),
        ("deployment", "Oslo", "Ministers met in Oslo on Friday.", True),
        ("deployment", "Gdansk", "The ships would be based in Gdansk.", False),
        # a capital as a subject is its government, not a place
        ("deployment", "Lima", "Lima would contribute two ships.", True),
        ("deployment", "Lima", "The ships would be based in Lima.", False),
        ("preconditions", "talks in Oslo", "Before talks in Oslo, nothing.", True),
        # a value's sentence must say the field: a condition, a step, an authority, a status
        ("preconditions", "mines", "The group would clear drifting mines.", True),
        ("preconditions", "a ceasefire", "Troops would go only after a ceasefire.", False),
        ("preconditions", "as long as all agree", "Peru sends boats, as long as all agree.",
         False),
        # the condition word must be in the value's own clause
        ("preconditions", "violence spreads to the coast",
         "Leaders approved the force, as violence spreads to the coast.", True),
        ("mandate", "the EU", "The EU was asked to pay for the drones.", True),
        ("mandate", "the UN", "It would act under a mandate from the UN.", False),
        ("response_to_violation", "nothing", "Foreign troops came before and left nothing.",
         True),
        ("phases", "patrols", "The unit would begin patrols in 2028.", False),
        ("phases", "broader support", "Norway now seeks broader support.", True),
        ("status", "as it happened", "Talks: as it happened.", True),
        ("status", "approved in principle", "It was approved in principle.", False),
        # what the force acts against is not one of its means
        ("capabilities", "cocaine", "A coast guard unit would stop cocaine smuggling.", True),
        ("capabilities", "illegal logging", "Rangers would fight illegal logging.", True),
        ("capabilities", "radar", "Rangers would fight fires with radar.", False),
        ("capabilities", "arms smuggling", "It would halt cocaine and arms smuggling.", True),
        # an objective that names the force says nothing of what it is for
        ("objective", "border unit", "Peru backs the border unit.", True),
        ("objective", "draw up plans for a joint guard unit",
         "They agreed to draw up plans for a joint guard unit.", True),
        ("objective", "deter armed groups", "It would deter armed groups.", False),
        # an objective says an action: not a part of the force, not a headline's words
        ("objective", "supply depot", "Peru will host the supply depot of the force.", True),
        ("objective", "escort tankers", "A force that would escort tankers.", False),
        ("objective", "securing the coast", "Leaders discussed securing the coast.", False),
        # a value copied across sentences is a passage, not a phrase
        ("deployment", "We patrol in Lima. We need ships",
         "We patrol in Lima. We need ships, he said.", True),
        # or across a semicolon, which joins two sentences
        ("deployment", "Lima in May; the rest would follow in June",
         "The first boats go to Lima in May; the rest would follow in June.", True),
        # a size that counts the force's people itself, whatever its sentence's nouns
        ("size", "about 200 unarmed observers",
         "Ministers backed a plan for about 200 unarmed observers.", False),
        ("size", "four ships", "Our navy has four ships.", True),
        # the force's own name is not where it goes; a fear is no step
        ("deployment", "under the command of the joint flotilla",
         "Peru puts two ships under the command of the joint flotilla.", True),
        ("phases", "unions fear that the flotilla will go after small boats",
         "Unions fear that the flotilla will go after small boats.", True),
        # the decision itself
        ("preconditions", "Monday to create a joint response team",
         "Ministers agreed on Monday to create a joint response team.", True),
        # where a person grew up; what the meeting already did
        ("deployment", "Tarapoto",
         "Ana Vel, who grew up in Tarapoto, presented the plan for a squadron.", True),
        ("preconditions", "five governments agreed to build a flotilla",
         "Five governments agreed to build a flotilla, but Peru has no plans to join.", True),
        ("preconditions", "once all have agreed to the plan",
         "The squadron deploys once all have agreed to the plan.", False),
        # what is open is said in the value's own clause
        ("open_questions", "the draft gives the unit two helicopters",
         "An official says the draft gives the unit two helicopters, but the cost is still "
         "argued over.", True),
        ("open_questions", "the cost is still argued over",
         "An official says the draft gives the unit two helicopters, but the cost is still "
         "argued over.", False),
        # a step may count its people as they grow, but a size is no step
        ("phases", "begin with 80 officers and grow to 250 within two years",
         "The unit would begin with 80 officers and grow to 250 within two years.", False),
        ("phases", "start with 300 officers and two boats",
         "The unit would start with 300 officers and two boats.", True),
        ("open_questions", "guarantees that the boats stay out",
         "It is unclear whether Peru will sign, as it asked for guarantees that the boats stay "
         "out.", False),
        ("preconditions", "agreed in Arica by Peru and Chile",
         "Fishermen welcomed the unit agreed in Arica by Peru and Chile.", True),
        # the meeting's act is no condition's cue
        ("preconditions", "the valley where the borders meet",
         "Peru and Chile agreed on Tuesday to create a unit for the valley where the borders "
         "meet.", True),
        ("preconditions", "a ceasefire",
         "Peru and Chile agreed on Tuesday that the unit deploys only after a ceasefire.", False),
        # a name names a force, in its noun or in capitals
        ("name", "Andean states", "Andean states agreed to form a joint flotilla.", True),
        ("name", "Lima, Peru", "The force was agreed in Lima, Peru.", True),
        ("name", "joint flotilla", "Andean states agreed to form a joint flotilla.", False),
        ("name", "Andes Guard", "Andean states agreed to form the Andes Guard.", False),
        # a team is no place
        ("deployment", "the joint cyber team", "Peru sends ten to the joint cyber team.", True),
        # places that meet are no meeting
        ("deployment", "the river valleys where the borders of Peru and Chile meet",
         "The unit would patrol the river valleys where the borders of Peru and Chile meet.",
         False),
        ("deployment", "the valley where the ministers meet",
         "The unit would patrol the valley where the ministers meet.", True),
        # a country heading a list of those who act is no place, one after "in" is
        ("deployment", "Chile", "Peru, Chile and Bolivia agreed to form a lake patrol.", True),
        ("deployment", "Chile", "The patrol would be deployed in Peru, Chile and Bolivia.",
         False),
        # a place opening the sentence of someone who speaks is where they spoke
        ("deployment", "Lima", "In Lima, a spokesman said the unit would wait.", True),
        ("deployment", "Lima", "In Lima, the unit would keep its boats.", False),
        # another force's place, named after it
        ("deployment", "the Putumayo river",
         "In 2019 two states ran a similar patrol on the Putumayo river.", True),
        ("deployment", "the Putumayo river", "The new patrol would sail on the Putumayo river.",
         False),
        # a country's name inside a longer name, or before its titled person
        ("deployment", "Singapore", "The drones would watch the Singapore Strait.", True),
        ("deployment", "Malaysia",
         "Malaysia's defence minister said the unit would fly over the coast.", True),
        # a headline's present tense agrees, it sets no condition; a value may need agreeing
        ("preconditions", "Andean states agree to patrol the lake with shared boats",
         "Andean states agree to patrol the lake with shared boats", True),
        ("preconditions", "both congresses must agree to the patrol",
         "Both congresses must agree to the patrol.", False),
        # an approval still pending is open
        ("open_questions", "cabinet approval pending",
         "The squadron is agreed, cabinet approval pending.", False),
    ],
)  # fmt: skip
def test_a_proposal_value_must_be_of_its_field(
    field: str, value: str, text: str, off: bool
) -> None:
    article = Article("a", text)
    assert (off_topic(article, field, _fact(article, value)) is not None) is off


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("A senior official said the unit would start with 400 officers",
         "the unit would start with 400 officers"),
        ("Norway said that the ships would sail in May", "the ships would sail in May"),
        ("six minehunters", "six minehunters"),
        # what follows does not open a clause: kept whole (and judged as a person's)
        ("Minister Ana Ruiz said after returning from Lima", "Minister Ana Ruiz said after "
         "returning from Lima"),
    ],
)  # fmt: skip
def test_a_value_copied_with_its_attribution_is_what_was_said(value: str, said: str) -> None:
    assert what_was_said(value) == said


@pytest.mark.parametrize(
    ("asked", "value", "field"),
    [
        ("deployment", "only at the invitation of the coastal state", "preconditions"),
        ("deployment", "as long as every member agrees", "preconditions"),
        ("capabilities", "may shoot back only in self-defence", "response_to_violation"),
        ("preconditions", "if the truce is violated", "response_to_violation"),
        ("deployment", "the northern coast", "deployment"),
        ("phases", "once trained, patrols along the coast", "phases"),
        # a condition inside a step's sentence is a condition, unless a step is named first
        ("phases", "They would sail only once the council renews the mandate in May",
         "preconditions"),
        ("phases", "the second stage would begin only after the first year", "phases"),
        # where the force goes or is kept, answered as a means
        ("capabilities", "return to Callao between missions", "deployment"),
        ("capabilities", "two patrol boats", "capabilities"),
        # a step of the force at a time to come, answered as a place or a condition
        ("preconditions", "the first boats of the patrol would sail by March 2027", "phases"),
        ("deployment", "the unit would reach full strength by mid-2028 on the lake", "phases"),
        ("preconditions", "only once the patrol has boats by March", "preconditions"),
        ("preconditions", "parliament must ratify it by March", "preconditions"),
        # what is still to be done is a condition
        ("deployment", "the cabinet still has to approve the unit", "preconditions"),
    ],
)  # fmt: skip
def test_a_condition_or_a_response_is_its_own_field_whatever_was_asked(
    asked: str, value: str, field: str
) -> None:
    assert field_of(asked, value) == field


@pytest.mark.parametrize(
    ("sentence", "says"),
    [
        ("Norway proposed a naval force.", True),
        ("The Norwegian proposal was welcomed.", True),
        ("The plan, spearheaded by Chile, was approved.", True),
        ("Chile is leading the effort.", True),
        # leading a delegation, an adjective, a noun of leaders: nobody proposes
        ("Ana Ruiz, who led Chile's delegation to Lima, said the boats were ready.", False),
        ("Peru asked about the size of this proposed force.", False),
        ("Military leaders from Peru met in Lima.", False),
        # an initiative someone owns, not one among many
        ("Peru's initiative was welcomed.", True),
        ("Peru has stayed out of every regional security initiative.", False),
        # a passive without its agent is said of something else; with it, of the agent
        ("Bolivia, from whose territory the attacks are launched, was not invited.", False),
        ("The plan was proposed by Chile.", True),
        # launching boats is no launching of a plan; another subject's verb is not the name's
        ("Peru wants to stop smugglers launching small boats.", False),
        ("Chile launched the initiative in May.", True),
    ],
)  # fmt: skip
def test_a_proposer_is_named_in_a_sentence_that_says_it_proposes(sentence: str, says: bool) -> None:
    assert proposes(sentence) is says


def test_a_given_name_and_a_surname_stand_side_by_side() -> None:
    article = Article("a", "A Western diplomat in Oslo said so. Ana Ruiz agreed.")
    assert not personal_name("a Western diplomat in Oslo", article)
    assert personal_name("Interior Minister Ana Ruiz", article)
    # a surname with its particle
    article = Article("a", "Minister Omar al-Nasser came. Al-Nasser agreed.")
    assert personal_name("Minister Omar al-Nasser", article)
    assert personal_name("al-Nasser", article)
    assert not personal_name("Oslo", Article("a", "In Oslo the talks began."))
    # a body with its article is no person, nor its body word a surname
    article = Article("a", "Ana Vel heads the Andes Water Trust. The Trust calls for boats.")
    assert not personal_name("The Trust", article)
    assert personal_name("Ana Vel", article)
    # a title's complement is no name: "Minister of National Defence" names no one
    article = Article("a", "Peru's Minister of National Defence, Ana Ruiz, said so.")
    assert not personal_name("Peru's Minister of National Defence", article)
    assert personal_name("Minister of National Defence Ana Ruiz", article)
    assert personal_name("Secretary of State Ana Ruiz", article)
    # a country's possessive is no given name, but names whose person a surname is
    article = Article(
        "a", "Peru's Cabinet Secretary for Water, Ana Ruiz, signed. Chile's Vel came."
    )
    assert not personal_name("Peru's Cabinet Secretary for Water", article)
    assert personal_name("Chile's Vel", article)


def test_a_live_blogs_bare_surname_speaking_is_a_person() -> None:
    article = Article("a", '11:20 Voss calls the plan "a fleet of flags". He says no more.')
    assert personal_name("Voss", article)
    assert not personal_name("He", article)
    # a body written with "the" is no surname
    assert not personal_name("Kremlin", Article("a", "The Kremlin says no. Kremlin says no."))
    # the surname before its quotation, or making the case
    assert personal_name("Voss", Article("a", '13:00 Voss: "We start today."'))
    assert personal_name("Voss", Article("a", "10:20 Voss makes the case for the plan."))
    assert personal_name("Voss", Article("a", "10:30 - Voss wants the first boats by May."))
    assert personal_name("Voss", Article("a", "10:48 Voss proposes Arica as a base."))
    assert not personal_name("Update", Article("a", "11:00 Update: the talks resume."))


@pytest.mark.parametrize(
    ("text", "speaker", "expected"),
    [
        # the person named right after the body the model gave
        ("12:30 - A spokesman for the Harbour Authority in Lima, Ana Ruiz, tells a news "
         "agency that the unit is not needed.", "Harbour Authority in Lima", "Ana Ruiz"),
        # the person who says something of the country the model gave
        ("Ana Ruiz says Peru could give cameras but no troops. Interior Minister Ana Ruiz "
         "left.", "Peru", "Ana Ruiz"),
        # a headline below a country's name is no one speaking
        ("PRESS RELEASE - Office of the President, Peru\n\nLima Harbour Summit: joint "
         "statement adopted", "Peru", None),
        # the country's own person, quoted by a pronoun in the next sentence
        ("Peru's Ana Ruiz takes the floor. \"We have waited long enough,\" she says.", "Peru",
         "Ana Ruiz"),
        ("Peru's Defence Minister Ana Ruiz said Lima would send two boats.", "Peru",
         "Ana Ruiz"),
        # a possessive written with its apostrophe alone
        ("\"We will watch,\" Honduras' Foreign Minister Ana Ruiz told reporters.", "Honduras",
         "Ana Ruiz"),
        # "he says" stands for the last person the sentence before names
        ("Chile appears on a screen: Deputy Minister Jorge Vidal speaks from Santiago. He "
         "says Chile \"will back whatever is agreed\".", "Chile", "Jorge Vidal"),
        # the model's rewording: a body appended to the name, a possessive for an adjective
        ('A screen shows Rear Admiral Ana Ruiz of the U.S. Coast Guard. She promises "ships".',
         "Rear Admiral Ana Ruiz of the U. S. Coast Guard", "Rear Admiral Ana Ruiz"),
        ('In a statement, the Chilean foreign ministry called it "a trap".',
         "Chile's foreign ministry", "Chilean foreign ministry"),
        # the outlet told gives way to the one telling it
        ('"Not yet," Ana Ruiz told the Daily Courier. She said Peru would wait.',
         "Daily Courier", "Ana Ruiz"),
        # "he said" stands for the last person named, not a people, nor the one told
        ('Ana Vel spoke in Lima. "We will not send young Chileans," Vel told the Daily '
         'Courier. He said Chile could send ships.', "Chile", "Vel"),
        # a country's adjective of two words is no given name
        ("Boats would come from India, Sri Lankan Foreign Minister Ana Perera said.", "India",
         None),
        # a delegation speaks through the leader named beside it
        ("The Chilean delegation, led by Interior Minister Ana Ruiz, says Lima will wait.",
         "Chilean delegation", "Ana Ruiz"),
        # the country's own organ speaking later in its sentence
        ('Chile was not invited, and its foreign ministry called the plan "a trap".',
         "Chile", "foreign ministry"),
        ("Chile stayed away; its president said nothing would change.", "Chile", "president"),
        # and for no one when that sentence names nobody
        ("Chile appears on a screen. He says Chile will wait.", "Chile", None),
        ("Chile sent its foreign minister to Lima.", "Chile", None),
        # the person set off by commas before the verb of saying
        ('A spokeswoman in Lima, Ana Ruiz, said Peru was "doing its share".', "Peru",
         "Ana Ruiz"),
        # the verb before its person, whose description names the body
        ('"Stocks save lives," said Dr Ana Ruiz-Vel, WHO Regional Director for Africa.',
         "WHO", "Ana Ruiz-Vel"),
        ('"Stocks save lives," said Ana Ruiz, who thanked WHO.', "WHO", None),
        # the candidate's clause, then its titled person saying; not another state's
        ('10:52 Chile to provide two boats, Defence Minister Ana Ruiz says: "Now."', "Chile",
         "Ana Ruiz"),
        ("Chile will send boats, Peru's Defence Minister Ana Ruiz says.", "Chile", None),
    ],
)  # fmt: skip
def test_a_body_or_country_gives_way_to_the_person_speaking_in_its_sentence(
    text: str, speaker: str, expected: str | None
) -> None:
    article = Article("a", text)
    said, span, _ = _speaking(article, speaker)
    assert (said if span is not None else None) == expected


def test_a_speakers_quotations_are_taken_from_the_text() -> None:
    article = Article(
        "a",
        'Defence minister Ola Strand said the ships were ready. "We cannot wait," he told '
        'reporters. Berg: "A cut cable is no accident." Others called it "a show".',
    )
    assert [
        article.text[s.start : s.end] for s in quoted(article, article.mentions(["Strand"]))
    ] == ["We cannot wait"]
    assert [article.text[s.start : s.end] for s in quoted(article, article.mentions(["Berg"]))] == [
        "A cut cable is no accident"
    ]
    # a sentence a pronoun says, right after the speaker's, is theirs
    article = Article("a", 'Jorge Vidal speaks from Santiago. He says Chile "will wait".')
    assert [
        article.text[s.start : s.end] for s in quoted(article, article.mentions(["Vidal"]))
    ] == ["will wait"]
    # a quotation attributed to "the minister" in the next sentence is the minister's
    article = Article("a", 'Ana Ruiz says Peru could help. "We give ships," the minister says.')
    assert [
        article.text[s.start : s.end] for s in quoted(article, article.mentions(["Ana Ruiz"]))
    ] == ["We give ships"]
    # … also across a paragraph's blank line
    article = Article("a", 'Ana Ruiz signed it.\n\n"We give ships," the minister said.')
    assert [
        article.text[s.start : s.end] for s in quoted(article, article.mentions(["Ana Ruiz"]))
    ] == ["We give ships"]
    # … after what opens its sentence
    article = Article(
        "a", 'Ana Ruiz signed it. In a declaration, the minister stressed that "ships come".'
    )
    assert [
        article.text[s.start : s.end] for s in quoted(article, article.mentions(["Ana Ruiz"]))
    ] == ["ships come"]
    # … and with the verb before its subject
    article = Article("a", 'Ana Ruiz signed it. "We give ships," declared the undersecretary.')
    assert [
        article.text[s.start : s.end] for s in quoted(article, article.mentions(["Ana Ruiz"]))
    ] == ["We give ships"]


def test_a_transcripts_turns_are_the_labelled_speakers_words() -> None:
    article = Article(
        "a",
        "TRANSCRIPT: Press conference, Minister Ana Ruiz, Lima\n\nRUIZ: Thanks. Chile pays "
        "for its own boat.\n\nQUESTION: Who commands?\n\nRUIZ: Peru does.\n\nVEL: Not yet.",
    )
    assert [article.text[s.start : s.end] for s in quoted(article, article.mentions(["Ruiz"]))] == [
        "Thanks. Chile pays for its own boat.",
        "Peru does.",
    ]
    # the model's label is the person the article names
    draft = PositionsDraft.model_validate(
        {"positions": [{"speaker": "RUIZ", "stance": "supports", "quote": None}]}
    )
    [position] = ground_positions(article, draft).positions
    assert (position.speaker, position.role) == ("Ruiz", "minister")
    assert [q.text for q in position.quotes] == [
        "Thanks. Chile pays for its own boat.",
        "Peru does.",
    ]


def test_a_parts_label_naming_its_holder_is_that_persons() -> None:
    article = Article(
        "a",
        "PRESS BRIEFING\n\nSPOKESPERSON (Ana Ruiz): Good morning. The patrol is welcome.\n\n"
        "QUESTION (Radio Lima): Who pays?\n\nSPOKESPERSON: Each country pays for its boat.",
    )
    draft = PositionsDraft.model_validate(
        {"positions": [{"speaker": "SPOKESPERSON", "stance": "supports", "quote": None}]}
    )
    [position] = ground_positions(article, draft).positions
    assert (position.speaker, position.role) == ("Ana Ruiz", "spokesperson")
    # a part whose label names no one is still no speaker
    unnamed = Article("a", article.text.replace(" (Ana Ruiz)", ""))
    assert ground_positions(unnamed, draft).positions == []


def test_a_letter_is_its_signers_words() -> None:
    text = (
        "LETTERS\n\nSir, - I read of the plan with hope. I also note that the boats are few. "
        "Put a boat near every village.\n\nAna Ruiz\nChairwoman, Lima Fishers' Union\nCallao\n"
    )
    draft = PositionsDraft.model_validate(
        {"positions": [{"speaker": "Ana Ruiz", "stance": "conditional", "quote": None}]}
    )
    [position] = ground_positions(Article("a", text), draft).positions
    assert (position.speaker, position.role, position.affiliation) == (
        "Ana Ruiz",
        "chairwoman",
        "Lima Fishers' Union",
    )
    # a byline with the author's body after the name
    bylined = Article("a", "NOTES\n\nBy Colonel Ana Ruiz, Lima Defence Force\n\nI told them so.")
    [position] = ground_positions(bylined, draft).positions
    assert (position.role, position.affiliation) == ("colonel", "Lima Defence Force")
    # a name alone on a line with text going on under it signs nothing
    going_on = text + "\nThe union has 300 members. It met on Monday and voted.\n"
    assert ground_positions(Article("a", going_on), draft).positions == []


def test_a_nationality_before_its_authorities_makes_the_country_act() -> None:
    article = Article(
        "a", "The Chilean authority, a deputy minister, joined by video. Chilean trout sells well."
    )
    found = actor_adjectives(article, "Chile")
    assert [(m.start, article.text[m.start : m.end]) for m in found] == [(4, "Chilean")]


def test_a_thing_named_like_a_person_is_none_and_a_titled_name_is_one() -> None:
    article = Article(
        "a",
        "Four states joined the Lake Watch. Minister Peter Hall said the Andes Lake Watch "
        "would help. Tiger Island hosts the base.",
    )
    # a person is not written after "the"; a place's word ends no name unless titled
    assert not personal_name("Andes Lake Watch", article)
    assert personal_name("Peter Hall", article)
    assert not personal_name("Tiger Island", article)
    honoured = Article("a", "Today the Honourable Ana Roy said the unit would help.")
    assert personal_name("Ana Roy", honoured)


def test_someone_named_inside_what_another_says_is_not_speaking() -> None:
    article = Article(
        "a", "Neither side has said whether a Peruvian officer on a boat could arrest anyone."
    )
    span = article.mentions(["Peruvian officer on a boat"])[0]
    assert not said_by(article, span)
    said = Article("a", "A Peruvian officer on a boat said the patrol would help.")
    assert said_by(said, said.mentions(["Peruvian officer on a boat"])[0])


def _grounded_one(article: Article, speaker: str) -> StatedPosition:
    """The one position grounded from a draft that names ``speaker``."""
    draft = PositionsDraft.model_validate(
        {"positions": [{"speaker": speaker, "stance": "supports", "quote": None}]}
    )
    [position] = ground_positions(article, draft).positions
    return position


def test_a_post_under_its_authors_label_is_their_words() -> None:
    article = Article(
        "a",
        "What officials posted\n\nAna Ruiz (@aruiz), Peru's Minister of Defence, 14:02:\n"
        "Historic day in Lima. Peru and Chile will patrol the river together.\n\n"
        "Ion Vel (@ivel), Chile's Minister of Defence, 14:20:\nChile will do its part.",
    )
    assert _grounded_one(article, "Ion Vel").speaker == "Ion Vel"
    vel = article.mentions(["Ion Vel"])[0]
    words = turn(article, vel)
    assert words is not None and article.text[words.start : words.end] == "Chile will do its part."
    # a name in running text followed by a line ending in a colon is no label
    prose = Article("a", "Talks went on. Ana Ruiz left early, saying:\n\n- boats\n- money")
    assert turn(prose, prose.mentions(["Ana Ruiz"])[0]) is None


def test_a_transcript_label_of_post_and_surname_gives_the_post_as_role() -> None:
    article = Article(
        "a",
        "TRANSCRIPT - press conference, Lima\n\nMINISTER RUIZ: Good morning. The boats sail "
        "in May, and Chile is glad of it.\n\nQUESTION (Radio Lima): Who pays?",
    )
    position = _grounded_one(article, "MINISTER RUIZ")
    assert (position.speaker, position.role) == ("Minister Ruiz", "minister")


def test_a_pronoun_taking_a_stance_in_the_next_sentence_makes_the_name_a_speaker() -> None:
    text = (
        "10:05 On the screen from Dhaka: Bangladesh's minister, Farhana Kabir. She backs the "
        "plan but asks that the teams also cover cyclones."
    )
    said, span, _ = _speaking(Article("a", text), "Farhana Kabir")
    assert span is not None and said == "Farhana Kabir"
    # no stance, no speaker: "She arrived late" says nothing of the plan
    other = text.replace("She backs the plan but asks", "She arrived late and left early, so")
    assert _speaking(Article("a", other), "Farhana Kabir")[1] is None


def test_a_transcript_label_alone_names_its_speaker_and_a_part_names_no_one() -> None:
    article = Article(
        "a",
        "Transcript: press conference, Lima\n\nRUIZ: Good morning. The boats sail in May.\n\n"
        "QUESTION (Radio Lima): Who pays?\n\nRUIZ: Chile pays its share.\n\nHOST: Thank you.",
    )
    draft = PositionsDraft.model_validate(
        {
            "positions": [
                {"speaker": "Ruiz", "stance": "supports", "quote": None},
                {"speaker": "HOST", "stance": "neutral", "quote": None},
            ]
        }
    )
    grounded = ground_positions(article, draft)
    [position] = grounded.positions
    assert position.speaker == "Ruiz"
    assert [q.text for q in position.quotes] == [
        "Good morning. The boats sail in May.",
        "Chile pays its share.",
    ]
    assert [u.value for u in grounded.ungrounded] == ["HOST"]


def test_a_quotation_signed_after_a_dash_is_its_signers() -> None:
    article = Article(
        "a",
        '* Quote of the week: "Boats move faster than laws." - Peruvian interior minister '
        "Ana Ruiz, on the lake.\n* Elsewhere: Chile's budget passed.",
    )
    position = _grounded_one(article, "Ana Ruiz")
    assert [q.text for q in position.quotes] == ["Boats move faster than laws"]
    assert (position.role, position.affiliation) == ("interior minister", "Peru")
    assert position.claim.startswith("* Quote of the week:")
    # a name after a dash with no quotation before it signs nothing
    plain = Article("a", "Results - Peruvian interior minister Ana Ruiz, on the lake.")
    assert not said_by(plain, plain.mentions(["Ana Ruiz"])[0])


def test_a_person_who_says_set_off_after_the_country_speaks_for_it() -> None:
    article = Article(
        "a",
        "Chile was represented by its deputy minister of the interior, Ana Ruiz, who said "
        'Santiago "will give a boat but no crew".',
    )
    said, span, _ = _speaking(article, "Chile")
    assert span is not None and said == "Ana Ruiz"


def test_the_byline_of_a_text_written_in_the_first_person_is_its_speaker() -> None:
    text = (
        "Opinion: one lake, one patrol\n\nBy Ana Ruiz\n\nLast week I sat down with my "
        'colleagues. I told them what our fishermen know: "A boat has no border."\n\n'
        "The author is Peru's Minister of the Interior."
    )
    article = Article("a", text)
    position = _grounded_one(article, "Ana Ruiz")
    assert [q.text for q in position.quotes] == ["A boat has no border"]
    assert position.claim.startswith("I told them")
    assert (position.role, position.affiliation) == ("minister of the interior", "Peru")
    # a blog's "Posted by" byline over a view of the author's own
    post = Article(
        "a",
        "A watch, not a wall\n\nPosted by Dr Ana Ruiz, senior fellow, Lima Institute\n\n"
        "Peru agreed a patrol. My own view is that it will work if it stays small.",
    )
    position = _grounded_one(post, "Ana Ruiz")
    assert position.claim.startswith("My own view is")
    assert (position.role, position.affiliation) == ("senior fellow", "Lima Institute")
    # a byline's title and whose it is
    mayor = Article(
        "a",
        "Dikes first\n\nBy Ana Ruiz, Mayor of Vukovar\n\nI welcome the network, but I fear for "
        "the dikes.",
    )
    position = _grounded_one(mayor, "Ana Ruiz")
    assert (position.role, position.affiliation) == ("mayor", "Vukovar")
    # a byline over a report in the third person is no speaker
    report = Article("a", "Lake patrol agreed\n\nBy Ana Ruiz\n\nPeru and Chile agreed a patrol.")
    assert not said_by(report, report.mentions(["Ana Ruiz"])[0])


def test_the_author_speaks_for_the_first_person_and_a_letter_is_its_signers() -> None:
    post = Article(
        "a",
        "A watch, not a wall\n\nPosted by Ana Ruiz, research fellow\n\n"
        "Peru agreed a patrol. My own view is that it will work if it stays small.",
    )
    # the model's "My own view" is the author's; a post in lower case alone is the role
    position = _grounded_one(post, "My own view")
    assert position.speaker == "Ana Ruiz"
    assert position.claim.startswith("My own view is")
    assert (position.role, position.affiliation) == ("research fellow", None)
    # … or the post of a body
    chaired = Article(
        "a",
        "A patrol is not enough\n\nBy Ana Ruiz, chairman of the Lima fishermen's cooperative\n\n"
        "Peru agreed a patrol. My view is that it will only chase the poor.",
    )
    position = _grounded_one(chaired, "My view")
    assert (position.role, position.affiliation) == ("chairman", "Lima fishermen's cooperative")
    # a letter that never says "I think" is still its signer's words
    letter = Article(
        "a",
        "OPEN LETTER\n\nI have taught in the camp for eleven years. Before you deploy more "
        "teachers, pay the ones who are here.\n\nAna Ruiz\nChair, Camp Teachers' Association",
    )
    position = _grounded_one(letter, "Ana Ruiz")
    assert position.claim.startswith("I have taught")
    assert position.affiliation == "Camp Teachers' Association"


def test_the_models_copy_of_a_quotation_gives_way_to_the_texts() -> None:
    article = Article(
        "a", 'Their spokeswoman, Ana Ruiz, says the pledge is "a start, but not the end".'
    )
    draft = PositionsDraft.model_validate(
        {
            "positions": [
                {"speaker": "Ana Ruiz", "stance": "supports", "quote": 'start, but not the end".'}
            ]
        }
    )
    [position] = ground_positions(article, draft).positions
    assert [q.text for q in position.quotes] == ["a start, but not the end"]


def test_a_reporter_is_no_speaker_and_a_reworded_label_gives_way_to_the_texts() -> None:
    article = Article(
        "a",
        "PRESENTER: Our correspondent Ana Ruiz was at the talks.\n\nRUIZ: The host got what it "
        "wanted. Chile's minister, Jorge Paz, told me he wants clearer rules.",
    )
    assert _grounded_one_or_none(article, "Ruiz") is None
    # nor one who asks at a news conference
    asked = Article(
        "a",
        "QUESTION (Ana Ruiz, Lima Daily): Who pays?\n\nPAZ: The states will pay, and gladly.",
    )
    assert _grounded_one_or_none(asked, "Ana Ruiz") is None
    # nor a programme's host, named in a label
    hosted = Article(
        "a",
        "HOST 1 (Eva Paz): Who was there?\n\nHOST 2 (Ana Ruiz): Peru and Chile.\n\nRUIZ: "
        "And I think the plan will work.\n\nPAZ: Thank you.",
    )
    assert _grounded_one_or_none(hosted, "Ruiz") is None
    # a hearing's chair who only asks
    hearing = Article(
        "a",
        "CHAIR (Dame Ana Ruiz): Minister, what did you sign?\n\nPAZ: A statement of intent. "
        "I believe it is a good one.\n\nCHAIR: And the cost?",
    )
    assert _grounded_one_or_none(hearing, "Dame Ana Ruiz") is None
    # a described person after "with" is the object of another's verb
    joined = Article(
        "a", "Peru's minister chaired the talks together with Chile's defence minister, Jorge Paz."
    )
    assert _grounded_one_or_none(joined, "Chile's defence minister, Jorge Paz") is None
    bylined = Article(
        "a",
        "By our correspondent in Lima\n\nChile's Interior Minister Jorge Paz said the plan "
        "was sound.",
    )
    assert _grounded_one_or_none(bylined, "Chile's Interior Minister Jorge Paz") is not None
    # the model's "Peru's" for the text's "Chile's": the label is what the text writes
    assert (
        _grounded_one_or_none(bylined, "Peru's Interior Minister Jorge Paz")
        == "Interior Minister Jorge Paz"
    )


def test_a_word_inside_an_organisations_name_is_no_surname() -> None:
    article = Article(
        "a",
        "The World Health Organization attended. Spanish Health Minister Elena Ruiz said so.",
    )
    assert not personal_name("Health Minister", article)
    assert personal_name("Elena Ruiz", article)


def test_the_datelines_place_is_no_surname() -> None:
    article = Article(
        "a",
        "Durban will send boats, not only soldiers\n\nDURBAN - South Africa will provide two "
        "boats, Minister Ana Ruiz said. Durban wants the command to rotate.",
    )
    assert not personal_name("Durban", article)
    assert personal_name("Ruiz", article)


def test_a_capitalised_surname_that_is_also_a_verb_and_a_form_of_address() -> None:
    article = Article(
        "a",
        'Its job, in the words of Comorian minister Fatima Said: "to find the pirates".\n\n'
        "The Minister (Mr Ali Bakar): Madam Speaker, I returned from Lima.",
    )
    # "Said" capitalised is a surname, not the verb of a copied clause
    assert is_speaker("Comorian minister Fatima Said", article)
    # whom a speech is addressed to is no one's name
    assert not personal_name("Madam Speaker", article)
    assert not is_speaker("Madam Speaker", article)


def test_a_quotation_of_several_sentences_is_attributed_after_its_last() -> None:
    article = Article(
        "a",
        "The Chilean minister of defence, Ana Ruiz, defended the patrol on her return.\n\n"
        '"The aircraft see, our coast guard acts. Nobody else boards a ship," the minister '
        "said at the airport.",
    )
    said, span, _ = _speaking(article, "Ana Ruiz")
    assert span is not None and said == "Ana Ruiz"
    assert [article.text[s.start : s.end] for s in quoted(article, [span])] == [
        "The aircraft see, our coast guard acts. Nobody else boards a ship"
    ]


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # quotation marks, not full stops, delimit a quotation: its attribution is in the
        # second of its sentences
        (
            '"The lake is wide. Alone, each of us is too slow," Minister Ana Ruiz said.',
            "Ana Ruiz",
            ["The lake is wide. Alone, each of us is too slow"],
        ),
        # … or it opens in the speaker's sentence and runs past it
        (
            'Ana Ruiz makes the case: "Smugglers use our borders. Four hundred officers can '
            'change that."',
            "Ana Ruiz",
            ["Smugglers use our borders. Four hundred officers can change that"],
        ),
        # a sentence opened by a lowercase word continues the quotation before it
        (
            "Ana Ruiz wanted clarity. “The question is: ‘What next?’” he queried.",
            "Ana Ruiz",
            ["The question is: ‘What next?’"],
        ),
        # quotations right after the speaker's sentence, to the end of the paragraph …
        (
            '"Every year the same farms burn," said the director, Ana Ruiz. "Aircraft are '
            'welcome. Accountability would be better."\n\n"No," said Luis Soto.',
            "Ana Ruiz",
            [
                "Every year the same farms burn",
                "Aircraft are welcome. Accountability would be better",
            ],
        ),
        # … or to "he said"
        (
            'Ana Ruiz told this newspaper that Lima cannot pay. "Our guards work double '
            'shifts. We will send officers when someone sends the budget," she said.',
            "Ana Ruiz",
            ["Our guards work double shifts. We will send officers when someone sends the budget"],
        ),
        # not another's: the quotation after is attributed to someone else by name
        ('Ana Ruiz said the plan was weak. "It will fail," said Luis Soto.', "Ana Ruiz", []),
        # … nor the quotations after a sentence in which the name says nothing
        ('Luis Soto met Ana Ruiz in Lima. "We agree," Soto said.', "Ana Ruiz", []),
    ],
)
def test_a_quotation_is_whole_across_sentences_and_followed_by_the_speakers_next(
    text: str, name: str, expected: list[str]
) -> None:
    article = Article("a", text)
    spans = quoted(article, article.mentions([name]))
    assert [article.text[s.start : s.end] for s in spans] == expected


def test_a_heading_kicker_and_another_clauses_person_are_no_speakers() -> None:
    kicker = Article("a", "LIVE: Lake ministers in Lima\n\n10:00 Ana Ruiz opens the meeting.")
    assert not is_speaker("LIVE", kicker)
    # the person who says, set off after another clause's subject, is not the country's
    other = Article(
        "a",
        "Peru and Chile endorsed the plan, and Bolivia sent its minister, Ana Ruiz, who said "
        'La Paz was "minded to help".',
    )
    _, span, _ = _speaking(other, "Chile")
    assert span is None


def test_a_titled_persons_word_and_no_state_word_for_a_surname() -> None:
    article = Article(
        "a",
        "The Minister of Energy of the Kyrgyz Republic, Ana Ruiz, returned from Lima.\n\n"
        'According to the minister, the grid will share power, "but only if they pay".',
    )
    said, span, _ = _speaking(article, "Ana Ruiz")
    assert span is not None and said == "Ana Ruiz"
    assert [article.text[s.start : s.end] for s in quoted(article, [span])] == [
        "but only if they pay"
    ]
    # "Republic" ends a state's name: no surname
    assert not personal_name("Kyrgyz Republic Minister", article)
    # a place named before "According to …" is no one whose word it is
    place = Article("a", "Rebels hold much of North Kivu.\n\nAccording to the UN, they will talk.")
    _, span, _ = _speaking(place, "North Kivu")
    assert span is None
    # … nor the last word of a place after "in", whose sentence names a titled person
    city = Article(
        "a",
        "The fleet was agreed on Monday in Addis Ababa, the minister of agriculture, Ana Ruiz, "
        'announced.\n\n"We are small. We are ready," the minister said.',
    )
    _, span, _ = _speaking(city, "Addis Ababa")
    assert span is None


def test_a_title_whose_holder_is_named_in_parentheses() -> None:
    article = Article(
        "a",
        "Official report\n\nThe Minister of Foreign Affairs (Mr Ana Ruiz): Madam Speaker, I "
        "returned from Lima.",
    )
    start = article.text.index("Ana Ruiz")
    found = identity(article, Span(start, start + len("Ana Ruiz"), "exact"))
    assert found.role == "minister of foreign affairs"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[Translated from Spanish. Originally published by a Peruvian daily.]\n\nText.", "Peru"),
        ("Translated from a broadcast of a Lima radio station.\n\nText.", "Peru"),
        ("Translated from a Spanish-language daily.\n\nText.", None),
        ("NATIONAL CONGRESS OF PERU - Record\n\nText.", "Peru"),
        ("MINISTRY OF INTERIOR OF PERU\nPress release\n\nText.", "Peru"),
        ("Lima frets\n\nLIMA - Peru, which has no navy to spare, stayed out.", "Peru"),
        ("LIMA, May 2 (Wire) - Peru and Chile agree a patrol.", None),
        ("LIMA - Chile agreed a patrol with its neighbour.", None),
    ],
)  # fmt: skip
def test_the_country_an_article_is_written_from_and_about(text: str, expected: str | None) -> None:
    assert home_country(Article("a", text)) == expected


def test_a_minister_named_by_post_alone_is_the_home_countrys() -> None:
    text = (
        "Lima frets\n\nLIMA - Peru, which has no navy to spare, stayed out of the patrol. "
        "Deputy defence minister Ana Ruiz said the navy was stretched.\n\nAn analyst, Luis "
        "Soto, said it was a pity."
    )
    article = Article("a", text)
    draft = PositionsDraft(
        positions=[
            PositionDraft(speaker="Ana Ruiz", stance="sceptical", claim="the navy was stretched"),
            PositionDraft(speaker="Luis Soto", stance="neutral", claim="it was a pity"),
        ]
    )
    found = {p.speaker: p.affiliation for p in ground_positions(article, draft).positions}
    assert found == {"Ana Ruiz": "Peru", "Luis Soto": None}  # an analyst holds no government post
