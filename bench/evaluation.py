"""Score a summary against a hand-written gold annotation (``tests/eval/gold.json``).

A tool of the project (``bench/eval.py``, ``bench/perf.py``), not of the product.

Works on the SPEC JSON of a ``--schema all`` run, so saved outputs can be scored too.
Metrics: participants precision / recall / F1 and status accuracy (per article, micro-
averaged), positions precision / recall / F1, stance accuracy and quote recall, distinct
speakers found in the merged record, proposal key-fact coverage, and the grounding rate.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from schemas.common import evidence_in
from service.ground import fold

WATCHED_STATUSES = ("not_invited", "no_response", "remote_attendee")


class GoldParticipants(BaseModel):
    """Gold participants of one article."""

    required: dict[str, list[str]]
    optional: list[str] = Field(default_factory=list)
    note: str = ""


class GoldPosition(BaseModel):
    """One gold position: a speaker pattern, acceptable stances, verbatim quotes."""

    speaker: str
    stances: list[str]
    quotes: list[str] = Field(default_factory=list)


class KeyFact(BaseModel):
    """A proposal fact: every pattern must match some value of the listed fields."""

    fact: str
    fields: list[str]
    all_of: list[str]


class Gold(BaseModel):
    """The whole gold annotation."""

    participants: dict[str, GoldParticipants]
    positions: dict[str, list[GoldPosition]]
    distinct_speakers: dict[str, str]
    proposal_key_facts: list[KeyFact]


def load_gold(path: Path) -> Gold:
    """Read and validate a gold file."""
    return Gold.model_validate_json(path.read_text(encoding="utf-8"))


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def score_participants(
    result: Mapping[str, Any], gold: Mapping[str, GoldParticipants]
) -> dict[str, Any]:
    """Micro-averaged P/R/F1 over articles, status accuracy, watched statuses."""
    tp = fp = fn = status_ok = 0
    watched = {s: [0, 0] for s in WATCHED_STATUSES}
    errors: list[str] = []
    for article, g in gold.items():
        record = result["per_source"].get(article)
        predicted = {p["name"]: p["status"] for p in (record or {}).get("participants", [])}
        for name, allowed in g.required.items():
            if len(allowed) == 1 and allowed[0] in watched:
                watched[allowed[0]][1] += 1
                watched[allowed[0]][0] += predicted.get(name) == allowed[0]
            if name not in predicted:
                fn += 1
                errors.append(f"{article[:3]} missed {name}")
                continue
            tp += 1
            if predicted[name] in allowed:
                status_ok += 1
            else:
                errors.append(f"{article[:3]} {name}: {predicted[name]} (gold {'/'.join(allowed)})")
        for name in predicted:
            if name not in g.required and name not in g.optional:
                fp += 1
                errors.append(f"{article[:3]} extra {name}")
    return {
        **_prf(tp, fp, fn),
        "status_accuracy": round(status_ok / tp, 3) if tp else 0.0,
        "watched_statuses": {s: f"{ok}/{n}" for s, (ok, n) in watched.items()},
        "errors": errors,
    }


def _matches(pattern: str, *texts: str | None) -> bool:
    # Patterns are written as in the articles ("United Kingdom"); texts are folded.
    return any(t and re.search(pattern, fold(t), re.IGNORECASE) for t in texts)


def _best_match(pattern: str, predicted: list[Any]) -> Any | None:
    """The predicted speaker matching ``pattern``, its first alternative preferred.

    Gold patterns list the precise speaker first and a looser form after it ("senior
    ukrainian official|ukrainian official"): where the output has both "a senior Ukrainian
    official" and "Ukrainian officials", the first is that speaker, the second a group.
    """
    alternatives = pattern.split("|") if "(" not in pattern else [pattern]
    for alternative in alternatives:
        hit = next((p for p in predicted if _matches(alternative, p["speaker"])), None)
        if hit is not None:
            return hit
    return None


def score_positions(
    result: Mapping[str, Any], gold: Mapping[str, list[GoldPosition]], speakers: Mapping[str, str]
) -> dict[str, Any]:
    """P/R/F1 of speakers per article, stance accuracy, quote recall, distinct speakers."""
    tp = fp = fn = stance_ok = quotes_found = quotes_total = 0
    errors: list[str] = []
    allowed_stances: dict[str, set[str]] = {}
    for article, golds in gold.items():
        predicted = list((result["per_source"].get(article) or {}).get("positions", []))
        for g in golds:
            quotes_total += len(g.quotes)
            hit = _best_match(g.speaker, predicted)
            if hit is None:
                fn += 1
                errors.append(f"{article[:3]} missed {g.speaker}")
                continue
            predicted.remove(hit)
            tp += 1
            stance_ok += hit["stance"] in g.stances
            if hit["stance"] not in g.stances:
                errors.append(
                    f"{article[:3]} {hit['speaker']}: {hit['stance']} (gold {'/'.join(g.stances)})"
                )
            found = [fold(q["text"]) for q in hit.get("quotes", [])]
            quotes_found += sum(
                any(fold(q)[:40] in f or f in fold(q) for f in found) for q in g.quotes
            )
        fp += len(predicted)
        errors.extend(f"{article[:3]} extra speaker {p['speaker']}" for p in predicted)
        for g in golds:
            for name, pattern in speakers.items():
                if pattern == g.speaker or re.search(pattern, g.speaker):
                    allowed_stances.setdefault(name, set()).update(g.stances)
    merged = result["merged"]["positions"]
    distinct = {}
    for name, pattern in speakers.items():
        hit = _best_match(pattern, merged)
        distinct[name] = (
            "missing" if hit is None else
            hit["stance"] if hit["stance"] in allowed_stances.get(name, {hit["stance"]}) else
            f"wrong stance {hit['stance']}"
        )  # fmt: skip
    return {
        **_prf(tp, fp, fn),
        "stance_accuracy": round(stance_ok / tp, 3) if tp else 0.0,
        "quote_recall": round(quotes_found / quotes_total, 3) if quotes_total else 1.0,
        "distinct_speakers_found": sum(v != "missing" for v in distinct.values()),
        "distinct_speakers_right_stance": sum(
            v != "missing" and not v.startswith("wrong") for v in distinct.values()
        ),
        "distinct_speakers_total": len(speakers),
        "distinct_speakers": distinct,
        "errors": errors,
    }


def _field_texts(merged: Mapping[str, Any], field: str) -> list[str]:
    value = merged.get(field)
    if value is None:
        return []
    if field == "size":
        return [value["text"]["value"]]
    if isinstance(value, list):
        return [v["value"] for v in value]
    return [value["value"]]


def score_proposal(result: Mapping[str, Any], facts: list[KeyFact]) -> dict[str, Any]:
    """Share of key facts covered by the merged proposal."""
    merged = result["merged"]
    covered = {}
    for fact in facts:
        texts = [t for field in fact.fields for t in _field_texts(merged, field)]
        covered[fact.fact] = all(any(_matches(p, t) for t in texts) for p in fact.all_of)
    return {
        "coverage": round(sum(covered.values()) / len(facts), 3) if facts else 1.0,
        "covered": sum(covered.values()),
        "total": len(facts),
        "facts": covered,
    }


def _count_facts(node: Any) -> int:
    """Items that carry evidence: facts, participants, positions, quotes."""
    if isinstance(node, dict):
        own = 1 if "evidence" in node else 0
        return own + sum(_count_facts(v) for k, v in node.items() if k != "evidence")
    if isinstance(node, list):
        return sum(_count_facts(v) for v in node)
    return 0


def grounding(result: Mapping[str, Any], texts: Mapping[str, str]) -> dict[str, Any]:
    """Share of model values that were grounded, and that every span is verbatim."""
    spans = evidence_in(result["per_source"])
    verbatim = sum(texts[e["source"]][e["start"] : e["end"]] == e["quote"] for e in spans)
    ungrounded = sum(len(r.get("ungrounded", [])) for r in result["per_source"].values())
    grounded_items = _count_facts(result["per_source"])
    total = grounded_items + ungrounded
    return {
        "grounded_rate": round(grounded_items / total, 3) if total else 1.0,
        "ungrounded": ungrounded,
        "spans": len(spans),
        "verbatim_rate": round(verbatim / len(spans), 3) if spans else 1.0,
    }


def evaluate(summary: Mapping[str, Any], gold: Gold, texts: Mapping[str, str]) -> dict[str, Any]:
    """Every metric for a ``--schema all`` summary (SPEC JSON)."""
    return {
        "participants": {
            **score_participants(summary["participants"], gold.participants),
            "grounding": grounding(summary["participants"], texts),
        },
        "positions": {
            **score_positions(summary["positions"], gold.positions, gold.distinct_speakers),
            "grounding": grounding(summary["positions"], texts),
        },
        "proposal": {
            **score_proposal(summary["proposal"], gold.proposal_key_facts),
            "grounding": grounding(summary["proposal"], texts),
        },
        "run": {name: summary[name]["run"] for name in ("participants", "positions", "proposal")},
    }
