"""The persistent dedup index: exact, near and contained duplicates across runs and sites.

Everything lives in SQLite tables beside the essays, so a crawl next week dedups against all
that was stored before:

- `dedup_essays`: one row per indexed essay in the order seen (`seq`): its hash, length,
  truncation, the answer it got (canonical it points to, similarity, kind);
- `exact_hashes`: normalized-text hash → the first essay with it (UNIQUE);
- `dedup_keys`: each essay's MinHash LSH band keys (near-duplicate candidates) and sentence
  hashes (an essay inside a longer one), one row appended per essay; looked up in memory
  (`pipelines.dedup.postings`), rebuilt from these rows when the index is opened;
- `containments`: part → container, "part by part" for collections.

Candidates are confirmed with the real similarity of their (sampled) shingle sets. The canonical copy is
the earliest-seen complete one: a complete copy arriving after a truncated canonical takes over.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import sqlite_utils

from pipelines.dedup.candidates import Candidate, CandidateRows
from pipelines.dedup.fingerprint import (
    Fingerprint,
    fingerprint,
    shared_counts,
    to_blob,
)
from pipelines.dedup.posting_sync import PostingSync

# Confirmation thresholds (bench/dedup_quality.py): copies edited by 5–10% of characters, with a
# sentence moved or a paragraph dropped, score 0.3–0.6; distinct essays on a topic stay < 0.1.
NEAR_JACCARD = 0.3
CONTAINED_SHARE = 0.8  # share of the shorter essay's shingles found in the longer one
TRUNCATED_SHARE = 0.6  # the same, when one of the two is a truncated copy
# Past this length ratio two related essays are a part and its whole, not two copies.
_LONGER_RATIO = 1.3
# A complete essay takes over a truncated canonical only when it is at most this much longer
# (a "三篇" collection holding the full essay is much longer, and is not its complete copy).
_COMPLETES_RATIO = 3.0
_MAX_CANDIDATES = 50
# Members of one cluster (an essay and its copies) compared at most, the most-shared first:
# they all lead to the same canonical, and a new copy of a much-copied essay would otherwise
# be compared with fifty of them.
_PER_CLUSTER = 4
_MAX_POSTINGS = 64


@dataclass(frozen=True)
class DedupResult:
    essay_id: str
    text_hash: str
    duplicate_of: str | None = None
    similarity: float | None = None
    kind: str | None = None  # "exact" | "near" | "contained"
    # Earlier truncated copies this complete essay takes over as canonical.
    redirected: tuple[str, ...] = ()
    # Earlier essays found inside this one (a collection of them), with their share.
    contains: tuple[tuple[str, float], ...] = ()


def create_tables(db: sqlite_utils.Database) -> None:
    db.table("dedup_essays").create(
        {
            "essay_id": str,
            "seq": int,
            "text_hash": str,
            "length": int,
            "truncated": int,
            "duplicate_of": str,  # the answer given: the essay it copies or sits inside
            "similarity": float,
            "kind": str,
            "canonical": str,  # identity: the exact/near copy it is (NULL: itself); never a container
            "shingles": bytes,
        },
        pk="essay_id",
        if_not_exists=True,
    )
    db.table("dedup_essays").create_index(["seq"], unique=True, if_not_exists=True)
    db.table("dedup_essays").create_index(["canonical"], if_not_exists=True)
    db.table("exact_hashes").create(
        {"text_hash": str, "essay_id": str}, pk="text_hash", if_not_exists=True
    )
    db.table("dedup_keys").create({"seq": int, "keys": bytes}, pk="seq", if_not_exists=True)
    db.table("containments").create(
        {"part_id": str, "container_id": str, "share": float},
        pk=("part_id", "container_id"),
        if_not_exists=True,
    )


class DedupIndex:
    """Check essays one by one against everything indexed before; a check also indexes."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        create_tables(db)
        self._sync = PostingSync(db)  # the postings, built on the first check
        self._rows = CandidateRows(db)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Index many essays in one transaction (a bulk import): one commit instead of one per
        essay, which is most of the cost of a check on a large index."""
        with self.db.atomic():
            yield

    def check(
        self,
        essay_id: str,
        text: str,
        truncated: bool = False,
        print_: Fingerprint | None = None,
    ) -> DedupResult:
        """Index one essay and say what it duplicates. Checking an indexed essay again gives
        its recorded answer and adds no rows. `print_` is the text's fingerprint, when it was
        computed elsewhere (a worker process)."""
        row = self.db.execute(
            "SELECT text_hash, duplicate_of, similarity, kind FROM dedup_essays WHERE essay_id = ?",
            [essay_id],
        ).fetchone()
        if row is not None:
            return DedupResult(essay_id, row[0], row[1], row[2], row[3])
        print_ = print_ or fingerprint(text)
        keys = print_.keys
        # The seq is read, and the essay matched and stored, under one write lock: another
        # connection cannot take the seq in between.
        with _write_transaction(self.db):
            seq, changed = self._sync.next_seq()
            if changed:
                self._rows.forget()  # rolled back, or written by another connection
            result = self._match(essay_id, print_, keys, truncated)
            self._index(essay_id, seq, print_, truncated, result, keys)
        self._sync.add(seq, essay_id, keys)  # only once the rows are in
        return result

    def forget(self, essay_id: str) -> None:
        """Take an essay out of the index (its text changed: it is checked again as new). Its
        keys may stay in the in-memory postings: a candidate without a row is passed over."""
        row = self.db.execute(
            "SELECT seq FROM dedup_essays WHERE essay_id = ?", [essay_id]
        ).fetchone()
        if row is None:
            return
        with self.db.atomic():
            self.db.execute("DELETE FROM dedup_essays WHERE essay_id = ?", [essay_id])
            self.db.execute("DELETE FROM exact_hashes WHERE essay_id = ?", [essay_id])
            self.db.execute("DELETE FROM dedup_keys WHERE seq = ?", [row[0]])
            self.db.execute(
                "DELETE FROM containments WHERE part_id = ? OR container_id = ?",
                [essay_id, essay_id],
            )
        self._rows.forget()

    def _match(
        self, essay_id: str, print_: Fingerprint, keys: list[int], truncated: bool
    ) -> DedupResult:
        holder = self.db.execute(
            "SELECT essay_id FROM exact_hashes WHERE text_hash = ?", [print_.text_hash]
        ).fetchone()
        if holder is not None:  # the first essay with this text, or the copy it is of
            canonical = self.db.execute(
                "SELECT canonical FROM dedup_essays WHERE essay_id = ?", holder
            ).fetchone()
            first = canonical[0] if canonical and canonical[0] else holder[0]
            return DedupResult(essay_id, print_.text_hash, first, 1.0, "exact")
        best: tuple[tuple[int, float, int], float, str, str] | None = (
            None  # rank, score, target, kind
        )
        contains: list[tuple[str, float]] = []
        redirected: list[str] = []
        length = print_.length
        candidates = self._candidates(keys)
        shared = shared_counts(print_.sample, [c.sample for c in candidates])
        for candidate, in_common in zip(candidates, shared, strict=True):
            # A truncated copy is matched more loosely: it may be the cut version of an edited
            # copy, whose text differs by a few percent from what was cut.
            share = TRUNCATED_SHARE if truncated or candidate.truncated else CONTAINED_SHARE
            relation = _relation(
                (len(print_.sample), length),
                (len(candidate.sample), candidate.length),
                in_common,
                share,
            )
            if relation is None:
                continue
            score, kind = relation
            canonical = candidate.canonical or candidate.essay_id
            if (
                candidate.truncated
                and not truncated
                and kind in ("near", "contains")
                and length <= _COMPLETES_RATIO * candidate.length
            ):
                redirected.append(canonical)  # a complete copy of it: it takes over
            elif kind == "contains":
                contains.append((candidate.essay_id, round(score, 4)))
            else:
                # A copy (near) outranks a container; among containers the tightest fit wins
                # (the full essay rather than a "三篇" collection holding it).
                ranked = (int(kind == "near"), round(score, 2), -candidate.length)
                # A copy points at the canonical copy; a part at the very essay holding it (that
                # essay's own canonical may be a different, merely similar text).
                target = canonical if kind == "near" else candidate.essay_id
                if best is None or ranked > best[0]:
                    best = (ranked, score, target, kind)
        if best is not None:
            _, score, target, kind = best
            return DedupResult(
                essay_id,
                print_.text_hash,
                target,
                round(score, 4),
                kind,
                redirected=tuple(dict.fromkeys(redirected)),
                contains=tuple(contains),
            )
        return DedupResult(
            essay_id,
            print_.text_hash,
            redirected=tuple(dict.fromkeys(redirected)),
            contains=tuple(contains),
        )

    def _candidates(self, keys: list[int]) -> list[Candidate]:
        """Indexed essays listed under these keys (an essay's bands and sentences), in seq
        order: the _MAX_CANDIDATES most shared, at most _PER_CLUSTER of each cluster."""
        votes = self._sync.postings.lookup(keys, _MAX_POSTINGS)
        ranked = sorted(votes, key=lambda seq: (-votes[seq], seq))[:_MAX_CANDIDATES]
        rows = self._rows.get(ranked)
        per_cluster: Counter[str] = Counter()
        chosen: list[Candidate] = []
        for seq in ranked:
            if (row := rows.get(seq)) is not None:
                cluster = row.canonical or row.essay_id
                per_cluster[cluster] += 1
                if per_cluster[cluster] <= _PER_CLUSTER:
                    chosen.append(row)
        return sorted(chosen, key=lambda row: row.seq)

    def _index(
        self,
        essay_id: str,
        seq: int,
        print_: Fingerprint,
        truncated: bool,
        result: DedupResult,
        keys: list[int],
    ) -> None:
        canonical = result.duplicate_of if result.kind in ("exact", "near") else None
        self.db.execute(
            "INSERT INTO dedup_essays (essay_id, seq, text_hash, length, truncated, duplicate_of, "
            "similarity, kind, canonical, shingles) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                essay_id,
                seq,
                print_.text_hash,
                print_.length,
                int(truncated),
                result.duplicate_of,
                result.similarity,
                result.kind,
                canonical,
                to_blob(print_.sample),
            ],
        )
        self.db.execute(
            "INSERT OR IGNORE INTO exact_hashes (text_hash, essay_id) VALUES (?, ?)",
            [print_.text_hash, essay_id],
        )
        takes_over = canonical or essay_id  # a copy of X completes the truncated one for X
        if result.redirected:
            self._rows.forget()  # cached canonicals change
        for old in result.redirected:  # old truncated canonical and its followers → this essay
            self.db.execute(
                "UPDATE dedup_essays SET duplicate_of = ?, canonical = ?, "
                "kind = CASE WHEN kind = 'exact' THEN kind ELSE 'near' END "
                "WHERE essay_id = ? OR canonical = ?",
                [takes_over, takes_over, old, old],
            )
        conn = self.db.conn
        conn.execute(
            "INSERT INTO dedup_keys (seq, keys) VALUES (?, ?)",
            [seq, np.asarray(keys, dtype="<i8").tobytes()],
        )
        links: list[tuple[str, str, float | None]] = [
            (part, essay_id, share) for part, share in result.contains
        ]
        if result.kind == "contained" and result.duplicate_of:
            links.append((essay_id, result.duplicate_of, result.similarity))
        conn.executemany(
            "INSERT OR REPLACE INTO containments (part_id, container_id, share) VALUES (?, ?, ?)",
            links,
        )


def _relation(
    mine: tuple[int, int], other: tuple[int, int], in_common: int, needed: float
) -> tuple[float, str] | None:
    """(similarity, kind) between this essay and an indexed one, or None when unrelated:
    "contained" (this one inside a clearly longer one), "contains" (the reverse) or "near".
    `mine` and `other` are (sampled shingles, text length): measured on the stored shingle
    samples, real shingles, a consistent quarter of them; `in_common` the samples shared."""
    (my_sample, my_length), (other_sample, other_length) = mine, other
    shorter, longer = sorted((my_length, other_length))
    if longer >= _LONGER_RATIO * shorter:  # a part of a collection, or a truncated copy
        part_sample, kind = (
            (my_sample, "contained") if my_length <= other_length else (other_sample, "contains")
        )
        share = in_common / part_sample if part_sample else 0.0
        return (share, kind) if share >= needed else None
    union = my_sample + other_sample - in_common
    similarity = in_common / union if my_sample and other_sample else 0.0
    return (similarity, "near") if similarity >= NEAR_JACCARD else None


@contextmanager
def _write_transaction(db: sqlite_utils.Database) -> Iterator[None]:
    """A transaction holding the write lock from its start (BEGIN IMMEDIATE), or inside an open
    one a savepoint; not db.atomic(), which names each savepoint with a new random token, so
    SQLite compiled its statements anew every time (6% of a check)."""
    conn = db.conn
    outermost = not conn.in_transaction
    conn.execute("BEGIN IMMEDIATE" if outermost else "SAVEPOINT dedup_check")
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK" if outermost else "ROLLBACK TO dedup_check")
            if not outermost:
                conn.execute("RELEASE dedup_check")
        raise
    conn.execute("COMMIT" if outermost else "RELEASE dedup_check")
