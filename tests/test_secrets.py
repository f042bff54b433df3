"""No secret in cassettes, logs, error messages, output or cache; cassettes replay strictly."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import httpx2
import pytest
import yaml
from vcr.errors import CannotOverwriteExistingCassetteException

from service import Settings, summarise

from .conftest import CASSETTES, RECORDING_KEY, REPLAY_URL
from .fake_endpoint import Reply, completion, fake_endpoint

KEY = "sk-live-canary-5e2b81c4d09f"
#: What a leaked credential looks like in a cassette.
LEAKS = [
    re.compile(r"Bearer", re.I),
    re.compile(r"\bsk-[A-Za-z0-9]"),
    re.compile(r"\borg-[A-Za-z0-9]{6,}"),
    re.compile(r"set-cookie", re.I),
    re.compile(re.escape(RECORDING_KEY)),
]
CASSETTE_FILES = sorted(CASSETTES.glob("*.yaml"))


def test_there_are_cassettes_to_check() -> None:
    assert CASSETTE_FILES


@pytest.mark.parametrize("path", CASSETTE_FILES, ids=lambda p: p.name)
def test_no_cassette_holds_a_credential(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for pattern in LEAKS:
        assert not pattern.search(text), f"{path.name}: {pattern.pattern}"
    for interaction in yaml.safe_load(text)["interactions"]:
        request_headers = {k.lower() for k in interaction["request"]["headers"]}
        assert not request_headers & {"authorization", "cookie", "x-api-key", "api-key"}
        # Response headers are scrubbed too: only the content type is kept.
        assert {k.lower() for k in interaction["response"]["headers"]} <= {"content-type"}


def test_a_key_never_reaches_logs_output_or_cache(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("France hosted the talks in Paris.", encoding="utf-8")
    answers = [
        Reply(200, completion('{"location": "Paris", "host": "France"}')),
        Reply(200, completion('{"words": "France hosted the talks", "role": "hosts_the_meeting"}')),
    ]
    caplog.set_level(logging.DEBUG)  # everything any library would log
    with fake_endpoint(*answers) as fake:
        settings = Settings(
            base_url=fake.base_url, model="m", api_key=KEY, mode="json", cache_dir=tmp_path
        )
        summary = summarise(folder, "participants", settings=settings)
    headers = {k.lower(): v for k, v in fake.requests[0]["headers"].items()}
    assert headers["authorization"] == f"Bearer {KEY}"  # it was used
    assert summary.exit_code == 0
    assert KEY not in caplog.text
    assert KEY not in summary.to_json() and KEY not in repr(summary) and KEY not in repr(settings)
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert KEY.encode() not in path.read_bytes(), path


Replay = Callable[[str], AbstractContextManager[Any]]


def test_a_changed_request_is_refused_not_answered_stale(replay: Replay) -> None:
    recorded = yaml.safe_load((CASSETTES / "seeds_all.yaml").read_text(encoding="utf-8"))
    body = json.loads(recorded["interactions"][0]["request"]["body"])
    url = f"{REPLAY_URL}/chat/completions"
    with replay("seeds_all.yaml"):
        assert httpx2.post(url, json=body).status_code == 200  # the recorded request
        body["messages"][-1]["content"] += " "  # one more space in the prompt
        with pytest.raises(CannotOverwriteExistingCassetteException):
            httpx2.post(url, json=body)
