"""Evaluate extraction quality against the gold annotation of the seeds.

    python bench/eval.py                          # run the pipeline (embedded model), then score
    python bench/eval.py --summary summary.json   # score a saved `--schema all` JSON
    python bench/eval.py --json eval.json         # also write the metrics as JSON

Pipeline settings come from the environment as for `summarise` (OPENAI_BASE_URL, ...).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from evaluation import evaluate, load_gold  # bench/evaluation.py, beside this script
from rich.console import Console
from rich.table import Table

from service import load_settings, summarise

ROOT = Path(__file__).resolve().parent.parent


def _prf(m: dict) -> str:
    return f"{m['precision']:.2f} / {m['recall']:.2f} / {m['f1']:.2f}"


def table(metrics: dict) -> Table:
    t = Table(title="quality on the seeds")
    t.add_column("schema")
    t.add_column("metric")
    t.add_column("value", justify="right")
    p, q, r = metrics["participants"], metrics["positions"], metrics["proposal"]
    speakers = (
        f"{q['distinct_speakers_found']} ({q['distinct_speakers_right_stance']})"
        f" / {q['distinct_speakers_total']}"
    )
    rows = [
        ("participants", "precision / recall / F1", _prf(p)),
        ("participants", "status accuracy", f"{p['status_accuracy']:.2f}"),
        *[("participants", f"status {k}", v) for k, v in p["watched_statuses"].items()],
        ("participants", "grounded rate", f"{p['grounding']['grounded_rate']:.2f}"),
        ("positions", "precision / recall / F1", _prf(q)),
        ("positions", "stance accuracy", f"{q['stance_accuracy']:.2f}"),
        ("positions", "quote recall", f"{q['quote_recall']:.2f}"),
        ("positions", "distinct speakers (right stance)", speakers),
        ("positions", "grounded rate", f"{q['grounding']['grounded_rate']:.2f}"),
        ("proposal", "key facts covered", f"{r['covered']} / {r['total']} ({r['coverage']:.0%})"),
        ("proposal", "grounded rate", f"{r['grounding']['grounded_rate']:.2f}"),
        ("all", "evidence spans verbatim",
         f"{min(m['grounding']['verbatim_rate'] for m in (p, q, r)):.3f}"),
        ("all", "model calls", str(sum(x["calls"] for x in metrics["run"].values()))),
        ("all", "seconds", f"{sum(x['seconds'] for x in metrics['run'].values()):.0f}"),
    ]  # fmt: skip
    for row in rows:
        t.add_row(*row)
    return t


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--summary", type=Path, help="a saved `summarise --schema all` JSON")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--gold", type=Path, default=ROOT / "tests" / "eval" / "gold.json")
    parser.add_argument("--json", type=Path, help="write the metrics here")
    parser.add_argument("--errors", action="store_true", help="list every error")
    args = parser.parse_args()
    if args.summary:
        summary = json.loads(args.summary.read_text(encoding="utf-8"))
    else:
        summary = summarise(args.seeds, "all", settings=load_settings()).to_dict()
    texts = {p.stem: p.read_text(encoding="utf-8") for p in args.seeds.glob("*.txt")}
    metrics = evaluate(summary, load_gold(args.gold), texts)
    console = Console()
    console.print(table(metrics))
    console.print("distinct speakers:", metrics["positions"]["distinct_speakers"])
    console.print("key facts:", {k: v for k, v in metrics["proposal"]["facts"].items()})
    if args.errors:
        for schema in ("participants", "positions"):
            for error in metrics[schema]["errors"]:
                console.print(f"  {schema}: {error}")
    if args.json:
        args.json.write_text(
            json.dumps(metrics, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
