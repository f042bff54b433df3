"""Score summaries against hand-written gold: precision beside recall, per schema.

A tool of the project (``bench/eval.py``, ``bench/perf.py``), not of the product.

Gold files: ``tests/eval/gold.json`` for the seeds, and ``bench/corpus/<split>/<story>.gold.json``
for the team's challenge corpus (one story per folder). Each scorer returns raw counts, so
that stories add up into a split (micro-averaged); :func:`rates` turns counts into figures.

- participants: P/R/F1 of *taking part* (host, co-organiser, attendee, remote attendee,
  observer) per article; a country the gold says was absent, or only named, but labelled
  present is also counted on its own (``false_present``); status accuracy on gold entities.
- positions: per article, speaker P/R and stance accuracy; on the merged record, entries
  per real speaker, entries that are not a gold speaker, real speakers split over several
  entries, and role / affiliation right where the text states them; quote recall.
- proposal: items of the merged record judged against hand-labelled patterns (precision)
  and the key items found (recall). A story without a proposal has no correct item.
- grounding: share of values kept, and that every evidence span is verbatim.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from schemas.common import evidence_in
from schemas.participants import PRESENT
from service.canon import canonical_entity
from service.ground import fold

#: Gold shorthand for "not there, for whatever reason the article gives or does not give".
ABSENT = "absent"
ABSENT_STATUSES = frozenset({"not_invited", "no_response", "declined", "mentioned"})


class GoldParticipants(BaseModel):
    """Gold participants of one article: entities with their acceptable statuses."""

    required: dict[str, list[str]]
    optional: list[str] = Field(default_factory=list)
    #: Entities whose taking part the text leaves open: neither listing is scored.
    either: list[str] = Field(default_factory=list)
    note: str = ""

    def allowed(self, name: str) -> set[str]:
        """Acceptable statuses of ``name`` ("absent" expanded)."""
        out: set[str] = set()
        for status in self.required.get(name, []):
            out |= ABSENT_STATUSES if status == ABSENT else {status}
        return out

    def present(self) -> set[str]:
        """Entities that took part."""
        return {n for n in self.required if self.allowed(n) & PRESENT}


class GoldPosition(BaseModel):
    """One gold position: a speaker pattern, acceptable stances, verbatim quotes.

    An optional position (a restated or borderline one) is neither required nor an error.
    """

    speaker: str
    stances: list[str]
    quotes: list[str] = Field(default_factory=list)
    optional: bool = False


class SpeakerDetail(BaseModel):
    """A real speaker's role and affiliation as the text states them (patterns)."""

    role: str | None = None
    affiliation: str | None = None


class KeyFact(BaseModel):
    """A proposal fact: every pattern must match some value of the listed fields."""

    fact: str
    fields: list[str]
    all_of: list[str]


class GoldItem(BaseModel):
    """A correct value of the merged proposal: a pattern and the fields it may stand in."""

    fields: list[str]
    pattern: str
    key: bool = False


class Gold(BaseModel):
    """The gold annotation of one story."""

    participants: dict[str, GoldParticipants]
    positions: dict[str, list[GoldPosition]]
    distinct_speakers: dict[str, str]
    speaker_details: dict[str, SpeakerDetail] = Field(default_factory=dict)
    proposal_key_facts: list[KeyFact] = Field(default_factory=list)
    #: None: items not labelled (precision not computed); []: the story has no proposal.
    proposal_items: list[GoldItem] | None = None


def load_gold(path: Path) -> Gold:
    """Read and validate a gold file."""
    return Gold.model_validate_json(path.read_text(encoding="utf-8"))


def _matches(pattern: str, *texts: str | None) -> bool:
    # Patterns are written as in the articles ("United Kingdom"); texts are folded.
    return any(t and re.search(pattern, fold(t), re.IGNORECASE) for t in texts)


def score_participants(
    result: Mapping[str, Any], gold: Mapping[str, GoldParticipants]
) -> dict[str, Any]:
    """Counts of taking part (tp/fp/fn), false presents, status accuracy, errors."""
    c: Counter[str] = Counter()
    errors: list[str] = []
    for article, g in gold.items():
        record = result["per_source"].get(article) or {}
        predicted = {
            p["name"]: p["status"]
            for p in record.get("participants", [])
            if p["name"] not in g.either
        }
        said = {n for n, s in predicted.items() if s in PRESENT}
        present = g.present()
        c["tp"] += len(said & present)
        c["fn"] += len(present - said)
        c["fp"] += len(said - present)
        for name in sorted(said - present):
            absent = name in g.required or name in g.optional
            c["false_present"] += absent
            errors.append(
                f"{article}: {name} labelled {predicted[name]} but "
                + ("was not present" if absent else "is not a gold entity")
            )
        for name in sorted(present - said):
            errors.append(f"{article}: {name} not labelled present ({predicted.get(name)})")
        for name in g.required:
            c["status_total"] += 1
            if predicted.get(name) in g.allowed(name):
                c["status_ok"] += 1
            elif name in said or name in present:
                continue  # already reported
            else:
                errors.append(f"{article}: {name} {predicted.get(name)} (gold {g.required[name]})")
    return {"counts": dict(c), "errors": errors}


