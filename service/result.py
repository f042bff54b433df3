"""What a run returns: one :class:`SchemaResult` per schema, gathered in a :class:`Summary`.

Both are pydantic models whose JSON is the output contract of SPEC.md.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, SerializeAsAny

from .documents import SourceInfo
from .errors import ConfigError
from .frames import to_frame
from .render import to_markdown
from .report import report_fragment, to_html
from .specs import SchemaSpec, builtin_specs

if TYPE_CHECKING:
    import pandas as pd


class RunInfo(BaseModel):
    """What the run of one schema cost."""

    backend: str
    model: str
    calls: int = Field(default=0, description="HTTP requests to the model, re-asks included.")
    reasks: int = Field(default=0, description="Requests that re-asked after invalid output.")
    cache_hits: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    stopped: str | None = Field(
        default=None,
        description="Why the run stopped asking before the end (the endpoint was lost).",
    )


class SchemaResult(BaseModel):
    """The merged record of one schema, each article's record, the sources and the cost."""

    model_config = ConfigDict(populate_by_name=True)

    schema_name: str = Field(serialization_alias="schema")
    # Each schema has its own models (a user's too); they serialise as what they are.
    merged: SerializeAsAny[BaseModel]
    per_source: dict[str, SerializeAsAny[BaseModel]]
    sources: list[SourceInfo]
    run: RunInfo
    texts: dict[str, str] = Field(
        default_factory=dict,
        exclude=True,
        repr=False,
        description="Decoded text of each article read, for reports; not part of the JSON.",
    )
    _spec: SchemaSpec | None = PrivateAttr(default=None)

    @property
    def spec(self) -> SchemaSpec:
        """The schema's spec: the one it ran with, or the built-in of its name."""
        if self._spec is not None:
            return self._spec
        spec = builtin_specs().get(self.schema_name)
        if spec is None:
            raise ConfigError(f"{self.schema_name}: no such built-in schema, and no spec given")
        return spec

    @spec.setter
    def spec(self, spec: SchemaSpec) -> None:
        self._spec = spec

    def to_dict(self) -> dict[str, Any]:
        """The SPEC JSON object of this schema."""
        return self.model_dump(mode="json", by_alias=True)

    @property
    def incomplete(self) -> list[SourceInfo]:
        """Sources with a question that failed for this schema (``partial`` or ``failed``)."""
        return [s for s in self.sources if s.status in ("partial", "failed")]

    def to_frame(self) -> pd.DataFrame:
        """The merged record as a pandas DataFrame (needs the ``notebook`` extra)."""
        return to_frame(self)

    def to_html(self) -> str:
        """The evidence report of this schema as a self-contained HTML document."""
        return to_html([self])

    def _repr_html_(self) -> str:
        return report_fragment([self])


class Summary(BaseModel):
    """Results of one run, by schema name."""

    results: dict[str, SchemaResult]
    stopped: str | None = Field(
        default=None,
        exclude=True,
        description="The full report of why the run stopped asking, if it did (for stderr).",
    )

    def __getitem__(self, schema: str) -> SchemaResult:
        return self.results[schema]

    def to_dict(self) -> dict[str, Any]:
        """SPEC JSON: the schema's object, or ``{schema: object}`` for several schemas."""
        if len(self.results) == 1:
            return next(iter(self.results.values())).to_dict()
        return {name: result.to_dict() for name, result in self.results.items()}

    def to_json(self, indent: int | None = 2) -> str:
        """The SPEC JSON as text."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @property
    def exit_code(self) -> int:
        """0 when every question of every article was answered, else 1 (SPEC exit codes)."""
        return 1 if any(r.incomplete for r in self.results.values()) else 0

    def to_html(self) -> str:
        """The evidence report as a self-contained HTML document (``--format html``)."""
        return to_html(list(self.results.values()))

    def to_markdown(self) -> str:
        """The summary as Markdown (``--format markdown``)."""
        return to_markdown(self.results.values())

    def _repr_html_(self) -> str:
        return report_fragment(list(self.results.values()))

    def _repr_markdown_(self) -> str:
        return self.to_markdown()
