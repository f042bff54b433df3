"""What this CPU can do, and which llama.cpp code paths are safe on it.

ggml (llama.cpp's tensor library) can move a model's weights into "extra buffer types" at
load time: repacked layouts for faster AVX2/AVX-512 kernels and, on CPUs with AMX (Intel
Sapphire Rapids and later), an AMX buffer whose matrix multiplication
(``ggml_backend_amx_mul_mat``) crashes with SIGSEGV on Q4_K weights — the bundled model's
type — in the llama.cpp that llama-cpp-python 0.3.36 carries (llama.cpp #20824; ollama
#17205 and #17006 report the same on cloud VMs). A source build targets the build
machine's CPU, so the AMX path is compiled in wherever the CPU has AMX.

llama.cpp has one switch for the extra buffer types, ``llama_model_params.use_extra_bufts``
(llama-server's ``--no-repack``): it turns off the AMX buffer and the repacking together.
So it is turned off exactly where AMX could be used — the CPU reports AMX, or the build has
AMX compiled in — and left on elsewhere, where the repacked kernels are faster and AMX is
never used. This module reads no llama_cpp, so the decision can be tested on any machine.
"""

from __future__ import annotations

import platform
import re
from dataclasses import dataclass
from pathlib import Path

#: /proc/cpuinfo flags that mean the CPU has AMX tiles.
AMX_FLAGS = frozenset({"amx_tile", "amx_int8", "amx_bf16", "amx_fp16", "amx_complex"})
#: The SIMD flags a bug report needs (shown by ``summarise --doctor``).
SIMD_FLAGS = (
    "sse4_2", "avx", "avx2", "fma", "f16c", "avx512f", "avx512bw", "avx512vl",
    "avx512_vnni", "avx512_bf16", "avx_vnni", *sorted(AMX_FLAGS),
)  # fmt: skip
#: How ggml's system info says that its AMX kernels are compiled in ("AMX_INT8 = 1").
_AMX_BUILT = re.compile(r"\bAMX_INT8\s*=\s*1\b")


@dataclass(frozen=True)
class CpuInfo:
    """The CPU's model name and feature flags (Linux: /proc/cpuinfo)."""

    model: str
    flags: frozenset[str]

    @property
    def has_amx(self) -> bool:
        """Whether the CPU reports any AMX feature."""
        return bool(self.flags & AMX_FLAGS)

    @property
    def simd(self) -> list[str]:
        """The flags of :data:`SIMD_FLAGS` this CPU has, in that order."""
        return [flag for flag in SIMD_FLAGS if flag in self.flags]


def cpu_info(cpuinfo: Path = Path("/proc/cpuinfo")) -> CpuInfo:
    """The CPU of this machine; no flags where /proc/cpuinfo cannot be read."""
    try:
        text = cpuinfo.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return CpuInfo(platform.processor() or platform.machine(), frozenset())
    fields: dict[str, str] = {}
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if not sep:
            if fields:  # the first processor's block is enough
                break
            continue
        fields.setdefault(key.strip(), value.strip())
    model = fields.get("model name") or platform.processor() or platform.machine()
    return CpuInfo(model, frozenset(fields.get("flags", "").split()))


def use_extra_buffers(cpu: CpuInfo, system_info: str = "") -> bool:
    """Whether ggml may use its extra buffer types (repacking, AMX) when loading a model.

    False where AMX could be used: the CPU reports AMX, or ``system_info`` (ggml's
    ``llama_print_system_info()``) says its AMX kernels are compiled in. True elsewhere,
    where the extra buffers are only the faster repacked kernels.
    """
    return not (cpu.has_amx or _AMX_BUILT.search(system_info))
