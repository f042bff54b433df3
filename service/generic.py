"""The generic path: any Pydantic model, read passage by passage, grounded and merged.

A user's model (or a built-in declared on this path) is first checked and described as a
tree of fields (:func:`analyse`). From the tree come:

* the model-facing *draft* (:func:`draft_model`): every leaf is optional text the model
  copies from the passage (a choice among a Literal's or Enum's values stays a choice), so
  an answer is schema-constrained and values come from the text, not from the model;
* the per-article *record* (:func:`record_model`): each leaf a :class:`Grounded` value with
  evidence, parsed into the field's type (numbers, dates) from the span as written;
* the *merged* record (:func:`merged_model`): each leaf a :class:`MergedValue` with its
  sources, lists merged by near-duplicate detection, lists of nested models merged by a
  key field, and a conflict for every scalar on which articles disagree.

Nothing here knows any schema: every step walks the tree.
"""

from __future__ import annotations

import enum
import re
import types
import typing
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Generic, Literal, TypeVar, get_args, get_origin

from pydantic import BaseModel, Field, create_model

from schemas.common import Conflict, Evidence, SourcedValue, Ungrounded

from .chunks import passages
from .errors import UnusableModel
from .ground import Article
from .merge import group, similar
from .prompts import PromptTemplate
from .records import NOT_FOUND
from .views import Facts, SectionView

V = TypeVar("V")
LeafKind = Literal["text", "integer", "number", "date", "choice"]

#: Passage length the generic question reads (as the proposal question: one answer
#: spells out every field, so a longer passage costs fewer skeletons).
PASSAGE_CHARS = 1400
_MAX_DEPTH = 3
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%B %d %Y", "%d %b %Y", "%b %d, %Y")


@dataclass(frozen=True)
class Leaf:
    """A value the text states: its kind, its Python type, and its choices if a label."""

    kind: LeafKind
    python: Any
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class FieldShape:
    """One field of a model: one value or a list, of a leaf or of a nested model."""

    name: str
    description: str
    many: bool
    leaf: Leaf | None = None
    node: Node | None = None
    #: The user's model requires it: an item of a list without it is not emitted.
    required: bool = False


@dataclass(frozen=True)
class Node:
    """A model and its fields; ``key`` names the field that identifies one of a list."""

    model: type[BaseModel]
    fields: dict[str, FieldShape]
    key: str


def _unusable(model: type[BaseModel], name: str, why: str) -> UnusableModel:
    return UnusableModel(f"{model.__name__}.{name}: {why}")


def _leaf(annotation: Any) -> Leaf | None:
    """The leaf for a plain annotation, or None if it is not one."""
    if annotation is str:
        return Leaf("text", str)
    if annotation is int:
        return Leaf("integer", int)
    if annotation is float:
        return Leaf("number", float)
    if annotation in (date, datetime):
        return Leaf("date", date)
    if get_origin(annotation) is Literal:
        values = get_args(annotation)
        if values and all(isinstance(v, str) for v in values):
            return Leaf("choice", annotation, tuple(values))
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        values = tuple(m.value for m in annotation)
        if values and all(isinstance(v, str) for v in values):
            return Leaf("choice", annotation, values)
    return None


def _parametrised(generic: Any, argument: Any) -> Any:
    """``generic[argument]`` for a type known only at run time."""
    return generic[argument]


def _describe(annotation: Any) -> str:
    if get_origin(annotation) is None and hasattr(annotation, "__name__"):
        return str(annotation.__name__)
    return repr(annotation).replace("typing.", "")


