"""The processes of a crawl (the crawl process, its cleaning workers and its database writer):
how they start, how they stop, and their garbage-collector settings.

The crawl process alone decides when the crawl stops. Its children (the fork server, the workers,
the writer) ignore the SIGINT of a Ctrl-C and the SIGTERM of a `kill` sent to the whole process
group: the crawl process stops and then shuts them down. And no child outlives the crawl process:
each worker and the writer exits as soon as the crawl process is gone, even after a `kill -9`
(then the fork server and multiprocessing's resource tracker, which live as long as a process
holds their pipes, exit too).
"""

from __future__ import annotations

import atexit
import gc
import multiprocessing
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from multiprocessing import forkserver, resource_tracker
from multiprocessing.connection import wait
from multiprocessing.context import BaseContext

# Loaded once by the fork server, so each worker and the writer start without importing them.
_PRELOAD = ["fanwen_crawler.workers", "fanwen_crawler.writer"]

# What a terminal (Ctrl-C) or `kill` sends to a whole process group: for the crawl process only.
_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)

# The exit status of a worker or writer whose crawl process is gone (nobody reads it).
ORPHANED_EXIT = 1


def process_context() -> BaseContext:
    """Forked from a fork server, not from the crawl process: the crawl runs threads (Twisted's
    pool, the executors'), and a fork copies their locks mid-use. The server is a clean process
    that imports the pipeline modules once; where there is none (Windows), spawn.

    The server starts here, with SIGINT and SIGTERM blocked: it inherits the mask, and so does
    every process it forks, until join_crawl() ignores them; otherwise a Ctrl-C while the server
    imports the pipeline modules, or before a worker has run join_crawl(), prints a
    KeyboardInterrupt traceback."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_PRELOAD)
    # The tracker first: starting it unblocks the two signals in this thread.
    resource_tracker.ensure_running()
    with _stop_signals_blocked():
        forkserver.ensure_running()
    _stop_helpers_at_exit()
    return context


@cache
def _stop_helpers_at_exit() -> None:
    """Register _stop_helpers() once, however many pools ask for a context."""
    atexit.register(_stop_helpers)


def _stop_helpers() -> None:
    """At a normal exit, stop the fork server and the resource tracker and wait for them, so
    that the command returns with no process of its own left (they would exit on their own a
    moment later, when they see the crawl process's pipes close). multiprocessing has no
    public call for this; where its private one is missing, they exit on their own as before."""
    for helper in (forkserver._forkserver, resource_tracker._resource_tracker):
        stop = getattr(helper, "_stop", None)
        if stop is not None:
            try:
                stop()
            except OSError:
                pass  # already gone


@contextmanager
def _stop_signals_blocked() -> Iterator[None]:
    """SIGINT and SIGTERM held back from this thread, and from the processes it starts. One
    sent to the crawl process meanwhile goes to another of its threads, or waits."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def join_crawl() -> None:
    """Run first in each worker and in the writer: ignore the stop signals (the crawl process
    shuts this process down when it stops), and exit as soon as the crawl process is gone.

    A process forked by the fork server is not a child of the crawl process, so the kernel's
    parent-death signal cannot tell it; but it holds the read end of a pipe whose only write end
    the crawl process holds (multiprocessing's parent sentinel), and that end closes when the
    crawl process dies, however it dies. A thread waits for that and ends this process at once:
    a writer stopped mid-transaction leaves the database as it was at its last commit."""
    for signum in _STOP_SIGNALS:
        signal.signal(signum, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)  # blocked by process_context()
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(
            target=_exit_when_gone, args=(parent.sentinel,), name="crawl-watch", daemon=True
        ).start()


def _exit_when_gone(sentinel: int) -> None:
    wait([sentinel])
    os._exit(ORPHANED_EXIT)


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
