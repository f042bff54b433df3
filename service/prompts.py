"""Prompt templates: data files in ``prompts/``, loaded and validated once.

A template (TOML) has a ``version`` that is part of every cache key and cassette, an output
token budget sized from the input (a fixed part for the answer's JSON skeleton plus a part
per input character, because the longest legitimate answer copies what the input lists:
forty countries, five speakers' quotes), the system instructions, the user message with a
``{text}`` placeholder (and optionally ``{name}``), and few-shot ``examples`` (input and
JSON output) written for this purpose from stories that are not in the seeds. The article
text is inserted as delimited, untrusted data: it cannot close its own delimiter.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import tomllib
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import PromptError

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_ALLOWED = {"text", "name"}
#: No answer budget exceeds this: the embedded server's context is 4,096 tokens.
MAX_ANSWER_TOKENS = 2048
_DELIMITER = re.compile(r"</\s*(article|passage|sentences)\s*>", re.IGNORECASE)


class Example(BaseModel):
    """One few-shot example: a user message and the JSON the model should answer."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    input: str = Field(min_length=1)
    output: str = Field(min_length=2)

    @field_validator("output")
    @classmethod
    def _json(cls, output: str) -> str:
        json.loads(output)
        return output


class PromptTemplate(BaseModel):
    """One validated prompt template."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: str = Field(min_length=1)
    max_tokens: int = Field(gt=0, le=MAX_ANSWER_TOKENS, description="Budget for any input.")
    max_tokens_per_char: float = Field(
        default=0.0, ge=0.0, le=2.0, description="Budget added per character of input text."
    )
    system: str = Field(min_length=1)
    user: str = Field(min_length=1)
    examples: tuple[Example, ...] = ()

    @field_validator("user")
    @classmethod
    def _placeholders(cls, user: str) -> str:
        names = _PLACEHOLDER.findall(user)
        unknown = set(names) - _ALLOWED
        if unknown:
            raise ValueError(f"unknown placeholders {sorted(unknown)}; allowed: {sorted(_ALLOWED)}")
        if names.count("text") != 1:
            raise ValueError("the user message must contain {text} exactly once")
        return user

    @property
    def fingerprint(self) -> str:
        """Hash of everything that shapes the request, for cache keys."""
        return hashlib.sha256(self.model_dump_json().encode()).hexdigest()[:16]

    def budget(self, text: str) -> int:
        """The answer's token budget for ``text``: room for everything the text could list."""
        per_input = math.ceil(self.max_tokens_per_char * len(text))
        return min(MAX_ANSWER_TOKENS, self.max_tokens + per_input)

    def messages(self, text: str, name: str = "") -> list[dict[str, str]]:
        """Chat messages: instructions, few-shot pairs, then the delimited text."""
        values = {"text": _DELIMITER.sub(r"< /\1>", text), "name": name.replace("\n", " ")}
        user = _PLACEHOLDER.sub(lambda m: values[m.group(1)], self.user)
        messages = [{"role": "system", "content": self.system}]
        for example in self.examples:
            messages.append({"role": "user", "content": example.input})
            messages.append({"role": "assistant", "content": example.output})
        messages.append({"role": "user", "content": user})
        return messages


def _read(name: str) -> str:
    return resources.files("prompts").joinpath(name).read_text(encoding="utf-8")


@cache
def load_prompt(task: str) -> PromptTemplate:
    """Load and validate ``prompts/<task>.toml``; errors name the file."""
    if not re.fullmatch(r"\w+", task):
        raise PromptError(f"no prompt for task {task!r}: task names are words")
    filename = f"{task}.toml"
    try:
        return PromptTemplate.model_validate(tomllib.loads(_read(filename)))
    except FileNotFoundError:
        raise PromptError(f"prompts/{filename}: file missing") from None
    except tomllib.TOMLDecodeError as exc:
        raise PromptError(f"prompts/{filename}: not valid TOML: {exc}") from None
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise PromptError(f"prompts/{filename}: {where}: {err['msg']}") from None
