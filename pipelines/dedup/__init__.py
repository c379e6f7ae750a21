"""Stage 5, dedup: exact, near and contained duplicates against a persistent SQLite index.

- `fingerprint`, `folding`: an essay's normalized hash, sampled shingles, MinHash band keys and
  sentence hashes (no database; a crawl's cleaning workers compute them);
- `index` (`DedupIndex`), `postings`, `posting_sync`, `candidates`: the index, its posting
  lists held in memory and kept level with the database, and its cached candidate rows;
- `check`: each essay of a page against everything indexed before it.

Modules here import each other directly; other code imports the names below. The names of
`index` and `check` load on first use, so fingerprinting does not import sqlite-utils.
`fingerprint` here is the function, not the module of that name.
"""

from typing import TYPE_CHECKING

from pipelines.dedup.fingerprint import Fingerprint, fingerprint, normalize
from pipelines.lazy import load

if TYPE_CHECKING:
    from pipelines.dedup.check import dedup, dedup_document, text_hash
    from pipelines.dedup.index import DedupIndex, DedupResult, create_tables

_LAZY = {
    "DedupIndex": "index",
    "DedupResult": "index",
    "create_tables": "index",
    "dedup": "check",
    "dedup_document": "check",
    "text_hash": "check",
}

__all__ = [
    "DedupIndex",
    "DedupResult",
    "Fingerprint",
    "create_tables",
    "dedup",
    "dedup_document",
    "fingerprint",
    "normalize",
    "text_hash",
]


def __getattr__(name: str) -> object:
    return load(__name__, _LAZY, name)
