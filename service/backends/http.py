"""HTTP transport with the one retry layer of the project.

Retries happen here and nowhere else: the openai client is built with ``max_retries=0``
and instructor only re-asks on invalid output. A request is tried at most
``Settings.attempts`` times, on connection errors, timeouts, 429 and 5xx, honouring
``Retry-After`` (capped) and otherwise backing off exponentially.
"""

from __future__ import annotations

from email.utils import parsedate_to_datetime
from time import time
from typing import Any

import httpx2
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    retry_if_result,
    stop_after_attempt,
    wait_exponential,
)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
#: Longest wait honoured from a Retry-After header, in seconds.
MAX_RETRY_AFTER = 60.0


def retry_after_seconds(response: httpx2.Response) -> float | None:
    """Seconds asked for by a Retry-After header (delta or HTTP date), if any."""
    value = response.headers.get("retry-after")
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            seconds = parsedate_to_datetime(value).timestamp() - time()
        except (TypeError, ValueError):
            return None
    return max(0.0, min(seconds, MAX_RETRY_AFTER))


class RetryingTransport(httpx2.HTTPTransport):
    """An :class:`httpx2.HTTPTransport` that retries transient failures."""

    def __init__(self, attempts: int = 3, backoff: float = 1.0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.attempts = attempts
        self.backoff = backoff

    def _wait(self, state: RetryCallState) -> float:
        outcome = state.outcome
        if outcome is not None and not outcome.failed:
            after = retry_after_seconds(outcome.result())
            if after is not None:
                return after
        return float(wait_exponential(multiplier=self.backoff, max=30)(state))

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        """Send ``request``, retrying transient failures up to ``attempts`` times."""

        def send() -> httpx2.Response:
            return super(RetryingTransport, self).handle_request(request)

        def retryable(response: httpx2.Response) -> bool:
            return response.status_code in RETRY_STATUSES

        def before_sleep(state: RetryCallState) -> None:
            # The body of a response we retry is never read; free its connection.
            outcome = state.outcome
            if outcome is not None and not outcome.failed:
                outcome.result().close()

        retrying = Retrying(
            stop=stop_after_attempt(self.attempts),
            wait=self._wait,
            retry=retry_if_exception_type(httpx2.TransportError) | retry_if_result(retryable),
            before_sleep=before_sleep,
            retry_error_callback=_last_outcome,
        )
        return retrying(send)


def _last_outcome(state: RetryCallState) -> httpx2.Response:
    """Out of attempts: hand the last response to the client, or raise the last error."""
    assert state.outcome is not None
    response: httpx2.Response = state.outcome.result()  # re-raises a failed attempt's error
    return response
