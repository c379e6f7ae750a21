"""The Scrapy wrappers: cleaning in worker processes and the database writer process give the
same database as running every stage in the crawl process."""

from __future__ import annotations

import gc
import sqlite3
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest

from fanwen_crawler.extensions import FreezeStartupObjects
from fanwen_crawler.runtime import YOUNG_GENERATION_THRESHOLD
from fanwen_crawler.sample_site.server import SampleSiteServer
from fanwen_crawler.writer import Writer, learned_lines, start_run
from pipelines.errors import DatabaseError
from tests.conftest import LOOPBACK, Crawl, run_fanwen


def _essays_and_duplicate_pairs(db: Path) -> tuple[set[Any], set[Any]]:
    with sqlite3.connect(db) as conn:
        essays = set(conn.execute("SELECT id, title, text, flags FROM essays"))
        # Which copy is canonical depends on which response arrived first; the pair does not.
        pairs = {
            (frozenset((essay, other)), kind)
            for essay, other, kind in conn.execute(
                "SELECT essay_id, duplicate_of, kind FROM duplicates"
            )
        }
    return essays, pairs


def test_crawl_in_one_process_stores_what_worker_processes_store(
    crawl: Crawl, tmp_path: Path
) -> None:
    server = SampleSiteServer().start()
    try:
        result = run_fanwen(
            "crawl",
            "yiliu",
            "--start-url",
            server.base_url + "/",
            "--db",
            str(tmp_path / "one.db"),
            *LOOPBACK,
            "-s",
            "FANWEN_WORKERS=0",
        )
    finally:
        server.stop()
    assert result.returncode == 0, result.stderr
    in_one_process = _essays_and_duplicate_pairs(tmp_path / "one.db")
    assert in_one_process == _essays_and_duplicate_pairs(crawl.db)
    assert len(in_one_process[0]) > 40 and in_one_process[1]


def test_crawl_run_records_its_worker_setting(crawl: Crawl) -> None:
    with sqlite3.connect(crawl.db) as conn:
        settings = conn.execute("SELECT settings FROM crawl_runs ORDER BY id LIMIT 1").fetchone()
    assert '"FANWEN_WORKERS": 1' in settings[0]


def test_freeze_startup_objects_takes_them_out_of_collections() -> None:
    gc.unfreeze()
    thresholds = gc.get_threshold()
    try:
        FreezeStartupObjects().engine_started()
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold()[0] == YOUNG_GENERATION_THRESHOLD
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)


def test_writer_reports_a_foreign_database_and_stops_its_process(tmp_path: Path) -> None:
    foreign = tmp_path / "other.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(DatabaseError, match="another application"):
        Writer(str(foreign), in_process=False)


def test_writer_that_died_fails_calls_and_closes_quietly(tmp_path: Path) -> None:
    writer = Writer(str(tmp_path / "f.db"), in_process=False)
    run_id = writer.call(start_run, "test", {})
    assert run_id == 1
    pool = writer._pool
    assert pool is not None
    for process in list(pool._processes.values()):
        process.kill()
        process.join()
    with pytest.raises(BrokenProcessPool):
        writer.call(learned_lines, "test")
    writer.close()  # no error: nothing is left to commit
    with sqlite3.connect(tmp_path / "f.db") as conn:  # a process killed mid-group: no damage
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert "crawl_runs" in {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}


def test_two_in_process_writers_keep_to_their_own_database(tmp_path: Path) -> None:
    first = Writer(str(tmp_path / "a.db"), in_process=True)
    second = Writer(str(tmp_path / "b.db"), in_process=True)
    first.call(start_run, "one", {})
    second.call(start_run, "two", {})
    second.call(start_run, "two-again", {})
    first.close()
    second.close()
    for name, spiders in (("a.db", ["one"]), ("b.db", ["two", "two-again"])):
        with sqlite3.connect(tmp_path / name) as conn:
            rows = conn.execute("SELECT spider FROM crawl_runs ORDER BY id").fetchall()
        assert [row[0] for row in rows] == spiders
