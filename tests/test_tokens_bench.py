"""bench/tokens.py counts what a server reads and writes, request by request.

A character stands for a token here, so every count can be worked out by hand.
"""

from __future__ import annotations

import json
import sys

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from tokens import SCHEMA_MARKER, account, levers, render, task_names, value_tokens


def _chars(text: str) -> list[int]:
    return [ord(c) for c in text]


def _messages(system: str, passage: str) -> list[dict[str, str]]:
    return [{"role": "system", "content": system}, {"role": "user", "content": passage}]


def test_a_prefix_is_read_once_on_a_first_run_and_never_on_a_later_one() -> None:
    system = "Find facts. " + SCHEMA_MARKER + " {schema}"
    first = _messages(system, "Passage one.")
    second = _messages(system, "Another passage.")
    unrelated = _messages("Other task.", "Passage one.")
    counts = account(
        [("a", first, '{"x": "one"}', 5), ("b", unrelated, "{}", 1), ("a", second, "{}", 2)],
        _chars,
    )
    prefix = len(render(first)[: render(first).rfind("<|im_start|>user\n")])
    tail = len(render(second)) - prefix
    a = counts["a"]
    assert (a.calls, a.prompt) == (2, len(render(first)) + len(render(second)))
    # The second "a" request follows a "b" one: only the stored prefix spares reading.
    assert a.read_first_run == len(render(first)) + tail
    assert a.read_later_run == (len(render(first)) - prefix) + tail
    assert (a.prefix, a.schema) == (prefix, len(SCHEMA_MARKER + " {schema}"))
    assert (a.written, a.values) == (7, len("one"))
    assert counts["b"].schema == 0


def test_the_kv_cache_spares_what_the_previous_prompt_shares() -> None:
    request = _messages("Short.", "Same passage.")
    counts = account([("a", request, "{}", 1), ("a", request, "{}", 1)], _chars)
    assert counts["a"].read_first_run == len(render(request))
    assert counts["a"].read_later_run == len(render(request)) - len(
        render(request)[: render(request).rfind("<|im_start|>user\n")]
    )


def test_values_are_the_strings_and_numbers_of_the_answer() -> None:
    answer = json.dumps({"name": "Guard", "size": 40, "list": ["ab", None], "ok": True})
    assert value_tokens(answer, _chars) == len("Guard") + len("40") + len("ab")
    assert value_tokens("not json", _chars) == len("not json")


def test_a_request_is_named_by_its_template_instructions() -> None:
    name = task_names({"proposal": "You extract facts", "positions": "You list who"})
    assert name("You list who states a position.\nMore") == "positions"
    assert name("Something else\nentirely") == "Something else"


def test_the_floors_add_up() -> None:
    counts = account([("a", _messages("S " + SCHEMA_MARKER, "text"), '{"k": "v"}', 9)], _chars)
    rows = {r["variant"]: r for r in levers(counts, 3, read_per_s=10.0, write_ms=100.0)}
    today = rows["today, first run"]
    assert today["seconds"] == round(today["read"] / 10 + 9 * 0.1, 1)
    assert rows["only the values written"]["written"] == 1
    assert rows["each article read once, prefixes stored"]["read"] == 3
    assert rows["no schema text in the prefixes"]["read"] == today["read"] - len(SCHEMA_MARKER)
