"""The one place that reads configuration: flags > environment > defaults.

Nothing else in the package looks at ``os.environ``; every component receives a
:class:`Settings`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from .errors import ConfigError

Mode = Literal["auto", "json", "tools", "json_schema"]

#: Environment variable for each setting that may come from the environment.
ENV_VARS: dict[str, str] = {
    "base_url": "OPENAI_BASE_URL",
    "api_key": "OPENAI_API_KEY",
    "model": "SUMMARISE_MODEL",
    "gguf": "SUMMARISE_GGUF",
    "cache_dir": "SUMMARISE_CACHE_DIR",
    "mode": "SUMMARISE_MODE",
    "server_module": "SUMMARISE_SERVER_MODULE",
    "concurrency": "SUMMARISE_CONCURRENCY",
    "parallel": "SUMMARISE_PARALLEL",
    "repack": "SUMMARISE_REPACK",
}

#: The embedded server: llama_cpp.server with this project's sampler and prefix cache.
DEFAULT_SERVER_MODULE = "service.backends.llama_server"
#: Name under which the embedded server serves the bundled model.
EMBEDDED_MODEL_ALIAS = "qwen2.5-coder-1.5b-instruct-q4_k_m"


def default_cache_dir() -> Path:
    """The per-user cache directory (platformdirs) used when nothing else is set."""
    return Path(platformdirs.user_cache_dir("summarise"))


class Settings(BaseModel):
    """Resolved configuration of one run. Build it with :func:`load_settings`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    base_url: str | None = Field(
        default=None, description="OpenAI-compatible endpoint; unset means the embedded model."
    )
    api_key: SecretStr | None = Field(default=None, description="API key for base_url.")
    model: str | None = Field(default=None, description="Model name sent to the endpoint.")
    gguf: Path | None = Field(
        default=None, description="GGUF file for the embedded server instead of the bundled one."
    )
    cache_dir: Path = Field(
        default_factory=default_cache_dir, description="Response cache and server log."
    )
    models_dir: Path = Field(
        default_factory=lambda: default_cache_dir() / "models",
        description="Where the bundled model is assembled (not moved by cache_dir).",
    )
    use_cache: bool = True
    mode: Mode = Field(
        default="auto",
        description="instructor mode; auto = json (grammar) for embedded, tools otherwise.",
    )
    grammar: bool | None = Field(
        default=None,
        description="Send the schema as a llama.cpp grammar; default on for the embedded server.",
    )
    temperature: float = Field(default=0.0, ge=0.0, le=2.0)
    seed: int = 0
    reasks: int = Field(default=1, ge=0, le=5, description="Validation re-asks per call.")
    attempts: int = Field(default=3, ge=1, le=10, description="HTTP attempts per request.")
    timeout: float = Field(default=600.0, gt=0, description="Seconds for one HTTP request.")
    concurrency: int | None = Field(
        default=None,
        ge=1,
        le=64,
        description=(
            "Questions (one task on one article) in flight at once; default `parallel` for "
            "the embedded server (one per KV sequence) and 8 for a remote endpoint."
        ),
    )
    parallel: int = Field(
        default=4,
        ge=1,
        le=16,
        description=(
            "KV sequences of the embedded server: requests decoded together in one forward "
            "pass (each sequence holds n_ctx tokens, ~28 KB each for the bundled model)."
        ),
    )
    repack: bool = Field(
        default=False,
        description=(
            "Load the embedded model with ggml's repacked weights (never where AMX could "
            "take them): faster writing, slower reading."
        ),
    )
    n_ctx: int = Field(default=4096, ge=512)
    server_start_timeout: float = Field(default=180.0, gt=0)
    server_module: str = Field(
        default=DEFAULT_SERVER_MODULE,
        pattern=r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$",
        description=(
            "Python module run (python -m) as the embedded server; it takes llama-cpp-python "
            "server flags. The tests run a scripted stand-in to make it crash."
        ),
    )

    @property
    def embedded(self) -> bool:
        """True when the run uses the bundled llama.cpp server."""
        return self.base_url is None

    @property
    def effective_mode(self) -> Literal["json", "tools", "json_schema"]:
        """The instructor mode actually used for this endpoint."""
        if self.mode != "auto":
            return self.mode
        return "json" if self.embedded else "tools"

    @property
    def effective_grammar(self) -> bool:
        """Whether the draft's JSON schema is sent as a decoding grammar (json mode only)."""
        wanted = self.embedded if self.grammar is None else self.grammar
        return wanted and self.effective_mode == "json"

    @property
    def effective_concurrency(self) -> int:
        """How many questions (one task on one article each) are in flight at once."""
        if self.concurrency is not None:
            return self.concurrency
        return self.server_parallel if self.embedded else 8

    @property
    def own_server(self) -> bool:
        """Whether the embedded server is this project's module, which knows our flags.

        ``--parallel``, ``--repack`` and ``--prefix_cache`` are its own, not
        llama_cpp.server's (nor the tests' stand-ins').
        """
        return self.server_module == DEFAULT_SERVER_MODULE

    @property
    def server_parallel(self) -> int:
        """KV sequences the embedded server is started with.

        1 for another server module: ``--parallel`` is this project's flag, not
        llama_cpp.server's (which answers one request at a time).
        """
        return self.parallel if self.own_server else 1

    @property
    def server_repack(self) -> bool:
        """Whether the embedded server is asked for repacked weights (this project's flag)."""
        return self.repack and self.own_server

    @property
    def responses_dir(self) -> Path:
        """Where the diskcache response store lives."""
        return self.cache_dir / "responses"

    @property
    def runs_dir(self) -> Path:
        """Where the run cache (finished runs' results) lives."""
        return self.cache_dir / "runs"

    @property
    def prefix_cache_dir(self) -> Path | None:
        """Where the embedded server keeps instruction prefixes between runs.

        None with the cache off (nothing is reused or written), and for another server
        module: ``--prefix_cache`` is this project's flag, not llama_cpp.server's.
        """
        if not self.use_cache or not self.own_server:
            return None
        return self.cache_dir / "prefixes"


def load_settings(
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Resolve settings: explicit ``overrides`` (flags) beat ``environ`` beat defaults.

    ``None`` values in ``overrides`` mean "not given" so that a CLI can pass every flag.
    """
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for field, var in ENV_VARS.items():
        if env.get(var):
            values[field] = env[var]
    for key, value in (overrides or {}).items():
        if value is not None:
            values[key] = value
    try:
        settings = Settings(**values)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise ConfigError(f"invalid configuration: {problems}") from None
    if settings.gguf is not None and settings.base_url is not None:
        raise ConfigError(
            "--gguf selects the embedded server; it cannot be combined with --base-url"
        )
    if settings.gguf is not None and not settings.gguf.is_file():
        raise ConfigError(f"GGUF file not found: {settings.gguf} (from --gguf or SUMMARISE_GGUF)")
    return settings
