"""Line shapes: chrome known by its form (crumbs, menus, stamps, label runs, bare addresses)."""

from __future__ import annotations

import pytest

from pipelines.clean.lineshape import (
    fold_lines,
    is_title_list_item,
    label_runs,
    menu_runs,
    shape_reason,
)


def test_fold_lines_makes_one_key_per_line_in_simplified_lower_case() -> None:
    keys = fold_lines(["當前位置：首頁", "學(xué)習(xí)心得", "ＡＢＣ", "(", "xué)"])
    assert keys == ["当前位置:首页", "学习心得", "abc", "(", "xué)"]


def test_fold_lines_closes_up_a_spaced_out_label_but_not_a_menu() -> None:
    keys = fold_lines(["作　者：张三", "关 键 词:读书", "首页 心得 总结 演讲 申请 范文"])
    assert keys == ["作者:张三", "关键词:读书", "首页 心得 总结 演讲 申请 范文"]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("首页 > 心得体会 > 读书心得", "breadcrumb"),
        ("某某范文网 >", "breadcrumb"),
        ("网站首页 心得体会 工作总结 演讲稿 申请书 实用文", "nav-bar"),
        ("首页学院概况党建工作师资队伍招生就业", "nav-bar"),
        ("2024-03-05 10:12 心得体会 我要投稿", "meta-line"),
        ("栏目: 读书心得 / 发布于: / 人气:3.1w", "meta-line"),
        ("阅读(1024) 评论(3)", "meta-line"),
        ("分享 收藏 打印 关闭", "meta-line"),
        ("举报/反馈", "meta-line"),
        ("4.5 (12) 2019-03-05 · 12页", "meta-line"),
        ("2021-03-05 12:00 · 某某教育号", "meta-line"),
        ("查看: 1234|回复: 5", "meta-line"),
        ("某某作文网 www.example.com,最新作文每日更新", "site-url"),
        (
            "新品上市一区,精品女装二区,时尚潮流三区,热门推荐四区,夏季新款五区,秋冬上新六区,www.example.com",
            "keyword-stuffing",
        ),
        ("【关键词】读书 心得 体会", "keywords-line"),
        ("【作者】张明 【来源】校报", "meta-line"),
        ("【本文地址】https://fanwen.example.org/1.html", "meta-line"),
        ("???°???±???????§?????????à???????ú?ú", "garbled"),
        ("« 难忘的一次春游", "prev-next"),
        ("（广告）", "promo"),
        ("- AD -", "promo"),
        ("我的语文老师 »", "prev-next"),
    ],
)
def test_chrome_lines_are_known_by_their_shape(line: str, reason: str) -> None:
    assert shape_reason(fold_lines([line])[0]) == reason


@pytest.mark.parametrize(
    "line",
    [
        "寒假里我读完了一本关于乡村教师的小说，书中的主人公在山村小学教了三十年书。",
        "3月5日 星期一 晴",  # a diary entry's date line
        "2023年12月8日",  # a letter's date
        "会议时间：2023年3月5日 14:30，地点：三楼会议室",  # meeting notes keep their time
        "读书心得体会范文两篇",
        "一、提高认识，明确目标",
        "【作文题目】",  # a label, but not a chrome one
        "【推荐】2024年班主任工作总结",  # a title with its decoration
        "从“《红楼梦》”到“《西游记》”，他读完了四大名著。",
    ],
)
def test_essay_lines_have_no_chrome_shape(line: str) -> None:
    assert shape_reason(fold_lines([line])[0]) is None


def test_bulleted_titles_with_a_count_are_links_to_other_articles() -> None:
    assert is_title_list_item("- 2025年安全生产倡议书(精选12篇)")
    assert not is_title_list_item("- 每天锻炼一小时，坚持了一个学期。")


def test_fold_lines_gives_one_key_per_line_even_when_a_line_holds_a_newline() -> None:
    assert fold_lines(["上一篇\n下一篇", "學習"]) == ["上一篇 下一篇", "学习"]


_BODY = "清晨的操场上，同学们排着整齐的队伍做早操，老师在一旁认真地纠正每个人的动作。"


def test_a_menu_one_item_per_line_is_a_run_above_or_below_the_prose() -> None:
    menu = ["首页", "作文大全", "", "小学作文", "初中作文", "news"]
    keys = [*menu, "早操", _BODY, _BODY, "关于我们", "联系我们", "网站地图", "免责声明"]
    found = menu_runs(keys)
    assert found == {0, 1, 3, 4, 5, 9, 10, 11, 12}
    # The short line right above the prose is where a title stands: never part of the run.
    assert 6 not in found


