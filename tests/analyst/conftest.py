"""A real demo database (the bundled sample site crawled by `fanwen demo`) and Datasette on it,
with fanwen's metadata and plugin, shared by the analyst tests."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_fanwen

pytest.importorskip("datasette", reason="the analyst extra is not installed")


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("analyst") / "fanwen.db"
    result = run_fanwen("demo", "--db", str(db))
    assert result.returncode == 0, result.stderr
    return db


@pytest.fixture(scope="session")
def datasette(demo_db: Path) -> Any:
    from fanwen_crawler.analyst.serve import make_datasette

    return make_datasette(demo_db)


class Client:
    """Datasette's own test client, called from synchronous tests."""

    def __init__(self, ds: Any) -> None:
        self.ds = ds

    def get(self, path: str, **params: str) -> Any:
        return asyncio.run(self.ds.client.get(path, params=params or None))

    def json(self, path: str, **params: str) -> Any:
        response = self.get(path, **params)
        assert response.status_code == 200, response.text[:500]
        return response.json()

    def rows(self, path: str, **params: str) -> list[dict[str, Any]]:
        """The rows of a table, view or query page, as a list of objects."""
        rows: list[dict[str, Any]] = self.json(path, _shape="array", **params)
        return rows


@pytest.fixture(scope="session")
def client(datasette: Any) -> Client:
    return Client(datasette)


@pytest.fixture
def sql(demo_db: Path) -> Iterator[sqlite3.Connection]:
    """A plain read-only connection to the demo database, to compare with."""
    connection = sqlite3.connect(f"file:{demo_db}?mode=ro", uri=True)
    try:
        yield connection
    finally:
        connection.close()
