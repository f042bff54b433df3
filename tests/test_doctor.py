"""``summarise --doctor``: the facts of a bug report, a timed smoke test, non-zero if broken.

The smoke test runs against ``tests/fake_llama_server.py`` started as the embedded server
(the real model's run is in ``tests/test_live.py``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from service.backends.model_file import MODEL_FILENAME, MODEL_SHA256, MODEL_SIZE
from service.cli import app
from service.config import Settings
from service.doctor import Check, run_doctor

from .conftest import ROOT


@pytest.fixture
def fake_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.setenv("FAKE_LLAMA_DIR", str(tmp_path / "fake"))
    gguf = tmp_path / "model.gguf"
    gguf.write_bytes(b"GGUF")
    return gguf


def _doctor(settings: Settings) -> tuple[int, dict[str, Check]]:
    checks: list[Check] = []
    code = run_doctor(settings, checks.append)
    return code, {c.name: c for c in checks}


def _settings(tmp_path: Path, gguf: Path | None = None, models: Path | None = None) -> Settings:
    return Settings(
        gguf=gguf,
        cache_dir=tmp_path / "cache",
        models_dir=models or tmp_path / "models",
        server_module="tests.fake_llama_server",
        server_start_timeout=30,
    )


def test_a_healthy_setup_reports_everything_and_exits_0(fake_server: Path, tmp_path: Path) -> None:
    code, checks = _doctor(_settings(tmp_path, fake_server))
    assert code == 0, checks
    for name in ("os", "python", "cpu", "cpu flags", "amx", "llama-cpp-python", "cache directory"):
        assert checks[name].value
    assert checks["ggml extra buffer types"].value.startswith(("on", "off"))
    assert "sha256 " in checks["model"].value and str(fake_server) in checks["model"].value
    smoke = checks["smoke test"]
    assert smoke.verdict == "ok"
    assert "prefill" in smoke.value and "decode 32 tokens at" in smoke.value
    assert checks["doctor"].verdict == "ok"


def test_a_server_that_crashes_in_the_smoke_test_is_reported(
    fake_server: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_LLAMA_DIE_AFTER", "1")
    code, checks = _doctor(_settings(tmp_path, fake_server))
    assert code == 1
    smoke = checks["smoke test"]
    assert smoke.verdict == "BROKEN"
    assert smoke.value.startswith("the embedded server crashed (SIGSEGV)")
    assert "fake llama: evaluating request 1" in smoke.value  # the log's last lines
    assert checks["doctor"].value == "1 problem(s): smoke test"


def test_a_model_file_that_does_not_match_its_sha256_is_broken(tmp_path: Path) -> None:
    models = tmp_path / "models"
    models.mkdir()
    damaged = models / MODEL_FILENAME
    with damaged.open("wb") as handle:  # the right size, all zeros (sparse: no disk used)
        handle.truncate(MODEL_SIZE)
    damaged.with_suffix(".verified").write_text(MODEL_SHA256 + "\n")
    code, checks = _doctor(_settings(tmp_path, models=models))
    assert code == 1
    assert checks["model"].verdict == "BROKEN"
    assert f"does not match {MODEL_SHA256}" in checks["model"].value
    assert "smoke test" not in checks  # nothing is started on a damaged model


def test_the_cli_needs_no_folder_for_the_doctor(
    fake_server: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUMMARISE_SERVER_MODULE", "tests.fake_llama_server")
    result = CliRunner().invoke(app, ["--doctor", "--gguf", str(fake_server)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert any(line.split() == ["ok", "doctor:", *line.split()[2:]] for line in lines)
    assert any("smoke test: server ready" in line for line in lines)
    # Without --doctor a folder is required: a usage error.
    missing = CliRunner().invoke(app, [])
    assert missing.exit_code == 2
    assert "give a folder of articles" in missing.stderr
