"""The deterministic parts of extraction: passages, gazetteer candidates, the context a
candidate is labelled from, and the check of the model's label against its own words."""

from __future__ import annotations

import itertools
from typing import TypeVar, get_args

import pytest
from pydantic import BaseModel

from schemas import ProposalDraft
from schemas.participants import Status
from schemas.tasks import ROLE_LABELS, PhasesDraft, Role, StatusDraft
from service.builtins.participants.roles import checked_status, stated_role
from service.builtins.participants.tasks import _sentences_about, participant_statuses
from service.builtins.proposal.tasks import phases
from service.canon import find_entities
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


def test_a_candidate_is_shown_marked_in_a_window_of_its_sentence() -> None:
    article = seed("000")
    _, spans = find_entities(article)["Japan"]
    context = _sentences_about(article, spans)
    assert "joining remotely from countries such as **Japan**, South Korea" in context
    assert context.startswith("… ") and "French President Emmanuel Macron" not in context


def status(words: str, role: str) -> StatusDraft:
    return StatusDraft.model_validate({"words": words, "role": role})


CROATIA = "members: **Croatia** and Montenegro, which did not respond to invitations, and the US."
JAPAN = "representatives joining remotely from **Japan**, South Korea"


@pytest.mark.parametrize(
    ("answer", "name", "sentences", "expected"),
    [
        # the label is kept when the words support it
        (status("joining remotely from Japan", "joins_remotely"), "Japan", JAPAN,
         "remote_attendee"),
        (status("military chiefs from Japan", "attends_in_person"), "Japan",
         "military chiefs from **Japan** met in Paris", "attendee"),
        # an unambiguous phrase in the words decides over a wrong label
        (status("Croatia and Montenegro, which did not respond", "was_not_invited"), "Croatia",
         CROATIA, "no_response"),
        # words that do not name the candidate: another clause was read
        (status("Montenegro, which did not respond", "did_not_respond"), "Croatia", CROATIA,
         "mentioned"),
        # words that are not in the sentences
        (status("Croatia hosted the summit in Zagreb", "hosts_the_meeting"), "Croatia", CROATIA,
         "mentioned"),
        # the bare name is no reason against the label: it is kept
        (status("Croatia", "attends_in_person"), "Croatia", CROATIA, "attendee"),
        # a host label with no word of hosting: a listed country takes part, no more
        (status("EU nations like Ireland and Cyprus", "hosts_the_meeting"), "Ireland",
         "EU nations like **Ireland** and Cyprus will send their chiefs of staff", "attendee"),
        (status("Croatia", "leads_the_initiative_with_the_host"), "Croatia", "**Croatia** is "
         "on the map", "mentioned"),
        (status("hosted by France", "hosts_the_meeting"), "France", "talks hosted by **France**",
         "host"),
    ],
)  # fmt: skip
def test_checked_status(answer: StatusDraft, name: str, sentences: str, expected: str) -> None:
    assert checked_status(answer, name, sentences) == expected


@pytest.mark.parametrize(
    ("sentences", "expected"),
    [
        ("representatives joining remotely from countries such as Japan, **South Korea**, "
         "Australia", "remote_attendee"),
        ("Commonwealth countries like **Australia** and New Zealand, along with Japan, are "
         "expected to join the talks remotely.", "remote_attendee"),
        ("A French official stated that the **U.S.** was not invited to the talks",
         "not_invited"),
        ("Almost the entire alliance, excluding the **United States**, is taking part",
         "not_invited"),
        ("The gathering, hosted by **French** President Emmanuel Macron, included", "host"),
        ("Initiated by France and **Britain**, the plan aims to", "co_organiser"),
        ("as well as Commonwealth nations, **Japan**, and South Korea are participating.",
         "attendee"),
        ("included military leaders from 29 NATO member states, as well as from Austria, "
         "**Australia**, Japan", "attendee"),
        # a hosting sentence that only lists the candidate states nothing of its role
        ("The talks hosted by France drew chiefs; **Ireland** sent a letter.", None),
        ("**French** President Emmanuel Macron was present, with others joining remotely "
         "from Japan", None),
    ],
)  # fmt: skip
def test_stated_role(sentences: str, expected: str | None) -> None:
    assert stated_role(sentences) == expected


def test_every_role_label_maps_to_a_status() -> None:
    assert list(get_args(Role)) == list(ROLE_LABELS)
    assert set(ROLE_LABELS.values()) == set(get_args(Status))


T = TypeVar("T", bound=BaseModel)


class Asked:
    """Stands in for the model in ``ask``: records each question and answers from a table."""

    def __init__(self, answers: dict[str, dict[str, object]]) -> None:
        self.answers = answers
        self.questions: list[tuple[str, str, str]] = []

    def __call__(self, task: str, model: type[T], text: str, name: str = "") -> T:
        self.questions.append((task, text, name))
        return model.model_validate(self.answers.get(task, {}))


def test_a_stated_role_needs_no_model_call_unless_a_named_person_may_represent_it() -> None:
    article = Article(
        "a",
        "The talks were hosted by France. Japan, South Korea and Australia are expected to "
        "join the talks remotely, and army chiefs from Spain and Italy are attending. "
        "Slovenia's army chief Robert Glavas attended.",
    )
    ask = Asked(
        {
            "participant_status": {
                "words": "Slovenia's army chief Robert Glavas attended",
                "role": "attends_in_person",
                "representative": "Robert Glavas",
            }
        }
    )
    drafts = {p.name: p for p in participant_statuses(article, ask).participants}
    assert {n: p.status for n, p in drafts.items()} == {
        "France": "host", "Japan": "remote_attendee", "South Korea": "remote_attendee",
        "Australia": "remote_attendee", "Spain": "attendee", "Italy": "attendee",
        "Slovenia": "attendee",
    }  # fmt: skip
    # Only Slovenia's sentence names someone by title ("army chiefs from" names no one):
    # one call, for it.
    assert [name for _, _, name in ask.questions] == ["Slovenia"]
    assert drafts["Slovenia"].representative == "Robert Glavas"


def test_phases_are_asked_where_steps_are_ordered_and_kept_only_when_they_say_when() -> None:
    budget = "The ministers will meet again in March to agree on a budget. " * 12
    article = Article(
        "a", "Officials suggested starting with a small mission before expanding it.\n\n" + budget
    )
    assert len(passages(article)) == 2
    ask = Asked({"phases": {"phases": [
        "starting with a small monitoring mission", "expanding it",
        "Officials were cautiously optimistic",
    ]}})  # fmt: skip
    steps = phases(article, ask).phases
    assert [task for task, _, _ in ask.questions] == ["phases"]
    assert steps == ["starting with a small monitoring mission", "expanding it"]


def test_the_phases_answer_extends_the_proposals_phases_without_repeating_them() -> None:
    draft = ProposalDraft(phases=["a one-month ceasefire first"])
    steps = PhasesDraft(phases=["a one-month ceasefire first", "then a larger force"])
    merged = builtin_specs()["proposal"].assemble({"proposal": draft, "phases": steps})
    assert isinstance(merged, ProposalDraft)
    assert merged.phases == ["a one-month ceasefire first", "then a larger force"]
