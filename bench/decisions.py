"""The rules' decisions on every article, without the model: to diff a change of rules.

    python bench/decisions.py before.json              # at the commit before the change
    python bench/decisions.py after.json               # with the change
    python bench/decisions.py --diff before.json after.json

A rule change can be checked on the whole corpus in seconds where asking the model anew is
out of reach (a new machine starts with an empty response cache, and every story asked
anew costs minutes). Three kinds of decision are written, for every article of dev, test
and the seeds:

- participants: each candidate's status where the text decides it, "ASK" where the model
  is asked, and the text it would be asked with (the model's answer is a stub "yes");
- positions: how each capitalised phrase of the article would be taken as a speaker
  (the speaker as written, its span, or why it is none), as if the model had named it;
- roles: the role and affiliation the text gives each two-word capitalised name.

What differs between two files is every decision the change moved; what it does not show
is how the model's answers to newly asked questions come out.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from schemas.tasks import TookPartDraft
from service.apposition import identity
from service.builtins.participants.tasks import participant_statuses
from service.builtins.positions.records import _speaking
from service.ground import Article, Span

ROOT = Path(__file__).resolve().parent.parent
#: A capitalised phrase of one to four words: what a model may name as a speaker.
_PHRASE = re.compile(r"\b[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,3}\b")
#: A two-word capitalised name: whose role and affiliation the text may give.
_NAME = re.compile(r"\b[A-Z][\w'’-]+ [A-Z][\w'’-]+\b")


def articles() -> list[tuple[str, Article]]:
    """Every article of the corpus and the seeds, keyed "<story>/<article id>"."""
    paths = sorted((ROOT / "bench" / "corpus").glob("*/*/*.txt"))
    paths += sorted((ROOT / "seeds").glob("*.txt"))
    return [
        (f"{p.parent.name}/{p.stem}", Article(p.stem, p.read_text(encoding="utf-8"))) for p in paths
    ]


def participants(article: Article) -> dict[str, Any]:
    """Each candidate's status, or "ASK" with the text the model would be asked."""
    asked: dict[str, str] = {}

    def ask(task: str, model: type, text: str, **kw: Any) -> TookPartDraft:
        asked[str(kw.get("name"))] = text
        return TookPartDraft(took_part="yes")

    draft = participant_statuses(article, ask)  # type: ignore[arg-type]
    return {
        p.name: {
            "status": "ASK" if p.name in asked else p.status,
            "representative": p.representative,
            "asked_with": asked.get(p.name),
        }
        for p in draft.participants
    }


def speakers(article: Article) -> dict[str, Any]:
    """How each capitalised phrase would be taken as a speaker."""
    found = {}
    for phrase in sorted({m.group() for m in _PHRASE.finditer(article.text)}):
        said, span, reason = _speaking(article, phrase)
        found[phrase] = [said, None if span is None else [span.start, span.end], reason]
    return found


def roles(article: Article) -> dict[str, Any]:
    """The role and affiliation beside each two-word capitalised name, by its offset."""
    found = {}
    for m in _NAME.finditer(article.text):
        who = identity(article, Span(m.start(), m.end(), "exact"))
        found[f"{m.start()}:{m.group()}"] = [who.role, who.affiliation]
    return found


def decisions() -> dict[str, Any]:
    """All three kinds of decision for every article."""
    return {
        key: {
            "participants": participants(article),
            "speakers": speakers(article),
            "roles": roles(article),
        }
        for key, article in articles()
    }


def diff(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """One line per decision that differs, articles present in only one file left out."""
    lines = []
    for key in sorted(set(before) & set(after)):
        for kind in ("participants", "speakers", "roles"):
            old, new = before[key][kind], after[key][kind]
            for item in sorted(set(old) | set(new)):
                if old.get(item) != new.get(item):
                    lines.append(f"{key} {kind} {item}: {old.get(item)} -> {new.get(item)}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", nargs="?", type=Path, help="write the decisions here")
    parser.add_argument("--diff", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.diff:
        before, after = (json.loads(p.read_text(encoding="utf-8")) for p in args.diff)
        lines = diff(before, after)
        print("\n".join(lines))
        print(f"{len(lines)} decisions differ", file=sys.stderr)
        return 0
    if args.out is None:
        parser.error("give a file to write, or --diff BEFORE AFTER")
    args.out.write_text(json.dumps(decisions(), indent=0, sort_keys=True), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
