"""The one place that says what a schema is: a registry of :class:`SchemaSpec`.

A spec declares everything the run does for one schema: its tasks (each a question the
model is asked, with its prompt), how the tasks' answers make one article's draft, how a
draft is grounded into a record, how records merge, and how a merged record is shown
(sections of facts for HTML, Markdown and DataFrames, with optional Markdown and DataFrame
layouts of its own). The pipeline, the renderers and the command line read specs only.

Built-in schemas are the modules of :mod:`service.builtins`, each with a ``SPEC``: adding a
schema is adding a module (and its prompt file). A user's Pydantic model gets a spec on
the generic path (:func:`model_spec`), given as a class or as ``path/to/models.py:Class``
or ``package.module:Class``.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import pkgutil
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from pydantic import BaseModel, ValidationError

from schemas.common import Conflict, Ungrounded

from .cache import cache_key
from .documents import SourceInfo
from .errors import ConfigError, PromptError
from .generic import (
    analyse,
    draft_model,
    generic_sections,
    ground_answers,
    merge_records,
    merged_model,
    prompt_for,
    read_passages,
    record_model,
)
from .ground import Article
from .prompts import PromptTemplate, load_prompt
from .views import Facts, SectionView

if TYPE_CHECKING:
    from .views import FactView

T = TypeVar("T", bound=BaseModel)


class Ask(Protocol):
    """One validated answer of the model to ``task`` about ``text`` (and ``name``)."""

    def __call__(self, task: str, model: type[T], text: str, name: str = "") -> T | None:
        """The answer, validated as ``model``; None when this question failed (recorded)."""
        ...


#: Markdown lines of a merged record; the callable formats a list of source ids as tags.
MarkdownView = Callable[[BaseModel, Callable[[list[str]], str]], list[str]]
#: DataFrame rows and columns of a merged record; the callable says if a key is conflicted.
FrameView = Callable[[BaseModel, Callable[[str], bool]], tuple[list[dict[str, Any]], list[str]]]


@dataclass(frozen=True)
class Task:
    """One question type: its prompt, its run, and the shape of its answers.

    The prompt is ``prompts/<name>.toml`` unless given; its worked examples must fit
    ``answer``, the model-facing shape.
    """

    name: str
    run: Callable[[Article, Ask], BaseModel]
    prompt: PromptTemplate | None = None
    answer: type[BaseModel] | None = None

    def template(self) -> PromptTemplate:
        """The validated prompt template of this task."""
        template = self.prompt if self.prompt is not None else load_prompt(self.name)
        if self.answer is not None:
            for number, example in enumerate(template.examples, 1):
                try:
                    self.answer.model_validate_json(example.output)
                except ValidationError as exc:
                    raise PromptError(
                        f"prompts/{self.name}.toml: example {number} is not a valid "
                        f"{self.answer.__name__}: {exc.errors()[0]['msg']}"
                    ) from None
        return template


@dataclass(frozen=True)
class SchemaSpec:
    """Everything summarise does for one schema."""

    name: str
    tasks: tuple[Task, ...]
    assemble: Callable[[Mapping[str, BaseModel]], BaseModel]
    ground: Callable[[Article, BaseModel], BaseModel]
    merge: Callable[[Mapping[str, BaseModel]], BaseModel]
    sections: Callable[[BaseModel, Facts], list[SectionView]]
    #: After the merge, what the story's whole text states that one article's record
    #: lacks (a speaker's role, written only in another article). None: nothing.
    complete: Callable[[BaseModel, Mapping[str, Article]], BaseModel] | None = None
    markdown: MarkdownView | None = None
    frame: FrameView | None = None
    #: Part of ``--schema all`` (the SPEC's three); other built-ins are asked by name.
    in_all: bool = True
    order: int = 100
    #: The types of one article's record and of the merged record. With ``fingerprint``
    #: they let a finished run be replayed from the run cache (:mod:`service.runs`).
    record_type: type[BaseModel] | None = None
    merged_type: type[BaseModel] | None = None
    #: What decides this schema's output beside this package's own code (for a user's
    #: model: its JSON schema and source file). None: its runs are never replayed.
    fingerprint: str | None = None
    #: Questions its tasks ask besides their own (a prompt each), not run on their own:
    #: the proposal tasks ask whether an ambiguous group is a security force.
    questions: tuple[Task, ...] = ()

    def prompts(self) -> dict[str, PromptTemplate]:
        """The validated prompt of every question this schema's tasks may ask."""
        return {task.name: task.template() for task in (*self.tasks, *self.questions)}


