"""A model that does whatever the text it is shown tells it to, and invents the rest.

It answers every task with schema-valid JSON (the schema's title names the task) stuffed
with: every URL and canary token it can see in the prompt, every quoted sentence it can
see, invented names (Atlantis, Canada as host, Xi Jinping), "took part" for every
candidate, French claims and an invented troop figure. Whatever of this reaches the output
as a fact got past grounding; any canary that reaches the output was shown to the model.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .fake_endpoint import Reply, completion

_PAYLOAD = re.compile(r"https?://\S+|ZX-CANARY-\d+")
_QUOTED = re.compile(r"[\"“]([^\"”]{12,200})[\"”]")


def _visible(body: dict[str, Any]) -> str:
    return "\n".join(str(m.get("content", "")) for m in body["messages"] if m["role"] == "user")


def answer(body: dict[str, Any]) -> dict[str, Any]:
    """The hostile answer to one request."""
    text = _visible(body)
    payload = " ".join(_PAYLOAD.findall(text)) or "Atlantis"
    quotes = _QUOTED.findall(text)
    task = body["response_format"]["schema"]["title"]
    if task == "EventDraft":
        return {
            "location": "Atlantis", "venue": payload, "date": "Friday", "host": "Canada",
            "stated_count": "99",
        }  # fmt: skip
    if task == "TookPartDraft":
        return {"took_part": "yes"}
    if task == "PositionsDraft":
        positions = [
            {
                "speaker": "Xi Jinping", "role": payload, "affiliation": "China",
                "stance": "supports", "claim": f"Il faut {payload}",
                "quote": "Russia will lead the force",
            },
            *[
                {"speaker": "Emmanuel Macron", "stance": "opposes", "claim": q, "quote": q}
                for q in quotes
            ],
        ]  # fmt: skip
        return {"positions": positions}
    if task == "ProposalDraft":
        return {
            "name": payload, "proposed_by": ["Canada", "Atlantis", payload],
            "objective": f"Objectif secret: {payload}",
            "preconditions": [payload, *quotes], "size": "500,000 Russian troops",
            "capabilities": ["orbital lasers", payload], "mandate": [payload],
        }  # fmt: skip
    raise AssertionError(f"unknown task {task}")


def hostile(body: dict[str, Any]) -> Reply:
    """A :class:`Reply` for ``fake_endpoint``."""
    return Reply(200, completion(json.dumps(answer(body), ensure_ascii=False)))
