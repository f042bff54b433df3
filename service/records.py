"""Grounding helpers every schema uses: a phrase to its span, names to their sentences.

Every value the model returned is aligned to the article (see :mod:`service.ground`).
What cannot be found is not emitted as a fact; it is listed under ``ungrounded`` with the
reason. Each built-in schema grounds its own draft with these (``service/builtins/``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from schemas.common import Evidence, Fact, Ungrounded

from .canon import canonical_entity, surface_forms
from .ground import Article, Span

NOT_FOUND = "not found in the article"
#: What a value must look like, and the reason given when it does not.
Shape = tuple[re.Pattern[str], str]


def fact_at(article: Article, span: Span) -> Fact:
    """The article's own words at ``span``, as a fact with its evidence."""
    return Fact(value=article.text[span.start : span.end], evidence=[article.evidence(span)])


def written(article: Article, phrase: str) -> Fact | None:
    """``phrase`` as the article writes it, found exactly or normalised, never fuzzily."""
    span = article.align(phrase)
    return None if span is None or span.alignment == "fuzzy" else fact_at(article, span)


def ground_phrase(
    article: Article,
    field: str,
    value: str | None,
    ungrounded: list[Ungrounded],
    shape: Shape | None = None,
) -> Fact | None:
    """Ground one phrase; a known entity written differently ("UN") is found by its names.

    With ``shape``, a value that does not match it is a mislabelled span, not a fact.
    """
    if value is None or not value.strip():
        return None
    if shape and not shape[0].search(value):
        ungrounded.append(Ungrounded(field=field, value=value, reason=shape[1]))
        return None
    span = article.align(value)
    if span is not None:
        return fact_at(article, span)
    entity = canonical_entity(value)
    if entity is not None:
        mentions = article.mentions(list(surface_forms(entity[0])))
        if mentions:
            return Fact(value=entity[0], evidence=[article.evidence(mentions[0])])
    ungrounded.append(Ungrounded(field=field, value=value, reason=NOT_FOUND))
    return None


def mention_evidence(
    article: Article,
    names: list[str],
    limit: int = 3,
    where: Callable[[Span], bool] | None = None,
) -> list[Evidence]:
    """The sentences in which any of ``names`` occurs (first ``limit``).

    With ``where``, only the sentences of mentions it accepts.
    """
    evidence: list[Evidence] = []
    seen: set[tuple[int, int]] = set()
    for mention in article.mentions(names):
        if where is not None and not where(mention):
            continue
        sentence = article.sentence(mention)
        if (sentence.start, sentence.end) in seen:
            continue
        seen.add((sentence.start, sentence.end))
        evidence.append(article.evidence(sentence))
        if len(evidence) == limit:
            break
    return evidence