def test_short_lines_inside_the_essay_or_too_few_are_no_menu() -> None:
    items = ["春", "夏", "秋", "冬", "四季"]
    assert menu_runs([_BODY, *items, _BODY]) == set()  # between prose lines
    assert menu_runs(["首页", "范文", "早操", _BODY]) == set()  # two items and a title
    ordinals = ["第一篇", "第二篇", "第三篇", "2024", "早操"]
    assert menu_runs([*ordinals, _BODY]) == set()
    # The text may end in short sentences: short lines above one are the text's too.
    verse = ["国庆小诗", "祖国啊祖国", "您是东方的巨龙", "祝您生日快乐", "国庆祝福语"]
    assert menu_runs([_BODY, *verse, "1、金秋十月，举国同庆！"]) == set()


def test_a_title_next_to_a_menu_is_no_item_of_it() -> None:
    keys = ["消防演练心得体会", "展开全部", "满意答案", "追问", "收起", _BODY]
    assert menu_runs(keys) == {1, 2, 3}  # and 收起, right above the prose, stays out too


def test_a_chrome_sentence_below_a_footer_menu_is_no_prose() -> None:
    notice = "网友评论仅供其表达个人看法，并不表明本站同意其观点或证实其描述"
    keys = [_BODY, "发表评论", "昵称", "验证码", "提交", notice]
    assert menu_runs(keys) == set()  # the notice looks like prose: the run is inside
    assert menu_runs(keys, [False, False, False, False, False, True]) == {1, 2, 3, 4}


def test_a_title_among_lines_already_known_as_chrome_is_no_menu_item() -> None:
    # the title, then buttons the rules already know, then a counter line, then the prose
    keys = ["早操", "列印", "转寄", "回上页", "点阅数:1234", _BODY]
    known = [False, True, True, True, True, False]
    assert 0 not in menu_runs(keys, known)
    # a menu needs items of its own: four lines of which only one is not known chrome are none
    keys = ["首页", "早操", "登录", "注册", _BODY, _BODY]
    assert menu_runs(keys, [True, False, True, True, False, False]) == set()


def test_a_poems_lines_are_no_menu() -> None:
    poem = ["春风轻轻吹", "柳枝绿油油", "燕子飞回来", "小草探出头"]
    assert menu_runs(["春天的小诗", *poem, _BODY]) == set()
    # a menu's items of one length share their words, and are still a menu
    menu = ["三年级作文", "四年级作文", "五年级作文", "六年级作文"]
    assert set(range(4)) <= menu_runs([*menu, "早操的故事", _BODY])


def test_a_bracketed_field_in_a_run_of_known_fields_is_a_field_whatever_its_label() -> None:
    keys = ["【标题】难忘的一件事", "【作者】陈小雨", "【文体】记叙文", "【适用】初中", "正文。"]
    known = [False, True, True, False, False]
    assert label_runs(keys, known) == {3}  # the title's own label is never a field


def test_bracketed_headings_of_a_lesson_plan_are_no_fields() -> None:
    keys = [
        "【教学目标】",
        "1.了解作者的思想感情。",
        "【教学重点】品味语言",
        "【教学难点】情景交融",
    ]
    assert label_runs(keys, [False] * 4) == set()
    # two known fields among four do not make a run of fields
    keys = ["【作者】某某", "【来源】网络", "【教学重点】品味语言", "【教学难点】情景交融"]
    assert label_runs(keys, [True, True, False, False]) == set()


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        ("年终工作总结 年终总结范文 年终总结怎么写", "keyword-stuffing"),
        ("床前明月光 疑是地上霜 举头望明月 低头思故乡", None),  # a poem spaced out
        ("春天来了 春天到了 春天真美", None),  # a child's verse names no search word
    ],
)
def test_search_phrases_in_a_row_sharing_words_are_keyword_stuffing(
    key: str, reason: str | None
) -> None:
    assert shape_reason(key) == reason


def test_the_short_title_ending_a_menu_run_stays_out_with_a_byline_before_the_prose() -> None:
    prose = "我的妈妈是一位普通的工人，她每天早出晚归，非常辛苦，但是她从来不抱怨。"
    keys = ["首页", "小学作文", "初中作文", "高中作文", "三年级", "我的妈妈", "作者:小明", prose]
    known = [False] * 6 + [True, False]
    assert menu_runs(keys, known) == {0, 1, 2, 3, 4}


def test_a_letters_closing_or_a_short_verse_after_the_text_is_no_menu() -> None:
    closing = ["此致", "敬礼", "您的学生", "林小舟"]
    assert menu_runs([_BODY, _BODY, *closing]) == set()
    verse = ["风儿吹了", "树叶落了", "小鸟飞了", "秋天到了"]
    assert menu_runs([_BODY, _BODY, *verse]) == set()
    footer = ["关于我们", "联系我们", "网站地图", "免责声明"]
    assert menu_runs([_BODY, _BODY, *footer]) == {2, 3, 4, 5}
