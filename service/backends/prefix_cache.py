"""Instruction prefixes kept on disk between runs of the embedded server.

Every task's prompt is its instructions and worked examples, then one passage: the
conversation up to the last user turn is the same for every call of the task, in every
run. Within a run llama.cpp reuses it from the KV cache, but each run starts with an
empty one and reads the five tasks' ~4,400 instruction tokens again (~110 s on 2
cores; with them stored, the seeds took 831 s instead of 969 s).

This module stores the KV cache of such a prefix (llama.cpp's per-sequence state, ~28 KB
per token for the bundled model) in a diskcache store after it is first evaluated, and
restores it instead of evaluating it when a later request starts with the same tokens.
The tokens after the prefix are then evaluated as usual, so the model's answer depends
only on which KV values it attends to, and those are the stored bytes.

Only chat prompts that use ChatML (``<|im_start|>user``, Qwen's template) have a prefix
found; any other prompt is evaluated as if this module were not there. A stored state that
llama.cpp refuses is dropped and the prompt evaluated from the start.
"""

from __future__ import annotations

import ctypes
import hashlib
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import diskcache
import llama_cpp

#: The last user turn starts here in a ChatML prompt.
USER_TURN = b"<|im_start|>user\n"
#: Shorter prefixes are evaluated: restoring costs ~0.1 s, storing ~0.3 s.
MIN_PREFIX_TOKENS = 256
#: Disk the stored prefixes may take (least recently used ones go first).
SIZE_LIMIT = 1 << 30


def prefix_end(tokens: Sequence[int], marker: Sequence[int], start: int = 0) -> int | None:
    """Where the last ``marker`` in ``tokens`` begins, if at or after ``start``."""
    width = len(marker)
    first = marker[0]
    for i in range(len(tokens) - width, max(start, 0) - 1, -1):
        if tokens[i] == first and list(tokens[i : i + width]) == list(marker):
            return i
    return None


class PrefixCache:
    """Stored KV states of conversation prefixes, keyed by model, settings and tokens."""

    def __init__(self, directory: Path, *, log: Callable[[str], None] | None = None) -> None:
        self.directory = directory
        self._store = diskcache.Cache(
            str(directory), size_limit=SIZE_LIMIT, eviction_policy="least-recently-used"
        )
        self._log = log or (lambda message: print(message, file=sys.stderr, flush=True))
        self._markers: dict[int, list[int]] = {}
        self.restored = 0
        self.stored = 0

    def close(self) -> None:
        """Close the store."""
        self._store.close()

    def key(self, llama: llama_cpp.Llama, prefix: Sequence[int]) -> str:
        """What the KV values of ``prefix`` depend on: model file, library, batch sizes."""
        model = Path(llama.model_path)
        stat = model.stat()
        params = llama.context_params
        parts = (
            f"{model.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{llama_cpp.__version__}"
            f"|{params.n_batch}|{params.n_ubatch}|{params.type_k}|{params.type_v}"
            f"|{params.flash_attn_type}|{params.rope_freq_base}|{params.rope_freq_scale}|"
        )
        digest = hashlib.sha256(parts.encode())
        digest.update(",".join(map(str, prefix)).encode())
        return digest.hexdigest()

    def _marker(self, llama: llama_cpp.Llama) -> list[int]:
        if id(llama) not in self._markers:
            self._markers[id(llama)] = llama.tokenize(USER_TURN, add_bos=False, special=True)
        return self._markers[id(llama)]

    def split(self, llama: llama_cpp.Llama, prompt: Sequence[int]) -> tuple[int, str] | None:
        """Where ``prompt``'s conversation prefix ends and its key, if it is worth storing.

        The prefix is everything before the last user turn, at least MIN_PREFIX_TOKENS.
        """
        end = prefix_end(prompt, self._marker(llama))
        if not end or end < MIN_PREFIX_TOKENS:
            return None
        return end, self.key(llama, prompt[:end])

    def restore(self, ctx: llama_cpp.llama_context_p, seq: int, key: str, n_tokens: int) -> bool:
        """Put the stored state of ``key`` (``n_tokens`` tokens) into sequence ``seq``.

        False when nothing is stored; a state llama.cpp refuses is dropped and leaves the
        sequence empty.
        """
        try:
            state = self._store.get(key)
        except (OSError, sqlite3.Error) as exc:  # a damaged store is only a miss
            self._log(f"prefix cache: cannot read {self.directory}: {exc}")
            return False
        if not isinstance(state, bytes):
            return False
        memory = llama_cpp.llama_get_memory(ctx)
        llama_cpp.llama_memory_seq_rm(memory, seq, 0, -1)
        buffer = (ctypes.c_uint8 * len(state)).from_buffer_copy(state)
        read = llama_cpp.llama_state_seq_set_data(ctx, buffer, len(state), seq)
        if read != len(state):
            # Refused (another build or layout): this prompt starts from an empty sequence.
            llama_cpp.llama_memory_seq_rm(memory, seq, 0, -1)
            self._store.delete(key)
            self._log(f"prefix cache: dropped a stored prefix llama.cpp refused ({read} bytes)")
            return False
        self.restored += 1
        self._log(f"prefix cache: restored {n_tokens} prompt tokens")
        return True

    def store(self, ctx: llama_cpp.llama_context_p, seq: int, key: str) -> None:
        """Keep sequence ``seq``'s state (exactly the prefix of ``key``) under ``key``."""
        size = llama_cpp.llama_state_seq_get_size(ctx, seq)
        buffer = (ctypes.c_uint8 * size)()
        written = llama_cpp.llama_state_seq_get_data(ctx, buffer, size, seq)
        try:
            self._store.set(key, bytes(buffer)[:written])
        except (OSError, sqlite3.Error) as exc:  # a full disk costs speed, not the answer
            self._log(f"prefix cache: cannot write {self.directory}: {exc}")
            return
        self.stored += 1
        n_tokens = llama_cpp.llama_memory_seq_pos_max(llama_cpp.llama_get_memory(ctx), seq) + 1
        self._log(f"prefix cache: stored {n_tokens} prompt tokens ({written / 2**20:.1f} MiB)")
