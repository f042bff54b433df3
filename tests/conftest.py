"""Shared fixtures: isolated configuration, cassette settings, the real embedded server.

Cassettes live in ``cassettes/`` at the project root. They are replayed with record mode
``none`` and matched on method, path and JSON body, so a changed prompt or schema fails
loudly instead of replaying a stale answer. To re-record them against the real embedded
server (about 25 minutes on 2 cores)::

    pytest -m cassette --record-mode=rewrite
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import vcr

from service import Summary, summarise
from service.backends import EmbeddedServer
from service.backends.model_file import bundled_model
from service.config import EMBEDDED_MODEL_ALIAS, Settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CASSETTES = ROOT / "cassettes"
#: Where replayed requests claim to go; nothing listens there, vcr answers instead.
REPLAY_URL = "http://127.0.0.1:9/v1"
#: Response headers kept in cassettes; everything else (cookies, ids, dates) is dropped.
_KEEP_RESPONSE_HEADERS = {"content-type"}


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # No test may see the developer's endpoint, key or cache.
    for var in (
        "OPENAI_BASE_URL",
        "OPENAI_API_KEY",
        "SUMMARISE_MODEL",
        "SUMMARISE_GGUF",
        "SUMMARISE_MODE",
    ):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("SUMMARISE_CACHE_DIR", str(tmp_path / "cache"))


def _scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    response["headers"] = {
        k: v for k, v in response["headers"].items() if k.lower() in _KEEP_RESPONSE_HEADERS
    }
    return response


#: Request headers never written to a cassette.
_FILTERED_REQUEST_HEADERS = [
    "authorization", "cookie", "openai-organization", "openai-project", "x-api-key",
    "user-agent", "x-stainless-os", "x-stainless-arch", "x-stainless-runtime-version",
    "x-stainless-package-version", "x-stainless-runtime", "x-stainless-lang",
    "x-stainless-async", "x-stainless-retry-count", "x-stainless-read-timeout",
]  # fmt: skip


def _vcr(record_mode: str) -> vcr.VCR:
    return vcr.VCR(
        cassette_library_dir=str(CASSETTES),
        record_mode=record_mode,
        match_on=["method", "path", "body"],
        filter_headers=_FILTERED_REQUEST_HEADERS,
        before_record_response=_scrub_response,
        decode_compressed_response=True,
    )


@pytest.fixture(scope="session")
def record_mode(pytestconfig: pytest.Config) -> str:
    """``none`` (replay only) unless pytest runs with ``--record-mode=rewrite``/``all``."""
    return str(pytestconfig.getoption("--record-mode") or "none")


@pytest.fixture(scope="session")
def cassette(record_mode: str) -> Callable[[str], AbstractContextManager[Any]]:
    """``with cassette("name.yaml"):`` replays (or, when recording, rewrites) a cassette."""
    recording = record_mode != "none"

    def use(name: str) -> AbstractContextManager[Any]:
        if recording:
            (CASSETTES / name).unlink(missing_ok=True)
        # Each recorded answer may be played once: a repeated request is a failure.
        return _vcr("all" if recording else "none").use_cassette(name, allow_playback_repeats=False)

    return use


@pytest.fixture(scope="session")
def replay() -> Callable[[str], AbstractContextManager[Any]]:
    """``with replay("name.yaml"):`` replays a cassette recorded by another test; never records."""

    def use(name: str) -> AbstractContextManager[Any]:
        return _vcr("none").use_cassette(name, allow_playback_repeats=False)

    return use


@pytest.fixture(scope="session")
def embedded_server() -> Iterator[EmbeddedServer]:
    """The real llama.cpp server with the bundled model, for live tests and recording."""
    settings = Settings()
    model = bundled_model(settings.models_dir)
    with EmbeddedServer(
        model,
        alias=EMBEDDED_MODEL_ALIAS,
        n_ctx=settings.n_ctx,
        log_path=settings.models_dir.parent / "server-tests.log",
    ) as server:
        yield server


@pytest.fixture(scope="session")
def llama() -> Iterator[Any]:
    """The bundled model in this process (llama-cpp-python), for sampler and cache tests."""
    llama_cpp = pytest.importorskip("llama_cpp")
    from service.backends.llama_server import guard_model_loads

    guard_model_loads()  # as in the server: no AMX path (it crashes on Q4_K)
    path = bundled_model(Settings().models_dir)
    model = llama_cpp.Llama(str(path), n_ctx=1024, n_threads=2, seed=0, verbose=False)
    yield model
    model.close()


@pytest.fixture(scope="session")
def endpoint(request: pytest.FixtureRequest, record_mode: str) -> str:
    """Where cassette requests go: nowhere when replaying, the real server when recording."""
    if record_mode == "none":
        return REPLAY_URL
    server: EmbeddedServer = request.getfixturevalue("embedded_server")
    return server.base_url


#: The key recording runs are configured with; tests/test_secrets.py checks that no cassette
#: holds it (the embedded server ignores keys, so any value would do).
RECORDING_KEY = "sk-recording-7f3a9c-do-not-store"


def cassette_settings(endpoint: str, cache_dir: Path) -> Settings:
    """Settings whose requests equal the embedded backend's, sent to ``endpoint``."""
    return Settings(
        base_url=endpoint,
        api_key=RECORDING_KEY,
        model=EMBEDDED_MODEL_ALIAS,
        mode="json",
        grammar=True,
        cache_dir=cache_dir,
        attempts=1,
        concurrency=1,  # the embedded default's order, which the recording captured
    )


@dataclass(frozen=True)
class SeedRuns:
    """The seeds through the whole pipeline: a cold run, two warm runs, and their cache."""

    cold: Summary
    warm: Summary  # replayed from the run cache
    answers: Summary  # every answer from the response cache, the rules run again
    cache_dir: Path
    all_played: bool


@pytest.fixture(scope="session")
def seeds_runs(
    cassette: Callable[[str], AbstractContextManager[Any]],
    endpoint: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> SeedRuns:
    """``--schema all`` over the seeds from ``cassettes/seeds_all.yaml``, then again warm.

    Shared by every test that needs the seeds' real results: the replay takes ~25 s.
    """
    cache_dir = tmp_path_factory.mktemp("seeds-cache")
    settings = cassette_settings(endpoint, cache_dir)
    with cassette("seeds_all.yaml") as recorded:
        cold = summarise(SEEDS, "all", settings=settings)
        # The cassette holds each answer once: a request in these runs would fail it.
        warm = summarise(SEEDS, "all", settings=settings)
        # Without the stored run: every answer from the response cache, the rules run again.
        shutil.rmtree(settings.runs_dir)
        answers = summarise(SEEDS, "all", settings=settings)
    return SeedRuns(cold, warm, answers, cache_dir, all_played=recorded.all_played)
