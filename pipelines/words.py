"""Search words: jieba's segmentation, so SQLite FTS5 (which splits text only at spaces and
punctuation) indexes Chinese words. The index and the query are segmented the same way."""

from __future__ import annotations

import logging

import jieba

jieba.setLogLevel(logging.WARNING)


def segment(text: str) -> str:
    """Space-separated jieba search words (long words also give their shorter parts)."""
    return " ".join(word for word in jieba.cut_for_search(text, HMM=False) if word.strip())


def query_words(query: str) -> list[str]:
    """The words of a search query, each quoted as an FTS5 string."""
    return [f'"{word}"' for word in jieba.cut_for_search(query, HMM=False) if word.strip()]
