"""Faults injected at the HTTP boundary lose nothing and never hang the run.

The embedded server's faults use ``tests/fake_llama_server.py``, a real subprocess started
through the ``server_module`` setting exactly as ``llama_cpp.server`` would be; remote
endpoints are played by local HTTP servers.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from schemas import ParticipantsDraft
from service import EndpointRejected, EndpointUnreachable, Settings, Summary, summarise
from service.backends import ChatClient, EmbeddedServer
from service.cache import ResponseCache

from .conftest import ROOT
from .fake_endpoint import Reply, completion, fake_endpoint

ARTICLES = {
    # a's text leaves open whether France took part: it needs the model.
    "a": "Defence chiefs met in Paris on Tuesday; France's army chief Pierre Schill arrived first.",
    "b": "Japan's defence minister Gen Nakatani joined the talks remotely.",
    "c": "Italy's army chief Carmine Masiello attended the talks.",
}
KEY = "sk-canary-0123456789abcdef"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "articles"
    path.mkdir()
    for name, text in ARTICLES.items():
        (path / f"{name}.txt").write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def fake_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the scripted server writes its pids and request log; it is importable."""
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.setenv("FAKE_LLAMA_DIR", str(tmp_path / "fake"))
    return tmp_path / "fake"


def _embedded(tmp_path: Path) -> Settings:
    gguf = tmp_path / "model.gguf"
    gguf.write_bytes(b"GGUF")
    return Settings(
        gguf=gguf,
        cache_dir=tmp_path / "cache",
        server_module="tests.fake_llama_server",
        server_start_timeout=30,
    )


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead too: its parent has not reaped it yet.
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "zombie" in status.read_text())


def _servers(fake_dir: Path) -> list[int]:
    return [int(p.read_text()) for p in sorted(fake_dir.glob("pid-*"))]


def _requests(fake_dir: Path) -> list[str]:
    log = fake_dir / "requests"
    return log.read_text().splitlines() if log.exists() else []


def _statuses(summary: Summary) -> dict[str, tuple[str, str | None]]:
    return {s.id: (s.status, s.reason) for s in summary["participants"].sources}