def _first_match(speaker: str, golds: list[GoldPosition]) -> GoldPosition | None:
    return next((g for g in golds if _matches(g.speaker, speaker)), None)


def _speaker_of(text: str, speakers: Mapping[str, str]) -> str | None:
    return next((name for name, pattern in speakers.items() if _matches(pattern, text)), None)


def score_positions(
    result: Mapping[str, Any], gold: Gold, texts: Mapping[str, str]
) -> dict[str, Any]:
    """Counts per article (speakers, stances, quotes) and over the merged record."""
    c: Counter[str] = Counter()
    errors: list[str] = []
    for article, golds in gold.positions.items():
        predicted = list((result["per_source"].get(article) or {}).get("positions", []))
        hit_golds: set[int] = set()
        for p in predicted:
            g = _first_match(p["speaker"], golds)
            if g is None:
                c["article_fp"] += 1
                errors.append(f"{article}: not a speaker: {p['speaker']!r}")
                continue
            if id(g) in hit_golds:
                c["article_dup"] += 1
                errors.append(f"{article}: {p['speaker']!r} listed twice")
                continue
            hit_golds.add(id(g))
            if g.optional:
                continue
            c["article_tp"] += 1
            c["stance_ok"] += p["stance"] in g.stances
            if p["stance"] not in g.stances:
                errors.append(f"{article}: {p['speaker']} {p['stance']} (gold {g.stances})")
            found = [fold(q["text"]) for q in p.get("quotes", [])]
            c["quotes_found"] += sum(
                any(fold(q)[:40] in f or f in fold(q) for f in found) for q in g.quotes
            )
        for g in golds:
            if g.optional:
                continue
            c["quotes_total"] += len(g.quotes)
            if id(g) not in hit_golds:
                c["article_fn"] += 1
                errors.append(f"{article}: missed {g.speaker}")
    merged = result["merged"]["positions"]
    entries: dict[str, list[dict[str, Any]]] = {}
    optional = [g.speaker for golds in gold.positions.values() for g in golds if g.optional]
    for m in merged:
        who = _speaker_of(m["speaker"], gold.distinct_speakers)
        if who is None:
            if not any(_matches(p, m["speaker"]) for p in optional):
                c["merged_non_speakers"] += 1
                errors.append(f"merged: not a speaker: {m['speaker']!r}")
            continue
        entries.setdefault(who, []).append(m)
    c["speakers_total"] += len(gold.distinct_speakers)
    c["speakers_found"] += len(entries)
    c["speaker_entries"] += sum(len(v) for v in entries.values())
    for who, found in entries.items():
        if len(found) > 1:
            c["split_persons"] += 1
            errors.append(f"merged: {who} split over {[m['speaker'] for m in found]}")
        detail = gold.speaker_details.get(who)
        if detail is None:
            continue
        best = max(found, key=lambda m: len(m.get("claims", [])))
        for field in ("role", "affiliation"):
            pattern = getattr(detail, field)
            if pattern is None:
                continue
            c[f"{field}_stated"] += 1
            value = best.get(field)
            resolved = canonical_entity(pattern)
            ok = value is not None and (
                _matches(pattern, value)
                or (resolved is not None and canonical_entity(value) == resolved)
            )
            c[f"{field}_ok"] += ok
            if not ok:
                errors.append(f"merged: {who} {field} {value!r} (gold {pattern!r})")
    return {"counts": dict(c), "errors": errors}


