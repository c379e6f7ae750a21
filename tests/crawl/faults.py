"""A fault site on 127.0.0.1: a 一流范文网-style list page (the `yiliu` layout) linking normal
articles and one article per fault a real server or network produces: 500s, 429 with
Retry-After, connection resets, timeouts, truncated bodies, a gzip bomb, wrong Content-Types,
redirect loops, a 50 MB page, invalid GBK / UTF-8 bytes and HTML nested 10,000 deep.

Real HTTP over a socket, written by hand where http.server would not misbehave: each fault is a
`Fault` (path, what the server does, what the crawler should make of it). The server records
every request and how many body bytes each big answer got out before the client hung up.
`FaultSiteServer.stop()` wakes every stalled answer, so no thread outlives a test.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from fanwen_crawler.sample_site import render
from fanwen_crawler.sample_site.essays import SourceEssay, load_essays
from fanwen_crawler.sample_site.server import LoopbackServer

CATEGORY = ("范文", "/fanwen/")
LIST_PATH = "/fanwen/"
NAV = [("首页", "/"), CATEGORY]
MIB = 1024 * 1024
BIG_PAGE = 50 * MIB
BOMB_EXPANDS_TO = 4096 * MIB  # decompressed size of the gzip bomb
# How long a stalled answer waits at most (the crawler's DOWNLOAD_TIMEOUT is far shorter).
STALL = 30.0
RETRY_AFTER = 1  # seconds, in the 429 answers


@dataclass(frozen=True)
class Fault:
    name: str
    path: str
    does: str  # what the server does, for the README table
    outcome: str  # "stored": its essay is stored; "failure": in crawl_runs.failures;
    # "note": a pages row with a note; "dropped": not fetched twice, not an error
    expect: str = ""  # text the recorded error holds (failure / note)
    status: int = 0  # the failure's status (0: no HTTP answer)


NORMAL = ("/fanwen/2001.html", "/fanwen/2002.html", "/fanwen/2003.html", "/fanwen/2004.html")

FAULTS = (
    Fault("500", "/fanwen/3001.html", "answers 500 every time", "failure", "HTTP 500", 500),
    Fault(
        "500 then 200",
        "/fanwen/3002.html",
        "answers 500 twice, then the article",
        "stored",
    ),
    Fault(
        "429 + Retry-After, then 200",
        "/fanwen/3003.html",
        f"answers 429 with `Retry-After: {RETRY_AFTER}` once, then the article",
        "stored",
    ),
    Fault(
        "429 + Retry-After, always",
        "/fanwen/3004.html",
        f"answers 429 with `Retry-After: {RETRY_AFTER}` every time",
        "failure",
        "HTTP 429",
        429,
    ),
    Fault(
        "connection reset",
        "/fanwen/3005.html",
        "reads the request, then resets the connection (RST)",
        "failure",
        "Connection",
    ),
    Fault(
        "timeout (no answer)",
        "/fanwen/3006.html",
        "reads the request and never answers",
        "failure",
        "Timeout",
    ),
    Fault(
        "timeout (stalled body)",
        "/fanwen/3007.html",
        "sends the headers and 1 KB of the body, then stalls",
        "failure",
        "Timeout",
    ),
    Fault(
        "truncated body",
        "/fanwen/3008.html",
        "declares a Content-Length 4x the body, sends part of it, closes",
        "failure",
        "DataLoss",
    ),
    Fault(
        "gzip bomb",
        "/fanwen/3009.html",
        "`Content-Encoding: gzip`, 4 MB expanding to 4 GiB",
        "failure",
        "DOWNLOAD_MAXSIZE",
    ),
    Fault(
        "50 MB page, declared",
        "/fanwen/3010.html",
        "a 50 MB page with its Content-Length",
        "failure",
        "max size",
    ),
    Fault(
        "50 MB page, undeclared",
        "/fanwen/3011.html",
        "a 50 MB page with no Content-Length (ends when the connection closes)",
        "failure",
        "max size",
    ),
    Fault(
        "HTML as application/octet-stream",
        "/fanwen/3012.html",
        "an article page served as `application/octet-stream`",
        "stored",
    ),
    Fault(
        "HTML as image/png",
        "/fanwen/3013.html",
        "an article page served as `image/png`",
        "stored",
    ),
    Fault(
        "PDF as text/html",
        "/fanwen/3014.html",
        "a PDF served as `text/html; charset=utf-8`",
        "note",
        "a PDF file",
    ),
    Fault(
        "redirect loop",
        "/fanwen/3015.html",
        "302 to /fanwen/3016.html, which 302s back",
        "failure",
        "redirect",
    ),
    Fault(
        "endless redirects",
        "/fanwen/3017.html",
        "302 to ?hop=1, which 302s to ?hop=2, and so on",
        "failure",
        "max redirections",
    ),
    Fault(
        "invalid GBK bytes",
        "/fanwen/3018.html",
        "a GBK article (declared in <meta>) with bytes no GBK decoder accepts",
        "stored",
    ),
    Fault(
        "invalid UTF-8 bytes",
        "/fanwen/3019.html",
        "a UTF-8 article with stray, overlong and cut-off UTF-8 sequences",
        "stored",
    ),
    Fault(
        "HTML nested 10,000 deep",
        "/fanwen/3020.html",
        "an article whose text sits inside 10,000 nested <div>s",
        "stored",
    ),
)
BY_PATH = {fault.path: fault for fault in FAULTS}
LOOP_BACK = "/fanwen/3016.html"  # the redirect loop's second URL


def _article_html(essay: SourceEssay, title: str, charset: str = "utf-8", **extra: Any) -> str:
    lines = [
        f"{title} 本文关键词:{','.join(essay.keywords)}",
        f"{title} 本文内容:",
        *essay.paragraphs,
    ]
    return render.article_page(
        title=title,
        category=CATEGORY,
        date=essay.date,
        content_lines=extra.pop("content_lines", lines),
        nav=NAV,
        tags=essay.keywords,
        charset=charset,
        **extra,
    )


def _deep_html(essay: SourceEssay, title: str, depth: int = 10_000) -> str:
    prose = "".join(f"<p>{p}</p>" for p in essay.paragraphs)
    nested = "<div>" * depth + prose + "</div>" * depth
    lines = [f"{title} 本文关键词:{','.join(essay.keywords)}", f"{title} 本文内容:", nested]
    return _article_html(essay, title, content_lines=lines, line_html=True)


def _spoil_gbk(body: bytes) -> bytes:
    """GBK bytes with sequences no decoder accepts: 0x80, 0xFF, a lead byte before 0x7F."""
    out, spoiled = bytearray(), 0
    for index, line in enumerate(body.split(b"</p>")):
        out += line
        if index % 2 and b"\xa3\xac" in line:  # after a full-width comma
            out += (b"\x80", b"\xff", b"\x81\x7f")[spoiled % 3]
            spoiled += 1
        out += b"</p>"
    return bytes(out[: -len(b"</p>")])


def _spoil_utf8(body: bytes) -> bytes:
    """UTF-8 bytes with a stray continuation byte, an overlong slash, a lone surrogate, 0xFF
    and a sequence cut short."""
    bad = (b"\x80", b"\xc0\xaf", b"\xed\xa0\x80", b"\xff\xfe", b"\xe4\xb8")
    parts = body.split("。".encode())
    return b"".join(
        part + ("。".encode() if i + 1 < len(parts) else b"") + (bad[i % 5] if i % 3 == 1 else b"")
        for i, part in enumerate(parts)
    )


def _pdf() -> bytes:
    """A one-page PDF as word processors write them: an uncompressed XMP metadata packet
    (with its customary padding) first, so the first 8 KB are all text, then the page's
    deflated (binary) content stream."""
    text = "".join(f"({i} 我们始终把学习放在首位) Tj T* " for i in range(400)).encode()
    stream = zlib.compress(b"BT /F1 12 Tf 72 720 Td " + text + b" ET", 6)
    xmp = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:pdf="http://ns.adobe.com/pdf/1.3/">\n'
        '<dc:title><rdf:Alt><rdf:li xml:lang="x-default">个人工作总结范文</rdf:li></rdf:Alt>'
        "</dc:title>\n<pdf:Producer>Microsoft Word 2016</pdf:Producer>\n"
        "</rdf:Description></rdf:RDF></x:xmpmeta>\n"
        + (" " * 99 + "\n") * 90
        + '<?xpacket end="w"?>'
    ).encode()
    objects = [
        b"<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n" % len(xmp)
        + xmp
        + b"\nendstream",
        b"<< /Type /Catalog /Pages 3 0 R /Metadata 1 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 612 792] /Contents 5 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 2 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


class GzipBomb:
    """A gzip member of BOMB_EXPANDS_TO zero bytes, a few MB long, built once on first use.

    One MiB of zeros deflated and fully flushed is a block that stands alone (a full flush
    resets the window), so the member is that block repeated, a final empty block, and the
    trailer (CRC-32 and length of the whole)."""

    _lock = threading.Lock()
    _body: bytes | None = None

    @classmethod
    def body(cls) -> bytes:
        with cls._lock:
            if cls._body is None:
                squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
                zeros = bytes(MIB)
                block = squeeze.compress(zeros) + squeeze.flush(zlib.Z_FULL_FLUSH)
                end = squeeze.flush(zlib.Z_FINISH)
                count = BOMB_EXPANDS_TO // MIB
                crc = 0
                for _ in range(count):
                    crc = zlib.crc32(zeros, crc)
                header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
                trailer = struct.pack("<II", crc, BOMB_EXPANDS_TO & 0xFFFFFFFF)
                cls._body = header + block * count + end + trailer
            return cls._body


class FaultSite:
    """The pages (bytes) the fault server answers with, built from the sample essays."""

    def __init__(self) -> None:
        essays = [e for folder in load_essays().values() for e in folder]
        self.essays: dict[str, SourceEssay] = {}
        self.titles: dict[str, str] = {}
        paths = [*NORMAL, *(f.path for f in FAULTS)]
        for number, path in enumerate(paths):
            essay = essays[number % len(essays)]
            self.essays[path] = essay
            self.titles[path] = f"{essay.title}（{path.rsplit('/', 1)[1].split('.')[0]}号）"
        links = [(self.titles[path], path) for path in paths]
        self.list_page = render.list_page(
            category=CATEGORY, articles=links, pager=[("1", LIST_PATH)], nav=NAV
        ).encode()
        self.home = render.home_page(sections=[(CATEGORY, links[:4])], nav=NAV).encode()

    def article(self, path: str) -> bytes:
        return _article_html(self.essays[path], self.titles[path]).encode()

    def gbk_article(self, path: str) -> bytes:
        tag = '<meta http-equiv="Content-Type" content="text/html; charset=gbk">'
        html = _article_html(self.essays[path], self.titles[path], "gbk", charset_tag=tag)
        return _spoil_gbk(html.encode("gbk", errors="xmlcharrefreplace"))

    def deep_article(self, path: str) -> bytes:
        return _deep_html(self.essays[path], self.titles[path]).encode()

    def big_page(self) -> Callable[[int], bytes]:
        """The 50 MB page, made chunk by chunk: a head, then paragraphs of prose."""
        head = b"<!DOCTYPE html><html><head><meta charset='utf-8'><title>big</title></head><body>"
        prose = ("<p>" + "我们始终把学习放在首位，认真学习党的理论。" * 40 + "</p>\n").encode()

        def chunk(offset: int) -> bytes:
            return head if offset == 0 else prose

        return chunk


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client hanging up on a fault is the point, not news


class FaultSiteServer(LoopbackServer):
    """Serves FaultSite on 127.0.0.1 (a free port). `requests` lists (path, monotonic time) of
    every request; `sent` the body bytes that got out for each streamed answer."""

    server_class = _QuietServer

    def __init__(self) -> None:
        self.site = FaultSite()
        self.requests: list[tuple[str, float]] = []
        self.sent: dict[str, int] = {}
        self.stopping = threading.Event()
        super().__init__()

    def stop(self) -> None:
        self.stopping.set()  # streamed answers end instead of holding shutdown up
        super().stop()

    def hits(self, path: str) -> list[float]:
        with self._lock:
            return [when for requested, when in self.requests if requested == path]

    def _seen(self, path: str) -> int:
        with self._lock:
            self.requests.append((path, time.monotonic()))
            return sum(1 for requested, _ in self.requests if requested == path)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self
        site = self.site

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                split = urlsplit(self.path)
                path = split.path
                count = server._seen(path if not split.query else f"{path}?{split.query}")
                if path == "/robots.txt":
                    self._send(200, b"User-agent: *\nDisallow:\n", "text/plain")
                elif path == "/":
                    self._send(200, site.home)
                elif path == LIST_PATH:
                    self._send(200, site.list_page)
                elif path in NORMAL:
                    self._send(200, site.article(path))
                elif path in BY_PATH or path == LOOP_BACK:
                    self._fault(path, count, parse_qs(split.query))
                else:
                    self._send(404, "<html><body>页面不存在</body></html>".encode())

            def _fault(self, path: str, count: int, query: dict[str, list[str]]) -> None:
                article = path if path != LOOP_BACK else "/fanwen/3015.html"
                name = BY_PATH[article].name
                if name == "500":
                    self._send(500, b"<html><body>Internal Server Error</body></html>")
                elif name == "500 then 200":
                    if count <= 2:
                        self._send(500, b"<html><body>Internal Server Error</body></html>")
                    else:
                        self._send(200, site.article(path))
                elif name.startswith("429"):
                    if count > 1 and name.endswith("then 200"):
                        self._send(200, site.article(path))
                    else:
                        headers = {"Retry-After": str(RETRY_AFTER)}
                        self._send(429, b"<html><body>Too Many Requests</body></html>", **headers)
                elif name == "connection reset":
                    self.connection.setsockopt(
                        socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                    )
                    self.connection.close()
                    self.close_connection = True
                elif name == "timeout (no answer)":
                    server.stopping.wait(STALL)
                    self.close_connection = True
                elif name == "timeout (stalled body)":
                    body = site.article(path)
                    self._head(200, len(body))
                    self._write(path, body[:1024])
                    server.stopping.wait(STALL)
                    self.close_connection = True
                elif name == "truncated body":
                    body = site.article(path)
                    self._head(200, 4 * len(body))
                    self._write(path, body)
                    self.close_connection = True
                elif name == "gzip bomb":
                    bomb = GzipBomb.body()
                    self._head(200, len(bomb), {"Content-Encoding": "gzip"})
                    self._write(path, bomb)
                elif name.startswith("50 MB page"):
                    declared = name.endswith(", declared")
                    self._head(200, BIG_PAGE if declared else None)
                    self._stream(path, site.big_page(), BIG_PAGE)
                    self.close_connection = True
                elif name == "HTML as application/octet-stream":
                    self._send(200, site.article(path), "application/octet-stream")
                elif name == "HTML as image/png":
                    self._send(200, site.article(path), "image/png")
                elif name == "PDF as text/html":
                    self._send(200, _pdf(), "text/html; charset=utf-8")
                elif name == "redirect loop":
                    self._redirect(LOOP_BACK if path != LOOP_BACK else article)
                elif name == "endless redirects":
                    hop = int(query.get("hop", ["0"])[0]) + 1
                    self._redirect(f"{path}?hop={hop}")
                elif name == "invalid GBK bytes":
                    self._send(200, site.gbk_article(path), "text/html")
                elif name == "invalid UTF-8 bytes":
                    self._send(200, _spoil_utf8(site.article(path)))
                elif name == "HTML nested 10,000 deep":
                    self._send(200, site.deep_article(path))
                else:  # pragma: no cover - every fault has its branch
                    raise AssertionError(name)

            def _redirect(self, location: str) -> None:
                self._send(302, b"", Location=location)

            def _head(
                self,
                status: int,
                length: int | None,
                headers: dict[str, str] | None = None,
                content_type: str = "text/html; charset=utf-8",
            ) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                if length is not None:
                    self.send_header("Content-Length", str(length))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()

            def _send(
                self,
                status: int,
                body: bytes,
                content_type: str = "text/html; charset=utf-8",
                **headers: str,
            ) -> None:
                self._head(status, len(body), headers, content_type)
                self._write(self.path, body)

            def _write(self, path: str, data: bytes) -> bool:
                try:
                    self.wfile.write(data)
                except OSError:  # the client hung up
                    self.close_connection = True
                    return False
                with server._lock:
                    server.sent[path] = server.sent.get(path, 0) + len(data)
                return True

            def _stream(self, path: str, chunk: Callable[[int], bytes], total: int) -> None:
                offset = 0
                while offset < total and not server.stopping.is_set():
                    data = chunk(offset)[: total - offset]
                    if not self._write(path, data):
                        return
                    offset += len(data)

            def log_message(self, format: str, *args: object) -> None:
                pass  # the request list is the log

        return Handler
