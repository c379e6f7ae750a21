"""Dedup throughput and query time as the index grows: 10k, 100k and 1M essays of ~2,000 chars.

    .venv/bin/python bench/dedup_scale.py [--sizes 10000 100000] [--simulated 1000000]

Each size runs `DedupIndex.check` (fingerprint + query + insert) on N synthetic essays in
batches of 1,000 per transaction, into a fresh SQLite file with the Store's settings
(`pipelines.store.tune`: WAL, synchronous=NORMAL, 64 MiB cache, memory-mapped reads). 10% of the essays are edited copies of earlier ones, so
candidates are found and confirmed as in real use. Reported: essays/s over the whole run,
ms per check over the last 1,000 checks (the query time at that index size), peak RSS.

1M is simulated: the index tables are bulk-filled with 1M essays' worth of rows (random LSH
band keys, sentence hashes and samples, drawn like real ones) in one transaction, then 1,000
real essays are checked against it. The first check builds the in-memory postings from the
stored keys; that load is timed and reported apart from the checks (a crawl pays it once, when
it opens the index). Baseline in the same run: datasketch's in-memory
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

from pipelines.dedup import DedupIndex
from pipelines.dedup.fingerprint import BANDS, normalize, shingle_hashes, to_blob
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
    seconds to build the in-memory postings of that index)."""
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
        keys_per_essay = BANDS + 25  # band keys and kept sentence hashes, as real essays
        for start in range(0, size, chunk):
            seqs = range(start + 1, min(start + chunk, size) + 1)
            keys = rng.integers(-(2**63), 2**63 - 1, (len(seqs), keys_per_essay), dtype=np.int64)
            conn.executemany(
                "INSERT INTO dedup_keys (seq, keys) VALUES (?, ?)",
                zip(seqs, (row.astype("<i8").tobytes() for row in keys), strict=True),
            )
    conn.close()
    index = DedupIndex(_database(path))
    batch = list(essays(_BATCH + 1, seed=7))
    started = time.perf_counter()
    index.check(*batch[0])  # builds the postings from the stored keys
    load_seconds = time.perf_counter() - started
    started = time.perf_counter()
    with index.batch():
        for essay_id, text in batch[1:]:
            index.check(essay_id, text)
    return (time.perf_counter() - started) / _BATCH * 1000, load_seconds


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
            ms, load_seconds = run_simulated(size, folder)
            print(f"{size:>12,} {'(simulated)':>10} {ms:>16.3f} {_peak_mib():>13.0f}")
            print(f"{'':>12} postings of {size:,} essays built in {load_seconds:.1f} s on opening")
        if args.baseline:
            rate = run_baseline(args.baseline)
            print(
                f"baseline datasketch MinHashLSH in memory, {args.baseline:,} essays: {rate:.0f} essays/s"
            )


if __name__ == "__main__":
    main()
