"""Grounding hand-written drafts against the seeds: what is found becomes a fact with
verbatim evidence, what is not is reported as ungrounded, never emitted."""

from __future__ import annotations

from schemas import ParticipantsDraft, PositionsDraft, ProposalDraft, SecurityForceProposal
from service.builtins.participants.records import ground_participants
from service.builtins.positions.merge import merge_positions
from service.builtins.positions.records import describe_from_story, ground_positions
from service.builtins.proposal.records import ground_proposal
from service.builtins.proposal.stated import (
    stated_conditions,
    stated_objectives,
    stated_open_questions,
    stated_phases,
    stated_responses,
    with_stated_facts,
)
from service.ground import Article

from .conftest import SEEDS


def seed(prefix: str) -> Article:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return Article(path.stem, path.read_text(encoding="utf-8"))


def test_participants_are_canonical_grounded_and_invented_ones_dropped() -> None:
    article = seed("003")
    draft = ParticipantsDraft.model_validate({
        "stated_count": "over 30",
        "date": "KYIV, Ukraine",
        "participants": [
            {"name": "Britain", "status": "co_organiser"},
            {"name": "UK", "status": "attendee"},
            {"name": "Croatia", "status": "no_response"},
            {"name": "China", "status": "attendee"},
            {"name": "Japan and South Korea", "status": "remote_attendee"},
            {"name": "NATO countries", "status": "attendee"},
            {"name": "U.S.", "status": "not_invited", "representative": "Joe Bloggs"},
        ],
    })  # fmt: skip
    record = ground_participants(article, draft)
    by_name = {p.name: p for p in record.participants}
    assert list(by_name) == ["United Kingdom", "Croatia", "Japan", "South Korea", "United States"]
    assert by_name["United Kingdom"].status == "co_organiser"  # the more specific of the two
    assert by_name["United Kingdom"].mention == "Britain"
    assert by_name["United States"].representative is None
    assert "did not respond" in by_name["Croatia"].evidence[0].quote
    for participant in record.participants:
        for ev in participant.evidence:
            assert article.text[ev.start : ev.end] == ev.quote
            assert ev.alignment == "entity"
    reasons = {u.value: u.reason for u in record.ungrounded}
    assert reasons == {
        "KYIV, Ukraine": "not a date",
        "China": "not found in the article",
        "NATO countries": "a group, not one country or organisation",
        "Joe Bloggs": "not found in the article",
    }
    assert record.event.stated_count is not None
    assert record.event.stated_count.value == "over 30"


def test_positions_keep_only_verbatim_quotes() -> None:
    article = seed("000")
    draft = PositionsDraft.model_validate({
        "positions": [
            {"speaker": "Robert Glavas", "stance": "conditional", "claim": "Wants clarity.",
             "quote": "The question is: 'What next?'"},
            {"speaker": "a senior Ukrainian official", "stance": "supports", "claim": "Hopeful.",
             "quote": "I fully believe it's very possible"},
            {"speaker": "Macron", "stance": "supports", "claim": "Plan now.",
             "quote": "We will win this war tomorrow"},
            {"speaker": "Vladimir Putin", "stance": "opposes", "claim": "No.", "quote": None},
        ]
    })  # fmt: skip
    record = ground_positions(article, draft)
    speakers = [p.speaker for p in record.positions]
    assert speakers == ["Robert Glavaš", "a senior Ukrainian official", "Macron"]
    glavas, official, macron = record.positions
    assert glavas.quotes[0].text == "The question is: ‘What next?"
    assert official.quotes[0].text == "I fully believe it’s very possible"
    assert macron.quotes == []
    for position in record.positions:
        for ev in [*position.evidence, *(e for q in position.quotes for e in q.evidence)]:
            assert article.text[ev.start : ev.end] == ev.quote
    assert {(u.field, u.value) for u in record.ungrounded} == {
        ("positions.quote", "We will win this war tomorrow"),
        ("positions.speaker", "Vladimir Putin"),
    }


def test_proposal_phrases_entities_and_troop_numbers() -> None:
    article = seed("000")
    draft = ProposalDraft.model_validate({
        "proposed_by": ["France", "Britain", "NATO member states"],
        "size": "fewer than 30,000 troops",
        "mandate": ["UN"],
        "capabilities": ["heavy weaponry", "extensive weapons stockpile", "submarines"],
    })  # fmt: skip
    record = ground_proposal(article, draft)
    assert [f.value for f in record.proposed_by] == ["France", "United Kingdom"]
    assert record.size is not None and record.size.troops == 30000
    assert [f.value for f in record.mandate] == ["United Nations"]  # "UN" is not in "under"
    assert [f.value for f in record.capabilities] == [
        "heavy weaponry",
        "extensive weapon stockpiles",
    ]
    assert record.capabilities[1].evidence[0].alignment == "fuzzy"
    assert {u.value for u in record.ungrounded} == {"NATO member states", "submarines"}


