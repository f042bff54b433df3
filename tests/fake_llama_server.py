"""A scripted stand-in for ``python -m llama_cpp.server``, run as a real subprocess.

Takes the llama-cpp-python server flags (only ``--port`` matters), answers ``/v1/models``,
answers each chat completion with the smallest instance of the JSON schema the request
sent in ``response_format``, and each text completion with ``max_tokens`` tokens, 5 ms
each. Behaviour comes from the environment, for fault injection:

- ``FAKE_LLAMA_DIR``: folder where each process writes ``pid-<n>`` (n = start number) and
  appends one line per completion request to ``requests``;
- ``FAKE_LLAMA_DIE_AFTER``: comma-separated, one number per start: that process crashes
  (SIGSEGV, as llama.cpp does, after a last line in its log) when it receives that many
  completion requests; 0 = never;
- ``FAKE_LLAMA_DELAY``: seconds to wait before answering a completion.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


def smallest_instance(schema: dict[str, Any], root: dict[str, Any]) -> Any:
    """The least content that validates against ``schema`` (required fields only)."""
    if "$ref" in schema:
        return smallest_instance(root["$defs"][schema["$ref"].rsplit("/", 1)[1]], root)
    if "anyOf" in schema:
        options = schema["anyOf"]
        nullable = [o for o in options if o.get("type") == "null"]
        return None if nullable else smallest_instance(options[0], root)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object":
        props = schema.get("properties", {})
        return {k: smallest_instance(props[k], root) for k in schema.get("required", [])}
    return {"array": [], "string": "", "integer": 0, "number": 0, "boolean": False}.get(str(kind))


def main() -> None:
    port = int(sys.argv[sys.argv.index("--port") + 1])
    folder = Path(os.environ["FAKE_LLAMA_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    start = len(list(folder.glob("pid-*")))
    (folder / f"pid-{start}").write_text(str(os.getpid()))
    plan = [int(x) for x in os.environ.get("FAKE_LLAMA_DIE_AFTER", "0").split(",")]
    die_after = plan[start] if start < len(plan) else 0
    delay = float(os.environ.get("FAKE_LLAMA_DELAY", "0"))
    seen = 0

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self._send({"object": "list", "data": [{"id": "fake", "object": "model"}]})

        def do_POST(self) -> None:
            nonlocal seen
            body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))))
            seen += 1
            with (folder / "requests").open("a") as log:
                log.write(f"{start} {seen}\n")
            if seen == die_after:
                print(f"fake llama: evaluating request {seen}", file=sys.stderr, flush=True)
                os.kill(os.getpid(), signal.SIGSEGV)  # a crash: no answer, no clean-up
            time.sleep(delay)
            if self.path.endswith("/v1/completions"):  # the doctor's timed smoke test
                tokens = int(body["max_tokens"])
                time.sleep(0.005 * tokens)  # "generating"
                self._send({
                    "id": "fake", "object": "text_completion", "created": 0, "model": "fake",
                    "choices": [{"index": 0, "text": " 4," * tokens, "finish_reason": "length"}],
                    "usage": {"prompt_tokens": len(body["prompt"].split()),
                              "completion_tokens": tokens},
                })  # fmt: skip
                return
            schema = body.get("response_format", {}).get("schema", {"type": "object"})
            content = json.dumps(smallest_instance(schema, schema))
            self._send({
                "id": "fake", "object": "chat.completion", "created": 0, "model": "fake",
                "choices": [{"index": 0, "finish_reason": "stop",
                             "message": {"role": "assistant", "content": content}}],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
            })  # fmt: skip

        def _send(self, payload: dict[str, Any]) -> None:
            data = json.dumps(payload).encode()
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


if __name__ == "__main__":
    main()
