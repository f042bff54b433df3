"""The embedded server's prefix cache restores exactly what evaluating the prefix gives.

``prefix_end`` is checked on token lists; then (live, about 40 s on 2 cores) the bundled
model answers a chat prompt whose instructions are stored on the first run and restored
on the next, each time through a fresh batch engine (its KV sequences start empty), and
the answers are compared.
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path
from typing import Any

import diskcache
import pytest

llama_cpp = pytest.importorskip("llama_cpp")
from llama_cpp.llama_grammar import LlamaGrammar  # noqa: E402

from service.backends.batching import BatchEngine  # noqa: E402
from service.backends.prefix_cache import MIN_PREFIX_TOKENS, PrefixCache, prefix_end  # noqa: E402

from .conftest import ROOT  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from tokens import render  # noqa: E402  the ChatML the server renders (bench/tokens.py)

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
    """Chat completions through a fresh batch engine (empty KV sequences) and ``cache``."""

    def __init__(self, llama: Any, cache: PrefixCache) -> None:
        self.llama = llama
        self.engine = BatchEngine(llama, cache)

    @property
    def evaluated(self) -> int:
        return self.engine.evaluated

    def ask(self, messages: list[dict[str, str]]) -> str:
        prompt = self.llama.tokenize(render(messages).encode(), add_bos=False, special=True)
        grammar = LlamaGrammar.from_json_schema(json.dumps(SCHEMA), verbose=False)
        sampler = self.llama._init_sampler(temp=0.0, grammar=grammar)
        tokens = list(itertools.islice(self.engine.generate(prompt, sampler), 20))
        return str(self.llama.detokenize(tokens).decode())

    def close(self) -> None:
        self.engine.close()


@pytest.mark.live
def test_a_restored_prefix_answers_as_the_evaluated_one(llama: Any, tmp_path: Path) -> None:
    logged: list[str] = []
    cache = PrefixCache(tmp_path / "prefixes", log=logged.append)
    first = _Run(llama, cache)
    stored = first.ask(_messages("Troops from Finland arrived on Monday."))
    assert cache.stored == 1 and cache.restored == 0
    assert "Finland" in stored
    first.close()

    second = _Run(llama, cache)
    restored = second.ask(_messages("Troops from Finland arrived on Monday."))
    second.close()
    assert restored == stored
    assert cache.restored == 1 and cache.stored == 1
    # Only the last user turn and the answer were evaluated, not the instructions.
    assert first.evaluated - second.evaluated >= MIN_PREFIX_TOKENS

    other = _Run(llama, cache)
    assert "Chile" in other.ask(_messages("Chile sent two ships."))
    other.close()
    assert cache.restored == 2 and cache.stored == 1  # another passage, the same prefix
    assert len(logged) == 3


@pytest.mark.live
def test_a_prefix_already_in_the_kv_cache_is_left_alone(llama: Any, tmp_path: Path) -> None:
    cache = PrefixCache(tmp_path / "prefixes", log=lambda _: None)
    run = _Run(llama, cache)
    run.ask(_messages("Chile sent two ships."))
    run.ask(_messages("Troops from Finland arrived on Monday."))
    run.close()
    assert (cache.stored, cache.restored) == (1, 0)


@pytest.mark.live
def test_short_instructions_are_not_stored(llama: Any, tmp_path: Path) -> None:
    cache = PrefixCache(tmp_path / "prefixes", log=lambda _: None)
    run = _Run(llama, cache)
    run.ask(_messages("Chile sent two ships.", "Name the country."))
    run.close()
    assert (cache.stored, cache.restored) == (0, 0)
    assert not list((tmp_path / "prefixes").rglob("*.val"))


@pytest.mark.live
def test_a_state_llama_cpp_refuses_is_dropped(llama: Any, tmp_path: Path) -> None:
    logged: list[str] = []
    cache = PrefixCache(tmp_path / "prefixes", log=logged.append)
    messages = _messages("Troops from Finland arrived on Monday.")
    first = _Run(llama, cache)
    stored = first.ask(messages)
    first.close()
    with diskcache.Cache(str(tmp_path / "prefixes")) as store:
        (key,) = list(store.iterkeys())
        store.set(key, b"not a llama.cpp state")

    second = _Run(llama, cache)
    again = second.ask(messages)
    second.close()
    assert again == stored
    assert cache.restored == 0 and cache.stored == 2  # dropped, evaluated, stored anew
    assert any("refused" in line for line in logged)
    with diskcache.Cache(str(tmp_path / "prefixes")) as store:
        assert len(store.get(key)) > 10**6
