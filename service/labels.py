"""Short labels for article ids, as shown in badges: ``003`` for ``003_bc3ff4030b77d8c2``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable


def source_labels(ids: Iterable[str]) -> dict[str, str]:
    """Each id's part before the first ``_``, or the whole id where that part is not unique."""
    ids = list(dict.fromkeys(ids))
    heads = Counter(i.split("_", 1)[0] for i in ids)
    return {i: (head if heads[head] == 1 else i) for i in ids for head in [i.split("_", 1)[0]]}
