"""One failed question costs only its own facts: the article is ``partial``, the rest stays.

The endpoint is a scripted local server: it answers every question with a valid answer
except the took-part question about one country, whose answer it cuts at ``max_tokens``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from service import Settings, summarise
from service.cli import app

from .fake_endpoint import Reply, completion, fake_endpoint

# Nothing the text says settles taking part, so each country is a model question.
ARTICLE = (
    "Defence ministers met in Rome on Monday. France's defence minister Jean Arnaud "
    "joined the discussion. Germany's defence minister Paul Weber joined the discussion. "
    "Japan's defence minister Ken Sato joined the discussion."
)


def _answer(body: dict[str, Any]) -> Reply:
    question = body["messages"][-1]["content"]
    if "Name: Japan" in question:
        return Reply(200, completion('{"took_part": "y', "length"))
    if question.startswith("Name: "):
        content = {"took_part": "yes"}
    else:  # the event question
        content = {"location": "Rome", "date": "Monday"}
    return Reply(200, completion(json.dumps(content)))


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    (folder / "talks.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "other.txt").write_text("Italy hosted the talks in Rome.", encoding="utf-8")
    return folder


def test_a_cut_answer_costs_one_question_and_the_article_is_partial(tmp_path: Path) -> None:
    with fake_endpoint(_answer) as fake:
        settings = Settings(
            base_url=fake.base_url, model="m", mode="json", grammar=True, concurrency=1,
            cache_dir=tmp_path / "c",
        )  # fmt: skip
        summary = summarise(_folder(tmp_path), "participants", settings=settings)
        first = len(fake.requests)
        japan = sum("Name: Japan" in r["body"]["messages"][-1]["content"] for r in fake.requests)
        # The cut answer is not cached: a second run asks only that question again.
        summarise(_folder(tmp_path), "participants", settings=settings)
        again = fake.requests[first:]
    assert japan >= 1 and len(again) == japan
    assert all("Name: Japan" in r["body"]["messages"][-1]["content"] for r in again)
    result = summary["participants"]
    sources = {s.id: s for s in result.sources}
    talks = sources["talks"]
    assert talks.status == "partial"
    assert [(q.task, q.item) for q in talks.failed_questions] == [("took_part", "Japan")]
    assert "cut at max_tokens" in talks.failed_questions[0].reason
    assert talks.reason is not None and talks.reason.startswith("1 question failed, 3 answered")
    # The other answers of the same article are kept, and the other article is untouched.
    record = result.per_source["talks"]
    assert {p.name for p in record.participants} == {"France", "Germany"}
    assert record.event.location is not None and record.event.location.value == "Rome"
    assert sources["other"].status == "ok" and "other" in result.per_source
    assert summary.exit_code == 1


def test_the_cli_writes_everything_answered_and_exits_1(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    with fake_endpoint(_answer) as fake:
        result = CliRunner().invoke(
            app,
            [
                str(_folder(tmp_path)), "-s", "participants", "-o", str(out),
                "--base-url", fake.base_url, "--model", "m", "--mode", "json", "--grammar",
                "--cache-dir", str(tmp_path / "c"),
            ],
        )  # fmt: skip
    assert result.exit_code == 1
    data = json.loads(out.read_text())
    talks = next(s for s in data["sources"] if s["id"] == "talks")
    assert talks["status"] == "partial"
    assert talks["failed_questions"][0]["item"] == "Japan"
    assert {p["name"] for p in data["per_source"]["talks"]["participants"]} == {
        "France",
        "Germany",
    }
    assert "partial" in result.stderr  # the per-article table
