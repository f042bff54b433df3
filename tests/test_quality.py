"""The code stays ruff- and mypy-clean: run by the test suite so CI enforces it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT


@pytest.mark.parametrize(
    "command",
    [
        [sys.executable, "-m", "ruff", "check", "service", "schemas", "prompts", "tests", "bench"],
        [
            sys.executable,
            "-m",
            "ruff",
            "format",
            "--check",
            "service",
            "schemas",
            "prompts",
            "tests",
            "bench",
        ],
        [sys.executable, "-m", "mypy"],
    ],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_static_checks(command: list[str]) -> None:
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
