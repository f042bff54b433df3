"""A text far beyond the model's context is read in pieces that each fit; output that never
validates fails its question after the configured asks and leaves nothing in the cache."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from service import Settings, summarise
from service.builtins.proposal.tasks import PROPOSAL_MAX_CHARS
from service.chunks import MAX_CHARS, passages
from service.ground import Article

from .conftest import SEEDS
from .fake_endpoint import Reply, completion, fake_endpoint, schema_answer


def _settings(url: str, cache: Path, **extra: Any) -> Settings:
    return Settings(base_url=url, model="m", mode="json", grammar=True, cache_dir=cache, **extra)


def test_an_article_far_beyond_the_context_is_read_in_pieces_that_fit(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    long_text = "\n".join(seeds * 4)  # ~68,000 characters, ~17,000 tokens
    run_on = "Paris force talks " * 1334 + "end."  # 24,000 characters, no line or sentence break
    (folder / "long.txt").write_text(long_text, encoding="utf-8")
    (folder / "run_on.txt").write_text(run_on, encoding="utf-8")
    with fake_endpoint(schema_answer()) as fake:
        summary = summarise(folder, "all", settings=_settings(fake.base_url, tmp_path / "c"))
    assert summary.exit_code == 0
    asked: dict[str, set[str]] = {}  # the task's instructions -> the texts it was asked
    for request in fake.requests:
        messages = request["body"]["messages"]
        asked.setdefault(messages[0]["content"], set()).add(messages[-1]["content"])
    # The largest piece is the event task's lede (2,000 characters, ~450 tokens); with the
    # instructions it stays well inside the embedded model's 4,096-token context.
    assert max(len(text) for texts in asked.values() for text in texts) < 2500
    # Every passage of both was read by the proposal question (1,400 characters) and by
    # the positions question (700) (repeats from the cache).
    for instructions, max_chars, at_least in (
        ("You extract facts", PROPOSAL_MAX_CHARS, 10),
        ("You list who states", MAX_CHARS, 30),
    ):
        pieces = [
            passages(Article(n, t), max_chars) for n, t in (("long", long_text), ("run_on", run_on))
        ]
        assert all(p.end - p.start <= max_chars for ps in pieces for p in ps)
        users = next(texts for system, texts in asked.items() if system.startswith(instructions))
        texts = {
            p.text(Article(n, t))
            for (n, t), ps in zip((("long", long_text), ("run_on", run_on)), pieces, strict=True)
            for p in ps
        }
        assert len(texts) > at_least
        assert all(any(text in user for user in users) for text in texts)


def test_output_that_never_validates_fails_after_the_asks_and_is_not_cached(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("France hosted the talks in Paris.", encoding="utf-8")
    (folder / "b.txt").write_text("Japan joined remotely.", encoding="utf-8")
    cache = tmp_path / "c"
    with fake_endpoint(Reply(200, completion("Sorry, I cannot do that."))) as fake:
        summary = summarise(folder, "participants", settings=_settings(fake.base_url, cache))
    statuses = {s.id: s for s in summary["participants"].sources}
    assert {s.status for s in statuses.values()} == {"failed"}  # no question answered
    assert "no valid EventDraft after 2 attempt(s)" in str(statuses["a"].reason)
    failed = [q for s in statuses.values() for q in s.failed_questions]
    assert {q.task for q in failed} >= {"event"}
    assert all("after 2 attempt(s)" in q.reason for q in failed)
    # Every question was asked on its own: 1 ask + 1 re-ask each, no transport retry.
    assert len(fake.requests) == 2 * len(failed)
    with sqlite3.connect(cache / "responses" / "cache.db") as db:
        assert db.execute("SELECT COUNT(*) FROM Cache").fetchone() == (0,)
