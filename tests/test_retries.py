"""Retries live in one layer: the HTTP transport retries transient failures, instructor
re-asks only on invalid output, and the total budget is attempts x (re-asks + 1)."""

from __future__ import annotations

import time

import httpx2
import pytest

from schemas import ParticipantsDraft
from service import BackendError, ExtractionError
from service.backends import ChatClient
from service.backends.http import RetryingTransport

from .fake_endpoint import Reply, completion, fake_endpoint

VALID = completion('{"participants": [{"name": "France", "status": "host"}]}')
INVALID = completion('{"participants": [{"name": "France", "status": "emperor"}]}')
MESSAGES = [{"role": "user", "content": "<article>France hosts.</article>"}]


def _client(base_url: str, *, attempts: int = 3, reasks: int = 1) -> ChatClient:
    return ChatClient(
        base_url=base_url, model="test-model", api_key="sk-test", mode="json", grammar=True,
        reasks=reasks, attempts=attempts, timeout=10, temperature=0.0, seed=0,
    )  # fmt: skip


def test_retry_after_is_honoured() -> None:
    with fake_endpoint(
        Reply(429, {"error": "slow down"}, {"Retry-After": "1"}), Reply(200, {})
    ) as fake:
        transport = RetryingTransport(attempts=3, backoff=0.01)
        with httpx2.Client(transport=transport) as client:
            started = time.monotonic()
            response = client.post(f"{fake.base_url}/chat/completions", json={})
            waited = time.monotonic() - started
    assert response.status_code == 200
    assert len(fake.requests) == 2
    assert waited >= 0.9


def test_server_errors_are_retried_up_to_the_attempt_budget() -> None:
    with fake_endpoint(Reply(500, {"error": "boom"})) as fake:
        transport = RetryingTransport(attempts=3, backoff=0.01)
        with httpx2.Client(transport=transport) as client:
            response = client.post(f"{fake.base_url}/chat/completions", json={})
    assert response.status_code == 500
    assert len(fake.requests) == 3


def test_client_errors_are_not_retried() -> None:
    with fake_endpoint(Reply(400, {"error": "bad request"})) as fake:
        with pytest.raises(BackendError, match="HTTP 400"):
            _client(fake.base_url).extract(MESSAGES, ParticipantsDraft, 100)
    assert len(fake.requests) == 1


def test_a_transient_500_is_retried_by_the_transport_not_re_asked() -> None:
    with fake_endpoint(Reply(503, {"error": "busy"}), Reply(200, VALID)) as fake:
        result = _client(fake.base_url).extract(MESSAGES, ParticipantsDraft, 100)
    assert isinstance(result.draft, ParticipantsDraft)
    assert result.draft.participants[0].name == "France"
    assert len(fake.requests) == 2
    assert result.requests == 1  # one logical request; the resend was the transport's


def test_invalid_output_is_re_asked_once_then_accepted() -> None:
    with fake_endpoint(Reply(200, INVALID), Reply(200, VALID)) as fake:
        result = _client(fake.base_url).extract(MESSAGES, ParticipantsDraft, 100)
    assert result.requests == 2
    assert len(fake.requests) == 2
    # The re-ask tells the model what was wrong.
    assert "emperor" in str(fake.requests[1]["body"]["messages"])


def test_always_invalid_output_fails_after_the_re_asks() -> None:
    with fake_endpoint(Reply(200, INVALID)) as fake:
        with pytest.raises(ExtractionError, match="2 attempt"):
            _client(fake.base_url, reasks=1).extract(MESSAGES, ParticipantsDraft, 100)
    assert len(fake.requests) == 2


def test_total_budget_is_attempts_times_asks() -> None:
    # Every HTTP request fails: the transport tries 2 times; nothing re-asks a transport error.
    with fake_endpoint(Reply(502, {"error": "bad gateway"})) as fake:
        with pytest.raises(BackendError, match="HTTP 502"):
            _client(fake.base_url, attempts=2, reasks=3).extract(MESSAGES, ParticipantsDraft, 100)
    assert len(fake.requests) == 2


def test_grammar_sends_the_schema_in_response_format() -> None:
    with fake_endpoint(Reply(200, VALID)) as fake:
        _client(fake.base_url).extract(MESSAGES, ParticipantsDraft, 100)
    body = fake.requests[0]["body"]
    assert body["response_format"]["type"] == "json_object"
    assert body["response_format"]["schema"] == ParticipantsDraft.model_json_schema()
    assert body["temperature"] == 0.0 and body["seed"] == 0 and body["max_tokens"] == 100


def test_unreachable_endpoint_is_a_backend_error() -> None:
    with pytest.raises(BackendError, match="cannot reach"):
        _client("http://127.0.0.1:9/v1", attempts=1).extract(MESSAGES, ParticipantsDraft, 100)


def test_truncated_output_is_an_extraction_error() -> None:
    cut = completion('{"participants": [{"name": "Fra', finish_reason="length")
    with fake_endpoint(Reply(200, cut)) as fake:
        with pytest.raises(ExtractionError, match="max_tokens"):
            _client(fake.base_url).extract(MESSAGES, ParticipantsDraft, 100)
