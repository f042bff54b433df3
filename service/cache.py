"""The response cache: a diskcache store of validated model drafts.

Values are JSON text (never pickle). Keys hash everything that can change an answer:
endpoint, model, prompt fingerprint, output schema, generation parameters and the article.
Only drafts that passed validation are stored.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import diskcache

from .errors import ConfigError


def cache_key(**parts: Any) -> str:
    """A stable hex key over keyword ``parts`` (JSON-serialisable)."""
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class ResponseCache:
    """Get and set validated drafts as JSON; a disabled cache misses and stores nothing."""

    def __init__(self, directory: Path, *, enabled: bool = True) -> None:
        self.directory = directory
        self.enabled = enabled
        self._store: diskcache.Cache | None = None

    def _open(self) -> diskcache.Cache:
        if self._store is None:
            try:
                self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
                os.chmod(self.directory, 0o700)  # mkdir's mode is masked by the umask
                self._store = diskcache.Cache(str(self.directory))
            except OSError as exc:
                raise ConfigError(
                    f"cache directory {self.directory} is not usable: {exc}"
                ) from None
        return self._store

    def get(self, key: str) -> dict[str, Any] | None:
        """The stored draft for ``key``, or None."""
        if not self.enabled:
            return None
        raw = self._open().get(key)
        if not isinstance(raw, str):
            return None
        try:
            value = json.loads(raw)
        except json.JSONDecodeError:
            return None
        return value if isinstance(value, dict) else None

    def set(self, key: str, value: dict[str, Any]) -> None:
        """Store a validated draft."""
        if self.enabled:
            self._open().set(key, json.dumps(value, ensure_ascii=False))

    def close(self) -> None:
        """Close the underlying store."""
        if self._store is not None:
            self._store.close()
            self._store = None