def test_positions_need_a_person_or_body_and_one_entry_per_speaker() -> None:
    article = seed("000")
    draft = PositionsDraft.model_validate({
        "positions": [
            {"speaker": "Macron", "stance": "supports", "claim": "A plan."},
            {"speaker": "Overall", "stance": "neutral", "claim": "x"},
            {"speaker": "French-British plan", "stance": "supports", "claim": "x"},
            {"speaker": "Emmanuel Macron", "stance": "supports", "claim": "A plan with NATO."},
            {"speaker": "Russian officials", "stance": "opposes", "claim": "x"},
            {"speaker": "Commonwealth countries like Australia and New Zealand, along with "
                        "Japan and South Korea, are expected to join", "stance": "supports"},
            {"speaker": "army chiefs from 34 countries are", "stance": "supports"},
        ]
    })  # fmt: skip
    record = ground_positions(article, draft)
    assert [p.speaker for p in record.positions] == ["Emmanuel Macron"]
    # The claim is the article's sentence naming the speaker, not the model's summary.
    claim = record.positions[0].claim
    assert claim.startswith("French President Emmanuel Macron") and claim in article.text
    assert {(u.value, u.reason) for u in record.ungrounded} == {
        ("Overall", "not a person or body"),
        ("French-British plan", "not a person or body"),
        (draft.positions[5].speaker, "not a person or body"),
        ("army chiefs from 34 countries are", "not a person or body"),
        ("Russian officials", "not found in the article"),  # never fuzzily "Ukrainian officials"
    }


def test_outright_rejection_in_the_speakers_sentence_is_opposition() -> None:
    article = Article(
        "x",
        "Foreign troops would become a legitimate target, Russian representatives said. "
        "French President Emmanuel Macron said the plan could work.",
    )
    draft = PositionsDraft.model_validate({
        "positions": [
            {"speaker": "Russian representatives", "stance": "sceptical", "claim": "No."},
            {"speaker": "Emmanuel Macron", "stance": "supports", "claim": "Yes."},
        ]
    })  # fmt: skip
    russia, macron = ground_positions(article, draft).positions
    assert russia.stance == "opposes"  # the model said "sceptical"
    assert macron.stance == "supports"


def test_a_speakers_own_title_comes_before_a_clause_about_them() -> None:
    article = Article(
        "x",
        "Deputy Transport Minister Rosa Lind, who led Norway's delegation to the talks, "
        "said the ships would be ready.",
    )
    draft = PositionsDraft.model_validate(
        {"positions": [{"speaker": "Deputy Transport Minister Rosa Lind", "stance": "supports"}]}
    )
    (lind,) = ground_positions(article, draft).positions
    assert (lind.role, lind.affiliation) == ("deputy transport minister", "Norway")


def test_a_body_written_after_the_speakers_name_is_their_affiliation() -> None:
    article = Article("x", '"Follow the money," said Ana Ruiz of the Andes Rivers Watch network.')
    speaker = "Ana Ruiz of the Andes Rivers Watch network"
    draft = PositionsDraft.model_validate(
        {"positions": [{"speaker": speaker, "stance": "conditional"}]}
    )
    (ruiz,) = ground_positions(article, draft).positions
    assert (ruiz.speaker, ruiz.affiliation) == (speaker, "Andes Rivers Watch network")


def test_a_speaker_named_bare_is_described_by_another_article_of_the_story() -> None:
    articles = {
        "a": Article("a", "Talks opened in Riga, hosted by Latvian Interior Minister Ilze Berzina"),
        "b": Article("b", "Minister Ilze Berzina said the boats would sail. Ola Dahl agreed."),
    }
    draft = PositionsDraft.model_validate({
        "positions": [
            {"speaker": "Ilze Berzina", "stance": "supports"},
            {"speaker": "Ola Dahl", "stance": "supports"},
        ]
    })  # fmt: skip
    merged = merge_positions({"b": ground_positions(articles["b"], draft)})
    described = {p.speaker: (p.role, p.affiliation) for p in merged.positions}
    assert described == {"Ilze Berzina": ("minister", None), "Ola Dahl": (None, None)}
    completed = describe_from_story(merged, articles)
    described = {p.speaker: (p.role, p.affiliation) for p in completed.positions}
    # another article's mention says whose minister; what was known stays; no one
    # describes Dahl
    assert described == {"Ilze Berzina": ("minister", "Latvia"), "Ola Dahl": (None, None)}


def test_a_place_answered_as_a_condition_is_where_the_force_goes() -> None:
    article = Article(
        "x",
        "The unit will deploy only within the waters of member states. It would act only "
        "in the event of an attack on a member.",
    )
    draft = ProposalDraft(
        preconditions=["the waters of member states", "the event of an attack on a member"]
    )
    record = ground_proposal(article, draft)
    assert [f.value for f in record.deployment] == ["the waters of member states"]
    assert [f.value for f in record.preconditions] == ["the event of an attack on a member"]


def test_a_condition_answered_as_the_status_is_a_precondition() -> None:
    article = Article(
        "x", "The unit was agreed on Friday. Peru's ship joins it subject to a vote in Congress."
    )
    record = ground_proposal(article, ProposalDraft(status="subject to a vote in Congress"))
    assert record.status is None
    assert [f.value for f in record.preconditions] == ["subject to a vote in Congress"]


def test_a_size_of_specialists_and_the_place_a_speaker_spoke_at() -> None:
    article = Article(
        "x",
        "The Andean Fraud Task Force would bring together about 90 investigators and "
        'analysts, the minister said. "It will work," Ana Vel said at Jorge Chávez airport.',
    )
    draft = ProposalDraft(
        size="about 90 investigators and analysts", deployment=["Jorge Chávez airport"]
    )
    record = ground_proposal(article, draft)
    assert record.size is not None and record.size.text.value.startswith("about 90")
    assert record.deployment == []


