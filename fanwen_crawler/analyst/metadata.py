"""Datasette metadata for a fanwen database: what each table, view and column holds, facets,
the essays table's search index, internal tables hidden, and canned queries.

Built in Python (no JSON file to keep in step with the schema); `build_metadata(name)` keys it
by the name Datasette gives the database (its file name without the extension).
"""

from __future__ import annotations

import copy
from typing import Any

TITLE = "fanwen-crawler"
DESCRIPTION = (
    "Chinese template essays (范文) crawled, cleaned and deduplicated by fanwen-crawler. "
    "Search the essays table with Chinese words: the query is segmented with jieba, as the "
    "index was. Single characters are not in the index: the “essays containing” query finds "
    "any text."
)

# The full-text index over essays: contentless FTS5 whose rowid is essays.seq.
FTS_TABLE = "essays_fts"
FTS_PK = "seq"

_PAGES: dict[str, Any] = {
    "description": (
        "One row per fetched page (its canonical URL). Every part of a multi-page article is a "
        "row; article_url ties them. Dead links are not pages: see crawl_runs.failures."
    ),
    "columns": {
        "url": "Canonical URL: <link rel=canonical>, tracking parameters, fragments, index.html "
        "and m./www. mirrors folded",
        "fetched_url": "The URL actually fetched",
        "article_url": "The article this page is a part of (its first page's URL)",
        "site": "Site profile name (e.g. yiliu), or the host for unprofiled sites",
        "fetched_at": "When the page was last fetched and stored (UTC)",
        "last_seen": "When a crawl last fetched the page or confirmed it unchanged (UTC)",
        "status": "HTTP status of the fetch",
        "etag": "ETag sent by the server, for conditional requests",
        "last_modified": "Last-Modified sent by the server, for conditional requests",
        "content_sha1": "SHA-1 of the raw bytes",
        "raw": "The page's bytes as fetched, zlib-compressed",
        "removed": 'Lines the cleaner took out of the page: JSON array of {"text", "reason"}',
        "note": "Why the page gave no essay (a list page, a binary file, an error), if it gave "
        "none",
    },
    "facets": ["site", "status"],
}

_ESSAYS: dict[str, Any] = {
    "description": (
        "One row per essay (a “三篇” page gives three). Nothing is dropped: a copy is stored and "
        "points at its canonical copy in duplicate_of. The search box looks words up in the "
        "jieba-segmented index: words of two or more characters, “a phrase”, a OR b, NOT c."
    ),
    "columns": {
        "id": "Stable id: hash of the page URL and the essay's position on it",
        "seq": "Integer key of the essay in the search index (essays_fts rowid)",
        "page_url": "The page (pages.url) the essay is on",
        "position": "The essay's place on its page, from 1",
        "site": "Site profile name (e.g. yiliu), or the host for unprofiled sites",
        "title": "The essay's title",
        "category": "The site's category for the page, e.g. 心得体会",
        "keywords": "The page's keywords: JSON array",
        "summary": "The page's summary line, if it has one",
        "published": "Publication date shown on the page, if any",
        "text": "The cleaned essay: paragraphs separated by a blank line, headings on lines of "
        "their own",
        "markdown": "The essay as Markdown (title, headings, paragraphs)",
        "char_count": "Characters in text",
        "flags": "What the cleaner noticed: JSON array (truncated, traditional, "
        "no-article-block, mojibake-repaired, input-truncated)",
        "text_hash": "Hash of the normalised text: equal hashes are exact copies",
        "duplicate_of": "The canonical copy (essays.id) this essay copies; empty for a "
        "canonical essay",
        "first_seen": "When the essay was first stored (UTC)",
        "last_seen": "When a crawl last saw the essay (UTC)",
    },
    "facets": ["site", "category", {"array": "keywords"}, {"array": "flags"}],
    "fts_table": FTS_TABLE,
    "fts_pk": FTS_PK,
}

_DUPLICATES: dict[str, Any] = {
    "description": (
        "One row per essay that copies another. duplicate_of is the earliest-seen complete "
        "copy (a complete copy arriving after a truncated one takes over as canonical)."
    ),
    "columns": {
        "essay_id": "The copy (essays.id)",
        "duplicate_of": "The canonical copy it points at (essays.id)",
        "similarity": "Estimated Jaccard similarity of the two texts' shingles (1.0: exact)",
        "kind": "exact (same normalised text), near (similar text) or contained (the essay "
        "sits inside a longer one)",
    },
    "facets": ["kind"],
}

