"""The embedded llama.cpp server, with grammar-constrained greedy decoding made cheap.

Run as ``python -m service.backends.llama_server`` with llama_cpp.server's arguments.

llama-cpp-python samples a grammar-constrained greedy token by applying the grammar to
all 151,936 tokens of Qwen's vocabulary and then taking the best: on 2 cores that is
~40 ms per generated token, about as long as computing the token itself. The answer is
only ever the best token the grammar allows, so this server looks at the few best tokens
first and applies the grammar to those (as llama.cpp's own ``common_sampler`` does); it
falls back to the whole vocabulary only when none of them can be proved to be the answer.
The token chosen is the one the stock sampler chooses (``tests/test_fast_sampler.py``).

Other sampling settings (a temperature above 0, mirostat, logits processors, penalties
that raise logits) keep the stock sampler.

Generation goes through :class:`~service.backends.batching.BatchEngine`: ``--parallel N``
gives the context N KV sequences of ``--n_ctx`` tokens each, and up to N requests (the
server's own locks are lifted) are decoded together, one forward pass for all.
``--prefix_cache DIR`` keeps each task's instruction prefix on disk between runs
(:mod:`service.backends.prefix_cache`). Both flags are this module's own; the rest are
llama_cpp.server's.

Every model this process loads has ggml's extra buffer types (repacked weights) off unless
``--repack`` asks for them, and off where AMX could be used whatever is asked
(:func:`service.backends.cpu.use_extra_buffers`): their AMX kernel crashes on the bundled
model's Q4_K weights. Off is the default because with requests decoded together, reading
prompts is most of a run, and repacked weights read them ~1.5x slower on the CPUs
measured (README, Performance).
"""

from __future__ import annotations

import argparse
import ctypes
import sys
import weakref
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import llama_cpp
import numpy as np
from llama_cpp import _internals
from llama_cpp.llama_grammar import LlamaGrammar
from numpy.typing import NDArray

from .batching import BatchEngine
from .cpu import CpuInfo, cpu_info, use_extra_buffers
from .prefix_cache import PrefixCache

#: Best tokens tried before the whole vocabulary.
TOP_K = 256

_DATA_DTYPE = np.dtype([("id", np.intc), ("logit", np.single), ("p", np.single)], align=True)


Constrain = Callable[[NDArray[np.intc], NDArray[np.single]], NDArray[np.single]]


def greedy_pick(
    logits: NDArray[np.single], constrain: Constrain, top_k: int = TOP_K
) -> tuple[int, bool]:
    """``argmax(constrain(all tokens))``, computed on the ``top_k`` best tokens when it can be.

    ``constrain`` maps token ids and their logits to new logits and may only lower them
    (repetition penalties) or make them -inf (a grammar). Every token outside the top has
    a logit at most the top's lowest, so a constrained top token above that is the answer.
    Ties go to the lowest id, as in llama.cpp's greedy sampler. Returns the token and
    whether the whole vocabulary had to be constrained.
    """
    top = np.argpartition(logits, -top_k)[-top_k:]
    top.sort()
    values = constrain(top.astype(np.intc), logits[top])
    best = int(np.argmax(values))
    if values[best] > logits[top].min():
        return int(top[best]), False
    values = constrain(np.arange(len(logits), dtype=np.intc), logits)
    return int(np.argmax(values)), True


class _Candidates:
    """A llama_token_data_array over a numpy buffer, so numpy fills it and C reads it."""

    def __init__(self, capacity: int) -> None:
        self.data = np.zeros(capacity, dtype=_DATA_DTYPE)
        self.array = llama_cpp.llama_token_data_array(
            data=self.data.ctypes.data_as(llama_cpp.llama_token_data_p),
            size=0,
            selected=-1,
            sorted=False,
        )
        self.pointer = ctypes.pointer(self.array)

    def apply(
        self, samplers: list[Any], ids: NDArray[np.intc], logits: NDArray[np.single]
    ) -> NDArray[np.single]:
        """The logits of ``ids`` after the C ``samplers`` have been applied in order."""
        n = len(ids)
        self.data["id"][:n] = ids
        self.data["logit"][:n] = logits
        self.data["p"][:n] = 0.0
        self.array.size = n
        self.array.selected = -1
        self.array.sorted = False
        for sampler in samplers:
            llama_cpp.llama_sampler_apply(sampler, self.pointer)
        return self.data["logit"][:n]


