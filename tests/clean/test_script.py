from __future__ import annotations

from pipelines.clean.script import to_simplified


def test_to_simplified_converts_traditional_pages() -> None:
    lines, traditional = to_simplified(["學習心得體會", "我們要堅持黨的領導，認真學習。"])
    assert traditional and lines == ["学习心得体会", "我们要坚持党的领导，认真学习。"]


def test_to_simplified_leaves_simplified_text_and_placeholders() -> None:
    lines = ["20xx年×××同志工作总结", "我们要坚持党的领导，认真学习。"]
    assert to_simplified(lines) == (lines, False)
