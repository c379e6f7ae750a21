"""Candidate rows read through the bounded cache: what SQLite holds, until told to forget."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import sqlite_utils

from pipelines.dedup import create_tables
from pipelines.dedup.candidates import CandidateRows
from pipelines.dedup.fingerprint import to_blob


def _database(tmp_path: Path, count: int) -> sqlite_utils.Database:
    db = sqlite_utils.Database(tmp_path / "c.db")
    create_tables(db)
    for seq in range(1, count + 1):
        db.execute(
            "INSERT INTO dedup_essays (essay_id, seq, length, truncated, shingles) "
            "VALUES (?, ?, ?, 0, ?)",
            [f"e{seq}", seq, 100 + seq, to_blob(np.arange(seq, dtype=np.uint32))],
        )
    return db


def test_candidate_rows_hold_the_stored_fields(tmp_path: Path) -> None:
    rows = CandidateRows(_database(tmp_path, 3)).get([3, 9, 1])
    assert sorted(rows) == [1, 3]  # seq 9 has no row
    assert (rows[3].essay_id, rows[3].length, rows[3].truncated) == ("e3", 103, False)
    assert rows[3].sample.tolist() == [0, 1, 2]


def test_candidate_rows_show_a_changed_canonical_once_forgotten(tmp_path: Path) -> None:
    db = _database(tmp_path, 2)
    rows = CandidateRows(db)
    assert rows.get([2])[2].canonical is None
    db.execute("UPDATE dedup_essays SET canonical = 'e1' WHERE seq = 2")
    assert rows.get([2])[2].canonical is None  # cached
    rows.forget()
    assert rows.get([2])[2].canonical == "e1"


def test_candidate_rows_keep_the_most_recently_used(tmp_path: Path) -> None:
    db = _database(tmp_path, 5)
    rows = CandidateRows(db, size=2)
    rows.get([1, 2])
    rows.get([1, 3])  # 2 is now the least recently used, and goes
    db.execute("UPDATE dedup_essays SET length = 0")
    assert [rows.get([seq])[seq].length for seq in (1, 3, 2)] == [101, 103, 0]
