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

from fanwen_crawler.runtime import process_context, settle_garbage_collector
from pipelines.dedup import DedupResult
from pipelines.neardup import DedupIndex
from pipelines.persist import dedup_and_save
from pipelines.store import PageRecord, Store

T = TypeVar("T")

# The open database of this process (the writer process's, or the crawl's in-process one).
_store: Store | None = None
_index: DedupIndex | None = None


def open_database(path: str) -> None:
    global _store, _index
    _store = Store(path)
    _store.group_commits()
    _index = DedupIndex(_store.db)
    settle_garbage_collector()  # what it holds now lives as long as the process


def close_database() -> None:
    global _store, _index
    if _store is not None:
        _store.close()
    _store, _index = None, None


def _open() -> tuple[Store, DedupIndex]:
    assert _store is not None and _index is not None, "open_database() comes first"
    return _store, _index


def save_page(record: PageRecord) -> list[DedupResult]:
    store, index = _open()
    return dedup_and_save(store, index, record)


def learned_lines(site: str) -> frozenset[str]:
    return frozenset(_open()[0].learned_lines(site))


def start_run(spider: str, settings: dict[str, Any]) -> int:
    return _open()[0].start_run(spider, settings)


def finish_run(
    run_id: int, reason: str | None, stats: dict[str, Any], failures: list[dict[str, Any]]
) -> None:
    _open()[0].finish_run(run_id, reason, stats, failures)


class Writer:
    """Calls the functions above in the writer process, or here when `in_process`."""

    def __init__(self, path: str, in_process: bool) -> None:
        self._pool = None
        if not in_process:
            self._pool = ProcessPoolExecutor(1, mp_context=process_context())
        try:
            self.call(open_database, path)  # a bad database fails here, as a DatabaseError
        except BaseException:
            if self._pool is not None:
                self._pool.shutdown()
            raise

    def call(self, function: Callable[..., T], *args: Any) -> T:
        """Run `function` in the writer and wait for its result (blocks the caller)."""
        if self._pool is None:
            return function(*args)
        return self._pool.submit(function, *args).result()

    async def run(self, function: Callable[..., T], *args: Any) -> T:
        """Run `function` in the writer while the reactor goes on."""
        if self._pool is None:
            return function(*args)
        future: Future[T] = self._pool.submit(function, *args)
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