def _items(merged: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Every (field, value) of a merged proposal."""
    out: list[tuple[str, str]] = []
    for field, value in merged.items():
        if field in ("sources", "conflicts") or value is None:
            continue
        if field == "size":
            out.append((field, value["text"]["value"]))
        elif isinstance(value, list):
            out.extend((field, v["value"]) for v in value)
        elif isinstance(value, dict) and "value" in value:
            out.append((field, value["value"]))
    return out


def score_proposal(result: Mapping[str, Any], gold: Gold) -> dict[str, Any]:
    """Precision of the merged items against labelled patterns, recall of key items."""
    c: Counter[str] = Counter()
    errors: list[str] = []
    items = _items(result["merged"])
    c["items"] += len(items)
    if gold.proposal_items is not None:
        c["labelled"] += len(items)
        for field, value in items:
            ok = any(field in g.fields and _matches(g.pattern, value) for g in gold.proposal_items)
            c["correct"] += ok
            if not ok:
                errors.append(f"wrong {field}: {value!r}")
        for g in gold.proposal_items:
            if not g.key:
                continue
            c["key_total"] += 1
            found = any(f in g.fields and _matches(g.pattern, v) for f, v in items)
            c["key_found"] += found
            if not found:
                errors.append(f"missing {g.fields[0]}: {g.pattern!r}")
    for fact in gold.proposal_key_facts:
        c["key_total"] += 1
        values = [v for f, v in items if f in fact.fields]
        found = all(any(_matches(p, v) for v in values) for p in fact.all_of)
        c["key_found"] += found
        if not found:
            errors.append(f"missing key fact: {fact.fact}")
    return {"counts": dict(c), "errors": errors}


def _count_facts(node: Any) -> int:
    """Items that carry evidence: facts, participants, positions, quotes."""
    if isinstance(node, dict):
        own = 1 if "evidence" in node else 0
        return own + sum(_count_facts(v) for k, v in node.items() if k != "evidence")
    if isinstance(node, list):
        return sum(_count_facts(v) for v in node)
    return 0


def grounding(result: Mapping[str, Any], texts: Mapping[str, str]) -> dict[str, int]:
    """Counts: values kept and dropped, evidence spans and verbatim spans."""
    spans = evidence_in(result["per_source"])
    return {
        "grounded": _count_facts(result["per_source"]),
        "ungrounded": sum(len(r.get("ungrounded", [])) for r in result["per_source"].values()),
        "spans": len(spans),
        "verbatim": sum(texts[e["source"]][e["start"] : e["end"]] == e["quote"] for e in spans),
    }


def evaluate(summary: Mapping[str, Any], gold: Gold, texts: Mapping[str, str]) -> dict[str, Any]:
    """Raw counts and errors of every schema for one story's ``--schema all`` summary."""
    scores = {
        "participants": score_participants(summary["participants"], gold.participants),
        "positions": score_positions(summary["positions"], gold, texts),
        "proposal": score_proposal(summary["proposal"], gold),
    }
    for name, score in scores.items():
        score["counts"].update(grounding(summary[name], texts))
        score["run"] = summary[name]["run"]
    return scores


def add(totals: dict[str, Any], scores: Mapping[str, Any], story: str) -> None:
    """Add one story's scores to a split's totals (counts summed, errors prefixed)."""
    for name, score in scores.items():
        total = totals.setdefault(
            name, {"counts": Counter(), "errors": [], "calls": 0, "seconds": 0.0}
        )
        total["counts"].update(score["counts"])
        total["errors"].extend(f"{story}/{e}" for e in score["errors"])
        total["calls"] += score["run"].get("calls", 0)
        total["seconds"] += score["run"].get("seconds", 0.0)


def _ratio(a: float, b: float, empty: float | None = 1.0) -> float | None:
    return round(a / b, 3) if b else empty


def rates(totals: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The figures of a split from its summed counts."""
    p, q, r = (totals[k]["counts"] for k in ("participants", "positions", "proposal"))
    pp, pr = _ratio(p["tp"], p["tp"] + p["fp"]), _ratio(p["tp"], p["tp"] + p["fn"])
    qp = _ratio(q["article_tp"], q["article_tp"] + q["article_fp"] + q["article_dup"])
    qr = _ratio(q["article_tp"], q["article_tp"] + q["article_fn"])
    out = {
        "participants": {
            "precision": pp,
            "recall": pr,
            "f1": round(2 * pp * pr / (pp + pr), 3) if pp and pr else 0.0,
            "false_present": p["false_present"],
            "status_accuracy": _ratio(p["status_ok"], p["status_total"]),
        },
        "positions": {
            "precision": qp,
            "recall": qr,
            "stance_accuracy": _ratio(q["stance_ok"], q["article_tp"]),
            "quote_recall": _ratio(q["quotes_found"], q["quotes_total"]),
            "speakers_found": f"{q['speakers_found']}/{q['speakers_total']}",
            "entries_per_speaker": _ratio(q["speaker_entries"], q["speakers_found"]),
            "non_speakers": q["merged_non_speakers"],
            "split_persons": q["split_persons"],
            "role_filled": _ratio(q["role_ok"], q["role_stated"], None),
            "affiliation_filled": _ratio(q["affiliation_ok"], q["affiliation_stated"], None),
        },
        "proposal": {
            "items": r["items"],
            "precision": _ratio(r["correct"], r["labelled"], None if not r["labelled"] else 1.0),
            "recall": _ratio(r["key_found"], r["key_total"], None),
        },
    }
    for name, schema in zip(("participants", "positions", "proposal"), (p, q, r), strict=True):
        out[name]["grounded_rate"] = _ratio(
            schema["grounded"], schema["grounded"] + schema["ungrounded"]
        )
        out[name]["verbatim_rate"] = _ratio(schema["verbatim"], schema["spans"])
    out["run"] = {
        "calls": sum(totals[k]["calls"] for k in ("participants", "positions", "proposal")),
        "seconds": round(sum(totals[k]["seconds"] for k in totals), 1),
    }
    return out
