"""Full-text search of stored essays: a query in any form (words, "a phrase", a OR b, NOT c,
single characters, punctuation, nothing at all) becomes a safe FTS5 expression plus, where the
index cannot answer, substring conditions on the essay itself.

The index (`essays_fts`, contentless, keyed by `essays.seq`) holds jieba's search words. A word
of two or more characters is looked up there; a single character, which jieba leaves inside
longer words, is matched as a substring of the title or text (a scan when it is the whole
query); a quoted phrase needs its words in the index and the phrase itself in the text. Snippets
come from the essay's own text, never from the segmented index.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from pipelines.errors import FanwenError
from pipelines.store.words import query_terms, segment

MAX_TERMS = 32  # a longer query keeps its first 32 terms
RANK_ALL = 5000  # matches up to which every one is ranked by bm25
SNIPPET_CHARS = 80
_QUOTED = re.compile(r'"([^"]*)"|“([^”]*)”|「([^」]*)」')
_OPERATORS = {"OR", "|", "AND", "&", "NOT"}


@dataclass
class _Clause:
    """Alternatives (OR) of one condition: each a tuple of words, or a phrase."""

    alternatives: list[tuple[str, ...]] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)  # the text of each phrase alternative

    def indexed(self) -> bool:
        """Whether the index alone answers it: every word has two characters or more."""
        return all(len(word) > 1 for words in self.alternatives for word in words)


@dataclass(frozen=True)
class Query:
    """A parsed query: `match` for FTS5 (None: no indexed word), `where` / `params` the
    substring conditions, `terms` what to highlight."""

    match: str | None
    where: tuple[str, ...]
    params: tuple[str, ...]
    terms: tuple[str, ...]


def _fts(words: Sequence[str]) -> str:
    return " AND ".join('"' + word.replace('"', '""') + '"' for word in words)


_TEXT = "(e.title || char(10) || e.text)"


def parse_query(query: str) -> Query:
    """A Query, or FanwenError when the text holds nothing to search for."""
    clauses: list[_Clause] = []
    excluded: list[_Clause] = []
    pending_or = negate = False
    for chunk, quoted in _chunks(query):
        if not quoted and chunk in _OPERATORS:
            pending_or, negate = chunk in ("OR", "|"), chunk == "NOT" or negate
            continue
        words = tuple(query_terms(chunk))
        if not words:
            continue
        target = excluded if negate else clauses
        if pending_or and target:
            clause = target[-1]
        else:
            clause = _Clause()
            target.append(clause)
        clause.alternatives.append(words)
        if quoted and len(words) > 1:
            clause.phrases.append(chunk)
        pending_or = negate = False
    if not clauses:
        raise FanwenError(f"nothing to search for in {query[:60]!r}: give a word")
    clauses, excluded = clauses[:MAX_TERMS], excluded[:MAX_TERMS]
    match = [f"({_or(clause)})" for clause in clauses if clause.indexed()]
    where: list[str] = []
    params: list[str] = []
    for clause in clauses:
        if not clause.indexed():
            tests = [f"instr({_TEXT}, ?) > 0" for _ in clause.alternatives]
            where.append("(" + " OR ".join(tests) + ")")
            params += ["".join(words) for words in clause.alternatives]
        for phrase in clause.phrases:
            where.append(f"instr({_TEXT}, ?) > 0")
            params.append(_squash(phrase))
    for clause in excluded:
        for words in clause.alternatives:
            where.append(f"instr({_TEXT}, ?) = 0")
            params.append("".join(words))
    terms = sorted(
        {"".join(words) for clause in clauses for words in clause.alternatives}
        | {word for clause in clauses for words in clause.alternatives for word in words},
        key=len,
        reverse=True,
    )
    return Query(" AND ".join(match) or None, tuple(where), tuple(params), tuple(terms))


def _or(clause: _Clause) -> str:
    return " OR ".join(f"({_fts(words)})" for words in clause.alternatives)


def _squash(phrase: str) -> str:
    """A phrase as it appears in running Chinese text: spaces between CJK characters dropped."""
    return re.sub(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])", "", phrase.strip())


def _chunks(query: str) -> list[tuple[str, bool]]:
    """(text, quoted) pieces: quoted phrases, then the rest split at whitespace."""
    chunks: list[tuple[str, bool]] = []
    position = 0
    for found in _QUOTED.finditer(query):
        chunks += [(part, False) for part in query[position : found.start()].split()]
        chunks.append((next(g for g in found.groups() if g is not None), True))
        position = found.end()
    chunks += [(part, False) for part in query[position:].split()]
    return chunks


@dataclass(frozen=True)
class Hit:
    id: str
    page_url: str
    title: str
    site: str
    category: str | None
    score: float
    snippet: str  # the matched terms between MARK_START and MARK_END

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "page_url": self.page_url,
            "title": self.title,
            "site": self.site,
            "category": self.category,
            "score": self.score,
            "snippet": self.snippet,
        }


MARK_START, MARK_END = "<mark>", "</mark>"


@dataclass(frozen=True)
class SearchResult:
    query: str
    hits: list[Hit]
    total: int
    seconds: float


def search(
    db: sqlite_utils.Database,
    query: str,
    limit: int = 20,
    site: str | None = None,
    category: str | None = None,
    distinct: bool = False,
) -> SearchResult:
    """Essays matching `query`, best first, with the number of all matches."""
    started = time.perf_counter()
    parsed = parse_query(query)
    where, params = list(parsed.where), list(parsed.params)
    for column, value in (("site", site), ("category", category)):
        if value is not None:
            where.append(f"e.{column} = ?")
            params.append(value)
    if distinct:
        where.append("e.duplicate_of IS NULL")
    try:
        if parsed.match is not None and not where:
            total, rows = _indexed_only(db, parsed.match, limit)
        else:
            total, rows = _filtered(db, parsed.match, where, params, limit)
    except sqlite3.OperationalError as error:  # not expected: every term is quoted
        raise FanwenError(f"search failed: {error}") from None
    hits = [
        Hit(row[0], row[1], row[2], row[3], row[4], round(row[5], 4), snippet(row[6], parsed.terms))
        for row in rows
    ]
    return SearchResult(query, hits, int(total), time.perf_counter() - started)


_HIT = "e.id, e.page_url, e.title, e.site, e.category"


def _indexed_only(db: sqlite_utils.Database, match: str, limit: int) -> tuple[int, list[Any]]:
    """A query the index answers alone: counted in the index; ranked by bm25, except that
    past RANK_ALL matches (a word in most essays) only the essays with it in their title are
    ranked, then the newest follow: bm25 over every match would take a tenth of a second."""
    total = db.execute("SELECT count(*) FROM essays_fts WHERE essays_fts MATCH ?", [match])
    count = int(total.fetchone()[0])
    ranked = match if count <= RANK_ALL else f"{{title}} : ({match})"
    rows = db.execute(
        f"SELECT {_HIT}, -f.rank, e.text FROM (SELECT rowid, rank FROM essays_fts "
        "WHERE essays_fts MATCH ? ORDER BY rank LIMIT ?) f JOIN essays e ON e.seq = f.rowid "
        "ORDER BY f.rank",
        [ranked, max(0, limit)],
    ).fetchall()
    if len(rows) < limit and count > RANK_ALL:
        seen = {row[0] for row in rows}
        newest = db.execute(
            f"SELECT {_HIT}, 0.0, e.text FROM (SELECT rowid FROM essays_fts "
            "WHERE essays_fts MATCH ? ORDER BY rowid DESC LIMIT ?) f "
            "JOIN essays e ON e.seq = f.rowid ORDER BY f.rowid DESC",
            [match, limit + len(rows)],
        ).fetchall()
        rows += [row for row in newest if row[0] not in seen][: limit - len(rows)]
    return count, rows


def _filtered(
    db: sqlite_utils.Database,
    match: str | None,
    where: list[str],
    params: list[Any],
    limit: int,
) -> tuple[int, list[Any]]:
    """A query with filters or substring conditions: the index joined with the essays."""
    if match is not None:
        source = "essays_fts f JOIN essays e ON e.seq = f.rowid"
        where, params = ["essays_fts MATCH ?", *where], [match, *params]
        order, score = "f.rank", "-f.rank"
    else:
        source, order, score = "essays e", "e.seq", "0.0"
    condition = " AND ".join(where)
    total = db.execute(f"SELECT count(*) FROM {source} WHERE {condition}", params).fetchone()[0]
    rows = db.execute(
        f"SELECT {_HIT}, {score}, e.text FROM {source} WHERE {condition} ORDER BY {order} LIMIT ?",
        [*params, max(0, limit)],
    ).fetchall()
    return int(total), rows


def snippet(text: str, terms: Sequence[str], width: int = SNIPPET_CHARS) -> str:
    """About `width` characters of `text` around the first term found, terms marked."""
    found = [(text.find(term), term) for term in terms if term and term in text]
    if not found:
        return text[:width].replace("\n", " ")
    first = min(position for position, _ in found)
    start = max(0, first - width // 3)
    window = text[start : start + width].replace("\n", " ")
    pattern = re.compile("|".join(re.escape(term) for term in terms if term))
    marked = pattern.sub(lambda m: f"{MARK_START}{m.group(0)}{MARK_END}", window)
    return ("…" if start else "") + marked + ("…" if start + width < len(text) else "")


def unindex(db: sqlite_utils.Database, seq: int, title: str, text: str) -> None:
    """Take an essay out of the contentless index: FTS5 needs the very words it was given,
    segmented again from the stored title and text."""
    db.execute(
        "INSERT INTO essays_fts (essays_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)",
        [seq, segment(title), segment(text)],
    )


def reindex(db: sqlite_utils.Database, progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild the search index from every essay (after jieba's dictionary or the user
    dictionary changed); returns the essays indexed."""
    total = db.execute("SELECT count(*) FROM essays").fetchone()[0]
    done = 0
    with db.atomic():
        db.execute("INSERT INTO essays_fts (essays_fts) VALUES ('delete-all')")
        cursor = db.execute("SELECT seq, title, text FROM essays ORDER BY seq")
        while rows := cursor.fetchmany(500):
            db.conn.executemany(
                "INSERT INTO essays_fts (rowid, title, text) VALUES (?, ?, ?)",
                [(seq, segment(title or ""), segment(text or "")) for seq, title, text in rows],
            )
            done += len(rows)
            if progress is not None:
                progress(done, total)
    return done
