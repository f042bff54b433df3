"""The batch engine decodes concurrent requests together and answers each as if alone.

Live (the bundled model in this process, three KV sequences of 512 tokens; about a
minute on 2 cores): requests sent from threads at once share forward passes and get the
answers they get one at a time; a slot keeps its prompt for the next request that starts
the same way; a request that gives up frees its slot; a prompt that does not fit its
sequence fails alone and the engine goes on.
"""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Iterator
from typing import Any

import pytest

llama_cpp = pytest.importorskip("llama_cpp")
from llama_cpp.llama_grammar import LlamaGrammar  # noqa: E402

from service.backends.batching import BatchEngine, DecodeError, common_prefix  # noqa: E402
from service.backends.llama_server import guard_model_loads, parallel_context_params  # noqa: E402
from service.backends.model_file import bundled_model  # noqa: E402
from service.config import Settings  # noqa: E402

SEQUENCES = 3
PER_SEQUENCE = 512
SCHEMA = {
    "type": "object",
    "properties": {"countries": {"type": "array", "items": {"type": "string"}}},
    "required": ["countries"],
}
SENTENCES = [
    "France, Germany and Italy met in Rome on Tuesday.",
    "Spain and Portugal signed a border deal in Lisbon.",
    "Kenya and Ethiopia sent engineers to Somalia.",
]


@pytest.mark.parametrize(
    "a,b,n", [([1, 2, 3], [1, 2, 4], 2), ([], [1], 0), ([1, 2], [1, 2, 3], 2), ([5], [6], 0)]
)
def test_common_prefix(a: list[int], b: list[int], n: int) -> None:
    assert common_prefix(a, b) == n


@pytest.fixture(scope="module")
def model() -> Iterator[Any]:
    """The bundled model with SEQUENCES KV sequences, as the server loads it."""
    guard_model_loads()
    stock = llama_cpp.llama_cpp.llama_context_default_params
    llama_cpp.llama_cpp.llama_context_default_params = parallel_context_params(SEQUENCES)
    try:
        llama = llama_cpp.Llama(
            str(bundled_model(Settings().models_dir)),
            n_ctx=SEQUENCES * PER_SEQUENCE,
            n_threads=2,
            verbose=False,
        )
    finally:
        llama_cpp.llama_cpp.llama_context_default_params = stock
    yield llama
    llama.close()


@pytest.fixture
def engine(model: Any) -> Iterator[BatchEngine]:
    made = BatchEngine(model)
    yield made
    made.close()


def _prompt(llama: Any, sentence: str, instructions: str = "List the countries named.") -> Any:
    text = (
        f"<|im_start|>system\n{instructions}<|im_end|>\n"
        f"<|im_start|>user\n{sentence}<|im_end|>\n<|im_start|>assistant\n"
    )
    return llama.tokenize(text.encode(), add_bos=False, special=True)


def _ask(engine: BatchEngine, prompt: Any, limit: int = 40) -> str:
    grammar = LlamaGrammar.from_json_schema(json.dumps(SCHEMA), verbose=False)
    sampler = engine.llama._init_sampler(temp=0.0, repeat_penalty=1.1, grammar=grammar)
    tokens = list(itertools.islice(engine.generate(prompt, sampler), limit))
    return str(engine.llama.detokenize(tokens).decode())


@pytest.mark.live
def test_requests_in_flight_together_answer_as_one_at_a_time(engine: BatchEngine) -> None:
    prompts = [_prompt(engine.llama, s) for s in SENTENCES]
    alone = [_ask(engine, p) for p in prompts]
    assert engine.shared_steps == 0
    together: dict[int, str] = {}
    threads = [
        threading.Thread(target=lambda i=i: together.__setitem__(i, _ask(engine, prompts[i])))
        for i in range(len(prompts))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [together[i] for i in range(len(prompts))] == alone
    assert "Portugal" in alone[1] and "Ethiopia" in alone[2]
    assert engine.shared_steps > 0  # the three were decoded in the same forward passes


@pytest.mark.live
def test_a_slot_keeps_its_prompt_for_the_next_request(engine: BatchEngine) -> None:
    instructions = "Name every country the sentence names, as it spells them. " * 6
    first = _prompt(engine.llama, SENTENCES[0], instructions)
    _ask(engine, first)
    before = engine.evaluated
    second = _prompt(engine.llama, SENTENCES[1], instructions)
    _ask(engine, second)
    # Only what follows the shared instructions was read again.
    assert engine.evaluated - before == len(second) - common_prefix(first, second)


@pytest.mark.live
def test_a_request_given_up_frees_its_slot(engine: BatchEngine) -> None:
    prompts = [_prompt(engine.llama, s) for s in SENTENCES]
    for prompt in prompts:  # each stops after two tokens, as a stop string would
        assert _ask(engine, prompt, limit=2)
    assert "Spain" in _ask(engine, prompts[1])
    assert all(slot.request is None for slot in engine.slots)


@pytest.mark.live
def test_a_prompt_too_long_for_its_sequence_fails_alone(engine: BatchEngine) -> None:
    long = _prompt(engine.llama, "Norway and Chile. " * 200)
    assert len(long) > PER_SEQUENCE
    with pytest.raises(DecodeError):
        _ask(engine, long)
    assert "France" in _ask(engine, _prompt(engine.llama, SENTENCES[0]))
