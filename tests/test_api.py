"""The public facade: an explicit ``__all__``, one error hierarchy, typed results."""

from __future__ import annotations

import inspect

import service
from service import errors


def test_all_names_exist_and_nothing_private_leaks() -> None:
    for name in service.__all__:
        assert hasattr(service, name), name
        assert not name.startswith("_")
    assert sorted(service.__all__) == service.__all__


def test_every_error_derives_from_the_root() -> None:
    classes = [
        c for _, c in inspect.getmembers(errors, inspect.isclass) if issubclass(c, Exception)
    ]
    assert len(classes) >= 10
    for cls in classes:
        assert issubclass(cls, service.SummariseError)
        assert cls.__name__ in errors.__doc__  # drawn in the module's tree
    assert issubclass(service.ConfigError, service.UserError)
    assert issubclass(service.ExtractionError, service.RunError)


def test_summarise_is_documented_and_keyword_only_beyond_schema() -> None:
    signature = inspect.signature(service.summarise)
    assert service.summarise.__doc__
    assert list(signature.parameters)[:2] == ["folder", "schema"]
    for name in ("settings", "reporter"):
        assert signature.parameters[name].kind is inspect.Parameter.KEYWORD_ONLY
