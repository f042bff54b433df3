"""Markdown view of schema results: facts with their sources."""

from __future__ import annotations

from collections.abc import Iterable

from .labels import source_labels
from .specs import Shown, conflicts_of, sections_markdown, ungrounded_of
from .views import Facts


class _Writer:
    """Markdown lines for one schema; sources shown as short ``[003]`` tags."""

    def __init__(self, result: Shown) -> None:
        self.result = result
        self.labels = source_labels(s.id for s in result.sources)

    def ids(self, sources: list[str]) -> str:
        return " ".join(f"[{self.labels.get(s, s)}]" for s in sources)

    def section(self) -> str:
        result = self.result
        merged = result.merged
        lines = [f"## {result.schema_name}", ""]
        spec = result.spec
        if spec.markdown is not None:
            lines += spec.markdown(merged, self.ids)
        else:
            lines += sections_markdown(spec.sections(merged, Facts()), self.ids)
        conflicts = conflicts_of(merged)
        if conflicts:
            lines += ["", "### Conflicts", ""]
            for c in conflicts:
                values = "; ".join(f"{v.value} {self.ids(v.sources)}" for v in c.values)
                lines.append(f"- **{c.field}**: {values}")
        ungrounded = [
            (sid, u) for sid, rec in result.per_source.items() for u in ungrounded_of(rec)
        ]
        if ungrounded:
            lines += ["", "### Not grounded (not emitted as facts)", ""]
            lines += [
                f"- {u.field}: “{u.value}” {self.ids([sid])} — {u.reason}" for sid, u in ungrounded
            ]
        lines += ["", "### Sources", ""]
        for s in result.sources:
            reason = f": {s.reason}" if s.reason else ""
            lines.append(f"- {self.ids([s.id])} `{s.path}` — {s.status}{reason}")
        r = result.run
        lines += [
            "",
            f"*{r.backend} · {r.model} · {r.calls} calls · {r.cache_hits} cache hits"
            f" · {r.seconds:.1f} s*",
            "",
        ]
        return "\n".join(lines)


def schema_markdown(result: Shown) -> str:
    """One schema's section."""
    return _Writer(result).section()


def to_markdown(results: Iterable[Shown]) -> str:
    """Several schemas' results as one Markdown document."""
    return "# Summary\n\n" + "\n".join(schema_markdown(r) for r in results)
