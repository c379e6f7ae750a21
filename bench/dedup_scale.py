"""Dedup throughput and query time as the index grows: 10k, 100k and 1M essays of ~2,000 chars.

    .venv/bin/python bench/dedup_scale.py [--sizes 10000 100000] [--simulated 1000000]

Each size runs `DedupIndex.check` (fingerprint + query + insert) on N synthetic essays in
batches of 1,000 per transaction, into a fresh SQLite file with the Store's settings
(`pipelines.store.tune`: WAL, synchronous=NORMAL, 64 MiB cache, memory-mapped reads). 10% of the essays are edited copies of earlier ones, so
candidates are found and confirmed as in real use. Reported: essays/s over the whole run,
ms per check over the last 1,000 checks (the query time at that index size), peak RSS.

1M is simulated: the index tables are bulk-filled with 1M essays' worth of rows (random LSH
band keys, sentence hashes and samples, drawn like real ones) in one transaction, then 1,000
real essays are checked against it; then the fresh postings tables are filled to their limit
and merged into the big ones, and that merge's time is reported per essay. Baseline in the same run: datasketch's in-memory
MinHashLSH with MinHash.update_batch over every shingle (no persistence, no confirmation),
at the first size.
"""

from __future__ import annotations

import argparse
import random
import resource
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import sqlite_utils
from datasketch import MinHash, MinHashLSH

from pipelines.fingerprint import BANDS, normalize, shingle_hashes, to_blob
from pipelines.neardup import FRESH_LIMIT, FRESH_TABLES, POSTINGS, DedupIndex
from pipelines.store import tune

_CHARS = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能"
    "下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量"
    "都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各"
)
_WEIGHTS = [1 / (rank + 1) for rank in range(len(_CHARS))]
_BATCH = 1000


