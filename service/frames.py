"""pandas views of merged records, for notebooks (the ``notebook`` extra installs pandas)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import ConfigError
from .specs import Shown, conflicts_of, sections_frame
from .views import Facts

if TYPE_CHECKING:
    import pandas as pd


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:  # pragma: no cover - depends on the installed extras
        raise ConfigError("DataFrames need pandas: pip install 'summarise[notebook]'") from None
    return pandas


def to_frame(result: Shown) -> pd.DataFrame:
    """The merged record as a DataFrame: the schema's own layout, else one row per fact."""
    pd = _pandas()
    spec, merged = result.spec, result.merged
    conflicts = conflicts_of(merged)

    def conflicted(key: str) -> bool:
        return any(c.concerns(key) for c in conflicts)

    if spec.frame is not None:
        rows, columns = spec.frame(merged, conflicted)
    else:
        sections = spec.sections(merged, Facts())
        for section in sections:
            for fact in section.facts:
                fact.conflict = conflicted(fact.key)
        rows, columns = sections_frame(sections)
    return pd.DataFrame(rows, columns=columns)
