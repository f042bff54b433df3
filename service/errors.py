"""The one exception hierarchy of summarise.

::

    SummariseError                  root: catch this to catch everything we raise
    ├── UserError                   the caller must change something (exit code 2)
    │   ├── ConfigError             a flag, environment variable or default is unusable
    │   │   └── UnusableModel       a user's Pydantic model has a field the generic path can't use
    │   ├── InputError              the articles folder is missing or unreadable
    │   └── PromptError             a prompt template file is malformed
    └── RunError                    something failed while running
        ├── BackendError            the model endpoint could not be used
        │   ├── EndpointUnreachable no connection or no answer in time, after every attempt
        │   ├── EndpointRejected    the endpoint refused us: key, permission or model (401/403/404)
        │   ├── ModelAssetError     the embedded GGUF could not be assembled or verified
        │   ├── ServerStartError    the embedded llama.cpp server did not come up
        │   └── ServerCrashed       the embedded server died (a signal, or an exit) mid-run
        ├── ExtractionError         one question got no valid answer (cut, invalid, refused)
        └── ArticleError            one article could not be read (binary, empty, ...)

Every message names the file or setting it concerns and says what to do.
"""

from __future__ import annotations


class SummariseError(Exception):
    """Root of every exception raised by summarise."""


class UserError(SummariseError):
    """The caller must change something: a flag, a variable, a path."""


class ConfigError(UserError):
    """A configuration value is invalid or missing."""


class UnusableModel(ConfigError):
    """A user's model has a field the generic path cannot extract and ground."""


class InputError(UserError):
    """The input folder cannot be used at all."""


class PromptError(UserError):
    """A prompt template is malformed."""


class RunError(SummariseError):
    """A failure while running."""


class BackendError(RunError):
    """The model endpoint could not be used."""


class EndpointUnreachable(BackendError):
    """No connection, or no answer within the timeout, after every transport attempt."""


class EndpointRejected(BackendError):
    """The endpoint refused the request in a way no retry or other article can change."""


class ModelAssetError(BackendError):
    """The embedded model file could not be assembled or verified."""


class ServerStartError(BackendError):
    """The embedded llama.cpp server did not become ready."""


class ServerCrashed(BackendError):
    """The embedded server died while running.

    ``str()`` is the whole report (signal, the server log's last lines, what to try);
    ``short`` is one line for per-article reasons.
    """

    def __init__(self, message: str, short: str) -> None:
        super().__init__(message)
        self.short = short


class ExtractionError(RunError):
    """One question about an article got no valid answer: cut, invalid after re-asks, refused."""


class ArticleError(RunError):
    """One article could not be read."""
