"""Distributed crawl throughput: pages/s with 1, 2 and 4 workers sharing one Redis, against a
loopback site that answers each page after a realistic delay (50 ms by default).

    .venv/bin/python bench/distributed_speed.py [--articles 400] [--delay 0.05] [--workers 1 2 4]

Each round empties Redis, starts N `fanwen crawl … --redis` workers and one `fanwen ingest`,
and times from the site's first request to its last (worker start-up and the idle wait at the
end are not crawling). The baseline is the 1-worker round of the same run. Politeness is per
worker (2 requests at a time to one site each), so N workers may ask N times as fast; the bar
(issue 14): at least 1.8x the baseline with 2 workers. A redis-server of the bench's own runs
on a free loopback port with a password.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import redis

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from fanwen_crawler.sample_site.large import build_large_site  # noqa: E402
from fanwen_crawler.sample_site.server import SampleSiteServer  # noqa: E402

PASSWORD = "bench-secret"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fanwen(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "fanwen_crawler.cli", *args],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def round_(site: SampleSiteServer, url: str, workers: int, db: Path) -> tuple[int, float]:
    """(pages fetched, seconds from the first request to the last) with `workers` workers."""
    redis.Redis.from_url(url).flushdb()
    site.requests.clear()
    settings = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False"]
    settings += ["-s", "FANWEN_REDIS_IDLE=3"]
    first_worker = ["crawl", "yiliu", "--start-url", site.base_url + "/", "--redis", url]
    crawlers = [_fanwen(*first_worker, *settings)]  # the others find work in the shared queue
    crawlers += [_fanwen("crawl", "yiliu", "--redis", url, *settings) for _ in range(workers - 1)]
    ingest = _fanwen("ingest", "--redis", url, "--db", str(db), "--until-idle", "10s")
    first = last = None
    seen = 0
    while any(c.poll() is None for c in crawlers):
        count = len(site.requests)
        now = time.monotonic()
        if count and first is None:
            first = now
        if count != seen:
            seen, last = count, now
        time.sleep(0.02)
    ingest.wait()
    assert first is not None and last is not None, "nothing was fetched"
    return seen, last - first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--delay", type=float, default=0.05)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    args = parser.parse_args()
    binary = shutil.which("redis-server")
    if binary is None:
        sys.exit("redis-server is not installed (apt-get install redis-server)")
    folder = Path(tempfile.mkdtemp())
    port = _free_port()
    server = subprocess.Popen(
        [binary, "--bind", "127.0.0.1", "--port", str(port), "--requirepass", PASSWORD,
         "--save", "", "--dir", str(folder), "--logfile", str(folder / "redis.log")]
    )  # fmt: skip
    url = f"redis://:{PASSWORD}@127.0.0.1:{port}/0"
    site = SampleSiteServer(build_large_site(args.articles), delay=args.delay).start()
    try:
        time.sleep(0.5)
        print(f"{args.articles} articles, {args.delay * 1000:.0f} ms per page, loopback")
        baseline = None
        for workers in args.workers:
            pages, seconds = round_(site, url, workers, folder / f"w{workers}.db")
            rate = pages / seconds
            baseline = baseline or rate
            print(
                f"{workers} worker(s): {pages} pages in {seconds:5.1f} s = {rate:6.1f} pages/s"
                f"   {rate / baseline:4.2f}x the 1-worker baseline"
            )
    finally:
        site.stop()
        server.terminate()
        server.wait()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
