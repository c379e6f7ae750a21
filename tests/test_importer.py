"""iter_saved_pages: saved HTML/text files and WARC archives read from real files."""

from __future__ import annotations

import gzip
import io
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from fanwen_crawler.importer import SavedPage, iter_saved_pages
from pipelines.errors import FanwenError

GBK_PAGE = "<html><head><meta charset=gbk></head><body><p>工作总结范文</p></body></html>".encode(
    "gbk"
)
WARC_DATE = "2024-03-05T06:07:08Z"


def _write(path: Path, body: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body.encode() if isinstance(body, str) else body)
    return path


def _response(
    writer: WARCWriter,
    url: str,
    body: bytes,
    content_type: str = "text/html; charset=utf-8",
    status: str = "200 OK",
) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        length=len(body),  # without it warcio buffers to a temp file it never closes
        http_headers=headers,
        warc_headers_dict={"WARC-Date": WARC_DATE},
    )
    writer.write_record(record)


def _request(writer: WARCWriter, url: str) -> None:
    headers = StatusAndHeaders(
        "GET /a.html HTTP/1.1", [("Host", "example.com")], is_http_request=True
    )
    writer.write_record(
        writer.create_warc_record(
            url, "request", payload=io.BytesIO(b""), length=0, http_headers=headers
        )
    )


