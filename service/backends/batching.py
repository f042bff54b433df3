"""Concurrent requests decoded together: one forward pass serves every sequence in flight.

On 2 cores a forward pass of the bundled model over a few tokens costs far less than as
many passes over one: without repacked weights (the default) one token took 76 ms, four
tokens of four sequences together 171 ms, eight 269 ms (Intel Xeon, family 6 model 207;
``bench/batch_decode.py`` measures it and prints the machine). llama-cpp-python's server
answers one request at a time, so this engine takes over ``Llama.generate``: each
request's prompt goes into one of ``n_seq_max`` KV sequences ("slots"), and one thread
builds each ``llama_decode`` batch from the next token of every sequence that is writing
plus as much of the waiting prompts as fits.

What each request gets is what it got alone: its own sampler (the fast grammar sampler
or the stock chain, with its penalties over its own generated tokens), the KV cache of its
slot's previous prompt where the two agree (a slot is chosen by the longest common
prefix, so one article's questions keep landing where its passage already is), and the
stored instruction prefixes of :mod:`service.backends.prefix_cache`. Only llama.cpp's
arithmetic differs with the batch it runs in, which can change a greedy token where two
are nearly tied.
"""

from __future__ import annotations

import queue
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import llama_cpp

from .prefix_cache import PrefixCache


class Sampler(Protocol):
    """llama-cpp-python's ``LlamaSampler`` or the fast grammar sampler."""

    def sample(self, ctx: Any, idx: int) -> int: ...  # noqa: D102

    def close(self) -> None: ...  # noqa: D102


class DecodeError(RuntimeError):
    """llama.cpp refused a batch (no room left in a sequence's KV cache, or worse)."""


_DONE = object()


@dataclass(eq=False)
class _Request:
    prompt: list[int]
    sampler: Sampler
    out: queue.SimpleQueue[Any] = field(default_factory=queue.SimpleQueue)
    pending: list[int] = field(default_factory=list)
    next_token: int | None = None
    store_at: int = 0
    store_key: str = ""
    parked_on: str = ""
    cancelled: bool = False
    finished: bool = False
    # For the log line of each request: when it came and was placed, what it cost.
    arrived: float = field(default_factory=time.monotonic)
    placed: float = 0.0
    kept: int = 0
    read: int = 0
    written: int = 0


@dataclass(eq=False)
class _Slot:
    seq: int
    tokens: list[int] = field(default_factory=list)
    request: _Request | None = None
    last_used: int = 0