def analyse(
    model: type[BaseModel],
    keys: Mapping[str, str] | None = None,
    _seen: tuple[type[BaseModel], ...] = (),
) -> Node:
    """The field tree of ``model``; :class:`UnusableModel` names the first field it cannot use.

    ``keys`` maps a model's name to the field that identifies one item of a list of it
    (default: its first text field).
    """
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        raise UnusableModel(f"{model!r} is not a Pydantic model (a BaseModel subclass)")
    if len(_seen) > _MAX_DEPTH:
        raise UnusableModel(f"{model.__name__}: nested deeper than {_MAX_DEPTH} models")
    shapes: dict[str, FieldShape] = {}
    for name, info in model.model_fields.items():
        annotation = info.annotation
        description = info.description or name.replace("_", " ")
        required = info.is_required()
        # Optional[X] is X here: every extracted field may be absent from a passage.
        if get_origin(annotation) in (typing.Union, types.UnionType):
            options = [a for a in get_args(annotation) if a is not type(None)]
            if len(options) != 1:
                raise _unusable(model, name, f"a union of {_describe(annotation)} is not supported")
            annotation = options[0]
        many = get_origin(annotation) is list
        if many:
            (annotation,) = get_args(annotation) or (Any,)
        if annotation is bool:
            raise _unusable(
                model, name, "bool is not supported: a yes/no is not a span of text; "
                "use a Literal of the answers"
            )  # fmt: skip
        leaf = _leaf(annotation)
        if leaf is not None:
            shapes[name] = FieldShape(name, description, many, leaf, required=required)
            continue
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation is model or annotation in _seen:
                raise _unusable(model, name, f"{annotation.__name__} is recursive")
            node = analyse(annotation, keys, (*_seen, model))
            shapes[name] = FieldShape(name, description, many, node=node, required=required)
            continue
        raise _unusable(
            model, name, f"{_describe(info.annotation)} is not supported; use str, int, float, "
            "date, a Literal or Enum of strings, a nested model, a list of one of these, "
            "or an optional one"
        )  # fmt: skip
    if not shapes:
        raise UnusableModel(f"{model.__name__} has no fields")
    texts = [f.name for f in shapes.values() if f.leaf is not None and f.leaf.kind == "text"]
    key = (keys or {}).get(model.__name__) or (texts[0] if texts else next(iter(shapes)))
    if key not in shapes:
        raise UnusableModel(f"{model.__name__}: merge key {key!r} is not one of its fields")
    return Node(model, shapes, key)


# -- the model-facing draft -------------------------------------------------------------


_COPY = " Copy the words exactly as the passage writes them."


def draft_model(node: Node) -> type[BaseModel]:
    """What the model fills for one passage: optional copied text, choices, lists."""
    fields: dict[str, Any] = {}
    for shape in node.fields.values():
        if shape.node is not None:
            kind: Any = draft_model(shape.node)
            description = shape.description
        else:
            assert shape.leaf is not None
            choice = shape.leaf.kind == "choice"
            kind = _parametrised(Literal, shape.leaf.choices) if choice else str
            description = shape.description.rstrip(".") + "." + ("" if choice else _COPY)
        if shape.many:
            fields[shape.name] = (list[kind], Field(default_factory=list, description=description))
        else:
            fields[shape.name] = (kind | None, Field(default=None, description=description))
    return create_model(f"{node.model.__name__}Draft", __doc__=node.model.__doc__, **fields)


class PassageAnswer(BaseModel):
    """The answer to the generic question about one passage, and where the passage is."""

    start: int
    end: int
    answer: dict[str, Any]


class PassageAnswers(BaseModel):
    """An article's answers, passage by passage (the generic task's result)."""

    passages: list[PassageAnswer] = Field(default_factory=list)


def prompt_for(node: Node, name: str) -> PromptTemplate:
    """The generic question: the model's docstring and every field's description."""
    lines = []

    def describe(n: Node, indent: str) -> None:
        for shape in n.fields.values():
            many = " (a list)" if shape.many else ""
            options = ""
            if shape.leaf is not None and shape.leaf.kind == "choice":
                options = f" One of: {', '.join(shape.leaf.choices)}."
            lines.append(f"{indent}- {shape.name}{many}: {shape.description.rstrip('.')}.{options}")
            if shape.node is not None:
                describe(shape.node, indent + "  ")

    describe(node, "")
    doc = " ".join((node.model.__doc__ or "").split())
    system = (
        "You extract facts from one passage of a news article into JSON.\n"
        + (f"What to extract: {doc}\n" if doc else "")
        + "Fields:\n"
        + "\n".join(lines)
        + "\nCopy short phrases exactly as the passage writes them; never invent. Leave a "
        "field null, or a list empty, when the passage does not say it."
    )
    leaves = sum(1 for _ in _all_leaves(node))
    return PromptTemplate(
        version=f"generic-1:{name}",
        max_tokens=min(1024, 40 + 20 * leaves),
        max_tokens_per_char=0.4,
        system=system,
        user="<passage>\n{text}\n</passage>",
    )


