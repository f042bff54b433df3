"""``summarise --doctor``: the facts a bug report needs, and a timed smoke test.

Each check is one line, ``name: value``, marked ``ok``, ``info`` or ``BROKEN``; the smoke
test starts the embedded server exactly as a run does (same module, same model, same
guard against ggml's AMX path), times a prompt read and a short generation, and stops it.
"""

from __future__ import annotations

import importlib.metadata
import os
import platform
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import httpx2

from .backends.cpu import cpu_info, use_extra_buffers
from .backends.embedded import EmbeddedServer, describe_exit
from .backends.model_file import MODEL_SHA256, Progress, bundled_model, file_sha256
from .config import EMBEDDED_MODEL_ALIAS, Settings
from .errors import BackendError

Verdict = Literal["ok", "info", "BROKEN"]
#: A prompt of ~150 tokens to read, then numbers to write (a reply that does not stop early).
_SMOKE_PROMPT = (
    " committee met on Tuesday to review the harbour project." * 12
    + "\nCount from 1 to 100, separated by commas: 1, 2, 3,"
)
_SMOKE_TOKENS = 32


@dataclass(frozen=True)
class Check:
    """One line of the doctor's report."""

    name: str
    value: str
    verdict: Verdict = "info"


def _version(distribution: str) -> str | None:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


def _system_info() -> str | None:
    """The build features ggml reports, or None without llama-cpp-python."""
    try:
        from .backends.llama_server import system_info
    except ImportError:
        return None
    return system_info()


def environment(settings: Settings) -> Iterator[Check]:
    """Machine, Python, CPU, llama.cpp build and cache facts."""
    yield Check("os", platform.platform())
    yield Check("python", f"{platform.python_version()} ({sys.executable})")
    yield Check("summarise", _version("summarise") or "not installed as a package")
    cpu = cpu_info()
    yield Check("cpu", f"{cpu.model}; {os.cpu_count() or 1} cores")
    yield Check("cpu flags", " ".join(cpu.simd) or "unknown")
    yield Check("amx", "yes" if cpu.has_amx else "no")
    llama = _version("llama_cpp_python")
    if llama is None:
        verdict: Verdict = "BROKEN" if settings.embedded else "info"
        yield Check("llama-cpp-python", "not installed: pip install 'summarise[embedded]'", verdict)
    else:
        yield Check("llama-cpp-python", llama, "ok")
        info = _system_info() or ""
        yield Check("ggml build", " ".join(info.split()) or "unknown")
        safe = use_extra_buffers(cpu, info)
        if settings.server_repack and safe:
            repacked = "on (--repack; repacked kernels, no AMX here)"
        elif settings.server_repack:
            repacked = "off (AMX present: its kernel crashes on Q4_K; --repack is refused)"
        else:
            repacked = "off (the default, as llama-server --no-repack; --repack turns them on)"
        yield Check("ggml extra buffer types", repacked, "ok")
    yield Check("server module", settings.server_module)
    yield from _cache(settings.cache_dir)
    if settings.base_url is not None:
        yield Check("endpoint", f"{settings.base_url} (the smoke test uses the embedded server)")


def _cache(directory: Path) -> Iterator[Check]:
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        probe = directory / ".doctor-probe"
        probe.write_text("ok")
        probe.unlink()
    except OSError as exc:
        yield Check("cache directory", f"{directory}: not writable ({exc.strerror})", "BROKEN")
        return
    free = shutil.disk_usage(directory).free / 2**30
    yield Check("cache directory", f"{directory} (writable, {free:.1f} GiB free)", "ok")


