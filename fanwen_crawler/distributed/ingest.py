"""`fanwen ingest --redis URL --db PATH`: the one writer of a distributed crawl. Takes the
items workers pushed, deduplicates and stores them as a crawl does, a batch per transaction.

An item moves (LMOVE) to the `…:items:ingesting` list before it is stored and leaves it only
after its transaction committed: an ingest killed mid-batch leaves its batch there, and the
next ingest puts it back first. Storing is an upsert by URL, so an item stored twice (killed
between the commit and the removal) adds no row.
"""

from __future__ import annotations

import pickle
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from fanwen_crawler.distributed.redis_link import Keys, connect, redacted, retrying
from fanwen_crawler.runlock import RunLock
from pipelines.dedup import DedupIndex
from pipelines.errors import FanwenError
from pipelines.store import PageRecord, Store, dedup_and_save
from pipelines.store.revisits import touch
from pipelines.store.runs import finish_run, start_run

BATCH = 100


@dataclass
class IngestSummary:
    items: int = 0
    pages: int = 0
    essays: int = 0
    duplicates: int = 0
    failures: list[dict[str, Any]] = field(default_factory=list)
    recovered: int = 0
    seconds: float = 0.0
    stopped: str = "idle"

    def lines(self) -> list[str]:
        return [
            f"items taken:    {self.items} ({self.recovered} left by an earlier ingest)",
            f"pages stored:   {self.pages}",
            f"essays stored:  {self.essays}",
            f"duplicates:     {self.duplicates}",
            f"failed pages:   {len(self.failures)}",
            f"time taken:     {self.seconds:.1f} s (stopped: {self.stopped})",
        ]


class _Stop:
    """SIGINT / SIGTERM: finish the batch in hand, then stop."""

    def __init__(self) -> None:
        self.reason: str | None = None
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> _Stop:
        for number in (signal.SIGINT, signal.SIGTERM):
            self._previous[number] = signal.signal(number, self._handle)
        return self

    def __exit__(self, *_: object) -> None:
        for number, handler in self._previous.items():
            signal.signal(number, handler)

    def _handle(self, number: int, frame: FrameType | None) -> None:
        self.reason = signal.Signals(number).name


def ingest_from_redis(
    url: str,
    db: str | Path,
    prefix: str = "fanwen",
    until_idle: float | None = 10.0,
    progress: Callable[[IngestSummary], None] | None = None,
) -> IngestSummary:
    """Store what the workers push until nothing came for `until_idle` seconds (None: until
    stopped by a signal)."""
    client = connect(url)
    keys = Keys(prefix)
    summary = IngestSummary()
    started = time.monotonic()
    with RunLock(db, f"ingest from {redacted(url)}"), _Stop() as stop:
        store = Store(db)
        try:
            index = DedupIndex(store.db)
            run_id = start_run(store.db, "ingest", {"redis": redacted(url)}, redacted(url), "redis")
            store.db.commit()
            summary.recovered = _recover(client, keys)
            idle_since = time.monotonic()
            while stop.reason is None:
                batch = _take(client, keys)
                if not batch:
                    # Nothing in hand: an item still in the ingesting list is one Redis moved
                    # while its answer was lost (a restart) and the move was retried.
                    summary.recovered += _recover(client, keys)
                    if until_idle is not None and time.monotonic() - idle_since >= until_idle:
                        break
                    continue
                idle_since = time.monotonic()
                with store.db.atomic():
                    for data in batch:
                        _store(store, index, pickle.loads(data), summary)
                store.db.commit()

                def release(taken: list[Any] = batch) -> None:
                    with client.pipeline() as pipe:
                        for data in taken:
                            pipe.lrem(keys.ingesting, 1, data)
                        pipe.execute()

                retrying(release)
                summary.items += len(batch)
                if progress is not None:
                    progress(summary)
            summary.stopped = stop.reason or "idle"
            summary.seconds = time.monotonic() - started
            finish_run(
                store.db,
                run_id,
                summary.stopped,
                {"items": summary.items, "recovered": summary.recovered},
                summary.failures,
                status="finished" if stop.reason is None else "interrupted",
                counts={
                    "new": summary.pages,
                    "duplicates": summary.duplicates,
                    "errors": len(summary.failures),
                },
            )
        finally:
            store.close()
    return summary


def _recover(client: Any, keys: Keys) -> int:
    moved = 0
    while retrying(lambda: client.lmove(keys.ingesting, keys.items, "LEFT", "RIGHT")):
        moved += 1
    return moved


def _take(client: Any, keys: Keys) -> list[bytes]:
    """Up to BATCH items, waiting at most a second for the first."""
    first = retrying(lambda: client.blmove(keys.items, keys.ingesting, 1, "RIGHT", "LEFT"))
    if first is None:
        return []
    batch = [first]
    while len(batch) < BATCH:
        data = retrying(lambda: client.lmove(keys.items, keys.ingesting, "RIGHT", "LEFT"))
        if data is None:
            break
        batch.append(data)
    return batch


def _store(store: Store, index: DedupIndex, message: Any, summary: IngestSummary) -> None:
    kind, body = message
    if kind == "page":
        if not isinstance(body, PageRecord):
            raise FanwenError("an item in Redis is not a page record")
        results, _ = dedup_and_save(store, index, body)
        summary.pages += 1
        summary.essays += len(body.document.essays) if body.document else 0
        summary.duplicates += sum(1 for result in results if result.duplicate_of)
    elif kind == "seen":
        touch(store.db, body["url"], body["at"])
    else:
        summary.failures.append(body)
