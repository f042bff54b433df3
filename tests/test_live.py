"""Live: the real embedded llama.cpp server with the bundled model extracts from one seed.

Slow (about a minute on 2 cores); runs in CI. Skip locally with ``-m "not live"``.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from service import load_settings, summarise

from .conftest import SEEDS

pytestmark = pytest.mark.live

SEED = SEEDS / "003_bc3ff4030b77d8c2.txt"


def _child_commands() -> list[str]:
    """Command lines of this process's live children."""
    commands = []
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        for pid in (task / "children").read_text().split():
            try:
                commands.append(
                    Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
                )
            except FileNotFoundError:
                continue
    return commands


def test_embedded_default_extracts_grounded_participants(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEED, folder)
    text = SEED.read_text(encoding="utf-8")
    settings = load_settings({"cache_dir": tmp_path / "cache"})
    assert settings.embedded

    summary = summarise(folder, "participants", settings=settings)

    result = summary["participants"]
    assert [s.status for s in result.sources] == ["ok"], result.sources
    assert result.run.backend == "embedded"
    assert result.run.calls >= 1 and result.run.prompt_tokens > 500
    names = {p.name for p in result.merged.participants}
    assert names & {"France", "United Kingdom", "Croatia", "Montenegro", "United States"}, names
    for participant in result.merged.participants:
        for ev in participant.evidence:
            assert text[ev.start : ev.end] == ev.quote
    assert not any(settings.server_module in c for c in _child_commands()), "server left running"

    again = summarise(folder, "participants", settings=settings)
    assert again["participants"].run.calls == 0
    assert again["participants"].merged == result.merged

    # A new article on another day: no stored answer, but the instructions' KV cache is
    # restored from disk, not evaluated, and gives the same answers.
    assert settings.prefix_cache_dir is not None and any(settings.prefix_cache_dir.iterdir())
    shutil.rmtree(settings.responses_dir)
    shutil.rmtree(settings.runs_dir)  # nor a stored run
    log = settings.cache_dir / "server.log"
    log.unlink()
    fresh = summarise(folder, "participants", settings=settings)
    assert fresh["participants"].run.calls == result.run.calls
    assert fresh["participants"].merged == result.merged
    assert "prefix cache: restored" in log.read_text(encoding="utf-8")


def test_doctor_times_the_real_embedded_server(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from service.cli import app

    result = CliRunner().invoke(app, ["--doctor", "--cache-dir", str(tmp_path / "cache")])
    assert result.exit_code == 0, result.output
    # Each line is "<verdict>  <check>: <value>".
    checks = {
        m["name"]: (m["verdict"], m["value"])
        for m in re.finditer(
            r"(?m)^\s*(?P<verdict>\w+)  (?P<name>[^:]+): (?P<value>.*)$", result.stdout
        )
    }
    assert checks["model"][0] == "ok" and "(matches)" in checks["model"][1]
    assert checks["smoke test"][0] == "ok" and "tokens/s" in checks["smoke test"][1]
    # The server log shows the extra buffer types' setting that --doctor reports.
    log = (tmp_path / "cache" / "server.log").read_text(encoding="utf-8")
    off = "extra buffer types off" in log
    assert off == checks["ggml extra buffer types"][1].startswith("off")