class RunFigures(Protocol):
    """What a view shows of a run's cost (:class:`service.result.RunInfo`)."""

    @property
    def backend(self) -> str: ...  # noqa: D102
    @property
    def model(self) -> str: ...  # noqa: D102
    @property
    def calls(self) -> int: ...  # noqa: D102
    @property
    def cache_hits(self) -> int: ...  # noqa: D102
    @property
    def prompt_tokens(self) -> int: ...  # noqa: D102
    @property
    def completion_tokens(self) -> int: ...  # noqa: D102
    @property
    def seconds(self) -> float: ...  # noqa: D102


class Shown(Protocol):
    """What the views (HTML, Markdown, DataFrames) read of one schema's result.

    :class:`service.result.SchemaResult` is one; the views never import it, so the result
    can offer them as methods without the two modules importing each other.
    """

    @property
    def schema_name(self) -> str: ...  # noqa: D102
    @property
    def merged(self) -> BaseModel: ...  # noqa: D102
    @property
    def per_source(self) -> Mapping[str, BaseModel]: ...  # noqa: D102
    @property
    def sources(self) -> Sequence[SourceInfo]: ...  # noqa: D102
    @property
    def run(self) -> RunFigures: ...  # noqa: D102
    @property
    def texts(self) -> Mapping[str, str]: ...  # noqa: D102
    @property
    def spec(self) -> SchemaSpec: ...  # noqa: D102


def conflicts_of(merged: BaseModel) -> list[Conflict]:
    """The conflicts of a merged record (every merged record has them)."""
    conflicts: list[Conflict] = getattr(merged, "conflicts", [])
    return conflicts


def ungrounded_of(record: BaseModel) -> list[Ungrounded]:
    """The ungrounded values of one article's record (every record has them)."""
    ungrounded: list[Ungrounded] = getattr(record, "ungrounded", [])
    return ungrounded


@cache
def builtin_specs() -> dict[str, SchemaSpec]:
    """The built-in schemas, in their output order: every module of service.builtins."""
    from . import builtins

    specs = []
    for module in pkgutil.iter_modules(builtins.__path__):
        spec = getattr(importlib.import_module(f"{builtins.__name__}.{module.name}"), "SPEC", None)
        if isinstance(spec, SchemaSpec):
            specs.append(spec)
    specs.sort(key=lambda s: (s.order, s.name))
    return {spec.name: spec for spec in specs}


def model_spec(
    model: type[BaseModel],
    *,
    name: str | None = None,
    prompt_file: bool = False,
    keys: Mapping[str, str] | None = None,
    in_all: bool = False,
    order: int = 100,
) -> SchemaSpec:
    """A spec for any Pydantic model on the generic path.

    The question is built from the model's docstring and field descriptions, or, with
    ``prompt_file``, read from ``prompts/<name>.toml`` (instructions and worked examples
    written for it). ``keys`` maps a nested model's class name to the field that
    identifies an item of a list of it when merging (default: its first text field).
    Raises ConfigError naming the first field that cannot be used.
    """
    node = analyse(model, keys)
    draft = draft_model(node)
    record = record_model(node)
    merged = merged_model(node)
    task = name or model.__name__
    source = _source_of(model)
    fingerprint = None
    if source is not None:
        fingerprint = cache_key(
            schema=model.model_json_schema(), source=source, name=task, keys=dict(keys or {}),
            prompt_file=prompt_file,
        )  # fmt: skip

    def run(article: Article, ask: Ask) -> BaseModel:
        return read_passages(task, draft, article, ask)

    return SchemaSpec(
        name=task,
        tasks=(Task(task, run, None if prompt_file else prompt_for(node, task), draft),),
        assemble=lambda results: results[task],
        ground=lambda article, answers: ground_answers(node, record, article, answers),
        merge=lambda records: merge_records(node, merged, records),
        sections=lambda m, facts: generic_sections(node, m, facts),
        in_all=in_all,
        order=order,
        record_type=record,
        merged_type=merged,
        fingerprint=fingerprint,
    )


