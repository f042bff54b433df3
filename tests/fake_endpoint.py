"""A tiny scripted OpenAI-compatible HTTP server on 127.0.0.1, for injecting faults.

Each request to ``/v1/chat/completions`` takes the next scripted reply; the last one repeats.
A reply may wait ``delay`` seconds first, to play a slow endpoint.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from .fake_llama_server import smallest_instance


@dataclass
class Reply:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


def completion(content: str, finish_reason: str = "stop") -> dict[str, Any]:
    """A chat.completion body whose message is ``content``."""
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 0,
        "model": "test-model",
        "choices": [{
            "index": 0,
            "message": {"role": "assistant", "content": content},
            "finish_reason": finish_reason,
        }],
        "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
    }  # fmt: skip


Responder = Callable[[dict[str, Any]], Reply]


def schema_answer(delay: float = 0.0) -> Responder:
    """A responder answering each request with the least content valid for its schema.

    The request must carry its schema in ``response_format`` (json mode with grammar).
    """

    def reply(body: dict[str, Any]) -> Reply:
        schema = body["response_format"]["schema"]
        content = json.dumps(smallest_instance(schema, schema))
        return Reply(200, completion(content), delay=delay)

    return reply


@dataclass
class FakeEndpoint:
    replies: list[Reply | Responder]
    requests: list[dict[str, Any]] = field(default_factory=list)
    port: int = 0
    in_flight: int = 0
    max_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"


class _Server(ThreadingHTTPServer):
    # The default listen backlog (5) drops connections that arrive together, and a dropped
    # SYN is retried a second later: a concurrency bench would measure that, not us.
    request_queue_size = 256
    daemon_threads = True


@contextmanager
def fake_endpoint(*replies: Reply | Responder) -> Iterator[FakeEndpoint]:
    """Serve ``replies`` in order; a callable computes its reply from the request body."""
    state = FakeEndpoint(list(replies))

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            with state.lock:
                state.in_flight += 1
                state.max_in_flight = max(state.max_in_flight, state.in_flight)
            try:
                self._answer()
            finally:
                with state.lock:
                    state.in_flight -= 1

        def _answer(self) -> None:
            length = int(self.headers.get("content-length", 0))
            body = json.loads(self.rfile.read(length) or b"null")
            with state.lock:
                state.requests.append(
                    {"path": self.path, "headers": dict(self.headers), "body": body}
                )
                scripted = state.replies[min(len(state.requests), len(state.replies)) - 1]
            reply = scripted if isinstance(scripted, Reply) else scripted(body)
            time.sleep(reply.delay)
            payload = json.dumps(reply.body).encode()
            self.send_response(reply.status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(payload)))
            for key, value in reply.headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = _Server(("127.0.0.1", 0), Handler)
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