def test_a_size_listing_its_means_beside_its_people_is_parted() -> None:
    article = Article(
        "x", "The unit would start with 300 officers, river boats and two aircraft, Vel said."
    )
    draft = ProposalDraft(size="300 officers, river boats and two aircraft")
    record = ground_proposal(article, draft)
    assert record.size is not None and record.size.text.value == "300 officers"
    assert [f.value for f in record.capabilities] == ["river boats", "two aircraft"]
    # a list that opens with no people is left whole
    ships = Article("x", "The unit would have four ships and 200 sailors.")
    whole = ground_proposal(ships, ProposalDraft(size="four ships and 200 sailors"))
    assert whole.size is not None and whole.size.text.value == "four ships and 200 sailors"
    assert whole.capabilities == []
    # a size that counts no people, beside the people its sentence counts
    crewed = Article(
        "x", "The flotilla would pool six boats and two aircraft, crewed by about 450 personnel."
    )
    parted = ground_proposal(crewed, ProposalDraft(size="six boats and two aircraft"))
    assert parted.size is not None and parted.size.text.value == "about 450 personnel"
    assert [f.value for f in parted.capabilities] == ["six boats", "two aircraft"]
    # the kinds of means a size names after "including" are means beside the whole size
    kinds = Article(
        "x", "The flotilla would have 12 boats, including dredgers and tugs, with 90 crew."
    )
    size = "12 boats, including dredgers and tugs, with 90 crew"
    named = ground_proposal(kinds, ProposalDraft(size=size))
    assert named.size is not None and named.size.text.value == size
    assert [f.value for f in named.capabilities] == ["dredgers", "tugs"]


def test_an_objective_that_only_names_the_force_gives_its_name() -> None:
    article = Article("x", "Andean states agreed to form a joint river rescue flotilla.")
    draft = ProposalDraft(name="Andean states", objective="form a joint river rescue flotilla")
    record = ground_proposal(article, draft)
    assert record.name is not None and record.name.value == "joint river rescue flotilla"
    assert record.objective is None
    # a name the article gives stays
    named = ProposalDraft(name="river rescue flotilla", objective=draft.objective)
    record = ground_proposal(article, named)
    assert record.name is not None and record.name.value == "river rescue flotilla"
    # … also where it goes on to say where the force is
    article = Article("x", "Four states agreed to run a joint patrol in the Southern Ocean.")
    draft = ProposalDraft(objective="run a joint patrol in the Southern Ocean")
    record = ground_proposal(article, draft)
    assert record.name is not None and record.name.value == "joint patrol"
    assert record.objective is None
    # giving the force something, in its place, is neither naming it nor its purpose
    article = Article("x", "Kenya would provide two boats to the joint patrol in Lake Victoria.")
    draft = ProposalDraft(objective="provide two boats to the joint patrol in Lake Victoria")
    record = ground_proposal(article, draft)
    assert record.objective is None and record.name is None
    article = Article("x", "Chad will make a company available to the future force for Peru.")
    draft = ProposalDraft(objective="make a company available to the future force for Peru")
    assert ground_proposal(article, draft).objective is None


def test_a_listing_word_orders_no_step() -> None:
    article = Article(
        "x",
        "What is still open? Money, first. Second, the rules. The unit's first boats would "
        "sail in May.",
    )
    draft = ProposalDraft(
        name="joint unit", phases=["Money, first", "The unit's first boats would sail in May"]
    )
    record = ground_proposal(article, draft)
    assert [p.value for p in record.phases] == ["The unit's first boats would sail in May"]


def test_a_formula_an_ordinal_and_the_force_failing_are_no_condition() -> None:
    article = Article(
        "x",
        "VEL: If I may add one thing: Chile will send a boat to the patrol. The first joint "
        "campaign of the patrol will take place in 2027. Boats sail only if Congress pays. "
        "If the patrol cannot board them, it will inspect honest boats.",
    )
    draft = ProposalDraft(
        name="patrol",
        preconditions=[
            "If I may add one thing",
            "The first joint campaign of the patrol will take place in 2027",
            "only if Congress pays",
            "If the patrol cannot board them",
        ],
    )
    assert [f.value for f in ground_proposal(article, draft).preconditions] == [
        "only if Congress pays"
    ]


def test_a_dated_step_may_name_the_forces_people() -> None:
    article = Article(
        "x",
        "The patrol would start small. A first exchange of officers is planned for 2028. "
        "Senior officers praised it.",
    )
    draft = ProposalDraft(
        name="patrol",
        phases=["A first exchange of officers is planned for 2028", "Senior officers"],
    )
    assert [f.value for f in ground_proposal(article, draft).phases] == [
        "A first exchange of officers is planned for 2028"
    ]


def test_a_reporters_question_in_a_transcript_is_not_left_open() -> None:
    article = Article(
        "x",
        "VEL: Chile will send a boat to the patrol.\n\nQUESTION: Who pays for the patrol?\n\n"
        "VEL: Each country pays. Who commands the patrol is still open.",
    )
    draft = ProposalDraft(
        name="patrol",
        open_questions=["Who pays for the patrol?", "Who commands the patrol is still open"],
    )
    assert [f.value for f in ground_proposal(article, draft).open_questions] == [
        "Who commands the patrol is still open"
    ]


