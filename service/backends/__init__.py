"""Backends: where the model runs.

One code path (:class:`ChatClient`), two ways to get an endpoint: the embedded llama.cpp
server, started lazily, or a configured URL.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import EMBEDDED_MODEL_ALIAS, Settings
from ..errors import ConfigError, ServerCrashed
from .embedded import EmbeddedServer, describe_exit
from .model_file import MODEL_SHA256, Progress, bundled_model, is_assembled

if TYPE_CHECKING:
    from .openai_compat import ChatClient, Completion

__all__ = ["Backend", "ChatClient", "Completion", "EmbeddedServer"]


def __getattr__(name: str) -> Any:
    # openai and instructor take over a second to import; a run served from the cache
    # never needs them, so they load on first use.
    if name in {"ChatClient", "Completion"}:
        from . import openai_compat

        return getattr(openai_compat, name)
    raise AttributeError(name)


#: How often one run restarts an embedded server that died.
MAX_RESTARTS = 1
#: Seconds a server that dropped a connection gets to be reported dead.
_EXIT_GRACE = 3.0
_REPORT = (
    "run `summarise --doctor` and attach its output to a bug report; meanwhile another "
    "model file (--gguf) or any OpenAI-compatible server (--base-url) avoids this one"
)


def _hint(code: int | None) -> str:
    """What to try after the embedded server ended with ``code``."""
    if code == -9:
        return (
            "the process was killed (SIGKILL), most often by the kernel when memory runs out: "
            "the model needs about 2 GiB free; close other programs, or " + _REPORT
        )
    if code == -4:
        return (
            "the llama.cpp build uses instructions this CPU lacks (SIGILL): it was built on "
            "another machine; rebuild it here with pip install --force-reinstall "
            "--no-cache-dir 'llama-cpp-python[server]', or " + _REPORT
        )
    return _REPORT


class Backend:
    """The model endpoint of one run; nothing is started until the first cache miss."""

    def __init__(
        self,
        settings: Settings,
        on_assemble: Progress | None = None,
        on_status: Callable[[str], None] | None = None,
    ) -> None:
        self.settings = settings
        self._on_assemble = on_assemble
        self._on_status = on_status or (lambda _msg: None)
        self._server: EmbeddedServer | None = None
        self._client: ChatClient | None = None
        self.restarts = 0
        # One server start or restart, however many threads ask (re-entrant: restart()
        # starts the new server through client()).
        self._lock = threading.RLock()
        if settings.embedded:
            self.name = "embedded"
            self.model = settings.model or (
                settings.gguf.stem if settings.gguf else EMBEDDED_MODEL_ALIAS
            )
        else:
            if not settings.model:
                raise ConfigError(
                    "a model name is required with --base-url: pass --model or set SUMMARISE_MODEL"
                )
            self.name = "openai-compatible"
            self.model = settings.model

    @property
    def identity(self) -> str:
        """What identifies the answers of this backend in cache keys (never a port or key)."""
        return self.identity_of(self.settings)

    @staticmethod
    def identity_of(settings: Settings) -> str:
        """:attr:`identity` of the backend ``settings`` configure, without making one."""
        if not settings.embedded:
            return f"{settings.base_url}|{settings.model}"
        if settings.gguf is None:
            return f"embedded|sha256:{MODEL_SHA256}"
        stat = settings.gguf.stat()
        return f"embedded|{settings.gguf.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"

    def client(self) -> ChatClient:
        """The chat client, starting the embedded server on first use."""
        with self._lock:
            if self._client is None:
                self._client = self._connect()
            return self._client

    def _connect(self) -> ChatClient:
        from .openai_compat import ChatClient

        s = self.settings
        if s.embedded:
            model_path = s.gguf or self._assemble()
            self._on_status(f"starting the embedded llama.cpp server ({model_path.name})")
            self._server = EmbeddedServer(
                model_path,
                alias=self.model,
                n_ctx=s.n_ctx,
                log_path=s.cache_dir / "server.log",
                start_timeout=s.server_start_timeout,
                module=s.server_module,
                prefix_cache=s.prefix_cache_dir,
                parallel=s.server_parallel,
                repack=s.server_repack,
            )
            self._server.start()
            base_url, api_key = self._server.base_url, "embedded"
        else:
            assert s.base_url is not None
            base_url = s.base_url
            api_key = s.api_key.get_secret_value() if s.api_key else "unused"
        return ChatClient(
            base_url=base_url,
            model=self.model,
            api_key=api_key,
            mode=s.effective_mode,
            grammar=s.effective_grammar,
            reasks=s.reasks,
            attempts=s.attempts,
            timeout=s.timeout,
            temperature=s.temperature,
            seed=s.seed,
        )

    @property
    def crashed(self) -> bool:
        """Whether the embedded server was started and has since died.

        Waits a moment for a server that just dropped a connection to be reported dead.
        """
        return self._server is not None and self._server.wait_exit(_EXIT_GRACE) is not None

    def crash_error(self, question: str) -> ServerCrashed:
        """The report of the dead embedded server: how it died, its log's end, what to try."""
        assert self._server is not None
        code = self._server.exit_code
        died = describe_exit(code if code is not None else 0)
        again = " again after a restart" if self.restarts else ""
        short = f"the embedded server {died}{again}"
        tail = self._server.log_tail()
        shown = "".join(f"\n    {line}" for line in tail) or " (empty)"
        return ServerCrashed(
            f"{short} while answering {question}.\n"
            f"Last lines of {self._server.log_path}:{shown}\n"
            f"What to try: {_hint(code)}",
            short=short,
        )

    def restart(self, question: str) -> ChatClient | None:
        """A client on a new embedded server if the old one died and restarts are left."""
        with self._lock:
            if not self.crashed or self.restarts >= MAX_RESTARTS:
                return None
            crash = self.crash_error(question)
            self.restarts += 1
            self._on_status(f"{crash.short} while answering {question}; restarting it")
            self.close()
            return self.client()

    def _assemble(self) -> Path:
        if not is_assembled(self.settings.models_dir):
            self._on_status(f"assembling the bundled model into {self.settings.models_dir} (once)")
        return bundled_model(self.settings.models_dir, self._on_assemble)

    def close(self) -> None:
        """Close connections and stop the embedded server, if any."""
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._server is not None:
            self._server.stop()
            self._server = None