class GreedyGrammarSampler:
    """Repetition penalty, grammar, greedy pick: the stock chain's answer, sooner.

    Stands in for ``llama_cpp._internals.LlamaSampler`` (``sample`` and ``close``).
    """

    def __init__(
        self,
        llama: llama_cpp.Llama,
        grammar: LlamaGrammar,
        penalty_last_n: int,
        repeat: float,
        freq: float,
        present: float,
    ) -> None:
        self.n_vocab = llama.n_vocab()
        self.grammar = llama_cpp.llama_sampler_init_grammar(
            llama._model.vocab, grammar._grammar.encode(), grammar._root.encode()
        )
        # Called exactly as the stock chain calls it, so the penalties are the same.
        self.penalties = llama_cpp.llama_sampler_init_penalties(
            self.n_vocab, penalty_last_n, repeat, freq, present
        )
        self.top = _Candidates(TOP_K)
        self.all = _Candidates(self.n_vocab)
        self.full_scans = 0
        self.samples = 0

    def _constrain(self, ids: NDArray[np.intc], logits: NDArray[np.single]) -> NDArray[np.single]:
        buffer = self.top if len(ids) <= TOP_K else self.all
        return buffer.apply([self.penalties, self.grammar], ids, logits)

    def sample(self, ctx: _internals.LlamaContext, idx: int) -> int:
        """The next token: the best one the grammar allows after the penalties."""
        pointer = llama_cpp.llama_get_logits_ith(ctx.ctx, idx)
        logits = np.ctypeslib.as_array(pointer, shape=(self.n_vocab,))
        token, scanned = greedy_pick(logits, self._constrain)
        self.full_scans += scanned
        llama_cpp.llama_sampler_accept(self.penalties, token)
        llama_cpp.llama_sampler_accept(self.grammar, token)
        self.samples += 1
        return token

    def close(self) -> None:
        """Free the C samplers."""
        for sampler in (self.grammar, self.penalties):
            if sampler is not None:
                llama_cpp.llama_sampler_free(sampler)
        self.grammar = self.penalties = None


_stock_init_sampler = llama_cpp.Llama._init_sampler


def _init_sampler(self: llama_cpp.Llama, *args: Any, **kwargs: Any) -> Any:
    """The fast sampler for grammar-constrained greedy decoding, else the stock one.

    Only penalties that lower logits keep ``greedy_pick``'s bound: a repeat penalty below
    1 or a negative frequency or presence penalty raises them, and gets the stock sampler.
    """
    grammar = kwargs.get("grammar")
    repeat = kwargs.get("repeat_penalty", 1.0)
    freq = kwargs.get("frequency_penalty", 0.0)
    present = kwargs.get("presence_penalty", 0.0)
    if (
        args
        or grammar is None
        or kwargs.get("temp", 0.8) != 0.0
        or kwargs.get("mirostat_mode", 0)
        or kwargs.get("logits_processor")
        or repeat < 1.0
        or freq < 0.0
        or present < 0.0
    ):
        return _stock_init_sampler(self, *args, **kwargs)
    return GreedyGrammarSampler(self, grammar, self.last_n_tokens_size, repeat, freq, present)


# Every model load of llama-cpp-python (Llama, LlamaModel, draft models) ends in this call.
_stock_load = llama_cpp.llama_cpp.llama_model_load_from_file


def system_info() -> str:
    """The features compiled into this llama.cpp build, as ggml reports them."""
    return bytes(llama_cpp.llama_print_system_info() or b"").decode("utf-8", "replace")


def guard_model_loads(cpu: CpuInfo | None = None, repack: bool = True) -> bool:
    """Load every model of this process with the extra buffer types safe for ``cpu``.

    ``repack=False`` turns them off everywhere (``llama-server --no-repack``). Returns
    whether they stay allowed (:func:`service.backends.cpu.use_extra_buffers`). The check
    sits on llama.cpp's load call itself, so no way of loading a model escapes it.
    """
    allowed = repack and use_extra_buffers(cpu or cpu_info(), system_info())

    def load(path_model: bytes, params: llama_cpp.llama_model_params) -> Any:
        # In place: the caller's params (Llama.model_params) then show what was used.
        params.use_extra_bufts = bool(params.use_extra_bufts) and allowed
        return _stock_load(path_model, params)

    llama_cpp.llama_cpp.llama_model_load_from_file = load
    return allowed


_stock_context_params = llama_cpp.llama_cpp.llama_context_default_params


