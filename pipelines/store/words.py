"""Search words: jieba's segmentation, so SQLite FTS5 (which splits text only at spaces and
punctuation) indexes Chinese words. The index and the query are segmented the same way.

rjieba runs jieba's algorithm on jieba's dictionary in Rust, ten times faster than jieba
itself, which was a third of a crawl's cleaning time; without the HMM for unknown words its
words equal jieba's (tests/store/test_words.py checks that), and the HMM adds little for search.
"""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def _rjieba() -> Any:
    """rjieba, loaded on first use: its dictionary costs 30 MB and a tenth of a second, which a
    crawl process that only hands pages to workers need not pay."""
    import rjieba

    return rjieba


def segment(text: str) -> str:
    """Space-separated search words (long words also give their shorter parts)."""
    return " ".join(word for word in _rjieba().cut_for_search(text, hmm=False) if word.strip())


def query_words(query: str) -> list[str]:
    """The words of a search query, each quoted as an FTS5 string."""
    return [f'"{w}"' for w in _rjieba().cut_for_search(query, hmm=False) if w.strip()]
