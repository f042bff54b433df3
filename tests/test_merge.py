"""Merging hand-written per-article records with known duplicates and conflicts."""

from __future__ import annotations

from schemas import (
    Evidence,
    Fact,
    Participant,
    ParticipantList,
    PositionList,
    SecurityForceProposal,
    StatedPosition,
)
from schemas.participants import Event
from schemas.proposal import Size
from service.builtins.participants.merge import merge_participants
from service.builtins.positions.merge import merge_positions
from service.builtins.proposal.merge import merge_proposal


def ev(source: str, quote: str = "q") -> list[Evidence]:
    return [Evidence(source=source, quote=quote, start=0, end=len(quote))]


def fact(source: str, value: str) -> Fact:
    return Fact(value=value, evidence=ev(source, value))


def participant(source: str, name: str, status: str, mention: str | None = None) -> Participant:
    return Participant.model_validate({
        "name": name, "kind": "country", "status": status, "mention": mention or name,
        "evidence": ev(source, mention or name),
    })  # fmt: skip


def test_participants_are_merged_by_canonical_name_with_status_conflicts() -> None:
    records = {
        "a": ParticipantList(
            event=Event(stated_count=fact("a", "34")),
            participants=[participant("a", "United Kingdom", "co_organiser", "Britain"),
                          participant("a", "Croatia", "no_response"),
                          participant("a", "Japan", "remote_attendee")],
        ),
        "b": ParticipantList(
            event=Event(stated_count=fact("b", "over 30")),
            participants=[participant("b", "United Kingdom", "co_organiser", "UK"),
                          participant("b", "Croatia", "not_invited"),
                          participant("b", "Japan", "mentioned")],
        ),
        "c": ParticipantList(
            event=Event(stated_count=fact("c", "34 countries")),
            participants=[participant("c", "Croatia", "no_response")],
        ),
    }  # fmt: skip
    merged = merge_participants(records)
    by_name = {p.name: p for p in merged.participants}
    assert sorted(by_name) == ["Croatia", "Japan", "United Kingdom"]
    assert by_name["United Kingdom"].sources == ["a", "b"]
    assert by_name["United Kingdom"].agreement == 2
    assert by_name["Croatia"].status == "no_response"  # two sources against one
    # "mentioned" is weaker than a role: not a conflict.
    assert by_name["Japan"].status == "remote_attendee"
    conflicts = {c.field: c for c in merged.conflicts}
    assert set(conflicts) == {"event.stated_count", "participants[Croatia].status"}
    counts = {v.value: v.sources for v in conflicts["event.stated_count"].values}
    assert counts == {"34": ["a", "c"], "over 30": ["b"]}
    statuses = {v.value: v.sources for v in conflicts["participants[Croatia].status"].values}
    assert statuses == {"no_response": ["a", "c"], "not_invited": ["b"]}
    assert merged.event.stated_count is not None and merged.event.stated_count.agreement == 2


def position(source: str, speaker: str, stance: str, claim: str = "c") -> StatedPosition:
    return StatedPosition.model_validate(
        {"speaker": speaker, "stance": stance, "claim": claim, "evidence": ev(source, speaker)}
    )


def test_positions_merge_spellings_and_titles_of_one_speaker() -> None:
    records = {
        "a": PositionList(positions=[position("a", "Volodymyr Zelenskyy", "conditional"),
                                     position("a", "a senior Ukrainian official", "supports")]),
        "b": PositionList(positions=[position("b", "President Zelensky", "conditional"),
                                     position("b", "Emmanuel Macron", "supports")]),
        "c": PositionList(positions=[position("c", "Zelenskyy", "sceptical"),
                                     position("c", "Macron", "supports")]),
    }  # fmt: skip
    merged = merge_positions(records)
    speakers = {p.speaker: p for p in merged.positions}
    assert len(merged.positions) == 3
    zelensky = next(p for p in merged.positions if "Zelensk" in p.speaker)
    assert zelensky.sources == ["a", "b", "c"]
    assert zelensky.stance == "conditional"
    assert [c.field for c in merged.conflicts] == [f"positions[{zelensky.speaker}].stance"]
    assert speakers["Emmanuel Macron"].sources == ["b", "c"]
    assert speakers["a senior Ukrainian official"].sources == ["a"]


def test_proposal_lists_merge_near_duplicates_and_troop_numbers_conflict() -> None:
    records = {
        "a": SecurityForceProposal(
            capabilities=[fact("a", "heavy weaponry"), fact("a", "extensive weapon stockpiles")],
            size=Size(text=fact("a", "fewer than 30,000 troops"), troops=30000),
        ),
        "b": SecurityForceProposal(
            capabilities=[
                fact("b", "heavy weaponry and"),
                fact("b", "naval patrols in the Black Sea"),
                fact("b", "naval"),  # a subset with far fewer words is another item
            ],
            size=Size(text=fact("b", "about 20,000 troops"), troops=20000),
        ),
    }  # fmt: skip
    merged = merge_proposal(records)
    values = {f.value: f.sources for f in merged.capabilities}
    assert values["heavy weaponry"] == ["a", "b"]
    assert values["naval patrols in the Black Sea"] == ["b"]
    assert values["naval"] == ["b"]
    assert len(merged.capabilities) == 4
    assert merged.capabilities[0].agreement == 2
    conflict = next(c for c in merged.conflicts if c.field == "size.troops")
    assert {v.value: v.sources for v in conflict.values} == {"30000": ["a"], "20000": ["b"]}
    assert merged.sources == ["a", "b"]
