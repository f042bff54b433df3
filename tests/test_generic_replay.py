"""A user's own Pydantic model, given as a file, end to end on the seeds (embedded model).

Replays ``cassettes/meeting_facts.yaml``, recorded against the embedded server with
``examples/meeting_facts.py:MeetingFacts`` (the README's example); re-record with
``pytest -m cassette --record-mode=rewrite``.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest

from schemas.common import evidence_in
from service import summarise

from .conftest import ROOT, SEEDS, cassette_settings

pytestmark = pytest.mark.cassette

MODEL = f"{ROOT / 'examples' / 'meeting_facts.py'}:MeetingFacts"


def test_a_user_model_file_gives_grounded_merged_json(
    cassette: Callable[[str], AbstractContextManager[Any]],
    endpoint: str,
    record_mode: str,
    tmp_path: Path,
) -> None:
    settings = cassette_settings(endpoint, tmp_path / "cache")
    with cassette("meeting_facts.yaml") as recorded:
        summary = summarise(SEEDS, MODEL, settings=settings)
    assert recorded.all_played or record_mode != "none"
    result = summary["MeetingFacts"]
    assert summary.exit_code == 0, [s.reason for s in result.sources]
    data = result.to_dict()
    assert data["schema"] == "MeetingFacts"
    assert set(data["per_source"]) == {p.stem for p in SEEDS.glob("*.txt")}
    texts = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    spans = evidence_in(data)
    assert len(spans) > 20
    for e in spans:
        assert texts[e["source"]][e["start"] : e["end"]] == e["quote"]
    merged = result.merged
    assert merged.city is not None and merged.city.value == "Paris"  # type: ignore[attr-defined]
    countries = {c.value for c in merged.countries_attending}  # type: ignore[attr-defined]
    assert {"France", "Japan"} <= countries, countries
    speakers = {s.name.value for s in merged.speakers if s.name}  # type: ignore[attr-defined]
    assert any("Macron" in name for name in speakers), speakers
    # Rendered with no code of its own.
    assert "Paris" in summary.to_html() and "MeetingFacts" in summary._repr_markdown_()
