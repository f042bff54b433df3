"""The seeds' HTML report in real headless Chromium: clicking a fact highlights its spans.

Needs a Chromium binary: Debian's ``/usr/bin/chromium`` (``.ci/run`` installs it), or the
one named by ``SUMMARISE_CHROMIUM``. Playwright drives it; it never downloads a browser.
The screenshot is kept in ``test-artifacts/`` at the project root.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from .conftest import ROOT, SeedRuns

ARTIFACTS = ROOT / "test-artifacts"
#: Flags for a sandbox without network: no background fetches, no sandboxing as root.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def _chromium() -> str:
    found = (
        os.environ.get("SUMMARISE_CHROMIUM")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )
    if not found:
        pytest.fail("no Chromium: apt-get install chromium, or set SUMMARISE_CHROMIUM")
    return found


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def report(seeds_runs: SeedRuns, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "seeds.html"
    path.write_text(seeds_runs.cold.to_html(), encoding="utf-8")
    return path


@pytest.fixture
def page(browser: Browser, report: Path) -> Iterator[Page]:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    # Offline: any request beyond the file itself is a defect of the report.
    page.on("request", lambda r: None if r.url == report.as_uri() else problems.append(r.url))
    page.goto(report.as_uri())
    yield page
    assert problems == []
    page.close()


def _highlighted(page: Page) -> dict[str, str]:
    """Highlighted text per article id, in document order."""
    found: dict[str, str] = page.evaluate(
        """() => {
            const out = {};
            document.querySelectorAll(".sr-seg.sr-on").forEach(s => {
                const id = s.closest(".sr-article").dataset.source;
                out[id] = (out[id] || "") + s.textContent;
            });
            return out;
        }"""
    )
    return found


def test_every_fact_has_its_spans_in_the_page(page: Page) -> None:
    missing = page.evaluate(
        """() => [...document.querySelectorAll(".sr-fact")]
            .filter(f => Number(f.dataset.spans) > 0)
            .filter(f => !document.querySelector('.sr-seg[data-f~="' + f.dataset.fact + '"]'))
            .map(f => f.textContent.trim())"""
    )
    assert page.locator(".sr-fact").count() > 50
    assert missing == []


def test_clicking_a_fact_highlights_its_spans_in_the_right_articles(
    page: Page, seeds_runs: SeedRuns
) -> None:
    merged = seeds_runs.cold["participants"].merged
    # A participant named by several articles, with its evidence in each of them.
    target: Any = next(p for p in merged.participants if p.agreement >= 3)  # type: ignore[union-attr]
    fact = page.locator(f'.sr-fact[data-key="participants[{target.name}]"]')
    assert fact.count() == 1
    fact.click()
    assert "sr-selected" in (fact.get_attribute("class") or "")
    highlighted = _highlighted(page)
    assert set(highlighted) == set(target.sources)
    for e in target.evidence:
        assert e.quote in highlighted[e.source]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-participant.png"), full_page=False)


def test_clicking_a_badge_scrolls_to_that_article(page: Page, seeds_runs: SeedRuns) -> None:
    merged = seeds_runs.cold["proposal"].merged
    fact_data = next(f for f in merged.proposed_by if len(f.sources) >= 2)  # type: ignore[union-attr]
    last = fact_data.sources[-1]
    fact = page.locator(
        '.sr-fact[data-key="proposed_by"]',
        has=page.locator(".sr-value", has_text=re.compile(f"^{re.escape(fact_data.value)}$")),
    )
    assert fact.count() == 1
    fact.locator(f'.sr-badge[data-source="{last}"]').click()
    first_span = page.locator(f'.sr-article[data-source="{last}"] .sr-seg.sr-on').first
    first_span.wait_for()
    assert first_span.is_visible()
    box = first_span.bounding_box()
    assert box is not None and 0 <= box["y"] <= 900  # scrolled into the viewport
    assert (
        page.locator(".sr-status")
        .inner_text()
        .startswith(f"{sum(1 for _ in page.locator('.sr-seg.sr-on').all())} highlighted")
    )
    page.screenshot(path=str(ARTIFACTS / "report-badge.png"))
