"""One connection's in-memory postings kept level with the `dedup_keys` rows in SQLite.

Before each check the index asks for the next seq; the answer also tells whether the database
moved under the postings: essays another connection indexed are loaded, and essays of a
rolled-back transaction are dropped, even when another connection has since reused their seqs
(the essay stored at a seq we hold is compared with the one we put there).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import sqlite_utils

from pipelines.dedup.postings import Postings

_LOAD_CHUNK = 50_000
_FEW = 100  # fewer new essays than this are added to the postings one by one
_REMEMBERED = 10_000  # the latest seqs whose essay id is kept, to find what a rollback took
_LEVEL = (
    "SELECT coalesce(max(seq), 0), (SELECT essay_id FROM dedup_essays WHERE seq = ?) "
    "FROM dedup_essays"
)


class PostingSync:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self._db = db
        self.postings = Postings()
        self._ids: dict[int, str] = {}  # seq → essay id, for the latest seqs held

    def next_seq(self) -> tuple[int, bool]:
        """(the seq the next essay gets, whether the index changed other than by add())."""
        held = self.postings.last_seq
        top, newest = self._db.execute(_LEVEL, [held]).fetchone()
        changed = newest != self._ids.get(held)
        if changed:  # the newest essay held was rolled back: keep what is still there
            self._forget_after(self._still_stored(held))
        if top > self.postings.last_seq:
            changed |= held > 0  # another connection's essays (the first load is no change)
            self._load(top)
        return top + 1, changed

    def add(self, seq: int, essay_id: str, keys: Sequence[int]) -> None:
        """An essay this connection has just indexed."""
        self.postings.add(seq, keys)
        self._remember({seq: essay_id})

    def _still_stored(self, held: int) -> int:
        """The highest seq up to which the essays held are the ones stored (0: unknown)."""
        known = [seq for seq in self._ids if seq <= held]
        if not known:
            return 0
        stored = dict(
            self._db.execute(
                "SELECT seq, essay_id FROM dedup_essays WHERE seq BETWEEN ? AND ?",
                [min(known), held],
            ).fetchall()
        )
        for seq in sorted(known):
            if stored.get(seq) != self._ids[seq]:
                return seq - 1 if seq > min(known) else 0
        return held

    def _forget_after(self, seq: int) -> None:
        if seq == 0:
            self.postings = Postings()  # nothing vouched for: rebuild from the rows
        else:
            self.postings.forget_after(seq)
        self._ids = {kept: essay for kept, essay in self._ids.items() if kept <= seq}

    def _load(self, top: int) -> None:
        """Add the keys of the essays after postings.last_seq, up to `top` at least: a few one
        by one (another connection's latest), many in one sort (opening the index)."""
        since = self.postings.last_seq
        cursor = self._db.execute(
            "SELECT seq, keys FROM dedup_keys WHERE seq > ? ORDER BY seq", [since]
        )
        rows = cursor.fetchmany(_FEW)
        if len(rows) < _FEW:
            for seq, blob in rows:
                self.postings.add(seq, np.frombuffer(blob, dtype="<i8").tolist())
        else:
            seqs: list[npt.NDArray[np.int32]] = []
            keys: list[npt.NDArray[np.int64]] = []
            while rows:
                counts = [len(blob) // 8 for _, blob in rows]
                seqs.append(np.repeat(np.array([seq for seq, _ in rows], dtype=np.int32), counts))
                keys.append(np.frombuffer(b"".join(blob for _, blob in rows), dtype=np.int64))
                rows = cursor.fetchmany(_LOAD_CHUNK)
            all_seqs, all_keys = np.concatenate(seqs), np.concatenate(keys)
            del seqs, keys  # the chunks: 1 GB for a 1M-essay index
            self.postings.add_many(all_seqs, all_keys)
        # An essay may have no keys row (one without words, in a migrated index): still held.
        self.postings.last_seq = newest = max(self.postings.last_seq, top)
        ids = self._db.execute(
            "SELECT seq, essay_id FROM dedup_essays WHERE seq > ? AND seq <= ? ORDER BY seq",
            [max(since, newest - _REMEMBERED), newest],
        ).fetchall()
        self._remember(dict(ids))

    def _remember(self, ids: dict[int, str]) -> None:
        self._ids.update(ids)
        if len(self._ids) > 2 * _REMEMBERED:  # seqs come in increasing order: drop the oldest
            self._ids = dict(list(self._ids.items())[-_REMEMBERED:])
