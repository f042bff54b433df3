"""Quality of the three built-in schemas on the challenge corpus and the seeds.

    python bench/eval.py                            # run every story (embedded model), score
    python bench/eval.py --splits dev               # tune on dev only
    python bench/eval.py --summaries runs/          # score saved `--schema all` JSONs
    python bench/eval.py --json eval.json --errors  # also write the figures, list errors

Splits: ``dev`` and ``test`` are the team's stories under ``bench/corpus/<split>/`` (one
folder of articles per story, gold in ``<story>.gold.json`` beside it); ``seeds`` are the
five reference articles (gold in ``tests/eval/gold.json``), kept for evaluation only.
``--summaries DIR`` reads ``DIR/<story>.json`` (``seeds.json`` for the seeds) instead of
running the pipeline. Pipeline settings come from the environment as for ``summarise``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from evaluation import add, evaluate, load_gold, rates  # bench/evaluation.py, beside this
from rich.console import Console
from rich.table import Table

from service import load_settings, summarise

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / "corpus"
SPLITS = ("dev", "test", "seeds")


def stories(split: str) -> list[tuple[str, Path, Path]]:
    """(name, article folder, gold file) of every story of ``split``."""
    if split == "seeds":
        return [("seeds", ROOT / "seeds", ROOT / "tests" / "eval" / "gold.json")]
    folder = CORPUS / split
    return [
        (d.name, d, folder / f"{d.name}.gold.json") for d in sorted(folder.iterdir()) if d.is_dir()
    ]


def score_split(
    split: str, summaries: Path | None, listed: list[tuple[str, Path, Path]] | None = None
) -> dict[str, Any]:
    """Summed counts and errors of every story of ``split`` (or of ``listed``, its stories)."""
    totals: dict[str, Any] = {}
    for name, folder, gold_file in stories(split) if listed is None else listed:
        if summaries is not None:
            saved = summaries / f"{name}.json"
            if not saved.is_file():
                print(f"{split}: no {saved}, {name} left out", file=sys.stderr)
                continue
            summary = json.loads(saved.read_text(encoding="utf-8"))
        else:
            summary = summarise(folder, "all", settings=load_settings()).to_dict()
        texts = {p.stem: p.read_text(encoding="utf-8") for p in folder.glob("*.txt")}
        add(totals, evaluate(summary, load_gold(gold_file), texts), name)
    return totals


def _fmt(value: Any) -> str:
    if value is None:
        return "-"
    return f"{value:.2f}" if isinstance(value, float) else str(value)


ROWS = (
    ("participants", "precision"), ("participants", "recall"), ("participants", "f1"),
    ("participants", "false_present"), ("participants", "status_accuracy"),
    ("positions", "precision"), ("positions", "recall"), ("positions", "stance_accuracy"),
    ("positions", "quote_recall"), ("positions", "speakers_found"),
    ("positions", "entries_per_speaker"), ("positions", "non_speakers"),
    ("positions", "split_persons"), ("positions", "role_filled"),
    ("positions", "affiliation_filled"),
    ("proposal", "items"), ("proposal", "precision"), ("proposal", "recall"),
    ("participants", "verbatim_rate"), ("positions", "verbatim_rate"),
    ("proposal", "verbatim_rate"),
    ("participants", "grounded_rate"), ("positions", "grounded_rate"),
    ("proposal", "grounded_rate"),
    ("run", "calls"), ("run", "seconds"),
)  # fmt: skip


def table(figures: dict[str, dict[str, Any]]) -> Table:
    """One row per figure, one column per split."""
    t = Table(title="quality: challenge corpus (dev, test) and seeds")
    t.add_column("schema")
    t.add_column("figure")
    for split in figures:
        t.add_column(split, justify="right")
    for schema, figure in ROWS:
        t.add_row(schema, figure, *(_fmt(figures[s][schema].get(figure)) for s in figures))
    return t


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--splits", default=",".join(SPLITS), help="comma-separated")
    parser.add_argument("--summaries", type=Path, help="folder of saved <story>.json")
    parser.add_argument("--json", type=Path, help="write figures and errors here")
    parser.add_argument("--errors", action="store_true", help="list every error")
    args = parser.parse_args()
    console = Console()
    figures, errors = {}, {}
    for split in args.splits.split(","):
        totals = score_split(split, args.summaries)
        figures[split] = rates(totals)
        errors[split] = {k: v["errors"] for k, v in totals.items()}
    console.print(table(figures))
    if args.errors:
        for split, by_schema in errors.items():
            for schema, lines in by_schema.items():
                for line in lines:
                    console.print(f"  {split} {schema}: {line}", markup=False)
    if args.json:
        args.json.write_text(
            json.dumps({"figures": figures, "errors": errors}, indent=2, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
