from __future__ import annotations

import pytest

from pipelines.clean.glued import split_glued

_PROSE = "清晨的操场上，同学们排着整齐的队伍做早操，老师在一旁认真地纠正每个人的动作。"


@pytest.mark.parametrize(
    "prefix",
    [
        "首页 > 小学作文 > 写景作文 > 清晨的操场",
        "网站首页 » 作文大全 » 清晨的操场",
        "作者：林小舟 来源：原创投稿",
        "发布时间：2024-03-08 09:15 编辑：小周 浏览：301",
        "發佈時間：2024-03-08 瀏覽：301",  # traditional script
        "作者：林小舟 | 来源：网络 | 时间：2024-03-08",  # set apart by bars
        "作者：四年级一班 林小舟 时间：2024-03-08",  # a value with a space
    ],
)
def test_a_trail_or_a_row_of_labels_glued_before_prose_is_split_off(prefix: str) -> None:
    assert split_glued([f"{prefix} {_PROSE}"]) == [prefix, _PROSE]


@pytest.mark.parametrize(
    "line",
    [
        _PROSE,
        "首页 > 小学作文 > 写景作文 > 清晨的操场",  # all chrome: the rules see it whole
        "作者：林小舟 来源：原创投稿 浏览：301",
        "时间：5月12日 地点：学校会议室 今天的会议由校长主持，全体教师参加。",  # one label
        "A > B > C 短句",  # no prose after it
    ],
)
def test_a_line_without_prose_after_chrome_is_left_whole(line: str) -> None:
    assert split_glued([line]) == [line]


@pytest.mark.parametrize("tail", ["上一篇：春游记", "分享到：微信 QQ 微博", "阅读(326) 评论(2)"])
def test_chrome_the_rules_know_glued_after_the_last_sentence_is_split_off(tail: str) -> None:
    assert split_glued([_PROSE + tail]) == [_PROSE, tail]


@pytest.mark.parametrize("tail", ["我想", "”他说完就走了", "可是第二天早上"])
def test_words_after_the_last_sentence_that_are_no_chrome_stay(tail: str) -> None:
    assert split_glued([_PROSE + tail]) == [_PROSE + tail]


def test_a_notice_run_on_after_a_signature_is_split_off() -> None:
    line = "申请人：周洋 2024年5月6日 免责声明：本站文章来自网络，如有侵权请联系删除。"
    assert split_glued([line]) == ["申请人：周洋 2024年5月6日", line[line.index("免责") :]]
    sentence = "我们要尊重别人的版权声明：这是做人的基本素养。"
    assert split_glued([sentence]) == [sentence]


def test_a_line_of_labels_with_blank_values_is_no_row_and_is_judged_at_once() -> None:
    # A single pattern for the row backtracked for minutes on this line.
    line = "作者：    " * 30 + "春天来了，小草从地里探出头来，好奇地打量着这个世界。"
    assert split_glued([line]) == [line]


@pytest.mark.parametrize(
    "tail",
    [
        "本文出自某某文章网，更多好文请关注。",
        "以上内容由晴川范文网整理，版权归原作者所有。",
        "本文来源于网络。转载请注明出处。",  # two sentences of chrome
    ],
)
def test_sentences_of_chrome_at_a_paragraphs_end_are_split_off(tail: str) -> None:
    assert split_glued([_PROSE + tail]) == [_PROSE, tail]


def test_a_sentence_quoting_a_notice_at_a_paragraphs_end_stays() -> None:
    line = _PROSE + "门口的牌子上写着“转载请注明出处”。"
    assert split_glued([line]) == [line]


def test_an_address_dropped_into_a_paragraph_is_taken_out_of_it() -> None:
    before = "清晨的操场上，同学们排着整齐的队伍做早操。"
    after = "老师在一旁认真地纠正每个人的动作。"
    for injected in ("欢迎访问晴川范文网 www.qingchuan.com", "更多好文尽在：qcfw.net"):
        assert split_glued([f"{before}{injected} {after}"]) == [before + after, injected]


def test_a_bracketed_label_before_a_line_is_split_off_whatever_follows() -> None:
    assert split_glued(["【来源：晴川范文网】各位来宾："]) == ["【来源：晴川范文网】", "各位来宾："]
    assert split_glued(["【题目】各位来宾："]) == ["【题目】各位来宾："]


def test_a_line_with_many_addresses_dropped_in_is_split_in_one_pass() -> None:
    # One scan of the line finds them all (scanning again for each took seconds on a line of
    # addresses run together), and they come out in order.
    sentence = "清晨的操场上，同学们排着整齐的队伍做早操。欢迎访问晴川范文网 www.qcfanwen.com "
    line = sentence * 50 + "老师在一旁认真地纠正每个人的动作。"
    parts = split_glued([line])
    assert "www." not in parts[0] and parts[0].count("做早操。") == 50
    assert parts[1:] == ["欢迎访问晴川范文网 www.qcfanwen.com"] * 50


def test_chrome_run_on_after_a_space_at_a_paragraphs_end_goes_on_lines_of_its_own() -> None:
    # A page's text taken whole: the last paragraph, cut off mid-sentence, runs on into the
    # library's notices after a space.
    paragraph = _PROSE * 3 + "第二天早上，我们又来到操场上，继续练习"
    chrome = ["试读已结束，如需继续阅读请下载", "本文档由用户上传，如有侵权请联系删除"]
    assert split_glued([" ".join([paragraph, *chrome])]) == [paragraph, *chrome]
    # A space inside the prose, with no chrome after it, stays.
    spaced = _PROSE * 3 + "老师说 这就是坚持的力量。"
    assert split_glued([spaced]) == [spaced]
