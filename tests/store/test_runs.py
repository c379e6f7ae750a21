"""Run records (pipelines.store.runs), what an incremental crawl reads of stored pages
(pipelines.store.revisits), changed pages saved in place, and the schema 6 migration."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from pipelines.dedup import DedupIndex
from pipelines.model import Block, Document, Essay, RawPart, essay_id
from pipelines.store import PageRecord, Store, dedup_and_save
from pipelines.store.revisits import known_pages, touch
from pipelines.store.runs import close_dead_runs, finish_run, list_runs, start_run, unfinished_run
from pipelines.store.schema import MIGRATIONS


def test_a_run_is_running_until_finished_with_status_and_counts(tmp_path: Path) -> None:
    store = Store(tmp_path / "f.db")
    run = start_run(store.db, "yiliu", {"DOWNLOAD_DELAY": 1}, target="http://a/", mode="full")
    assert list_runs(store.db)[0].status == "running"
    finish_run(
        store.db, run, "shutdown", {"x": 1}, status="interrupted", counts={"new": 3, "errors": 1}
    )
    (record,) = list_runs(store.db)
    assert (record.status, record.finish_reason, record.mode) == ("interrupted", "shutdown", "full")
    assert record.counts["new"] == 3 and record.counts["errors"] == 1
    assert record.counts["updated"] == 0
    assert unfinished_run(store.db, "http://a/") == record
    assert unfinished_run(store.db, "http://other/") is None
    store.close()


def test_runs_left_running_are_marked_killed(tmp_path: Path) -> None:
    store = Store(tmp_path / "f.db")
    dead = start_run(store.db, "yiliu", {}, target="t")
    done = start_run(store.db, "yiliu", {}, target="u")
    finish_run(store.db, done, "finished", {})
    assert close_dead_runs(store.db) == [dead]
    statuses = {r.id: r.status for r in list_runs(store.db)}
    assert statuses == {dead: "killed", done: "finished"}
    assert unfinished_run(store.db, "t") is not None  # --resume continues it
    store.close()


def _record(url: str, text: str, fetched_at: str) -> PageRecord:
    essay = Essay("题目", (Block("paragraph", text),))
    document = Document("题目", None, (), None, None, "站", (essay,), ())
    return PageRecord(
        url=url,
        site="s",
        fetched_at=fetched_at,
        status=200,
        parts=[RawPart(url, text.encode())],
        document=document,
        etag='"abc"',
    )


TEXT = "我们在这次学习中收获了很多，也看到了自己的不足，今后要继续努力工作。"


def test_known_pages_and_touch(tmp_path: Path) -> None:
    store = Store(tmp_path / "f.db")
    index = DedupIndex(store.db)
    dedup_and_save(store, index, _record("http://s/1.html", TEXT, "2026-01-01T00:00:00+00:00"))
    known = known_pages(store.db, "s")
    page = known["http://s/1.html"]
    assert page.etag == '"abc"' and page.seen == "2026-01-01T00:00:00+00:00"
    assert known_pages(store.db, "other") == {}
    assert touch(store.db, "http://s/1.html", "2026-02-01T00:00:00+00:00") == 1
    assert known_pages(store.db, "s")["http://s/1.html"].seen == "2026-02-01T00:00:00+00:00"
    last_seen = store.db.execute("SELECT last_seen FROM essays").fetchone()[0]
    assert last_seen == "2026-02-01T00:00:00+00:00"
    store.close()


def test_a_changed_page_is_saved_in_place_and_deduplicated_again(tmp_path: Path) -> None:
    store = Store(tmp_path / "f.db")
    index = DedupIndex(store.db)
    url = "http://s/1.html"
    _, change = dedup_and_save(store, index, _record(url, TEXT, "2026-01-01T00:00:00+00:00"))
    assert change == "new"
    _, change = dedup_and_save(store, index, _record(url, TEXT, "2026-01-02T00:00:00+00:00"))
    assert change == "unchanged"
    old_hash = store.db.execute("SELECT text_hash FROM essays").fetchone()[0]
    changed = TEXT + "这是后来改过的一句话，内容完全不同。"
    results, change = dedup_and_save(
        store, index, _record(url, changed, "2026-01-03T00:00:00+00:00")
    )
    assert change == "updated"
    ((identifier, text, text_hash),) = store.db.execute(
        "SELECT id, text, text_hash FROM essays"
    ).fetchall()
    assert identifier == essay_id(url, 1) and text == changed
    assert text_hash != old_hash and text_hash == results[0].text_hash
    hashes = store.db.execute("SELECT text_hash FROM dedup_essays").fetchall()
    assert hashes == [(text_hash,)]  # the index holds the new text only
    store.close()


def test_schema_6_migration_closes_old_runs_and_dates_pages(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    for number, migration in enumerate(MIGRATIONS[:5], start=1):
        migration(db)
        db.execute(f"PRAGMA user_version = {number}")
    db.execute("INSERT INTO crawl_runs (spider, started_at) VALUES ('a', '2026-01-01')")
    db.execute(
        "INSERT INTO crawl_runs (spider, started_at, finished_at) VALUES ('b', '2026-01-01', "
        "'2026-01-02')"
    )
    db.execute("INSERT INTO pages (url, site, fetched_at) VALUES ('u', 's', '2026-01-01')")
    db.conn.commit()
    db.close()
    Store(path).close()
    with sqlite3.connect(path) as conn:
        statuses = conn.execute("SELECT spider, status FROM crawl_runs ORDER BY id").fetchall()
        last_seen = conn.execute("SELECT last_seen FROM pages").fetchone()[0]
    assert statuses == [("a", "killed"), ("b", "finished")] and last_seen == "2026-01-01"
