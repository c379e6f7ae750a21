"""Shared fixtures: the seed page, the sample site on loopback, one crawl of it."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
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


def run_fanwen(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the `fanwen` command in a fresh interpreter, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "fanwen_crawler.cli", *args],
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