def test_what_a_decision_came_after_is_no_precondition() -> None:
    article = Article(
        "x", "The unit will deploy in May. The decision comes after months of tension over a dam."
    )
    draft = ProposalDraft(name="unit", preconditions=["months of tension over a dam"])
    assert ground_proposal(article, draft).preconditions == []


def test_a_country_inside_a_longer_word_is_no_deployment() -> None:
    article = Article(
        "x",
        'Chile will offer troops to the new unit. "We will not send young Chileans into a '
        'war," Vel said. She said Chile could provide 300 soldiers.',
    )
    record = ground_proposal(article, ProposalDraft(name="new unit", deployment=["Chile"]))
    assert record.deployment == []


def test_what_led_to_the_plan_is_no_condition_and_a_person_proposes_in_a_relative() -> None:
    text = (
        "Ministers agreed to form a joint force, after two attacks on the border this year. "
        "It would deploy only after a ceasefire this year. Chilean Minister Ana Vel, whose "
        "government proposed the force, chaired the talks."
    )
    draft = ProposalDraft(
        preconditions=["two attacks on the border this year", "a ceasefire this year"],
        proposed_by=["Chile"],
    )
    record = ground_proposal(Article("x", text), draft)
    assert [f.value for f in record.preconditions] == ["a ceasefire this year"]
    assert [f.value for f in record.proposed_by] == ["Chile"]
    # a verb of another subject after "and" is that subject's
    text = "Ministers agreed a joint patrol unit. Peru hosted the talks and Chile co-chaired them."
    record = ground_proposal(Article("x", text), ProposalDraft(proposed_by=["Peru", "Chile"]))
    assert [f.value for f in record.proposed_by] == ["Chile"]


def test_values_said_of_no_force_are_no_proposal() -> None:
    text = (
        "Ministers agree to share arrivals. Greece and Spain signed the relocation pledge. "
        "The EU naval mission, whose ships patrol off Libya, was not discussed."
    )
    draft = ProposalDraft(
        objective="share arrivals", capabilities=["relocation pledge"], deployment=["Greece"]
    )
    record = ground_proposal(Article("x", text), draft)
    assert record.objective is None and record.capabilities == [] and record.deployment == []
    assert {u.reason for u in record.ungrounded} >= {"no value of this article is said of a force"}
    # one value said of the force anchors the others
    anchored = Article("x", text + " A joint patrol unit would guard the coast.")
    kept = ground_proposal(anchored, draft.model_copy(update={"name": "joint patrol unit"}))
    assert kept.name is not None and kept.capabilities != []
    # so does a force the article speaks of as proposed, elsewhere in it
    proposed = Article("x", text + " 10:48 Vel proposes Arica as the flotilla's second base.")
    kept = ground_proposal(proposed, draft)
    assert kept.objective is not None and kept.capabilities != []
    # what the talks left open may be said beside a force that exists: it anchors nothing
    opened = draft.model_copy(update={"open_questions": ["who pays for the camps"]})
    told = Article("x", text + " It does not say who pays for the camps, nor the mission.")
    assert ground_proposal(told, opened).open_questions == []


def test_a_force_named_only_in_a_capitals_slug_anchors_the_articles_values() -> None:
    body = (
        "PRESENTER: Four governments agreed tonight to put boats on the lake. "
        "The plan came from Malawi, and the boats would be based in Nkhata Bay."
    )
    draft = ProposalDraft(proposed_by=["Malawi"], deployment=["Nkhata Bay"])
    assert ground_proposal(Article("x", body), draft).deployment == []
    slugged = Article("x", "LATE NEWS - ITEM 2 - LAKE PATROL\n\n" + body)
    record = ground_proposal(slugged, draft)
    assert [f.value for f in record.deployment] == ["Nkhata Bay"]
    # a headline in capitals that names no force anchors nothing
    other = Article("x", "LATE NEWS - ITEM 2 - LAKE TALKS\n\n" + body)
    assert ground_proposal(other, draft).deployment == []


def test_a_status_is_the_decision_not_what_was_decided_and_a_time_is_no_condition() -> None:
    text = (
        "The ministers agreed in principle to set up a Lake Patrol Unit. Boats would sail "
        "even if command is not settled by April, once parliaments approve the budget."
    )
    draft = ProposalDraft(
        name="Lake Patrol Unit",
        status="set up a Lake Patrol Unit",
        preconditions=["April", "parliaments approve the budget"],
    )
    record = ground_proposal(Article("x", text), draft)
    assert record.status is not None and record.status.value == "agreed in principle"
    assert [p.value for p in record.preconditions] == ["parliaments approve the budget"]
    # a status that says how far the plan got is kept as the model gave it
    said = ground_proposal(Article("x", text), draft.model_copy(update={"status": "agreed"}))
    assert said.status is not None and said.status.value == "agreed"


