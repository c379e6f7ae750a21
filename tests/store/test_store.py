from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from pipelines.dedup import DedupIndex, dedup
from pipelines.errors import DatabaseError
from pipelines.model import Block, Document, Essay, RawPart, Removed, essay_id
from pipelines.store import SCHEMA_VERSION, PageRecord, Store
from pipelines.store.search import search

ESSAY = Essay(
    "入党申请书",
    (
        Block("heading", "一、思想认识", 1),
        Block("paragraph", "我志愿加入中国共产党，愿意为共产主义事业奋斗终身。"),
    ),
)
OTHER = Essay("读书心得", (Block("paragraph", "读完这本书，我对乡村社会有了新的认识。"),))


def _record(url: str, *essays: Essay, store: Store) -> PageRecord:
    document = Document(
        "标题", "申请书", ("入党",), None, None, "测试站", essays, (Removed("欢迎您", "slogan"),)
    )
    ids = [(essay_id(url, n), e.text) for n, e in enumerate(essays, start=1)]
    return PageRecord(
        url=url,
        site="test",
        fetched_at="2026-01-01T00:00:00+00:00",
        status=200,
        parts=[RawPart(url, "<html>页面</html>".encode())],
        document=document,
        dedup=dedup(ids, DedupIndex(store.db)),
    )


def _counts(path: Path) -> dict[str, int]:
    store = Store(path)
    try:
        return store.counts()
    finally:
        store.close()


def test_store_saving_twice_adds_no_rows(tmp_path: Path) -> None:
    db = tmp_path / "f.db"
    for _ in range(2):
        store = Store(db)
        store.save(_record("http://a/1.html", ESSAY, OTHER, store=store))
        store.close()
    assert _counts(db) == {"pages": 1, "essays": 2, "duplicates": 0, "crawl_runs": 0}


def test_store_records_duplicate_of_earlier_essay(tmp_path: Path) -> None:
    store = Store(tmp_path / "f.db")
    store.save(_record("http://a/1.html", ESSAY, store=store))
    store.save(_record("http://b/9.html", OTHER, ESSAY, store=store))
    rows = store.db.execute("SELECT essay_id, duplicate_of, kind FROM duplicates").fetchall()
    assert rows == [(essay_id("http://b/9.html", 2), essay_id("http://a/1.html", 1), "exact")]
    original = store.db.execute(
        "SELECT duplicate_of FROM essays WHERE id = ?", [essay_id("http://a/1.html", 1)]
    ).fetchone()
    assert original == (None,)
    store.close()


def test_store_full_text_search_finds_chinese_words(tmp_path: Path) -> None:
    store = Store(tmp_path / "f.db")
    store.save(_record("http://a/1.html", ESSAY, OTHER, store=store))
    assert [hit.title for hit in search(store.db, "共产主义").hits] == ["入党申请书"]
    assert [hit.title for hit in search(store.db, "乡村").hits] == ["读书心得"]
    store.close()


def test_store_keeps_markdown_and_raw_page(tmp_path: Path) -> None:
    store = Store(tmp_path / "f.db")
    store.save(_record("http://a/1.html", ESSAY, store=store))
    markdown = store.db.execute("SELECT markdown FROM essays").fetchone()[0]
    assert markdown.startswith("# 入党申请书\n\n## 一、思想认识\n\n我志愿")
    raw = store.db.execute("SELECT raw, removed FROM pages").fetchone()
    assert raw[0] and "slogan" in raw[1]
    store.close()


def test_store_records_crawl_runs(tmp_path: Path) -> None:
    store = Store(tmp_path / "f.db")
    run = store.start_run("yiliu", {"DOWNLOAD_DELAY": 1})
    store.finish_run(
        run, "finished", {"item_scraped_count": 3}, [{"url": "http://a/404", "status": 404}]
    )
    row = store.db.execute("SELECT spider, finish_reason, failures FROM crawl_runs").fetchone()
    assert row[:2] == ("yiliu", "finished") and "404" in row[2]
    store.close()


def test_store_rejects_a_file_that_is_not_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database" * 100)
    with pytest.raises(DatabaseError, match="not a usable SQLite database"):
        Store(path)
    assert path.read_bytes().startswith(b"these are my notes")


