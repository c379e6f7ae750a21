"""The dedup index's posting lists in memory: 64-bit keys (LSH band keys, sentence hashes) →
the seqs of the essays listing them.

SQLite keeps each essay's keys in one appended row (`dedup_keys`), the durable copy; this is
the structure a check looks keys up in, rebuilt from those rows when an index is opened. Kept in
SQLite B-trees instead, every check paid ~60 seeks and ~60 random-page inserts (0.65 ms of a
1.3 ms check at 100k essays); here all of an essay's keys are looked up in a few numpy steps.

Layout: a sorted numpy array of keys with the seqs beside them (12 bytes a posting, ~14 with
the run table below: 85 MB for 100k essays), plus a dict of recent postings merged into the arrays once it holds a share of
their size, so the cost of merging stays a constant per posting as the index grows. Keys are
hashes, spread evenly, so a table of where each run of keys sharing their top bits starts (a
run per two to four postings) finds a key in two memory reads; a binary search over millions
of keys missed the CPU cache twenty times per key.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt

Keys = npt.NDArray[np.int64]
Seqs = npt.NDArray[np.int32]
_MIN_FRESH, _MAX_FRESH = 50_000, 1_000_000
_FRESH_SHARE = 8  # fresh postings merged when they reach 1/8 of the arrays
_SCAN = 16  # postings in a run past which a key is found by binary search instead
_SIGN = np.uint64(1 << 63)
_STEPS = np.arange(_SCAN, dtype=np.int32)
_COUNT_SLICE = 1 << 22


class Postings:
    """A key → seqs multimap: add essays in seq order, look keys up, forget rolled-back seqs."""

    def __init__(self) -> None:
        self._keys: Keys = np.zeros(0, dtype=np.int64)  # sorted; a key's seqs in seq order
        self._seqs: Seqs = np.zeros(0, dtype=np.int32)
        self._shift = np.uint64(63)
        self._starts: npt.NDArray[np.int32] = np.zeros(3, dtype=np.int32)  # run → first position
        # Recent postings: a key's first seq, and its later ones (few keys have any).
        self._fresh: dict[int, int] = {}
        self._more: dict[int, list[int]] = {}
        self._fresh_count = 0
        self.last_seq = 0  # the highest seq added

    def __len__(self) -> int:
        return len(self._keys) + self._fresh_count

    def add(self, seq: int, keys: Iterable[int]) -> None:
        """One essay's keys (distinct); seqs must come in increasing order."""
        new = dict.fromkeys(keys, seq)  # dict operations on whole sets: no loop per key
        self._fresh_count += len(new)
        for key in new.keys() & self._fresh.keys():
            self._more.setdefault(key, []).append(seq)
            del new[key]
        self._fresh.update(new)
        self.last_seq = max(self.last_seq, seq)
        if self._fresh_count >= min(max(len(self._keys) // _FRESH_SHARE, _MIN_FRESH), _MAX_FRESH):
            self._merge_fresh()

    def add_many(self, seqs: Seqs, keys: Keys) -> None:
        """Many essays' postings at once (opening an index): `seqs[i]` lists `keys[i]`, every
        seq after those added before."""
        if len(keys) == 0:
            return
        self._merge_fresh()
        order, ordered = _by_key_then_seq(keys, seqs)
        self._insert(ordered, seqs[order].astype(np.int32, copy=False))
        self.last_seq = max(self.last_seq, int(seqs.max()))

    def lookup(self, keys: Sequence[int], cap: int) -> dict[int, int]:
        """{seq: how many of `keys` list it}, reading at most `cap` seqs per key: a template
        sentence shared by thousands of essays must not be read in full."""
        wanted = np.asarray(keys, dtype=np.int64)
        run = self._run(wanted)
        first, stop = self._starts[run], self._starts[run + 1]
        width = stop - first
        scan = min(int(width.max(initial=0)), _SCAN, cap)
        found: list[int] = []
        hits = np.zeros((len(wanted), 0), dtype=np.bool_)
        if scan:  # look at the first `scan` postings of every key's run at once
            at = first[:, None] + _STEPS[:scan]
            inside = at < stop[:, None]
            np.minimum(at, len(self._keys) - 1, out=at)
            hits = inside & (self._keys[at] == wanted[:, None])
        wide = width > scan
        wide_counts = np.zeros(0, dtype=np.int64)
        if wide.any():  # a key many essays list shares its run: binary search for those
            hits[wide] = False
            left = np.searchsorted(self._keys, wanted[wide], "left")
            right = np.searchsorted(self._keys, wanted[wide], "right")
            wide_counts = np.minimum(right - left, cap)
            starts = np.cumsum(wide_counts) - wide_counts
            at_wide = np.arange(int(wide_counts.sum())) + np.repeat(left - starts, wide_counts)
            found += self._seqs[at_wide].tolist()
        if scan:
            found += self._seqs[at[hits]].tolist()
        if recent := self._fresh.keys() & set(keys):
            taken = hits.sum(axis=1)
            taken[wide] = wide_counts
            for key in recent:
                room = max(cap - int(taken[keys.index(key)]), 0)
                found += ([self._fresh[key]] + self._more.get(key, []))[:room]
        return Counter(found)

    def forget_after(self, seq: int) -> None:
        """Drop the postings of seqs above `seq` (their transaction was rolled back)."""
        kept = self._seqs <= seq
        if not kept.all():
            self._keys, self._seqs = self._keys[kept], self._seqs[kept]
            self._index_runs()
        fresh = [(key, first) for key, first in self._fresh.items() if first <= seq]
        more = {key: [s for s in later if s <= seq] for key, later in self._more.items()}
        self._fresh = dict(fresh)
        self._more = {key: later for key, later in more.items() if later}
        self._fresh_count = len(self._fresh) + sum(map(len, self._more.values()))
        self.last_seq = min(self.last_seq, seq)

    def _merge_fresh(self) -> None:
        if not self._fresh:
            return
        later = [(key, seq) for key, seqs in self._more.items() for seq in seqs]
        keys = np.concatenate(
            (
                np.fromiter(self._fresh.keys(), dtype=np.int64, count=len(self._fresh)),
                np.array([key for key, _ in later], dtype=np.int64),
            )
        )
        seqs = np.concatenate(
            (
                np.fromiter(self._fresh.values(), dtype=np.int32, count=len(self._fresh)),
                np.array([seq for _, seq in later], dtype=np.int32),
            )
        )
        # By key, then seq: a key's first seq comes before its later ones.
        order = np.lexsort((seqs, keys))
        self._fresh, self._more, self._fresh_count = {}, {}, 0
        self._insert(keys[order], seqs[order])

    def _insert(self, keys: Keys, seqs: Seqs) -> None:
        """Merge sorted postings, all of later seqs, into the arrays: after a key's own seqs."""
        if len(self._keys) == 0:
            self._keys, self._seqs = keys, seqs
        else:
            at = np.searchsorted(self._keys, keys, "right")
            self._keys = np.insert(self._keys, at, keys)
            self._seqs = np.insert(self._seqs, at, seqs)
        if self._bits() == self._shift_bits():  # same runs: count the new keys into them
            self._count_runs(keys)
        else:
            self._index_runs()

    def _bits(self) -> int:
        """Run-table bits for the arrays' size: a run per two to four postings."""
        return max(len(self._keys).bit_length() - 2, 1)

    def _shift_bits(self) -> int:
        return 64 - int(self._shift)

    def _index_runs(self) -> None:
        """Rebuild the run table for the arrays' size."""
        self._shift = np.uint64(64 - self._bits())
        self._starts = np.zeros((1 << self._bits()) + 1, dtype=np.int32)
        self._count_runs(self._keys)

    def _count_runs(self, keys: Keys) -> None:
        """Move every run's start past the sorted `keys` of earlier runs. Counted a slice at a
        time into one array of differences: a whole-array bincount of a 1M-essay index held
        two more copies of the table (1.6 GB at its peak)."""
        shifts = np.zeros(len(self._starts), dtype=np.int32)
        for start in range(0, len(keys), _COUNT_SLICE):
            runs = self._run(keys[start : start + _COUNT_SLICE])  # sorted, as the keys are
            counts = np.bincount(runs - runs[0])
            shifts[runs[0] + 1 : runs[0] + 1 + len(counts)] += counts.astype(np.int32)
        np.cumsum(shifts, out=shifts)
        self._starts += shifts

    def _run(self, keys: Keys) -> npt.NDArray[np.intp]:
        """Each key's run: its top bits, in the signed order the keys are sorted in."""
        return ((keys.view(np.uint64) ^ _SIGN) >> self._shift).astype(np.intp)


def _by_key_then_seq(keys: Keys, seqs: Seqs) -> tuple[npt.NDArray[np.intp], Keys]:
    """The order sorting postings by key, then seq: numpy's quicksort by key (a stable sort of
    64-bit keys is twice as slow), then the few runs of equal keys sorted by seq."""
    order = np.argsort(keys)
    ordered = keys[order]
    equal = np.flatnonzero(ordered[1:] == ordered[:-1])
    if len(equal):
        tied = np.unique(np.concatenate((equal, equal + 1)))  # positions in runs of one key
        order[tied] = order[tied][np.lexsort((seqs[order[tied]], ordered[tied]))]
    return order, ordered  # the keys in that order