def test_a_place_of_meeting_proposes_nothing_and_a_body_or_the_force_is_no_value() -> None:
    text = (
        "Chiefs meeting in Lima endorsed a Chilean proposal for an engineer force. It would "
        "be activated only at the written request of a government. The Southern Command "
        "has offered airlift. Two police units would deploy in Cusco."
    )
    draft = ProposalDraft(
        name="engineer force",
        proposed_by=["Peru", "Chile"],
        objective="activate only at the written request of a government",  # the model's word
        capabilities=["engineer force", "Two police units"],
        deployment=["Southern Command", "Cusco"],
    )
    record = ground_proposal(Article("x", text), draft)
    # Lima, where they met, is no proposer; the Chilean proposal is Chile's
    assert [p.value for p in record.proposed_by] == ["Chile"]
    assert [c.value for c in record.capabilities] == ["Two police units"]
    assert [d.value for d in record.deployment] == ["Cusco"]
    assert record.objective is None  # a condition, answered as what the force is for
    assert [p.value for p in record.preconditions] == [
        "activated only at the written request of a government"
    ]
    # a semicolon ends the host's clause: the co-chair after it is another's
    hosted = Article("x", "Peru hosted; Chile co-chaired and drafted the engineer force plan.")
    named = ground_proposal(
        hosted, ProposalDraft(name="engineer force", proposed_by=["Peru", "Chile"])
    )
    assert [p.value for p in named.proposed_by] == ["Chile"]


def test_the_venue_of_talks_on_security_is_no_deployment_area() -> None:
    text = (
        "Defence chiefs of 30 countries met at the Palace of Nations in Geneva to discuss "
        "security guarantees for the region. The patrol would be based in Varna."
    )
    draft = ProposalDraft(
        name="patrol", deployment=["Palace of Nations in Geneva", "based in Varna"]
    )
    record = ground_proposal(Article("x", text), draft)
    # "security" is what they talked about, not the force securing the palace
    assert [d.value for d in record.deployment] == ["based in Varna"]
    # securing a place is what a force does there
    guarded = Article(
        "x", "Ministers met in Tartus and agreed a naval patrol would secure the port of Tartus."
    )
    record = ground_proposal(
        guarded, ProposalDraft(name="naval patrol", deployment=["port of Tartus"])
    )
    assert [d.value for d in record.deployment] == ["port of Tartus"]


def test_who_wins_backing_proposes_and_a_past_event_or_the_thing_agreed_is_no_value() -> None:
    text = (
        "Andean states agree joint watch on river lanes after boat attacks\n\n"
        "LIMA - Peru and Chile won backing on Monday from Bolivia and Ecuador for a joint "
        "patrol unit that would track smugglers on the river, after three boats were sunk "
        "by smugglers last year. Ecuador said its congress must approve the cost first."
    )
    draft = ProposalDraft(
        name="joint patrol unit",
        proposed_by=["Peru", "Chile", "Bolivia", "Ecuador"],
        objective="joint watch on river lanes",
        preconditions=[
            "three boats were sunk by smugglers last year",
            "its congress must approve the cost first",
        ],
    )
    record = ground_proposal(Article("x", text), draft)
    # those who won the backing propose; those it came from back the plan
    assert [p.value for p in record.proposed_by] == ["Peru", "Chile"]
    # the headline's object of "agree" is the thing agreed, not what it is for
    assert record.objective is None
    # what happened before the meeting is no condition; what must still be done is one
    assert [p.value for p in record.preconditions] == ["its congress must approve the cost first"]


def test_a_condition_on_using_force_is_a_rule_of_conduct_not_a_precondition() -> None:
    text = (
        "Ministers agreed a joint patrol unit of six boats. Its crews would board a foreign "
        "vessel only with the consent of its flag state. The unit would deploy only once "
        "both congresses approve it."
    )
    draft = ProposalDraft(
        name="joint patrol unit",
        preconditions=[
            "only with the consent of its flag state",
            "only once both congresses approve it",
        ],
    )
    record = ground_proposal(Article("x", text), draft)
    assert [p.value for p in record.preconditions] == ["only once both congresses approve it"]
    assert [p.value for p in record.response_to_violation] == [
        "only with the consent of its flag state"
    ]


def test_the_force_itself_and_a_person_are_none_of_its_means() -> None:
    article = Article(
        "x",
        "Peru and Chile agreed a joint maritime police unit with ten boats. A U.S. Southern "
        "Command colonel offered radar data.",
    )
    draft = ProposalDraft(
        name="joint maritime police unit",
        capabilities=["joint maritime police unit", "ten boats", "U.S. Southern Command colonel"],
    )
    record = ground_proposal(article, draft)
    assert [f.value for f in record.capabilities] == ["ten boats"]
    # … nor the force by fewer of its name's words; a unit of it is one
    article = Article(
        "x", "Peru and Chile agreed a joint maritime police unit. The police unit has a dog unit."
    )
    draft = ProposalDraft(
        name="joint maritime police unit", capabilities=["police unit", "dog unit"]
    )
    record = ground_proposal(article, draft)
    assert [f.value for f in record.capabilities] == ["dog unit"]
    # a cell is a force's noun too
    article = Article("x", "Four states agreed a joint counter-drone cell with radar teams.")
    draft = ProposalDraft(
        name="joint counter-drone cell", capabilities=["counter-drone cell", "radar teams"]
    )
    record = ground_proposal(article, draft)
    assert [f.value for f in record.capabilities] == ["radar teams"]


def test_a_force_named_with_words_the_article_lacks_keeps_the_end_it_writes() -> None:
    article = Article("x", "Four states agreed to plan a joint border guard unit on Friday.")
    named = ground_proposal(article, ProposalDraft(name="Andean border guard unit"))
    assert named.name is not None and named.name.value == "border guard unit"
    # a name that does not end with a word for a force is not cut down to one that does
    other = ground_proposal(article, ProposalDraft(name="Andean guard unit plan"))
    assert other.name is None


