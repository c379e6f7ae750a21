"""Polite retries: wait for Retry-After (or back off) before retrying, over a real server."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse
from scrapy.settings import Settings

from fanwen_crawler.middlewares import BackoffRetryMiddleware, retry_after_seconds
from tests.conftest import run_fanwen

ESSAY = "<p>" + "我们始终把学习放在首位，坚持每周集中学习一次，认真学习党的理论。" * 5 + "</p>"


@pytest.mark.parametrize(
    ("value", "seconds"),
    [("120", 120.0), (" 3 ", 3.0), ("Sun, 29 Nov 2026 06:00:30 GMT", 30.0), ("soon", None)],
)
def test_retry_after_seconds(value: str, seconds: float | None) -> None:
    now = datetime(2026, 11, 29, 6, 0, 0, tzinfo=UTC)
    assert retry_after_seconds(value, now) == seconds


def test_wait_prefers_retry_after_else_backs_off_and_is_capped() -> None:
    settings = Settings({"RETRY_ENABLED": True, "RETRY_BACKOFF_BASE": 2.0, "RETRY_MAX_WAIT": 60.0})
    middleware = BackoffRetryMiddleware(settings)
    plain = HtmlResponse("http://x/", status=503)
    asked = HtmlResponse("http://x/", status=429, headers={"Retry-After": "5"})
    greedy = HtmlResponse("http://x/", status=429, headers={"Retry-After": "86400"})
    assert [middleware.wait(plain, n) for n in (1, 2, 3)] == [2.0, 4.0, 8.0]
    assert middleware.wait(asked, 3) == 5.0 and middleware.wait(greedy, 1) == 60.0


def test_crawl_waits_for_retry_after_before_retrying(tmp_path: Path) -> None:
    hits: list[float] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            if self.path == "/robots.txt":
                self.send_response(404)
                self.end_headers()
                return
            hits.append(time.monotonic())
            first = len(hits) == 1
            self.send_response(429 if first else 200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            if first:
                self.send_header("Retry-After", "1")
            self.end_headers()
            self.wfile.write(f"<html><body>{ESSAY}</body></html>".encode())

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/a/1001.html"
        result = run_fanwen(
            "crawl",
            url,
            "--db",
            str(tmp_path / "f.db"),
            "-s",
            "DOWNLOAD_DELAY=0",
            "-s",
            "AUTOTHROTTLE_START_DELAY=0",
        )
        assert result.returncode == 0, result.stderr
        assert len(hits) == 2 and hits[1] - hits[0] >= 1.0
    finally:
        server.shutdown()
        server.server_close()


def _listening_inodes() -> set[str]:
    inodes: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A":  # TCP_LISTEN
                inodes.add(fields[9])
    return inodes


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = fd.readlink().name
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    return inodes


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc")
def test_crawler_opens_no_listening_port(tmp_path: Path) -> None:
    """Neither Telnet console nor remote-control endpoint: the crawl listens on nothing."""
    import subprocess
    import sys

    from tests.conftest import REPO

    class Slow(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            time.sleep(3)
            self.send_response(404)
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    crawl = subprocess.Popen(
        [sys.executable, "-m", "fanwen_crawler.cli", "crawl", url, "--db", str(tmp_path / "f.db")],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while not _socket_inodes(crawl.pid) and time.monotonic() < deadline:
            time.sleep(0.2)  # until the crawler is connected to the slow server
        time.sleep(0.5)
        sockets = _socket_inodes(crawl.pid)
        assert sockets, "the crawler never connected"
        assert not sockets & _listening_inodes()
    finally:
        crawl.kill()
        crawl.wait()
        server.shutdown()
        server.server_close()
