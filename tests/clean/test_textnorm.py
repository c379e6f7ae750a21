from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipelines.clean.textnorm import chinese_number, cjk_at_least, nfkc, unify_punctuation


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("我们,一起努力!好吗?", "我们，一起努力！好吗？"),
        ("主要内容:学习;实践", "主要内容：学习；实践"),
        ("我校(院)的做法", "我校（院）的做法"),
        ("(一)基本情况", "（一）基本情况"),
        ("共计3,000元,时间10:30", "共计3,000元，时间10:30"),
        ("详见 http://example.com/a?b=1 网页", "详见 http://example.com/a?b=1 网页"),
        ("Hello, world", "Hello, world"),
        ("机关 干部 下基层", "机关干部下基层"),
    ],
)
def test_unify_punctuation(raw: str, expected: str) -> None:
    assert unify_punctuation(raw) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1),
        ("九", 9),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("二十三", 23),
        ("7", 7),
        ("甲", None),
        ("", None),
    ],
)
def test_chinese_number(text: str, value: int | None) -> None:
    assert chinese_number(text) == value


_MIXED = st.sampled_from(
    list("春天来了，我们（一起）去公园！……ＡＢＣ１２３\u3000 \n\u0301e\u1100\u1161\u11a8가ﬁ①㍿")
)


@given(st.lists(_MIXED, min_size=200, max_size=600).map("".join))
def test_nfkc_is_unicodedatas_nfkc_on_long_mixed_text(text: str) -> None:
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


def test_nfkc_normalizes_only_what_needs_it_across_lines() -> None:
    text = "第一行，全角：ＡＢＣ\n第二行……省略\ne\u0301\n" * 20
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


def test_cjk_at_least_counts_across_texts_and_stops_at_the_bar() -> None:
    assert cjk_at_least(["ab春天", "c来了"], 4)
    assert not cjk_at_least(["ab春天", "c来"], 4)
    assert cjk_at_least([], 0)
    assert not cjk_at_least(["abc"], 1)
