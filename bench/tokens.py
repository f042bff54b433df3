"""Where a run's model time goes, counted from its recorded requests without running the model.

    python bench/tokens.py                                   # cassettes/seeds_all.yaml, seeds/
    python bench/tokens.py --json tokens.json --read-per-s 75 --write-ms 38

Every request of the cassette is rendered as the embedded server renders it (ChatML,
the bundled Qwen model's template), tokenised with the bundled model's vocabulary, and
replayed in recorded order against what the server keeps between requests: the previous
prompt in its KV cache (llama.cpp evaluates only what follows the longest common prefix)
and the instruction prefixes of the prefix store (:mod:`service.backends.prefix_cache`:
everything before the last user turn). Per task the table gives the calls, the prompt
tokens, the tokens read on a first run (empty store) and on a later one (prefixes stored),
the instruction prefix and the part of it that is the JSON schema instructor appends, and
the tokens written, split into the values (the strings and numbers of the answer) and the
JSON the grammar forces around them.

The second table is the floor of each lever the speed issue names, on the same requests:
no schema text in the prefixes, each article read once across all tasks (its tokens,
from ``--folder``), only the values written. Seconds are estimates at the rates given
(defaults: the AMD EPYC's server log, 75 prompt tokens a second and 38 ms a generated
token); ``bench/perf.py`` measures wall time.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from service.backends.batching import common_prefix  # noqa: E402  what the server keeps

Tokenize = Callable[[str], Sequence[int]]

#: The last user turn of a ChatML prompt: the prefix store keeps what comes before it.
USER_TURN = "<|im_start|>user\n"
#: instructor's JSON mode appends the schema to the system message from here on.
SCHEMA_MARKER = "As a genius expert"


@dataclass
class Counts:
    """One task's tokens over a run."""

    calls: int = 0
    prompt: int = 0
    read_first_run: int = 0
    read_later_run: int = 0
    prefix: int = 0
    schema: int = 0
    written: int = 0
    values: int = 0


def render(messages: Iterable[Mapping[str, str]]) -> str:
    """The prompt text of chat ``messages`` in ChatML, up to the assistant's turn."""
    turns = "".join(f"<|im_start|>{m['role']}\n{m['content']}<|im_end|>\n" for m in messages)
    return turns + "<|im_start|>assistant\n"


