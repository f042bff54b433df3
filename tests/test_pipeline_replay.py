"""The whole pipeline over the five seeds, replayed from a cassette recorded on the
embedded model: every article x schema extracted, grounded and merged; a second run is
served from the cache with zero model calls."""

from __future__ import annotations

import pytest

from schemas.common import evidence_in
from service import Summary

from .conftest import SEEDS, SeedRuns

SEED_IDS = sorted(p.stem for p in SEEDS.glob("*.txt"))
TEXTS = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}

pytestmark = pytest.mark.cassette


@pytest.fixture(scope="module")
def runs(seeds_runs: SeedRuns) -> tuple[Summary, Summary]:
    return seeds_runs.cold, seeds_runs.warm


def test_every_article_and_schema_is_processed(runs: tuple[Summary, Summary]) -> None:
    data = runs[0].to_dict()
    assert set(data) == {"proposal", "participants", "positions"}
    for name, result in data.items():
        assert result["schema"] == name
        assert [s["id"] for s in result["sources"]] == SEED_IDS
        assert all(s["status"] == "ok" for s in result["sources"]), result["sources"]
        assert all(len(s["sha256"]) == 64 for s in result["sources"])
        assert sorted(result["per_source"]) == SEED_IDS
        assert result["run"]["calls"] >= len(SEED_IDS)
        assert result["run"]["prompt_tokens"] > 0
        assert result["run"]["cache_hits"] == 0
    assert runs[0].exit_code == 0


def test_every_evidence_span_is_verbatim(runs: tuple[Summary, Summary]) -> None:
    spans = evidence_in(runs[0].to_dict())
    assert len(spans) > 50
    for span in spans:
        assert TEXTS[span["source"]][span["start"] : span["end"]] == span["quote"], span


def test_merged_participants_have_one_entry_per_country(runs: tuple[Summary, Summary]) -> None:
    merged = runs[0]["participants"].merged.model_dump()
    names = [p["name"] for p in merged["participants"]]
    assert len(names) == len(set(names)), names
    assert {"France", "United Kingdom"} <= set(names)
    assert not {"Britain", "UK", "U.S.", "US"} & set(names)
    for entry in merged["participants"]:
        assert entry["agreement"] == len(entry["sources"]) >= 1
        assert {e["source"] for e in entry["evidence"]} == set(entry["sources"])


def test_merged_records_name_their_sources(runs: tuple[Summary, Summary]) -> None:
    for result in runs[0].results.values():
        assert result.merged.sources == SEED_IDS
    proposal = runs[0]["proposal"].merged
    facts = [
        f for field in ("capabilities", "deployment", "phases") for f in getattr(proposal, field)
    ]
    assert facts, "the proposal lists no capability, deployment or phase"
    for fact in facts:
        assert fact.sources and {e.source for e in fact.evidence} == set(fact.sources)


@pytest.mark.parametrize("warm", ["replayed", "answers"])
def test_second_run_is_served_from_the_cache(seeds_runs: SeedRuns, warm: str) -> None:
    cold = seeds_runs.cold
    again = seeds_runs.warm if warm == "replayed" else seeds_runs.answers
    for name, result in again.results.items():
        assert result.run.calls == 0
        assert result.run.prompt_tokens == 0
        asks = cold[name].run.calls - cold[name].run.reasks
        assert result.run.cache_hits == asks > len(SEED_IDS)
        assert result.merged == cold[name].merged
        assert result.per_source == cold[name].per_source
        assert result.sources == cold[name].sources


def test_every_recorded_interaction_was_played(seeds_runs: SeedRuns, record_mode: str) -> None:
    # An answer nobody asked for means the pipeline no longer sends what was recorded.
    assert seeds_runs.all_played or record_mode != "none"
