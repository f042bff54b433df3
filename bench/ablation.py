"""What each accuracy mechanism is worth: the harness with one mechanism switched off.

    python bench/ablation.py                      # every mechanism, dev and test splits
    python bench/ablation.py --splits dev --only absence,org-evidence

Each row runs the pipeline over every story with one mechanism replaced by a stand-in
that does nothing (the gate lets everything through, the check accepts everything, the
extra step returns nothing), then scores it with ``bench/evaluation.py``. The answers
come from the response cache where the questions are the same, so only questions that a
mechanism used to save are sent to the model (the embedded one, unless the environment
configures another, as for ``summarise``). This is a measuring tool: the stand-ins are
patched in here, never in the product or its tests.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

from eval import score_split, stories  # bench/eval.py, beside this script
from evaluation import rates
from rich.console import Console
from rich.table import Table

from service import apposition, canon
from service.apposition import Identity
from service.builtins import positions as positions_spec
from service.builtins.participants import roles as participant_roles
from service.builtins.participants import tasks as participant_tasks
from service.builtins.positions import merge as position_merge
from service.builtins.positions import records as position_records
from service.builtins.proposal import records as proposal_records
from service.builtins.proposal import stated as proposal_stated
from service.builtins.proposal import tasks as proposal_tasks


def _patches(*targets: tuple[object, str, object]) -> Callable[[], AbstractContextManager[Any]]:
    @contextmanager
    def apply() -> Iterator[None]:
        with ExitStack() as stack:
            for owner, name, value in targets:
                stack.enter_context(mock.patch.object(owner, name, value))
            yield

    return apply


def _nobody(*_: object) -> Identity:
    return Identity(None, None)


#: A pattern that matches nothing: the rule it stands for never fires.
_NEVER = re.compile(r"(?!)")
#: A pattern that matches everything: the check it stands for accepts every value.
_ANYTHING = re.compile(r"(?s:.*)")


#: name → (what it switches off, the patches that do it)
ABLATIONS: dict[str, tuple[str, Callable[[], AbstractContextManager[Any]]]] = {
    "absence": (
        "participants: absence read in the candidate's clause",
        _patches((participant_tasks, "absence", lambda *_, **__: None)),
    ),
    "stated-part": (
        "participants: a way of taking part the clause states (host, remote, observer)",
        _patches((participant_tasks, "stated_part", lambda *_: None)),
    ),
    "org-evidence": (
        "participants: an organisation's yes needs words of being there",
        _patches((participant_tasks, "present_words", lambda *_: True)),
    ),
    "other-meeting": (
        "participants: hosting or holding a meeting of its own is absence",
        _patches(
            (
                participant_roles,
                "_ABSENT",
                tuple(
                    a for a in participant_roles._ABSENT if a[0] is not participant_roles.ELSEWHERE
                ),
            )
        ),
    ),
    "modal-presence": (
        "participants: a word of being there under a modal of possibility does not count",
        _patches((participant_roles, "_IRREALIS", _NEVER)),
    ),
    "adjunct-scope": (
        "participants: an absence cue is not a candidate's when it sits in the cue's adjunct",
        _patches((participant_roles, "_ADJUNCT", _NEVER)),
    ),
    "signed": (
        "participants: signing the closing statement is taking part",
        _patches((participant_roles, "_SIGNED", _NEVER)),
    ),
    "observer-status": (
        "participants: observer status, not observers a mission sends",
        _patches((participant_roles, "_OBSERVER", re.compile(r"\bobservers?\b", re.I))),
    ),
    "the-latter": (
        "participants: 'the latter' is the last of a list only",
        _patches((participant_roles, "_LATTER", _NEVER)),
    ),
    "waters": (
        "participants: a sea named after a country is not the country",
        _patches((canon, "WATERS_BEFORE", _NEVER)),
    ),
    "nationalities": (
        "participants: countries named only by nationality are candidates",
        _patches((participant_tasks, "find_nationalities", lambda *_: {})),
    ),
    "speaker-kind": (
        "positions: a speaker is a person or a described body",
        _patches((position_records, "is_speaker", lambda *_: True)),
    ),
    "said-by": (
        "positions: the speaker's sentence is theirs and says something",
        _patches((position_records, "said_by", lambda *_: True)),
    ),
    "identity": (
        "positions: role, affiliation and a name after a description, from the text",
        _patches(
            (position_records, "identity", _nobody),
            (position_records, "split_description", _nobody),
            (position_records, "name_after", lambda *_: None),
        ),
    ),
    "speaking-person": (
        "positions: a body or country gives way to the person speaking in its sentence",
        _patches((position_records, "sayer", lambda *_: None)),
    ),
    "pronoun-speaker": (
        "positions: 'he says' after a sentence naming a person gives that person",
        _patches((position_records, "_HE_SAYS", _NEVER)),
    ),
    "speaker-rewording": (
        "positions: the model's rewording of a speaker is mapped back to the text",
        _patches((position_records, "_as_written", lambda _, speaker: speaker)),
    ),
    "expected-of": (
        "positions: what others expect of a speaker is no statement of theirs",
        _patches((position_records, "_EXPECTED_OF", _NEVER)),
    ),
    "rank-and-body": (
        "positions: a rank as the only title, a body after the name ('of the …')",
        _patches((apposition, "_rank_and_body", _nobody)),
    ),
    "apposition-before": (
        "positions: a post-for-body apposition, a led body or a sending country before a name",
        _patches((apposition, "_apposition_before", _nobody)),
    ),
    "relative-clause": (
        "positions: role and affiliation from a relative clause after the name",
        _patches((apposition, "_relative", _nobody)),
    ),
    "story-identity": (
        "positions: a bare name described by another article of the story",
        _patches((positions_spec, "describe_from_story", lambda merged, _: merged)),
    ),
    "no-comment": (
        "positions: a source that did not respond or declined to comment is no speaker",
        _patches((position_records, "_NO_COMMENT", _NEVER)),
    ),
    "fact-source": (
        "positions: the source closing a report of a fact states no position",
        _patches((position_records, "reports_a_fact", lambda *_: False)),
    ),
    "join-descriptions": (
        "positions: a definite description joins the named speaker it describes",
        _patches((position_merge, "_join_descriptions", lambda groups: groups)),
    ),
    "text-quotes": (
        "positions: quotations taken from the text",
        _patches((position_records, "quoted", lambda *_: [])),
    ),
    "force-gate": (
        "proposal: no questions where no force is spoken of",
        _patches((proposal_tasks, "reports_a_force", lambda *_: True)),
    ),
    "force-anchor": (
        "proposal: an article's values are kept only if one is said of a force",
        _patches((proposal_records, "_speaks_of_a_force", lambda *_: True)),
    ),
    "field-check": (
        "proposal: each value must be of its field",
        _patches((proposal_records, "off_topic", lambda *_: None)),
    ),
    "field-of-phrase": (
        "proposal: a condition or a rule of engagement goes to its own field",
        _patches((proposal_records, "field_of", lambda field, _: field)),
    ),
    "target-not-means": (
        "proposal: what the force acts against is not a capability",
        _patches((proposal_records, "_TARGET_BEFORE", _NEVER)),
    ),
    "what-was-said": (
        "proposal: a value copied with its attribution is what was said",
        _patches((proposal_records, "what_was_said", lambda value: value)),
    ),
    "place-not-condition": (
        "proposal: a place answered as a condition is where the force goes",
        _patches((proposal_records, "_placed", lambda *_: False)),
    ),
    "condition-clause": (
        "proposal: a precondition's condition word is in its own clause",
        _patches((proposal_records, "_clause", lambda *_: "if")),
    ),
    "named-force": (
        "proposal: a force's name keeps the end the article writes",
        _patches((proposal_records, "_named_force", lambda *_: None)),
    ),
    "objective-not-name": (
        "proposal: an objective that names the force is none",
        _patches((proposal_records, "names_the_force", lambda *_: False)),
    ),
    "one-sentence": (
        "proposal: a value copied across sentences is none",
        _patches((proposal_records, "across_sentences", lambda *_: False)),
    ),
    "later-places": (
        "proposal: words written twice are judged at each place",
        _patches((proposal_records, "_later_places", lambda *_: [])),
    ),
    "step-in-time": (
        "proposal: a place or means answered with its year is a step",
        _patches((proposal_records, "_STEP_IN_TIME", _NEVER)),
    ),
    "stated-conditions": (
        "proposal: conditions the text states ('only once …', 'subject to …') are taken",
        _patches((proposal_stated, "stated_conditions", lambda *_: [])),
    ),
    "stated-open": (
        "proposal: what the text says is still open is taken",
        _patches((proposal_stated, "stated_open_questions", lambda *_: [])),
    ),
    "stated-response": (
        "proposal: 'If <attack>, <consequence>' gives the response",
        _patches((proposal_stated, "stated_responses", lambda *_: [])),
    ),
    "means-place-cues": (
        "proposal: a capability's or deployment's sentence speaks of the force or what would be",
        _patches(
            (
                proposal_records,
                "_FIELD_CUES",
                {
                    k: v
                    for k, v in proposal_records._FIELD_CUES.items()
                    if k not in ("capabilities", "deployment")
                },
            )
        ),
    ),
    "list-lead-in": (
        "proposal: a list item says its field with its lead-in's words",
        _patches((proposal_records, "_lead_in", lambda *_: "")),
    ),
    "proposer-sentence": (
        "proposal: a proposer's sentence says it proposes",
        _patches((proposal_records, "_PROPOSES", re.compile(""))),
    ),
    "proposer-agent": (
        "proposal: a proposer is the agent of the proposing word, not named after it",
        _patches(
            (
                proposal_records,
                "_proposing",
                lambda article, m: proposal_records.proposes(
                    article.text[article.sentence(m).start : article.sentence(m).end]
                ),
            )
        ),
    ),
    "stated-objective": (
        "proposal: the article's clause for what the force is for replaces a rewording",
        _patches((proposal_stated, "stated_objectives", lambda *_: [])),
    ),
    "first-item": (
        "proposal: the first item of a list copied whole is a value",
        _patches((proposal_records, "_first_piece", lambda *_: [])),
    ),
    "relative-scope": (
        "participants: a candidate inside a relative clause is not the subject after it",
        _patches(
            (participant_roles, "_INSIDE_RELATIVE", _NEVER),
            (participant_roles, "_RELATIVE", _NEVER),
        ),
    ),
    "report-source": (
        "participants: the source of a report is not the subject of what it reports",
        _patches((participant_roles, "_SOURCE_SAYS", _NEVER)),
    ),
    "attended-subject": (
        "participants: the candidate as the subject of attending is an attendee",
        _patches((participant_roles, "_ATTENDED", _NEVER)),
    ),
    "water-names": (
        "participants and speakers: a water named by a country is not the country",
        _patches((canon, "WATERS_AFTER", _NEVER)),
    ),
    "live-entry": (
        "participants: a live blog's entry opened by the candidate's person speaking",
        _patches((participant_roles, "_LIVE_ENTRY", _NEVER)),
    ),
    "capital-remote": (
        "participants: a country named by its capital takes part remotely from it",
        _patches((participant_tasks, "find_capitals", lambda *_: {})),
    ),
    "acting-subject": (
        "participants: the candidate endorsing or pledging as subject lets the question through",
        _patches((participant_roles, "_ACTS", _NEVER)),
    ),
    "list-pooling": (
        "participants: the names of one list share the majority answer",
        _patches((participant_tasks, "_pooled", lambda answers, _: answers)),
    ),
    "status-condition": (
        "proposal: a value that opens with a condition is a precondition, whatever field was asked",
        _patches((proposal_records, "_CONDITION", _NEVER)),
    ),
    "copular-relative": (
        "participants: the candidate's relative clause after a copula is its predicate",
        _patches((participant_roles, "_COPULAR_RELATIVE", _NEVER)),
    ),
    "city-of": (
        "participants: a country named as where a city is is a place, not an actor",
        _patches((participant_tasks, "_CITY_OF", _NEVER)),
    ),
    "force-name": (
        "proposal: a name names a force, by its noun or in capitals",
        _patches((proposal_records, "_PROPER_NAME", _ANYTHING)),
    ),
    "proposed-anchor": (
        "proposal: an article that speaks of a force as proposed anchors its values",
        _patches((proposal_records, "_PROPOSED_FORCE", _NEVER)),
    ),
    "time-steps": (
        "proposal: a passage placing the force at a time to come is asked for steps",
        _patches((proposal_tasks, "_in_time", lambda *_: False)),
    ),
    "unanswered": (
        "proposal: what is left for later, a question said to have no answer, is open",
        _patches(
            (proposal_stated, "_LEFT_FOR_LATER", _NEVER), (proposal_stated, "_UNANSWERED", _NEVER)
        ),
    ),
    "posted-to": (
        "positions: where an envoy is posted is part of the post, not whom they serve",
        _patches(
            (apposition, "_posted_to", lambda *_: False),
            (
                apposition,
                "_LEFT_STOP",
                re.compile(
                    apposition._LEFT_STOP.pattern.replace(f"{apposition._ACCREDITED}to", "to"),
                    apposition._LEFT_STOP.flags,
                ),
            ),
        ),
    ),
    "owner-before": (
        "positions: a country's person set off before the post that names them",
        _patches((apposition, "_owner_before", lambda *_: None)),
    ),
    "clause-subject": (
        "positions: 'its' post and 'was represented by' take their clause's subject",
        _patches((apposition, "_clause_subject", lambda *_: None)),
    ),
    "common-body": (
        "positions: a body named by its kind after the post held in it",
        _patches((apposition, "_COMMON_BODY", _NEVER)),
    ),
    "introduced-post": (
        "positions: 'the spokesman' points back to the 'a spokesman of …' that said whose",
        _patches((apposition, "_introduced", lambda *_: None)),
    ),
    "issuer": (
        "positions: a transcript's 'SPOKESPERSON (Name):' is of the body its heading names",
        _patches((apposition, "_issuer", lambda *_: None)),
    ),
    "home-country": (
        "positions: a government post named alone is the article's home country's",
        _patches((position_records, "home_country", lambda *_: None)),
    ),
    "own-country-later": (
        "positions: 'where he represented Egypt', 'came all the way from Paris'",
        _patches((apposition, "_own_country_later", lambda *_: None)),
    ),
    "possessed-thing": (
        "positions: a country's thing before a comma describes no one",
        _patches((apposition, "_POSSESSED_THING", _NEVER)),
    ),
    "capital-inside": (
        "participants: a country inside another country's capital is no mention of it",
        _patches((canon, "find_capitals", lambda *_: {})),
    ),
    "capital-absence": (
        "participants: a capital that is the subject of a negation says its country is absent",
        _patches((participant_tasks, "_NEGATED", _NEVER)),
    ),
    "sent-to-sentence": (
        "participants: a sentence naming a country as where something is sent names it so",
        _patches((participant_tasks, "_destination_sentences", lambda *_: set())),
    ),
    "civil-mission": (
        "proposal: a mission the article calls civilian is no force, nor its bare 'mission'",
        _patches((proposal_tasks, "_CIVIL_MISSION", _NEVER)),
    ),
}

COLUMNS = (
    ("participants", "f1"), ("participants", "false_present"),
    ("positions", "precision"), ("positions", "entries_per_speaker"),
    ("positions", "non_speakers"), ("positions", "split_persons"),
    ("positions", "quote_recall"), ("positions", "role_filled"),
    ("positions", "affiliation_filled"),
    ("proposal", "precision"), ("proposal", "recall"), ("run", "calls"),
)  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--splits", default="dev,test", help="comma-separated")
    parser.add_argument("--only", help="comma-separated ablation names")
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args()
    names = ["all on", *(args.only.split(",") if args.only else ABLATIONS)]
    table = Table(title="ablation: the harness with one mechanism off")
    table.add_column("off")
    table.add_column("split")
    for schema, figure in COLUMNS:
        table.add_column(f"{schema[:5]} {figure}", justify="right")
    out: dict[str, dict[str, Any]] = {}
    # listed once: every row scores the same stories, even if one is added meanwhile
    listed = {split: stories(split) for split in args.splits.split(",")}
    for name in names:
        for split, its_stories in listed.items():
            switch = ABLATIONS[name][1] if name in ABLATIONS else _patches()
            with switch():
                figures = rates(score_split(split, None, its_stories))
            out.setdefault(name, {})[split] = figures
            cells = [figures[s].get(f) for s, f in COLUMNS]
            table.add_row(name, split, *("-" if c is None else str(c) for c in cells))
            print(name, split, json.dumps(cells), file=sys.stderr)
    Console(width=200).print(table)
    for name in names[1:]:
        print(f"{name}: {ABLATIONS[name][0]}")
    if args.json:
        args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
