"""The run cache: a finished run's result, replayed when nothing that shapes it has changed.

A run whose every question was answered is stored whole (its SPEC JSON, as JSON text) under
a key over everything its records depend on:

- this package's code, prompts and schemas, and the versions of the data it reads
  (country names, fuzzy matching, validation): :func:`code_fingerprint`;
- what identifies the answers (the response cache's key parts that hold for every
  question: endpoint and model, instructor mode, grammar, temperature, seed);
- each schema's :attr:`~service.specs.SchemaSpec.fingerprint` (a user's model: its JSON
  schema and source file);
- every article (id, path, sha256 of its bytes) and every file skipped.

Running the same command again then costs reading the folder and one lookup, not the rules
over every cached answer. A run with a failed question, or stopped, is never stored: its
next run asks again. A spec without a fingerprint (one built by hand) is never replayed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .cache import ResponseCache, answer_parts, cache_key
from .config import Settings
from .documents import Document, SourceInfo
from .result import RunInfo, SchemaResult, Summary
from .specs import SchemaSpec

#: This project's packages: their files are the code a stored run was made by.
_PACKAGES = ("service", "schemas", "prompts")
#: Distributions whose data or behaviour shapes a record beside this project's code.
_DATA = ("pycountry", "countryinfo", "rapidfuzz", "pydantic")
#: File kinds of the packages that take part in a run (code, prompts, report templates).
_SUFFIXES = frozenset({".py", ".toml", ".j2", ".css", ".js", ".json"})


@cache
def code_fingerprint() -> str:
    """A hash of this project's installed code and the versions of the data it reads."""
    roots = [(package, Path(str(resources.files(package)))) for package in _PACKAGES]
    return tree_digest(roots, [f"{name}=={metadata.version(name)}" for name in _DATA])


def tree_digest(roots: Sequence[tuple[str, Path]], extra: Sequence[str] = ()) -> str:
    """A hash of every code, prompt and template file under ``roots`` (named), and ``extra``."""
    digest = hashlib.sha256()
    for name, root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix in _SUFFIXES and "__pycache__" not in path.parts:
                digest.update(f"{name}/{path.relative_to(root).as_posix()}\0".encode())
                digest.update(path.read_bytes())
    for item in extra:
        digest.update(f"{item}\0".encode())
    return digest.hexdigest()


def run_key(
    settings: Settings,
    backend: str,
    specs: Sequence[SchemaSpec],
    documents: Sequence[Document],
    skipped: Sequence[SourceInfo],
) -> str | None:
    """The run cache's key of this run, or None when it cannot be replayed.

    ``backend`` is the backend's identity (as in the response cache's keys).
    """
    if not settings.use_cache:
        return None
    if any(s.fingerprint is None or s.record_type is None or s.merged_type is None for s in specs):
        return None
    return cache_key(
        **answer_parts(settings, backend),
        code=code_fingerprint(),
        specs=[s.fingerprint for s in specs],
        documents=[(d.id, d.path, d.sha256, d.note) for d in documents],
        skipped=[s.model_dump(mode="json") for s in skipped],
    )


class RunCache:
    """Stored runs, by :func:`run_key`, in a diskcache store beside the response cache."""

    def __init__(self, settings: Settings, on_warning: Callable[[str], None] | None = None) -> None:
        # A damaged store is set aside with a warning, as the response cache's is.
        self.store = ResponseCache(
            settings.runs_dir, enabled=settings.use_cache, on_warning=on_warning
        )

    def replay(
        self,
        key: str,
        specs: Sequence[SchemaSpec],
        texts: dict[str, str],
        seconds: float,
    ) -> Summary | None:
        """The stored run of ``key`` rebuilt as a :class:`Summary`, or None.

        Its ``run`` figures say what this run cost: no call, every question from a cache.
        """
        stored = self.store.get(key)
        if stored is None:
            return None
        try:
            results = {spec.name: _result(spec, stored[spec.name], texts) for spec in specs}
        except (KeyError, TypeError, ValidationError):
            return None  # a stale or damaged entry: run, and overwrite it
        for result in results.values():
            result.run.seconds = round(seconds, 3)
        return Summary(results=results)

    def store_run(self, key: str, summary: Summary) -> None:
        """Store ``summary`` if every question of every article was answered."""
        if summary.stopped is None and summary.exit_code == 0:
            self.store.set(key, {n: r.to_dict() for n, r in summary.results.items()})

    def close(self) -> None:
        """Close the underlying store."""
        self.store.close()


def _result(spec: SchemaSpec, stored: dict[str, Any], texts: dict[str, str]) -> SchemaResult:
    """One schema's stored result, with its own record types, as this run's."""
    assert spec.record_type is not None and spec.merged_type is not None
    ran = RunInfo.model_validate(stored["run"])
    answered = ran.calls - ran.reasks + ran.cache_hits
    result = SchemaResult(
        schema_name=spec.name,
        merged=spec.merged_type.model_validate(stored["merged"]),
        per_source={
            source: spec.record_type.model_validate(record)
            for source, record in stored["per_source"].items()
        },
        sources=[SourceInfo.model_validate(s) for s in stored["sources"]],
        run=RunInfo(backend=ran.backend, model=ran.model, cache_hits=answered),
        texts=texts,
    )
    result.spec = spec
    return result
