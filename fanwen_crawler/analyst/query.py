"""What the Datasette plugin makes of a query typed into the essays table's search box, with
fanwen's own query parser (pipelines.store.search.parse_query), so the box finds what
`fanwen search` finds.

Datasette restricts the table with `seq in (select rowid from essays_fts where essays_fts
match escape_fts(:search))`. The plugin's `escape_fts` returns `fts_expression(query)`: the
query's words as jieba segments them, each quoted, so no text typed can be an FTS5 syntax
error. What the index cannot answer (a quoted phrase must also appear as typed, NOT c must be
absent) comes from `extra_conditions(query)`, added to the table's where clause.

A query of single characters only has no word in the index (jieba leaves single characters
inside longer words): the search box finds nothing for it and says so; the canned query
`essays_containing` finds any text.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from pipelines.errors import FanwenError
from pipelines.store.search import parse_query

log = logging.getLogger(__name__)

# An FTS5 phrase with no word in it: matches no row (and is not a syntax error).
MATCH_NOTHING = '""'
PARAM_PREFIX = "fanwen_search_"
# Datasette shows them after 'search matches "…" and '.
SINGLE_CHARACTERS_NOTE = (
    "single characters are not indexed on their own (the query “Essays containing a phrase” "
    "finds them)"
)
NOTHING_NOTE = "the query holds no word to search for"


def fts_expression(query: str) -> str:
    """The FTS5 expression for a search-box query; MATCH_NOTHING when it has no indexed word.
    Never raises: it runs inside SQLite, where an exception becomes a failed query."""
    try:
        match = parse_query(query).match
    except FanwenError:  # nothing to search for: punctuation, NOT alone, empty
        return MATCH_NOTHING
    except Exception:  # not expected; logged, and the user sees no rows rather than an error
        log.exception("cannot parse search query %r", query[:100])
        return MATCH_NOTHING
    return match or MATCH_NOTHING


@dataclass(frozen=True)
class Conditions:
    """Where clauses for Datasette's table query (on `essays`, unaliased), their named
    parameters, and notes for the page's description of the filter."""

    where: list[str] = field(default_factory=list)
    params: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def extra_conditions(query: str) -> Conditions:
    """The conditions of a search-box query that the FTS5 expression cannot express: a quoted
    phrase as typed, NOT words, single characters (tested in the essay's title and text)."""
    try:
        parsed = parse_query(query)
    except FanwenError:
        return Conditions(notes=[NOTHING_NOTE])
    except Exception:
        log.exception("cannot parse search query %r", query[:100])
        return Conditions(notes=[NOTHING_NOTE])
    if parsed.match is None:  # the index finds nothing: conditions would change nothing
        return Conditions(notes=[SINGLE_CHARACTERS_NOTE])
    if not parsed.where:
        return Conditions()
    names = [f"{PARAM_PREFIX}{number}" for number in range(len(parsed.params))]
    # parse_query writes its conditions on `essays e` with positional parameters; Datasette's
    # query is on `essays` itself with named ones: the conditions go in a subquery on the same
    # row (found by the unique index on seq), their `?` renamed in order.
    conditions = " AND ".join(parsed.where)
    pieces = re.split(r"\?", conditions)
    if len(pieces) != len(names) + 1:  # not expected: a `?` inside the SQL itself
        log.error("cannot place the parameters of %r", conditions)
        return Conditions()
    sql = pieces[0] + "".join(
        f":{name}{rest}" for name, rest in zip(names, pieces[1:], strict=True)
    )
    where = f"exists (select 1 from essays e where e.seq = essays.seq and {sql})"
    return Conditions([where], dict(zip(names, parsed.params, strict=True)))
