"""The response cache: JSON values in a diskcache store, private directory."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from service.cache import CacheWarning, ResponseCache, cache_key


def test_values_round_trip_as_json_text(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path / "c")
    key = cache_key(model="m", article="abc")
    assert cache.get(key) is None
    cache.set(key, {"participants": [{"name": "Glavaš"}]})
    assert cache.get(key) == {"participants": [{"name": "Glavaš"}]}
    cache.close()
    # Stored as text in SQLite, not as a pickle.
    rows = (
        sqlite3.connect(tmp_path / "c" / "cache.db").execute("SELECT value FROM Cache").fetchall()
    )
    assert rows == [('{"participants": [{"name": "Glavaš"}]}',)]


def test_directory_is_private(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path / "private")
    cache.set("k", {"a": 1})
    cache.close()
    assert stat.S_IMODE((tmp_path / "private").stat().st_mode) == 0o700


def test_disabled_cache_neither_reads_nor_writes(tmp_path: Path) -> None:
    ResponseCache(tmp_path / "c").set("k", {"a": 1})
    disabled = ResponseCache(tmp_path / "c", enabled=False)
    assert disabled.get("k") is None
    disabled.set("k2", {"b": 2})
    assert ResponseCache(tmp_path / "c").get("k2") is None


def test_keys_change_with_every_part() -> None:
    base = {"model": "m", "prompt": "p-1", "article": "x", "temperature": 0.0}
    keys = {cache_key(**base)}
    for name, value in [("model", "m2"), ("prompt", "p-2"), ("article", "y"), ("temperature", 0.1)]:
        keys.add(cache_key(**{**base, name: value}))
    assert len(keys) == 5
    assert cache_key(**base) == cache_key(**dict(reversed(list(base.items()))))


def test_a_damaged_store_is_a_miss_with_a_warning_and_is_replaced(tmp_path: Path) -> None:
    store = ResponseCache(tmp_path / "c")
    store.set("k", {"a": 1})
    store.close()
    (tmp_path / "c" / "cache.db").write_bytes(b"this is not SQLite" * 100)
    warned: list[str] = []
    damaged = ResponseCache(tmp_path / "c", on_warning=warned.append)
    assert damaged.get("k") is None
    assert len(warned) == 1 and "damaged" in warned[0] and "miss" in warned[0]
    damaged.set("k", {"a": 2})  # the fresh store works
    assert damaged.get("k") == {"a": 2}
    damaged.close()
    assert len(list(tmp_path.glob("c.damaged-*"))) == 1  # kept for inspection


def test_the_default_warning_is_a_python_warning(tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "cache.db").write_bytes(b"garbage" * 1000)
    with pytest.warns(CacheWarning, match="damaged"):
        assert ResponseCache(tmp_path / "c").get("k") is None
