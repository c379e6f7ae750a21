"""Shared fixtures: the seed page, the sample site on loopback, one crawl of it; and a check at
the session's end that no test left a process running."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing import forkserver, resource_tracker
from pathlib import Path

import pytest

from fanwen_crawler.sample_site import SampleSiteServer

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "seed" / "000_0b12952a5bb58dbc.txt"


@pytest.fixture
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip(f"seed page not present at {SEED} (only in the project workspace)")
    return SEED


def fanwen_command(*args: str) -> list[str]:
    """The `fanwen` command line with these arguments, run by this interpreter."""
    return [sys.executable, "-m", "fanwen_crawler.cli", *args]


def run_fanwen(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the `fanwen` command in a fresh interpreter, as a user would."""
    return subprocess.run(
        fanwen_command(*args),
        capture_output=True,
        text=True,
        cwd=cwd or REPO,
        timeout=300,
    )


LOOPBACK = (
    "-s",
    "DOWNLOAD_DELAY=0",
    "-s",
    "AUTOTHROTTLE_START_DELAY=0",
    "-s",
    "RETRY_BACKOFF_BASE=0",
)


@dataclass
class Crawl:
    server: SampleSiteServer
    db: Path
    result: subprocess.CompletedProcess[str]


@pytest.fixture(scope="session")
def sample_server() -> Iterator[SampleSiteServer]:
    server = SampleSiteServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawl]:
    """One crawl of the sample site with the yiliu spider, shared by the spider tests.

    The site gets a server of its own, so its request log holds only the crawler's requests.
    """
    db = tmp_path_factory.mktemp("crawl") / "fanwen.db"
    server = SampleSiteServer().start()
    try:
        result = run_fanwen(
            "crawl", "yiliu", "--start-url", server.base_url + "/", "--db", str(db), *LOOPBACK
        )
        assert result.returncode == 0, result.stderr
        yield Crawl(server, db, result)
    finally:
        server.stop()


# Every process the tests start carries this in its environment (it inherits it), so the end of
# the session finds any still running: a crawl's fork server, worker or writer, even after its
# parent died and the kernel handed it to init.
SESSION_MARK = "FANWEN_TEST_SESSION"
# How long the processes of a stopped crawl may take to go.
LEFTOVER_GRACE = 5.0
os.environ[SESSION_MARK] = str(os.getpid())  # before any test starts a process


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Fail the run if a test left a process running (reported, then killed), and stop this
    process's own fork server and resource tracker (started by tests that run a Writer here),
    so that nothing outlives pytest even for the seconds they take to notice it is gone."""
    if not Path("/proc/self/environ").exists():
        return  # not Linux: nothing to scan
    own = {forkserver._forkserver._forkserver_pid, resource_tracker._resource_tracker._pid}
    deadline = time.monotonic() + LEFTOVER_GRACE
    while (left := _session_processes(exclude=own)) and time.monotonic() < deadline:
        time.sleep(0.1)
    for pid, _ in left:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    with contextlib.suppress(OSError):  # already gone
        forkserver._forkserver._stop()
    with contextlib.suppress(OSError):
        resource_tracker._resource_tracker._stop()
    if left:
        lines = [f"  pid {pid}: {description}" for pid, description in left]
        message = "\n".join(
            ["tests left processes running (now killed):", *lines, "Stop what a test starts."]
        )
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write("\n")
            reporter.write_sep("!", "processes left running", red=True, bold=True)
            reporter.write_line(message, red=True)
        else:
            print(message, file=sys.stderr)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def _session_processes(exclude: set[int | None]) -> list[tuple[int, str]]:
    """The live processes started during this session (but this one and `exclude`), each with
    its command line and the test that was running when its first ancestor started."""
    mark = f"{SESSION_MARK}={os.getpid()}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) in exclude | {os.getpid()}:
            continue
        try:
            environ = (entry / "environ").read_bytes().split(b"\0")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # gone meanwhile, or another user's
            continue
        if mark not in environ or state == "Z":  # a zombie has exited; its parent reaps it
            continue
        test = next(
            (v.decode(errors="replace") for v in environ if v.startswith(b"PYTEST_CURRENT_TEST=")),
            "",
        )
        found.append((int(entry.name), f"{command[:150]} [{test.partition('=')[2] or '?'}]"))
    return found