_CONTAINMENTS: dict[str, Any] = {
    "description": (
        "Part → container: an essay found inside a longer one (e.g. inside a “三篇” "
        "collection), with the share found. A collection links to many parts."
    ),
    "columns": {
        "part_id": "The shorter essay (essays.id)",
        "container_id": "The essay that contains it (essays.id)",
        "share": "Share of the part's shingles found in the container",
    },
}

_CRAWL_RUNS: dict[str, Any] = {
    "description": (
        "One row per crawl (or import) run, opened when it starts and closed with its status "
        "and counts however it ends."
    ),
    "columns": {
        "id": "Run number",
        "spider": "Spider (site profile) that ran",
        "target": "What was crawled: the start URL",
        "mode": "incremental, full or resume",
        "status": "running, finished, interrupted (Ctrl-C, SIGTERM), failed (health checks, "
        "nothing fetched) or killed (its process died without closing the record)",
        "pid": "Process id of the crawl",
        "resumed_from": "The interrupted run this one continued (crawl_runs.id)",
        "started_at": "When the run started (UTC)",
        "finished_at": "When the run ended (UTC); empty while running or when killed",
        "finish_reason": "Scrapy's finish reason, or why the run stopped",
        "message": "What the user should know about the run",
        "fetched": "Pages fetched",
        "new": "Articles stored for the first time",
        "updated": "Stored articles whose essays changed",
        "unchanged": "Articles fetched again (or answered 304) with nothing changed",
        "skipped": "Articles not due for a revisit, not requested",
        "duplicates": "Essays found to copy an essay stored before",
        "errors": "Requests that failed after retries",
        "settings": "The crawl's settings: JSON",
        "stats": "Scrapy's stats at the end: JSON",
        "failures": "Failed URLs with their status or error: JSON array",
    },
    "facets": ["status", "mode", "spider"],
    "sort_desc": "id",
}

_DISTINCT_ESSAYS: dict[str, Any] = {
    "description": "Canonical essays only (one per group of copies), with how many copies "
    "each group has.",
    "columns": {
        "copies": "Essays in the group: this one and every essay pointing at it",
        "flags": "What the cleaner noticed: JSON array",
    },
    "facets": ["site", "category"],
}

_ESSAY_COPIES: dict[str, Any] = {
    "description": "Each copy beside the canonical essay it copies (duplicates joined to "
    "essays on both sides).",
    "columns": {
        "id": "The copy (essays.id)",
        "kind": "exact, near or contained",
        "similarity": "Estimated Jaccard similarity of the two texts (1.0: exact)",
        "canonical_id": "The canonical copy (essays.id)",
        "canonical_site": "The canonical copy's site",
        "canonical_title": "The canonical copy's title",
        "canonical_url": "The canonical copy's page",
    },
    "facets": ["site", "kind", "canonical_site"],
}

_SITE_SUMMARY: dict[str, Any] = {
    "description": "Per-site figures: pages, essays, distinct essays and copies, share of "
    "truncated essays, last crawl.",
    "columns": {
        "pages": "Pages stored for the site",
        "essays": "Essays stored for the site",
        "distinct_essays": "Essays that copy no other",
        "copies": "Essays that copy another",
        "truncated_share": "Share of essays flagged truncated",
        "last_crawled": "When a page of the site was last seen (UTC)",
    },
}

VIEWS: dict[str, dict[str, Any]] = {
    "distinct_essays": _DISTINCT_ESSAYS,
    "essay_copies": _ESSAY_COPIES,
    "site_summary": _SITE_SUMMARY,
}
# The views' columns (pipelines/store/schema.py): Datasette lists every column described, so a
# view is described column by column, an essays column by what it means in essays.
VIEW_COLUMNS = {
    "distinct_essays": (
        "id",
        "site",
        "category",
        "title",
        "page_url",
        "char_count",
        "first_seen",
        "last_seen",
        "flags",
        "copies",
    ),
    "essay_copies": (
        "id",
        "site",
        "title",
        "page_url",
        "first_seen",
        "kind",
        "similarity",
        "canonical_id",
        "canonical_site",
        "canonical_title",
        "canonical_url",
    ),
    "site_summary": (
        "site",
        "pages",
        "essays",
        "distinct_essays",
        "copies",
        "truncated_share",
        "last_crawled",
    ),
}

