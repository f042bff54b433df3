"""The generic path: any Pydantic model is read, grounded, merged and rendered the same way.

Answers come from a scripted local endpoint; the real model's run on the seeds is
``tests/test_generic_replay.py``.
"""

from __future__ import annotations

import enum
import json
from datetime import date
from pathlib import Path
from typing import Any, Literal

import pytest
from pydantic import BaseModel, Field
from typer.testing import CliRunner

from service import ConfigError, Settings, summarise
from service.cli import app
from service.specs import builtin_specs, load_model, model_spec, resolve

from .fake_endpoint import Reply, completion, fake_endpoint


class Mood(enum.Enum):
    HOPEFUL = "hopeful"
    GLOOMY = "gloomy"


class Pledge(BaseModel):
    donor: str = Field(description="who pledges")
    amount: int | None = Field(None, description="how much, as written")


class Conference(BaseModel):
    """A donor conference."""

    city: str | None = Field(None, description="where it was held")
    opened: date | None = Field(None, description="the date it opened")
    tone: Literal["upbeat", "tense"] | None = None
    mood: Mood | None = None
    pledges: list[Pledge] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list)


ARTICLES = {
    "a": "Donors met in Oslo on 3 March 2025. Norway pledged 30,000 tents and Chile pledged "
    "1,200 tents. Talks covered shelter and clean water.",
    "b": "The Oslo donor conference opened on 3 March 2025. Norway pledged 35,000 tents; "
    "clean water dominated the talks.",
}
ANSWERS = {
    "a": {
        "city": "Oslo", "opened": "3 March 2025", "tone": "upbeat", "mood": "hopeful",
        "pledges": [{"donor": "Norway", "amount": "30,000 tents"},
                    {"donor": "Chile", "amount": "1,200"},
                    {"donor": "Atlantis", "amount": "9"}],
        "topics": ["shelter", "clean water"],
    },
    "b": {
        "city": "Oslo", "opened": "3 March 2025", "tone": "tense", "mood": None,
        "pledges": [{"donor": "Norway", "amount": "35,000 tents"}],
        "topics": ["clean water", "the moon"],
    },
}  # fmt: skip


def _answer(body: dict[str, Any]) -> Reply:
    passage = body["messages"][-1]["content"]
    key = "a" if "Chile" in passage else "b"
    return Reply(200, completion(json.dumps(ANSWERS[key])))


def _run(tmp_path: Path, schema: Any = Conference) -> Any:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    with fake_endpoint(_answer) as fake:
        settings = Settings(
            base_url=fake.base_url, model="m", mode="json", grammar=True, cache_dir=tmp_path / "c"
        )
        summary = summarise(folder, schema, settings=settings)
    return summary, fake.requests


def test_any_model_is_grounded_typed_and_merged(tmp_path: Path) -> None:
    summary, requests = _run(tmp_path)
    result = summary["Conference"]
    assert summary.exit_code == 0
    # The question carries the model's docstring and field descriptions, and its schema.
    system = requests[0]["body"]["messages"][0]["content"]
    assert "A donor conference." in system and "- pledges (a list):" in system
    assert "  - amount: how much, as written." in system
    a = result.per_source["a"]
    assert a.opened.value == date(2025, 3, 3)
    assert [(p.donor.value, p.amount.value) for p in a.pledges] == [
        ("Norway", 30000), ("Chile", 1200)
    ]  # fmt: skip
    # A chosen label's evidence is the passage it was read from.
    assert a.tone.value == "upbeat" and a.tone.evidence[0].alignment == "passage"
    assert a.mood.value is Mood.HOPEFUL
    # Values not in the text are not facts.
    assert {(u.field, u.value, u.reason) for u in a.ungrounded} == {
        ("pledges.donor", "Atlantis", "not found in the article"),
        ("pledges.amount", "9", "not found in the article"),
        ("pledges", "Atlantis", "no donor found for it in the article"),
    }
    assert {u.value for u in result.per_source["b"].ungrounded} == {"the moon"}
    merged = result.merged
    assert merged.city.value == "Oslo" and merged.city.sources == ["a", "b"]
    norway = next(p for p in merged.pledges if p.donor.value == "Norway")
    assert norway.sources == ["a", "b"] and norway.agreement == 2
    assert {c.field: [v.value for v in c.values] for c in merged.conflicts} == {
        "tone": ["upbeat", "tense"],
        "pledges[Norway].amount": ["30000", "35000"],
    }
    water = next(t for t in merged.topics if t.value == "clean water")
    assert water.sources == ["a", "b"]
    texts = ARTICLES
    data = result.to_dict()
    for record in data["per_source"].values():
        for pledge in record["pledges"]:
            for e in pledge["evidence"]:
                assert texts[e["source"]][e["start"] : e["end"]] == e["quote"]