def model_file(settings: Settings, progress: Progress | None = None) -> tuple[Check, Path | None]:
    """The GGUF the embedded server would load, with its sha256 checked where known."""
    if settings.gguf is not None:
        path = settings.gguf
        return Check("model", f"{path} (--gguf), sha256 {file_sha256(path)}", "info"), path
    try:
        path = bundled_model(settings.models_dir, progress)
    except BackendError as exc:
        return Check("model", str(exc), "BROKEN"), None
    digest = file_sha256(path)
    if digest != MODEL_SHA256:
        return Check(
            "model",
            f"{path}: sha256 {digest} does not match {MODEL_SHA256}; delete it and run again "
            "to reassemble it",
            "BROKEN",
        ), None
    return Check("model", f"{path}, sha256 {digest} (matches)", "ok"), path


def smoke_test(settings: Settings, model: Path) -> Check:
    """Start the embedded server, time a prompt read and a generation, stop it."""
    server = EmbeddedServer(
        model,
        alias=EMBEDDED_MODEL_ALIAS,
        n_ctx=settings.n_ctx,
        log_path=settings.cache_dir / "server.log",
        start_timeout=settings.server_start_timeout,
        module=settings.server_module,
        repack=settings.server_repack,
    )
    started = time.perf_counter()
    try:
        server.start()
        ready = time.perf_counter() - started
        with httpx2.Client(base_url=server.base_url, timeout=settings.timeout) as http:
            # Two prompts of the same length that share no prefix (no KV reuse): the second
            # writes _SMOKE_TOKENS more tokens, and the difference in time is their cost.
            read, read_s = _complete(http, "The" + _SMOKE_PROMPT, 1)
            written, write_s = _complete(http, "A" + _SMOKE_PROMPT, 1 + _SMOKE_TOKENS)
    except (BackendError, httpx2.HTTPError, KeyError, ValueError) as exc:
        code = server.wait_exit(3.0)
        died = f"the embedded server {describe_exit(code)}" if code is not None else str(exc)
        tail = "".join(f"\n    {line}" for line in server.log_tail())
        return Check("smoke test", f"{died}; last lines of {server.log_path}:{tail}", "BROKEN")
    finally:
        server.stop()
    prefill = read[0] / read_s
    extra = written[1] - read[1]
    decode = extra / (write_s - read_s) if extra > 0 and write_s > read_s else 0.0
    return Check(
        "smoke test",
        f"server ready in {ready:.1f} s; prefill {read[0]} tokens at {prefill:.0f} tokens/s; "
        f"decode {extra} tokens at {decode:.1f} tokens/s ({1000 / decode:.0f} ms/token)"
        if decode
        else "the server answered but generated nothing",
        "ok" if decode else "BROKEN",
    )


def _complete(http: httpx2.Client, prompt: str, max_tokens: int) -> tuple[tuple[int, int], float]:
    """(prompt tokens, completion tokens) of one completion, and its seconds."""
    began = time.perf_counter()
    response = http.post(
        "/completions",
        json={
            "model": EMBEDDED_MODEL_ALIAS,
            "prompt": prompt,
            "max_tokens": max_tokens,
            "temperature": 0,
        },
    )
    response.raise_for_status()
    elapsed = time.perf_counter() - began
    usage = response.json()["usage"]
    return (int(usage["prompt_tokens"]), int(usage["completion_tokens"])), elapsed


def run_doctor(
    settings: Settings,
    emit: Callable[[Check], None],
    progress: Progress | None = None,
) -> int:
    """Emit every check; 0 when nothing is broken, 1 otherwise."""
    broken: list[str] = []

    def report(check: Check) -> None:
        if check.verdict == "BROKEN":
            broken.append(check.name)
        emit(check)

    for check in environment(settings):
        report(check)
    if _version("llama_cpp_python") is None:
        report(Check("smoke test", "skipped: llama-cpp-python is not installed", "BROKEN"))
        return 1
    check, path = model_file(settings, progress)
    report(check)
    if path is not None:
        report(smoke_test(settings, path))
    if broken:
        emit(Check("doctor", f"{len(broken)} problem(s): {', '.join(broken)}", "BROKEN"))
        return 1
    emit(Check("doctor", "everything needed for the embedded model works", "ok"))
    return 0