# Internal tables: the dedup index, learned boilerplate, the search index. Hidden from the
# database page (listed under its hidden tables), still readable by URL and SQL.
_HIDDEN: dict[str, str] = {
    "dedup_essays": "The persistent dedup index: one row per essay checked (internal)",
    "exact_hashes": "The dedup index: normalised text hash → first essay with it (internal)",
    "dedup_keys": "The dedup index: each essay's LSH band keys and sentence hashes (internal)",
    "site_lines": "Which short lines each site repeats on which pages (internal: learned "
    "boilerplate)",
    "line_texts": "The text of each counted line (internal: learned boilerplate)",
    FTS_TABLE: "Contentless FTS5 index of essays' jieba search words, rowid = essays.seq "
    "(internal: search it through the essays table)",
}

QUERIES: dict[str, dict[str, Any]] = {
    "distinct_per_site_category": {
        "title": "Distinct essays per site and category",
        "description": "Canonical essays and copies stored for each site and category.",
        "sql": """select site, category,
       sum(duplicate_of is null) as distinct_essays,
       sum(duplicate_of is not null) as copies,
       count(*) as essays
from essays
group by site, category
order by site, distinct_essays desc, category""",
    },
    "most_copied": {
        "title": "Most-copied essays",
        "description": "Canonical essays with the most copies, by kind of copy, and the sites "
        "the copies are on.",
        "sql": """select c.id, c.site, c.category, c.title, c.page_url,
       count(*) as copies,
       sum(d.kind = 'exact') as exact,
       sum(d.kind = 'near') as near,
       sum(d.kind = 'contained') as contained,
       group_concat(distinct e.site) as copied_on
from duplicates d
join essays c on c.id = d.duplicate_of
join essays e on e.id = d.essay_id
group by c.id
order by copies desc, c.first_seen, c.id
limit 100""",
    },
    "essays_containing": {
        "title": "Essays containing a phrase",
        "description": "Essays whose title or text contains the phrase exactly, whatever it is "
        "(single characters, punctuation, Latin letters), with the text around its first "
        "occurrence. A scan of every essay: slower than the search box on a large database.",
        "sql": """select id, site, category, title, page_url, duplicate_of,
       case when instr(text, :phrase) > 0
            then substr(text, max(1, instr(text, :phrase) - 20), 60) end as context
from essays
where :phrase != '' and (instr(title, :phrase) > 0 or instr(text, :phrase) > 0)
order by site, first_seen, id""",
    },
    "run_added": {
        "title": "What a crawl run added",
        "description": "Essays first stored while the run was going: first_seen between its "
        "started_at and finished_at (for a run killed before it finished, up to the next run's "
        "start). Essays the run only updated were first seen earlier and are not listed.",
        "sql": """select e.id, e.site, e.category, e.title, e.page_url, e.first_seen,
       e.duplicate_of
from crawl_runs r
join essays e
  on e.first_seen >= r.started_at
 and e.first_seen <= coalesce(
       r.finished_at,
       (select min(n.started_at) from crawl_runs n where n.id > r.id),
       '9999')
where r.id = :run_id
order by e.first_seen, e.id""",
    },
    "boilerplate_removed": {
        "title": "Boilerplate removed per site and reason",
        "description": "Lines the cleaner took out of stored pages (pages.removed), counted per "
        "site and per reason, with one example line.",
        "sql": """select p.site,
       json_extract(r.value, '$.reason') as reason,
       count(*) as lines,
       count(distinct p.url) as pages,
       substr(min(json_extract(r.value, '$.text')), 1, 80) as example
from pages p,
     json_each(case when json_valid(p.removed) then p.removed else '[]' end) r
group by p.site, reason
order by p.site, lines desc, reason""",
    },
}


def build_metadata(database: str) -> dict[str, Any]:
    """Datasette's metadata for a fanwen database that Datasette names `database`."""
    tables: dict[str, Any] = {
        "pages": _PAGES,
        "essays": _ESSAYS,
        "duplicates": _DUPLICATES,
        "containments": _CONTAINMENTS,
        "crawl_runs": _CRAWL_RUNS,
    }
    for name, view in VIEWS.items():
        described = {**_ESSAYS["columns"], **view["columns"]}
        tables[name] = {**view, "columns": {c: described[c] for c in VIEW_COLUMNS[name]}}
    for name, description in _HIDDEN.items():
        tables[name] = {"description": description, "hidden": True}
    return copy.deepcopy(  # Datasette may add to what it is given
        {
            "title": TITLE,
            "description": DESCRIPTION,
            "databases": {
                database: {
                    "description": DESCRIPTION,
                    "tables": tables,
                    "queries": QUERIES,
                }
            },
        }
    )
