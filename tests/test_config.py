"""Configuration precedence: flags beat environment, environment beats defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from service import ConfigError, load_settings
from service.backends.embedded import EmbeddedServer
from service.config import default_cache_dir


def test_defaults_select_the_embedded_model() -> None:
    settings = load_settings(environ={})
    assert settings.embedded
    assert settings.base_url is None
    assert settings.cache_dir == default_cache_dir()
    assert settings.effective_mode == "json"
    assert settings.effective_grammar is True
    assert settings.use_cache


def test_environment_beats_defaults() -> None:
    env = {
        "OPENAI_BASE_URL": "http://127.0.0.1:8000/v1",
        "OPENAI_API_KEY": "sk-from-env",
        "SUMMARISE_MODEL": "env-model",
        "SUMMARISE_CACHE_DIR": "/tmp/env-cache",
    }
    settings = load_settings(environ=env)
    assert settings.base_url == "http://127.0.0.1:8000/v1"
    assert settings.api_key is not None and settings.api_key.get_secret_value() == "sk-from-env"
    assert settings.model == "env-model"
    assert settings.cache_dir == Path("/tmp/env-cache")
    assert not settings.embedded
    assert settings.effective_mode == "tools"
    assert settings.effective_grammar is False


def test_flags_beat_environment() -> None:
    env = {"OPENAI_BASE_URL": "http://env/v1", "SUMMARISE_MODEL": "env-model"}
    flags = {"base_url": "http://flag/v1", "model": "flag-model", "mode": "json", "api_key": None}
    settings = load_settings(flags, environ=env)
    assert settings.base_url == "http://flag/v1"
    assert settings.model == "flag-model"
    assert settings.effective_mode == "json"
    assert settings.effective_grammar is False  # a remote endpoint may not take a grammar


def test_the_api_key_never_shows_in_repr() -> None:
    settings = load_settings(environ={"OPENAI_API_KEY": "sk-secret-123"})
    assert "sk-secret-123" not in repr(settings)
    assert "sk-secret-123" not in settings.model_dump_json()


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        ({"mode": "xml"}, "mode"),
        ({"temperature": 5}, "temperature"),
        ({"gguf": "/no/such/model.gguf"}, "GGUF file not found"),
        ({"gguf": __file__, "base_url": "http://x/v1"}, "cannot be combined"),
    ],
)
def test_invalid_configuration_is_a_config_error(flags: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(flags, environ={})


def test_the_embedded_server_keeps_prefixes_beside_the_responses(tmp_path: Path) -> None:
    settings = load_settings({"cache_dir": tmp_path})
    assert settings.prefix_cache_dir == tmp_path / "prefixes"
    server = EmbeddedServer(Path("m.gguf"), alias="m", n_ctx=512, log_path=tmp_path / "log",
                            prefix_cache=settings.prefix_cache_dir)  # fmt: skip
    command = server.command()
    assert command[command.index("--prefix_cache") + 1] == str(tmp_path / "prefixes")
    # --no-cache stores and reuses nothing; another server module does not know the flag.
    assert load_settings({"cache_dir": tmp_path, "use_cache": False}).prefix_cache_dir is None
    assert load_settings({"server_module": "llama_cpp.server"}).prefix_cache_dir is None
    plain = EmbeddedServer(Path("m.gguf"), alias="m", n_ctx=512, log_path=tmp_path / "log")
    assert "--prefix_cache" not in plain.command()


def test_the_embedded_server_decodes_as_many_sequences_as_articles_in_flight(
    tmp_path: Path,
) -> None:
    settings = load_settings({"cache_dir": tmp_path})
    assert settings.server_parallel == settings.effective_concurrency == 4
    server = EmbeddedServer(Path("m.gguf"), alias="m", n_ctx=512, log_path=tmp_path / "log",
                            parallel=settings.server_parallel)  # fmt: skip
    command = server.command()
    assert command[command.index("--parallel") + 1] == "4"
    # Another server module does not know the flag and answers one request at a time.
    other = load_settings({"server_module": "llama_cpp.server"})
    assert other.server_parallel == other.effective_concurrency == 1
    single = EmbeddedServer(Path("m.gguf"), alias="m", n_ctx=512, log_path=tmp_path / "log",
                            parallel=other.server_parallel)  # fmt: skip
    assert "--parallel" not in single.command()
    assert load_settings({"parallel": 1}).effective_concurrency == 1
    # Repacked weights only when asked, and only our module knows the flag.
    assert "--repack" not in server.command()
    asked = load_settings({"repack": True})
    assert asked.server_repack and not load_settings({}).server_repack
    assert not load_settings({"repack": True, "server_module": "llama_cpp.server"}).server_repack
    repacked = EmbeddedServer(Path("m.gguf"), alias="m", n_ctx=512, log_path=tmp_path / "log",
                              repack=asked.server_repack)  # fmt: skip
    assert "--repack" in repacked.command()
    assert load_settings({"base_url": "http://x/v1"}).effective_concurrency == 8
