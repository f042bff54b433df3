"""The response cache: a diskcache store of validated model drafts.

Values are JSON text (never pickle). Keys hash everything that can change an answer:
endpoint, model, prompt fingerprint, output schema, generation parameters and the article.
Only drafts that passed validation are stored. A damaged store never stops a run: it is
moved aside with a warning and the run goes on as if every entry were missing.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import diskcache

from .errors import ConfigError

if TYPE_CHECKING:
    from .config import Settings


def cache_key(**parts: Any) -> str:
    """A stable hex key over keyword ``parts`` (JSON-serialisable)."""
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def answer_parts(settings: Settings, backend: str) -> dict[str, Any]:
    """The key parts every answer of a run shares: who answers, and how.

    ``backend`` is the backend's identity; then instructor mode, grammar, temperature and
    seed. The response cache's keys and the run cache's both hold them, so the two never
    disagree on what makes an answer differ.
    """
    return {
        "backend": backend,
        "mode": settings.effective_mode,
        "grammar": settings.effective_grammar,
        "temperature": settings.temperature,
        "seed": settings.seed,
    }


class CacheWarning(UserWarning):
    """The response cache was damaged and has been set aside."""


def _warn(message: str) -> None:
    warnings.warn(message, CacheWarning, stacklevel=3)


class ResponseCache:
    """Get and set validated drafts as JSON; a disabled cache misses and stores nothing."""

    def __init__(
        self,
        directory: Path,
        *,
        enabled: bool = True,
        on_warning: Callable[[str], None] | None = None,
    ) -> None:
        self.directory = directory
        self.enabled = enabled
        self._warn = on_warning or _warn
        self._store: diskcache.Cache | None = None
        self._lock = threading.Lock()

    def _open(self) -> diskcache.Cache | None:
        with self._lock:  # threads share one store, opened once
            if self._store is None and self.enabled:
                try:
                    self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
                    os.chmod(self.directory, 0o700)  # mkdir's mode is masked by the umask
                    self._store = self._connect()
                except OSError as exc:
                    raise ConfigError(
                        f"cache directory {self.directory} is not usable: {exc}"
                    ) from None
            return self._store

    def _connect(self) -> diskcache.Cache | None:
        try:
            return diskcache.Cache(str(self.directory))
        except sqlite3.DatabaseError as exc:
            aside = self.directory.with_name(f"{self.directory.name}.damaged-{time.time_ns()}")
            self.directory.rename(aside)
            self.directory.mkdir(mode=0o700)
            self._warn(
                f"the response cache {self.directory} was damaged ({exc}); moved it to "
                f"{aside} and started an empty one: every answer is a miss"
            )
        try:
            return diskcache.Cache(str(self.directory))
        except sqlite3.DatabaseError as exc:  # pragma: no cover - a disk that breaks anew
            self._damaged(exc)
            return None

    def _damaged(self, exc: Exception) -> None:
        self._warn(f"the response cache {self.directory} failed ({exc}); not using it this run")
        self.enabled = False
        self._store = None

    def get(self, key: str) -> dict[str, Any] | None:
        """The stored draft for ``key``, or None."""
        store = self._open()
        if store is None:
            return None
        try:
            raw = store.get(key)
        except sqlite3.DatabaseError as exc:
            self._damaged(exc)
            return None
        if not isinstance(raw, str):
            return None
        try:
            value = json.loads(raw)
        except json.JSONDecodeError:
            return None
        return value if isinstance(value, dict) else None

    def set(self, key: str, value: dict[str, Any]) -> None:
        """Store a validated draft."""
        store = self._open()
        if store is None:
            return
        try:
            store.set(key, json.dumps(value, ensure_ascii=False))
        except sqlite3.DatabaseError as exc:
            self._damaged(exc)

    def close(self) -> None:
        """Close the underlying store."""
        if self._store is not None:
            self._store.close()
            self._store = None
