"""The embedded model never takes ggml's AMX path, which crashes on Q4_K weights.

The decision is pinned for CPUs with and without AMX, whatever CPU runs the tests, and
checked on llama.cpp's own load call: a change that lets a model load with the extra
buffer types on an AMX CPU fails here on any machine.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from service.backends.cpu import CpuInfo, cpu_info, use_extra_buffers

SAPPHIRE_RAPIDS = CpuInfo(
    "Intel(R) Xeon(R) Platinum 8488C",
    frozenset({"avx2", "avx512f", "avx512_vnni", "amx_tile", "amx_int8", "amx_bf16"}),
)
EPYC = CpuInfo("AMD EPYC", frozenset({"avx2", "avx512f", "avx512_vnni", "avx512_bf16"}))
NO_AMX_BUILD = "CPU : SSE3 = 1 | AVX = 1 | AVX2 = 1 | AVX512 = 1 | AVX512_VNNI = 1 |"
AMX_BUILD = NO_AMX_BUILD + " AMX_INT8 = 1 |"


def test_amx_cpu_turns_extra_buffers_off() -> None:
    assert not use_extra_buffers(SAPPHIRE_RAPIDS)
    assert not use_extra_buffers(SAPPHIRE_RAPIDS, NO_AMX_BUILD)
    # A build with AMX kernels, even where the flags are hidden (a VM), is not trusted.
    assert not use_extra_buffers(CpuInfo("hidden", frozenset()), AMX_BUILD)


def test_cpu_without_amx_keeps_the_repacked_kernels() -> None:
    assert use_extra_buffers(EPYC, NO_AMX_BUILD)
    assert use_extra_buffers(EPYC)


def test_cpuinfo_is_parsed(tmp_path: Path) -> None:
    text = (
        "processor\t: 0\nmodel name\t: Intel(R) Xeon(R) Platinum 8488C\n"
        "flags\t\t: fpu avx2 avx512f amx_bf16 amx_tile amx_int8\n\n"
        "processor\t: 1\nmodel name\t: other\nflags\t\t: fpu\n"
    )
    (tmp_path / "cpuinfo").write_text(text)
    info = cpu_info(tmp_path / "cpuinfo")
    assert info.model == "Intel(R) Xeon(R) Platinum 8488C"
    assert info.has_amx
    assert info.simd == ["avx2", "avx512f", "amx_bf16", "amx_int8", "amx_tile"]
    assert cpu_info(tmp_path / "missing").flags == frozenset()


@pytest.fixture
def llama_server(monkeypatch: pytest.MonkeyPatch) -> Any:
    pytest.importorskip("llama_cpp")
    import llama_cpp

    from service.backends import llama_server

    # Whatever install() does to llama_cpp is undone after the test.
    monkeypatch.setattr(llama_cpp.llama_cpp, "llama_model_load_from_file", llama_server._stock_load)
    monkeypatch.setattr(
        llama_cpp.llama_cpp, "llama_context_default_params", llama_server._stock_context_params
    )
    for name in ("_init_sampler", "__init__", "generate", "_create_completion"):
        monkeypatch.setattr(llama_cpp.Llama, name, getattr(llama_cpp.Llama, name))
    return llama_server


def _load_params_after_install(
    llama_server: Any, cpu: CpuInfo, tmp_path: Path, repack: bool = True
) -> bool:
    """use_extra_bufts as llama.cpp receives it when the server module loads a model."""
    import llama_cpp

    llama_server.install(cpu=cpu, repack=repack)
    params = llama_cpp.llama_model_default_params()
    assert params.use_extra_bufts  # llama.cpp's default: on
    # A real call into llama.cpp; the file is not a model, so nothing is loaded.
    model = llama_cpp.llama_cpp.llama_model_load_from_file(
        str(tmp_path / "missing.gguf").encode(), params
    )
    assert not model
    return bool(params.use_extra_bufts)


def test_server_module_loads_without_extra_buffers_on_amx(
    llama_server: Any, tmp_path: Path
) -> None:
    assert _load_params_after_install(llama_server, SAPPHIRE_RAPIDS, tmp_path) is False


def test_server_module_keeps_extra_buffers_without_amx_when_asked(
    llama_server: Any, tmp_path: Path
) -> None:
    if "AMX_INT8 = 1" in llama_server.system_info():
        pytest.skip("this llama.cpp build has AMX kernels: extra buffers stay off everywhere")
    assert _load_params_after_install(llama_server, EPYC, tmp_path) is True


def test_server_module_loads_without_extra_buffers_by_default(
    llama_server: Any, tmp_path: Path
) -> None:
    assert _load_params_after_install(llama_server, EPYC, tmp_path, repack=False) is False


@pytest.mark.live
def test_in_process_model_loaded_with_the_decision(llama: Any) -> None:
    from service.backends.llama_server import system_info

    expected = use_extra_buffers(cpu_info(), system_info())
    assert bool(llama.model_params.use_extra_bufts) is expected
