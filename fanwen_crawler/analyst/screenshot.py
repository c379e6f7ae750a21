"""A screenshot of a Chinese search in Datasette's essays table, taken by headless Chromium:
the picture in docs/datasette-search.png.

    python -m fanwen_crawler.analyst.screenshot [-o docs/datasette-search.png] [--db PATH]

Without --db it crawls the bundled sample site into a temporary database first (`fanwen demo`).
It runs `fanwen serve` on a free loopback port and stops it, and Chromium, before it returns.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from fanwen_crawler.analyst.serve import database_name

CHROMIUM = "/usr/bin/chromium"
OUTPUT = "docs/datasette-search.png"
QUERY = "申请书"
COLUMNS = ("title", "category", "keywords", "char_count", "duplicate_of")
WINDOW = (1280, 900)
START_SECONDS = 60.0
STOP_SECONDS = 10.0


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Served:
    base_url: str  # http://127.0.0.1:PORT/NAME: the database's page
    process: subprocess.Popen[bytes]
    stdout: str = ""  # what the server wrote, once it stopped
    stderr: str = ""


@contextlib.contextmanager
def serving(db: str | Path, port: int | None = None) -> Iterator[Served]:
    """`fanwen serve` on the database in a child process, once it answers HTTP; stopped with
    Ctrl-C's signal afterwards (killed if it does not stop). Its output goes to files (a pipe
    nobody reads could fill and block it), read into `stdout` / `stderr` when it has stopped."""
    port = port or free_port()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "fanwen_crawler.cli", "serve", "--db", str(db)]
            + ["--port", str(port)],
            stdout=out,
            stderr=err,
        )
        served = Served(f"http://127.0.0.1:{port}/{database_name(db)}", process)
        try:
            _wait_until_answering(f"http://127.0.0.1:{port}/-/versions.json", process)
            yield served
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
                try:
                    process.wait(STOP_SECONDS)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
            for stream, name in ((out, "stdout"), (err, "stderr")):
                stream.seek(0)
                setattr(served, name, stream.read().decode(errors="replace"))


def _wait_until_answering(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_SECONDS
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"fanwen serve exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"fanwen serve did not answer {url} within {START_SECONDS:.0f} s")
        time.sleep(0.2)


def search_url(base_url: str, query: str = QUERY) -> str:
    """The essays table searched for `query`: a few columns (the texts are long), short facets
    (the rows fit in the picture)."""
    args = [("_search", query), ("_facet_size", "4"), *(("_col", column) for column in COLUMNS)]
    return f"{base_url}/essays?{urllib.parse.urlencode(args)}"


def screenshot(url: str, output: Path, chromium: str = CHROMIUM) -> None:
    """Chromium's picture of the page at `url`, in `output`."""
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="fanwen-chromium-") as profile:
        command = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            f"--screenshot={output.resolve()}",
            f"--window-size={WINDOW[0]},{WINDOW[1]}",
            url,
        ]
        # Its own session: whatever helpers Chromium starts go with it (killpg below).
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
        )
        try:
            _, err = process.communicate(timeout=120)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    if process.returncode != 0 or not output.is_file():
        tail = err.decode(errors="replace").strip().splitlines()[-3:]
        raise RuntimeError(f"chromium failed ({process.returncode}): {' | '.join(tail)}")


def build_demo(directory: Path) -> Path:
    """The sample site crawled into `directory`/fanwen.db (`fanwen demo`)."""
    db = directory / "fanwen.db"
    subprocess.run(
        [sys.executable, "-m", "fanwen_crawler.cli", "demo", "--db", str(db)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return db


def take(output: Path, db: Path | None = None, chromium: str = CHROMIUM) -> Path:
    """Serve `db` (or a fresh demo database) and screenshot a search of its essays."""
    with tempfile.TemporaryDirectory(prefix="fanwen-screenshot-") as work:
        database = db or build_demo(Path(work))
        with serving(database) as served:
            screenshot(search_url(served.base_url), output, chromium)
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("-o", "--output", default=OUTPUT, help=f"PNG to write ({OUTPUT})")
    parser.add_argument("--db", help="database to serve (default: a fresh demo database)")
    parser.add_argument("--chromium", default=CHROMIUM, help=f"browser ({CHROMIUM})")
    args = parser.parse_args(argv)
    if not Path(args.chromium).exists():
        print(f"{args.chromium} not found: apt-get install chromium", file=sys.stderr)
        return 1
    try:
        path = take(Path(args.output), Path(args.db) if args.db else None, args.chromium)
    except (RuntimeError, subprocess.SubprocessError) as error:
        print(f"screenshot failed: {error}", file=sys.stderr)
        return 1
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
