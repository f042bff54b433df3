"""Align model output to character offsets of the article.

The model is never trusted to copy text. Each value it returns is searched for in the
article: exactly; then after normalising case, quotes, dashes, diacritics and white space;
then fuzzily with rapidfuzz. Offsets always refer to the decoded article text, so that
``text[start:end] == quote`` holds for every emitted span.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache

from rapidfuzz import fuzz

from schemas.common import Alignment, Evidence

_CHAR_MAP = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-",
}  # fmt: skip
_TRIM = " \t\n\r,;:'\"()[]\u2018\u2019\u201c\u201d"
#: A list item's mark at the start of its line.
_BULLET = re.compile(r"[-•*–]\s")
_SENTENCE_END = re.compile(r"[.!?][\u201d\"'\u2019)]*(?=\s|$)|\n")
#: Words after which a full stop does not end a sentence ("Lt. Gen. Ana Dvořák").
_ABBREVIATIONS = frozenset(
    "lt gen col maj sgt capt adm cmdr mr mrs ms dr prof st jr sr no vs etc gov sen rep".split()
)
#: Fuzzy matches below this partial-ratio score are not accepted.
FUZZY_THRESHOLD = 88.0
#: Shorter queries are only matched exactly or normalised: fuzzy hits on a few letters lie.
FUZZY_MIN_LENGTH = 12


@dataclass(frozen=True)
class Span:
    """A half-open character range of the article and how it was found."""

    start: int
    end: int
    alignment: Alignment


def _fold_char(ch: str) -> str:
    ch = _CHAR_MAP.get(ch, ch)
    if ch.isspace():
        return " "
    decomposed = unicodedata.normalize("NFKD", ch)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base.lower()


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Normalised form used for comparisons (no offsets).

    Cached: the same names are folded for every article and every candidate.
    """
    folded = re.sub(r" +", " ", "".join(_fold_char(c) for c in text))
    return re.sub(r" ?- ?", "-", folded).strip()


def _find_words(text: str, query: str) -> int:
    """First occurrence of ``query`` not starting or ending inside a word, or -1.

    "UN" is not found in "under".
    """
    pos = text.find(query)
    while pos >= 0:
        end = pos + len(query)
        starts_ok = pos == 0 or not (text[pos - 1].isalnum() and query[0].isalnum())
        ends_ok = end == len(text) or not (text[end].isalnum() and query[-1].isalnum())
        if starts_ok and ends_ok:
            return pos
        pos = text.find(query, pos + 1)
    return -1


def _is_abbreviation(name: str) -> bool:
    letters = name.replace(".", "")
    return len(letters) <= 5 and letters.isalpha() and letters.isupper()


@lru_cache(maxsize=8192)
def _word_pattern(name: str) -> re.Pattern[str]:
    # Cached here: one per name of the gazetteer, more than the re module's own cache holds.
    return re.compile(r"(?<![\w.])" + re.escape(name) + r"(?![\w])")