def _mixed_warc(path: Path, gzip: bool) -> Path:
    """A 200 HTML page among a 404, a request and an image, as a crawl writes them."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        _request(writer, "http://www.example.com/a.html")
        _response(writer, "http://www.example.com/a.html", GBK_PAGE, "text/html; charset=gbk")
        _response(
            writer, "http://www.example.com/gone.html", b"<html>gone</html>", status="404 Not Found"
        )
        _response(writer, "http://www.example.com/logo.png", b"\x89PNG\r\n\x1a\n0000", "image/png")
        _response(writer, "http://www.example.com/site.css", b"body{color:red}", "text/css")
    return path


def _pages_warc(path: Path, count: int, gzip: bool) -> bytes:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        for n in range(count):
            _response(writer, f"http://example.com/{n}.html", f"<p>第{n}篇</p>".encode())
    return path.read_bytes()


def _read_until_error(path: Path) -> tuple[list[SavedPage], FanwenError]:
    pages: list[SavedPage] = []
    with pytest.raises(FanwenError) as raised:
        for page in iter_saved_pages([path]):
            pages.append(page)
    return pages, raised.value


# Loose files and folders


def test_folder_is_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    root = tmp_path / "saved"
    for name in ["b/d/e.shtml", "b/c.HTM", "a.html", "f.txt", "b/z.html"]:
        _write(root / name, f"<p>{name}</p>")
    for skipped in [".hidden.html", ".git/x.html", "notes.md", "img/logo.png", "page.html.bak"]:
        _write(root / skipped, "<p>not a page</p>")
    _write(root / "empty.html", b"")
    _write(root / "blank.txt", b" \r\n\t")
    pages = list(iter_saved_pages([root]))
    assert [Path(page.source).relative_to(root).as_posix() for page in pages] == [
        "a.html",
        "b/c.HTM",
        "b/d/e.shtml",
        "b/z.html",
        "f.txt",
    ]


def test_loose_file_fields(tmp_path: Path) -> None:
    page_file = _write(tmp_path / "page.html", GBK_PAGE)
    stamp = datetime(2023, 7, 1, 8, 9, 10, tzinfo=UTC).timestamp()
    os.utime(page_file, (stamp, stamp))
    [page] = iter_saved_pages([page_file])
    assert page == SavedPage(
        url=page_file.resolve().as_uri(),
        body=GBK_PAGE,  # bytes untouched: decoding is a later stage's job
        content_type=None,
        fetched_at="2023-07-01T08:09:10+00:00",
        source=str(page_file),
    )


def test_paths_keep_their_order_and_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    first = _write(tmp_path / "z.html", "<p>z</p>")
    second = _write(tmp_path / "sub" / "a.html", "<p>a</p>")
    pages = list(iter_saved_pages([str(first), tmp_path / "sub", second, tmp_path]))
    assert [page.source for page in pages] == [str(first), str(second)]


def test_file_named_explicitly_is_read_whatever_its_extension(tmp_path: Path) -> None:
    saved = _write(tmp_path / "show.php?id=3", "<p>正文</p>")
    assert [page.body for page in iter_saved_pages([saved])] == ["<p>正文</p>".encode()]


def test_folder_with_nothing_importable_yields_nothing(tmp_path: Path) -> None:
    _write(tmp_path / "readme.md", "# notes")
    _write(tmp_path / "empty.html", b"")
    (tmp_path / "empty-folder").mkdir()
    assert list(iter_saved_pages([tmp_path])) == []


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope" / "page.html"
    with pytest.raises(FanwenError, match="no such file or folder") as raised:
        list(iter_saved_pages([missing]))
    assert str(missing) in str(raised.value)
    assert "\n" not in str(raised.value)


def test_unreadable_file_in_a_folder_is_an_error_after_earlier_pages(tmp_path: Path) -> None:
    _write(tmp_path / "a.html", "<p>a</p>")
    (tmp_path / "b.html").symlink_to(tmp_path / "deleted.html")  # dangling: cannot be read
    pages, error = _read_until_error(tmp_path)
    assert [Path(page.source).name for page in pages] == ["a.html"]
    assert str(tmp_path / "b.html") in str(error)
    assert "cannot read" in str(error)


# <link rel="canonical">


@pytest.mark.parametrize(
    "tag",
    [
        '<link rel="canonical" href="https://example.com/fanwen/1.html">',
        "<link href='https://example.com/fanwen/1.html' rel='canonical' />",
        "<LINK HREF=https://example.com/fanwen/1.html REL=Canonical>",
        '<link\n  type="text/html"\n  href = "https://example.com/fanwen/1.html"\n  rel="canonical"\n>',
        '<link rel="alternate" href="https://m.example.com/1.html"><link rel=canonical href=https://example.com/fanwen/1.html>',
        '<link data-x="rel=canonical" rel="canonical" href="https://example.com/fanwen/1.html">',
    ],
)
def test_canonical_link_in_any_attribute_order(tmp_path: Path, tag: str) -> None:
    page_file = _write(tmp_path / "page.html", f"<html><head>{tag}</head><body>x</body></html>")
    [page] = iter_saved_pages([page_file])
    assert page.url == "https://example.com/fanwen/1.html"


def test_canonical_link_is_resolved_against_the_page_url(tmp_path: Path) -> None:
    body = b'<head><link rel="canonical" href="../zongjie/2.html?id=1&amp;p=2"></head>'
    with (tmp_path / "crawl.warc").open("wb") as out:
        _response(WARCWriter(out, gzip=False), "http://www.example.com/fanwen/1.html", body)
    [page] = iter_saved_pages([tmp_path / "crawl.warc"])
    assert page.url == "http://www.example.com/zongjie/2.html?id=1&p=2"


@pytest.mark.parametrize(
    "head",
    [
        "",
        '<link rel="alternate" href="https://example.com/other.html">',
        '<link rel="canonical" href="">',
        '<link rel="canonical" href="https://example.com/">',  # a site's home page: misconfigured
        '<link rel="canonical" href="/relative.html">',  # relative to a file:// URI
        '<link rel="canonical" href="javascript:void(0)">',
        "<!-- " + "x" * 70_000 + ' --><link rel="canonical" href="https://example.com/late.html">',
    ],
)
def test_unusable_canonical_link_leaves_the_page_url(tmp_path: Path, head: str) -> None:
    page_file = _write(tmp_path / "page.html", f"<html><head>{head}</head></html>")
    [page] = iter_saved_pages([page_file])
    assert page.url == page_file.resolve().as_uri()


def test_canonical_link_in_a_gbk_page(tmp_path: Path) -> None:
    body = '<link rel="canonical" href="https://example.com/范文/1.html">'.encode("gbk") + GBK_PAGE
    [page] = iter_saved_pages([_write(tmp_path / "gbk.html", body)])
    assert page.url == "https://example.com/范文/1.html"
    assert page.body == body


# WARC archives


@pytest.mark.parametrize(("name", "gzip"), [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc_yields_only_ok_html_responses(tmp_path: Path, name: str, gzip: bool) -> None:
    warc = _mixed_warc(tmp_path / name, gzip)
    [page] = iter_saved_pages([warc])
    assert page.url == "http://www.example.com/a.html"
    assert page.body == GBK_PAGE
    assert page.content_type == "text/html; charset=gbk"
    assert page.fetched_at == "2024-03-05T06:07:08+00:00"
    assert page.source.startswith(f"{warc} (record at byte ")


def test_warc_record_offset_points_at_the_record(tmp_path: Path) -> None:
    warc = _mixed_warc(tmp_path / "crawl.warc", gzip=False)
    [page] = iter_saved_pages([warc])
    offset = int(page.source.rsplit(" ", 1)[1].rstrip(")"))
    assert warc.read_bytes()[offset:].startswith(b"WARC/1.")
    assert b"WARC-Type: response" in warc.read_bytes()[offset : offset + 200]


def test_warc_in_a_folder_walk(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    _mixed_warc(tmp_path / "a" / "crawl.warc.gz", gzip=True)
    _write(tmp_path / "b.html", "<p>b</p>")
    pages = list(iter_saved_pages([tmp_path]))
    assert [page.url for page in pages] == [
        "http://www.example.com/a.html",
        (tmp_path / "b.html").resolve().as_uri(),
    ]


def test_warc_date_falls_back_to_the_file_mtime(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc"
    with warc.open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            "http://example.com/1.html",
            "response",
            payload=io.BytesIO(b"<p>1</p>"),
            length=8,
            http_headers=headers,
        )
        record.rec_headers.replace_header("WARC-Date", "not a date")
        writer.write_record(record)
    stamp = datetime(2022, 1, 2, 3, 4, 5, tzinfo=UTC).timestamp()
    os.utime(warc, (stamp, stamp))
    [page] = iter_saved_pages([warc])
    assert page.fetched_at == "2022-01-02T03:04:05+00:00"


def test_empty_warc_is_skipped(tmp_path: Path) -> None:
    _write(tmp_path / "empty.warc.gz", b"")
    assert list(iter_saved_pages([tmp_path])) == []


@pytest.mark.parametrize("gzip", [False, True])
def test_truncated_warc_raises_after_earlier_pages(tmp_path: Path, gzip: bool) -> None:
    warc = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    whole = _pages_warc(warc, 3, gzip)
    warc.write_bytes(whole[: len(whole) - 60])  # cut inside the third record
    pages, error = _read_until_error(warc)
    assert [page.url for page in pages] == [
        "http://example.com/0.html",
        "http://example.com/1.html",
    ]
    assert str(warc) in str(error)
    assert "corrupt" in str(error)
    assert "\n" not in str(error)


@pytest.mark.parametrize("gzip", [False, True])
def test_garbage_in_a_warc_raises_after_earlier_pages(tmp_path: Path, gzip: bool) -> None:
    warc = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    _pages_warc(warc, 2, gzip)
    with warc.open("ab") as out:
        out.write(b"\x00\xffthis is not a WARC record\r\n\r\n")
    pages, error = _read_until_error(warc)
    assert len(pages) == 2
    assert str(warc) in str(error)


def test_wrong_content_length_is_corrupt(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc"
    whole = _pages_warc(warc, 2, gzip=False)
    first_length = whole.index(b"Content-Length: ") + len(b"Content-Length: ")
    length = int(whole[first_length:].split(b"\r\n", 1)[0])
    warc.write_bytes(
        whole.replace(b"Content-Length: %d" % length, b"Content-Length: %d" % (length - 7), 1)
    )
    pages, error = _read_until_error(warc)
    assert pages == []
    assert "at byte 0" in str(error)


@pytest.mark.parametrize(
    "body",
    [
        "<html><body>not an archive</body></html>",
        "five words that parse as ARC\n",  # warcio would take this for an ARC header
    ],
)
def test_other_file_named_warc_is_corrupt(tmp_path: Path, body: str) -> None:
    warc = _write(tmp_path / "page.warc", body)
    pages, error = _read_until_error(warc)
    assert pages == []
    assert str(warc) in str(error)


def test_whole_file_gzip_warc_names_the_fix(tmp_path: Path) -> None:
    plain = _pages_warc(tmp_path / "crawl.warc", 3, gzip=False)
    warc = _write(tmp_path / "whole.warc.gz", gzip.compress(plain))
    _, error = _read_until_error(warc)
    assert "warcio recompress" in str(error)


def test_arc_gz_response_is_read(tmp_path: Path) -> None:
    fields = b"1 0 test\nURL IP-address Archive-date Content-type Archive-length\n"
    header = b"filedesc://t.arc 0.0.0.0 20240101000000 text/plain %d\n" % len(fields)
    http = b"HTTP/1.0 200 OK\r\nContent-Type: text/html; charset=gbk\r\n\r\n" + GBK_PAGE
    record = b"http://m.example.com/a.html 1.2.3.4 20240102030405 text/html %d\n" % len(http)
    arc = _write(
        tmp_path / "old.arc.gz",
        gzip.compress(header + fields + b"\n") + gzip.compress(record + http + b"\n"),
    )
    [page] = iter_saved_pages([arc])
    assert page.url == "http://m.example.com/a.html"
    assert page.body == GBK_PAGE
    assert page.fetched_at == "2024-01-02T03:04:05+00:00"
