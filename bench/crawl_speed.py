"""Crawl throughput over loopback: the yiliu spider on a 2,000-page site, with the full pipeline
(decode → … → dedup → SQLite) and with no item pipelines at all, in one run.

    .venv/bin/python bench/crawl_speed.py [--articles 2000]

The site is the bundled sample site's layout and essays, multiplied: article N reuses essay
N mod 46 with a sentence of its own, so essays are distinct pages (most are near duplicates,
which exercises the dedup index). Each crawl runs in its own process (`fanwen crawl`, loopback
settings: no download delay); pages/s counts every response; peak RSS is the largest of the
crawl process and its worker and writer processes. Each kind is crawled `--rounds` times, in
turn, and its median round is reported.
The issue's bar: the full pipeline keeps at least 60% of the no-pipeline throughput.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from fanwen_crawler.sample_site.large import build_large_site
from fanwen_crawler.sample_site.server import SampleSiteServer

REPO = Path(__file__).resolve().parents[1]


def crawl(base_url: str, db: Path, pipelines: bool) -> tuple[int, float, float]:
    """(responses, seconds, peak RSS MiB) of one `fanwen crawl` process."""
    settings = [
        "-s",
        "DOWNLOAD_DELAY=0",
        "-s",
        "AUTOTHROTTLE_ENABLED=False",
        "-s",
        "CONCURRENT_REQUESTS_PER_DOMAIN=8",
        "-s",
        "LOG_LEVEL=ERROR",
    ]
    if not pipelines:
        settings += ["-s", "ITEM_PIPELINES={}"]
    command = [
        "/usr/bin/time",
        "-f",
        "%M",
        sys.executable,
        "-m",
        "fanwen_crawler.cli",
        "crawl",
        "yiliu",
        "--start-url",
        base_url + "/",
        "--db",
        str(db),
        *settings,
    ]
    started = time.monotonic()
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    seconds = time.monotonic() - started
    fetched = int(re.search(r"pages fetched:\s+(\d+)", result.stdout).group(1))  # type: ignore[union-attr]
    peak_kib = int(result.stderr.strip().splitlines()[-1])
    return fetched, seconds, peak_kib / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5, help="crawls of each kind, alternated")
    args = parser.parse_args()
    server = SampleSiteServer(build_large_site(args.articles)).start()
    runs: dict[str, list[tuple[int, float, float]]] = {}
    try:
        with tempfile.TemporaryDirectory() as folder:
            for round_ in range(args.rounds):
                for name, pipelines in (
                    ("no pipelines (baseline)", False),
                    ("full pipeline", True),
                ):
                    db = Path(folder) / f"{pipelines}-{round_}.db"
                    runs.setdefault(name, []).append(crawl(server.base_url, db, pipelines))
    finally:
        server.stop()
    # The median round of each kind: a loaded machine slows single crawls by a third or more.
    rows = {
        name: sorted(found, key=lambda r: r[0] / r[1])[len(found) // 2]
        for name, found in runs.items()
    }
    print(f"median of {args.rounds} rounds each, run in turn")
    print(f"{'run':<26}{'pages':>7}{'seconds':>9}{'pages/s':>9}{'peak RSS MiB':>14}")
    for name, (pages, seconds, peak) in rows.items():
        print(f"{name:<26}{pages:>7}{seconds:>9.1f}{pages / seconds:>9.1f}{peak:>14.0f}")
    base, full = (rows[n][0] / rows[n][1] for n in rows)
    print(json.dumps({"full_over_baseline": round(full / base, 3)}))


if __name__ == "__main__":
    main()