def test_conditions_the_text_states_join_the_models_preconditions() -> None:
    text = (
        "The patrol unit would deploy only once the truce has held for a month. Its boats "
        "could start in May if parliaments approve it in time, subject to funding. Once "
        "deployed, it would sweep the bay. Guards would withdraw if they are attacked. "
        "The plan has to be approved by each cabinet before any money is spent. An official "
        "spoke on condition of anonymity. The unit would enter a bay with the consent of its "
        "state. Parliaments would have to ratify it before a single officer is deployed."
    )
    article = Article("a", text)
    assert stated_conditions(article) == [
        "only once the truce has held for a month",
        "if parliaments approve it in time",
        "subject to funding",
        "has to be approved by each cabinet before any money is spent",
        "with the consent of its state",
        "have to ratify it before a single officer is deployed",
    ]
    draft = ProposalDraft(preconditions=["once the truce has held for a month"])
    record = ground_proposal(article, with_stated_facts(article, draft))
    assert [f.value for f in record.preconditions] == [
        "once the truce has held for a month",
        "if parliaments approve it in time",
        "subject to funding",
        "has to be approved by each cabinet before any money is spent",
        "with the consent of its state",
        # a condition that speaks of an officer names no one
        "have to ratify it before a single officer is deployed",
    ]
    # an article that speaks of no force states no conditions of one
    assert stated_conditions(Article("a", "Donors will pay only if the war ends.")) == []
    # a force's word opening its sentence, capitalised
    opened = Article("a", "Patrols would begin only after the heads of state sign a memorandum.")
    assert stated_conditions(opened) == ["only after the heads of state sign a memorandum"]
    named = Article("a", "The Unit will be established subject to the approval of each senate.")
    assert stated_conditions(named) == ["subject to the approval of each senate"]
    # a condition of someone's leave is no response, whoever it names
    leave = Article("a", "The unit would only be deployed at the request of a state under attack.")
    assert stated_conditions(leave) == ["at the request of a state under attack"]
    record = ground_proposal(leave, ProposalDraft(preconditions=stated_conditions(leave)))
    assert [f.value for f in record.preconditions] == ["at the request of a state under attack"]
    assert record.response_to_violation == []


def test_an_approval_still_needed_or_waited_for_is_a_precondition() -> None:
    text = (
        "The agreement must still be approved by the four parliaments. The accord still "
        "needs the approval of the three parliaments. The mission still requires the African "
        "Union's endorsement. The team needs the approval of each country's cabinet before "
        "it can sail. The unit cannot operate across a border until the three congresses "
        "approve the agreement, officials said. The Declaration will enter into force after "
        "ratification by the legislatures of the three States. Lagos said his country's ship "
        "could sail only after Congress approves the money. The patrols will continue until "
        "March. The minister would not comment until the report is published. The boats could "
        "chase a suspect past the midline, but not before the three legislatures ratify a "
        "pursuit protocol. The boats will not sail before March."
    )
    assert stated_conditions(Article("a", text)) == [
        "The agreement must still be approved by the four parliaments",
        "The accord still needs the approval of the three parliaments",
        "The mission still requires the African Union's endorsement",
        "needs the approval of each country's cabinet before it can sail",
        "until the three congresses approve the agreement",
        "after ratification by the legislatures of the three States",
        "only after Congress approves the money",
        "before the three legislatures ratify a pursuit protocol",
    ]  # "until March" and "before March" are when, not what it waits for; the minister's
    # is no plan's


def test_a_power_a_clause_asks_about_is_no_response() -> None:
    text = (
        "Nobody has said whether officers on the joint boats could arrest a smuggler in "
        "foreign waters. Its boats could board any trawler in the bay."
    )
    assert stated_responses(Article("a", text)) == ["board any trawler in the bay"]


def test_a_condition_of_a_later_step_or_of_a_view_is_no_precondition() -> None:
    text = (
        "A second phase would extend the patrols in 2027, once Peru has trained its crews. "
        "Groups welcomed the plan but warned that arrests would do little unless the buyers "
        "are prosecuted. Critics warned that the unit would deploy only if Chile pays. A "
        "diplomat said Lima could pay part of the cost if the unit reports to it. The "
        "minister said the unit would sail only once Peru signs. Vel said Peru's congress "
        "would have to ratify it before a single officer is deployed."
    )
    assert stated_conditions(Article("a", text)) == [
        "only if Chile pays",
        "only once Peru signs",
        "have to ratify it before a single officer is deployed",
    ]
    draft = ProposalDraft(open_questions=["warned that arrests would do little"])
    record = ground_proposal(Article("a", text), draft)
    assert record.open_questions == []


def test_steps_joined_by_a_semicolon_are_two_steps() -> None:
    text = "The first 40 observers would deploy in May; the rest would follow by July."
    record = ground_proposal(
        Article("a", text),
        ProposalDraft(
            phases=["The first 40 observers would deploy in May; the rest would follow by July"],
            deployment=["in May; the rest would follow by July"],
        ),
    )
    assert [f.value for f in record.phases] == [
        "The first 40 observers would deploy in May",
        "the rest would follow by July",
    ]
    assert record.deployment == []  # two facts copied as one place


