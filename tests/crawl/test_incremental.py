"""Incremental crawls of the sample site (46 articles, ETags, 304s) on loopback: a second run
asks for nothing it need not, and after articles change or appear, exactly those are written."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from fanwen_crawler.sample_site.server import SampleSiteServer
from fanwen_crawler.sample_site.site import Page
from tests.conftest import LOOPBACK, run_fanwen

ARTICLE = r"/[a-z]+/\d+\.html"


def _crawl(server: SampleSiteServer, db: Path, *extra: str) -> dict[str, int]:
    result = run_fanwen(
        "crawl", "yiliu", "--start-url", server.base_url + "/", "--db", str(db), *LOOPBACK, *extra
    )
    assert result.returncode == 0, result.stderr
    runs = json.loads(run_fanwen("runs", "--db", str(db), "--json", "--limit", "1").stdout)
    return {name: runs[0][name] for name in ("new", "updated", "unchanged", "skipped", "errors")}


def _essays(db: Path) -> dict[str, tuple[str, str, str]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT id, title, text, text_hash FROM essays").fetchall()
    return {row[0]: (row[1], row[2], row[3]) for row in rows}


def _article_answers(server: SampleSiteServer, since: int) -> Counter[int]:
    articles = {a.path for a in server.site.articles}
    return Counter(status for path, status in server.answers[since:] if path in articles)


@pytest.fixture(scope="module")
def first_crawl(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[SampleSiteServer, Path]]:
    """One server and one first crawl for the module; each test gets a copy of the database
    and the site's pages back as they were."""
    server = SampleSiteServer().start()
    try:
        db = tmp_path_factory.mktemp("incremental") / "first.db"
        first = _crawl(server, db)
        assert first["new"] >= 40 and first["skipped"] == 0
        assert first["errors"] == 0  # the site's one dead link is a fact, not a crawler error
        yield server, db
    finally:
        server.stop()


@pytest.fixture
def site(
    first_crawl: tuple[SampleSiteServer, Path], tmp_path: Path
) -> Iterator[tuple[SampleSiteServer, Path]]:
    server, first = first_crawl
    db = tmp_path / "fanwen.db"
    with sqlite3.connect(first) as source, sqlite3.connect(db) as copy:
        source.backup(copy)
    pages = dict(server.site.pages)
    try:
        yield server, db
    finally:
        server.site.pages.clear()
        server.site.pages.update(pages)


def test_second_run_over_unchanged_site_skips_every_article(
    site: tuple[SampleSiteServer, Path],
) -> None:
    server, db = site
    before, asked = _essays(db), len(server.answers)
    counts = _crawl(server, db)
    assert counts["new"] == counts["updated"] == 0
    assert counts["skipped"] >= 0.9 * len(server.site.articles)
    assert _article_answers(server, asked)[200] <= 0.1 * len(server.site.articles)
    assert _essays(db) == before


def test_revisit_now_asks_conditionally_and_gets_304s(site: tuple[SampleSiteServer, Path]) -> None:
    server, db = site
    before, asked = _essays(db), len(server.answers)
    counts = _crawl(server, db, "--revisit-after", "0")
    answers = _article_answers(server, asked)
    assert answers[304] >= 0.9 * sum(answers.values()), answers
    assert counts["new"] == counts["updated"] == 0 and counts["unchanged"] >= 40
    assert _essays(db) == before
    with sqlite3.connect(db) as conn:
        seen = conn.execute("SELECT count(*) FROM pages WHERE last_seen > fetched_at").fetchone()
    assert seen[0] >= 40  # a 304 moves last_seen, nothing else


def _change(server: SampleSiteServer, path: str, old: str, new: str) -> None:
    page = server.site.pages[path]
    body = page.body.decode("utf-8")
    assert old in body
    server.site.pages[path] = Page(200, body.replace(old, new, 1).encode("utf-8"))


def test_changed_and_added_articles_are_exactly_what_is_written(
    site: tuple[SampleSiteServer, Path],
) -> None:
    server, db = site
    before = _essays(db)
    utf8 = [a for a in server.site.articles if a.category.charset == "utf-8" and len(a.pages) == 1]
    changed = utf8[:3]
    for article in changed:
        first_line = article.pages[0][0]
        _change(server, article.path, first_line, first_line + "这一句是后来补上的。")
    # Five new articles: copies of other articles' pages under new numbers, linked from the
    # first list page of their category.
    added = []
    for number, source in enumerate(utf8[3:8], start=1):
        path = source.path.replace(".html", f"{number}9.html")
        body = server.site.pages[source.path].body.decode("utf-8").replace(source.path, path)
        body = body.replace(source.title, f"{source.title}（新{number}）")
        server.site.pages[path] = Page(200, body.encode("utf-8"))
        listing = source.category.href
        _change(server, listing, "</body>", f'<a href="{path}">新文章{number}</a></body>')
        added.append(path)
    counts = _crawl(server, db, "--revisit-after", "0")
    assert (counts["new"], counts["updated"]) == (5, 3), counts
    after = _essays(db)
    assert len(after) == len(before) + 5
    rewritten = {essay for essay in before if before[essay] != after[essay]}
    with sqlite3.connect(db) as conn:
        pages = dict(conn.execute("SELECT id, page_url FROM essays").fetchall())
    assert {pages[essay].split("/", 3)[3] for essay in rewritten} == {
        a.path.lstrip("/") for a in changed
    }
    for essay in rewritten:  # the same id, the new text, a hash of the new text
        assert "这一句是后来补上的" in after[essay][1] and after[essay][2] != before[essay][2]
    new_pages = {pages[essay].split("/", 3)[3] for essay in set(after) - set(before)}
    assert new_pages == {path.lstrip("/") for path in added}


def test_full_fetches_every_article_again(site: tuple[SampleSiteServer, Path]) -> None:
    server, db = site
    asked = len(server.answers)
    counts = _crawl(server, db, "--full")
    assert counts["skipped"] == 0 and counts["unchanged"] >= 40
    assert _article_answers(server, asked)[200] >= 40
