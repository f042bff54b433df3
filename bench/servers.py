"""Which server to embed: the recorded requests of a seeds run, sent to each candidate.

    python bench/servers.py --llama-server /path/to/llama-server            # default subset
    python bench/servers.py --llama-server PATH --requests 0 --json s.json  # every request

Candidates, each started cold on a free port with the bundled model and 2 threads:

- ``llama-cpp-python``: the embedded server of today (``service.backends.llama_server``,
  llama-cpp-python's server with its fast grammar sampler and its batch engine), with
  ``--parallel N`` KV sequences and N requests in flight;
- ``llama-server``: llama.cpp's own server, built from the llama.cpp sources of the
  llama-cpp-python source distribution (``vendor/llama.cpp``, target ``llama-server``),
  with ``--parallel N`` slots and continuous batching, repacked weights on or off.

The two servers' samplers differ where the pipeline sends no setting: llama-cpp-python's
server applies a repeat penalty of 1.1 over the last 64 *generated* tokens, llama-server
none by default, and when asked for one it also counts the prompt's last 64 tokens
(``init_sampler`` accepts every prompt token), which penalises copying the passage's own
words. Each llama-server variant names the penalty it is sent.

The requests are the bodies recorded in ``cassettes/seeds_all.yaml`` (every schema's
questions over the five seeds), so both servers get the same prompts, JSON schemas and
``max_tokens`` as the pipeline sends. Each is sent once in recorded order, either one at a
time or ``--concurrency`` at a time. The table gives wall time, prompt and completion
tokens, and how many answers equal the recorded one (greedy decoding; a batched server
may differ in the last digits of its logits). Measure on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx2
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tokens import answer_of, recorded_completions  # noqa: E402  bench/tokens.py, beside this

from service.backends.embedded import EmbeddedServer  # noqa: E402
from service.backends.model_file import MODEL_FILENAME  # noqa: E402
from service.config import load_settings  # noqa: E402

CASSETTE = ROOT / "cassettes" / "seeds_all.yaml"


def recorded(limit: int) -> list[tuple[dict[str, Any], str]]:
    """(request body, recorded answer) of the cassette, every task's share kept if limited."""
    pairs = [(body, answer_of(reply)) for body, reply in recorded_completions(CASSETTE)]
    if limit <= 0 or limit >= len(pairs):
        return pairs
    step = len(pairs) / limit  # spread over the run: every schema and article
    return [pairs[int(i * step)] for i in range(limit)]


class LlamaServer(EmbeddedServer):
    """llama.cpp's server with ``parallel`` slots, started and stopped as the embedded one."""

    def __init__(
        self, binary: Path, model: Path, parallel: int, n_ctx: int, *, repack: bool
    ) -> None:
        log = Path(tempfile.gettempdir()) / "bench-llama-server.log"
        super().__init__(
            model, alias="bench", n_ctx=n_ctx * parallel, log_path=log, parallel=parallel,
            repack=repack,
        )  # fmt: skip
        self.binary = binary

    def command(self) -> list[str]:
        """llama-server's command line: the same model, context per slot and threads."""
        threads = str(os.cpu_count() or 1)
        return [
            str(self.binary), "--model", str(self.model_path), "--host", "127.0.0.1",
            "--port", str(self.port), "--ctx-size", str(self.n_ctx),
            "--parallel", str(self.parallel), "--threads", threads, "--threads-batch", threads,
            "--no-webui", "--alias", self.alias, *([] if self.repack else ["--no-repack"]),
        ]  # fmt: skip


@contextmanager
def ours(model: Path, n_ctx: int, parallel: int) -> Iterator[str]:
    """Today's embedded server with ``parallel`` KV sequences and an empty prefix store."""
    with tempfile.TemporaryDirectory() as prefixes:
        log = Path(prefixes) / "server.log"
        with EmbeddedServer(
            model, alias="bench", n_ctx=n_ctx, log_path=log, prefix_cache=Path(prefixes),
            parallel=parallel,
        ) as server:  # fmt: skip
            yield server.base_url


def send(
    base_url: str,
    requests: list[tuple[dict[str, Any], str]],
    concurrency: int,
    settings: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Send every request (with extra sampling ``settings``); wall time, tokens, equal answers."""
    client = httpx2.Client(timeout=900)
    extra = {**(settings or {}), "model": "bench"}

    def one(pair: tuple[dict[str, Any], str]) -> tuple[dict[str, Any], bool]:
        body, expected = pair
        reply = client.post(f"{base_url}/chat/completions", json={**body, **extra})
        reply.raise_for_status()
        data = reply.json()
        return data["usage"], data["choices"][0]["message"]["content"] == expected

    start = time.monotonic()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(one, requests))
    wall = time.monotonic() - start
    return {
        "wall_s": round(wall, 1),
        "requests": len(requests),
        "prompt_tokens": sum(u["prompt_tokens"] for u, _ in results),
        "completion_tokens": sum(u["completion_tokens"] for u, _ in results),
        "same_answer": sum(same for _, same in results),
    }


def main() -> None:
    """Run each candidate on the same requests and print one table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--llama-server", type=Path, required=True, help="llama-server binary")
    parser.add_argument("--requests", type=int, default=24, help="0: all recorded requests")
    parser.add_argument("--parallel", default="1,4", help="slots (KV sequences) to try")
    parser.add_argument(
        "--penalties", default="1.0,1.1", help="repeat penalties to send llama-server (1 slot)"
    )
    parser.add_argument("--repack", action="store_true", help="also try repacked weights")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    settings = load_settings()
    model = settings.models_dir / MODEL_FILENAME
    n_ctx = settings.n_ctx
    requests = recorded(args.requests)
    rows: list[dict[str, Any]] = []
    slots_tried = [int(n) for n in args.parallel.split(",")]
    for slots in slots_tried:
        with ours(model, n_ctx, slots) as url:
            row = send(url, requests, slots)
            rows.append({"server": "llama-cpp-python (ours, batch engine)", "slots": slots, **row})
    variants = [(1, float(p), False) for p in args.penalties.split(",")]
    # Several slots with the penalty that answers closest to ours (see the module docstring).
    variants += [(n, 1.1, False) for n in slots_tried if n > 1]
    if args.repack:
        variants.append((1, 1.0, True))
    for slots, penalty, repack in variants:
        with LlamaServer(args.llama_server, model, slots, n_ctx, repack=repack) as server:
            row = send(server.base_url, requests, slots, {"repeat_penalty": penalty})
            name = f"llama-server, penalty {penalty}" + (", repacked" if repack else "")
            rows.append({"server": name, "slots": slots, **row})
    table = Table(title=f"{len(requests)} recorded requests of the seeds run")
    for column in rows[0]:
        table.add_column(column)
    for row in rows:
        table.add_row(*(str(v) for v in row.values()))
    Console().print(table)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
