"""Stage 6, store: pages and essays into SQLite.

- `sqlite` (`Store`, `PageRecord`): writes, one transaction per page, searches, statistics;
- `schema`: the tables and the numbered migrations;
- `persist`: dedup and save one page together (crawl and `fanwen import`);
- `words`: search words (jieba's segmentation via rjieba) for the full-text index, computed
  by a crawl's cleaning workers;
- `markdown`: an essay as Markdown, stored beside its text.

Modules here import each other directly; other code imports the names below. The names that
need sqlite-utils load on first use, so a cleaning worker and `fanwen clean` can import `segment`
without it.
"""

from typing import TYPE_CHECKING

from pipelines.lazy import load
from pipelines.store.words import query_words, segment

if TYPE_CHECKING:
    from pipelines.store.persist import dedup_and_save
    from pipelines.store.schema import SCHEMA_VERSION
    from pipelines.store.sqlite import PageRecord, Store, tune

_LAZY = {
    "PageRecord": "sqlite",
    "Store": "sqlite",
    "tune": "sqlite",
    "SCHEMA_VERSION": "schema",
    "dedup_and_save": "persist",
}

__all__ = [
    "SCHEMA_VERSION",
    "PageRecord",
    "Store",
    "dedup_and_save",
    "query_words",
    "segment",
    "tune",
]


def __getattr__(name: str) -> object:
    return load(__name__, _LAZY, name)
