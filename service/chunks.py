"""Split an article into short passages: small models recall more from short inputs.

Passages follow paragraph boundaries (blank lines or line breaks); a long paragraph is cut
between sentences, and a sentence longer than a passage between words, so no passage ever
exceeds its budget however the text is written. Offsets refer to the article text, so
passages can be sliced back.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from .ground import Article

#: Target passage length in characters (about 150 tokens).
MAX_CHARS = 700
_PARAGRAPH = re.compile(r"[^\n]+")
_WORD_END = re.compile(r"\S+\s*")


@dataclass(frozen=True)
class Passage:
    """A half-open character range of the article."""

    start: int
    end: int

    def text(self, article: Article) -> str:
        """The passage's text."""
        return article.text[self.start : self.end]


def _sentences(article: Article, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    cuts = [e for e in article.sentence_ends if start < e < end]
    bounds = [start, *cuts, end]
    pieces = []
    for a, b in itertools.pairwise(bounds):
        if article.text[a:b].strip():
            pieces.extend(_words(article.text, a, b, max_chars) if b - a > max_chars else [(a, b)])
    return pieces


def _words(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """``text[start:end]`` cut after whole words into pieces of at most ``max_chars``."""
    pieces: list[tuple[int, int]] = []
    piece_start = start
    for m in _WORD_END.finditer(text, start, end):
        if m.end() - piece_start > max_chars and m.start() > piece_start:
            pieces.append((piece_start, m.start()))
            piece_start = m.start()
        while m.end() - piece_start > max_chars:  # one "word" longer than a passage
            pieces.append((piece_start, piece_start + max_chars))
            piece_start += max_chars
    if piece_start < end:
        pieces.append((piece_start, end))
    return pieces


def passages(article: Article, max_chars: int = MAX_CHARS) -> list[Passage]:
    """Paragraph-aligned passages of at most ``max_chars``, in order, covering the text."""
    pieces: list[tuple[int, int]] = []
    for m in _PARAGRAPH.finditer(article.text):
        if not m.group().strip() or len(m.group().strip()) < 3:
            continue  # stray lines such as "0"
        if m.end() - m.start() <= max_chars:
            pieces.append((m.start(), m.end()))
        else:
            pieces.extend(_sentences(article, m.start(), m.end(), max_chars))
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


def lede(article: Article, max_chars: int) -> str:
    """The article's leading passages, at most ``max_chars``: all of a short article."""
    if len(article.text) <= max_chars:
        return article.text
    end = 0
    for passage in passages(article):
        if passage.end > max_chars:
            break
        end = passage.end
    return article.text[: end or max_chars]
