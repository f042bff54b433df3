"""Text that talks to the model instead of the reader (prompt injection) is masked out.

An article is data. A paragraph that gives an AI instructions ("ignore previous
instructions", "you are now an assistant", "reply in French", chat-template tokens) is
blanked before any model reads the article, and no evidence may come from it, so what it
asks for cannot reach the output. URLs are blanked too: no field of any schema is a URL, and
a link is the usual payload of an injection. Masking keeps offsets: masked characters
become spaces and line breaks stay, so evidence still slices the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Phrases addressed to a language model. Each is specific enough not to occur in news
#: prose ("ignored the rules" does not match; "ignore previous instructions" does).
_INSTRUCTIONS = re.compile(
    "|".join(
        [
            r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+)?(?:of\s+)?"
            r"(?:the\s+|your\s+|my\s+)?(?:previous|prior|above|earlier|preceding|system|"
            r"original|other)?\s*(?:instructions?|prompts?|directions|guidelines|rules)\b",
            r"\b(?:ignore|disregard)\s+(?:everything|all|anything)\s+(?:above|before|else)\b",
            r"\b(?:new|updated|real|actual|hidden|secret)\s+(?:instructions?|system\s+prompt)\b",
            r"\b(?:system|developer)\s+(?:prompt|message|instructions?)\b",
            r"(?:^|\n)[ \t]*(?:system|assistant)[ \t]*:",
            r"<\|?\s*(?:im_start|im_end|system|endoftext|eot_id|start_header_id)\s*\|?>",
            r"\[/?INST\]|<</?SYS>>",
            r"\byou\s+(?:are|must|should|will)\s+(?:now\s+)?(?:an?\s+)?"
            r"(?:ai|assistant|language\s+model|llm|chatbot|extraction\s+model)\b",
            r"\b(?:note|message|instructions?|attention)\s+(?:to|for)\s+(?:the\s+|any\s+)?"
            r"(?:ai|assistant|model|llm|language\s+model|summari[sz]er|extractor|bot)s?\b",
            r"\b(?:reply|respond|answer|write|output)\s+(?:only\s+|everything\s+)?in\s+"
            r"(?:french|german|spanish|russian|chinese|italian|ukrainian|json|markdown)\b",
            r"\b(?:list|mark|label|record|classify|report|output|include)\s+[^.\n]{0,60}?"
            r"\bas\s+(?:the\s+|a\s+)?(?:host|co[-_ ]?organi[sz]er|remote[-_ ]attendee|"
            r"not[-_ ]invited|no[-_ ]response)\b",
            r"\b(?:include|add|insert|output|print|append|quote)\s+(?:this|the\s+following)\s+"
            r"(?:url|link|quote|text|statement|sentence)\b",
        ]
    ),
    re.IGNORECASE,
)
_URL = re.compile(r"\b(?:https?|ftp)://[^\s<>\"')\]]+|\bwww\.[^\s<>\"')\]]+\.[a-z]{2,}\S*", re.I)
_PARAGRAPH = re.compile(r"[^\n]+")
#: A longer "paragraph" (text without line breaks) is masked sentence by sentence.
MAX_PARAGRAPH = 1500
_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+[\"'\u201d\u2019)]*|$)")


@dataclass(frozen=True)
class Guarded:
    """An article's text with suspicious spans blanked, and those spans."""

    text: str
    masked: tuple[tuple[int, int], ...]
    instructions: int

    @property
    def note(self) -> str | None:
        """What was ignored, for the article's source entry."""
        if not self.instructions:
            return None
        return (
            f"ignored {self.instructions} passage(s) addressed to an AI model "
            "(possible prompt injection)"
        )


def _region(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph around a match, or its sentence when the paragraph is very long."""
    para_start = text.rfind("\n", 0, start) + 1
    newline = text.find("\n", end)
    para_end = len(text) if newline < 0 else newline
    if para_end - para_start <= MAX_PARAGRAPH:
        return para_start, para_end
    for m in _SENTENCE.finditer(text, para_start, para_end):
        if m.start() <= start < max(m.end(), m.start() + 1):
            return m.start(), max(m.end(), end)
    return start, end


def _merge(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def guard(text: str) -> Guarded:
    """``text`` with instruction paragraphs and URLs blanked (same length, same lines)."""
    regions = [_region(text, m.start(), m.end()) for m in _INSTRUCTIONS.finditer(text)]
    instructions = len(_merge(regions))
    spans = _merge(regions + [(m.start(), m.end()) for m in _URL.finditer(text)])
    if not spans:
        return Guarded(text, (), 0)
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return Guarded("".join(chars), spans, instructions)