def parallel_context_params(parallel: int) -> Callable[[], llama_cpp.llama_context_params]:
    """llama.cpp's default context parameters, with ``parallel`` KV sequences.

    One KV stream per sequence (not unified): each request gets its own n_ctx cells and
    attends over those only.
    """

    def params() -> llama_cpp.llama_context_params:
        made: llama_cpp.llama_context_params = _stock_context_params()
        made.n_seq_max = parallel
        made.kv_unified = False
        return made

    return params


#: The engine serving each model loaded in this process.
_engines: weakref.WeakKeyDictionary[llama_cpp.Llama, BatchEngine] = weakref.WeakKeyDictionary()


def install(
    prefix_cache: PrefixCache | None = None,
    cpu: CpuInfo | None = None,
    parallel: int = 1,
    repack: bool = False,
) -> None:
    """Make every ``llama_cpp.Llama`` in this process safe to load and fast to serve.

    Model loads keep ggml's repacked weights only with ``repack`` and never where its AMX
    path could be taken (:func:`guard_model_loads`);
    grammar-constrained greedy sampling uses :class:`GreedyGrammarSampler`; generation goes
    through a :class:`~service.backends.batching.BatchEngine` with ``parallel`` KV
    sequences of the requested ``n_ctx`` each, so up to ``parallel`` requests are decoded
    together, each restoring its instruction prefix from ``prefix_cache`` when given.
    """
    if guard_model_loads(cpu, repack):
        state = "on (--repack)"
    elif repack:
        state = "off (AMX present: its kernel crashes on Q4_K)"
    else:
        state = "off (the default; --repack turns them on)"
    print(f"summarise: ggml extra buffer types {state}", file=sys.stderr, flush=True)
    llama_cpp.Llama._init_sampler = _init_sampler  # type: ignore[method-assign]
    stock_init = llama_cpp.Llama.__init__
    stock_create = llama_cpp.Llama._create_completion

    def init(self: llama_cpp.Llama, *args: Any, **kwargs: Any) -> None:
        per_request = int(kwargs.get("n_ctx", 512))
        kwargs["n_ctx"] = per_request * parallel
        stock_init(self, *args, **kwargs)
        self._n_ctx = per_request  # what one request may use, as before
        _engines[self] = BatchEngine(self, prefix_cache)

    def generate(self: llama_cpp.Llama, tokens: Sequence[int], **kwargs: Any) -> Iterator[int]:
        kwargs.pop("reset", None)
        kwargs.pop("stopping_criteria", None)
        sampler = self._init_sampler(**kwargs)
        return _engines[self].generate(tokens, sampler)

    def create_completion(self: llama_cpp.Llama, *args: Any, **kwargs: Any) -> Any:
        # The chat formatter's only criterion stops on the template's end token, which is
        # end-of-generation for the bundled model and ends a request in the engine anyway;
        # the stock loop tests it against Llama's own evaluated tokens, which the engine
        # keeps per sequence instead.
        kwargs.pop("stopping_criteria", None)
        return stock_create(self, *args, **kwargs)

    llama_cpp.llama_cpp.llama_context_default_params = parallel_context_params(parallel)
    llama_cpp.Llama.__init__ = init  # type: ignore[method-assign]
    llama_cpp.Llama.generate = generate  # type: ignore[assignment]
    llama_cpp.Llama._create_completion = create_completion  # type: ignore[method-assign]


def _unlock_server() -> None:
    """Let llama_cpp.server hand concurrent requests to the model (the engine batches them).

    Its two module-level locks let one request at a time reach the model; they are looked
    up on each request, so no-op stand-ins let requests through together.
    """
    from llama_cpp.server import app

    class _Open:
        async def acquire(self) -> None:
            return None

        def release(self) -> None:
            return None

        def locked(self) -> bool:
            return False

    app.llama_outer_lock = _Open()  # type: ignore[assignment]
    app.llama_inner_lock = _Open()  # type: ignore[assignment]


def main() -> None:
    """Start llama_cpp.server with the fast sampler (and the prefix cache) installed."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--prefix_cache", type=Path)
    parser.add_argument("--parallel", type=int, default=1)
    parser.add_argument("--repack", action="store_true")
    ours, rest = parser.parse_known_args()
    cache = PrefixCache(ours.prefix_cache) if ours.prefix_cache else None
    install(cache, parallel=ours.parallel, repack=ours.repack)
    _unlock_server()
    from llama_cpp.server.__main__ import main as serve

    sys.argv[1:] = rest
    sys.argv[0] = "llama_cpp.server"
    serve()  # type: ignore[no-untyped-call]


if __name__ == "__main__":
    main()
