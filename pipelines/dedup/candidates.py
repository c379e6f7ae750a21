"""The stored fields a dedup check compares a candidate essay with, read from SQLite through a
bounded cache: every new copy of a much-copied essay has that essay's cluster among its
candidates, and reading the same rows again was most of such a check (issue 4)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from typing import NamedTuple

import sqlite_utils

from pipelines.dedup.fingerprint import Hashes, from_blob

_SELECT = "SELECT essay_id, length, truncated, canonical, shingles FROM dedup_essays WHERE seq = ?"


class Candidate(NamedTuple):
    seq: int
    essay_id: str
    length: int
    truncated: bool
    canonical: str | None  # the copy it is of (None: itself); may change, see forget()
    sample: Hashes


class CandidateRows:
    """Candidates by seq, the most recently used `size` of them kept in memory."""

    def __init__(self, db: sqlite_utils.Database, size: int = 20_000) -> None:
        self._db = db
        self._size = size
        self._cached: OrderedDict[int, Candidate] = OrderedDict()

    def get(self, seqs: Sequence[int]) -> dict[int, Candidate]:
        """The candidates stored under these seqs (a seq with no row is left out)."""
        found: dict[int, Candidate] = {}
        for seq in seqs:
            row = self._cached.get(seq)
            if row is None:
                # One short statement per row (prepared once): an IN list of up to 50 seqs
                # costs more to run than the one or two look-ups a check makes as a rule.
                fetched = self._db.execute(_SELECT, [seq]).fetchone()
                if fetched is None:
                    continue
                row = Candidate(
                    seq, fetched[0], fetched[1], bool(fetched[2]), fetched[3], from_blob(fetched[4])
                )
                self._cached[seq] = row
                if len(self._cached) > self._size:
                    self._cached.popitem(last=False)
            else:
                self._cached.move_to_end(seq)
            found[seq] = row
        return found

    def forget(self) -> None:
        """Drop every cached row: a canonical changed (a complete copy took over a truncated
        one), a transaction was rolled back, or another connection wrote."""
        self._cached.clear()
