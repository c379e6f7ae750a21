"""`fanwen import` over saved pages: the whole pipeline into a real SQLite file."""

from __future__ import annotations

import io
import json
import sqlite3
import zlib
from pathlib import Path
from typing import Any

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from fanwen_crawler.sample_site.site import build_site
from pipelines.dedup import text_hash
from pipelines.urls import canonical_url
from tests.conftest import Crawl, run_fanwen
from tests.crawl.sites import liuxue86


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


# Import over a crawl: the crawl's stitched articles and site labels are never downgraded.

MULTIPAGE = "http://yiliu-sample.example/xindetihui/1101.html"  # the crawl stitches 3 pages


def _copy_of_crawl(crawl: Crawl, target: Path) -> Path:
    with sqlite3.connect(crawl.db) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    return target


def _article_rows(db: Path, article_url: str) -> tuple[list[Any], list[Any]]:
    with sqlite3.connect(db) as conn:
        pages = conn.execute(
            "SELECT * FROM pages WHERE article_url = ? ORDER BY url", [article_url]
        ).fetchall()
        essays = conn.execute(
            "SELECT * FROM essays WHERE page_url = ? ORDER BY position", [article_url]
        ).fetchall()
    return pages, essays


def _essay_columns(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [row[1] for row in conn.execute("PRAGMA table_info(essays)")]


def _saved_raw(db: Path, url: str, target: Path) -> Path:
    """A page as the crawl fetched it (its stored raw bytes), saved as an HTML file."""
    with sqlite3.connect(db) as conn:
        (raw,) = conn.execute("SELECT raw FROM pages WHERE url = ?", [url]).fetchone()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(zlib.decompress(raw))
    return target


@pytest.mark.parametrize(
    "saved",
    [("1101.html",), ("1101_2.html",), ("1101.html", "1101_2.html", "1101_3.html")],
    ids=["first-page", "second-page", "every-page-alone"],
)
def test_import_over_a_crawl_keeps_the_stitched_article(
    crawl: Crawl, tmp_path: Path, saved: tuple[str, ...]
) -> None:
    db = _copy_of_crawl(crawl, tmp_path / "f.db")
    pages, essays = _article_rows(db, MULTIPAGE)
    assert len(pages) == 3 and pages[0][0] == MULTIPAGE  # stitched by the crawl
    (essay,) = essays
    columns = _essay_columns(db)
    text, site, stored_hash = (essay[columns.index(c)] for c in ("text", "site", "text_hash"))
    assert site == "yiliu" and stored_hash == text_hash(text)
    counts = _row_counts(db)
    for name in saved:
        _saved_raw(db, MULTIPAGE.replace("1101.html", name), tmp_path / "saved" / name)

    result = run_fanwen("import", str(tmp_path / "saved"), "--db", str(db))

    assert result.returncode == 0, result.stderr
    assert _article_rows(db, MULTIPAGE) == (pages, essays)  # text, site, text_hash: every column
    assert _row_counts(db) == counts
    assert f"kept (crawl record better): {len(saved)}" in result.stdout


def test_reimport_of_the_crawled_site_keeps_its_labels_and_adds_no_rows(
    crawl: Crawl, tmp_path: Path
) -> None:
    db = _copy_of_crawl(crawl, tmp_path / "f.db")
    with sqlite3.connect(db) as conn:
        crawled = dict(conn.execute("SELECT url, article_url FROM pages"))
    _save_sample_site(tmp_path / "saved")
    stitched = _article_rows(db, MULTIPAGE)

    first = run_fanwen("import", str(tmp_path / "saved"), "--db", str(db))
    assert first.returncode == 0, first.stderr
    counts = _row_counts(db)
    second = run_fanwen("import", str(tmp_path / "saved"), "--db", str(db))
    assert second.returncode == 0, second.stderr

    assert _row_counts(db) == counts  # importing again adds no rows
    assert _article_rows(db, MULTIPAGE) == stitched
    with sqlite3.connect(db) as conn:
        pages = {
            url: (article, site)
            for url, article, site in conn.execute("SELECT url, article_url, site FROM pages")
        }
        essays = conn.execute("SELECT page_url, site, text, text_hash FROM essays").fetchall()
    # Every page the crawl stored keeps its article and its profile's name, though no
    # profile names the sample site's host; pages only the import read get the host.
    assert {url: pages[url] for url in crawled} == {
        url: (article, "yiliu") for url, article in crawled.items()
    }
    assert {site for url, (_, site) in pages.items() if url not in crawled} == {
        "yiliu-sample.example"
    }
    for page_url, site, text, stored_hash in essays:
        assert stored_hash == text_hash(text)
        assert site == ("yiliu" if page_url in crawled else "yiliu-sample.example")
    assert "kept (crawl record better): 3" in second.stdout  # 1101.html, _2 and _3


def _with_long_head(body: bytes) -> bytes:
    """The page with 80 KB of inline CSS before its <link rel=canonical>: past where the
    importer looks for it, so only the cleaned page's canonical URL names the site."""
    style = b"<style>" + b".a{color:red}\n" * 6000 + b"</style>\n"
    long = body.replace(b"<head>\n", b"<head>\n" + style, 1)
    assert long.index(b'rel="canonical"') > 64 * 1024
    return long


@pytest.mark.parametrize("long_head", [False, True], ids=["canonical-link", "canonical-past-64k"])
def test_import_labels_a_profiled_hosts_page_with_the_profile_name(
    tmp_path: Path, long_head: bool
) -> None:
    mobile = liuxue86.build_mobile_site()  # pages declare their www.liuxue86.com page canonical
    article = next(a for a in mobile.articles if len(a.pages) == 1)
    body = mobile.pages[article.path].body
    saved = tmp_path / "saved" / "page.html"
    saved.parent.mkdir()
    saved.write_bytes(_with_long_head(body) if long_head else body)
    db = tmp_path / "f.db"

    result = run_fanwen("import", str(saved), "--db", str(db))

    assert result.returncode == 0, result.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT url, site FROM pages").fetchall() == [
            (canonical_url(liuxue86.DESKTOP_ORIGIN + article.path), "liuxue86")
        ]
        assert conn.execute("SELECT site, title FROM essays").fetchall() == [
            ("liuxue86", article.title)
        ]
