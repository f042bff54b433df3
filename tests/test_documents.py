"""Reading a folder: every unusable file gets a status and a reason; the rest go on."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from service import InputError
from service.documents import MAX_BYTES, load_folder


def _statuses(folder: Path) -> dict[str, tuple[str, str | None]]:
    docs, others = load_folder(folder)
    result: dict[str, tuple[str, str | None]] = {d.id: ("ok", d.note) for d in docs}
    result.update({s.id: (s.status, s.reason) for s in others})
    return result


def test_bad_files_are_reported_and_good_ones_kept(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Leaders met in Paris.", encoding="utf-8")
    (tmp_path / "bom.txt").write_bytes("\ufeffMacron spoke.".encode())
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02abc")
    (tmp_path / "latin1.txt").write_bytes("Glavaš".encode("cp1250"))
    (tmp_path / "zcopy.txt").write_text("Leaders met in Paris.", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("ignored", encoding="utf-8")
    outside = tmp_path.parent / "outside.txt"
    outside.write_text("secret", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(outside)
    os.mkfifo(tmp_path / "pipe.txt")

    statuses = _statuses(tmp_path)
    assert statuses["good"] == ("ok", None)
    assert statuses["bom"] == ("ok", None)
    assert statuses["empty"] == ("skipped", "empty file")
    assert statuses["binary"][0] == "skipped" and "NUL" in str(statuses["binary"][1])
    assert statuses["latin1"][0] == "ok" and "read as Windows-1252" in str(statuses["latin1"][1])
    assert statuses["zcopy"][0] == "skipped" and "duplicate of good" in str(statuses["zcopy"][1])
    assert statuses["link"][0] == "skipped" and "outside" in str(statuses["link"][1])
    assert statuses["pipe"] == ("skipped", "not a regular file")
    assert "notes" not in statuses


def test_latin1_text_is_read_with_its_accents(tmp_path: Path) -> None:
    (tmp_path / "l.txt").write_bytes(
        "Lt. Gen. Robert Glavaš met Zelenskyy’s envoy in Paris".encode("cp1252")
    )
    (tmp_path / "iso.txt").write_bytes("Réunion à Paris: l'armée".encode("latin-1"))
    docs, _ = load_folder(tmp_path)
    texts = {d.id: d.text for d in docs}
    assert texts["l"] == "Lt. Gen. Robert Glavaš met Zelenskyy’s envoy in Paris"
    assert texts["iso"].startswith("Réunion à Paris")


def test_files_too_long_for_an_article_are_refused_before_reading_them_all(
    tmp_path: Path,
) -> None:
    (tmp_path / "huge.txt").write_text("word " * (MAX_BYTES // 4), encoding="utf-8")
    docs, others = load_folder(tmp_path)
    assert docs == []
    assert others[0].status == "skipped" and "too long for one news article" in str(
        others[0].reason
    )


def test_bom_is_not_part_of_the_text(tmp_path: Path) -> None:
    (tmp_path / "bom.txt").write_bytes("\ufeffMacron spoke.".encode())
    docs, _ = load_folder(tmp_path)
    assert docs[0].text == "Macron spoke."


def test_missing_folder_empty_folder_and_file_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such folder"):
        load_folder(tmp_path / "missing")
    with pytest.raises(InputError, match="no articles"):
        load_folder(tmp_path)
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="not a folder"):
        load_folder(tmp_path / "a.txt")
