"""Concurrency against a remote endpoint, and scale, with a latency-injecting local server.

    python bench/concurrency.py                   # both tables
    python bench/concurrency.py --json conc.json

A local OpenAI-compatible server (``tests/fake_endpoint.py``) answers every chat
completion after a fixed latency with a schema-valid answer. Synthetic articles name no
country, so each costs exactly one model question (the event) and the ideal wall time of N
articles at concurrency C is N x latency / C; efficiency is that ideal over the measured
wall time. The scale run pushes 500 articles through and samples the process's RSS as
articles complete, to show that memory stays flat.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from service import Settings, summarise  # noqa: E402
from tests.fake_endpoint import fake_endpoint, schema_answer  # noqa: E402


def _rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Sampler:
    """A reporter that counts finished articles and samples RSS along the way."""

    def __init__(self, every: int) -> None:
        self.every = every
        self.done = 0
        self.samples: list[tuple[int, float]] = []

    def begin(self, total: int) -> None:
        self.samples.append((0, _rss_mib()))

    def step(self, article: str, schema: str, outcome: str) -> None:
        self.done += 1
        if self.done % self.every == 0:
            self.samples.append((self.done, _rss_mib()))

    def status(self, message: str) -> None: ...
    def assemble(self, done: int, total: int) -> None: ...


def _folder(n: int) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="summarise-conc-"))
    for i in range(n):
        (folder / f"{i:04d}.txt").write_text(
            f"Delegates met for round {i} of the talks in the capital on Tuesday. "
            f"Round {i} ended without a statement.",
            encoding="utf-8",
        )
    return folder


def run(n: int, concurrency: int, latency: float, every: int = 0) -> dict[str, Any]:
    """N articles at ``concurrency`` against an endpoint answering after ``latency`` s."""
    folder = _folder(n)
    sampler = Sampler(every or max(1, n // 10))
    with fake_endpoint(schema_answer(delay=latency)) as fake:
        settings = Settings(
            base_url=fake.base_url, model="bench", mode="json", grammar=True,
            concurrency=concurrency, cache_dir=Path(tempfile.mkdtemp()), use_cache=False,
        )  # fmt: skip
        started = time.monotonic()
        summary = summarise(folder, "participants", settings=settings, reporter=sampler)
        wall = time.monotonic() - started
    calls = summary["participants"].run.calls
    ideal = calls * latency / concurrency
    return {
        "articles": n,
        "concurrency": concurrency,
        "latency_s": latency,
        "calls": calls,
        "max_in_flight": fake.max_in_flight,
        "wall_s": round(wall, 2),
        "ideal_s": round(ideal, 2),
        "efficiency": round(ideal / wall, 3),
        "articles_per_s": round(n / wall, 1),
        "failed": sum(s.status == "failed" for s in summary["participants"].sources),
        "rss_mib": [(done, round(rss, 1)) for done, rss in sampler.samples],
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--json", type=Path)
    parser.add_argument("--latency", type=float, default=0.5)
    parser.add_argument("--scale-latency", type=float, default=1.0)
    args = parser.parse_args()
    console = Console(width=120)
    run(4, 2, 0.0)  # warm-up: the first request of a process imports openai and instructor
    rows = [run(64, c, args.latency) for c in (1, 4, 8, 16)]
    table = Table(title=f"64 articles, {args.latency} s latency per request")
    for column in ("concurrency", "calls", "max_in_flight", "wall_s", "ideal_s", "efficiency"):
        table.add_column(column, justify="right")
    for row in rows:
        table.add_row(*(str(row[c]) for c in ("concurrency", "calls", "max_in_flight",
                                              "wall_s", "ideal_s", "efficiency")))  # fmt: skip
    console.print(table)
    scale = run(500, 16, args.scale_latency, every=50)
    table = Table(title=f"scale: 500 articles, concurrency 16, {args.scale_latency} s latency")
    for column in ("wall_s", "ideal_s", "efficiency", "articles_per_s", "failed"):
        table.add_column(column, justify="right")
    table.add_row(*(str(scale[c]) for c in ("wall_s", "ideal_s", "efficiency",
                                            "articles_per_s", "failed")))  # fmt: skip
    console.print(table)
    rss = ", ".join(f"{done}: {mib:.0f}" for done, mib in scale["rss_mib"])
    console.print(f"RSS (MiB) after N article steps (event, then status): {rss}")
    if args.json:
        args.json.write_text(json.dumps({"concurrency": rows, "scale": scale}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
