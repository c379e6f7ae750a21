"""Search, stats and export on a 100,000-essay database, each against a named baseline run on
the same database in the same run.

    .venv/bin/python bench/search_speed.py [--essays 100000] [--db PATH]

The corpus: essays assembled from the sample site's sentences (each essay a different mix,
about 600 characters), spread over 8 sites, one page row each, built through the store's own
schema and written with the same search words a crawl writes. Built once per --db path.

- search: median and 90th-percentile latency of `pipelines.store.search.search` (what
  `fanwen search`, the API and Datasette's plugin run) over a mix of queries: two-character
  words, longer words, two-word queries, phrases, OR; single characters separately (they are a
  scan by design). Baseline: `instr()` over every essay's text, the way to find a Chinese word
  without the index.
- `fanwen stats`: wall time of the command (bar: < 2 s).
- export: peak memory of `fanwen export --format jsonl` (to /dev/null) of one site (1/8 of the
  corpus) and of all of it; flat means the two peaks are close. Baseline: the same rows read
  with fetchall() first.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from fanwen_crawler.sample_site.essays import load_essays  # noqa: E402
from pipelines.store import Store  # noqa: E402
from pipelines.store.search import search  # noqa: E402
from pipelines.store.words import segment  # noqa: E402

SITES = 8
QUERIES = [
    "学习",
    "工作",
    "思想",
    "体会",
    "党员",
    "理论知识",
    "社会实践",
    "学习 体会",
    "工作 总结",
    '"思想汇报"',
    "学习 OR 培训",
    "志愿服务",
    "群众",
    "责任",
    "申请书",
    "护士",
]
SINGLE = ["党", "学", "爱"]


def build(db: Path, count: int) -> None:
    sentences = [
        s
        for essays in load_essays().values()
        for essay in essays
        for p in essay.paragraphs
        for s in re.split(r"(?<=[。！？])", p)
        if len(s) > 8
    ]
    rng = random.Random(13)
    store = Store(db)
    conn = store.db.conn
    started = time.perf_counter()
    with store.db.atomic():
        for start in range(0, count, 5000):
            essays, pages, index = [], [], []
            for n in range(start, min(count, start + 5000)):
                text = "".join(rng.sample(sentences, 12))
                title = text[:12]
                site = f"site{n % SITES}"
                url = f"http://{site}.example/{n}.html"
                when = f"2026-{1 + n % 12:02d}-01T00:00:00+00:00"
                essays.append(
                    (f"e{n:07d}", n + 1, url, 1, site, title, "范文", text, len(text), when, when)
                )
                pages.append((url, url, url, site, when, when, 200, "[]"))
                index.append((n + 1, segment(title), segment(text)))
            conn.executemany(
                "INSERT INTO essays (id, seq, page_url, position, site, title, category, text, "
                "char_count, first_seen, last_seen, keywords, flags) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', '[]')",
                essays,
            )
            conn.executemany(
                "INSERT INTO pages (url, fetched_url, article_url, site, fetched_at, last_seen, "
                "status, removed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                pages,
            )
            conn.executemany("INSERT INTO essays_fts (rowid, title, text) VALUES (?, ?, ?)", index)
            print(f"\rbuilt {start + len(essays)} essays", end="", file=sys.stderr)
    store.close()
    print(f"\rbuilt {count} essays in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def _latencies(function: object, queries: list[str], rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        for query in queries:
            started = time.perf_counter()
            function(query)  # type: ignore[operator]
            times.append((time.perf_counter() - started) * 1000)
    return times


def _summary(times: list[float]) -> str:
    ordered = sorted(times)
    p90 = ordered[int(0.9 * (len(ordered) - 1))]
    return f"median {statistics.median(times):7.1f} ms   p90 {p90:7.1f} ms"


def _peak_rss(command: list[str]) -> tuple[float, float]:
    """(peak RSS in MiB, seconds) of a command, stdout to /dev/null."""
    probe = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, "
        "check=True); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, "
        "time.perf_counter() - t)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, *command], capture_output=True, text=True, check=True
    )
    rss, seconds = out.stdout.split()
    return float(rss), float(seconds)


_FETCHALL = (
    "import json, sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
    "rows = c.execute('SELECT * FROM essays' + (' WHERE site = ?' if len(sys.argv) > 2 else ''), "
    "sys.argv[2:]).fetchall(); names = [d[0] for d in c.execute('SELECT * FROM essays').description]; "
    "[sys.stdout.write(json.dumps(dict(zip(names, r)), ensure_ascii=False) + chr(10)) for r in rows]"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--essays", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    db = args.db or Path(tempfile.gettempdir()) / f"fanwen-search-bench-{args.essays}.db"
    if not db.exists():
        build(db, args.essays)
    store = Store(db)
    conn = store.db
    search(conn, "预热")  # loads jieba's dictionary and OpenCC once, as a long-lived server has
    fanwen = _latencies(lambda q: search(conn, q), QUERIES, args.rounds)
    single = _latencies(lambda q: search(conn, q), SINGLE, 1)

    def scan(query: str) -> None:
        words = [w.strip('"') for w in query.replace(" OR ", " ").split()]
        condition = " AND ".join("instr(text, ?) > 0" for _ in words)
        conn.execute(f"SELECT count(*) FROM essays WHERE {condition}", words).fetchone()

    baseline = _latencies(scan, QUERIES, 1)
    totals = {q: search(conn, q, limit=0).total for q in QUERIES[:4]}
    store.close()
    print(f"database: {db} ({args.essays} essays)")
    print(f"search, {len(QUERIES)} queries × {args.rounds}:  {_summary(fanwen)}")
    print(f"  baseline instr() scan:          {_summary(baseline)}")
    print(
        f"  ratio (baseline / fanwen, medians): {statistics.median(baseline) / statistics.median(fanwen):.0f}x"
    )
    print(f"  single characters (a scan):     {_summary(single)}")
    print(f"  matches: {json.dumps(totals, ensure_ascii=False)}")
    fanwen_cmd = [sys.executable, "-m", "fanwen_crawler.cli"]
    started = time.perf_counter()
    subprocess.run([*fanwen_cmd, "stats", "--db", str(db)], check=True, capture_output=True)
    print(f"fanwen stats: {time.perf_counter() - started:.2f} s (bar: < 2 s)")
    for label, extra in (("one site (1/8)", ["--site", "site0"]), ("all", [])):
        rss, seconds = _peak_rss([*fanwen_cmd, "export", "--db", str(db), *extra])
        base_rss, base_seconds = _peak_rss([sys.executable, "-c", _FETCHALL, str(db), *extra[1:]])
        print(
            f"export {label:<15} fanwen {rss:7.0f} MiB peak, {seconds:5.1f} s   "
            f"baseline fetchall() {base_rss:7.0f} MiB, {base_seconds:5.1f} s"
        )


if __name__ == "__main__":
    main()
