"""Prompt templates: files in ``prompts/``, loaded and validated once.

A template is data (TOML): a ``version`` that is part of every cache key and cassette, the
schema it serves, an output token budget and the user message with ``{article}`` and
``{source}`` placeholders. The system message shared by all schemas is ``system.txt``.
The article is inserted as delimited, untrusted data.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import PromptError

SCHEMA_NAMES = ("proposal", "participants", "positions")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_ALLOWED = {"article", "source"}


class PromptTemplate(BaseModel):
    """One validated prompt template."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: str = Field(min_length=1)
    schema_name: str = Field(alias="schema")
    max_tokens: int = Field(gt=0, le=8192)
    system: str = Field(min_length=1)
    user: str = Field(min_length=1)

    @field_validator("user")
    @classmethod
    def _placeholders(cls, user: str) -> str:
        names = _PLACEHOLDER.findall(user)
        unknown = set(names) - _ALLOWED
        if unknown:
            raise ValueError(f"unknown placeholders {sorted(unknown)}; allowed: {sorted(_ALLOWED)}")
        if names.count("article") != 1:
            raise ValueError("the user message must contain {article} exactly once")
        return user

    @property
    def fingerprint(self) -> str:
        """Hash of everything that shapes the request, for cache keys."""
        blob = "\x00".join((self.version, self.system, self.user, str(self.max_tokens)))
        return hashlib.sha256(blob.encode()).hexdigest()[:16]

    def messages(self, source: str, article: str) -> list[dict[str, str]]:
        """Chat messages for one article; the article cannot close its own delimiter."""
        safe = article.replace("</article>", "</ article>")
        values = {"article": safe, "source": source}
        user = _PLACEHOLDER.sub(lambda m: values[m.group(1)], self.user)
        return [
            {"role": "system", "content": self.system},
            {"role": "user", "content": user},
        ]


def _read(name: str) -> str:
    return resources.files("prompts").joinpath(name).read_text(encoding="utf-8")


@cache
def load_prompt(schema: str) -> PromptTemplate:
    """Load and validate the template for ``schema``; errors name the file."""
    if schema not in SCHEMA_NAMES:
        raise PromptError(f"no prompt for schema {schema!r}; expected one of {SCHEMA_NAMES}")
    filename = f"{schema}.toml"
    try:
        data = tomllib.loads(_read(filename))
        data["system"] = _read("system.txt").strip()
        template = PromptTemplate.model_validate(data)
    except FileNotFoundError as exc:
        raise PromptError(f"prompts/{exc.filename or filename}: file missing") from None
    except tomllib.TOMLDecodeError as exc:
        raise PromptError(f"prompts/{filename}: not valid TOML: {exc}") from None
    except ValidationError as exc:
        raise PromptError(f"prompts/{filename}: {exc.errors()[0]['msg']}") from None
    if template.schema_name != schema:
        raise PromptError(f"prompts/{filename}: declares schema {template.schema_name!r}")
    return template


def load_all_prompts() -> dict[str, PromptTemplate]:
    """Validate every template at start-up so that a bad file fails before any model call."""
    return {name: load_prompt(name) for name in SCHEMA_NAMES}
