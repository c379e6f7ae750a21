"""The yiliu spider against the sample site over loopback, through every pipeline into SQLite."""

from __future__ import annotations

import json
import sqlite3

import pytest

from fanwen_crawler.sample_site.render import CANONICAL_ORIGIN
from fanwen_crawler.sample_site.site import Article
from pipelines.dedup import text_hash
from tests.conftest import LOOPBACK, Crawl, run_fanwen


def _rows(crawl: Crawl, sql: str, *params: object) -> list[tuple]:
    with sqlite3.connect(crawl.db) as conn:
        return conn.execute(sql, params).fetchall()


def _url(path: str) -> str:
    return CANONICAL_ORIGIN + path


def _single_essay_articles(crawl: Crawl) -> list[Article]:
    return [a for a in crawl.server.site.articles if a.path != crawl.server.site.collection]


def test_crawl_stores_every_article_with_its_title(crawl: Crawl) -> None:
    stored = dict(_rows(crawl, "SELECT page_url, title FROM essays WHERE position = 1"))
    for article in _single_essay_articles(crawl):
        assert stored.get(_url(article.path)) == article.title, article.path
    assert len(_rows(crawl, "SELECT id FROM essays")) >= 40


def test_crawl_keeps_essay_text_word_for_word(crawl: Crawl) -> None:
    """Every essay's words equal its source's: nothing dropped, nothing added, GBK decoded."""
    for article in _single_essay_articles(crawl):
        source = "\n".join(line for page in article.pages for line in page)
        (text,) = _rows(crawl, "SELECT text FROM essays WHERE page_url = ?", _url(article.path))[0]
        assert "\ufffd" not in text
        assert text_hash(text) == text_hash(source), article.path


def test_crawl_splits_collection_into_its_essays(crawl: Crawl) -> None:
    rows = _rows(
        crawl,
        "SELECT title FROM essays WHERE page_url = ? ORDER BY position",
        _url(crawl.server.site.collection),
    )
    assert len(rows) == 3 and all(title for (title,) in rows)


def test_crawl_stitches_multipage_article_in_order(crawl: Crawl) -> None:
    path = crawl.server.site.multipage
    pages = _rows(crawl, "SELECT url FROM pages WHERE article_url = ? ORDER BY url", _url(path))
    assert [u for (u,) in pages] == [
        _url(path),
        _url(path.replace(".html", "_2.html")),
        _url(path.replace(".html", "_3.html")),
    ]
    (text,) = _rows(crawl, "SELECT text FROM essays WHERE page_url = ?", _url(path))[0]
    article = next(a for a in crawl.server.site.articles if a.path == path)
    last_lines_of_each_page = [page[-1][-20:] for page in article.pages]
    positions = [text.find(fragment) for fragment in last_lines_of_each_page]
    assert -1 not in positions and positions == sorted(positions)


def test_crawl_records_exact_duplicates(crawl: Crawl) -> None:
    original, repost = crawl.server.site.duplicate_pair
    pairs = _rows(
        crawl,
        "SELECT a.page_url, b.page_url, d.kind FROM duplicates d "
        "JOIN essays a ON a.id = d.essay_id JOIN essays b ON b.id = d.duplicate_of",
    )
    assert {frozenset((a, b)) for a, b, _ in pairs} >= {frozenset((_url(original), _url(repost)))}
    assert any(_url(crawl.server.site.collection) in (a, b) for a, b, _ in pairs)
    assert all(kind == "exact" for *_, kind in pairs)


def test_crawl_obeys_robots_and_retries_and_follows_redirects(crawl: Crawl) -> None:
    requested = crawl.server.requests
    assert not [path for path in requested if path.startswith("/member/")]
    (failing,) = crawl.server.site.fail_once
    assert requested.count(failing) == 2
    assert _rows(crawl, "SELECT count(*) FROM essays WHERE page_url = ?", _url(failing)) == [(1,)]
    assert _rows(
        crawl, "SELECT count(*) FROM essays WHERE page_url = ?", _url("/yanjianggao/1304.html")
    ) == [(1,)]


def test_crawl_records_run_with_dead_link(crawl: Crawl) -> None:
    ((failures, reason, stats),) = _rows(
        crawl, "SELECT failures, finish_reason, stats FROM crawl_runs"
    )
    assert reason == "finished"
    assert [
        f["url"].endswith(crawl.server.site.dead_link) and f["status"] for f in json.loads(failures)
    ] == [404]
    assert json.loads(stats)["fanwen/essays_stored"] >= 40


@pytest.mark.parametrize(
    "boilerplate",
    ["本文关键词", "本文简介", "本文内容", "欢迎您", "当前位置", "TAG标签", "相关推荐", "版权所有"],
)
def test_crawl_leaves_no_boilerplate_in_essays(crawl: Crawl, boilerplate: str) -> None:
    assert _rows(crawl, "SELECT count(*) FROM essays WHERE text LIKE ?", f"%{boilerplate}%") == [
        (0,)
    ]


def test_crawl_rejoins_paragraph_broken_mid_sentence(crawl: Crawl) -> None:
    path, whole = crawl.server.site.broken_paragraph
    (text,) = _rows(crawl, "SELECT text FROM essays WHERE page_url = ?", _url(path))[0]
    assert text.split("\n\n").count(whole) == 1


def test_crawl_restores_full_width_punctuation(crawl: Crawl) -> None:
    (text,) = _rows(
        crawl, "SELECT text FROM essays WHERE page_url = ?", _url("/yanjianggao/1302.html")
    )[0]
    assert "，" in text and "," not in text and ":" not in text


def test_crawl_run_twice_adds_no_rows(crawl: Crawl) -> None:
    tables = ("pages", "essays", "duplicates")
    before = [_rows(crawl, f"SELECT count(*) FROM {t}") for t in tables]
    result = run_fanwen(
        "crawl",
        "yiliu",
        "--start-url",
        crawl.server.base_url + "/",
        "--db",
        str(crawl.db),
        *LOOPBACK,
    )
    assert result.returncode == 0, result.stderr
    assert [_rows(crawl, f"SELECT count(*) FROM {t}") for t in tables] == before
    assert _rows(crawl, "SELECT count(*) FROM crawl_runs") == [(2,)]
