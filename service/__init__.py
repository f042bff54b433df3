"""summarise: structured, source-grounded summaries of many articles on one story.

>>> from service import summarise
>>> summary = summarise("seeds/", "participants")      # doctest: +SKIP
>>> summary["participants"].merged.participants[0].name  # doctest: +SKIP
>>> summarise("seeds/", MyModel)  # any Pydantic model           # doctest: +SKIP
"""

from .config import Settings, load_settings
from .documents import FailedQuestion, SourceInfo
from .errors import (
    ArticleError,
    BackendError,
    ConfigError,
    EndpointRejected,
    EndpointUnreachable,
    ExtractionError,
    InputError,
    ModelAssetError,
    PromptError,
    RunError,
    ServerCrashed,
    ServerStartError,
    SummariseError,
    UnusableModel,
    UserError,
)
from .pipeline import Reporter, summarise
from .result import RunInfo, SchemaResult, Summary
from .specs import SchemaSpec, builtin_specs, model_spec

__all__ = [
    "ArticleError",
    "BackendError",
    "ConfigError",
    "EndpointRejected",
    "EndpointUnreachable",
    "ExtractionError",
    "FailedQuestion",
    "InputError",
    "ModelAssetError",
    "PromptError",
    "Reporter",
    "RunError",
    "RunInfo",
    "SchemaResult",
    "SchemaSpec",
    "ServerCrashed",
    "ServerStartError",
    "Settings",
    "SourceInfo",
    "SummariseError",
    "Summary",
    "UnusableModel",
    "UserError",
    "builtin_specs",
    "load_settings",
    "model_spec",
    "summarise",
]
