"""Speed and cost of a run over the seeds (or a corpus story) on the embedded model, with accuracy.

    python bench/perf.py          # naive, cold-serial, cold, new-articles, warm-answers, warm
    python bench/perf.py --only cold,warm      # a subset
    python bench/perf.py --json perf.json      # also write the figures
    python bench/perf.py --folder bench/corpus/test/guinea-escort   # a story of the corpus

Variants, each run in its own process so that wall time includes start-up and peak RSS is
that process's and its children's (the llama.cpp server's) high-water mark:

- naive: one instructor call per article per schema (Mode.TOOLS, the whole article, the
  model-facing draft schema), sequential, no cache; its drafts go through the same
  grounding and merge so that accuracy compares like with like;
- cold: ``summarise(seeds, "all")`` with empty caches, as on the first run ever; the
  embedded server decodes up to ``parallel`` (default 4) requests together;
- cold-serial: the same with one request at a time (``parallel`` 1), as before the
  server decoded requests together: the batching lever alone;
- new-articles: the same with an empty response cache but the instruction prefixes the
  cold run stored (``service.backends.prefix_cache``): every later run on new articles;
- warm-answers: the ``summarise`` command again on the cold run's response cache without
  its run cache: every answer from the cache, the rules run again (as after an upgrade);
- warm: the ``summarise`` command again on the cold run's cache: the run is replayed from
  the run cache (``service.runs``).

The table's caption (and each JSON row's ``cpu``) names the CPU, as ``summarise --doctor``
does: ratios hold on one machine, absolute times do not.

Accuracy comes from ``bench/evaluation.py`` against ``tests/eval/gold.json`` for the seeds,
or the story's ``<story>.gold.json`` beside a ``--folder`` of the challenge corpus. Measure on an
otherwise idle machine: the ratios are what matter.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
NAIVE_PROMPT = "Extract the {schema} from this news article. Use only what the article says."


def naive(out: Path, folder: Path = SEEDS) -> None:
    """One plain instructor call per article per schema; grounded and merged like ours."""
    import instructor
    import openai

    from schemas import ParticipantsDraft, PositionsDraft, ProposalDraft
    from service.backends import EmbeddedServer
    from service.backends.model_file import bundled_model
    from service.config import EMBEDDED_MODEL_ALIAS, Settings
    from service.documents import load_folder
    from service.ground import Article
    from service.result import RunInfo, SchemaResult, Summary
    from service.specs import builtin_specs

    drafts = {"proposal": ProposalDraft, "participants": ParticipantsDraft,
              "positions": PositionsDraft}  # fmt: skip
    settings = Settings()
    specs = builtin_specs()
    documents, _ = load_folder(folder)
    stats = {s: RunInfo(backend="embedded", model=EMBEDDED_MODEL_ALIAS) for s in drafts}
    records: dict[str, dict[str, Any]] = {s: {} for s in drafts}
    sources: dict[str, list[Any]] = {s: [] for s in drafts}
    with EmbeddedServer(
        bundled_model(settings.models_dir), alias=EMBEDDED_MODEL_ALIAS, n_ctx=settings.n_ctx,
        log_path=Path(tempfile.gettempdir()) / "summarise-bench-naive.log",
    ) as server:  # fmt: skip
        raw = openai.OpenAI(base_url=server.base_url, api_key="x", timeout=900)
        client = instructor.from_openai(raw, mode=instructor.Mode.TOOLS)
        requests = [0]
        client.on("completion:kwargs", lambda *a, **k: requests.__setitem__(0, requests[0] + 1))
        for doc in documents:
            for schema, model in drafts.items():
                info = doc.info()
                started = time.perf_counter()
                requests[0] = 0
                try:
                    draft, completion = client.chat.completions.create_with_completion(
                        model=EMBEDDED_MODEL_ALIAS,
                        messages=[
                            {"role": "system", "content": NAIVE_PROMPT.format(schema=schema)},
                            {"role": "user", "content": doc.text},
                        ],
                        response_model=model,
                        max_retries=1,
                        temperature=0,
                    )
                    usage = completion.usage
                    stats[schema].prompt_tokens += usage.prompt_tokens if usage else 0
                    stats[schema].completion_tokens += usage.completion_tokens if usage else 0
                    records[schema][doc.id] = specs[schema].ground(Article(doc.id, doc.text), draft)
                except Exception as exc:  # a naive loop fails in any way it can
                    info.status, info.reason = "failed", str(exc).splitlines()[0][:200]
                stats[schema].calls += max(requests[0], 1)
                stats[schema].reasks += max(requests[0] - 1, 0)
                stats[schema].seconds += time.perf_counter() - started
                sources[schema].append(info)
    summary = Summary(
        results={
            s: SchemaResult(
                schema_name=s,
                merged=specs[s].merge(records[s]),
                per_source=records[s],
                sources=sources[s],
                run=stats[s],
            )
            for s in drafts
        }
    )
    out.write_text(summary.to_json(), encoding="utf-8")


def cold(out: Path, cache: Path, folder: Path = SEEDS, parallel: int | None = None) -> None:
    """Our pipeline with an empty response cache, configured from the environment as the CLI is.

    So that a lever set by an environment variable (``SUMMARISE_SERVER_MODULE``, say) is
    measured by the same bench.
    """
    from service import load_settings, summarise

    overrides: dict[str, Any] = {"cache_dir": cache}
    if parallel is not None:
        overrides["parallel"] = parallel
    summary = summarise(folder, "all", settings=load_settings(overrides))
    out.write_text(summary.to_json(), encoding="utf-8")


def _measure(command: list[str]) -> tuple[float, int, int]:
    """Wall seconds, peak RSS (MiB) of the process and its children, and the exit code."""
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=ROOT)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - started
    return wall, usage.ru_maxrss // 1024, os.waitstatus_to_exitcode(status)


def gold_of(folder: Path) -> Path:
    """The gold annotation of the seeds, or of a story of the challenge corpus."""
    if folder.resolve() == SEEDS.resolve():
        return ROOT / "tests" / "eval" / "gold.json"
    return folder.parent / f"{folder.name}.gold.json"


def _row(name: str, wall: float, rss: int, summary: dict[str, Any], folder: Path) -> dict[str, Any]:
    from evaluation import add, evaluate, load_gold, rates  # bench/evaluation.py

    runs = [summary[s]["run"] for s in ("proposal", "participants", "positions")]
    texts = {p.stem: p.read_text(encoding="utf-8") for p in folder.glob("*.txt")}
    totals: dict[str, Any] = {}
    gold = load_gold(gold_of(folder))
    add(totals, evaluate(summary, gold, texts), folder.name)
    figures = rates(totals)
    p, q, r = figures["participants"], figures["positions"], figures["proposal"]
    failed = sum(src["status"] == "failed" for s in summary.values() for src in s["sources"])
    return {
        "variant": name,
        "wall_s": round(wall, 1),
        "calls": sum(x["calls"] for x in runs),
        "cache_hits": sum(x["cache_hits"] for x in runs),
        "prompt_tokens": sum(x["prompt_tokens"] for x in runs),
        "completion_tokens": sum(x["completion_tokens"] for x in runs),
        "reasks": sum(x["reasks"] for x in runs),
        "failed": failed,
        "peak_rss_mib": rss,
        "participants_f1": p["f1"],
        "false_present": p["false_present"],
        "positions_p_r": f"{q['precision']}/{q['recall']}",
        "entries_per_speaker": q["entries_per_speaker"],
        "proposal_p_r": f"{r['precision']}/{r['recall']}",
    }


def _cpu() -> str:
    """The CPU the figures were measured on, as ``summarise --doctor`` reports it."""
    from service.backends.cpu import cpu_info

    cpu = cpu_info()
    amx = "AMX" if cpu.has_amx else "no AMX"
    return f"{cpu.model}; {os.cpu_count() or 1} cores; {' '.join(cpu.simd)}; {amx}"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", default="naive,cold-serial,cold,new-articles,warm-answers,warm")
    parser.add_argument("--json", type=Path, help="write the rows here")
    parser.add_argument("--variant", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--cache", type=Path, help=argparse.SUPPRESS)
    parser.add_argument(
        "--folder", type=Path, default=SEEDS, help="the seeds, or a story of bench/corpus"
    )
    args = parser.parse_args()
    folder = args.folder.resolve()
    if args.variant == "naive":
        naive(args.out, folder)
        return 0
    if args.variant in ("cold", "new-articles", "cold-serial"):
        cold(args.out, args.cache, folder, 1 if args.variant == "cold-serial" else None)
        return 0

    work = Path(tempfile.mkdtemp(prefix="summarise-bench-"))
    cache = work / "cache"
    rows = []
    for name in args.only.split(","):
        out = work / f"{name}.json"
        run_cache = cache
        if name == "cold-serial":
            run_cache = work / "cache-serial"
        if name == "new-articles":
            run_cache = work / "cache-new-articles"
            shutil.copytree(cache / "prefixes", run_cache / "prefixes")
        if name == "warm-answers":
            run_cache = work / "cache-answers"
            shutil.copytree(cache, run_cache, ignore=shutil.ignore_patterns("runs"))
        if name in ("warm", "warm-answers"):
            command = ["summarise", str(folder), "-s", "all", "-q", "--cache-dir", str(run_cache),
                       "-o", str(out)]  # fmt: skip
        else:
            command = [sys.executable, __file__, "--variant", name, "--out", str(out),
                       "--cache", str(run_cache), "--folder", str(folder)]  # fmt: skip
        wall, rss, code = _measure(command)
        if code not in (0, 1):
            print(f"{name} exited with {code}", file=sys.stderr)
            return 1
        rows.append(_row(name, wall, rss, json.loads(out.read_text(encoding="utf-8")), folder))
        naive_wall = next((row["wall_s"] for row in rows if row["variant"] == "naive"), None)
        rows[-1]["x_naive"] = round(wall / naive_wall, 2) if naive_wall else None
        print(json.dumps(rows[-1]), file=sys.stderr)
    cpu = _cpu()
    table = Table(title=f"{folder.name} on the embedded model", caption=cpu)
    for column in rows[0]:
        table.add_column(column, justify="left" if column == "variant" else "right")
    for row in rows:
        table.add_row(*(str(v) for v in row.values()))
    Console(width=200).print(table)
    if args.json:
        rows = [{**row, "cpu": cpu} for row in rows]
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
