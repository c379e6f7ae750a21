"""The Datasette plugin of `fanwen serve`: the essays table's search box segments the query with
jieba, as the index was (see query.py for what it makes of a query).

Two hooks, acting only on a database whose metadata gives `essays` the fanwen index
(`fts_table: essays_fts`, metadata.py):

- `prepare_connection` replaces Datasette's SQL function `escape_fts`, which the table's search
  clause calls on the query, with `fts_expression`. It is marked `trylast` so that it runs after
  Datasette's own `datasette.sql_functions` hook, which registers the original function on every
  connection (pluggy calls later-registered hooks first otherwise).
- `filters_from_request` adds the conditions the index cannot answer (a phrase as typed, NOT
  words) to the table's where clause, and a note when nothing in the query is indexed.

Registered by `register()` (serve.py, tests): no setuptools entry point, so other Datasette
instances in the same environment never load it.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import pluggy

from fanwen_crawler.analyst.metadata import FTS_TABLE
from fanwen_crawler.analyst.query import MATCH_NOTHING, extra_conditions, fts_expression

NAME = "fanwen"
hookimpl = pluggy.HookimplMarker("datasette")  # what datasette.hookimpl is


def _is_fanwen(datasette: Any, database: str) -> bool:
    try:
        metadata = datasette.table_metadata(database, "essays")
    except Exception:  # a database Datasette does not know (its own internal one)
        return False
    return bool(metadata.get("fts_table") == FTS_TABLE)


def escape_fts(query: Any) -> str:
    """Datasette's `escape_fts(:search)`, fanwen's way."""
    return fts_expression(query) if isinstance(query, str) else MATCH_NOTHING


@hookimpl(trylast=True)
def prepare_connection(conn: sqlite3.Connection, database: str, datasette: Any) -> None:
    if _is_fanwen(datasette, database):
        conn.create_function("escape_fts", 1, escape_fts, deterministic=True)


def _raw_mode(request: Any, table_metadata: dict[str, Any]) -> bool:
    """Whether Datasette passes the query to FTS5 as it is (`?_searchmode=raw`)."""
    mode = request.args.get("_searchmode")
    return bool(mode == "raw" or (mode != "escaped" and table_metadata.get("searchmode") == "raw"))


@hookimpl(trylast=True)  # its note follows Datasette's 'search matches "…"'
def filters_from_request(request: Any, database: str, table: str, datasette: Any) -> Any:
    if table != "essays" or "_search" not in request.args or not _is_fanwen(datasette, database):
        return None
    if _raw_mode(request, datasette.table_metadata(database, table)):
        return None
    from datasette.filters import FilterArguments

    conditions = extra_conditions(request.args["_search"])
    return FilterArguments(conditions.where, conditions.params, conditions.notes)


# Datasette lists a table's column descriptions above its rows; folded into a <details>, the
# rows (and a search's results) come first.
FOLD_DESCRIPTIONS = """
document.querySelectorAll("dl.column-descriptions").forEach(function (list) {
  var details = document.createElement("details");
  var summary = document.createElement("summary");
  summary.textContent = "Column descriptions";
  list.parentNode.insertBefore(details, list);
  details.appendChild(summary);
  details.appendChild(list);
});
"""


@hookimpl
def extra_body_script(view_name: str, database: str | None, datasette: Any) -> str | None:
    if view_name == "table" and database and _is_fanwen(datasette, database):
        return FOLD_DESCRIPTIONS
    return None


def register() -> None:
    """Register the plugin with Datasette (once per process)."""
    import sys

    from datasette.plugins import pm

    if pm.get_plugin(NAME) is None:
        pm.register(sys.modules[__name__], name=NAME)
