"""The positions schema's question, asked passage by passage."""

from __future__ import annotations

from schemas.positions import PositionsDraft

from ...chunks import passages
from ...ground import Article
from ...specs import Ask


def positions(article: Article, ask: Ask) -> PositionsDraft:
    """Stated positions, passage by passage.

    Every passage is asked, even one without a verb of speech or a title: "the goal was
    to ..." after naming a president, or "Germany offered two brigades", states a position.
    """
    found = []
    for passage in passages(article):
        answer = ask("positions", PositionsDraft, passage.text(article))
        if answer is not None:
            found.extend(answer.positions)
    return PositionsDraft(positions=found)
