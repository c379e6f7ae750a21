"""Search words: jieba's segmentation, so SQLite FTS5 (which splits text only at spaces and
punctuation) indexes Chinese words. The index and the query are segmented the same way.

rjieba runs jieba's algorithm on jieba's dictionary in Rust, ten times faster than jieba
itself, which was a third of a crawl's cleaning time; without the HMM for unknown words its
words equal jieba's (tests/test_words.py checks that), and the HMM adds little for search.
"""

from __future__ import annotations

import rjieba


def segment(text: str) -> str:
    """Space-separated search words (long words also give their shorter parts)."""
    return " ".join(word for word in rjieba.cut_for_search(text, hmm=False) if word.strip())


def query_words(query: str) -> list[str]:
    """The words of a search query, each quoted as an FTS5 string."""
    return [f'"{word}"' for word in rjieba.cut_for_search(query, hmm=False) if word.strip()]
