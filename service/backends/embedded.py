"""Lifecycle of the embedded llama.cpp server (llama-cpp-python's OpenAI-compatible server).

The server is a real subprocess on 127.0.0.1 and a free port, started once per run, awaited
until it answers ``/v1/models``, and always stopped: on normal exit, on errors and on
Ctrl-C (the context manager), and if this process dies (Linux parent-death signal).
"""

from __future__ import annotations

import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import TracebackType

from ..config import DEFAULT_SERVER_MODULE
from ..errors import ServerStartError

_PR_SET_PDEATHSIG = 1
#: The thread every server is started from (see EmbeddedServer.start).
_SPAWNER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="summarise-spawner")


def describe_exit(code: int) -> str:
    """``"crashed (SIGSEGV)"`` for a death by signal, ``"exited with code 1"`` otherwise."""
    if code < 0:
        try:
            return f"crashed ({signal.Signals(-code).name})"
        except ValueError:
            return f"crashed (signal {-code})"
    return f"exited with code {code}"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _die_with_parent() -> None:  # pragma: no cover - runs in the child
    # Runs in the child before exec: if summarise is killed, the server goes too, at once:
    # after SIGTERM it would finish the requests in flight first, minutes with several
    # sequences, for no one.
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except OSError:
        pass


class EmbeddedServer:
    """``with EmbeddedServer(model, alias=...) as server: server.base_url``."""

    def __init__(
        self,
        model_path: Path,
        *,
        alias: str,
        n_ctx: int,
        log_path: Path,
        start_timeout: float = 180.0,
        module: str = DEFAULT_SERVER_MODULE,
        prefix_cache: Path | None = None,
        parallel: int = 1,
        repack: bool = False,
    ) -> None:
        self.model_path = model_path
        self.alias = alias
        self.n_ctx = n_ctx
        self.log_path = log_path
        self.start_timeout = start_timeout
        self.module = module
        self.prefix_cache = prefix_cache
        self.parallel = parallel
        self.repack = repack
        self.port = 0
        self._process: subprocess.Popen[bytes] | None = None
        self._log_start = 0  # where this server's lines begin in the (appended) log

    @property
    def base_url(self) -> str:
        """The OpenAI-compatible base URL of the running server."""
        return f"http://127.0.0.1:{self.port}/v1"

    def command(self) -> list[str]:
        """The server's command line."""
        threads = str(max(1, os.cpu_count() or 1))
        # This project's flags, given only when used (the tests' stand-in servers and the
        # stock llama_cpp.server know none).
        extra = [] if self.prefix_cache is None else ["--prefix_cache", str(self.prefix_cache)]
        if self.parallel > 1:
            extra += ["--parallel", str(self.parallel)]
        if self.repack:
            extra.append("--repack")
        return [
            sys.executable, "-m", self.module,
            "--model", str(self.model_path),
            "--model_alias", self.alias,
            "--host", "127.0.0.1",
            "--port", str(self.port),
            "--n_ctx", str(self.n_ctx),
            "--n_threads", threads,
            "--n_threads_batch", threads,
            *extra,
        ]  # fmt: skip

    def start(self) -> None:
        """Start the server and wait until it answers; raise ServerStartError otherwise."""
        self.port = free_port()
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("ab")
        self._log_start = log.tell()

        def spawn() -> subprocess.Popen[bytes]:
            return subprocess.Popen(
                self.command(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C reaches us; we stop the server ourselves
                preexec_fn=_die_with_parent if sys.platform == "linux" else None,
            )

        try:
            # The parent-death signal fires when the *thread* that started the child ends,
            # and the first question that needs the server may come from a worker thread
            # that ends with its task: the child is always started from one thread that
            # lives as long as this process.
            self._process = _SPAWNER.submit(spawn).result()
        except OSError as exc:
            raise ServerStartError(f"could not start the embedded server: {exc}") from None
        finally:
            log.close()
        self._wait_ready()

    def _wait_ready(self) -> None:
        import httpx2  # loads with the first server start: a cached run never needs it

        deadline = time.monotonic() + self.start_timeout
        url = f"{self.base_url}/models"
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                raise ServerStartError(
                    f"the embedded server exited with code {self._process.returncode} while "
                    f"starting; see {self.log_path}. Is llama-cpp-python[server] installed? "
                    "pip install 'summarise[embedded]'"
                )
            try:
                if httpx2.get(url, timeout=2.0).status_code == 200:
                    return
            except httpx2.HTTPError:
                pass
            time.sleep(0.25)
        self.stop()
        raise ServerStartError(
            f"the embedded server did not answer within {self.start_timeout:.0f} s; "
            f"see {self.log_path}"
        )

    @property
    def running(self) -> bool:
        """Whether the server process is alive."""
        return self._process is not None and self._process.poll() is None

    @property
    def exit_code(self) -> int | None:
        """The exit code once the server process has ended by itself, else None."""
        return None if self._process is None else self._process.poll()

    def wait_exit(self, timeout: float) -> int | None:
        """The exit code once the process has ended, waiting up to ``timeout`` seconds.

        A server that crashes closes its connections a moment before the kernel reports
        it dead: a failed request waits here before judging whether it crashed.
        """
        if self._process is None:
            return None
        try:
            return self._process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None

    def log_tail(self, lines: int = 8) -> list[str]:
        """The last ``lines`` lines this server wrote to its log (not earlier runs')."""
        try:
            with self.log_path.open("rb") as log:
                log.seek(self._log_start)
                text = log.read().decode("utf-8", "replace")
        except OSError:
            return []
        return [line.rstrip() for line in text.splitlines() if line.strip()][-lines:]

    def stop(self) -> None:
        """Stop the server: SIGTERM, then SIGKILL after 10 s. Safe to call twice."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def __enter__(self) -> EmbeddedServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