class Statuses:
    """A reporter that keeps the status lines."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def begin(self, total: int) -> None: ...
    def step(self, article: str, schema: str, outcome: str) -> None: ...
    def assemble(self, done: int, total: int) -> None: ...

    def status(self, message: str) -> None:
        self.lines.append(message)


def test_a_dead_embedded_server_is_restarted_once_and_nothing_is_lost(
    folder: Path, fake_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_LLAMA_DIE_AFTER", "2,0")  # the first server dies on request 2
    reporter = Statuses()
    summary = summarise(folder, "participants", settings=_embedded(tmp_path), reporter=reporter)
    assert {s for s, _ in _statuses(summary).values()} == {"ok"}
    assert summary.exit_code == 0
    assert any("restarting" in line for line in reporter.lines)
    servers = _servers(fake_dir)
    assert len(servers) == 2 and not any(_alive(pid) for pid in servers)


def test_a_server_started_from_a_thread_that_ends_keeps_running(
    fake_dir: Path, tmp_path: Path
) -> None:
    # The first question to need the server often comes from a worker thread that ends with
    # its task; the server's parent-death signal must not fire then.
    server = EmbeddedServer(
        tmp_path / "model.gguf", alias="m", n_ctx=512, log_path=tmp_path / "log",
        module="tests.fake_llama_server", start_timeout=30,
    )  # fmt: skip
    worker = threading.Thread(target=server.start)
    worker.start()
    worker.join()
    try:
        time.sleep(0.5)
        assert server.running
        (pid,) = _servers(fake_dir)
        assert _alive(pid)
    finally:
        server.stop()
    assert not _alive(pid)


def test_a_server_whose_parent_is_killed_goes_at_once(fake_dir: Path, tmp_path: Path) -> None:
    # SIGKILL leaves summarise no chance to stop its server; the server must not outlive it
    # (nor finish the requests in flight first).
    script = (
        "import sys, threading, time\n"
        "from pathlib import Path\n"
        "from service.backends import EmbeddedServer\n"
        "s = EmbeddedServer(Path(sys.argv[1]), alias='m', n_ctx=512, log_path=Path(sys.argv[2]),"
        " module='tests.fake_llama_server', start_timeout=30)\n"
        "t = threading.Thread(target=s.start); t.start(); t.join()\n"
        "print('ready', flush=True); time.sleep(60)\n"
    )
    parent = subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path / "m.gguf"), str(tmp_path / "log")],
        stdout=subprocess.PIPE, cwd=ROOT,
    )  # fmt: skip
    assert parent.stdout is not None
    with parent.stdout:
        assert parent.stdout.readline().strip() == b"ready"
    (pid,) = _servers(fake_dir)
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 5
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(pid)


def test_a_server_that_crashes_again_stops_the_run_and_keeps_what_was_answered(
    folder: Path, fake_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first server crashes on request 2 (article b's event question), the restarted
    # one on its first request (the same question, asked again).
    monkeypatch.setenv("FAKE_LLAMA_DIE_AFTER", "2,1")
    summary = summarise(folder, "participants", settings=_embedded(tmp_path))
    sources = {s.id: s for s in summary["participants"].sources}
    assert summary.exit_code == 1
    # Named as a crash, with the log's last lines and what to try, once for the run.
    report = str(summary.stopped)
    assert report.startswith(
        "the embedded server crashed (SIGSEGV) again after a restart while answering event for b"
    )
    assert "server.log" in report and "fake llama: evaluating request 1" in report
    assert "summarise --doctor" in report
    assert summary["participants"].run.stopped == (
        "the embedded server crashed (SIGSEGV) again after a restart"
    )
    # Article a keeps its answered event question; the rest was not asked.
    assert sources["a"].status == "partial"
    assert "a" in summary["participants"].per_source
    assert [(q.task, q.reason) for q in sources["a"].failed_questions] == [
        ("took_part", "not asked: the embedded server crashed (SIGSEGV) again after "
         "a restart"),
    ]  # fmt: skip
    assert sources["b"].status == sources["c"].status == "failed"
    # No third server and no request after the second crash.
    servers = _servers(fake_dir)
    assert len(servers) == 2 and not any(_alive(pid) for pid in servers)
    assert len(_requests(fake_dir)) == 3


def test_the_cli_prints_a_crash_once_and_exits_1(
    folder: Path, fake_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from service.cli import app

    monkeypatch.setenv("FAKE_LLAMA_DIE_AFTER", "1,1")
    monkeypatch.setenv("SUMMARISE_SERVER_MODULE", "tests.fake_llama_server")
    gguf = tmp_path / "model.gguf"
    gguf.write_bytes(b"GGUF")
    out = tmp_path / "out.json"
    result = CliRunner().invoke(
        app, [str(folder), "-s", "participants", "--gguf", str(gguf), "-o", str(out)]
    )
    assert result.exit_code == 1
    stderr = " ".join(result.stderr.split())  # as if the terminal did not wrap
    assert stderr.count("Last lines of") == 1
    # which question meets the second crash depends on when the first death is noticed
    # (a loaded CPU notices it later): the report names one, whichever it was
    assert re.search(
        r"crashed \(SIGSEGV\) again after a restart while answering \w+ for \w", stderr
    )
    assert json.loads(out.read_text())["run"]["stopped"].startswith("the embedded server crashed")


@pytest.fixture
def resetting_endpoint() -> Iterator[tuple[str, list[int]]]:
    """An endpoint that is down: it accepts connections and drops them unanswered."""
    listener = socket.create_server(("127.0.0.1", 0))
    connections: list[int] = []

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            connections.append(1)
            conn.close()

    threading.Thread(target=serve, daemon=True).start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/v1", connections
    listener.close()


def test_an_endpoint_down_at_start_is_tried_once_not_per_article(
    folder: Path, tmp_path: Path, resetting_endpoint: tuple[str, list[int]]
) -> None:
    url, connections = resetting_endpoint
    settings = Settings(base_url=url, model="m", cache_dir=tmp_path / "c", attempts=3)
    summary = summarise(folder, "participants", settings=settings)
    statuses = _statuses(summary)
    assert {s for s, _ in statuses.values()} == {"failed"}
    assert all("cannot reach" in str(reason) for _, reason in statuses.values())
    assert len(connections) == 3  # one request's attempts, then the other articles stop


def test_a_rejected_key_stops_the_run_and_is_never_repeated(folder: Path, tmp_path: Path) -> None:
    echo = Reply(401, {"error": {"message": f"invalid key {KEY}"}})
    with fake_endpoint(echo) as fake:
        settings = Settings(
            base_url=fake.base_url, model="m", api_key=KEY, cache_dir=tmp_path / "c"
        )
        summary = summarise(folder, "participants", settings=settings)
    assert len(fake.requests) == 1
    reasons = [r for _, r in _statuses(summary).values()]
    assert all("rejected the API key" in str(r) for r in reasons)
    assert KEY not in summary.to_json()


def test_a_slow_endpoint_times_out_after_every_attempt() -> None:
    with fake_endpoint(Reply(200, completion("{}"), delay=2.0)) as fake:
        client = ChatClient(
            base_url=fake.base_url, model="m", api_key="k", mode="json", grammar=False,
            reasks=0, attempts=2, timeout=0.3, temperature=0.0, seed=0,
        )  # fmt: skip
        started = time.monotonic()
        with pytest.raises(EndpointUnreachable, match=r"within 0.3 s"):
            client.extract([{"role": "user", "content": "x"}], ParticipantsDraft, 50)
        client.close()
    assert len(fake.requests) == 2
    assert time.monotonic() - started < 10


def test_an_endpoint_echoing_the_key_in_an_error_never_leaks_it() -> None:
    with fake_endpoint(Reply(500, {"error": {"message": f"boom for Bearer {KEY}"}})) as fake:
        client = ChatClient(
            base_url=fake.base_url, model="m", api_key=KEY, mode="json", grammar=False,
            reasks=0, attempts=1, timeout=5, temperature=0.0, seed=0,
        )  # fmt: skip
        with pytest.raises(Exception) as caught:
            client.extract([{"role": "user", "content": "x"}], ParticipantsDraft, 50)
        client.close()
    assert KEY not in str(caught.value) and "***" in str(caught.value)


def test_a_missing_model_is_rejected_for_the_whole_run(folder: Path, tmp_path: Path) -> None:
    with fake_endpoint(Reply(404, {"error": {"message": "model 'm' not found"}})) as fake:
        settings = Settings(base_url=fake.base_url, model="m", cache_dir=tmp_path / "c")
        summary = summarise(folder, "participants", settings=settings)
    assert len(fake.requests) == 1
    assert all("check --model" in str(r) for _, r in _statuses(summary).values())
    assert issubclass(EndpointRejected, Exception)


def test_ctrl_c_leaves_no_server_and_an_intact_cache(
    folder: Path, fake_dir: Path, tmp_path: Path
) -> None:
    gguf = tmp_path / "model.gguf"
    gguf.write_bytes(b"GGUF")
    cache = tmp_path / "cache"
    for n, city in enumerate(("Oslo", "Rome", "Lima", "Bern")):
        # more (and distinct) questions after the third, so that Ctrl-C comes mid-run
        text = ARTICLES["a"].replace("Paris", city)
        (folder / f"more{n}.txt").write_text(text, encoding="utf-8")
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "FAKE_LLAMA_DIR": str(fake_dir),
        "FAKE_LLAMA_DELAY": "0.5",
        "SUMMARISE_GGUF": str(gguf),
        "SUMMARISE_SERVER_MODULE": "tests.fake_llama_server",
        "SUMMARISE_CACHE_DIR": str(cache),
    }
    command = [sys.executable, "-m", "service", str(folder), "-s", "participants", "-q"]
    process = subprocess.Popen(
        command,
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # a terminal's Ctrl-C, even when the tests run as a background job (which starts
        # with SIGINT ignored, and Python then keeps it ignored)
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 60
    while len(_requests(fake_dir)) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)  # answers are being cached while we wait
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr
    servers = _servers(fake_dir)
    assert servers and not any(_alive(pid) for pid in servers)
    # The cache survived: SQLite says so, and what was stored can be read back.
    with sqlite3.connect(cache / "responses" / "cache.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        stored = db.execute("SELECT COUNT(*) FROM Cache").fetchone()[0]
    assert stored >= 1
    store = ResponseCache(cache / "responses")
    store.set("probe", {"ok": True})
    assert store.get("probe") == {"ok": True}
    store.close()
