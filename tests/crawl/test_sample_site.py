from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from fanwen_crawler.sample_site import SampleSiteServer
from fanwen_crawler.sample_site.site import build_site


def _get(server: SampleSiteServer, path: str) -> tuple[int, dict[str, str], bytes]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(server.base_url + path, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_sample_site_has_enough_articles_and_special_cases() -> None:
    site = build_site()
    assert len(site.articles) >= 40
    assert all(
        [site.multipage, site.collection, site.dead_link, site.redirect_from, site.disallowed]
    )
    assert len({a.title for a in site.articles}) == len(site.articles)


def test_sample_site_serves_gbk_declared_only_in_meta(sample_server: SampleSiteServer) -> None:
    status, headers, body = _get(sample_server, "/shenqingshu/")
    assert status == 200 and "charset" not in headers["Content-Type"]
    assert b"charset=gb2312" in body
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    assert "申请书" in body.decode("gb18030")


def test_sample_site_robots_disallows_member_area(sample_server: SampleSiteServer) -> None:
    status, _, body = _get(sample_server, "/robots.txt")
    assert status == 200 and b"Disallow: /member/" in body
    assert _get(sample_server, sample_server.site.disallowed)[0] == 200


def test_sample_site_dead_link_and_redirect(sample_server: SampleSiteServer) -> None:
    assert _get(sample_server, sample_server.site.dead_link)[0] == 404
    status, headers, _ = _get(sample_server, sample_server.site.redirect_from)
    assert status == 301 and headers["Location"].endswith("/yanjianggao/1304.html")


def test_sample_site_fails_once_then_serves() -> None:
    server = SampleSiteServer().start()
    try:
        path = next(iter(server.site.fail_once))
        assert _get(server, path)[0] == 503
        assert _get(server, path)[0] == 200
    finally:
        server.stop()


def test_sample_site_multipage_article_links_next_pages(sample_server: SampleSiteServer) -> None:
    base = sample_server.site.multipage.removesuffix(".html")
    for page in ("", "_2", "_3"):
        status, _, body = _get(sample_server, f"{base}{page}.html")
        assert status == 200
    assert "下一页".encode() in _get(sample_server, f"{base}.html")[2]
    assert "下一页".encode() not in _get(sample_server, f"{base}_3.html")[2]
