"""The embedded server's prefix cache restores exactly what evaluating the prefix gives.

``prefix_end`` is checked on token lists; then (live, about 40 s on 2 cores) the bundled
model answers a chat prompt whose instructions are stored on the first run and restored
on the next, in a fresh KV cache each time, and the answers are compared.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import diskcache
import pytest

llama_cpp = pytest.importorskip("llama_cpp")
from service.backends import llama_server  # noqa: E402
from service.backends.prefix_cache import MIN_PREFIX_TOKENS, PrefixCache, prefix_end  # noqa: E402

MARKER = [7, 8, 9]


@pytest.mark.parametrize(
    "tokens,start,expected",
    [
        ([1, 7, 8, 9, 2, 7, 8, 9, 3], 0, 5),  # the last one
        ([7, 8, 9, 1], 0, 0),
        ([1, 2, 7, 8, 9], 0, 2),
        ([1, 7, 8, 2, 7], 0, None),  # cut short
        ([1, 7, 8, 9, 2], 2, None),  # before start
        ([], 0, None),
    ],
)
def test_prefix_end_is_the_last_marker(tokens: list[int], start: int, expected: int | None) -> None:
    assert prefix_end(tokens, MARKER, start) == expected


#: Instructions long enough to be worth storing (> MIN_PREFIX_TOKENS), then one question.
INSTRUCTIONS = (
    "You read one sentence of a news report and name the country it is about. "
    "Answer with the country's name as the report writes it, and nothing else. "
) * 12
SCHEMA = {
    "type": "object",
    "properties": {"country": {"type": "string"}},
    "required": ["country"],
}


def _messages(sentence: str, instructions: str = INSTRUCTIONS) -> list[dict[str, str]]:
    return [
        {"role": "system", "content": instructions},
        {"role": "user", "content": "Oslo hosted the talks."},
        {"role": "assistant", "content": '{"country": "Norway"}'},
        {"role": "user", "content": sentence},
    ]


class _Run:
    """One chat completion through ``cache`` from an empty KV cache, counting evaluation."""

    def __init__(self, llama: Any, cache: PrefixCache) -> None:
        self.llama, self.cache, self.evaluated = llama, cache, 0

    def _stock(self, llama: Any, tokens: Sequence[int]) -> None:
        self.evaluated += len(tokens)
        llama_server._stock_eval(llama, tokens)

    def ask(self, messages: list[dict[str, str]], fresh: bool = True) -> str:
        if fresh:
            self.llama.reset()
            self.llama._ctx.kv_cache_clear()
        self.llama.eval = lambda tokens: self.cache.eval(self.llama, tokens, self._stock)
        try:
            out = self.llama.create_chat_completion(
                messages,
                temperature=0.0,
                max_tokens=20,
                response_format={"type": "json_object", "schema": SCHEMA},
            )
        finally:
            del self.llama.eval
        content: str = out["choices"][0]["message"]["content"]
        return content


@pytest.mark.live
def test_a_restored_prefix_answers_as_the_evaluated_one(llama: Any, tmp_path: Path) -> None:
    logged: list[str] = []
    cache = PrefixCache(tmp_path / "prefixes", log=logged.append)
    first = _Run(llama, cache)
    stored = first.ask(_messages("Troops from Finland arrived on Monday."))
    assert cache.stored == 1 and cache.restored == 0
    assert "Finland" in stored

    second = _Run(llama, cache)
    restored = second.ask(_messages("Troops from Finland arrived on Monday."))
    assert restored == stored
    assert cache.restored == 1 and cache.stored == 1
    # Only the last user turn and the answer were evaluated, not the instructions.
    assert first.evaluated - second.evaluated >= MIN_PREFIX_TOKENS

    other = _Run(llama, cache)
    assert "Chile" in other.ask(_messages("Chile sent two ships."))
    assert cache.restored == 2 and cache.stored == 1  # another passage, the same prefix
    assert len(logged) == 3


@pytest.mark.live
def test_a_prefix_already_in_the_kv_cache_is_left_alone(llama: Any, tmp_path: Path) -> None:
    cache = PrefixCache(tmp_path / "prefixes", log=lambda _: None)
    run = _Run(llama, cache)
    run.ask(_messages("Chile sent two ships."))
    run.ask(_messages("Troops from Finland arrived on Monday."), fresh=False)
    assert (cache.stored, cache.restored) == (1, 0)


@pytest.mark.live
def test_short_instructions_are_not_stored(llama: Any, tmp_path: Path) -> None:
    cache = PrefixCache(tmp_path / "prefixes", log=lambda _: None)
    _Run(llama, cache).ask(_messages("Chile sent two ships.", "Name the country."))
    assert (cache.stored, cache.restored) == (0, 0)
    assert not list((tmp_path / "prefixes").rglob("*.val"))


@pytest.mark.live
def test_a_state_llama_cpp_refuses_is_dropped(llama: Any, tmp_path: Path) -> None:
    logged: list[str] = []
    cache = PrefixCache(tmp_path / "prefixes", log=logged.append)
    messages = _messages("Troops from Finland arrived on Monday.")
    stored = _Run(llama, cache).ask(messages)
    with diskcache.Cache(str(tmp_path / "prefixes")) as store:
        (key,) = list(store.iterkeys())
        store.set(key, b"not a llama.cpp state")

    again = _Run(llama, cache).ask(messages)
    assert again == stored
    assert cache.restored == 0 and cache.stored == 2  # dropped, evaluated, stored anew
    assert any("refused" in line for line in logged)
    with diskcache.Cache(str(tmp_path / "prefixes")) as store:
        assert len(store.get(key)) > 10**6