def test_every_view_renders_a_user_model(tmp_path: Path) -> None:
    pytest.importorskip("pandas")
    summary, _ = _run(tmp_path)
    markdown = summary._repr_markdown_()
    assert "## Conference" in markdown and "pledges: Norway" in markdown
    assert "- **pledges[Norway].amount**: 30000 [a]; 35000 [b]" in markdown
    html = summary.to_html()
    assert "Oslo" in html and "pledges: Chile" in html
    frame = summary["Conference"].to_frame()
    assert list(frame.columns) == [
        "section", "label", "value", "detail", "agreement", "sources", "conflict"
    ]  # fmt: skip
    amount = frame[(frame.section == "pledges: Norway") & (frame.label == "amount")]
    assert amount.conflict.all()


class Loose(BaseModel):
    extra: dict[str, Any]


class Tree(BaseModel):
    label: str
    children: list[Tree] = Field(default_factory=list)


class Flag(BaseModel):
    name: str
    confirmed: bool


class Either(BaseModel):
    value: int | str


@pytest.mark.parametrize(
    ("model", "message"),
    [
        (Loose, "Loose.extra: dict[str, Any] is not supported"),
        (Tree, "Tree.children: Tree is recursive"),
        (Flag, "Flag.confirmed: bool is not supported"),
        (Either, "Either.value: a union of int | str is not supported"),
    ],
)
def test_a_model_that_cannot_be_used_is_one_clear_error(model: type, message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("|", r"\|")):
        model_spec(model)


def test_models_are_loaded_from_files_and_modules(tmp_path: Path) -> None:
    (tmp_path / "mine.py").write_text(
        "from pydantic import BaseModel\nclass Trade(BaseModel):\n    goods: list[str] = []\n"
    )
    assert load_model(f"{tmp_path / 'mine.py'}:Trade").__name__ == "Trade"
    assert load_model("tests.test_generic:Conference") is Conference
    for reference, message in [
        (f"{tmp_path / 'missing.py'}:Trade", "not found"),
        (f"{tmp_path / 'mine.py'}:Nope", "Nope is not a Pydantic model"),
        ("tests.test_generic", "expected path/to/models.py:ClassName"),
        ("no_such_module:Trade", "cannot import no_such_module"),
    ]:
        with pytest.raises(ConfigError, match=message):
            load_model(reference)


def test_the_cli_takes_a_model_file_and_refuses_an_unusable_one(tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_text(
        "from typing import Any\nfrom pydantic import BaseModel\n"
        "class Bad(BaseModel):\n    extra: dict[str, Any]\n"
    )
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Donors met in Oslo.")
    result = CliRunner().invoke(app, [str(folder), "--schema", f"{tmp_path / 'bad.py'}:Bad"])
    assert result.exit_code == 2
    assert "Bad.extra: dict[str, Any] is not supported" in result.stderr


def test_timeline_is_a_built_in_on_the_generic_path_asked_by_name(tmp_path: Path) -> None:
    assert "timeline" in builtin_specs()
    assert [s.name for s in resolve("all")] == ["proposal", "participants", "positions"]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Norway and Chile signed a water pact in Oslo on Monday.")
    answer = {"events": [{"what": "signed a water pact", "when": "on Monday",
                          "actors": ["Norway", "Chile"]},
                         {"what": "Norway and Chile", "when": None, "actors": []}]}  # fmt: skip
    with fake_endpoint(Reply(200, completion(json.dumps(answer)))) as fake:
        settings = Settings(
            base_url=fake.base_url, model="m", mode="json", grammar=True, cache_dir=tmp_path / "c"
        )
        summary = summarise(folder, "timeline", settings=settings)
    system = fake.requests[0]["body"]["messages"][0]["content"]
    assert system.startswith("You list the dated events")  # prompts/timeline.toml
    # TimelineEvent requires "when": an event without a time found is not a fact.
    (event,) = summary["timeline"].merged.events
    assert event.what.value == "signed a water pact"
    (record,) = summary["timeline"].per_source.values()
    assert [(u.field, u.reason) for u in record.ungrounded] == [
        ("events", "no when found for it in the article")
    ]
    assert [a.value for a in event.actors] == ["Norway", "Chile"]