def test_what_is_still_open_and_the_answer_to_an_attack_are_taken_from_the_text() -> None:
    text = (
        "Ministers backed the coast guard unit, but funding remains unclear. Who commands "
        "it is still open, an official said. 10:15 - Ana Ruiz admits that the base "
        '"has not been settled". It has not yet been decided who will train the crews. '
        "If the boats come under fire, they would withdraw to port, the draft says. If the "
        "unit is ready, it will sail in May."
    )
    article = Article("a", text)
    assert stated_open_questions(article) == [
        "funding",
        "Who commands it",
        "the base",
        "who will train the crews",
    ]
    assert stated_responses(article) == ["they would withdraw to port"]
    # a power over those it stops, granted in a sentence of the force
    powers = Article(
        "a",
        "The force would use drones, and could stop and search vehicles within 500 metres of "
        "the pipe. Smugglers can board any ferry, officials said.",
    )
    assert stated_responses(powers) == ["stop and search vehicles within 500 metres of the pipe"]
    record = ground_proposal(powers, ProposalDraft(response_to_violation=stated_responses(powers)))
    assert [f.value for f in record.response_to_violation] == [
        "stop and search vehicles within 500 metres of the pipe"
    ]


def test_what_is_left_for_later_and_questions_said_to_have_no_answer_are_open() -> None:
    text = (
        "The squadron's rules of engagement will be worked out over the coming months. "
        "She did not say how much her country would give. 11:05 Ruiz asks who would pay "
        "for the fuel. No answer yet. 11:20 Vel asks whether the talks will resume. The "
        "question would be settled at the next meeting. The pledge does not say who pays "
        "for the camps, and ministers did not discuss the naval mission."
    )
    text += " Who keeps the boats is left to a working group. The door remains open for Lima."
    assert stated_open_questions(Article("a", text)) == [
        "The squadron's rules of engagement",
        "how much her country would give",
        "who would pay for the fuel",  # asked, and said to have no answer
        "who pays for the camps",
        "Who keeps the boats",
    ]  # a question merely asked is not said to be open; "the question" names nothing
    # and its sentence states an open question when it grounds
    text = "A joint patrol unit was agreed. Its command will be negotiated over the next year."
    draft = ProposalDraft(name="joint patrol unit", open_questions=["Its command"])
    record = ground_proposal(Article("a", text), draft)
    assert [f.value for f in record.open_questions] == ["Its command"]


def test_empty_conditions_and_doors_open_to_someone_are_not_taken() -> None:
    article = Article(
        "a",
        "The coast guard unit needs Peru's approval. He does not say what happens if it "
        "does not. The door remains open to Lima, the plan says. Its cost remains open.",
    )
    assert stated_conditions(article) == []
    assert stated_open_questions(article) == ["Its cost"]


def test_the_articles_words_for_what_the_force_is_for_replace_the_models_rewording() -> None:
    article = Article(
        "a",
        "States agreed on a naval force to guard shipping. It is a naval force that would "
        "escort merchant ships through the strait, ministers said.",
    )
    assert stated_objectives(article) == [
        "guard shipping",
        "escort merchant ships through the strait",
    ]
    draft = ProposalDraft(objective="guard merchant ships through the strait")
    assert with_stated_facts(article, draft).objective == (
        "escort merchant ships through the strait"
    )
    # the model's own words, when the article writes them, stay
    draft = ProposalDraft(objective="guard shipping")
    assert with_stated_facts(article, draft).objective == "guard shipping"
    # what the force is made of may come between its noun and its purpose
    article = Article("a", "Ministers agreed on a task force of river police to stop smugglers.")
    assert stated_objectives(article) == ["stop smugglers"]


def test_the_first_item_of_a_list_copied_whole_is_a_value() -> None:
    article = Article(
        "a",
        "The naval force will:\n- escort tankers through the strait;\n- clear mines near the "
        "ports.\n\nIt would also help, ministers said. They hope it starts soon.",
    )
    draft = ProposalDraft(
        objective="escort tankers through the strait;\n- clear mines near the ports",
        capabilities=["It would also help, ministers said. They hope it starts soon"],
    )
    proposal = ground_proposal(article, draft)
    assert proposal.objective is not None
    assert proposal.objective.value == "escort tankers through the strait"
    assert proposal.capabilities == []  # two sentences of a paragraph are not cut


def test_a_list_item_after_a_blank_line_is_judged_with_its_lead_in() -> None:
    article = Article(
        "a",
        "Ministers met in Lima.\n\nThe task force will:\n\n- trace the proceeds of fraud;\n\n"
        "- protect witnesses.\n\nIt reports in May.",
    )
    draft = ProposalDraft(capabilities=["trace the proceeds of fraud", "protect witnesses"])
    proposal = ground_proposal(article, draft)
    assert [f.value for f in proposal.capabilities] == [
        "trace the proceeds of fraud",
        "protect witnesses",
    ]
    # without its lead-in, an item's sentence states no capability, and the reason says so
    alone = Article("a", "Ministers met in Lima.\n\n- protect witnesses.\n\nIt reports in May.")
    record = ground_proposal(alone, ProposalDraft(capabilities=["protect witnesses"]))
    assert [u.reason for u in record.ungrounded] == ["its sentence does not state a capability"]


def test_numbered_phases_are_taken_from_the_text_one_each() -> None:
    article = Article(
        "a",
        "The envoy said that the first phase would start in May with river patrols, and "
        "that the second stage, by the autumn, will add the coast. The phase of talks ended.",
    )
    assert stated_phases(article) == [
        "the first phase would start in May with river patrols",
        "the second stage, by the autumn, will add the coast",
    ]


