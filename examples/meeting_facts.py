"""A user's own schema: what an article says about the meeting it reports.

    summarise seeds/ --schema examples/meeting_facts.py:MeetingFacts

or, in Python: ``summarise("seeds/", MeetingFacts)``.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class Speaker(BaseModel):
    name: str = Field(description="the person quoted or paraphrased, as the article names them")
    country: str | None = Field(None, description="the country the person speaks for")


class MeetingFacts(BaseModel):
    """What an article says about the meeting it reports."""

    city: str | None = Field(None, description="the city where the meeting took place")
    weekday: str | None = Field(None, description="the day of the meeting as written")
    countries_attending: list[str] = Field(
        default_factory=list, description="countries taking part, in person or remotely"
    )
    speakers: list[Speaker] = Field(default_factory=list)
