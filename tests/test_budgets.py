"""Answer budgets are sized from the input: the longest legitimate answer always fits.

Counted with the bundled model's own tokenizer (live: it loads the model in-process). The
worst cases are a sentence that lists forty countries and a passage in which five people
are quoted; the budgets of the questions the pipeline really asks are checked.
"""

from __future__ import annotations

import json
from typing import Any, TypeVar

import pycountry
import pytest
from pydantic import BaseModel

from schemas import PositionsDraft, ProposalDraft
from schemas.positions import PositionDraft
from schemas.tasks import TookPartDraft
from service.builtins.participants.tasks import participant_statuses
from service.builtins.positions.tasks import positions
from service.builtins.proposal.tasks import proposal
from service.ground import Article
from service.prompts import load_prompt

pytestmark = pytest.mark.live

T = TypeVar("T", bound=BaseModel)
#: Forty real country names (ISO 3166), as a long list in an article would give them.
FORTY = [c.name for c in list(pycountry.countries)[:80] if "," not in c.name][:40]


class Recorder:
    """An ``ask`` that keeps each question's task and text and answers nothing."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, str, str]] = []

    def __call__(self, task: str, model: type[T], text: str, name: str = "") -> T | None:
        self.asked.append((task, text, name))
        return None


def _tokens(llama: Any, answer: BaseModel) -> int:
    text = json.dumps(answer.model_dump(mode="json"), ensure_ascii=False)
    return len(llama.tokenize(text.encode(), add_bos=False))


def test_a_list_of_forty_countries_fits_the_took_part_and_proposal_answers(llama: Any) -> None:
    listed = ", ".join(FORTY[:-1]) + " and " + FORTY[-1]
    article = Article(
        "forty",
        "Ministers from forty countries gathered in Vienna on Thursday. "
        f"Ministers of {listed} joined the talks, chaired by envoy Maria Lenz. "
        f"The plan was put forward jointly by {listed}.",
    )
    asked = Recorder()
    participant_statuses(article, asked)
    assert len(asked.asked) >= 40
    took_part = load_prompt("took_part")
    for _, text, _ in asked.asked:
        for word in ("yes", "no"):
            answer = TookPartDraft(took_part=word)
            assert _tokens(llama, answer) <= took_part.budget(text)
    asked = Recorder()
    proposal(article, asked)
    facts = load_prompt("proposal")
    for _, text, _ in asked.asked:
        answer = ProposalDraft(proposed_by=FORTY, name="the joint plan", status="proposed")
        assert _tokens(llama, answer) <= facts.budget(text)


def test_five_quoted_speakers_fit_the_positions_answer(llama: Any) -> None:
    speakers = [
        ("Anna Berg", "foreign minister", "Sweden", "We will not send troops without a mandate."),
        ("Luis Prado", "defence minister", "Spain", "Our engineers are ready to deploy."),
        ("Ewa Nowak", "president", "Poland", "Security guarantees must come first."),
        ("Tom Reid", "prime minister", "Ireland", "Neutrality does not mean indifference."),
        ("Jan de Vries", "army chief", "Netherlands", "We need clear rules of engagement."),
    ]
    text = " ".join(
        f"{country}'s {role} {name} said: “{quote}”" for name, role, country, quote in speakers
    )
    assert len(text) <= 700  # one positions passage
    asked = Recorder()
    positions(Article("five", text), asked)
    assert len(asked.asked) == 1
    answer = PositionsDraft(
        positions=[
            PositionDraft(
                speaker=name, role=role, affiliation=country, stance="conditional", quote=quote
            )
            for name, role, country, quote in speakers
        ]
    )
    passage = asked.asked[0][1]
    assert _tokens(llama, answer) <= load_prompt("positions").budget(passage)