def test_a_proposer_is_the_one_proposing_named_or_by_its_capital() -> None:
    article = Article(
        "a",
        "Chile drafted the plan for a naval force together with Lima. The force would "
        "shield Bolivia's ports.",
    )
    draft = ProposalDraft(proposed_by=["Peru", "Chile", "Bolivia"])
    proposal = ground_proposal(article, draft)
    assert [f.value for f in proposal.proposed_by] == ["Peru", "Chile"]
    # the object of the plan proposes nothing
    article = Article("a", "France proposed a force to bolster Ukraine's defences.")
    proposal = ground_proposal(article, ProposalDraft(proposed_by=["France", "Ukraine"]))
    assert [f.value for f in proposal.proposed_by] == ["France"]
    # "and" joins a co-agent only near the word of proposing; "the proposal of" owns it
    article = Article(
        "a",
        "Chile's minister, who drew up the plan, said the naval force would patrol the "
        "coast between Peru and Bolivia. Ministers backed the proposal of Chile and Ecuador.",
    )
    draft = ProposalDraft(proposed_by=["Chile", "Peru", "Bolivia", "Ecuador"])
    proposal = ground_proposal(article, draft)
    assert [f.value for f in proposal.proposed_by] == ["Chile", "Ecuador"]
    # by the nationality of the person proposing, not of one named near the plan
    article = Article(
        "a",
        "The plan for a naval force, put forward by Chilean Defence Minister Ana Vel, was "
        "welcomed by Peruvian officials. Bolivian Minister Jorge Paz drafted it with her. A "
        "senior Ecuadorian official said concrete proposals are lacking.",
    )
    draft = ProposalDraft(proposed_by=["Chile", "Peru", "Bolivia", "Ecuador"])
    proposal = ground_proposal(article, draft)
    assert [f.value for f in proposal.proposed_by] == ["Chile", "Bolivia"]


def test_support_bound_to_a_condition_is_conditional() -> None:
    article = Article(
        "a", "Minister Ana Vel said Peru would welcome the force only if it respected its waters."
    )
    draft = PositionsDraft.model_validate(
        {"positions": [{"speaker": "Ana Vel", "stance": "supports", "quote": None}]}
    )
    [position] = ground_positions(article, draft).positions
    assert position.stance == "conditional"


def test_a_person_speaking_for_the_country_the_model_gave_is_affiliated_to_it() -> None:
    article = Article(
        "a", 'Chile is on a screen: Jorge Vidal speaks from Lima. He says Chile "will wait".'
    )
    draft = PositionsDraft.model_validate(
        {"positions": [{"speaker": "Chile", "stance": "neutral", "quote": None}]}
    )
    [position] = ground_positions(article, draft).positions
    assert (position.speaker, position.affiliation) == ("Jorge Vidal", "Chile")


def test_what_must_come_first_or_is_still_to_be_done_is_a_condition_with_its_subject() -> None:
    text = (
        "The joint patrol would sail in May. Before it sails, each state must first grant "
        "the others' boats the right to enter its waters, and "
        "Peru's cabinet still has to approve its share. The plan still has to be approved "
        "by each senate before any money is spent."
    )
    article = Article("a", text)
    assert stated_conditions(article) == [
        "each state must first grant the others' boats the right to enter its waters",
        "Peru's cabinet still has to approve its share",
        # found by both patterns, kept once, with its subject
        "The plan still has to be approved by each senate before any money is spent",
    ]
    record = ground_proposal(article, ProposalDraft(preconditions=stated_conditions(article)))
    assert len(record.preconditions) == 3
    # how far the plan got, answered as the status, stays the status
    status = ground_proposal(
        article,
        ProposalDraft(name="joint patrol", status="still has to be approved by each senate"),
    )
    assert status.status is not None and status.preconditions == []


def test_a_purpose_after_the_place_of_the_force_and_not_one_asked_of_its_governments() -> None:
    placed = Article("a", "They agreed a joint patrol on Lake Titicaca to fight fuel smuggling.")
    assert stated_objectives(placed) == ["fight fuel smuggling"]
    asked = Article("a", "We call on the governments of the force to publish their rules.")
    assert stated_objectives(asked) == []
    # the aim of one who uses the force is not the force's
    used = Article("a", "Peru accused Chile of using the mission to encircle Bolivia.")
    assert stated_objectives(used) == []
    # what the force acts against
    against = Article("a", "Ministers backed a river police flotilla against fuel smugglers.")
    assert stated_objectives(against) == ["against fuel smugglers"]


def test_a_legislature_named_in_capitals_is_no_forces_name() -> None:
    article = Article("a", "NATIONAL ASSEMBLY OF PERU\n\nThe Minister agreed a joint air patrol.")
    record = ground_proposal(article, ProposalDraft(name="NATIONAL ASSEMBLY OF PERU"))
    assert record.name is None
    assert [u.reason for u in record.ungrounded if u.field == "name"] == ["names no force"]


def test_an_objective_that_says_no_purpose_gives_way_to_the_articles_purpose_clause() -> None:
    from service.builtins.proposal import SPEC

    article = Article("a", "Peru and Chile agreed a joint river patrol to stop timber smuggling.")
    record = SPEC.ground(article, ProposalDraft(objective="joint river patrol"))
    assert isinstance(record, SecurityForceProposal)
    assert record.objective is not None and record.objective.value == "stop timber smuggling"
