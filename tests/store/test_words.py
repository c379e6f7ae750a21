from __future__ import annotations

import jieba
import pytest

from fanwen_crawler.sample_site.site import build_site
from pipelines.store import query_words, segment

ESSAYS = [(article.title, "\n".join(article.pages[0])) for article in build_site().articles]


@pytest.mark.parametrize(("title", "text"), ESSAYS[:12], ids=[t for t, _ in ESSAYS[:12]])
def test_segment_gives_jiebas_own_search_words(title: str, text: str) -> None:
    expected = " ".join(w for w in jieba.cut_for_search(text, HMM=False) if w.strip())
    assert segment(text) == expected


def test_segment_splits_a_long_word_into_its_parts_too() -> None:
    words = segment("中华人民共和国成立").split()
    assert "中华人民共和国" in words
    assert {"中华", "人民", "共和国"} <= set(words)


def test_segment_drops_whitespace_tokens() -> None:
    assert "  " not in segment("学习  心得\n\n体会")


def test_query_words_are_quoted_fts_strings() -> None:
    assert query_words("工作总结") == ['"工作"', '"总结"']
