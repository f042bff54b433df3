"""The one code path to a model: the openai client plus instructor.

Any OpenAI-compatible endpoint (OpenAI, vLLM, Ollama, llama.cpp) is used the same way; only
the instructor mode differs. llama-cpp-python's server takes ``response_format`` of type
``json_object`` with a ``schema`` that it compiles into a grammar, so with ``grammar`` on the
JSON schema of the draft is sent there and decoding cannot leave it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx2
import instructor
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from pydantic import BaseModel

from schemas import json_schema

from ..errors import BackendError, EndpointRejected, EndpointUnreachable, ExtractionError
from .http import RetryingTransport

T = TypeVar("T", bound=BaseModel)

_MODES = {
    "json": instructor.Mode.JSON,
    "tools": instructor.Mode.TOOLS,
    "json_schema": instructor.Mode.JSON_SCHEMA,
}


@dataclass(frozen=True)
class Completion:
    """A validated draft and what it cost."""

    draft: BaseModel
    prompt_tokens: int
    completion_tokens: int
    requests: int


class ChatClient:
    """Extract one validated pydantic object per call from an OpenAI-compatible endpoint."""

    def __init__(
        self,
        *,
        base_url: str,
        model: str,
        api_key: str,
        mode: str,
        grammar: bool,
        reasks: int,
        attempts: int,
        timeout: float,
        temperature: float,
        seed: int,
    ) -> None:
        self.base_url = base_url
        self.model = model
        self.timeout = timeout
        self._secret = api_key
        self.grammar = grammar
        self.reasks = reasks
        self.temperature = temperature
        self.seed = seed
        http = httpx2.Client(transport=RetryingTransport(attempts=attempts), timeout=timeout)
        # max_retries=0: transport retries live in RetryingTransport only.
        self._openai = openai.OpenAI(
            base_url=base_url, api_key=api_key, max_retries=0, timeout=timeout, http_client=http
        )
        self._client = instructor.from_openai(self._openai, mode=_MODES[mode])
        # Requests of the current call, per thread: calls may run on several threads.
        self._local = threading.local()
        self._client.on("completion:kwargs", self._count)

    def _count(self, *args: Any, **kwargs: Any) -> None:
        self._local.requests = getattr(self._local, "requests", 0) + 1

    def extract(
        self, messages: list[dict[str, str]], response_model: type[T], max_tokens: int
    ) -> Completion:
        """One validated ``response_model`` instance; re-asks on invalid output."""
        extra: dict[str, Any] = {}
        if self.grammar:
            # Overrides instructor's bare json_object: the server compiles this to a grammar.
            extra["extra_body"] = {
                "response_format": {
                    "type": "json_object",
                    "schema": json_schema(response_model),
                }
            }
        self._local.requests = 0
        try:
            draft, raw = self._client.chat.completions.create_with_completion(
                model=self.model,
                messages=messages,  # type: ignore[arg-type]
                response_model=response_model,
                max_retries=self.reasks,
                max_tokens=max_tokens,
                temperature=self.temperature,
                seed=self.seed,
                **extra,
            )
        except IncompleteOutputException:
            raise ExtractionError(
                f"the model's output was cut at max_tokens={max_tokens} before the JSON ended"
            ) from None
        except InstructorRetryException as exc:
            cause = exc.__cause__
            if isinstance(cause, openai.APIError):
                raise self._backend_error(cause) from None
            raise ExtractionError(
                self._redact(
                    f"no valid {response_model.__name__} after {exc.n_attempts} attempt(s): "
                    f"{_first_line(str(cause or exc))}"
                )
            ) from None
        except openai.APIError as exc:
            raise self._backend_error(exc) from None
        usage = getattr(raw, "usage", None)
        return Completion(
            draft=draft,
            prompt_tokens=int(getattr(usage, "prompt_tokens", 0) or 0),
            completion_tokens=int(getattr(usage, "completion_tokens", 0) or 0),
            requests=max(self._local.requests, 1),
        )

    def close(self) -> None:
        """Close the HTTP connections."""
        self._openai.close()

    def _redact(self, message: str) -> str:
        # An endpoint may echo what it received (a key included) in its error text.
        if len(self._secret) >= 4:
            message = message.replace(self._secret, "***")
        return message

    def _backend_error(self, exc: openai.APIError) -> BackendError:
        url = self.base_url
        if isinstance(exc, openai.APITimeoutError):
            return EndpointUnreachable(
                f"no answer from the model endpoint {url} within "
                f"{self.timeout:g} s (--timeout), after every attempt"
            )
        if isinstance(exc, openai.APIConnectionError):
            return EndpointUnreachable(
                self._redact(f"cannot reach the model endpoint {url}: {_first_line(str(exc))}")
            )
        status = getattr(exc, "status_code", None)
        if isinstance(exc, openai.AuthenticationError):
            return EndpointRejected(
                f"the endpoint {url} rejected the API key (HTTP 401); "
                "set --api-key or OPENAI_API_KEY"
            )
        if isinstance(exc, openai.PermissionDeniedError | openai.NotFoundError):
            return EndpointRejected(
                self._redact(
                    f"the endpoint {url} refused the request (HTTP {status}); check --model "
                    f"and --base-url: {_first_line(exc.message)}"
                )
            )
        return BackendError(
            self._redact(f"the endpoint {url} failed (HTTP {status}): {_first_line(exc.message)}")
        )


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0][:300] if text.strip() else "unknown error"
