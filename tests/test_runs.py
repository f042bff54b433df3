"""The run cache: a finished run is replayed when nothing that shapes it changed.

The endpoint is a scripted local server that counts requests; a replay is told from a
response-cache run by taking the response cache away before it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import diskcache
import pytest
from pydantic import BaseModel

from service import Settings, model_spec, summarise
from service.runs import RunCache, run_key, tree_digest
from service.specs import load_model

from .fake_endpoint import Reply, completion, fake_endpoint

ARTICLE = (
    "Defence ministers met in Rome on Monday. France's defence minister Jean Arnaud "
    "joined the discussion. Germany's defence minister Paul Weber joined the discussion."
)


def _answer(body: dict[str, Any]) -> Reply:
    question = body["messages"][-1]["content"]
    if question.startswith("Name: "):
        return Reply(200, completion(json.dumps({"took_part": "yes"})))
    return Reply(200, completion(json.dumps({"location": "Rome", "date": "Monday"})))


def _folder(tmp_path: Path, text: str = ARTICLE) -> Path:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    (folder / "talks.txt").write_text(text, encoding="utf-8")
    return folder


def _settings(base_url: str, tmp_path: Path, **changes: Any) -> Settings:
    values: dict[str, Any] = {
        "base_url": base_url, "model": "m", "mode": "json", "grammar": True,
        "concurrency": 1, "cache_dir": tmp_path / "c",
    }  # fmt: skip
    return Settings(**{**values, **changes})


def _forget_answers(settings: Settings) -> None:
    """Take the response cache away: what is found now comes from the run cache."""
    shutil.rmtree(settings.responses_dir)


def test_the_same_run_again_is_replayed_without_a_question(tmp_path: Path) -> None:
    with fake_endpoint(_answer) as fake:
        settings = _settings(fake.base_url, tmp_path)
        cold = summarise(_folder(tmp_path), "participants", settings=settings)
        asked = len(fake.requests)
        _forget_answers(settings)
        warm = summarise(_folder(tmp_path), "participants", settings=settings)
    assert asked == 3 and len(fake.requests) == asked  # the event, France, Germany
    assert warm.to_dict()["merged"] == cold.to_dict()["merged"]
    assert warm.to_dict()["per_source"] == cold.to_dict()["per_source"]
    assert warm.to_dict()["sources"] == cold.to_dict()["sources"]
    run = warm["participants"].run
    assert (run.calls, run.prompt_tokens, run.cache_hits) == (0, 0, 3)
    # The replay is rebuilt as the schema's own types, so views and frames work on it.
    assert type(warm["participants"].merged) is type(cold["participants"].merged)
    assert warm["participants"].to_html().count("<article") == 1
    assert warm["participants"].texts == cold["participants"].texts


@pytest.mark.parametrize(
    "change",
    ["article", "schema", "temperature", "model"],
)
def test_anything_that_shapes_the_record_asks_again(tmp_path: Path, change: str) -> None:
    with fake_endpoint(_answer) as fake:
        settings = _settings(fake.base_url, tmp_path)
        summarise(_folder(tmp_path), "participants", settings=settings)
        _forget_answers(settings)
        asked = len(fake.requests)
        folder, schema = _folder(tmp_path), "participants"
        if change == "article":
            folder = _folder(tmp_path, ARTICLE.replace("Monday", "Tuesday"))
        elif change == "schema":
            schema = ["participants", "timeline"]  # type: ignore[assignment]
        elif change == "temperature":
            settings = settings.model_copy(update={"temperature": 0.5})
        else:
            settings = settings.model_copy(update={"model": "m2"})
        summarise(folder, schema, settings=settings)
    assert len(fake.requests) > asked


def test_a_run_with_a_failed_question_is_not_stored(tmp_path: Path) -> None:
    def cut_germany(body: dict[str, Any]) -> Reply:
        if "Name: Germany" in body["messages"][-1]["content"]:
            return Reply(200, completion('{"took_part": "y', "length"))
        return _answer(body)

    with fake_endpoint(cut_germany) as fake:
        settings = _settings(fake.base_url, tmp_path)
        partial = summarise(_folder(tmp_path), "participants", settings=settings)
        asked = len(fake.requests)
        again = summarise(_folder(tmp_path), "participants", settings=settings)
    assert partial.exit_code == again.exit_code == 1
    # Asked again: only the failed question (the others come from the response cache).
    again_asked = fake.requests[asked:]
    assert len(again_asked) >= 1
    assert all("Name: Germany" in r["body"]["messages"][-1]["content"] for r in again_asked)


def test_no_cache_neither_replays_nor_stores(tmp_path: Path) -> None:
    with fake_endpoint(_answer) as fake:
        settings = _settings(fake.base_url, tmp_path, use_cache=False)
        summarise(_folder(tmp_path), "participants", settings=settings)
        summarise(_folder(tmp_path), "participants", settings=settings)
    assert len(fake.requests) == 6
    assert not (tmp_path / "c" / "runs").exists()


def test_a_stale_entry_is_run_again_and_overwritten(tmp_path: Path) -> None:
    with fake_endpoint(_answer) as fake:
        settings = _settings(fake.base_url, tmp_path)
        cold = summarise(_folder(tmp_path), "participants", settings=settings)
        with diskcache.Cache(str(settings.runs_dir)) as store:
            (key,) = list(store)
            stale = {"participants": {"merged": {"participants": "not a list"}}}
            store.set(key, json.dumps(stale))
        again = summarise(_folder(tmp_path), "participants", settings=settings)
        assert len(fake.requests) == 3  # the answers came from the response cache
        _forget_answers(settings)
        replayed = summarise(_folder(tmp_path), "participants", settings=settings)
    assert len(fake.requests) == 3
    assert again.to_dict()["merged"] == replayed.to_dict()["merged"] == cold.to_dict()["merged"]


def test_a_hand_built_spec_is_never_replayed(tmp_path: Path) -> None:
    spec = model_spec(Meeting)
    settings = Settings(base_url="http://127.0.0.1:1/v1", model="m", cache_dir=tmp_path)
    assert spec.fingerprint is not None
    assert run_key(settings, "b", [spec], [], []) is not None
    hand_built = spec.__class__(**{**spec.__dict__, "fingerprint": None})
    assert run_key(settings, "b", [hand_built], [], []) is None
    assert RunCache(settings).replay("no such key", [spec], {}, 0.0) is None


class Meeting(BaseModel):
    """Where a meeting was held."""

    city: str | None = None


def test_a_user_model_is_keyed_by_its_source_file(tmp_path: Path) -> None:
    source = tmp_path / "models.py"
    text = 'from pydantic import BaseModel\n\nclass Talks(BaseModel):\n    """The talks."""\n\n'
    source.write_text(text + "    city: str | None = None\n", encoding="utf-8")
    reference = f"{source}:Talks"
    first = model_spec(load_model(reference)).fingerprint
    # A validator or default the JSON schema does not show is still a change of code.
    source.write_text(text + "    city: str | None = None  # one more comment\n", encoding="utf-8")
    assert first is not None
    assert model_spec(load_model(reference)).fingerprint != first


def test_the_code_fingerprint_follows_every_file(tmp_path: Path) -> None:
    (tmp_path / "pkg" / "sub").mkdir(parents=True)
    (tmp_path / "pkg" / "a.py").write_text("A = 1\n")
    (tmp_path / "pkg" / "sub" / "p.toml").write_text("x = 1\n")
    (tmp_path / "pkg" / "notes.txt").write_text("not code\n")
    roots = [("pkg", tmp_path / "pkg")]
    before = tree_digest(roots, ["dep==1"])
    (tmp_path / "pkg" / "notes.txt").write_text("still not code\n")
    assert tree_digest(roots, ["dep==1"]) == before
    assert tree_digest(roots, ["dep==2"]) != before
    (tmp_path / "pkg" / "sub" / "p.toml").write_text("x = 2\n")
    assert tree_digest(roots, ["dep==1"]) != before