def test_store_rejects_another_applications_database(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")
    with pytest.raises(DatabaseError, match="another application"):
        Store(path)
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    assert tables == ["invoices"]


def _pages_seen_by_a_reader(path: Path) -> int:
    with sqlite3.connect(path) as reader:
        return int(reader.execute("SELECT count(*) FROM pages").fetchone()[0])


def _broken_record(url: str) -> PageRecord:
    """Its first part is written, then its second (a str body, not bytes) fails."""
    parts = [RawPart(url, b"<html>1</html>"), RawPart(url + "?p=2", "not bytes")]  # type: ignore[arg-type]
    return PageRecord(url=url, site="test", fetched_at="2026", status=200, parts=parts)


def test_store_save_is_all_or_nothing(tmp_path: Path) -> None:
    store = Store(tmp_path / "f.db")
    with pytest.raises(TypeError):
        store.save(_broken_record("http://a/1.html"))
    store.close()
    assert _pages_seen_by_a_reader(tmp_path / "f.db") == 0


def test_store_group_commits_after_the_given_number_of_pages(tmp_path: Path) -> None:
    db = tmp_path / "f.db"
    store = Store(db)
    store.group_commits(pages=3, seconds=3600)
    for number in range(1, 4):
        store.save(_record(f"http://a/{number}.html", ESSAY, store=store))
        store.commit_if_due()
        assert _pages_seen_by_a_reader(db) == (3 if number == 3 else 0)
    store.save(_record("http://a/4.html", OTHER, store=store))
    store.close()  # commits the last, unfinished group
    assert _pages_seen_by_a_reader(db) == 4


def test_store_failed_page_in_a_group_rolls_back_alone(tmp_path: Path) -> None:
    db = tmp_path / "f.db"
    store = Store(db)
    store.group_commits(pages=100, seconds=3600)
    store.save(_record("http://a/1.html", ESSAY, store=store))
    with pytest.raises(TypeError):
        store.save(_broken_record("http://a/2.html"))
    store.save(_record("http://a/3.html", OTHER, store=store))
    store.close()
    with sqlite3.connect(db) as reader:
        urls = [row[0] for row in reader.execute("SELECT url FROM pages ORDER BY url")]
    assert urls == ["http://a/1.html", "http://a/3.html"]


def _keys_of(db: Path) -> dict[int, set[int]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT seq, keys FROM dedup_keys").fetchall()
    return {seq: set(np.frombuffer(blob, dtype="<i8").tolist()) for seq, blob in rows}


def _tables(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}


def test_store_migrates_text_id_postings_to_keys_per_essay(tmp_path: Path) -> None:
    db = tmp_path / "f.db"
    Store(db).close()
    with sqlite3.connect(db) as conn:  # the dedup index as schema 3 kept it
        conn.execute("CREATE TABLE lsh_buckets (bucket INTEGER, essay_id TEXT)")
        conn.execute("CREATE TABLE sentence_hashes (hash INTEGER, essay_id TEXT)")
        conn.execute("INSERT INTO dedup_essays (essay_id, seq) VALUES ('e1', 7)")
        conn.execute("INSERT INTO lsh_buckets VALUES (-5, 'e1')")
        conn.execute("INSERT INTO sentence_hashes VALUES (42, 'e1')")
        conn.execute("PRAGMA user_version = 3")
    Store(db).close()
    assert _keys_of(db) == {7: {-5, 42}}
    assert not _tables(db) & {"lsh_buckets", "sentence_hashes", "lsh_postings"}
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_store_migrates_seq_postings_and_fresh_tables_to_keys_per_essay(tmp_path: Path) -> None:
    db = tmp_path / "f.db"
    Store(db).close()
    with sqlite3.connect(db) as conn:  # the dedup index as schema 4 kept it
        for table, key in (("lsh", "bucket"), ("sentence", "hash")):
            for name in (f"{table}_postings", f"{table}_fresh"):
                conn.execute(f"CREATE TABLE {name} ({key} INTEGER, seq INTEGER)")
            conn.execute(
                f"CREATE VIEW {table}_all AS SELECT {key}, seq FROM {table}_postings "
                f"UNION ALL SELECT {key}, seq FROM {table}_fresh"
            )
        conn.executemany("INSERT INTO lsh_postings VALUES (?, ?)", [(-5, 1), (9, 2), (10, 1)])
        conn.executemany("INSERT INTO lsh_fresh VALUES (?, ?)", [(11, 3)])
        conn.executemany("INSERT INTO sentence_postings VALUES (?, ?)", [(42, 1)])
        conn.executemany("INSERT INTO sentence_fresh VALUES (?, ?)", [(43, 3)])
        conn.execute("PRAGMA user_version = 4")
    Store(db).close()
    assert _keys_of(db) == {1: {-5, 10, 42}, 2: {9}, 3: {11, 43}}
    assert not _tables(db) & {"lsh_postings", "lsh_fresh", "sentence_all", "sentence_fresh"}
