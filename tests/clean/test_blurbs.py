"""Editors' blurbs: scored by independent cues, in either script, cut out of prose."""

from __future__ import annotations

import pytest

from pipelines.clean.blurbs import cue_lines, cut_blurb_sentences, is_blurb_line
from pipelines.clean.lineshape import fold_lines


def _key(line: str) -> str:
    return fold_lines([line])[0]


@pytest.mark.parametrize(
    "line",
    [
        "下面是小编为大家整理的读书心得体会范文两篇，希望对大家有所帮助。",
        "以下是小編精心收集的述職報告，僅供參考。",  # traditional script
        "很多人不知道请柬怎么写，接下来为大家介绍请柬的格式，供大家参考。",
        "下面这篇春天的作文，一起来欣赏一下吧！",
        "以上就是本站为您准备的全部内容，感谢您的阅读。",
        "希望大家喜欢。",  # a short closing wish alone
    ],
)
def test_blurbs_are_found_in_any_script(line: str) -> None:
    assert is_blurb_line(_key(line))


@pytest.mark.parametrize(
    "line",
    [
        "今天，我为大家介绍一下我们的学校和老师们。",  # a speech: one cue only
        "希望我们每个人都能珍惜时间，在新的一年里取得更好的成绩，不辜负父母和老师的期望。",
        "小编这个词我第一次听说，是在表哥的杂志社里。",
    ],
)
def test_prose_with_one_cue_is_not_a_blurb(line: str) -> None:
    assert not is_blurb_line(_key(line))


def test_blurb_sentences_are_cut_out_of_a_paragraph_and_the_rest_kept() -> None:
    line = "我们科室今年共接诊病人八千余人次。下面是小编为您带来的护理工作总结，希望对您有所帮助。"
    rest, cut = cut_blurb_sentences(line)
    assert rest == "我们科室今年共接诊病人八千余人次。"
    assert cut == ["下面是小编为您带来的护理工作总结，希望对您有所帮助。"]


def test_cue_lines_names_the_lines_worth_scoring() -> None:
    keys = [_key(line) for line in ("春天来了。", "小编推荐", "欢迎阅读", "我们去公园。")]
    assert cue_lines(keys) == {1, 2}
