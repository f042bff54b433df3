"""Split an article into short passages: small models recall more from short inputs.

Passages follow paragraph boundaries (blank lines or line breaks); a long paragraph is cut
between sentences. Offsets refer to the article text, so passages can be sliced back.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from .ground import Article

#: Target passage length in characters (about 150 tokens).
MAX_CHARS = 700
_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Passage:
    """A half-open character range of the article."""

    start: int
    end: int

    def text(self, article: Article) -> str:
        """The passage's text."""
        return article.text[self.start : self.end]


def _sentences(article: Article, start: int, end: int) -> list[tuple[int, int]]:
    cuts = [e for e in article.sentence_ends if start < e < end]
    bounds = [start, *cuts, end]
    return [(a, b) for a, b in itertools.pairwise(bounds) if article.text[a:b].strip()]


def passages(article: Article, max_chars: int = MAX_CHARS) -> list[Passage]:
    """Paragraph-aligned passages of at most ``max_chars`` (unless one sentence is longer)."""
    pieces: list[tuple[int, int]] = []
    for m in _PARAGRAPH.finditer(article.text):
        if not m.group().strip() or len(m.group().strip()) < 3:
            continue  # stray lines such as "0"
        if m.end() - m.start() <= max_chars:
            pieces.append((m.start(), m.end()))
        else:
            pieces.extend(_sentences(article, m.start(), m.end()))
    result: list[Passage] = []
    current: tuple[int, int] | None = None
    for start, end in pieces:
        if current and end - current[0] <= max_chars:
            current = (current[0], end)
            continue
        if current:
            result.append(Passage(*article.strip_space(*current)))
        current = (start, end)
    if current:
        result.append(Passage(*article.strip_space(*current)))
    return result
