"""Garbage-collector settings for the long-running processes of a crawl (the crawl process, its
cleaning workers and its database writer)."""

from __future__ import annotations

import gc

# Young collections after this many net allocations instead of CPython's 700: a crawl allocates
# millions of short-lived objects, and a third of its collector time went to collecting them
# that often (bench/crawl_speed.py).
YOUNG_GENERATION_THRESHOLD = 10_000


def settle_garbage_collector() -> None:
    """Freeze what is alive now (modules, profiles, jieba's dictionary: it lives as long as the
    process) out of the collector's scans, and collect young objects less often."""
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_GENERATION_THRESHOLD, middle, old)
