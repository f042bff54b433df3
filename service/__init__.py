"""summarise: structured, source-grounded summaries of many articles on one story.

>>> from service import summarise
>>> summary = summarise("seeds/", "participants")      # doctest: +SKIP
>>> summary["participants"].merged.participants[0].name  # doctest: +SKIP
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
    UserError,
)
from .pipeline import Reporter, summarise
from .result import RunInfo, SchemaResult, Summary

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
    "ServerCrashed",
    "ServerStartError",
    "Settings",
    "SourceInfo",
    "SummariseError",
    "Summary",
    "UserError",
    "load_settings",
    "summarise",
]
