"""Runs as cron and a person at a terminal see them: one run per database, kill -9 then
--resume, Ctrl-C once and twice, a site whose layout changed. Real `fanwen crawl` processes
against sites served on loopback; each test ends every process it started."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from fanwen_crawler.sample_site.large import build_large_site
from fanwen_crawler.sample_site.server import SampleSiteServer
from fanwen_crawler.sample_site.site import Page, build_site
from tests.conftest import LOOPBACK, REPO, fanwen_command, run_fanwen


def _command(server: SampleSiteServer, db: Path, *extra: str) -> list[str]:
    start = ("--start-url", server.base_url + "/", "--db", str(db))
    return fanwen_command("crawl", "yiliu", *start, *LOOPBACK, *extra)


class Crawl:
    """A `fanwen crawl` in a session of its own (its children too), killed whole at the end."""

    def __init__(self, command: list[str]) -> None:
        self.process = subprocess.Popen(
            command,
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )

    def wait(self, timeout: float = 120) -> tuple[int, str, str]:
        out, err = self.process.communicate(timeout=timeout)
        return self.process.returncode, out, err

    def session_alive(self) -> bool:
        sid = self.process.pid
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[3]) == sid and fields[0] != "Z":  # the session id
                    return True
        return False

    def kill_session(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=30)
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


@pytest.fixture
def crawls() -> Iterator[list[Crawl]]:
    started: list[Crawl] = []
    yield started
    for crawl in started:
        crawl.kill_session()


def _wait_for(condition: Callable[[], bool], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def _stored(db: Path) -> tuple[set[str], set[tuple[str, str]]]:
    with sqlite3.connect(db) as conn:
        pages = {row[0] for row in conn.execute("SELECT url FROM pages")}
        essays = set(conn.execute("SELECT id, text FROM essays").fetchall())
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    return pages, essays


def _runs(db: Path) -> list[tuple[str, str | None]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT status, finish_reason FROM crawl_runs ORDER BY id").fetchall()


def test_second_crawl_on_a_busy_database_exits_at_once_with_one_line(
    tmp_path: Path, crawls: list[Crawl]
) -> None:
    server = SampleSiteServer(build_large_site(60), delay=0.02).start()
    try:
        db = tmp_path / "fanwen.db"
        crawls += [Crawl(_command(server, db)), Crawl(_command(server, db))]
        started = time.monotonic()
        first_done = None
        while first_done is None:
            first_done = next((c for c in crawls if c.process.poll() is not None), None)
            time.sleep(0.05)
        code, out, err = first_done.wait()
        assert time.monotonic() - started < 15
        assert code == 75, err
        assert "is in use by crawl of" in err and len(err.strip().splitlines()) == 1, err
        other = crawls[1 - crawls.index(first_done)]
        code, out, err = other.wait()
        assert code == 0, err
        with sqlite3.connect(db) as conn:
            assert conn.execute("SELECT count(DISTINCT page_url) FROM essays").fetchone()[0] == 60
    finally:
        server.stop()


def test_kill_9_at_several_points_then_resume_stores_what_one_run_stores(
    tmp_path: Path, crawls: list[Crawl]
) -> None:
    server = SampleSiteServer(build_large_site(300), delay=0.003).start()
    try:
        reference = tmp_path / "reference.db"
        crawls.append(Crawl(_command(server, reference)))
        assert crawls[-1].wait()[0] == 0
        expected = _stored(reference)
        assert len(expected[1]) >= 300

        db = tmp_path / "fanwen.db"
        for kill_after in (60, 150, 250):
            server.requests.clear()
            crawl = Crawl(_command(server, db, "--resume"))
            crawls.append(crawl)
            _kill_9_after(crawl, server, kill_after)
        final = Crawl(_command(server, db, "--resume"))
        crawls.append(final)
        code, out, err = final.wait()
        assert code == 0, err
        assert "Traceback" not in err
        assert _stored(db) == expected
        statuses = [status for status, _ in _runs(db)]
        assert statuses[-1] == "finished" and "killed" in statuses
    finally:
        server.stop()


def _kill_9_after(crawl: Crawl, server: SampleSiteServer, requests: int) -> None:
    """kill -9 of the crawl process alone, once the site has answered `requests` requests:
    its children (workers, writer, fork server) must notice and exit."""
    _wait_for(lambda: len(server.requests) >= requests or crawl.process.poll() is not None)
    crawl.process.kill()
    crawl.process.wait(timeout=30)
    _wait_for(lambda: not crawl.session_alive(), timeout=15)


def _interrupt(crawl: Crawl, server: SampleSiteServer, times: int) -> tuple[int, str, str]:
    _wait_for(lambda: len(server.requests) >= 20)
    for _ in range(times):
        os.killpg(crawl.process.pid, signal.SIGINT)  # Ctrl-C reaches the whole group
        time.sleep(0.3)
    result = crawl.wait(timeout=60)
    _wait_for(lambda: not crawl.session_alive(), timeout=15)
    return result


def test_ctrl_c_once_stops_gracefully_closes_the_run_and_resume_finishes(
    tmp_path: Path, crawls: list[Crawl]
) -> None:
    server = SampleSiteServer(build_large_site(150), delay=0.02).start()
    try:
        db = tmp_path / "fanwen.db"
        crawls.append(Crawl(_command(server, db)))
        code, out, err = _interrupt(crawls[-1], server, 1)
        assert code == 130, err
        assert "stopping after the pages in flight" in err
        assert "Traceback" not in err and "KeyboardInterrupt" not in err
        assert len(err.strip().splitlines()) <= 3, err
        assert _runs(db) == [("interrupted", "shutdown")]
        crawls.append(Crawl(_command(server, db, "--resume")))
        code, out, err = crawls[-1].wait()
        assert code == 0 and "resuming run 1" in err, err
        with sqlite3.connect(db) as conn:
            assert conn.execute("SELECT count(DISTINCT page_url) FROM essays").fetchone()[0] == 150
    finally:
        server.stop()


def test_ctrl_c_twice_stops_at_once_without_traceback(tmp_path: Path, crawls: list[Crawl]) -> None:
    server = SampleSiteServer(build_large_site(150), delay=0.02).start()
    try:
        db = tmp_path / "fanwen.db"
        crawls.append(Crawl(_command(server, db)))
        code, out, err = _interrupt(crawls[-1], server, 2)
        assert code == 130, err
        assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
        ((status, _),) = _runs(db)
        assert status == "interrupted"
        assert _stored(db)  # integrity_check ok
    finally:
        server.stop()


def test_layout_change_fails_the_run_naming_profile_and_selector(tmp_path: Path) -> None:
    site = build_site()
    for path, page in list(site.pages.items()):
        if page.status == 200 and b'class="content"' in page.body:
            body = page.body.replace(b'class="content"', b'class="article-body"')
            site.pages[path] = Page(200, body, page.content_type)
    server = SampleSiteServer(site).start()
    try:
        db = tmp_path / "fanwen.db"
        result = run_fanwen(*_command(server, db)[3:])
        assert result.returncode == 3, result.stderr
        assert "profile yiliu: body selector 'div.content'" in result.stderr
        assert "Traceback" not in result.stderr
        ((status, _),) = _runs(db)
        assert status == "failed"
        runs = run_fanwen("runs", "--db", str(db))
        assert "failed" in runs.stdout and "div.content" in runs.stdout
    finally:
        server.stop()


def test_max_pages_stops_the_run_as_finished(tmp_path: Path) -> None:
    server = SampleSiteServer(build_large_site(80)).start()
    try:
        db = tmp_path / "fanwen.db"
        result = run_fanwen(*_command(server, db, "--max-pages", "20", "--quiet")[3:])
        assert result.returncode == 0, result.stderr
        assert result.stdout == ""  # --quiet: nothing but errors
        ((status, reason),) = _runs(db)
        assert (status, reason) == ("finished", "closespider_pagecount")
        with sqlite3.connect(db) as conn:
            assert conn.execute("SELECT count(*) FROM pages").fetchone()[0] < 40
    finally:
        server.stop()


def test_progress_line_only_on_a_terminal(tmp_path: Path) -> None:
    import pty

    server = SampleSiteServer(build_large_site(40), delay=0.02).start()
    master, slave = pty.openpty()
    try:
        command = _command(server, tmp_path / "tty.db", "-s", "FANWEN_PROGRESS_INTERVAL=0.2")
        process = subprocess.Popen(
            command, cwd=REPO, stdout=subprocess.PIPE, stderr=slave, start_new_session=True
        )
        os.close(slave)
        seen = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the crawl closed its end
                break
            if not chunk:
                break
            seen += chunk
        assert process.wait(timeout=60) == 0
        assert process.stdout is not None
        process.stdout.close()
        assert b"pages/s" in seen and b"queue" in seen
        piped = run_fanwen(*_command(server, tmp_path / "cron.db")[3:])
        assert piped.returncode == 0 and "pages/s" not in piped.stderr
    finally:
        os.close(master)
        server.stop()
