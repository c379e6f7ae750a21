"""Every SQL example in docs/schema.md runs against a real demo database (the sample site
crawled into SQLite) and returns rows; every table, view and column is described there."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import REPO, Crawl

DOC = REPO / "docs" / "schema.md"
EXAMPLES = re.findall(r"```sql\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)


@pytest.fixture(scope="module")
def demo_db(crawl: Crawl, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("schema-doc") / "fanwen.db"
    shutil.copy(crawl.db, db)
    return db


def test_the_doc_has_examples() -> None:
    assert len(EXAMPLES) >= 8


@pytest.mark.parametrize("sql", EXAMPLES, ids=[s.splitlines()[0][3:40] for s in EXAMPLES])
def test_sql_example_runs_and_finds_rows(demo_db: Path, sql: str) -> None:
    with sqlite3.connect(demo_db) as conn:
        rows = conn.execute(sql).fetchall()
    assert rows, sql


def test_every_table_view_and_column_is_described(demo_db: Path) -> None:
    text = DOC.read_text(encoding="utf-8")
    with sqlite3.connect(demo_db) as conn:
        for name in ("pages", "essays", "duplicates", "containments", "crawl_runs"):
            assert f"`{name}`" in text, name
            for column in conn.execute(f"PRAGMA table_info({name})"):
                assert f"`{column[1]}`" in text, f"{name}.{column[1]}"
        views = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='view'")]
        assert views and all(f"`{view}`" in text for view in views)
