"""The processes of a crawl end with it (issue 12): a Ctrl-C or a `kill` sent to the whole
process group stops the crawl process, which then shuts down its workers and its writer, without
a traceback from any of them; and a crawl process killed outright (`kill -9`) takes its fork
server, workers, writer and resource tracker with it, leaving its database sound.

Each crawl runs in a session of its own, so that the test can find every process it started (by
session id, in /proc) and send a signal to them all, as a terminal does."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import pytest

from fanwen_crawler.sample_site.server import SampleSiteServer
from fanwen_crawler.sample_site.site import build_site
from tests.conftest import LOOPBACK, REPO

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/stat").exists() or sys.platform != "linux", reason="needs Linux /proc"
)

# Each answer this late: the crawl of the sample site takes tens of seconds, so it is still
# fetching when the test stops it.
ANSWER_DELAY = 0.5
# How long the processes of a crawl may take to end once it is stopped or killed.
END_WITHIN = 5.0


@dataclass(frozen=True)
class Proc:
    pid: int
    ppid: int
    command: str


@dataclass
class RunningCrawl:
    process: subprocess.Popen[bytes]
    db: Path
    stderr: Path
    site: SampleSiteServer

    def processes(self) -> list[Proc]:
        """The live processes of the crawl's session (a zombie has exited: not counted)."""
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                text = stat.read_text()
                command = (stat.parent / "cmdline").read_bytes()
            except OSError:  # gone meanwhile
                continue
            state, ppid, _, session = text.rsplit(")", 1)[1].split()[:4]
            if int(session) == self.process.pid and state != "Z":
                command_line = command.replace(b"\0", b" ").decode(errors="replace")
                found.append(Proc(int(stat.parent.name), int(ppid), command_line[:120]))
        return found

    def wait_until_crawling(self) -> None:
        """Until the writer and a cleaning worker run (forked by the fork server, so not
        children of the crawl process): the crawl has stored pages and goes on fetching."""
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            forked = [p for p in self.processes() if p.ppid not in (1, self.process.pid)]
            if len(forked) >= 2 and len(self.site.requests) >= 3:
                return
            assert self.process.poll() is None, self.stderr.read_text()
            time.sleep(0.1)
        pytest.fail(f"the crawl did not get going: {self.processes()}")

    def wait_until_all_ended(self) -> list[Proc]:
        """The session's processes still alive after END_WITHIN seconds (none, we hope)."""
        deadline = time.monotonic() + END_WITHIN
        while (left := self.processes()) and time.monotonic() < deadline:
            time.sleep(0.1)
        return left


@contextmanager
def crawl_of_slow_site(tmp_path: Path, delay: float = ANSWER_DELAY) -> Iterator[RunningCrawl]:
    """`fanwen crawl` of the slow site in a session of its own; whatever of the session is left
    at the end is killed."""
    site = SampleSiteServer(delay=delay).start()  # every answer late
    db, stderr = tmp_path / "fanwen.db", tmp_path / "stderr.txt"
    command = [sys.executable, "-m", "fanwen_crawler.cli", "crawl", "yiliu"]
    command += ["--start-url", site.base_url + "/", "--db", str(db), *LOOPBACK]
    # Two requests in the downloader at a time (Scrapy queues 16 there): a graceful stop, which
    # lets them finish, then takes a second, not eight.
    command += ["-s", "CONCURRENT_REQUESTS=2"]
    with stderr.open("wb") as stderr_file:
        process = subprocess.Popen(
            command,
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=stderr_file,
            start_new_session=True,
        )
    try:
        yield RunningCrawl(process, db, stderr, site)
    finally:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        site.stop()


def _integrity(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def test_killed_crawl_leaves_no_process_and_a_sound_database(tmp_path: Path) -> None:
    with crawl_of_slow_site(tmp_path) as crawl:
        crawl.wait_until_crawling()
        os.kill(crawl.process.pid, signal.SIGKILL)
        crawl.process.wait()
        left = crawl.wait_until_all_ended()
        assert not left, f"alive {END_WITHIN} s after the crawl process was killed: {left}"
        assert len(crawl.site.requests) < len(build_site().pages)  # it was killed mid-crawl
        assert _integrity(crawl.db) == "ok"


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_signal_to_the_process_group_stops_the_crawl_quietly(
    tmp_path: Path, signum: signal.Signals
) -> None:
    """As a Ctrl-C in a terminal (or a `kill` of the group) does: every process of the crawl
    gets the signal; only the crawl process acts on it."""
    with crawl_of_slow_site(tmp_path) as crawl:
        crawl.wait_until_crawling()
        os.killpg(crawl.process.pid, signum)
        crawl.process.wait(timeout=15)  # in-flight requests finish first
        left = crawl.wait_until_all_ended()
        assert not left, f"alive {END_WITHIN} s after the crawl process ended: {left}"
        stderr = crawl.stderr.read_text(errors="replace")
        for sign_of_a_child_dying in ("Traceback", "KeyboardInterrupt", "worker died"):
            assert sign_of_a_child_dying not in stderr, stderr
        assert _integrity(crawl.db) == "ok"


def test_a_crawl_that_ends_leaves_no_process_when_it_returns(tmp_path: Path) -> None:
    """The fork server and the resource tracker are stopped and waited for before the command
    returns, not left to notice a moment later that the crawl process is gone."""
    with crawl_of_slow_site(tmp_path, delay=0.0) as crawl:
        assert crawl.process.wait(timeout=120) == 0, crawl.stderr.read_text(errors="replace")
        assert crawl.processes() == []
