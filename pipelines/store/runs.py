"""Crawl run records (`crawl_runs`): one row per run, opened when it starts and closed with its
status, finish reason and counts, whatever way it ends.

Statuses: `running` while it runs; `finished`; `interrupted` (Ctrl-C, SIGTERM, a time or page
limit is a `finished` run); `failed` (health checks, a dead writer, nothing fetched); `killed`
(found still `running` by a later run: its process died without closing the record).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

# The counts a run record carries, as columns (the crawl's stats keep the rest).
COUNTS = ("fetched", "new", "updated", "unchanged", "skipped", "duplicates", "errors")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class RunRecord:
    id: int
    spider: str
    target: str | None
    mode: str | None
    status: str
    started_at: str
    finished_at: str | None
    finish_reason: str | None
    message: str | None
    counts: dict[str, int]
    resumed_from: int | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "spider": self.spider,
            "target": self.target,
            "mode": self.mode,
            "status": self.status,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "finish_reason": self.finish_reason,
            "message": self.message,
            "resumed_from": self.resumed_from,
            **self.counts,
        }


_COLUMNS = (
    "id, spider, target, mode, status, started_at, finished_at, finish_reason, message, "
    "resumed_from, " + ", ".join(COUNTS)
)


def _record(row: Sequence[Any]) -> RunRecord:
    counts = {name: int(value or 0) for name, value in zip(COUNTS, row[10:], strict=True)}
    return RunRecord(
        id=row[0],
        spider=row[1],
        target=row[2],
        mode=row[3],
        status=row[4] or "running",
        started_at=row[5],
        finished_at=row[6],
        finish_reason=row[7],
        message=row[8],
        counts=counts,
        resumed_from=row[9],
    )


def start_run(
    db: sqlite_utils.Database,
    spider: str,
    settings: Mapping[str, Any],
    target: str | None = None,
    mode: str | None = None,
    resumed_from: int | None = None,
) -> int:
    with db.atomic():
        cursor = db.execute(
            "INSERT INTO crawl_runs (spider, started_at, settings, status, pid, target, mode, "
            "resumed_from) VALUES (?, ?, ?, 'running', ?, ?, ?, ?)",
            [
                spider,
                now(),
                json.dumps(dict(settings), default=str),
                os.getpid(),
                target,
                mode,
                resumed_from,
            ],
        )
    return int(cursor.lastrowid or 0)


def finish_run(
    db: sqlite_utils.Database,
    run_id: int,
    reason: str | None,
    stats: Mapping[str, Any],
    failures: Sequence[Any] = (),
    status: str = "finished",
    message: str | None = None,
    counts: Mapping[str, int] | None = None,
) -> None:
    """Close a run's record: status, finish reason, message, counts, Scrapy stats, failed URLs."""
    counts = counts or {}
    with db.atomic():
        db.execute(
            "UPDATE crawl_runs SET finished_at = ?, finish_reason = ?, status = ?, message = ?, "
            "stats = ?, failures = ?, "
            + ", ".join(f"{name} = ?" for name in COUNTS)
            + " WHERE id = ?",
            [
                now(),
                reason,
                status,
                message,
                json.dumps(dict(stats), default=str),
                json.dumps(list(failures), ensure_ascii=False),
                *(int(counts.get(name, 0)) for name in COUNTS),
                run_id,
            ],
        )


def close_dead_runs(db: sqlite_utils.Database) -> list[int]:
    """Mark runs still `running` as `killed`: call it holding the database's run lock, when no
    other run can be alive. Returns their ids."""
    with db.atomic():
        dead = [row[0] for row in db.execute("SELECT id FROM crawl_runs WHERE status = 'running'")]
        db.execute(
            "UPDATE crawl_runs SET status = 'killed', finish_reason = 'process died', "
            "message = 'the crawl process ended without closing its run (kill -9, power cut)' "
            "WHERE status = 'running'"
        )
    return dead


def unfinished_run(db: sqlite_utils.Database, target: str) -> RunRecord | None:
    """The last run of `target` if it was stopped before the end (interrupted or killed), and
    no later run of it finished."""
    row = db.execute(
        f"SELECT {_COLUMNS} FROM crawl_runs WHERE target = ? ORDER BY id DESC LIMIT 1", [target]
    ).fetchone()
    if row is None:
        return None
    record = _record(row)
    return record if record.status in ("interrupted", "killed") else None


def get_run(db: sqlite_utils.Database, run_id: int) -> RunRecord | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM crawl_runs WHERE id = ?", [run_id]).fetchone()
    return _record(row) if row else None


def list_runs(db: sqlite_utils.Database, limit: int = 20) -> list[RunRecord]:
    """The latest runs, newest first."""
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM crawl_runs ORDER BY id DESC LIMIT ?", [limit]
    ).fetchall()
    return [_record(row) for row in rows]
