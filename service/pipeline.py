"""The run: read articles, extract each article x schema (cached), ground, merge."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from pydantic import BaseModel, ValidationError

from schemas import json_schema

from .backends import Backend
from .cache import ResponseCache, cache_key
from .config import Settings, load_settings
from .documents import Document, FailedQuestion, SourceInfo, load_folder
from .errors import (
    BackendError,
    EndpointRejected,
    EndpointUnreachable,
    ExtractionError,
    ServerCrashed,
)
from .ground import Article
from .guard import guard
from .prompts import PromptTemplate
from .result import RunInfo, SchemaResult, Summary
from .specs import SchemaArg, SchemaSpec, Task, resolve

if TYPE_CHECKING:
    from .backends import Completion

T = TypeVar("T", bound=BaseModel)


@dataclass
class _Questions:
    """What became of the questions one task asked about one article."""

    answered: int = 0
    failed: list[FailedQuestion] = field(default_factory=list)


def _item(article: Article, text: str, name: str) -> str:
    """Which question this was, for the report: the candidate, or where the passage is."""
    if name:
        return name
    start = article.text.find(text)
    if start >= 0:
        return f"characters {start}-{start + len(text)}"
    return text[:60] + ("…" if len(text) > 60 else "")


def _short(exc: Exception) -> str:
    """One line for a per-article reason (a crash report's full text is shown once)."""
    return exc.short if isinstance(exc, ServerCrashed) else str(exc)


def _source_status(info: SourceInfo, questions: list[_Questions]) -> SourceInfo:
    """``info`` with the status its questions earned: ok, partial or failed."""
    failed = [f for q in questions for f in q.failed]
    if not failed:
        return info
    answered = sum(q.answered for q in questions)
    reasons = list(dict.fromkeys(f.reason for f in failed))
    others = len(reasons) - 1
    summary = (
        f"{len(failed)} question{'s' if len(failed) > 1 else ''} failed, "
        f"{answered} answered: {reasons[0]}"
        + (f" (and {others} other reason{'s' if others > 1 else ''})" if others else "")
    )
    return info.model_copy(
        update={
            "status": "partial" if answered else "failed",
            "reason": "; ".join(filter(None, [info.reason, summary])),
            "failed_questions": failed,
        }
    )


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


class _Run:
    """State of one run: cache, backend, per-schema records and statistics."""

    def __init__(
        self, settings: Settings, reporter: Reporter, specs: tuple[SchemaSpec, ...]
    ) -> None:
        self.settings = settings
        self.reporter = reporter
        # Every template is loaded and validated before the first model call.
        self.prompts: dict[str, PromptTemplate] = {
            task.name: task.template() for spec in specs for task in spec.tasks
        }
        schemas = tuple(spec.name for spec in specs)
        self.cache = ResponseCache(
            settings.responses_dir,
            enabled=settings.use_cache,
            on_warning=lambda message: reporter.status(f"warning: {message}"),
        )
        self.backend = Backend(settings, on_assemble=reporter.assemble, on_status=reporter.status)
        self.records: dict[str, dict[str, BaseModel]] = {s: {} for s in schemas}
        self.sources: dict[str, list[SourceInfo]] = {s: [] for s in schemas}
        self.stats = {
            s: RunInfo(backend=self.backend.name, model=self.backend.model) for s in schemas
        }
        self._stats = self.stats[schemas[0]]
        # Set once the endpoint is gone for this run (refused us, down from the start, or
        # the embedded server crashed again after its restart): nothing more is asked.
        self.stopped: BackendError | None = None
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

    def ask(self, task: str, model: type[T], text: str, name: str, question: str) -> T:
        """One validated answer: from the cache, or from the model (then cached).

        ``question`` names it in reports ("took_part for 003_x").
        """
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
        if self.stopped is not None:
            raise self.stopped  # the endpoint is gone for this run; do not retry
        completion = None
        if not self._answered:
            # Until the endpoint has answered once, one request at a time: if it is down or
            # refuses us, one question finds out, not one per thread. The threads that
            # waited here then go on together.
            with self._first_answer:
                if self.stopped is not None:
                    raise self.stopped
                if not self._answered:
                    completion = self._complete(task, model, text, name, question)
                    self._answered = True
        if completion is None:
            completion = self._complete(task, model, text, name, question)
        with self._lock:
            stats.calls += completion.requests
            stats.reasks += completion.requests - 1
            stats.prompt_tokens += completion.prompt_tokens
            stats.completion_tokens += completion.completion_tokens
        self.cache.set(key, completion.draft.model_dump(mode="json"))
        assert isinstance(completion.draft, model)
        return completion.draft

    def _complete(
        self, task: str, model: type[T], text: str, name: str, question: str
    ) -> Completion:
        """Ask the model; restart a dead embedded server once; stop asking a lost endpoint."""
        template = self.prompts[task]
        messages = template.messages(text, name)
        budget = template.budget(text)
        try:
            client = self.backend.client()
        except BackendError as exc:
            self.stopped = exc
            raise
        try:
            return client.extract(messages, model, budget)
        except EndpointRejected as exc:
            self.stopped = exc  # a key or model refused now is refused for all
            raise
        except EndpointUnreachable as exc:
            restarted = self.backend.restart(question)
            if restarted is None:
                self._give_up_if_lost(exc, question)
                raise
        try:
            # The embedded server died and was restarted: this question is asked again.
            return restarted.extract(messages, model, budget)
        except EndpointUnreachable as exc:
            self._give_up_if_lost(exc, question)
            raise

    def _give_up_if_lost(self, exc: EndpointUnreachable, question: str) -> None:
        """Stop the run when waiting for this endpoint cannot help."""
        if self.backend.crashed:  # died again after its restart
            self.stopped = self.backend.crash_error(question)
            raise self.stopped from None
        if not self._answered:
            # Down from the start: each article would wait through the same attempts.
            self.stopped = exc

    def _one(self, task: Task, article: Article) -> tuple[str, BaseModel, _Questions]:
        """Run one task on one article; each failed question is recorded, not raised."""
        outcome = _Questions()

        def ask(task: str, model: type[T], text: str, name: str = "") -> T | None:
            question = f"{task} for {article.source}" + (f" ({name})" if name else "")
            stopped = self.stopped  # after a stop, only the cache answers
            try:
                answer = self.ask(task, model, text, name, question)
            except (ExtractionError, BackendError) as exc:
                reason = _short(exc) if stopped is None else f"not asked: {_short(stopped)}"
                item = _item(article, text, name)
                outcome.failed.append(FailedQuestion(task=task, item=item, reason=reason))
                return None
            outcome.answered += 1
            return answer

        return article.source, task.run(article, ask), outcome

    def _map(
        self, task: Task, articles: list[Article]
    ) -> Iterator[tuple[str, BaseModel, _Questions]]:
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
        self, spec: SchemaSpec, documents: list[Document], articles: dict[str, Article]
    ) -> None:
        """Every task of ``schema`` over every article, then grounding.

        A failed question costs only its own facts; once the run has stopped, the questions
        left are recorded as not asked, without a request.
        """
        schema = spec.name
        self._stats = self.stats[schema]
        started = time.perf_counter()
        results: dict[str, dict[str, BaseModel]] = {doc.id: {} for doc in documents}
        questions: dict[str, list[_Questions]] = {doc.id: [] for doc in documents}
        for task in spec.tasks:
            todo = [articles[doc.id] for doc in documents]
            for article_id, answer, outcome in self._map(task, todo):
                results[article_id][task.name] = answer
                questions[article_id].append(outcome)
                self.reporter.step(
                    article_id, f"{schema}/{task.name}", "failed" if outcome.failed else "ok"
                )
        for doc in documents:
            info = _source_status(doc.info(), questions[doc.id])
            if info.status != "failed":
                draft = spec.assemble(results[doc.id])
                self.records[schema][doc.id] = spec.ground(articles[doc.id], draft)
            self.sources[schema].append(info)
        if self.stopped is not None:
            self._stats.stopped = _short(self.stopped)
        self._stats.seconds += time.perf_counter() - started

    def result(
        self,
        spec: SchemaSpec,
        skipped: list[SourceInfo],
        texts: dict[str, str],
        articles: Mapping[str, Article],
    ) -> SchemaResult:
        """The :class:`SchemaResult` of ``spec`` once it has run."""
        sources = sorted([*self.sources[spec.name], *skipped], key=lambda s: s.path)
        stats = self.stats[spec.name]
        stats.seconds = round(stats.seconds, 3)
        merged = spec.merge(self.records[spec.name])
        if spec.complete is not None:
            merged = spec.complete(merged, articles)
        result = SchemaResult(
            schema_name=spec.name,
            merged=merged,
            per_source=self.records[spec.name],
            sources=sources,
            run=stats,
            texts=texts,
        )
        result.spec = spec
        return result


