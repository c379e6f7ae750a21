from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.clean.lines import nfkc
from pipelines.clean.rules import LINE_RULES, TRUNCATION_SPAN, first_matching, is_related_heading
from pipelines.clean.textnorm import unify_punctuation

CASES = Path(__file__).parent / "cases"


def _corpus() -> list[str]:
    """Every line of the cleaning cases, plus their boilerplate in both punctuation widths."""
    lines: list[str] = []
    for path in sorted(CASES.glob("*/input.*")):
        raw = path.read_bytes()
        text = raw.decode("utf-8") if path.suffix == ".txt" else raw.decode("gb18030", "replace")
        lines += [line.strip() for line in text.replace("<", "\n<").splitlines() if line.strip()]
    for path in sorted(CASES.glob("*/expected.json")):
        lines += json.loads(path.read_text(encoding="utf-8")).get("text_excludes", [])
    return lines + [unify_punctuation(line) for line in lines]


def test_first_matching_agrees_with_rules_line_by_line() -> None:
    keys = [nfkc(line).strip() for line in _corpus()]
    edges = [index % 3 == 0 for index in range(len(keys))]
    expected = [
        next((r.reason for r in LINE_RULES if r.matches(key, edge)), None)
        for key, edge in zip(keys, edges, strict=True)
    ]
    assert first_matching(keys, edges) == expected
    assert sum(reason is not None for reason in expected) > 20  # the corpus exercises the rules


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["——", "当前位置:首页 > 范文"], [None, "breadcrumb"]),
        (["本文关键词", ":心得"], [None, None]),
        (["一是加强学习", "上一篇:范文"], [None, "prev-next"]),
    ],
)
def test_first_matching_never_matches_across_lines(
    lines: list[str], expected: list[str | None]
) -> None:
    assert first_matching(lines, [True] * len(lines)) == expected


@pytest.mark.parametrize(
    "line",
    [
        "相关文档推荐",
        "看过这篇的人还看了",
        "喜欢这篇文章的人还喜欢",
        "作者其他文章",
        "本周排行",
        "大家正在看",
        "您可能也喜欢",
        "更多家长会发言稿范文",
        "扩展阅读：",
        "您可能还会对下面的文章感兴趣：",
    ],
)
def test_a_related_list_heading_is_known_by_its_shape(line: str) -> None:
    assert is_related_heading(line)


@pytest.mark.parametrize(
    "line",
    [
        "推荐信范文",
        "最新入党申请书范文",
        "相关政策",
        "大家好",
        "发布会",
        "我也喜欢你",
        "优秀作文：我的老师",
    ],
)
def test_a_title_or_heading_with_words_of_its_own_is_no_related_heading(line: str) -> None:
    assert not is_related_heading(line)


@pytest.mark.parametrize(
    "line",
    ["»" * 60 + "x", "范文·  |" * 24, "#字\t" * 40 + "x", "作文 " * 50 + "。x", "1" * 70 + "x"],
)
def test_lines_that_made_a_rule_backtrack_without_end_are_judged(line: str) -> None:
    # Each hung the cleaner (nested quantifiers); they are no chrome of those rules now.
    assert first_matching([line.lower()], [True]) in ([None], ["pager"], ["related-list"])


def test_a_run_of_dots_before_no_marker_is_cut_at_once() -> None:
    assert TRUNCATION_SPAN.sub("", "." * 80 + "x") == "." * 80 + "x"