def _all_leaves(node: Node) -> Iterator[FieldShape]:
    for shape in node.fields.values():
        if shape.node is not None:
            yield from _all_leaves(shape.node)
        else:
            yield shape


def read_passages(
    task: str, draft: type[BaseModel], article: Article, ask: Callable[..., BaseModel | None]
) -> PassageAnswers:
    """Ask the generic question of every passage; failed questions are simply absent."""
    found = []
    for passage in passages(article, PASSAGE_CHARS):
        answer = ask(task, draft, passage.text(article))
        if answer is not None:
            found.append(
                PassageAnswer(
                    start=passage.start, end=passage.end, answer=answer.model_dump(mode="json")
                )
            )
    return PassageAnswers(passages=found)


# -- grounding --------------------------------------------------------------------------


class Grounded(BaseModel, Generic[V]):
    """One value of one article: parsed from the span as written, with its evidence."""

    value: V
    evidence: list[Evidence] = Field(min_length=1)


class MergedValue(BaseModel, Generic[V]):
    """One value across articles: the sources that state it and where."""

    value: V
    sources: list[str]
    evidence: list[Evidence]
    agreement: int = Field(description="How many articles state this value.")


def _model_fields(
    node: Node, leaf: Callable[[Leaf], Any], child: Callable[[Node], Any]
) -> dict[str, Any]:
    """``create_model`` fields: each leaf's and nested model's type, optional or a list."""
    fields: dict[str, Any] = {}
    for shape in node.fields.values():
        if shape.node is not None:
            kind = child(shape.node)
        else:
            assert shape.leaf is not None
            kind = leaf(shape.leaf)
        if shape.many:
            fields[shape.name] = (list[kind], Field(default_factory=list))  # type: ignore[valid-type]
        else:
            fields[shape.name] = (kind | None, None)
    return fields


def record_model(node: Node, top: bool = True) -> type[BaseModel]:
    """The per-article record of ``node``: grounded leaves, nested records, evidence."""
    fields = _model_fields(
        node,
        lambda leaf: _parametrised(Grounded, leaf.python),
        lambda child: record_model(child, top=False),
    )
    if top:
        fields["ungrounded"] = (list[Ungrounded], Field(default_factory=list))
    else:
        fields["evidence"] = (list[Evidence], Field(default_factory=list))
    return create_model(node.model.__name__, __doc__=node.model.__doc__, **fields)


def _parse(leaf: Leaf, text: str) -> Any:
    """The field's value from the span as written; ValueError if it is not one."""
    if leaf.kind == "text":
        return text
    if leaf.kind in ("integer", "number"):
        match = _NUMBER.search(text)
        if match is None:
            raise ValueError(f"not a {leaf.kind}")
        number = float(match.group().replace(",", ""))
        if leaf.kind == "integer":
            if not number.is_integer():
                raise ValueError("not an integer")
            return int(number)
        return number
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise ValueError("not a date (day, month and year)")


