"""The ``summarise`` command: parse flags, call :func:`service.summarise`, render.

Data goes to stdout (or ``-o FILE``, written atomically); progress and messages to stderr.
Exit codes: 0 every question of every article answered, 1 some questions or articles failed
(everything answered is still written), 2 usage or configuration error.
"""

from __future__ import annotations

import logging
import os
import tempfile
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from .config import Settings, load_settings
from .errors import ConfigError, SummariseError, UserError
from .pipeline import summarise
from .result import Summary
from .specs import builtin_specs, resolve

# instructor logs every failed attempt at ERROR; the command reports failures itself, per
# article, so without a configured handler these lines would only repeat them on stderr.
logging.getLogger("instructor").addHandler(logging.NullHandler())

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
err = Console(stderr=True)


class FormatChoice(StrEnum):
    """Values of --format."""

    json = "json"
    markdown = "markdown"
    html = "html"


class ModeChoice(StrEnum):
    """Values of --mode."""

    auto = "auto"
    json = "json"
    tools = "tools"
    json_schema = "json_schema"


class RichReporter:
    """Progress bars on stderr: model assembly, then one step per article x schema."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self._work: TaskID | None = None
        self._assembly: TaskID | None = None

    def begin(self, total: int) -> None:
        """Add the main bar."""
        self._work = self.progress.add_task("extracting", total=total)

    def step(self, article: str, schema: str, outcome: str) -> None:
        """Advance the main bar."""
        if self._work is not None:
            self.progress.update(
                self._work, advance=1, description=f"{schema} · {article} · {outcome}"
            )

    def status(self, message: str) -> None:
        """Print a dim status line."""
        self.progress.console.print(f"[dim]{message}[/dim]")

    def assemble(self, done: int, total: int) -> None:
        """Show model assembly progress."""
        if self._assembly is None:
            self._assembly = self.progress.add_task("assembling model", total=total)
        self.progress.update(self._assembly, completed=done)


def _error(message: str) -> None:
    # Messages name paths and may contain brackets: no markup, no wrapping inside a path.
    err.print(f"error: {message}", style="red", markup=False, highlight=False, soft_wrap=True)


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _status_table(summary: Summary) -> Table:
    table = Table(title="articles", show_lines=False)
    table.add_column("article")
    for name in summary.results:
        table.add_column(name)
    table.add_column("reason")
    ids = [s.id for s in next(iter(summary.results.values())).sources]
    for article_id in ids:
        statuses, reasons = [], []
        for result in summary.results.values():
            info = next(s for s in result.sources if s.id == article_id)
            statuses.append(info.status)
            if info.reason and info.reason not in reasons:
                reasons.append(info.reason)
        table.add_row(article_id, *statuses, "; ".join(reasons))
    return table


def _doctor(settings: Settings, quiet: bool) -> int:
    """Print the doctor's checks on stdout (progress of a model assembly on stderr)."""
    from .doctor import Check, run_doctor

    def emit(check: Check) -> None:
        typer.echo(f"{check.verdict:>6}  {check.name}: {check.value}")

    with Progress(
        TextColumn("{task.description}"), BarColumn(), console=err, disable=quiet
    ) as progress:
        bar = progress.add_task("assembling model", total=None, visible=False)

        def assemble(done: int, total: int) -> None:
            progress.update(bar, completed=done, total=total, visible=True)

        return run_doctor(settings, emit, assemble)


