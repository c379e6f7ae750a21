"""The persistent dedup index: exact, near and contained duplicates across runs and sites.

Everything lives in SQLite tables beside the essays, so a crawl next week dedups against all
that was stored before:

- `dedup_essays`: one row per indexed essay in the order seen (`seq`): its hash, length,
  truncation, the answer it got (canonical it points to, similarity, kind);
- `exact_hashes`: normalized-text hash → canonical essay (UNIQUE);
- `lsh_buckets`: MinHash LSH band keys → essays (near-duplicate candidates);
- `sentence_hashes`: sentence hashes → essays (an essay inside a longer one);
- `containments`: part → container, "part by part" for collections.

Candidates are confirmed with the real similarity of their (sampled) shingle sets. The canonical copy is
the earliest-seen complete one: a complete copy arriving after a truncated canonical takes over.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from pipelines.fingerprint import (
    Fingerprint,
    Hashes,
    containment,
    fingerprint,
    from_blob,
    jaccard,
    to_blob,
)

# Confirmation thresholds (bench/dedup_quality.py): copies edited by 5–10% of characters, with a
# sentence moved or a paragraph dropped, score 0.3–0.6; distinct essays on a topic stay < 0.1.
NEAR_JACCARD = 0.3
CONTAINED_SHARE = 0.8  # share of the shorter essay's shingles found in the longer one
# Past this length ratio two related essays are a part and its whole, not two copies.
_LONGER_RATIO = 1.3
_MAX_CANDIDATES = 50
_MAX_POSTINGS = 64
_BAND_POSTINGS = (
    f"SELECT * FROM (SELECT essay_id FROM lsh_buckets WHERE bucket = ? LIMIT {_MAX_POSTINGS})"
)
_SENTENCE_POSTINGS = (
    f"SELECT * FROM (SELECT essay_id FROM sentence_hashes WHERE hash = ? LIMIT {_MAX_POSTINGS})"
)
_SQL_CHUNK = 500


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
            "duplicate_of": str,
            "similarity": float,
            "kind": str,
            "shingles": bytes,
        },
        pk="essay_id",
        if_not_exists=True,
    )
    db.table("dedup_essays").create_index(["seq"], unique=True, if_not_exists=True)
    db.table("dedup_essays").create_index(["duplicate_of"], if_not_exists=True)
    db.table("exact_hashes").create(
        {"text_hash": str, "essay_id": str}, pk="text_hash", if_not_exists=True
    )
    # Posting lists as WITHOUT ROWID tables: one B-tree keyed (key, essay) instead of a table
    # plus an index, which halves the cost of the ~60 inserts each essay makes. sqlite-utils
    # has no option for it, hence the SQL.
    for table, key in (("lsh_buckets", "bucket"), ("sentence_hashes", "hash")):
        db.execute(
            f"CREATE TABLE IF NOT EXISTS {table} ({key} INTEGER NOT NULL, essay_id TEXT NOT NULL, "
            f"PRIMARY KEY ({key}, essay_id)) WITHOUT ROWID"
        )
    db.table("containments").create(
        {"part_id": str, "container_id": str, "share": float},
        pk=("part_id", "container_id"),
        if_not_exists=True,
    )


class DedupIndex:
    """Check essays one by one against everything indexed before; a check also indexes."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self._batch = False
        create_tables(db)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Index many essays in one transaction (a bulk import): one commit instead of one per
        essay, which is most of the cost of a check on a large index."""
        with self.db.conn:
            self._batch = True
            try:
                yield
            finally:
                self._batch = False

    def check(self, essay_id: str, text: str, truncated: bool = False) -> DedupResult:
        """Index one essay and say what it duplicates. Checking an indexed essay again gives
        its recorded answer and adds no rows."""
        row = self.db.execute(
            "SELECT text_hash, duplicate_of, similarity, kind FROM dedup_essays WHERE essay_id = ?",
            [essay_id],
        ).fetchone()
        if row is not None:
            return DedupResult(essay_id, row[0], row[1], row[2], row[3])
        print_ = fingerprint(text)
        result = self._match(essay_id, print_, truncated)
        if self._batch:
            self._index(essay_id, print_, truncated, result)
        else:
            with self.db.conn:
                self._index(essay_id, print_, truncated, result)
        return result

    def _match(self, essay_id: str, print_: Fingerprint, truncated: bool) -> DedupResult:
        holder = self.db.execute(
            "SELECT essay_id FROM exact_hashes WHERE text_hash = ?", [print_.text_hash]
        ).fetchone()
        if holder is not None:
            return DedupResult(essay_id, print_.text_hash, holder[0], 1.0, "exact")
        best: tuple[float, str, str] | None = None  # (similarity, canonical, kind)
        contains: list[tuple[str, float]] = []
        redirected: list[str] = []
        length = print_.length
        for candidate in self._candidates(print_):
            relation = _relation(print_.sample, length, candidate["sample"], candidate["length"])
            if relation is None:
                continue
            score, kind = relation
            canonical = candidate["duplicate_of"] or candidate["essay_id"]
            if candidate["truncated"] and not truncated and length > candidate["length"]:
                redirected.append(canonical)  # this complete copy takes over from it
            elif kind == "contains":
                contains.append((candidate["essay_id"], round(score, 4)))
            elif best is None or score > best[0]:
                best = (score, canonical, kind)
        if best is not None:
            return DedupResult(
                essay_id,
                print_.text_hash,
                best[1],
                round(best[0], 4),
                best[2],
                contains=tuple(contains),
            )
        return DedupResult(
            essay_id,
            print_.text_hash,
            redirected=tuple(dict.fromkeys(redirected)),
            contains=tuple(contains),
        )

    def _candidates(self, print_: Fingerprint) -> list[dict[str, Any]]:
        """Indexed essays sharing LSH bands or sentences with this one, most shared first."""
        votes: Counter[str] = Counter(
            row[0] for row in self._postings(print_.bands, print_.sentences)
        )
        chosen = [essay for essay, _ in votes.most_common(_MAX_CANDIDATES)]
        sql = (
            "SELECT essay_id, length, truncated, duplicate_of, shingles FROM dedup_essays "
            "WHERE essay_id IN ({}) ORDER BY seq"
        )
        return [
            {
                "essay_id": r[0],
                "length": r[1],
                "truncated": bool(r[2]),
                "duplicate_of": r[3],
                "sample": from_blob(r[4]),
            }
            for r in _select_in(self.db, sql, chosen)
        ]

    def _postings(self, bands: list[int], sentences: list[int]) -> list[tuple[Any, ...]]:
        """Essays listed under each band key and sentence hash, at most _MAX_POSTINGS per key:
        a template sentence shared by thousands of essays must not be read in full."""
        parts = [_BAND_POSTINGS] * len(bands) + [_SENTENCE_POSTINGS] * len(sentences)
        if not parts:
            return []
        sql = " UNION ALL ".join(parts)
        return self.db.execute(sql, [*bands, *sentences]).fetchall()

    def _index(
        self, essay_id: str, print_: Fingerprint, truncated: bool, result: DedupResult
    ) -> None:
        seq = self.db.execute("SELECT coalesce(max(seq), 0) + 1 FROM dedup_essays").fetchone()[0]
        self.db.execute(
            "INSERT INTO dedup_essays (essay_id, seq, text_hash, length, truncated, duplicate_of, "
            "similarity, kind, shingles) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                essay_id,
                seq,
                print_.text_hash,
                print_.length,
                int(truncated),
                result.duplicate_of,
                result.similarity,
                result.kind,
                to_blob(print_.sample),
            ],
        )
        if result.duplicate_of is None:
            self.db.execute(
                "INSERT OR IGNORE INTO exact_hashes (text_hash, essay_id) VALUES (?, ?)",
                [print_.text_hash, essay_id],
            )
        for old in result.redirected:  # old truncated canonical and its followers → this essay
            self.db.execute(
                "UPDATE dedup_essays SET duplicate_of = ?, kind = coalesce(kind, 'near') "
                "WHERE essay_id = ? OR duplicate_of = ?",
                [essay_id, old, old],
            )
            self.db.execute(
                "UPDATE exact_hashes SET essay_id = ? WHERE essay_id = ?", [essay_id, old]
            )
        conn = self.db.conn
        conn.executemany(
            "INSERT OR IGNORE INTO lsh_buckets (bucket, essay_id) VALUES (?, ?)",
            [(bucket, essay_id) for bucket in print_.bands],
        )
        conn.executemany(
            "INSERT OR IGNORE INTO sentence_hashes (hash, essay_id) VALUES (?, ?)",
            [(sentence, essay_id) for sentence in print_.sentences],
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
    mine: Hashes, my_length: int, other: Hashes, other_length: int
) -> tuple[float, str] | None:
    """(similarity, kind) between this essay and an indexed one, or None when unrelated:
    "contained" (this one inside a clearly longer one), "contains" (the reverse) or "near".
    Measured on the stored shingle samples: real shingles, a consistent quarter of them."""
    shorter, longer = sorted((my_length, other_length))
    if longer >= _LONGER_RATIO * shorter:  # a part of a collection, or a truncated copy
        if my_length <= other_length:
            share = containment(mine, other)
            return (share, "contained") if share >= CONTAINED_SHARE else None
        share = containment(other, mine)
        return (share, "contains") if share >= CONTAINED_SHARE else None
    similarity = jaccard(mine, other)
    return (similarity, "near") if similarity >= NEAR_JACCARD else None


def _select_in(
    db: sqlite_utils.Database, sql: str, keys: Sequence[object]
) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    for start in range(0, len(keys), _SQL_CHUNK):
        chunk = list(keys[start : start + _SQL_CHUNK])
        rows += db.execute(sql.format(",".join("?" * len(chunk))), chunk).fetchall()
    return rows