def summarise(
    folder: str | Path,
    schema: SchemaArg | Iterable[SchemaArg] = "all",
    *,
    settings: Settings | None = None,
    reporter: Reporter | None = None,
) -> Summary:
    """Extract, ground and merge every article of ``folder`` for ``schema``.

    ``schema`` is ``"proposal"``, ``"participants"``, ``"positions"``, another built-in's
    name, ``"all"``, a Pydantic model class (or ``"path/to/models.py:ClassName"``), or a
    list of these. Articles that fail are reported in ``sources`` with a reason; the
    others are always returned. Settings default to :func:`load_settings` (environment,
    then defaults).
    """
    specs = resolve(schema)
    settings = settings or load_settings()
    reporter = reporter or SilentReporter()
    documents, skipped = load_folder(Path(folder))
    run = _Run(settings, reporter, specs)
    articles: dict[str, Article] = {}
    for i, doc in enumerate(documents):
        guarded = guard(doc.text)
        articles[doc.id] = Article(doc.id, guarded.text, guarded.masked)
        if guarded.note:
            documents[i] = replace(doc, note="; ".join(filter(None, [doc.note, guarded.note])))
    try:
        reporter.begin(len(documents) * sum(len(spec.tasks) for spec in specs))
        for spec in specs:
            run.run_schema(spec, documents, articles)
    finally:
        run.backend.close()
        run.cache.close()
    texts = {doc.id: doc.text for doc in documents}
    return Summary(
        results={spec.name: run.result(spec, skipped, texts, articles) for spec in specs},
        stopped=None if run.stopped is None else str(run.stopped),
    )
