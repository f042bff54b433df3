"""The ``summarise`` command: formats, output file, exit codes, errors on stderr.

Model answers are replayed from the pipeline's cassette (recorded on the embedded model).
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from service.cli import app
from service.config import EMBEDDED_MODEL_ALIAS

from .conftest import REPLAY_URL, SEEDS, SeedRuns
from .fake_endpoint import Reply, completion, fake_endpoint, schema_answer

runner = CliRunner()
REPLAYED = [
    "--base-url",
    REPLAY_URL,
    "--model",
    EMBEDDED_MODEL_ALIAS,
    "--mode",
    "json",
    "--grammar",
    "--concurrency",
    "1",
]

Replay = Callable[[str], AbstractContextManager[Any]]


def test_json_for_all_schemas_on_stdout(replay: Replay, tmp_path: Path) -> None:
    with replay("seeds_all.yaml") as cassette:
        result = runner.invoke(
            app, [str(SEEDS), "--schema", "all", *REPLAYED, "--cache-dir", str(tmp_path / "c")]
        )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"proposal", "participants", "positions"}
    assert data["participants"]["run"]["calls"] >= 5
    assert "25/25" in result.stderr  # the progress bar: 5 articles x 5 tasks
    assert cassette.all_played


def _warm_cache(runs: SeedRuns, tmp_path: Path) -> str:
    """A copy of the cache the seeds' replay filled: a run over the seeds makes no call."""
    target = tmp_path / "warm-cache"
    shutil.copytree(runs.cache_dir, target)
    return str(target)


def test_markdown_written_atomically_to_a_file(seeds_runs: SeedRuns, tmp_path: Path) -> None:
    out = tmp_path / "out" / "summary.md"
    result = runner.invoke(
        app,
        [str(SEEDS), "-s", "all", "-f", "markdown", "-o", str(out), *REPLAYED,
         "--cache-dir", _warm_cache(seeds_runs, tmp_path), "-q"],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert "## participants" in text and "## positions" in text and "## proposal" in text
    assert "[000]" in text and "### Sources" in text
    assert [p.name for p in out.parent.iterdir()] == ["summary.md"]  # no temporary left


def test_html_report_is_one_self_contained_file(seeds_runs: SeedRuns, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = runner.invoke(
        app,
        [str(SEEDS), "-s", "all", "--format", "html", "-o", str(out), *REPLAYED,
         "--cache-dir", _warm_cache(seeds_runs, tmp_path)],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    for schema in ("proposal", "participants", "positions"):
        assert f'data-schema="{schema}"' in page
    assert page.count('<article class="sr-article') == 5
    assert re.search(r'class="sr-calls">0 \(\d+ cached\)<', page)  # served by the cache
    assert "replayed from the run cache" in result.stderr


def test_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, [str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "no such folder" in result.stderr
    assert result.stdout == ""


def test_unknown_schema_is_a_usage_error() -> None:
    result = runner.invoke(app, [str(SEEDS), "--schema", "weather"])
    assert result.exit_code == 2


def test_base_url_without_model_is_a_configuration_error() -> None:
    result = runner.invoke(app, [str(SEEDS), "--base-url", REPLAY_URL])
    assert result.exit_code == 2
    assert "SUMMARISE_MODEL" in result.stderr


def test_unreachable_endpoint_fails_the_articles_not_the_run(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("France hosted a meeting in Paris.", encoding="utf-8")
    (folder / "b.bin.txt").write_bytes(b"\x00\x00")
    result = runner.invoke(
        app,
        [
            str(folder),
            "-s",
            "participants",
            "--base-url",
            "http://127.0.0.1:9/v1",
            "--model",
            "m",
            "--cache-dir",
            str(tmp_path / "c"),
        ],
    )
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    statuses = {s["id"]: (s["status"], s["reason"]) for s in data["sources"]}
    assert statuses["a"][0] == "failed" and "cannot reach" in statuses["a"][1]
    assert statuses["b.bin"][0] == "skipped"
    assert "cannot reach" in result.stderr  # the per-article table


def test_partial_failure_writes_the_good_articles_and_exits_1(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "good.txt").write_text("France hosted the talks in Paris.", encoding="utf-8")
    (folder / "bad.txt").write_text("Japan joined the talks remotely.", encoding="utf-8")

    valid = schema_answer()

    def answer(body: dict[str, Any]) -> Reply:
        if "Japan" in json.dumps(body["messages"]):  # this article's answers never validate
            return Reply(200, completion("no JSON here"))
        return valid(body)

    out = tmp_path / "out.json"
    with fake_endpoint(answer) as fake:
        result = runner.invoke(
            app,
            [str(folder), "-s", "participants", "-o", str(out), "--base-url", fake.base_url,
             "--model", "m", "--mode", "json", "--grammar", "--cache-dir", str(tmp_path / "c")],
        )  # fmt: skip
    assert result.exit_code == 1
    data = json.loads(out.read_text(encoding="utf-8"))
    statuses = {s["id"]: s["status"] for s in data["sources"]}
    assert statuses == {"good": "ok", "bad": "failed"}
    assert "good" in data["per_source"] and "bad" not in data["per_source"]
    assert "no valid EventDraft" in result.stderr  # the per-article table