@dataclass
class _Grounder:
    """Grounds one article's answers, collecting what cannot be found."""

    article: Article
    ungrounded: list[Ungrounded] = field(default_factory=list)

    def leaf(
        self, path: str, leaf: Leaf, value: Any, passage: PassageAnswer
    ) -> dict[str, Any] | None:
        """``{"value", "evidence"}`` of one answered leaf, or None (ungrounded noted)."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if leaf.kind == "choice":
            # A label is chosen, not copied: its evidence is the passage it was read from.
            start, end = self.article.strip_space(passage.start, passage.end)
            evidence = Evidence(
                source=self.article.source, quote=self.article.text[start:end],
                start=start, end=end, alignment="passage",
            )  # fmt: skip
            return {"value": value, "evidence": [evidence]}
        span = self.article.align_near(str(value), passage.start, passage.end)
        if span is None:
            self.ungrounded.append(Ungrounded(field=path, value=str(value), reason=NOT_FOUND))
            return None
        written = self.article.text[span.start : span.end]
        try:
            parsed = _parse(leaf, written)
        except ValueError as exc:
            self.ungrounded.append(Ungrounded(field=path, value=written, reason=str(exc)))
            return None
        return {"value": parsed, "evidence": [self.article.evidence(span)]}

    def field(
        self, path: str, shape: FieldShape, answer: Mapping[str, Any], passage: PassageAnswer
    ) -> list[dict[str, Any]]:
        """The grounded items one answer gives for one field (a scalar gives at most one)."""
        grounded = []
        for item in _items(answer.get(shape.name), shape.many):
            if shape.node is not None:
                child = (
                    self.node(path, shape.node, item, passage)
                    if isinstance(item, Mapping)
                    else None
                )
            else:
                assert shape.leaf is not None
                child = self.leaf(path, shape.leaf, item, passage)
            if child is not None:
                grounded.append(child)
        return grounded

    def node(
        self, path: str, node: Node, answer: Mapping[str, Any], passage: PassageAnswer
    ) -> dict[str, Any] | None:
        """The grounded values of one nested answer; None when a field it needs is missing."""
        values: dict[str, Any] = {}
        evidence: list[Evidence] = []
        for shape in node.fields.values():
            grounded = self.field(f"{path}.{shape.name}", shape, answer, passage)
            evidence.extend(e for item in grounded for e in item["evidence"])
            values[shape.name] = grounded if shape.many else (grounded[0] if grounded else None)
        missing = [
            f.name for f in node.fields.values() if (f.required or f.name == node.key)
            and not values.get(f.name)
        ]  # fmt: skip
        if missing:
            # The model says what makes an item: without it, the item is not a fact.
            shown = next((str(v) for v in answer.values() if isinstance(v, str) and v), "")
            reason = f"no {', '.join(missing)} found for it in the article"
            self.ungrounded.append(Ungrounded(field=path, value=shown, reason=reason))
            return None
        values["evidence"] = evidence
        return values


def ground_answers(
    node: Node, record: type[BaseModel], article: Article, answers: BaseModel
) -> BaseModel:
    """The article's record from its passages' answers.

    Lists are concatenated across passages (repeats dropped); a scalar keeps its first
    grounded value.
    """
    assert isinstance(answers, PassageAnswers)
    grounder = _Grounder(article)
    values: dict[str, Any] = {}
    for shape in node.fields.values():
        collected: list[dict[str, Any]] = []
        for passage in answers.passages:
            for item in grounder.field(shape.name, shape, passage.answer, passage):
                # A value repeated in a later passage is one value (nested items merge later).
                if shape.node is not None or all(v["value"] != item["value"] for v in collected):
                    collected.append(item)
        values[shape.name] = collected if shape.many else (collected[0] if collected else None)
    return record.model_validate({**values, "ungrounded": grounder.ungrounded})


# -- merging ----------------------------------------------------------------------------


def merged_model(node: Node, top: bool = True) -> type[BaseModel]:
    """The merged record of ``node``: merged values with their sources, and conflicts."""
    fields = _model_fields(
        node,
        lambda leaf: _parametrised(MergedValue, leaf.python),
        lambda child: merged_model(child, top=False),
    )
    fields["sources"] = (list[str], Field(default_factory=list))
    if top:
        fields["conflicts"] = (list[Conflict], Field(default_factory=list))
    else:
        fields["agreement"] = (int, 0)
    return create_model(f"Merged{node.model.__name__}", __doc__=node.model.__doc__, **fields)


def _same(a: Any, b: Any) -> bool:
    """Whether two values are one: one country or organisation, or near-duplicate text."""
    if isinstance(a, str) and isinstance(b, str):
        # The gazetteer loads on first use: a replayed run never merges.
        from .canon import canonical_entity

        entity_a, entity_b = canonical_entity(a), canonical_entity(b)
        if entity_a is not None or entity_b is not None:
            return entity_a == entity_b
        return similar(a, b)
    return bool(a == b)


def _cluster(items: list[tuple[str, Grounded[Any]]]) -> list[dict[str, Any]]:
    """Near-duplicate values grouped; the most supported first."""
    clusters = group(items, lambda a, b: _same(a.value, b.value))
    merged = []
    for cluster in clusters:
        sources = sorted({s for s, _ in cluster})
        # The wording most sources use represents the cluster; ties keep the first.
        value = Counter(repr(g.value) for _, g in cluster).most_common(1)[0][0]
        merged.append({
            "value": next(g.value for _, g in cluster if repr(g.value) == value),
            "sources": sources,
            "evidence": [e for _, g in cluster for e in g.evidence],
            "agreement": len(sources),
        })  # fmt: skip
    merged.sort(key=lambda m: -int(m["agreement"]))
    return merged


def _merge_node(
    node: Node, records: list[tuple[str, Any]], path: str, conflicts: list[Conflict]
) -> dict[str, Any]:
    """Merge the same model as several articles state it (``records``: source, values)."""
    values: dict[str, Any] = {}
    for shape in node.fields.values():
        sub = f"{path}.{shape.name}" if path else shape.name
        if shape.node is not None:
            children = [
                (source, child)
                for source, record in records
                for child in _items(getattr(record, shape.name), shape.many)
            ]
            if shape.many:
                values[shape.name] = [
                    _merge_node(shape.node, group, f"{sub}[{label}]", conflicts)
                    for label, group in _groups(shape.node, children)
                ]
            else:
                merged = _merge_node(shape.node, children, sub, conflicts) if children else None
                values[shape.name] = merged
            continue
        leaves = [
            (source, leaf)
            for source, record in records
            for leaf in _items(getattr(record, shape.name), shape.many)
        ]
        clusters = _cluster(leaves)
        if shape.many:
            values[shape.name] = clusters
            continue
        if len(clusters) > 1:
            conflicts.append(
                Conflict(
                    field=sub,
                    values=[
                        SourcedValue(value=str(c["value"]), sources=c["sources"]) for c in clusters
                    ],
                )
            )
        values[shape.name] = clusters[0] if clusters else None
    sources = sorted({source for source, _ in records})
    return {**values, "sources": sources, "agreement": len(sources)}


def _items(value: Any, many: bool) -> list[Any]:
    if many:
        return list(value or [])
    return [] if value is None else [value]


def _key_text(node: Node, record: Any) -> str:
    value = getattr(record, node.key)
    first = value[0] if isinstance(value, list) and value else value
    return str(first.value) if first is not None and not isinstance(first, list) else ""


def _groups(node: Node, children: list[tuple[str, Any]]) -> list[tuple[str, list[tuple[str, Any]]]]:
    """Items of a list of ``node`` grouped by their key field's value (near-duplicates).

    An item without a key value stays alone.
    """

    def same(a: Any, b: Any) -> bool:
        key_a, key_b = _key_text(node, a), _key_text(node, b)
        return bool(key_a and key_b) and _same(key_a, key_b)

    groups = group(children, same)
    groups.sort(key=lambda members: -len({source for source, _ in members}))
    return [(_key_text(node, members[0][1]), members) for members in groups]


def merge_records(
    node: Node, merged: type[BaseModel], records: Mapping[str, BaseModel]
) -> BaseModel:
    """The merged record of every article's record."""
    conflicts: list[Conflict] = []
    values = _merge_node(node, list(records.items()), "", conflicts)
    values.pop("agreement")
    return merged.model_validate({**values, "sources": sorted(records), "conflicts": conflicts})


