"""Serve the sample site over HTTP on 127.0.0.1 (a free port unless one is asked for)."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self
from urllib.parse import urlsplit

from fanwen_crawler.sample_site.site import SampleSite, build_site


class LoopbackServer:
    """A threaded HTTP server on 127.0.0.1 (a free port unless one is asked for) answering
    with the handler class a subclass makes; start() serves from a daemon thread."""

    server_class: type[ThreadingHTTPServer] = ThreadingHTTPServer

    def __init__(self, port: int = 0) -> None:
        self._lock = threading.Lock()
        self._httpd = self.server_class(("127.0.0.1", port), self._handler_class())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> Self:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=10)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        raise NotImplementedError


class SampleSiteServer(LoopbackServer):
    """Serves one SampleSite; records every path requested and the status it answered. Pages
    carry an ETag (of their bytes), and `If-None-Match` with the current one is answered
    304 Not Modified, as a production server does."""

    def __init__(self, site: SampleSite | None = None, port: int = 0, delay: float = 0.0) -> None:
        self.site = site or build_site()
        self.delay = delay  # seconds before each answer (a slower, more realistic server)
        self.requests: list[str] = []
        self.answers: list[tuple[str, int]] = []  # (path, status) of every response
        self._failed_once: set[str] = set()
        super().__init__(port)

    def _should_fail(self, path: str) -> bool:
        with self._lock:
            self.requests.append(path)
            if path in self.site.fail_once and path not in self._failed_once:
                self._failed_once.add(path)
                return True
            return False

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                path = urlsplit(self.path).path
                if server.delay:
                    time.sleep(server.delay)
                if server._should_fail(path):
                    self._send(503, b"busy, try again", "text/plain", {"Retry-After": "0"})
                    return
                page = server.site.pages.get(path)
                if page is None:
                    self._send(
                        404,
                        "<html><body>页面不存在</body></html>".encode(),
                        "text/html; charset=utf-8",
                    )
                elif page.location:
                    self._send(page.status, b"", "text/html", {"Location": page.location})
                elif page.status != 200:
                    self._send(page.status, page.body, page.content_type)
                else:
                    etag = '"' + hashlib.sha1(page.body).hexdigest()[:20] + '"'
                    if self.headers.get("If-None-Match") == etag:
                        self._send(304, b"", page.content_type, {"ETag": etag})
                    else:
                        self._send(200, page.body, page.content_type, {"ETag": etag})

            def _send(
                self,
                status: int,
                body: bytes,
                content_type: str,
                headers: dict[str, str] | None = None,
            ) -> None:
                with server._lock:
                    server.answers.append((urlsplit(self.path).path, status))
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass  # the request list is the log; stderr noise would drown test output

        return Handler


@contextmanager
def serve_sample_site(port: int = 0) -> Iterator[SampleSiteServer]:
    server = SampleSiteServer(port=port).start()
    try:
        yield server
    finally:
        server.stop()