def common_prefix(a: Sequence[int], b: Sequence[int]) -> int:
    """How many leading tokens ``a`` and ``b`` share."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


class BatchEngine:
    """Decodes the requests of many threads together on one llama context."""

    def __init__(
        self,
        llama: llama_cpp.Llama,
        prefix_cache: PrefixCache | None = None,
        *,
        log: Callable[[str], None] | None = None,
    ) -> None:
        self.llama = llama
        self._log = log or (lambda message: print(message, file=sys.stderr, flush=True))
        self.prefix_cache = prefix_cache
        self.n_batch = int(llama.n_batch)
        self.slots = [_Slot(seq) for seq in range(int(llama.context_params.n_seq_max))]
        self._memory = llama_cpp.llama_get_memory(llama._ctx.ctx)
        self._batch = llama_cpp.llama_batch_init(self.n_batch, 0, 1)
        self._waiting: deque[_Request] = deque()
        self._cond = threading.Condition()
        self._clock = 0
        self._closed = False
        #: Forward passes run, how many carried more than one sequence, prompt tokens read.
        self.steps = 0
        self.shared_steps = 0
        self.evaluated = 0
        self._thread = threading.Thread(target=self._run, name="batch-engine", daemon=True)
        self._thread.start()

    def generate(self, prompt: Sequence[int], sampler: Sampler) -> Iterator[int]:
        """The tokens sampled after ``prompt``, until the caller stops or one is end-of-text.

        The caller closing the iterator (a stop string, ``max_tokens``) ends the request.
        """
        request = _Request(list(prompt), sampler)
        with self._cond:
            self._waiting.append(request)
            self._cond.notify()
        try:
            while True:
                item = request.out.get()
                if item is _DONE:
                    return
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            with self._cond:
                request.cancelled = True
                self._cond.notify()

    def close(self) -> None:
        """Stop the engine thread; requests in flight are told so."""
        with self._cond:
            self._closed = True
            self._cond.notify()
        self._thread.join()
        llama_cpp.llama_batch_free(self._batch)

    # The engine thread -------------------------------------------------------------------

    def _run(self) -> None:
        while True:
            with self._cond:
                self._retire()
                self._admit()
                while not any(slot.request for slot in self.slots) and not self._closed:
                    self._cond.wait()
                    self._retire()
                    self._admit()
                if self._closed:
                    while self._waiting:
                        request = self._waiting.popleft()
                        request.out.put(DecodeError("the engine was closed"))
                        request.sampler.close()
                    for slot in self.slots:
                        if slot.request is not None:
                            self._fail(slot, DecodeError("the engine was closed"))
                    return
            try:
                self._step()
            except Exception as exc:  # every request in flight hears of it
                self._fail_all(exc)

    def _retire(self) -> None:
        """Free the slots whose requests ended or were given up by their caller."""
        for slot in self.slots:
            request = slot.request
            if request is not None and (request.cancelled or request.finished):
                self._finish(slot)

    def _finish(self, slot: _Slot) -> None:
        request = slot.request
        if request is None:
            return
        slot.request = None
        if request.store_at:  # ended before its prefix was stored: the others read it
            self._unpark(request.store_key)
        request.next_token = None
        request.finished = True
        request.sampler.close()
        request.out.put(_DONE)
        now = time.monotonic()
        others = sum(s.request is not None for s in self.slots)
        self._log(
            f"batch engine: sequence {slot.seq} kept {request.kept} prompt tokens, read "
            f"{request.read}, wrote {request.written} in {now - request.arrived:.1f} s "
            f"(waited {max(request.placed - request.arrived, 0.0):.1f} s); {others} others "
            "in flight"
        )

    def _admit(self) -> None:
        """Give waiting requests the free slot whose KV cache shares most of their prompt."""
        while self._waiting:
            free = [slot for slot in self.slots if slot.request is None]
            if not free:
                return
            request = self._waiting.popleft()
            if request.cancelled:
                request.sampler.close()
                continue
            slot = max(free, key=lambda s: (common_prefix(s.tokens, request.prompt), -s.last_used))
            self._clock += 1
            slot.last_used = self._clock
            slot.request = request
            try:
                self._place(slot, request)
            except Exception as exc:  # this request hears of it
                self._fail(slot, exc)

    def _place(self, slot: _Slot, request: _Request) -> None:
        """Keep the slot's KV cache as far as it matches; restore or mark a stored prefix."""
        prompt = request.prompt
        # At least the prompt's last token is evaluated: its logits give the first token.
        keep = max(0, min(common_prefix(slot.tokens, prompt), len(prompt) - 1))
        cache = self.prefix_cache
        if cache is not None:
            split = cache.split(self.llama, prompt)
            if split is not None and keep < split[0]:
                end, key = split
                if cache.restore(self.llama._ctx.ctx, slot.seq, key, end):
                    keep = end
                    slot.tokens = prompt[:end]
                elif self._storing(key):
                    # Another sequence is reading these instructions now: wait for it to
                    # store them instead of reading them again here.
                    request.parked_on = key
                    return
                else:
                    # A refused state leaves the sequence empty.
                    held = llama_cpp.llama_memory_seq_pos_max(self._memory, slot.seq) + 1
                    keep = min(keep, held)
                    request.store_at, request.store_key = end, key
        llama_cpp.llama_memory_seq_rm(self._memory, slot.seq, keep, -1)
        del slot.tokens[keep:]
        request.pending = prompt[keep:]
        request.kept, request.placed = keep, time.monotonic()

    def _storing(self, key: str) -> bool:
        return any(
            s.request is not None and s.request.store_at and s.request.store_key == key
            for s in self.slots
        )

    def _unpark(self, key: str) -> None:
        """Place the requests that waited for ``key`` to be stored."""
        for slot in self.slots:
            request = slot.request
            if request is not None and request.parked_on == key:
                request.parked_on = ""
                try:
                    self._place(slot, request)
                except Exception as exc:  # this request hears of it
                    self._fail(slot, exc)

    def _step(self) -> None:
        """One ``llama_decode``: every writing sequence's next token, then prompt tokens."""
        batch = self._batch
        batch.n_tokens = 0
        outputs: list[tuple[_Slot, int]] = []
        busy = [slot for slot in self.slots if slot.request is not None]
        for slot in busy:
            request = slot.request
            assert request is not None
            if request.next_token is not None:
                outputs.append((slot, batch.n_tokens))
                self._add(slot, request.next_token, logits=True)
                request.next_token = None
        for slot in busy:
            request = slot.request
            assert request is not None
            room = self.n_batch - batch.n_tokens
            if not request.pending or room <= 0:
                continue
            take = min(room, len(request.pending))
            if request.store_at > len(slot.tokens):
                take = min(take, request.store_at - len(slot.tokens))
            chunk, request.pending = request.pending[:take], request.pending[take:]
            self.evaluated += len(chunk)
            request.read += len(chunk)
            for i, token in enumerate(chunk):
                last = not request.pending and i == len(chunk) - 1
                if last:
                    outputs.append((slot, batch.n_tokens))
                self._add(slot, token, logits=last)
        if batch.n_tokens == 0:
            return
        code = llama_cpp.llama_decode(self.llama._ctx.ctx, batch)
        self.steps += 1
        self.shared_steps += len({id(slot) for slot, _ in outputs}) > 1
        if code != 0:
            raise DecodeError(f"llama_decode returned {code} for a batch of {batch.n_tokens}")
        for slot in busy:
            request = slot.request
            if request is not None and request.store_at and request.store_at == len(slot.tokens):
                assert self.prefix_cache is not None
                self.prefix_cache.store(self.llama._ctx.ctx, slot.seq, request.store_key)
                request.store_at = 0
                self._unpark(request.store_key)
        for slot, index in outputs:
            self._sample(slot, index)

    def _add(self, slot: _Slot, token: int, *, logits: bool) -> None:
        batch, i = self._batch, self._batch.n_tokens
        batch.token[i] = token
        batch.pos[i] = len(slot.tokens)
        batch.n_seq_id[i] = 1
        batch.seq_id[i][0] = slot.seq
        batch.logits[i] = logits
        batch.n_tokens += 1
        slot.tokens.append(token)

    def _sample(self, slot: _Slot, index: int) -> None:
        request = slot.request
        assert request is not None
        if request.cancelled:
            return
        token = request.sampler.sample(self.llama._ctx, index)
        request.written += 1
        request.out.put(token)
        if llama_cpp.llama_vocab_is_eog(self.llama._model.vocab, token):
            request.finished = True
        else:
            request.next_token = token

    def _fail(self, slot: _Slot, exc: BaseException) -> None:
        request = slot.request
        if request is not None:
            request.out.put(exc)
        # What the failed batch left in this sequence is not known: start it afresh.
        llama_cpp.llama_memory_seq_rm(self._memory, slot.seq, 0, -1)
        slot.tokens = []
        self._finish(slot)

    def _fail_all(self, exc: BaseException) -> None:
        with self._cond:
            for slot in self.slots:
                if slot.request is not None:
                    self._fail(slot, exc)
