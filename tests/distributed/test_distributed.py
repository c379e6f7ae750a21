"""Distributed crawls on a real redis-server: workers share the frontier, one ingest stores;
a worker killed with kill -9, the ingest killed mid-batch and Redis restarted mid-crawl lose
nothing and duplicate nothing."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
import redis

from fanwen_crawler.distributed import RedisUnsafe, check_redis_url, redacted
from fanwen_crawler.sample_site.large import build_large_site
from fanwen_crawler.sample_site.server import SampleSiteServer
from tests.conftest import LOOPBACK, run_fanwen
from tests.distributed.conftest import FAST, RedisServer, start


def _wait_for(condition: Callable[[], bool], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def _finish(process: subprocess.Popen[str], timeout: float = 240) -> tuple[int, str, str]:
    try:
        out, err = process.communicate(timeout=timeout)
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return process.returncode, out, err


def _worker(server: SampleSiteServer, redis_url: str, *extra: str) -> subprocess.Popen[str]:
    return start(
        "crawl", "yiliu", "--start-url", server.base_url + "/", "--redis", redis_url, *FAST, *extra
    )


def _ingest(redis_url: str, db: Path, idle: str = "6s") -> subprocess.Popen[str]:
    return start("ingest", "--redis", redis_url, "--db", str(db), "--until-idle", idle)


def _essays(db: Path) -> set[tuple[str, int, str]]:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return set(conn.execute("SELECT page_url, position, text FROM essays").fetchall())


def _article_paths(server: SampleSiteServer) -> Counter[str]:
    return Counter(path for path in server.requests if path.endswith(".html"))


def test_redis_urls_are_checked_before_anything_connects() -> None:
    assert check_redis_url("redis://127.0.0.1:6379/0")
    assert check_redis_url("redis://:secret@10.0.0.5:6379/0")
    with pytest.raises(RedisUnsafe, match="without a password.*pickled"):
        check_redis_url("redis://10.0.0.5:6379/0")
    with pytest.raises(RedisUnsafe, match="not a Redis URL"):
        check_redis_url("http://127.0.0.1:6379/")
    assert redacted("redis://:secret@10.0.0.5:6379/0") == "redis://***@10.0.0.5:6379/0"
    result = run_fanwen(
        "crawl", "yiliu", "--start-url", "http://127.0.0.1:9/", "--redis", "redis://10.9.8.7/0"
    )
    assert result.returncode == 1 and "without a password" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_start_urls_pushed_to_redis_are_crawled(tmp_path: Path, redis_url: str) -> None:
    """Scrapy >= 2.16 starts from start(), not scrapy-redis' start_requests()."""
    site = SampleSiteServer(build_large_site(20)).start()
    try:
        redis.Redis.from_url(redis_url).lpush("fanwen:yiliu:start_urls", site.base_url + "/")
        worker = start("crawl", "yiliu", "--redis", redis_url, *FAST)
        code, out, err = _finish(worker)
        assert code == 0, err
        assert "items pushed:   20" in out
        ingest = _ingest(redis_url, tmp_path / "f.db", "2s")
        assert _finish(ingest)[0] == 0
        assert len({url for url, _, _ in _essays(tmp_path / "f.db")}) == 20
    finally:
        site.stop()


def test_three_workers_and_one_ingest_store_what_one_process_stores(
    tmp_path: Path, redis_url: str
) -> None:
    site = SampleSiteServer(build_large_site(1000)).start()
    try:
        reference = tmp_path / "reference.db"
        single = run_fanwen(
            "crawl", "yiliu", "--start-url", site.base_url + "/", "--db", str(reference), *LOOPBACK
        )
        assert single.returncode == 0, single.stderr
        site.requests.clear()
        db = tmp_path / "distributed.db"
        workers = [_worker(site, redis_url) for _ in range(3)]
        # The ingest's idle clock starts at once: on a loaded machine three Scrapy processes
        # can take longer than its 15 s to start, so it starts when they fetch articles.
        _wait_for(lambda: bool(_article_paths(site)))
        ingest = _ingest(redis_url, db, "15s")
        for worker in workers:
            code, out, err = _finish(worker)
            assert code == 0 and "Traceback" not in err, err
        code, out, err = _finish(ingest)
        assert code == 0, err
        fetched = _article_paths(site)
        assert len(fetched) >= 1000 and max(fetched.values()) == 1  # each page once
        assert _essays(db) == _essays(reference)
    finally:
        site.stop()


def test_a_worker_killed_with_kill_9_loses_no_page(tmp_path: Path, redis_url: str) -> None:
    site = SampleSiteServer(build_large_site(200), delay=0.02).start()
    try:
        db = tmp_path / "f.db"
        doomed, survivor = _worker(site, redis_url), _worker(site, redis_url)
        ingest = _ingest(redis_url, db, "15s")
        _wait_for(lambda: len(site.requests) >= 80)
        doomed.kill()  # kill -9 of the crawl process: its children follow it
        doomed.wait(timeout=30)
        _finish(doomed)
        code, out, err = _finish(survivor)
        assert code == 0, err
        assert _finish(ingest)[0] == 0
        stored = {
            url.rsplit("/", 2)[-2] + "/" + url.rsplit("/", 1)[-1] for url, _, _ in _essays(db)
        }
        assert len(stored) == 200  # every article, the killed worker's in-flight pages included
        with sqlite3.connect(db) as conn:
            pages = conn.execute("SELECT count(*), count(DISTINCT url) FROM pages").fetchone()
        assert pages[0] == pages[1]
    finally:
        site.stop()


def test_ingest_killed_mid_batch_loses_and_repeats_nothing(tmp_path: Path, redis_url: str) -> None:
    site = SampleSiteServer(build_large_site(300)).start()
    try:
        assert _finish(_worker(site, redis_url))[0] == 0
        client = redis.Redis.from_url(redis_url)
        assert client.llen("fanwen:items") == 300
        db = tmp_path / "f.db"
        first = _ingest(redis_url, db)
        _wait_for(lambda: client.llen("fanwen:items") < 250)
        first.kill()  # kill -9 mid-batch
        _finish(first)
        second = _ingest(redis_url, db, "2s")
        code, out, err = _finish(second)
        assert code == 0, err
        assert len({url for url, _, _ in _essays(db)}) == 300
        assert client.llen("fanwen:items") == client.llen("fanwen:items:ingesting") == 0
    finally:
        site.stop()


def test_redis_restarted_mid_crawl(tmp_path: Path, redis_server: RedisServer) -> None:
    site = SampleSiteServer(build_large_site(120), delay=0.02).start()
    try:
        db = tmp_path / "f.db"
        worker, ingest = _worker(site, redis_server.url), _ingest(redis_server.url, db, "15s")
        _wait_for(lambda: len(site.requests) >= 40)
        redis_server.stop()  # its append-only file keeps the frontier
        time.sleep(1.0)
        redis_server.start()
        code, out, err = _finish(worker)
        assert code == 0 and "Traceback" not in err, err
        assert _finish(ingest)[0] == 0
        assert len({url for url, _, _ in _essays(db)}) == 120
    finally:
        site.stop()
