"""The embedded server's greedy grammar sampler picks what the stock chain picks.

``service.backends.llama_server`` applies the grammar to the best few tokens first and
to the whole vocabulary only when it must. ``greedy_pick`` is checked against the full
scan on random and adversarial logits; then (live, about 15 s on 2 cores) the bundled
model generates the same answers with both samplers, token for token, including under a
grammar that none of the best tokens fit.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest

llama_cpp = pytest.importorskip("llama_cpp")
from service.backends import llama_server  # noqa: E402

MESSAGES = [
    {"role": "system", "content": "You extract facts as JSON."},
    {
        "role": "user",
        "content": "Defence ministers met in Oslo on Friday. Finland sent Antti Koski; "
        "Latvia did not reply. List the countries and what each did.",
    },
]
SCHEMA = {
    "type": "object",
    "properties": {
        "countries": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "did": {"type": "string"}},
                "required": ["name", "did"],
            },
        }
    },
    "required": ["countries"],
}
#: A grammar the model would never choose: its tokens are not among the best ones.
UNLIKELY = 'root ::= "zq" [0-9] [0-9] [0-9] "xj"'


def _reference(logits: np.ndarray, constrain: llama_server.Constrain) -> int:
    return int(np.argmax(constrain(np.arange(len(logits), dtype=np.intc), logits)))


def _constraint(
    rng: np.random.Generator, n: int, invalid: float, penalised: float
) -> llama_server.Constrain:
    """A grammar forbidding a random share of tokens and a penalty on another share."""
    forbidden = rng.random(n) < invalid
    hit = rng.random(n) < penalised

    def constrain(ids: np.ndarray, logits: np.ndarray) -> np.ndarray:
        out = logits.astype(np.single).copy()
        out[hit[ids]] = np.where(out[hit[ids]] > 0, out[hit[ids]] / 3, out[hit[ids]] * 3)
        out[forbidden[ids]] = -np.inf
        return out

    return constrain


@pytest.mark.parametrize("invalid,penalised", [(0.0, 0.0), (0.5, 0.1), (0.9, 0.5), (0.999, 0.9)])
def test_greedy_pick_is_the_full_scan(invalid: float, penalised: float) -> None:
    rng = np.random.default_rng(7)
    for _ in range(200):
        logits = (rng.standard_normal(5000) * 4).astype(np.single)
        constrain = _constraint(rng, 5000, invalid, penalised)
        token, _ = llama_server.greedy_pick(logits, constrain, top_k=64)
        assert token == _reference(logits, constrain)


def test_a_penalised_best_token_defers_to_the_whole_vocabulary() -> None:
    """The top's only valid token, penalised below a token outside the top, loses to it."""
    logits = np.arange(100, dtype=np.single)  # token 99 best, 0 worst
    valid = {99, 10}

    def constrain(ids: np.ndarray, values: np.ndarray) -> np.ndarray:
        out = np.where(np.isin(ids, list(valid)), values, -np.inf).astype(np.single)
        return np.where(ids == 99, out - 95, out).astype(np.single)  # 99 → 4 < 10

    assert llama_server.greedy_pick(logits, constrain, top_k=8) == (10, True)
    assert llama_server.greedy_pick(logits, constrain, top_k=100) == (10, False)


def test_ties_go_to_the_lowest_token() -> None:
    logits = np.zeros(50, dtype=np.single)
    logits[[7, 3, 30]] = 5.0
    token, scanned = llama_server.greedy_pick(logits, lambda ids, v: v.copy(), top_k=4)
    assert (token, scanned) == (3, False)


def _answer(model: Any, fast: bool, **kwargs: Any) -> tuple[str, Any]:
    chosen = llama_server._init_sampler if fast else llama_server._stock_init_sampler
    model._init_sampler = chosen.__get__(model)  # on the instance: the class stays stock
    try:
        out = model.create_chat_completion(
            MESSAGES, temperature=0.0, repeat_penalty=1.1, max_tokens=60, **kwargs
        )
    finally:
        del model._init_sampler
    return out["choices"][0]["message"]["content"], model._sampler


@pytest.mark.live
def test_schema_answer_is_the_stock_answer(llama: Any) -> None:
    fmt = {"type": "json_object", "schema": SCHEMA}
    stock, stock_sampler = _answer(llama, False, response_format=fmt)
    fast, sampler = _answer(llama, True, response_format=fmt)
    assert not isinstance(stock_sampler, llama_server.GreedyGrammarSampler)
    assert isinstance(sampler, llama_server.GreedyGrammarSampler)
    assert fast == stock
    assert json.loads(fast)["countries"]  # a real answer, not an empty one
    assert sampler.samples > 20
    assert sampler.full_scans < sampler.samples / 4  # the shortcut is the common path


@pytest.mark.live
def test_a_grammar_outside_the_best_tokens_scans_the_vocabulary(llama: Any) -> None:
    grammar = llama_cpp.LlamaGrammar.from_string(UNLIKELY, verbose=False)
    stock, _ = _answer(llama, False, grammar=grammar)
    fast, sampler = _answer(llama, True, grammar=grammar)
    assert fast == stock
    assert fast.startswith("zq") and fast.endswith("xj") and len(fast) == 7
    assert sampler.full_scans >= 1


@pytest.mark.live
@pytest.mark.parametrize(
    "settings",
    [
        {"temp": 0.7},
        {"temp": 0.0, "repeat_penalty": 0.9},
        {"temp": 0.0, "presence_penalty": -0.5},
        {"temp": 0.0, "frequency_penalty": -0.1},
    ],
)
def test_other_sampling_settings_keep_the_stock_sampler(
    llama: Any, settings: dict[str, float]
) -> None:
    grammar = llama_cpp.LlamaGrammar.from_string(UNLIKELY, verbose=False)
    sampler = llama_server._init_sampler(llama, grammar=grammar, **settings)
    assert not isinstance(sampler, llama_server.GreedyGrammarSampler)
    assert isinstance(
        llama_server._init_sampler(llama, grammar=grammar, temp=0.0),
        llama_server.GreedyGrammarSampler,
    )
