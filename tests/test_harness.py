"""The quality harness counts what it claims: precision beside recall, per schema.

A hand-made summary with known errors goes through ``bench/evaluation.py``; every error
must show up in its own figure. The corpus gold files must load and name real articles.
"""

from __future__ import annotations

import sys
from typing import Any

import pytest

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from evaluation import Gold, add, evaluate, load_gold, rates

TEXT = "Norway hosted the talks. Sweden attended. Russia was not invited."


def _evidence() -> list[dict[str, Any]]:
    return [{"source": "a", "start": 0, "end": 6, "quote": "Norway"}]


def _summary() -> dict[str, Any]:
    run = {"calls": 3, "seconds": 1.0}
    participants = [
        {"name": "Norway", "status": "host", "evidence": _evidence()},
        {"name": "Sweden", "status": "mentioned", "evidence": _evidence()},
        {"name": "Russia", "status": "attendee", "evidence": _evidence()},  # absent: error
    ]
    positions = [
        {"speaker": "Emma Lund", "stance": "supports", "quotes": [], "evidence": _evidence()},
        {"speaker": "a newspaper", "stance": "neutral", "quotes": [], "evidence": _evidence()},
    ]
    merged_positions = [
        {"speaker": "Emma Lund", "role": "defence minister", "affiliation": "Norway",
         "stance": "supports", "claims": [{}]},
        {"speaker": "Norway's defence minister", "role": None, "affiliation": "Norway",
         "stance": "supports", "claims": []},  # the same person, split
        {"speaker": "a newspaper", "role": None, "affiliation": None, "stance": "neutral",
         "claims": []},
    ]  # fmt: skip
    merged_proposal = {
        "name": {"value": "Baltic Guard"},
        "capabilities": [{"value": "minesweepers"}, {"value": "Sweden"}],
        "deployment": [],
        "sources": ["a"],
        "conflicts": [],
    }
    return {
        "participants": {"per_source": {"a": {"participants": participants}}, "run": run},
        "positions": {
            "per_source": {"a": {"positions": positions}},
            "merged": {"positions": merged_positions},
            "run": run,
        },
        "proposal": {"per_source": {"a": {}}, "merged": merged_proposal, "run": run},
    }


GOLD = Gold.model_validate(
    {
        "participants": {
            "a": {"required": {"Norway": ["host"], "Sweden": ["attendee"], "Russia": ["absent"]}}
        },
        "positions": {"a": [{"speaker": "lund", "stances": ["supports"]}]},
        "distinct_speakers": {"Emma Lund": "lund|norway's defence minister"},
        "speaker_details": {"Emma Lund": {"role": "minister", "affiliation": "Norway"}},
        "proposal_items": [
            {"fields": ["name"], "pattern": "baltic guard", "key": True},
            {"fields": ["capabilities"], "pattern": "minesweeper", "key": True},
            {"fields": ["deployment"], "pattern": "gdansk", "key": True},
        ],
    }
)


def test_every_kind_of_error_is_counted_in_its_own_figure() -> None:
    totals: dict[str, Any] = {}
    add(totals, evaluate(_summary(), GOLD, {"a": TEXT}), "story")
    figures = rates(totals)
    p, q, r = figures["participants"], figures["positions"], figures["proposal"]
    # present: Norway (right), Russia (absent, labelled present); Sweden missed
    assert (p["precision"], p["recall"], p["false_present"]) == (0.5, 0.5, 1)
    assert p["status_accuracy"] == pytest.approx(1 / 3, abs=0.001)
    assert (q["precision"], q["recall"]) == (0.5, 1.0)
    assert (q["entries_per_speaker"], q["split_persons"], q["non_speakers"]) == (2.0, 1, 1)
    assert (q["role_filled"], q["affiliation_filled"]) == (1.0, 1.0)
    # three items, "Sweden" is no capability; the deployment key item is missing
    assert (r["items"], r["precision"]) == (3, 0.667)
    assert r["recall"] == 0.667
    assert p["verbatim_rate"] == 1.0


def test_a_story_without_a_proposal_has_no_correct_item() -> None:
    gold = GOLD.model_copy(update={"proposal_items": []})
    totals: dict[str, Any] = {}
    add(totals, evaluate(_summary(), gold, {"a": TEXT}), "story")
    assert rates(totals)["proposal"]["precision"] == 0.0


@pytest.mark.parametrize("gold_file", sorted((ROOT / "bench" / "corpus").glob("*/*.gold.json")))
def test_corpus_gold_names_the_articles_of_its_story(gold_file: Any) -> None:
    gold = load_gold(gold_file)
    folder = gold_file.parent / gold_file.name.removesuffix(".gold.json")
    articles = {p.stem for p in folder.glob("*.txt")}
    assert set(gold.participants) == articles == set(gold.positions)
