"""Export (pipelines.store.export) and the analysts' views, on a real crawl of the sample
site (the session's `crawl` fixture)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from pipelines.errors import FanwenError
from pipelines.store import Store
from pipelines.store.export import COLUMNS, export_essays
from tests.conftest import Crawl, run_fanwen


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_distinct_essays_view_counts_each_cluster_once(crawl: Crawl) -> None:
    ((essays, canonical),) = _rows(
        crawl.db, "SELECT count(*), sum(duplicate_of IS NULL) FROM essays"
    )
    ((rows, copies),) = _rows(crawl.db, "SELECT count(*), sum(copies) FROM distinct_essays")
    assert rows == canonical and copies == essays and canonical < essays


def test_essay_copies_view_names_each_copys_canonical(crawl: Crawl) -> None:
    copies = _rows(crawl.db, "SELECT id, canonical_id, kind FROM essay_copies")
    assert len(copies) == _rows(crawl.db, "SELECT count(*) FROM duplicates")[0][0] > 0
    for essay, canonical, kind in copies:
        assert essay != canonical and kind in ("exact", "near", "contained")


def test_site_summary_view(crawl: Crawl) -> None:
    ((site, pages, essays, distinct, copies, truncated, last),) = _rows(
        crawl.db,
        "SELECT site, pages, essays, distinct_essays, copies, truncated_share, last_crawled "
        "FROM site_summary",
    )
    assert site == "yiliu" and pages >= essays - 2 and distinct + copies == essays
    assert 0 <= truncated <= 1 and str(last).startswith("20")


def _export(db: Path, format: str, **options: object) -> str:
    out = io.StringIO()
    store = Store(db)
    try:
        export_essays(store.db, out, format, **options)  # type: ignore[arg-type]
    finally:
        store.close()
    return out.getvalue()


def test_export_jsonl_and_csv_hold_every_essay(crawl: Crawl, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(crawl.db, db)
    essays = _rows(db, "SELECT count(*) FROM essays")[0][0]
    lines = _export(db, "jsonl").splitlines()
    first = json.loads(lines[0])
    assert len(lines) == essays and set(first) == set(COLUMNS)
    assert isinstance(first["keywords"], list) and first["text"]
    table = list(csv.reader(io.StringIO(_export(db, "csv"))))
    assert tuple(table[0]) == COLUMNS and len(table) == essays + 1
    distinct = _export(db, "jsonl", distinct=True).splitlines()
    assert len(distinct) == _rows(db, "SELECT count(*) FROM distinct_essays")[0][0]
    assert _export(db, "jsonl", since="2999-01-01") == ""
    assert _export(db, "jsonl", site="nowhere") == ""
    with pytest.raises(FanwenError, match="unknown export format"):
        _export(db, "xml")


def test_export_command_streams_to_a_file(crawl: Crawl, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(crawl.db, db)
    out = tmp_path / "essays.csv"
    result = run_fanwen("export", "--db", str(db), "--format", "csv", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("exported ")
    with out.open(encoding="utf-8", newline="") as stream:
        assert len(list(csv.reader(stream))) > 40
    bad = run_fanwen("export", "--db", str(db), "--since", "yesterday")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
