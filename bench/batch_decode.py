"""What a forward pass costs by the number of sequences in it, repacked weights on and off.

    python bench/batch_decode.py            # ~1 min on 2 cores

The bundled model, in this process, on llama-cpp-python's low-level API: a prompt of ~400
tokens is read once into B sequences, then each step decodes one token of each of the B
sequences together. Prints prompt reading (tokens/s) and, per B, the time of a step and
per token written, for ggml's repacked weights on (where the CPU allows them) and off.
This is what the embedded server's defaults rest on (``--parallel 4``, repacking off).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

import llama_cpp
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from service.backends.cpu import cpu_info, use_extra_buffers  # noqa: E402
from service.backends.llama_server import _stock_load, system_info  # noqa: E402
from service.backends.model_file import bundled_model  # noqa: E402
from service.config import Settings  # noqa: E402

PROMPT_TOKENS = 400
STEPS = 16


def _add(batch: Any, token: int, pos: int, seqs: list[int], logits: bool) -> None:
    i = batch.n_tokens
    batch.token[i], batch.pos[i], batch.n_seq_id[i] = token, pos, len(seqs)
    for j, seq in enumerate(seqs):
        batch.seq_id[i][j] = seq
    batch.logits[i] = logits
    batch.n_tokens += 1


def measure(path: Path, repack: bool, sizes: list[int]) -> list[dict[str, Any]]:
    """Prompt reading and decode steps for each batch size, one model load."""
    params = llama_cpp.llama_model_default_params()
    params.use_extra_bufts = repack
    model = _stock_load(str(path).encode(), params)
    cparams = llama_cpp.llama_context_default_params()
    cparams.n_ctx, cparams.n_batch, cparams.n_ubatch = 8192, 512, 512
    cparams.n_seq_max, cparams.kv_unified = max(sizes), True
    cparams.n_threads = cparams.n_threads_batch = 2
    ctx = llama_cpp.llama_init_from_model(model, cparams)
    vocab = llama_cpp.llama_model_get_vocab(model)
    text = (ROOT / "seeds").glob("*.txt").__next__().read_text(encoding="utf-8").encode()
    tokens = (llama_cpp.llama_token * 4096)()
    n = llama_cpp.llama_tokenize(vocab, text, len(text), tokens, 4096, False, False)
    prompt = list(tokens[: min(n, PROMPT_TOKENS)])
    memory = llama_cpp.llama_get_memory(ctx)
    batch = llama_cpp.llama_batch_init(512, 0, max(sizes))
    rows = []
    for size in sizes:
        llama_cpp.llama_memory_clear(memory, True)
        batch.n_tokens = 0
        for pos, token in enumerate(prompt):
            _add(batch, token, pos, list(range(size)), pos == len(prompt) - 1)
        started = time.perf_counter()
        assert llama_cpp.llama_decode(ctx, batch) == 0
        read = len(prompt) / (time.perf_counter() - started)
        started = time.perf_counter()
        for step in range(STEPS):
            batch.n_tokens = 0
            for seq in range(size):
                _add(batch, prompt[step], len(prompt) + step, [seq], True)
            assert llama_cpp.llama_decode(ctx, batch) == 0
        step_ms = (time.perf_counter() - started) / STEPS * 1000
        rows.append({"repacked": repack, "sequences": size, "read_tok_s": round(read),
                     "step_ms": round(step_ms), "ms_per_token": round(step_ms / size)})  # fmt: skip
    llama_cpp.llama_batch_free(batch)
    llama_cpp.llama_free(ctx)
    llama_cpp.llama_model_free(model)
    return rows


def main() -> None:
    """Print the table for this machine."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1,2,4,8")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    llama_cpp.llama_backend_init()
    path = bundled_model(Settings().models_dir)
    cpu = cpu_info()
    rows = measure(path, False, sizes)
    if use_extra_buffers(cpu, system_info()):
        rows += measure(path, True, sizes)
    caption = f"{cpu.model}; {' '.join(cpu.simd)}; {'AMX' if cpu.has_amx else 'no AMX'}"
    table = Table(title="one forward pass by sequences in it", caption=caption)
    for column in rows[0]:
        table.add_column(column, justify="right")
    for row in rows:
        table.add_row(*(str(v) for v in row.values()))
    Console(width=120).print(table)


if __name__ == "__main__":
    main()
