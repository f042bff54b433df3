"""Merging helpers every schema uses: near-duplicate phrases, scalars with conflicts.

Each built-in schema merges its own records with these (``service/builtins/``): one entry
per real-world entity, phrases merged by near-duplicate detection, and a
:class:`Conflict` wherever the articles disagree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import TypeVar

from rapidfuzz import fuzz, utils

from schemas.common import Conflict, Fact, MergedFact, SourcedValue

from .ground import fold

T = TypeVar("T")

#: Two phrases at or above this token-set similarity are one item.
SIMILARITY = 85.0


def similar(a: str, b: str) -> bool:
    """Whether two phrases say the same (case, accents, near-duplicates; comparable length)."""
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return True
    # token_set_ratio scores any subset 100: "naval" would swallow "naval patrols in the
    # Black Sea". A phrase with more than twice the words of the other says more.
    short, long = sorted((len(fa.split()), len(fb.split())))
    if short * 2 < long:
        return False
    return fuzz.token_set_ratio(fa, fb, processor=utils.default_process) >= SIMILARITY


def group(
    items: Iterable[tuple[str, T]], same: Callable[[T, T], bool]
) -> list[list[tuple[str, T]]]:
    """(source, item) pairs grouped: an item joins the first group whose first is ``same``."""
    groups: list[list[tuple[str, T]]] = []
    for source, item in items:
        for members in groups:
            if same(members[0][1], item):
                members.append((source, item))
                break
        else:
            groups.append([(source, item)])
    return groups


def cluster_facts(items: Iterable[tuple[str, Fact]]) -> list[MergedFact]:
    """Group near-duplicate facts from several sources; most supported first."""
    clusters = group(items, lambda a, b: similar(a.value, b.value))
    merged = []
    for cluster in clusters:
        sources = sorted({s for s, _ in cluster})
        # The wording stated by most sources represents the cluster; ties keep the first.
        value = Counter(f.value for _, f in cluster).most_common(1)[0][0]
        evidence = [e for _, f in cluster for e in f.evidence]
        merged.append(
            MergedFact(value=value, sources=sources, evidence=evidence, agreement=len(sources))
        )
    merged.sort(key=lambda m: -m.agreement)
    return merged


def merge_scalar(
    field: str, items: list[tuple[str, Fact]], conflicts: list[Conflict], *, report: bool
) -> MergedFact | None:
    """The most supported value of one field; with ``report``, a conflict if they differ."""
    clusters = cluster_facts(items)
    if not clusters:
        return None
    if report and len(clusters) > 1:
        conflicts.append(
            Conflict(
                field=field,
                values=[SourcedValue(value=c.value, sources=c.sources) for c in clusters],
            )
        )
    return clusters[0]


def first(values: Iterable[str | None]) -> str | None:
    """The value most sources give (ties: the first), ignoring empty ones."""
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None
