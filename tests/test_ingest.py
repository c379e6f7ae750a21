"""`fanwen import` over saved pages: the whole pipeline into a real SQLite file."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from fanwen_crawler.sample_site.site import build_site
from tests.conftest import run_fanwen


def _save_sample_site(folder: Path) -> None:
    site = build_site()
    for path, page in site.pages.items():
        if page.status == 200 and path.endswith(".html"):
            target = folder / path.strip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(page.body)


def _row_counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def test_import_sample_site_twice_adds_no_rows(tmp_path: Path) -> None:
    _save_sample_site(tmp_path / "saved")
    db = tmp_path / "f.db"
    first = run_fanwen("import", str(tmp_path / "saved"), "--db", str(db))
    assert first.returncode == 0, first.stderr
    counts = _row_counts(db)
    assert counts["essays"] >= 40 and counts["duplicates"] >= 2
    with sqlite3.connect(db) as conn:  # pages keep the identity their canonical link declares
        urls = [r[0] for r in conn.execute("SELECT url FROM pages")]
    assert all(url.startswith("http://yiliu-sample.example/") for url in urls)
    second = run_fanwen("import", str(tmp_path / "saved"), "--db", str(db))
    assert second.returncode == 0, second.stderr
    assert _row_counts(db) == counts


# warcio's writer leaves a SpooledTemporaryFile to the garbage collector (writing only).
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_import_reads_warc_responses(tmp_path: Path) -> None:
    site = build_site()
    article = site.articles[5]
    warc = tmp_path / "crawl.warc.gz"
    with warc.open("wb") as output:
        writer = WARCWriter(output, gzip=True)
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            "http://mirror.example/a.html",
            "response",
            payload=io.BytesIO(site.pages[article.path].body),
            http_headers=headers,
        )
        writer.write_record(record)
    db = tmp_path / "f.db"
    result = run_fanwen("import", str(warc), "--db", str(db))
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT title FROM essays").fetchall() == [(article.title,)]


def test_import_into_foreign_database_is_refused_untouched(tmp_path: Path) -> None:
    _save_sample_site(tmp_path / "saved")
    db = tmp_path / "other.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    before = db.read_bytes()
    result = run_fanwen("import", str(tmp_path / "saved"), "--db", str(db))
    assert result.returncode != 0 and "another application" in result.stderr
    assert "Traceback" not in result.stderr and db.read_bytes() == before


def test_import_into_corrupt_database_is_a_one_line_error(tmp_path: Path) -> None:
    db = tmp_path / "broken.db"
    db.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    result = run_fanwen("import", str(tmp_path), "--db", str(db))
    assert result.returncode != 0 and result.stderr.startswith("Error: ")
    assert len(result.stderr.strip().splitlines()) == 1


def test_import_of_nothing_says_so(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run_fanwen("import", str(tmp_path / "empty"), "--db", str(tmp_path / "f.db"))
    assert result.returncode != 0 and "nothing to import" in result.stderr


def test_dupes_shows_the_cluster_of_a_copy(tmp_path: Path) -> None:
    _save_sample_site(tmp_path / "saved")
    db = tmp_path / "f.db"
    assert run_fanwen("import", str(tmp_path / "saved"), "--db", str(db)).returncode == 0
    with sqlite3.connect(db) as conn:
        copy, canonical = conn.execute("SELECT essay_id, duplicate_of FROM duplicates").fetchone()
    result = run_fanwen("dupes", copy, "--db", str(db), "--json")
    assert result.returncode == 0, result.stderr
    cluster = json.loads(result.stdout)
    assert cluster[0]["id"] == canonical and cluster[0]["kind"] == "canonical"
    assert {row["id"] for row in cluster} >= {copy, canonical}
    assert all(row["url"].startswith("http://yiliu-sample.example/") for row in cluster)
    missing = run_fanwen("dupes", "0000000000000000", "--db", str(db))
    assert missing.returncode != 0 and missing.stderr.startswith("Error: no essay with id")
