from __future__ import annotations

import pytest

from pipelines.clean.textnorm import chinese_number, unify_punctuation


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