def _strings(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    if isinstance(node, str):
        return [node]
    if isinstance(node, bool) or node is None:
        return []
    return [json.dumps(node)]


def value_tokens(answer: str, tokenize: Tokenize) -> int:
    """Tokens of the answer's values (strings without their quotes, numbers)."""
    try:
        parsed = json.loads(answer)
    except json.JSONDecodeError:
        return len(tokenize(answer))
    return sum(len(tokenize(s)) for s in _strings(parsed) if s)


def account(
    requests: Iterable[tuple[str, list[dict[str, str]], str, int]], tokenize: Tokenize
) -> dict[str, Counts]:
    """Per task: (task, messages, answer, completion tokens) replayed in order."""
    counts: dict[str, Counts] = {}
    previous: Sequence[int] = ()
    stored: set[tuple[int, ...]] = set()
    for task, messages, answer, completion in requests:
        text = render(messages)
        tokens = tokenize(text)
        prefix = tuple(tokenize(text[: text.rfind(USER_TURN)]))
        kept = common_prefix(previous, tokens)
        c = counts.setdefault(task, Counts())
        c.calls += 1
        c.prompt += len(tokens)
        # On a first run a prefix is read once, then reused; on a later run it is on disk.
        c.read_first_run += len(tokens) - max(kept, len(prefix) if prefix in stored else 0)
        c.read_later_run += len(tokens) - max(kept, len(prefix))
        if prefix not in stored:
            system = messages[0]["content"] if messages[0]["role"] == "system" else ""
            at = system.find(SCHEMA_MARKER)
            c.prefix += len(prefix)
            c.schema += len(tokenize(system[at:])) if at >= 0 else 0
        stored.add(prefix)
        c.written += completion
        c.values += value_tokens(answer, tokenize)
        previous = tokens
    return counts


def task_names(systems: Mapping[str, str]) -> Callable[[str], str]:
    """A system message's task: the prompt template whose instructions it starts with."""

    def name(system: str) -> str:
        for task, instructions in systems.items():
            if system.startswith(instructions):
                return task
        return system.split("\n", 1)[0][:40]

    return name


def recorded_completions(cassette: Path) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(request body, reply) of each recorded chat completion, in recorded order."""
    interactions = yaml.safe_load(cassette.read_text(encoding="utf-8"))["interactions"]
    return [
        (json.loads(item["request"]["body"]), json.loads(item["response"]["body"]["string"]))
        for item in interactions
    ]


def answer_of(reply: Mapping[str, Any]) -> str:
    """The text of a recorded reply's answer."""
    return str(reply["choices"][0]["message"].get("content") or "")


def load_requests(cassette: Path) -> list[tuple[list[dict[str, str]], str, int]]:
    """(messages, answer, completion tokens) of each recorded chat completion, in order."""
    return [
        (body["messages"], answer_of(reply), int(reply["usage"]["completion_tokens"]))
        for body, reply in recorded_completions(cassette)
    ]


def levers(
    counts: Mapping[str, Counts], article_tokens: int, read_per_s: float, write_ms: float
) -> list[dict[str, Any]]:
    """Tokens read and written on a first run, today and at each lever's floor."""
    read = sum(c.read_first_run for c in counts.values())
    later = sum(c.read_later_run for c in counts.values())
    schema = sum(c.schema for c in counts.values())
    prefixes = sum(c.prefix for c in counts.values())
    written = sum(c.written for c in counts.values())
    values = sum(c.values for c in counts.values())
    rows = [
        ("today, first run", read, written),
        ("today, prefixes stored", later, written),
        ("no schema text in the prefixes", read - schema, written),
        ("each article read once, prefixes stored", article_tokens, written),
        ("each article read once, first run", article_tokens + prefixes - schema, written),
        ("only the values written", read, values),
        ("all three, first run", article_tokens + prefixes - schema, values),
    ]
    return [
        {
            "variant": name,
            "read": r,
            "written": w,
            "seconds": round(r / read_per_s + w * write_ms / 1000, 1),
        }
        for name, r, w in rows
    ]


def main() -> None:
    """Print the per-task and per-lever tables for one cassette."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cassette", type=Path, default=ROOT / "cassettes" / "seeds_all.yaml")
    parser.add_argument("--folder", type=Path, default=ROOT / "seeds", help="its articles")
    parser.add_argument("--read-per-s", type=float, default=75.0)
    parser.add_argument("--write-ms", type=float, default=38.0)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    import llama_cpp

    from service.backends.model_file import bundled_model
    from service.config import load_settings
    from service.documents import load_folder
    from service.prompts import load_prompt

    model = bundled_model(load_settings().models_dir)
    vocab = llama_cpp.Llama(str(model), vocab_only=True, verbose=False)

    def tokenize(text: str) -> Sequence[int]:
        return vocab.tokenize(text.encode(), add_bos=False, special=True)

    tasks = sorted(p.stem for p in (ROOT / "prompts").glob("*.toml"))
    name = task_names({t: load_prompt(t).system for t in tasks})
    requests = [(name(m[0]["content"]), m, a, n) for m, a, n in load_requests(args.cassette)]
    counts = account(requests, tokenize)
    documents, _ = load_folder(args.folder)
    articles = sum(len(tokenize(d.text)) for d in documents)
    rows = levers(counts, articles, args.read_per_s, args.write_ms)

    console = Console(width=140)
    table = Table(title=f"Tokens per task: {args.cassette.name}, {len(requests)} requests")
    for column in ("task", *Counts.__dataclass_fields__):
        table.add_column(column.replace("_", " "), justify="right")
    for task, c in counts.items():
        table.add_row(task, *(f"{v:,}" for v in asdict(c).values()))
    console.print(table)
    caption = f"{len(documents)} articles, {articles:,} tokens; seconds at "
    caption += f"{args.read_per_s:g} read tokens/s and {args.write_ms:g} ms a written token"
    table = Table(title="Floor of each lever", caption=caption)
    for column in rows[0]:
        table.add_column(column, justify="right")
    for row in rows:
        table.add_row(*(f"{v:,}" if isinstance(v, int) else str(v) for v in row.values()))
    console.print(table)
    if args.json:
        figures = {"tasks": {t: asdict(c) for t, c in counts.items()}, "levers": rows}
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
