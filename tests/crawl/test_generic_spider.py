"""The generic spider (`fanwen crawl URL`) on a site no profile is told about."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from fanwen_crawler.sample_site import SampleSiteServer
from fanwen_crawler.spiders.generic import ARTICLE_URL, CONTINUATION_URL, NOT_CONTENT
from fanwen_crawler.spiders.profiled import is_continuation
from tests.conftest import LOOPBACK, run_fanwen


@pytest.mark.parametrize(
    ("url", "article"),
    [
        ("http://x.com/xindetihui/1101.html", True),
        ("http://x.com/a/2019/0512/3345.shtml", True),
        ("http://x.com/show.php?id=77", True),
        ("http://x.com/xindetihui/", False),
        ("http://x.com/about.html", False),
    ],
)
def test_generic_article_urls(url: str, article: bool) -> None:
    assert bool(ARTICLE_URL.search(url)) == article


def test_generic_skips_continuations_and_non_content() -> None:
    assert CONTINUATION_URL.search("http://x.com/a/1101_2.html")
    assert not CONTINUATION_URL.search("http://x.com/a/1101.html")
    import re

    for url in ("http://x.com/tag/心得.html", "http://x.com/search.php?q=1", "http://x.com/a.pdf"):
        assert any(re.search(pattern, url) for pattern in NOT_CONTENT), url


@pytest.mark.parametrize(
    ("first", "following", "same_article"),
    [
        ("http://x.com/a/1101.html", "http://x.com/a/1101_2.html", True),
        ("http://x.com/a/1101.html", "http://x.com/a/1101-3.html", True),
        ("http://x.com/a/show.php?id=7", "http://x.com/a/show.php?id=7&page=2", True),
        ("http://x.com/a/1101.html", "http://x.com/a/1102.html", False),
        ("http://x.com/a/1101.html", "http://y.com/a/1101_2.html", False),
    ],
)
def test_next_page_is_a_continuation_only_of_the_same_article(
    first: str, following: str, same_article: bool
) -> None:
    assert is_continuation(first, following) == same_article


def test_generic_crawl_finds_every_article_and_no_list_page(tmp_path: Path) -> None:
    server = SampleSiteServer().start()
    try:
        db = tmp_path / "g.db"
        result = run_fanwen("crawl", server.base_url + "/", "--db", str(db), *LOOPBACK)
        assert result.returncode == 0, result.stderr
        with sqlite3.connect(db) as conn:
            titles = {row[0] for row in conn.execute("SELECT title FROM essays WHERE position = 1")}
            stitched = conn.execute(
                "SELECT count(*) FROM pages WHERE article_url != url"
            ).fetchone()[0]
            listed = conn.execute(
                "SELECT count(*) FROM essays WHERE page_url LIKE '%list_%' OR page_url LIKE '%/'"
            ).fetchone()[0]
        expected = {a.title for a in server.site.articles if a.path != server.site.collection}
        assert expected <= titles
        assert stitched == 2 and listed == 0
        assert not [path for path in server.requests if path.startswith("/member/")]
    finally:
        server.stop()
