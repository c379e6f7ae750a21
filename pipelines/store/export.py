"""Essays out of the database as JSON lines or CSV, streamed row by row (constant memory
whatever the corpus size)."""

from __future__ import annotations

import csv
import json
from typing import IO

import sqlite_utils

from pipelines.errors import FanwenError

COLUMNS = (
    "id",
    "site",
    "category",
    "title",
    "page_url",
    "position",
    "published",
    "first_seen",
    "last_seen",
    "char_count",
    "duplicate_of",
    "keywords",
    "flags",
    "text",
)
FORMATS = ("jsonl", "csv")
_JSON_COLUMNS = {"keywords", "flags"}  # stored as JSON text: exported as lists in JSON lines


def export_essays(
    db: sqlite_utils.Database,
    out: IO[str],
    format: str = "jsonl",
    distinct: bool = False,
    since: str | None = None,
    site: str | None = None,
) -> int:
    """Write the essays (canonical copies only with `distinct`, first seen on or after `since`,
    of one `site`) to `out`; returns how many."""
    if format not in FORMATS:
        raise FanwenError(f"unknown export format {format!r} (choose {' or '.join(FORMATS)})")
    where, params = [], []
    if distinct:
        where.append("duplicate_of IS NULL")
    if since:
        where.append("first_seen >= ?")
        params.append(since)
    if site:
        where.append("site = ?")
        params.append(site)
    sql = f"SELECT {', '.join(COLUMNS)} FROM essays"
    if where:
        sql += " WHERE " + " AND ".join(where)
    # One pass over the table: read(), not the memory map, whose pages would count as the
    # process's memory for the whole table.
    db.execute("PRAGMA mmap_size=0")
    cursor = db.execute(sql + " ORDER BY seq", params)
    writer = csv.writer(out) if format == "csv" else None
    if writer is not None:
        writer.writerow(COLUMNS)
    count = 0
    while rows := cursor.fetchmany(200):
        for row in rows:
            if writer is not None:
                writer.writerow(row)
            else:
                record = dict(zip(COLUMNS, row, strict=True))
                for column in _JSON_COLUMNS:
                    record[column] = json.loads(record[column] or "[]")
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += len(rows)
    return count
