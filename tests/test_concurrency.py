"""Endpoints get several questions in flight at once, never more than configured."""

from __future__ import annotations

from pathlib import Path

import pytest

from service import Settings, summarise

from .fake_endpoint import Reply, completion, fake_endpoint

EVENT = completion('{"location": "Paris"}')


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "in"
    path.mkdir()
    for i in range(12):  # no country named: one question (the event) per article
        (path / f"{i:02d}.txt").write_text(f"Talks number {i} took place in Paris.", "utf-8")
    return path


@pytest.mark.parametrize("concurrency", [1, 4])
def test_articles_in_flight_never_exceed_the_concurrency(
    folder: Path, tmp_path: Path, concurrency: int
) -> None:
    with fake_endpoint(Reply(200, EVENT, delay=0.2)) as fake:
        settings = Settings(
            base_url=fake.base_url, model="m", mode="json", concurrency=concurrency,
            cache_dir=tmp_path / f"c{concurrency}",
        )  # fmt: skip
        summary = summarise(folder, "participants", settings=settings)
    assert summary.exit_code == 0
    assert len(fake.requests) == 12
    assert fake.max_in_flight == concurrency
    merged = summary["participants"].merged
    assert merged.event.location is not None and merged.event.location.agreement == 12  # type: ignore[union-attr]
    assert summary["participants"].run.calls == 12


def test_tasks_and_schemas_do_not_wait_for_each_other(tmp_path: Path) -> None:
    # Three articles, two schemas of one model question each: six units of work. Each
    # depends on its article alone, so after the first answer (asked alone) four are in
    # flight together, where waiting for each task's articles would allow three.
    folder = tmp_path / "three"
    folder.mkdir()
    for i in range(3):
        text = f'"We met in Paris," said Minister Anna Berg ({i}).'
        (folder / f"{i}.txt").write_text(text, "utf-8")
    with fake_endpoint(Reply(200, EVENT, delay=0.3)) as fake:
        settings = Settings(
            base_url=fake.base_url, model="m", mode="json", concurrency=4, reasks=0,
            cache_dir=tmp_path / "c",
        )  # fmt: skip
        summarise(folder, ["participants", "positions"], settings=settings)
    assert fake.max_in_flight == 4


def test_remote_endpoints_default_to_eight_and_the_embedded_server_to_its_sequences() -> None:
    assert Settings(base_url="http://x/v1", model="m").effective_concurrency == 8
    assert Settings().effective_concurrency == Settings().parallel == 4
    assert Settings(parallel=2).effective_concurrency == 2
