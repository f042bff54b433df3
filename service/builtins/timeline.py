"""``timeline`` → ``Timeline``: the dated events an article reports, with their actors.

A built-in on the generic path: its models and this spec are all it needs (its question
is ``prompts/timeline.toml``). Not part of ``--schema all``: ask for it by name.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from ..specs import model_spec


class TimelineEvent(BaseModel):
    """One dated event the article reports."""

    what: str = Field(description="what happened, in the article's words")
    when: str = Field(description="when it happened, as written, e.g. 'on Tuesday', 'in 2022'")
    actors: list[str] = Field(
        default_factory=list, description="the countries, organisations or people who acted"
    )


class Timeline(BaseModel):
    """The dated events an article reports, each with its actors."""

    events: list[TimelineEvent] = Field(default_factory=list)


SPEC = model_spec(
    Timeline, name="timeline", prompt_file=True, in_all=False, order=4,
    keys={"TimelineEvent": "what"},
)  # fmt: skip