class Article:
    """One article's text with a normalised copy and a map back to original offsets.

    ``masked`` are ranges blanked by :func:`service.guard.guard` (``text`` is the blanked
    text): no span that touches one is ever returned, so every quote is also a slice of the
    original article.
    """

    def __init__(self, source: str, text: str, masked: tuple[tuple[int, int], ...] = ()) -> None:
        self.source = source
        self.text = text
        self.masked = masked
        self._parts: dict[tuple[int, int], Article] = {}  # passages searched by align_near

    def _clear(self, span: Span) -> bool:
        return not any(start < span.end and span.start < end for start, end in self.masked)

    @cached_property
    def _folded(self) -> tuple[str, list[int]]:
        out: list[str] = []
        index: list[int] = []
        for i, ch in enumerate(self.text):
            folded = _fold_char(ch)
            if folded == " " and out and out[-1] in " -":
                continue  # collapse white space runs and spaces after dashes
            if folded == "-" and out and out[-1] == " ":
                out.pop()  # "ceasefire - as" and "ceasefire—as" fold alike
                index.pop()
            for piece in folded:
                out.append(piece)
                index.append(i)
        return "".join(out), index

    def _to_original(self, fstart: int, fend: int) -> tuple[int, int]:
        _, index = self._folded
        return index[fstart], index[fend - 1] + 1

    def _trimmed(self, start: int, end: int) -> tuple[int, int]:
        while start < end and self.text[start] in _TRIM:
            start += 1
        while end > start and self.text[end - 1] in _TRIM:
            end -= 1
        return start, end

    def align(self, query: str) -> Span | None:
        """Find ``query`` in the article: exact, then normalised, then fuzzy."""
        span = self._align(query)
        return span if span is not None and self._clear(span) else None

    def align_near(self, query: str, start: int, end: int) -> Span | None:
        """Find ``query`` in ``text[start:end]`` first (where it was read), then anywhere."""
        part = self._parts.get((start, end))
        if part is None:
            masked = tuple(
                (max(s, start) - start, min(e, end) - start)
                for s, e in self.masked
                if s < end and e > start
            )
            part = self._parts[(start, end)] = Article(self.source, self.text[start:end], masked)
        span = part.align(query)
        if span is None:
            return self.align(query)
        return Span(span.start + start, span.end + start, span.alignment)

    def _align(self, query: str) -> Span | None:
        query = query.strip()
        if not query:
            return None
        pos = _find_words(self.text, query)
        if pos >= 0:
            return Span(pos, pos + len(query), "exact")
        folded, _ = self._folded
        fquery = fold(query).strip(_TRIM)
        if not fquery:
            return None
        pos = _find_words(folded, fquery)
        if pos >= 0:
            start, end = self._trimmed(*self._to_original(pos, pos + len(fquery)))
            return Span(start, end, "normalised") if end > start else None
        if len(fquery) < FUZZY_MIN_LENGTH:
            return None
        hit = fuzz.partial_ratio_alignment(fquery, folded, score_cutoff=FUZZY_THRESHOLD)
        if hit is None or hit.dest_end <= hit.dest_start:
            return None
        start, end = self._to_original(hit.dest_start, hit.dest_end)
        start, end = self._trimmed(*self._whole_words(start, end))
        return Span(start, end, "fuzzy") if end > start else None

    def _whole_words(self, start: int, end: int) -> tuple[int, int]:
        # A fuzzy window may cut a word in two; a quote is made of whole words.
        while start > 0 and self.text[start - 1].isalnum() and self.text[start].isalnum():
            start -= 1
        while end < len(self.text) and self.text[end].isalnum() and self.text[end - 1].isalnum():
            end += 1
        return start, end

    def mentions(self, names: list[str]) -> list[Span]:
        """Every whole-word occurrence of any of ``names``, in text order.

        Abbreviations ("US", "U.N.") are matched case-sensitively in the original text, so
        that the pronoun "us" is never taken for the United States.
        """
        folded, _ = self._folded
        found: dict[int, Span] = {}
        for name in names:
            if _is_abbreviation(name):
                hits = [(m.start(), m.end()) for m in _word_pattern(name).finditer(self.text)]
            else:
                fname = fold(name)
                if len(fname) < 2:
                    continue
                hits = [
                    self._to_original(m.start(), m.end())
                    for m in _word_pattern(fname).finditer(folded)
                ]
            for start, end in hits:
                if start not in found or end > found[start].end:
                    found[start] = Span(start, end, "entity")
        spans = [found[k] for k in sorted(found)]
        # "Korea" inside "South Korea" is the same mention, not a second one.
        return [
            s
            for s in spans
            if not any(o is not s and o.start <= s.start and s.end <= o.end for o in spans)
        ]

    @cached_property
    def sentence_ends(self) -> list[int]:
        """Offsets just past each sentence's end, in order."""
        ends = []
        for m in _SENTENCE_END.finditer(self.text):
            if m.group() != "\n" and m.group()[0] == ".":
                word = re.search(r"([\w.]+)$", self.text[: m.start()])
                token = word.group(1) if word else ""
                if token.lower() in _ABBREVIATIONS or re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", token):
                    continue  # "Gen." or the "S." of "U.S." inside a sentence
            ends.append(m.end())
        return ends

    def sentence(self, span: Span) -> Span:
        """Widen ``span`` to the sentence (or line) that contains it."""
        start = max((e for e in self.sentence_ends if e <= span.start), default=0)
        end = min((e for e in self.sentence_ends if e >= span.end), default=len(self.text))
        start, end = self.strip_space(start, end)
        widened = Span(start, end, span.alignment)
        if start > span.start or end < span.end or not self._clear(widened):
            return span
        return widened

    def sentence_at(self, start: int, end: int) -> Span:
        """The sentence (or line) around the text from ``start`` to ``end``, a match's say."""
        return self.sentence(Span(start, end, "exact"))

    def lead_in(self, sentence: Span) -> str:
        """The sentence that introduces the list item ``sentence`` ("Present:"), or nothing.

        An item ("- Singapore, by video", "- escort tankers between …") is read with its
        lead-in's words, which say what every item of the list is.
        """
        if not _BULLET.match(self.text, sentence.start):
            return ""
        end = self.text.rfind("\n", 0, sentence.start)
        while end > 0:  # back over the list's other items and blank lines
            start = self.text.rfind("\n", 0, end) + 1
            line = self.text[start:end].rstrip()
            if line and not _BULLET.match(line):
                if not line.endswith(":"):
                    return ""  # a line that is no item of a list, nor its lead-in
                lead = self.sentence(Span(start + len(line) - 1, start + len(line), "exact"))
                return self.text[lead.start : lead.end] + " "
            end = start - 1
        return ""

    def strip_space(self, start: int, end: int) -> tuple[int, int]:
        """``start`` and ``end`` moved inwards past white space."""
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return start, end

    def evidence(self, span: Span) -> Evidence:
        """The :class:`Evidence` for ``span``; its quote is sliced from the text itself."""
        return Evidence(
            source=self.source,
            quote=self.text[span.start : span.end],
            start=span.start,
            end=span.end,
            alignment=span.alignment,
        )
