"""``python -m service``: the ``summarise`` command."""

from .cli import run

run()
