"""What Datasette shows of a fanwen database: tables and views described column by column,
internal tables hidden, facets on essays, and every canned query running on a real crawl."""

from __future__ import annotations

import json
import sqlite3

import pytest

from fanwen_crawler.analyst.metadata import QUERIES, build_metadata
from tests.analyst.conftest import Client

TABLES = {"pages", "essays", "duplicates", "containments", "crawl_runs"}
VIEWS = {"distinct_essays", "essay_copies", "site_summary"}
INTERNAL = {"dedup_essays", "exact_hashes", "dedup_keys", "site_lines", "line_texts", "essays_fts"}


def test_views_are_listed(client: Client) -> None:
    database = client.json("/fanwen.json")
    assert {view["name"] for view in database["views"]} == VIEWS
    for view in VIEWS:
        assert client.get(f"/fanwen/{view}.json").status_code == 200


def test_internal_tables_are_hidden(client: Client) -> None:
    tables = client.json("/fanwen.json")["tables"]
    visible = {table["name"] for table in tables if not table["hidden"]}
    hidden = {table["name"] for table in tables if table["hidden"]}
    assert visible == TABLES
    assert hidden >= INTERNAL | {"essays_fts_data", "essays_fts_idx"}


@pytest.mark.parametrize("name", sorted(TABLES | VIEWS))
def test_every_column_is_described(sql: sqlite3.Connection, name: str) -> None:
    """In step with the schema: a column added to a table or view needs its description."""
    tables = build_metadata("fanwen")["databases"]["fanwen"]["tables"]
    columns = {row[1] for row in sql.execute(f"PRAGMA table_info({name})")}
    assert tables[name]["description"]
    assert set(tables[name]["columns"]) == columns
    assert all(tables[name]["columns"].values())


def test_table_page_shows_descriptions(client: Client) -> None:
    html = client.get("/fanwen/essays").text
    assert "One row per essay" in html and "The canonical copy (essays.id)" in html


def test_essays_facets(client: Client, sql: sqlite3.Connection) -> None:
    facets = client.json("/fanwen/essays.json", _search="申请书")["facet_results"]
    assert set(facets) == {"site", "category", "keywords", "flags"}
    assert facets["keywords"]["type"] == "array" and facets["flags"]["type"] == "array"
    # A keyword facet counts essays whose keywords array holds that keyword.
    keyword, count = (
        facets["keywords"]["results"][0]["value"],
        facets["keywords"]["results"][0]["count"],
    )
    assert keyword == "申请书"
    assert (
        count
        == sql.execute(
            "SELECT count(*) FROM essays, json_each(essays.keywords) k WHERE k.value = ? "
            "AND essays.id IN (SELECT id FROM essays WHERE instr(title || char(10) || text, ?))",
            [keyword, "申请书"],
        ).fetchone()[0]
    )


def test_array_facet_filter_works(client: Client) -> None:
    rows = client.rows("/fanwen/essays.json", keywords__arraycontains="申请书", _col="keywords")
    assert rows and all("申请书" in json.loads(row["keywords"]) for row in rows)


# Each canned query with sample parameters.
SAMPLE_PARAMS = {"essays_containing": {"phrase": "学习心得"}, "run_added": {"run_id": "1"}}


def test_every_canned_query_is_listed(client: Client) -> None:
    listed = {query["name"] for query in client.json("/fanwen.json")["queries"]}
    assert listed == set(QUERIES)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_canned_query_runs(client: Client, name: str) -> None:
    rows = client.rows(f"/fanwen/{name}.json", **SAMPLE_PARAMS.get(name, {}))
    assert rows, name
    assert client.get(f"/fanwen/{name}", **SAMPLE_PARAMS.get(name, {})).status_code == 200


def test_distinct_per_site_category(client: Client, sql: sqlite3.Connection) -> None:
    rows = client.rows("/fanwen/distinct_per_site_category.json")
    assert (
        sum(row["essays"] for row in rows)
        == sql.execute("SELECT count(*) FROM essays").fetchone()[0]
    )
    assert (
        sum(row["distinct_essays"] for row in rows)
        == sql.execute("SELECT count(*) FROM distinct_essays").fetchone()[0]
    )


def test_most_copied(client: Client, sql: sqlite3.Connection) -> None:
    rows = client.rows("/fanwen/most_copied.json")
    assert (
        sum(row["copies"] for row in rows)
        == sql.execute("SELECT count(*) FROM duplicates").fetchone()[0]
    )
    assert all(row["copies"] == row["exact"] + row["near"] + row["contained"] for row in rows)


@pytest.mark.parametrize("phrase", ["学习心得", "，我", "爱", "2019"])
def test_essays_containing_any_text(client: Client, sql: sqlite3.Connection, phrase: str) -> None:
    rows = client.rows("/fanwen/essays_containing.json", phrase=phrase)
    expected = sql.execute(
        "SELECT id FROM essays WHERE instr(title, ?) OR instr(text, ?)", [phrase, phrase]
    ).fetchall()
    assert rows and {row["id"] for row in rows} == {row[0] for row in expected}
    assert all(phrase in row["context"] for row in rows if row["context"] is not None)


def test_essays_containing_nothing_typed_lists_nothing(client: Client) -> None:
    assert client.rows("/fanwen/essays_containing.json", phrase="") == []


def test_run_added(client: Client, sql: sqlite3.Connection) -> None:
    # The demo is the database's only run: it added every essay.
    rows = client.rows("/fanwen/run_added.json", run_id="1")
    assert {row["id"] for row in rows} == {row[0] for row in sql.execute("SELECT id FROM essays")}
    assert client.rows("/fanwen/run_added.json", run_id="999") == []
    assert client.rows("/fanwen/run_added.json", run_id="not a number") == []


def test_boilerplate_removed(client: Client, sql: sqlite3.Connection) -> None:
    rows = client.rows("/fanwen/boilerplate_removed.json")
    removed = sql.execute("SELECT sum(json_array_length(removed)) FROM pages").fetchone()[0]
    assert removed and sum(row["lines"] for row in rows) == removed
    assert all(row["reason"] and row["example"] for row in rows)
    assert len({(row["site"], row["reason"]) for row in rows}) == len(rows)