def essays(count: int, seed: int, length: int = 2000) -> Iterator[tuple[str, str]]:
    """Synthetic essays: Zipf-weighted common characters, a punctuation mark every 15–25;
    every tenth one an edited copy of an earlier one."""
    rnd = random.Random(seed)
    earlier: list[str] = []
    for number in range(count):
        if earlier and number % 10 == 9:
            chars = list(rnd.choice(earlier))
            for _ in range(len(chars) // 20):
                chars[rnd.randrange(len(chars))] = rnd.choice(_CHARS)
        else:
            chars = rnd.choices(_CHARS, _WEIGHTS, k=length)
            for index in range(rnd.randint(15, 25), length, rnd.randint(15, 25)):
                chars[index] = rnd.choice("，。；！")
        text = "".join(chars)
        if len(earlier) < 200:
            earlier.append(text)
        yield f"s{seed}-{number}", text


def _database(path: Path) -> sqlite_utils.Database:
    db = sqlite_utils.Database(path)
    tune(db)
    return db


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_real(size: int, folder: Path) -> tuple[float, float]:
    """(essays/s, ms per check of the last batch); generating the essays is not timed."""
    index = DedupIndex(_database(folder / f"real-{size}.db"))
    items = essays(size, seed=size)
    elapsed = last = 0.0
    for start in range(0, size, _BATCH):
        batch = [next(items) for _ in range(min(_BATCH, size - start))]
        started = time.perf_counter()
        with index.batch():
            for essay_id, text in batch:
                index.check(essay_id, text)
        last = (time.perf_counter() - started) / len(batch) * 1000
        elapsed += time.perf_counter() - started
    return size / elapsed, last


def run_simulated(size: int, folder: Path) -> tuple[float, float]:
    """(ms per check of 1,000 real essays against an index bulk-filled to `size` essays,
    ms per essay of the merge its postings will take)."""
    path = folder / f"simulated-{size}.db"
    DedupIndex(_database(path))  # create the tables
    rng = np.random.default_rng(size)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    chunk = 10_000
    with conn:
        for start in range(0, size, chunk):
            ids = [f"bulk-{n}" for n in range(start, min(start + chunk, size))]
            conn.executemany(
                "INSERT INTO dedup_essays (essay_id, seq, text_hash, length, truncated, shingles) "
                "VALUES (?, ?, ?, 1800, 0, ?)",
                [
                    (
                        essay_id,
                        start + offset + 1,
                        f"{start + offset:040x}",
                        to_blob(np.sort(rng.integers(0, 2**32, 450, dtype=np.uint32))),
                    )
                    for offset, essay_id in enumerate(ids)
                ],
            )
        # Posting rows go in in key order: the same B-trees as one by one, built many times
        # faster than with random inserts (that is the bench's set-up, not what it measures).
        for table, key, per_essay in (
            ("lsh_postings", "bucket", BANDS),
            ("sentence_postings", "hash", 25),
        ):
            keys = rng.integers(-(2**63), 2**63 - 1, size * per_essay, dtype=np.int64)
            seqs = np.repeat(np.arange(1, size + 1, dtype=np.int64), per_essay)
            order = np.argsort(keys, kind="stable")
            keys, seqs = keys[order], seqs[order]
            for first in range(0, len(keys), 1_000_000):
                rows = zip(
                    keys[first : first + 1_000_000].tolist(),
                    seqs[first : first + 1_000_000].tolist(),
                    strict=True,
                )
                conn.executemany(f"INSERT OR IGNORE INTO {table} ({key}, seq) VALUES (?, ?)", rows)
    conn.close()
    index = DedupIndex(_database(path))
    batch = list(essays(_BATCH, seed=7))
    started = time.perf_counter()
    with index.batch():
        for essay_id, text in batch:
            index.check(essay_id, text)
    per_check = (time.perf_counter() - started) / _BATCH * 1000
    return per_check, _merge_ms_per_essay(index, rng)


def _merge_ms_per_essay(index: DedupIndex, rng: np.random.Generator) -> float:
    """The merge of a full fresh table into the big one, per essay whose postings filled it:
    the deferred part of an insert, paid once every FRESH_LIMIT postings."""
    db = index.db
    fresh_tables = [(FRESH_TABLES[table], key) for table, key in POSTINGS]
    fresh_rows = sum(
        db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table, _ in fresh_tables
    )
    per_essay = fresh_rows / _BATCH
    missing = FRESH_LIMIT - fresh_rows
    with db.atomic():
        for table, key in fresh_tables:
            share = missing // 2
            keys = np.sort(rng.integers(-(2**63), 2**63 - 1, share, dtype=np.int64))
            seqs = rng.integers(1, 10**6, share, dtype=np.int64)
            db.conn.executemany(
                f"INSERT OR IGNORE INTO {table} ({key}, seq) VALUES (?, ?)",
                zip(keys.tolist(), seqs.tolist(), strict=True),
            )
    started = time.perf_counter()
    index.merge_fresh()
    return (time.perf_counter() - started) * 1000 / (FRESH_LIMIT / per_essay)


def run_baseline(size: int) -> float:
    """essays/s of datasketch's in-memory MinHashLSH, MinHash.update_batch on all shingles."""
    lsh = MinHashLSH(threshold=0.3, num_perm=128)
    batch = list(essays(size, seed=size))
    started = time.perf_counter()
    for essay_id, text in batch:
        minhash = MinHash(num_perm=128, hashfunc=int)
        minhash.update_batch(np.unique(shingle_hashes(normalize(text))).tolist())
        lsh.query(minhash)
        lsh.insert(essay_id, minhash)
    return size / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--simulated", type=int, nargs="*", default=[1_000_000])
    parser.add_argument("--baseline", type=int, default=10_000, help="essays for the baseline")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"{'index size':>12} {'essays/s':>10} {'ms/check at end':>16} {'peak RSS MiB':>13}")
        for size in args.sizes:
            rate, ms = run_real(size, folder)
            print(f"{size:>12,} {rate:>10.0f} {ms:>16.3f} {_peak_mib():>13.0f}")
        for size in args.simulated:
            ms, merge_ms = run_simulated(size, folder)
            print(f"{size:>12,} {'(simulated)':>10} {ms:>16.3f} {_peak_mib():>13.0f}")
            print(
                f"{'':>12} {'':>10} {merge_ms:>16.3f}  per essay: merging a full fresh table "
                f"({FRESH_LIMIT:,} postings) into the {size:,}-essay index"
            )
        if args.baseline:
            rate = run_baseline(args.baseline)
            print(
                f"baseline datasketch MinHashLSH in memory, {args.baseline:,} essays: {rate:.0f} essays/s"
            )


if __name__ == "__main__":
    main()
