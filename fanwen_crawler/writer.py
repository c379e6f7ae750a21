"""The crawl's one database writer: dedup and store, in a process of its own.

SQLite has one writer at a time and the dedup index must see every essay stored before, so a
crawl has exactly one writer. Running it in its own process takes the SQL and the index lookups
off the reactor thread (issue 5: the full pipeline must keep most of the crawl's throughput).
With `in_process=True` the same functions run in the crawl process (FANWEN_WORKERS = 0).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from fanwen_crawler.runtime import join_crawl, process_context, settle_garbage_collector
from pipelines.dedup import DedupIndex, DedupResult
from pipelines.store import PageRecord, Store, dedup_and_save
from pipelines.store.revisits import touch

T = TypeVar("T")

# The databases open in this process, by path: the writer process has one; a crawl process
# running its stages itself (FANWEN_WORKERS = 0) has one per crawl it runs.
_open: dict[str, tuple[Store, DedupIndex]] = {}


def open_database(path: str) -> None:
    store = Store(path)
    store.group_commits()
    _open[path] = (store, DedupIndex(store.db))
    settle_garbage_collector()  # what it holds now lives as long as the process


def close_database(path: str) -> None:
    store, _ = _open.pop(path, (None, None))
    if store is not None:
        store.close()


def save_article(path: str, record: PageRecord) -> tuple[list[DedupResult], str]:
    """Dedup and store one article: the dedup results, and whether it was new, updated or
    unchanged."""
    store, index = _open[path]
    return dedup_and_save(store, index, record)


def touch_article(path: str, article_url: str, seen_at: str) -> int:
    """An article confirmed unchanged: only its last_seen moves."""
    store = _open[path][0]
    pages = touch(store.db, article_url, seen_at)
    store.commit_if_due()
    return pages


def learned_lines(path: str, site: str) -> frozenset[str]:
    return frozenset(_open[path][0].learned_lines(site))


def start_run(
    path: str,
    spider: str,
    settings: dict[str, Any],
    target: str | None = None,
    mode: str | None = None,
    resumed_from: int | None = None,
) -> int:
    store = _open[path][0]
    run_id = store.start_run(spider, settings, target=target, mode=mode, resumed_from=resumed_from)
    store.commit()  # the record is visible at once (`fanwen runs` while the crawl runs)
    return run_id


def finish_run(
    path: str,
    run_id: int,
    reason: str | None,
    stats: dict[str, Any],
    failures: list[dict[str, Any]],
    status: str = "finished",
    message: str | None = None,
    counts: dict[str, int] | None = None,
) -> None:
    store = _open[path][0]
    store.finish_run(run_id, reason, stats, failures, status=status, message=message, counts=counts)
    store.commit()


class Writer:
    """Calls the functions above, for its database, in the writer process or here when
    `in_process`: `call(save_article, record)` runs `save_article(path, record)`."""

    def __init__(self, path: str, in_process: bool) -> None:
        self.path = path
        self._pool = None
        if not in_process:
            # join_crawl: the writer ignores Ctrl-C and exits when the crawl process is gone
            self._pool = ProcessPoolExecutor(
                1, mp_context=process_context(), initializer=join_crawl
            )
        try:
            self.call(open_database)  # a bad database fails here, as a DatabaseError
        except BaseException:
            if self._pool is not None:
                self._pool.shutdown()
            raise

    def call(self, function: Callable[..., T], *args: Any) -> T:
        """Run `function` in the writer and wait for its result (blocks the caller)."""
        if self._pool is None:
            return function(self.path, *args)
        return self._pool.submit(function, self.path, *args).result()

    async def run(self, function: Callable[..., T], *args: Any) -> T:
        """Run `function` in the writer while the reactor goes on."""
        if self._pool is None:
            return function(self.path, *args)
        future: Future[T] = self._pool.submit(function, self.path, *args)
        return await asyncio.wrap_future(future)

    def close(self) -> None:
        """Commit and close the database; a writer process that died has nothing left to close
        (what it had committed stays)."""
        try:
            self.call(close_database)
        except BrokenProcessPool:
            pass
        finally:
            if self._pool is not None:
                self._pool.shutdown()
