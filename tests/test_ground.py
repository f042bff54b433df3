"""Alignment of model output to the seeds' text: exact, normalised, fuzzy, entity."""

from __future__ import annotations

import pytest

from service.ground import Article, fold

from .conftest import SEEDS

TEXT_000 = (SEEDS / "000_71c933fc4f78e955.txt").read_text(encoding="utf-8")


@pytest.fixture
def article() -> Article:
    return Article("000_71c933fc4f78e955", TEXT_000)


def test_exact_match_gives_offsets_into_the_decoded_text(article: Article) -> None:
    span = article.align("fewer than 30,000 troops")
    assert span is not None and span.alignment == "exact"
    assert TEXT_000[span.start : span.end] == "fewer than 30,000 troops"


def test_straight_quotes_match_curly_quotes_in_the_article(article: Article) -> None:
    span = article.align("I fully believe it's very possible")
    assert span is not None and span.alignment == "normalised"
    assert TEXT_000[span.start : span.end] == "I fully believe it’s very possible"


def test_diacritics_and_case_are_folded(article: Article) -> None:
    span = article.align("robert glavas")
    assert span is not None
    assert TEXT_000[span.start : span.end] == "Robert Glavaš"


def test_dashes_and_white_space_are_folded() -> None:
    text = "A temporary one-month ceasefire\u2014as suggested  by Zelenskyy\u2014could build trust."
    span = Article("x", text).align("ceasefire - as suggested by Zelenskyy")
    assert span is not None and span.alignment == "normalised"
    assert text[span.start : span.end] == "ceasefire\u2014as suggested  by Zelenskyy"


def test_fuzzy_match_snaps_to_whole_words(article: Article) -> None:
    span = article.align("extensive weapons stockpile and heavy weapons")
    assert span is not None and span.alignment == "fuzzy"
    assert TEXT_000[span.start : span.end] == "extensive weapon stockpiles and heavy weaponry"


def test_text_that_is_not_there_is_not_found(article: Article) -> None:
    assert article.align("Russia will host the summit in Moscow next week") is None
    assert article.align("Brazil") is None
    assert article.align("   ") is None


def test_mentions_respect_word_boundaries_and_abbreviation_case() -> None:
    text = "Let us see: the US and the U.S. Army; Usbek is not US. South Korea joined."
    art = Article("x", text)
    found = [text[s.start : s.end] for s in art.mentions(["US", "U.S."])]
    assert found == ["US", "U.S.", "US"]
    korea = [text[s.start : s.end] for s in art.mentions(["South Korea", "Korea"])]
    assert korea == ["South Korea"]


def test_sentence_widens_to_the_whole_sentence(article: Article) -> None:
    span = article.mentions(["Croatia", "Glavaš"])[0]
    sentence = article.sentence(span)
    quote = TEXT_000[sentence.start : sentence.end]
    assert quote.startswith("During the meeting, Slovenia’s army chief")
    assert quote.endswith("United Nations.")


def test_evidence_quote_is_always_sliced_from_the_text(article: Article) -> None:
    for query in (
        "fewer than 30,000 troops",
        "I fully believe it's very possible",
        "extensive weapons stockpile and heavy weapons",
    ):
        span = article.align(query)
        assert span is not None
        ev = article.evidence(span)
        assert TEXT_000[ev.start : ev.end] == ev.quote


def test_fold() -> None:
    assert fold("  Glavaš\u2019s  \u201cplan\u201d\u2014now ") == 'glavas\'s "plan"-now'
