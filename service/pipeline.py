"""The run: read articles, extract each article x schema (cached), ground, merge."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from pydantic import BaseModel, ValidationError

from schemas import json_schema

from .backends import Backend
from .cache import ResponseCache, cache_key
from .config import Settings, load_settings
from .documents import Document, SourceInfo, load_folder
from .errors import (
    BackendError,
    ConfigError,
    EndpointRejected,
    EndpointUnreachable,
    ExtractionError,
)
from .extract import SCHEMA_NAMES, SCHEMA_TASKS, TASK_FUNCTIONS, assemble
from .ground import Article
from .guard import guard
from .merge import merge
from .prompts import PromptTemplate, load_all_prompts
from .records import ground
from .result import PerSource, RunInfo, SchemaResult, Summary

if TYPE_CHECKING:
    from .backends import Completion

T = TypeVar("T", bound=BaseModel)


class _Nothing(BaseModel):
    """Stands in for the answer of a task that failed."""


_NOTHING = _Nothing()


class Reporter(Protocol):
    """Receives progress; the CLI draws it, the library default ignores it."""

    def begin(self, total: int) -> None:
        """``total`` article x schema steps are about to run."""

    def step(self, article: str, schema: str, outcome: str) -> None:
        """One step ended with ``outcome`` (ok or failed)."""

    def status(self, message: str) -> None:
        """A one-line status message."""

    def assemble(self, done: int, total: int) -> None:
        """Bytes of the bundled model assembled so far."""


class SilentReporter:
    """A :class:`Reporter` that reports nothing."""

    def begin(self, total: int) -> None:
        """Ignore."""

    def step(self, article: str, schema: str, outcome: str) -> None:
        """Ignore."""

    def status(self, message: str) -> None:
        """Ignore."""

    def assemble(self, done: int, total: int) -> None:
        """Ignore."""


def resolve_schemas(schema: str | Iterable[str]) -> tuple[str, ...]:
    """``"all"``, one name or several names -> a tuple of schema names (validated)."""
    names = (
        SCHEMA_NAMES
        if schema == "all"
        else ((schema,) if isinstance(schema, str) else tuple(schema))
    )
    unknown = [n for n in names if n not in SCHEMA_NAMES]
    if unknown or not names:
        raise ConfigError(
            f"unknown schema {unknown or names}; choose from {', '.join(SCHEMA_NAMES)} or all"
        )
    return names


class _Run:
    """State of one run: cache, backend, per-schema records and statistics."""

    def __init__(self, settings: Settings, reporter: Reporter, schemas: tuple[str, ...]) -> None:
        self.settings = settings
        self.reporter = reporter
        self.prompts: dict[str, PromptTemplate] = load_all_prompts()
        self.cache = ResponseCache(
            settings.responses_dir,
            enabled=settings.use_cache,
            on_warning=lambda message: reporter.status(f"warning: {message}"),
        )
        self.backend = Backend(settings, on_assemble=reporter.assemble, on_status=reporter.status)
        self.records: dict[str, dict[str, PerSource]] = {s: {} for s in schemas}
        self.sources: dict[str, list[SourceInfo]] = {s: [] for s in schemas}
        self.stats = {
            s: RunInfo(backend=self.backend.name, model=self.backend.model) for s in schemas
        }
        self._stats = self.stats[schemas[0]]
        self._backend_failure: BackendError | None = None
        self._answered = False  # whether the endpoint has answered once in this run
        self._lock = threading.Lock()  # statistics, when tasks run on several threads
        self._first_answer = threading.Lock()

    def _key(self, task: str, model: type[BaseModel], text: str, name: str) -> str:
        template = self.prompts[task]
        s = self.settings
        return cache_key(
            backend=self.backend.identity,
            prompt=template.version,
            prompt_hash=template.fingerprint,
            schema=json_schema(model),
            mode=s.effective_mode,
            grammar=s.effective_grammar,
            temperature=s.temperature,
            seed=s.seed,
            text=hashlib.sha256(text.encode()).hexdigest(),
            name=name,
        )

    def ask(self, task: str, model: type[T], text: str, name: str = "") -> T:
        """One validated answer: from the cache, or from the model (then cached)."""
        stats = self._stats
        key = self._key(task, model, text, name)
        cached = self.cache.get(key)
        if cached is not None:
            try:
                answer = model.model_validate(cached)
            except ValidationError:
                pass  # a stale entry: ask again and overwrite it
            else:
                with self._lock:
                    stats.cache_hits += 1
                return answer
        if self._backend_failure is not None:
            raise self._backend_failure  # the endpoint is gone for this run; do not retry
        completion = None
        if not self._answered:
            # Until the endpoint has answered once, one request at a time: if it is down or
            # refuses us, one question finds out, not one per thread. The threads that
            # waited here then go on together.
            with self._first_answer:
                if self._backend_failure is not None:
                    raise self._backend_failure
                if not self._answered:
                    completion = self._complete(task, model, text, name)
                    self._answered = True
        if completion is None:
            completion = self._complete(task, model, text, name)
        with self._lock:
            stats.calls += completion.requests
            stats.reasks += completion.requests - 1
            stats.prompt_tokens += completion.prompt_tokens
            stats.completion_tokens += completion.completion_tokens
        self.cache.set(key, completion.draft.model_dump(mode="json"))
        assert isinstance(completion.draft, model)
        return completion.draft

    def _complete(self, task: str, model: type[T], text: str, name: str) -> Completion:
        """Ask the model; restart a dead embedded server once; stop asking a lost endpoint."""
        template = self.prompts[task]
        messages = template.messages(text, name)
        try:
            client = self.backend.client()
        except BackendError as exc:
            self._backend_failure = exc
            raise
        try:
            return client.extract(messages, model, template.max_tokens)
        except EndpointRejected as exc:
            self._backend_failure = exc  # a key or model refused now is refused for all
            raise
        except EndpointUnreachable as exc:
            restarted = self.backend.restart()
            if restarted is None:
                self._give_up_if_lost(exc)
                raise
        try:
            # The embedded server died and was restarted: one more try for this article.
            return restarted.extract(messages, model, template.max_tokens)
        except EndpointUnreachable as exc:
            self._give_up_if_lost(exc)
            raise

    def _give_up_if_lost(self, exc: EndpointUnreachable) -> None:
        """Fail every later call at once when waiting for this endpoint cannot help."""
        if self.backend.crashed:  # died again after its restart
            self._backend_failure = self.backend.crash_error()
            raise self._backend_failure from None
        if not self._answered:
            # Down from the start: each article would wait through the same attempts.
            self._backend_failure = exc

    def _one(self, task: str, article: Article) -> tuple[str, BaseModel, str | None]:
        """Run one task on one article; a failure is returned, not raised."""
        try:
            return article.source, TASK_FUNCTIONS[task](article, self.ask), None
        except (ExtractionError, BackendError) as exc:
            return article.source, _NOTHING, str(exc)

    def _map(
        self, task: str, articles: list[Article]
    ) -> Iterator[tuple[str, BaseModel, str | None]]:
        """``task`` over ``articles``, in order or on ``concurrency`` threads.

        Threads serve endpoints that answer requests in parallel (remote APIs); results
        come as they finish.
        """
        workers = self.settings.effective_concurrency
        if workers == 1 or len(articles) < 2:
            yield from (self._one(task, a) for a in articles)
            return
        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="summarise")
        try:
            futures = [pool.submit(self._one, task, a) for a in articles]
            for future in as_completed(futures):
                yield future.result()
        finally:
            # On Ctrl-C, drop what has not started; requests in flight end with the client.
            pool.shutdown(wait=False, cancel_futures=True)

    def run_schema(
        self, schema: str, documents: list[Document], articles: dict[str, Article]
    ) -> None:
        """Every task of ``schema`` over every article, then grounding."""
        self._stats = self.stats[schema]
        started = time.perf_counter()
        results: dict[str, dict[str, BaseModel]] = {doc.id: {} for doc in documents}
        failures: dict[str, str] = {}
        for task in SCHEMA_TASKS[schema]:
            todo = [articles[doc.id] for doc in documents if doc.id not in failures]
            for article_id, answer, error in self._map(task, todo):
                if error is None:
                    results[article_id][task] = answer
                else:
                    failures[article_id] = error
                self.reporter.step(article_id, f"{schema}/{task}", "failed" if error else "ok")
        for doc in documents:
            info = doc.info()
            if doc.id in failures:
                info.status, info.reason = "failed", failures[doc.id]
            else:
                draft = assemble(schema, results[doc.id])
                self.records[schema][doc.id] = ground(schema, articles[doc.id], draft)  # type: ignore[assignment]
            self.sources[schema].append(info)
        self._stats.seconds += time.perf_counter() - started

    def result(self, schema: str, skipped: list[SourceInfo], texts: dict[str, str]) -> SchemaResult:
        """The :class:`SchemaResult` of ``schema`` once it has run."""
        sources = sorted([*self.sources[schema], *skipped], key=lambda s: s.path)
        stats = self.stats[schema]
        stats.seconds = round(stats.seconds, 3)
        return SchemaResult(
            schema_name=schema,
            merged=merge(self.records[schema], schema),  # type: ignore[arg-type]
            per_source=self.records[schema],
            sources=sources,
            run=stats,
            texts=texts,
        )


def summarise(
    folder: str | Path,
    schema: str | Iterable[str] = "all",
    *,
    settings: Settings | None = None,
    reporter: Reporter | None = None,
) -> Summary:
    """Extract, ground and merge every article of ``folder`` for ``schema``.

    ``schema`` is ``"proposal"``, ``"participants"``, ``"positions"``, ``"all"`` or a list
    of names. Articles that fail are reported in ``sources`` with a reason; the others are
    always returned. Settings default to :func:`load_settings` (environment, then defaults).
    """
    names = resolve_schemas(schema)
    settings = settings or load_settings()
    reporter = reporter or SilentReporter()
    documents, skipped = load_folder(Path(folder))
    run = _Run(settings, reporter, names)
    articles: dict[str, Article] = {}
    for i, doc in enumerate(documents):
        guarded = guard(doc.text)
        articles[doc.id] = Article(doc.id, guarded.text, guarded.masked)
        if guarded.note:
            documents[i] = replace(doc, note="; ".join(filter(None, [doc.note, guarded.note])))
    try:
        reporter.begin(len(documents) * sum(len(SCHEMA_TASKS[n]) for n in names))
        for name in names:
            run.run_schema(name, documents, articles)
    finally:
        run.backend.close()
        run.cache.close()
    texts = {doc.id: doc.text for doc in documents}
    return Summary(results={name: run.result(name, skipped, texts) for name in names})