# -- views ------------------------------------------------------------------------------


def _shown(value: Any) -> str:
    return value.value if isinstance(value, enum.Enum) else str(value)


def generic_sections(node: Node, merged: BaseModel, facts: Facts) -> list[SectionView]:
    """Sections of a merged record: its scalars first, then each list and nested model."""
    top = SectionView(node.model.__name__)
    sections = [top]
    _node_sections(node, merged, facts, top, sections, "")
    return [s for s in sections if s.facts]


def _node_sections(
    node: Node,
    merged: Any,
    facts: Facts,
    here: SectionView,
    sections: list[SectionView],
    path: str,
) -> None:
    for shape in node.fields.values():
        key = f"{path}.{shape.name}" if path else shape.name
        value = getattr(merged, shape.name)
        if shape.node is not None:
            for item in _items(value, shape.many):
                label = _key_text(shape.node, item)
                child_path = f"{key}[{label}]" if shape.many else key
                title = f"{shape.name.replace('_', ' ')}: {label}" if label else shape.name
                section = SectionView(title)
                sections.append(section)
                _node_sections(shape.node, item, facts, section, sections, child_path)
            continue
        target = here
        if shape.many and value:
            target = SectionView(shape.name.replace("_", " ")) if not path else here
            if target is not here:
                sections.append(target)
        for item in _items(value, shape.many):
            target.facts.append(
                facts.add(
                    "" if target is not here else shape.name.replace("_", " "),
                    _shown(item.value),
                    item.sources,
                    item.evidence,
                    agreement=item.agreement,
                    key=key,
                )
            )
