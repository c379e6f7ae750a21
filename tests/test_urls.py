"""canonical_url: one identity for one page, whichever URL reached it."""

from __future__ import annotations

import pytest

from pipelines.urls import canonical_url, same_page

# (url, its canonical form); every URL here is also checked for idempotence.
CASES = [
    # scheme and host are lower-cased, the scheme itself is kept
    ("HTTP://Example.COM/Fanwen/1.html", "http://example.com/Fanwen/1.html"),
    ("HTTPS://example.com/a.html", "https://example.com/a.html"),
    # fragment
    ("https://example.com/a.html#comments", "https://example.com/a.html"),
    # remaining parameters sorted
    ("https://example.com/list?page=2&cat=5&b=1", "https://example.com/list?b=1&cat=5&page=2"),
    # index files, keeping the directory slash
    ("https://example.com/zongjie/index.html", "https://example.com/zongjie/"),
    ("https://example.com/zongjie/index.htm", "https://example.com/zongjie/"),
    ("https://example.com/zongjie/index.php", "https://example.com/zongjie/"),
    ("https://example.com/zongjie/default.html", "https://example.com/zongjie/"),
    ("https://example.com/index.html", "https://example.com/"),
    ("https://example.com/zongjie/INDEX.HTML?p=2", "https://example.com/zongjie/?p=2"),
    ("https://example.com/a/myindex.html", "https://example.com/a/myindex.html"),
    ("https://example.com/a/index.php/b", "https://example.com/a/index.php/b"),
    # mirror hosts fold to the bare host, other subdomains stay
    ("https://m.example.com/a.html", "https://example.com/a.html"),
    ("https://wap.example.com/a.html", "https://example.com/a.html"),
    ("https://3g.example.com/a.html", "https://example.com/a.html"),
    ("https://www.example.com/a.html", "https://example.com/a.html"),
    ("https://www.m.example.com.cn/a.html", "https://example.com.cn/a.html"),
    ("https://m.news.example.com/a.html", "https://news.example.com/a.html"),
    ("https://news.example.com/a.html", "https://news.example.com/a.html"),
    ("https://mm.example.com/a.html", "https://mm.example.com/a.html"),
    ("https://www.com/a.html", "https://www.com/a.html"),  # never down to a bare suffix
    # default ports dropped, others kept
    ("http://example.com:80/a.html", "http://example.com/a.html"),
    ("https://example.com:443/a.html", "https://example.com/a.html"),
    ("http://example.com:443/a.html", "http://example.com:443/a.html"),
    ("http://www.example.com:8080/a.html", "http://example.com:8080/a.html"),
    ("http://[2001:DB8::1]:80/a.html", "http://[2001:db8::1]/a.html"),
    # w3lib's normalisation: empty path, percent-encoding, IDNA
    ("https://example.com", "https://example.com/"),
    ("https://example.com/%7euser/%e4%b8%ad.html", "https://example.com/~user/%E4%B8%AD.html"),
    ("https://例子.中国/范文/1.html", "https://xn--fsqu00a.xn--fiqs8s/%E8%8C%83%E6%96%87/1.html"),
    ("  https://example.com/a.html  ", "https://example.com/a.html"),
]

TRACKING = [
    "utm_source=wx",
    "utm_medium=share",
    "UTM_Campaign=x",
    "from=timeline",
    "spm=a2c4g.11186623",
    "source=qq",
    "share=1",
    "fbclid=IwAR0",
    "gclid=Cj0K",
    "from_source=baidu",
    "wxshare=1",
    "isappinstalled=0",
    "scene=1",
    "sharer_shareid=abc",
    "sharer_sharetime=1700000000",
]

ODD = [
    "",
    "   ",
    "not a url",
    "http://",
    "http:///a.html",
    "http://[::1",
    "http://example.com:99999/",
    "http://exa mple.com/",
    "//example.com/a.html",
    "/relative/path.html",
    "mailto:someone@example.com",
    "javascript:void(0)",
    "file:///tmp/a b.html",
    "https://m./",
    "https://www./",
    "\x00\x01",
    "http://\u200b/",
    "https://example.com/?%zz=%",
]


@pytest.mark.parametrize(("url", "expected"), CASES)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


@pytest.mark.parametrize("param", TRACKING)
def test_tracking_parameters_are_dropped(param: str) -> None:
    url = f"https://example.com/fanwen/12.html?id=7&{param}"
    assert canonical_url(url) == "https://example.com/fanwen/12.html?id=7"
    assert canonical_url(f"https://example.com/fanwen/12.html?{param}") == (
        "https://example.com/fanwen/12.html"
    )


@pytest.mark.parametrize("param", ["fromdate=2024", "sources=a", "shared=1", "id=utm_source"])
def test_look_alike_parameters_are_kept(param: str) -> None:
    assert canonical_url(f"https://example.com/a.html?{param}") == (
        f"https://example.com/a.html?{param}"
    )


def test_http_and_https_stay_apart() -> None:
    assert not same_page("http://example.com/a.html", "https://example.com/a.html")


def test_same_page() -> None:
    variants = [
        "https://example.com/zuowen/",
        "https://www.example.com/zuowen/index.html",
        "https://M.EXAMPLE.COM:443/zuowen/index.html?utm_source=wx&from=singlemessage#top",
        "https://wap.example.com/zuowen/default.html?isappinstalled=0",
    ]
    assert all(same_page(variants[0], other) for other in variants[1:])
    assert not same_page("https://example.com/a.html", "https://example.com/b.html")
    assert not same_page("https://example.com/a.html?id=1", "https://example.com/a.html?id=2")


@pytest.mark.parametrize(
    "url", [url for url, _ in CASES] + [f"https://m.example.com/a?{p}&z=1" for p in TRACKING] + ODD
)
def test_idempotent(url: str) -> None:
    once = canonical_url(url)
    assert canonical_url(once) == once


@pytest.mark.parametrize("url", ODD)
def test_odd_input_does_not_raise(url: str) -> None:
    assert isinstance(canonical_url(url), str)
    assert isinstance(same_page(url, url), bool)


@pytest.mark.parametrize(
    "url", ["", "   ", "not a url", "http://[::1", " http://example.com:99999/ ", "/a/b.html"]
)
def test_unparseable_input_comes_back_stripped(url: str) -> None:
    assert canonical_url(url) == url.strip()
