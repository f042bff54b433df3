"""The HTML evidence report: escaped, self-contained, every fact tied to its spans."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from schemas import Evidence, Participant, ParticipantList, Ungrounded
from service import RunInfo, SchemaResult, SourceInfo
from service.report import report_fragment, to_html
from service.specs import builtin_specs

from .conftest import SeedRuns

HOSTILE = (
    'France </div><script>alert("pwned")</script> hosts the talks & '
    "😀 Japan joins remotely. Italy attended <b>in person</b>."
)


def _participant(source: str, text: str, name: str, status: str) -> Participant:
    start = text.index(name)
    span = Evidence(source=source, quote=name, start=start, end=start + len(name))
    return Participant(name=name, kind="country", status=status, mention=name, evidence=[span])  # type: ignore[arg-type]


def _result() -> SchemaResult:
    a, b = "a_1", "b_2"
    texts = {a: HOSTILE, b: "Japan attended in person; Italy too."}
    records = {
        a: ParticipantList(
            participants=[
                _participant(a, HOSTILE, "France", "host"),
                _participant(a, HOSTILE, "Japan", "remote_attendee"),
                _participant(a, HOSTILE, "Italy", "attendee"),
            ],
            ungrounded=[Ungrounded(field="participants", value="Atlantis", reason="not in text")],
        ),
        b: ParticipantList(
            participants=[
                _participant(b, texts[b], "Japan", "attendee"),
                _participant(b, texts[b], "Italy", "attendee"),
            ]
        ),
    }
    return SchemaResult(
        schema_name="participants",
        merged=builtin_specs()["participants"].merge(records),
        per_source=records,  # type: ignore[arg-type]
        sources=[SourceInfo(id=a, path="in/a_1.txt"), SourceInfo(id=b, path="in/b_2.txt")],
        run=RunInfo(backend="test", model="m", calls=3),
        texts=texts,
    )


class _Texts(HTMLParser):
    """Collects each article's displayed text and, per fact id, the text it highlights."""

    def __init__(self) -> None:
        super().__init__()
        self.article: str | None = None
        self.stack: list[str | None] = []
        self.texts: dict[str, str] = {}
        self.by_fact: dict[tuple[str, str], str] = {}
        self.in_text = 0
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if tag == "article":
            self.article = a["data-source"]
        if self.in_text:
            self.in_text += 1
        elif tag == "div" and a.get("class") == "sr-text":
            self.in_text = 1
        self.stack.append(a.get("data-f") if tag == "span" else None)

    def handle_endtag(self, tag: str) -> None:
        self.stack.pop()
        if self.in_text:
            self.in_text -= 1

    def handle_data(self, data: str) -> None:
        if self.in_text and self.article:
            self.texts[self.article] = self.texts.get(self.article, "") + data
            for ids in filter(None, self.stack):
                for fact in ids.split():
                    key = (self.article, fact)
                    self.by_fact[key] = self.by_fact.get(key, "") + data


def _parse(page: str) -> _Texts:
    parser = _Texts()
    parser.feed(page)
    return parser


def test_article_text_is_escaped_and_shown_exactly() -> None:
    result = _result()
    page = to_html([result])
    assert "<script>alert" not in page and "<b>in person" not in page
    parsed = _parse(page)
    assert parsed.scripts == 1  # ours; the article's became text
    assert parsed.texts == result.texts


def test_every_fact_highlights_exactly_its_quotes() -> None:
    result = _result()
    parsed = _parse(to_html([result]))
    facts = re.findall(r'data-fact="(f\d+)"', to_html([result]))
    merged = result.merged.participants  # type: ignore[union-attr]
    assert len(facts) == len(merged)
    for fact_id, participant in zip(facts, merged, strict=True):
        for e in participant.evidence:
            # Each span sits after an emoji in one article: offsets are characters.
            assert parsed.by_fact[(e.source, fact_id)] == e.quote


def test_conflicts_and_ungrounded_items_are_marked() -> None:
    page = to_html([_result()])
    japan = re.search(r'<div class="sr-fact([^"]*)"[^>]*>\s*<span class="sr-label">[^<]*</span>'
                      r'\s*<span class="sr-value">Japan</span>', page)  # fmt: skip
    assert japan and "sr-conflicted" in japan.group(1)
    assert "participants[Japan].status" in page
    assert 'class="sr-ungrounded-item"' in page and "<s>Atlantis</s>" in page
    italy = re.search(r'<div class="sr-fact([^"]*)"[^>]*>\s*<span class="sr-label">[^<]*</span>'
                      r'\s*<span class="sr-value">Italy</span>', page)  # fmt: skip
    assert italy and "sr-conflicted" not in italy.group(1)


def test_page_loads_nothing_from_the_network() -> None:
    page = to_html([_result()])
    for marker in ("<link", " src=", "url(", "@import", "http://", "https://"):
        assert marker not in page


def test_notebook_fragments_do_not_share_ids() -> None:
    result = _result()
    first, second = result._repr_html_(), result._repr_html_()
    assert "<html" not in first
    ids = [re.search(r'<div class="sr" id="([^"]+)"', f).group(1) for f in (first, second)]  # type: ignore[union-attr]
    assert ids[0] != ids[1]
    assert report_fragment([result], report_id="x1").count('"x1"') == 2  # root + script call


def test_participants_convert_to_a_dataframe() -> None:
    frame = _result().to_frame()
    assert sorted(frame["name"]) == ["France", "Italy", "Japan"]
    japan = frame.set_index("name").loc["Japan"]
    assert japan["conflict"] and japan["agreement"] == 2
    assert list(frame.columns)[:3] == ["name", "kind", "status"]


def test_a_summary_renders_in_a_notebook_as_the_report(seeds_runs: SeedRuns) -> None:
    fragment = seeds_runs.cold._repr_html_()
    assert fragment.startswith('<div class="sr" id="summarise-')
    for schema in ("proposal", "participants", "positions"):
        assert f'data-schema="{schema}"' in fragment
    frame = seeds_runs.cold["positions"].to_frame()
    assert len(frame) == len(seeds_runs.cold["positions"].merged.positions)  # type: ignore[union-attr]
    assert {"speaker", "stance", "quotes", "sources"} <= set(frame.columns)