@app.command()
def main(
    folder: Annotated[Path | None, typer.Argument(help="Folder of articles (*.txt, *.md).")] = None,
    schema: Annotated[
        str,
        typer.Option(
            "--schema",
            "-s",
            help=f"What to extract: a built-in schema ({', '.join(builtin_specs())}), all "
            f"({', '.join(s.name for s in resolve('all'))}), or your own Pydantic model as "
            "path/to/models.py:ClassName or package.module:ClassName.",
        ),
    ] = "all",
    fmt: Annotated[
        FormatChoice, typer.Option("--format", "-f", help="Output format.")
    ] = FormatChoice.json,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            help="OpenAI-compatible endpoint [env: OPENAI_BASE_URL]; unset: embedded model."
        ),
    ] = None,
    model: Annotated[str | None, typer.Option(help="Model name [env: SUMMARISE_MODEL].")] = None,
    api_key: Annotated[str | None, typer.Option(help="API key [env: OPENAI_API_KEY].")] = None,
    gguf: Annotated[
        Path | None,
        typer.Option(help="Another GGUF file for the embedded server [env: SUMMARISE_GGUF]."),
    ] = None,
    cache_dir: Annotated[
        Path | None, typer.Option(help="Response cache folder [env: SUMMARISE_CACHE_DIR].")
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Neither read nor write the cache.")
    ] = False,
    mode: Annotated[
        ModeChoice | None, typer.Option(help="instructor mode [env: SUMMARISE_MODE].")
    ] = None,
    grammar: Annotated[
        bool | None,
        typer.Option(
            "--grammar/--no-grammar", help="Send the schema as a llama.cpp grammar (json mode)."
        ),
    ] = None,
    reasks: Annotated[int | None, typer.Option(help="Re-asks after invalid output.")] = None,
    timeout: Annotated[float | None, typer.Option(help="Seconds for one HTTP request.")] = None,
    concurrency: Annotated[
        int | None,
        typer.Option(
            help="Questions in flight at once [env: SUMMARISE_CONCURRENCY; default --parallel "
            "embedded, 8 remote]."
        ),
    ] = None,
    parallel: Annotated[
        int | None,
        typer.Option(
            help="Requests the embedded server decodes together, one KV sequence each "
            "[env: SUMMARISE_PARALLEL; default 4]."
        ),
    ] = None,
    repack: Annotated[
        bool | None,
        typer.Option(
            "--repack/--no-repack",
            help="Load the embedded model with ggml's repacked weights (faster writing, "
            "slower reading; never on AMX) [env: SUMMARISE_REPACK; default off].",
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr.")] = False,
    doctor: Annotated[
        bool,
        typer.Option(
            "--doctor",
            help="Print what a bug report needs (OS, CPU, llama.cpp build, model, cache) and "
            "time the embedded server; exit 1 if something is broken.",
        ),
    ] = False,
) -> None:
    """Extract structured, source-grounded records from a folder of articles and merge them."""
    overrides: dict[str, Any] = {
        "base_url": base_url, "model": model, "api_key": api_key, "gguf": gguf,
        "cache_dir": cache_dir, "use_cache": False if no_cache else None,
        "mode": mode.value if mode else None, "grammar": grammar, "reasks": reasks,
        "timeout": timeout, "concurrency": concurrency, "parallel": parallel, "repack": repack,
    }  # fmt: skip
    try:
        settings = load_settings(overrides)
        if doctor:
            raise typer.Exit(_doctor(settings, quiet))
        if folder is None:
            raise ConfigError("give a folder of articles (or --doctor)")
        with Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
            TimeElapsedColumn(), console=err, disable=quiet, transient=False,
        ) as progress:  # fmt: skip
            summary = summarise(folder, schema, settings=settings, reporter=RichReporter(progress))
    except UserError as exc:
        _error(str(exc))
        raise typer.Exit(2) from None
    except SummariseError as exc:
        _error(str(exc))
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        _error("interrupted; the embedded server was stopped")
        raise typer.Exit(130) from None
    if fmt is FormatChoice.json:
        text = summary.to_json() + "\n"
    elif fmt is FormatChoice.html:
        text = summary.to_html()
    else:
        text = summary.to_markdown()
    if output is None:
        typer.echo(text, nl=False)
    else:
        _write_atomic(output, text)
        if not quiet:
            err.print(f"wrote {output}")
    if summary.stopped:
        _error(summary.stopped)
    if summary.exit_code and not quiet:
        err.print(_status_table(summary))
    raise typer.Exit(summary.exit_code)


def run() -> None:
    """Console-script entry point."""
    app()
