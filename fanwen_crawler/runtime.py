"""The processes of a crawl (the crawl process, its cleaning workers and its database writer):
how they start, and their garbage-collector settings."""

from __future__ import annotations

import gc
import multiprocessing
from multiprocessing.context import BaseContext

# Loaded once by the fork server, so each worker and the writer start without importing them.
_PRELOAD = ["fanwen_crawler.workers", "fanwen_crawler.writer"]


def process_context() -> BaseContext:
    """Forked from a fork server, not from the crawl process: the crawl runs threads (Twisted's
    pool, the executors'), and a fork copies their locks mid-use. The server is a clean process
    that imports the pipeline modules once; where there is none (Windows), spawn."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_PRELOAD)
    return context


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
