"""Search words: jieba's segmentation, so SQLite FTS5 (which splits text only at spaces and
punctuation) indexes Chinese words. The index and the query are segmented the same way.

rjieba runs jieba's algorithm on jieba's dictionary in Rust, ten times faster than jieba
itself, which was a third of a crawl's cleaning time; without the HMM for unknown words its
words equal jieba's (tests/store/test_words.py checks that), and the HMM adds little for search.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
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


_WORD = re.compile(r"\w")


def query_terms(text: str) -> list[str]:
    """The words of one piece of a query, in jieba's precise mode (each word once, in order),
    in simplified script; punctuation and spaces dropped, ASCII lower-cased as the index is."""
    from pipelines.clean.script import t2s  # OpenCC: only a search pays for it

    words = _rjieba().cut(t2s(text), hmm=False)
    return [word.lower() for word in words if _WORD.search(word)]


USER_DICT_NAME = "userdict.txt"


def load_user_dict(path: str | Path) -> int:
    """Add the words of a user dictionary (jieba's format: `word [frequency] [tag]` per line,
    `#` comments) to the segmenter; returns how many. A missing file adds none."""
    file = Path(path)
    if not file.is_file():
        return 0
    added = 0
    for line in file.read_text(encoding="utf-8", errors="replace").splitlines():
        fields = line.split("#", 1)[0].split()
        if not fields:
            continue
        frequency = int(fields[1]) if len(fields) > 1 and fields[1].isdigit() else None
        _rjieba().add_word(fields[0], frequency, None)
        added += 1
    return added


def user_dict_for(db: str | Path) -> Path:
    """Where a database's user dictionary lives: `userdict.txt` beside it."""
    return Path(db).parent / USER_DICT_NAME