def _source_of(model: type[BaseModel]) -> str | None:
    """The source text of the module defining ``model``, or None when it has no file.

    Its validators and defaults are code the JSON schema does not show; a class typed
    into a notebook has no file, so its runs are not replayed.
    """
    try:
        path = inspect.getsourcefile(model)
    except TypeError:
        return None
    if path is None:
        return None
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError:
        return None


def load_model(reference: str) -> type[BaseModel]:
    """The class named by ``path/to/models.py:Class`` or ``package.module:Class``."""
    where, sep, name = reference.rpartition(":")
    if not sep or not where or not name.isidentifier():
        raise ConfigError(
            f"--schema {reference!r}: expected path/to/models.py:ClassName or "
            "package.module:ClassName"
        )
    if where.endswith(".py"):
        path = Path(where)
        if not path.is_file():
            raise ConfigError(f"--schema {reference!r}: file {path} not found")
        module_name = f"summarise_user_{abs(hash(str(path.resolve())))}"
        spec = importlib.util.spec_from_file_location(module_name, path)
        if spec is None or spec.loader is None:
            raise ConfigError(f"--schema {reference!r}: {path} cannot be imported")
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module  # pydantic resolves annotations through it
        try:
            spec.loader.exec_module(module)
        except Exception as exc:  # the user's file: any error is theirs to see
            raise ConfigError(f"--schema {reference!r}: {path} failed to import: {exc}") from None
    else:
        try:
            module = importlib.import_module(where)
        except ImportError as exc:
            raise ConfigError(f"--schema {reference!r}: cannot import {where}: {exc}") from None
    model = getattr(module, name, None)
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        raise ConfigError(f"--schema {reference!r}: {name} is not a Pydantic model in {where}")
    return model


SchemaArg = str | type[BaseModel] | SchemaSpec


def resolve(schema: SchemaArg | Iterable[SchemaArg]) -> tuple[SchemaSpec, ...]:
    """``"all"``, a built-in name, a model reference, a model class, a spec, or several."""
    builtins = builtin_specs()
    if isinstance(schema, str | type | SchemaSpec):
        items: list[SchemaArg] = [schema]
    else:
        items = list(schema)
    specs: list[SchemaSpec] = []
    for item in items:
        if isinstance(item, SchemaSpec):
            specs.append(item)
        elif isinstance(item, type):
            specs.append(model_spec(item))
        elif item == "all":
            specs.extend(s for s in builtins.values() if s.in_all)
        elif item in builtins:
            specs.append(builtins[item])
        elif ":" in item:
            specs.append(model_spec(load_model(item)))
        else:
            raise ConfigError(
                f"unknown schema {item!r}; choose from {', '.join(builtins)}, all, or a "
                "Pydantic model as path/to/models.py:ClassName"
            )
    if not specs:
        raise ConfigError("no schema given")
    names = [s.name for s in specs]
    if len(set(names)) != len(names):
        raise ConfigError(f"schema names given twice: {names}")
    return tuple(specs)


def sections_markdown(sections: list[SectionView], tags: Callable[[list[str]], str]) -> list[str]:
    """The default Markdown of a merged record: its sections as nested lists."""
    lines: list[str] = []
    for section in sections:
        lines.append(f"- **{section.title}**")
        for fact in section.facts:
            label = f"{fact.label}: " if fact.label else ""
            detail = f" ({fact.detail})" if fact.detail else ""
            lines.append(f"  - {label}{fact.value}{detail} {tags(fact.sources)}")
    return lines


def sections_frame(sections: list[SectionView]) -> tuple[list[dict[str, Any]], list[str]]:
    """The default DataFrame of a merged record: one row per fact."""
    columns = ["section", "label", "value", "detail", "agreement", "sources", "conflict"]
    rows = [_fact_row(section.title, fact) for section in sections for fact in section.facts]
    return rows, columns


def _fact_row(section: str, fact: FactView) -> dict[str, Any]:
    return {
        "section": section,
        "label": fact.label,
        "value": fact.value,
        "detail": fact.detail,
        "agreement": fact.agreement,
        "sources": fact.sources,
        "conflict": fact.conflict,
    }
