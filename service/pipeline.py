"""The run: read articles, extract each article x schema (cached), ground, merge."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from pydantic import BaseModel, ValidationError

from schemas import json_schema

from .backends import Backend
from .cache import ResponseCache, answer_parts, cache_key
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
from .runs import RunCache, run_key
from .specs import SchemaArg, SchemaSpec, Task, resolve

if TYPE_CHECKING:
    from .backends import Completion

T = TypeVar("T", bound=BaseModel)
#: One task of one schema on one article: the unit of work a thread takes.
_Unit = tuple[SchemaSpec, Task, Article]


@dataclass
class _Questions:
    """What became of the questions one task asked about one article."""

    answered: int = 0
    failed: list[FailedQuestion] = field(default_factory=list)


@dataclass
class _Done:
    """A unit's answer, what became of its questions, and when it ran."""

    unit: _Unit
    answer: BaseModel
    outcome: _Questions
    started: float
    ended: float


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


def _warner(reporter: Reporter) -> Callable[[str], None]:
    """A damaged cache's warning, as a status line of ``reporter``."""
    return lambda message: reporter.status(f"warning: {message}")


class _Run:
    """State of one run: cache, backend, per-schema records and statistics."""

    def __init__(
        self, settings: Settings, reporter: Reporter, specs: tuple[SchemaSpec, ...]
    ) -> None:
        self.settings = settings
        self.reporter = reporter
        # Every template is loaded and validated before the first model call.
        self.prompts: dict[str, PromptTemplate] = {
            name: template for spec in specs for name, template in spec.prompts().items()
        }
        schemas = tuple(spec.name for spec in specs)
        self.cache = ResponseCache(
            settings.responses_dir, enabled=settings.use_cache, on_warning=_warner(reporter)
        )
        self.backend = Backend(settings, on_assemble=reporter.assemble, on_status=reporter.status)
        self.records: dict[str, dict[str, BaseModel]] = {s: {} for s in schemas}
        self.sources: dict[str, list[SourceInfo]] = {s: [] for s in schemas}
        self.stats = {
            s: RunInfo(backend=self.backend.name, model=self.backend.model) for s in schemas
        }
        # Set once the endpoint is gone for this run (refused us, down from the start, or
        # the embedded server crashed again after its restart): nothing more is asked.
        self.stopped: BackendError | None = None
        self._answered = False  # whether the endpoint has answered once in this run
        self._lock = threading.Lock()  # statistics, when tasks run on several threads
        self._first_answer = threading.Lock()

    def _key(self, task: str, model: type[BaseModel], text: str, name: str) -> str:
        template = self.prompts[task]
        return cache_key(
            **answer_parts(self.settings, self.backend.identity),
            prompt=template.version,
            prompt_hash=template.fingerprint,
            schema=json_schema(model),
            text=hashlib.sha256(text.encode()).hexdigest(),
            name=name,
        )

    def ask(
        self, stats: RunInfo, task: str, model: type[T], text: str, name: str, question: str
    ) -> T:
        """One validated answer: from the cache, or from the model (then cached).

        ``stats`` are the schema's; ``question`` names it in reports ("took_part for 003_x").
        """
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

    def _one(self, unit: _Unit) -> _Done:
        """Run one task on one article; each failed question is recorded, not raised."""
        spec, task, article = unit
        stats = self.stats[spec.name]
        outcome = _Questions()
        started = time.perf_counter()

        def ask(task: str, model: type[T], text: str, name: str = "") -> T | None:
            question = f"{task} for {article.source}" + (f" ({name})" if name else "")
            stopped = self.stopped  # after a stop, only the cache answers
            try:
                answer = self.ask(stats, task, model, text, name, question)
            except (ExtractionError, BackendError) as exc:
                reason = _short(exc) if stopped is None else f"not asked: {_short(stopped)}"
                item = _item(article, text, name)
                outcome.failed.append(FailedQuestion(task=task, item=item, reason=reason))
                return None
            outcome.answered += 1
            return answer

        answer = task.run(article, ask)
        return _Done(unit, answer, outcome, started, time.perf_counter())

    def _map(self, units: list[_Unit]) -> Iterator[_Done]:
        """Every unit, in order or on ``concurrency`` threads, as they finish.

        Threads serve endpoints that answer requests in parallel (remote APIs, the embedded
        server's KV sequences). The units of every task and schema go to one pool, in order,
        so a thread that finishes takes the next unit instead of waiting for the slowest
        article of its task: each task's answers depend on its article alone.
        """
        workers = self.settings.effective_concurrency
        if workers == 1 or len(units) < 2:
            yield from (self._one(unit) for unit in units)
            return
        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="summarise")
        try:
            futures = [pool.submit(self._one, unit) for unit in units]
            for future in as_completed(futures):
                yield future.result()
        finally:
            # On Ctrl-C, drop what has not started; requests in flight end with the client.
            pool.shutdown(wait=False, cancel_futures=True)

    def run(
        self,
        specs: tuple[SchemaSpec, ...],
        documents: list[Document],
        articles: dict[str, Article],
    ) -> None:
        """Every task of every schema over every article, then grounding.

        A failed question costs only its own facts; once the run has stopped, the questions
        left are recorded as not asked, without a request. A schema's ``seconds`` run from
        its first unit's start to its last one's end (schemas overlap on several threads).
        """
        units = [
            (spec, task, articles[doc.id]) for spec in specs for task in spec.tasks
            for doc in documents
        ]  # fmt: skip
        results: dict[str, dict[str, dict[str, BaseModel]]] = {
            spec.name: {doc.id: {} for doc in documents} for spec in specs
        }
        questions: dict[str, dict[str, list[_Questions]]] = {
            spec.name: {doc.id: [] for doc in documents} for spec in specs
        }
        spans: dict[str, tuple[float, float]] = {}
        for done in self._map(units):
            spec, task, article = done.unit
            results[spec.name][article.source][task.name] = done.answer
            questions[spec.name][article.source].append(done.outcome)
            first, last = spans.get(spec.name, (done.started, done.ended))
            spans[spec.name] = (min(first, done.started), max(last, done.ended))
            failed = "failed" if done.outcome.failed else "ok"
            self.reporter.step(article.source, f"{spec.name}/{task.name}", failed)
        for spec in specs:
            stats = self.stats[spec.name]
            for doc in documents:
                info = _source_status(doc.info(), questions[spec.name][doc.id])
                if info.status != "failed":
                    draft = spec.assemble(results[spec.name][doc.id])
                    self.records[spec.name][doc.id] = spec.ground(articles[doc.id], draft)
                self.sources[spec.name].append(info)
            if self.stopped is not None:
                stats.stopped = _short(self.stopped)
            first, last = spans.get(spec.name, (0.0, 0.0))
            stats.seconds += last - first

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
    started = time.perf_counter()
    specs = resolve(schema)
    settings = settings or load_settings()
    reporter = reporter or SilentReporter()
    documents, skipped = load_folder(Path(folder))
    texts = {doc.id: doc.text for doc in documents}
    runs = RunCache(settings, on_warning=_warner(reporter))
    try:
        key = run_key(settings, Backend.identity_of(settings), specs, documents, skipped)
        if key is not None:
            replayed = runs.replay(key, specs, texts, time.perf_counter() - started)
            if replayed is not None:
                reporter.status("the same run as before: replayed from the run cache")
                return replayed
        summary = _summarise(specs, settings, reporter, documents, skipped, texts)
        if key is not None:
            runs.store_run(key, summary)
        return summary
    finally:
        runs.close()


def _summarise(
    specs: tuple[SchemaSpec, ...],
    settings: Settings,
    reporter: Reporter,
    documents: list[Document],
    skipped: list[SourceInfo],
    texts: dict[str, str],
) -> Summary:
    """Ask, ground and merge: the run itself, once the run cache had nothing."""
    run = _Run(settings, reporter, specs)
    articles: dict[str, Article] = {}
    for i, doc in enumerate(documents):
        guarded = guard(doc.text)
        articles[doc.id] = Article(doc.id, guarded.text, guarded.masked)
        if guarded.note:
            documents[i] = replace(doc, note="; ".join(filter(None, [doc.note, guarded.note])))
    try:
        reporter.begin(len(documents) * sum(len(spec.tasks) for spec in specs))
        run.run(specs, documents, articles)
    finally:
        run.backend.close()
        run.cache.close()
    return Summary(
        results={spec.name: run.result(spec, skipped, texts, articles) for spec in specs},
        stopped=None if run.stopped is None else str(run.stopped),
    )
