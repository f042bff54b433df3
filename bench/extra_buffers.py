"""What ggml's extra buffer types (weight repacking) are worth on this CPU.

    python bench/extra_buffers.py              # prints a table; ~1 minute on 2 cores

The embedded server turns them off only where AMX could be used (its kernel crashes on
Q4_K weights, see ``service/backends/cpu.py``). This measures, on the machine at hand, what
turning them off everywhere would cost: prefill and decode speed of the bundled model in
this process, loaded once with them on and once off. On a CPU with AMX only "off" runs.
Each setting is loaded in a child process, so one load's buffers never affect the other.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
PROMPT = "The delegations reviewed the draft agreement line by line. " * 40
DECODE = 64
REPEATS = 3

_CHILD = """
import json, sys, time
sys.path.insert(0, {root!r})
import llama_cpp
from service.backends.model_file import bundled_model
from service.config import Settings
extra = {extra!r}
load = llama_cpp.llama_cpp.llama_model_load_from_file
def forced(path, params):
    params.use_extra_bufts = extra
    return load(path, params)
llama_cpp.llama_cpp.llama_model_load_from_file = forced
llama = llama_cpp.Llama(str(bundled_model(Settings().models_dir)), n_ctx=2048, n_threads=2,
                        n_threads_batch=2, seed=0, verbose=False)
tokens = llama.tokenize({prompt!r}.encode())
rows = []
for _ in range({repeats}):
    llama.reset()
    began = time.perf_counter()
    llama.eval(tokens)
    prefill = time.perf_counter() - began
    began = time.perf_counter()
    for _ in range({decode}):
        llama.eval([llama.sample(temp=0.0)])
    rows.append((prefill, time.perf_counter() - began))
print(json.dumps({{"tokens": len(tokens), "runs": rows}}))
"""


def measure(extra: bool) -> dict[str, float]:
    """Best-of-REPEATS prefill tokens/s and decode ms/token with extra buffers on or off."""
    code = _CHILD.format(root=str(ROOT), extra=extra, prompt=PROMPT, repeats=REPEATS, decode=DECODE)
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    data = json.loads(out.strip().splitlines()[-1])
    prefill = min(run[0] for run in data["runs"])
    decode = min(run[1] for run in data["runs"])
    return {
        "prompt_tokens": data["tokens"],
        "prefill_tps": data["tokens"] / prefill,
        "decode_ms": 1000 * decode / DECODE,
    }


def main() -> None:
    """Print the table (and the CPU it ran on)."""
    sys.path.insert(0, str(ROOT))
    from service.backends.cpu import cpu_info

    cpu = cpu_info()
    settings = [False] if cpu.has_amx else [True, False]
    table = Table(title=f"ggml extra buffer types on {cpu.model} ({' '.join(cpu.simd)})")
    for column in ("extra buffers", "prompt tokens", "prefill tokens/s", "decode ms/token"):
        table.add_column(column)
    for extra in settings:
        row = measure(extra)
        table.add_row(
            "on" if extra else "off",
            str(row["prompt_tokens"]),
            f"{row['prefill_tps']:.0f}",
            f"{row['decode_ms']:.1f}",
        )
    Console().print(table)


if __name__ == "__main__":
    main()
