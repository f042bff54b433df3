"""Read the articles of a folder: every readable text file becomes a Document.

A file that cannot be used is never fatal: it gets a status and a reason, and the other
articles go on. Offsets everywhere refer to the text as decoded here.
"""

from __future__ import annotations

import hashlib
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from .errors import InputError

#: File endings read as articles.
SUFFIXES = frozenset({".txt", ".text", ".md"})
#: Larger files are refused before any model call: no news article is this long (about
#: 64,000 tokens, hundreds of passages). Anything shorter is read passage by passage.
MAX_BYTES = 256 * 1024


class FailedQuestion(BaseModel):
    """One model question about an article that got no valid answer, and why."""

    task: str = Field(description="The task the question belongs to, e.g. took_part.")
    item: str = Field(description="Which question: the candidate's name or the passage's place.")
    reason: str


class SourceInfo(BaseModel):
    """One input file and what became of it.

    ``partial``: some questions about the article failed (``failed_questions``); every
    other answer is kept. ``failed``: no question about it was answered.
    """

    id: str
    path: str
    sha256: str | None = None
    status: Literal["ok", "partial", "failed", "skipped"] = "ok"
    reason: str | None = None
    failed_questions: list[FailedQuestion] = Field(default_factory=list)


@dataclass(frozen=True)
class Document:
    """One decoded article."""

    id: str
    path: str
    sha256: str
    text: str
    note: str | None = None

    def info(self) -> SourceInfo:
        """A fresh ``ok`` :class:`SourceInfo` for this document (with its note, if any)."""
        return SourceInfo(id=self.id, path=self.path, sha256=self.sha256, reason=self.note)


def _read(path: Path, folder: Path, shown: str) -> Document | SourceInfo:
    article_id = path.stem
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(folder.resolve()):
            return SourceInfo(
                id=article_id,
                path=shown,
                status="skipped",
                reason="symbolic link pointing outside the folder; not followed",
            )
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return SourceInfo(
            id=article_id, path=shown, status="failed", reason=f"cannot stat: {exc.strerror}"
        )
    if not stat.S_ISREG(mode):
        return SourceInfo(id=article_id, path=shown, status="skipped", reason="not a regular file")
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return SourceInfo(
            id=article_id, path=shown, status="failed", reason=f"cannot read: {exc.strerror}"
        )
    digest = hashlib.sha256(data).hexdigest()
    if len(data) > MAX_BYTES:
        return SourceInfo(
            id=article_id,
            path=shown,
            status="skipped",
            reason=f"larger than {MAX_BYTES // 1024} KiB: too long for one news article; "
            "split it into articles",
        )
    if b"\x00" in data:
        return SourceInfo(
            id=article_id,
            path=shown,
            sha256=digest,
            status="skipped",
            reason="binary file (contains NUL bytes)",
        )
    text, note = _decode(data)
    if not text.strip():
        return SourceInfo(
            id=article_id, path=shown, sha256=digest, status="skipped", reason="empty file"
        )
    return Document(id=article_id, path=shown, sha256=digest, text=text, note=note)


def _decode(data: bytes) -> tuple[str, str | None]:
    """UTF-8 (a BOM dropped); otherwise the Windows-1252 superset of Latin-1, with a note."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        where = exc.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")  # maps every byte; cp1252 leaves five undefined
    return text, f"not UTF-8 (invalid byte at offset {where}); read as Windows-1252/Latin-1"


def load_folder(folder: Path) -> tuple[list[Document], list[SourceInfo]]:
    """Documents of ``folder`` (sorted by name) and the files that were skipped or failed."""
    if not folder.exists():
        raise InputError(f"{folder}: no such folder")
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder; pass the folder that holds the articles")
    documents: list[Document] = []
    others: list[SourceInfo] = []
    by_digest: dict[str, str] = {}
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.suffix.lower() not in SUFFIXES:
            continue
        result = _read(path, folder, str(path))
        if isinstance(result, SourceInfo):
            others.append(result)
        elif result.sha256 in by_digest:
            others.append(
                SourceInfo(
                    id=result.id,
                    path=result.path,
                    sha256=result.sha256,
                    status="skipped",
                    reason=f"duplicate of {by_digest[result.sha256]}",
                )
            )
        else:
            by_digest[result.sha256] = result.id
            documents.append(result)
    if not documents and not others:
        raise InputError(f"{folder}: no articles (*{', *'.join(sorted(SUFFIXES))}) in this folder")
    return documents, others
