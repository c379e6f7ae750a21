from __future__ import annotations

import pytest

from pipelines.clean.essays import announced_count, base_title, split_essays

BODY = ["各位同事：", "这是正文的第一段，内容充实。", "这是正文的第二段，结尾完整。"]


@pytest.mark.parametrize(
    ("title", "count"),
    [
        ("学习心得三篇", 3),
        ("工作总结(汇总16篇)", 16),
        ("心得体会【精选7篇】", 7),
        ("演讲稿合集10篇", 10),
        ("我的第一篇日记", None),
        ("读书心得", None),
    ],
)
def test_announced_count(title: str, count: int | None) -> None:
    assert announced_count(title) == count


@pytest.mark.parametrize(
    ("markers", "titles"),
    [
        (["【1】甲文", "【2】乙文", "【3】丙文"], ["甲文", "乙文", "丙文"]),
        (["学习心得篇一", "学习心得篇二", "学习心得篇三"], ["学习心得"] * 3),
        (["1.学习心得 篇一", "2.学习心得 篇二", "3.学习心得 篇三"], ["学习心得"] * 3),
        (["范文(一)", "范文(二)", "范文(三)"], ["学习心得"] * 3),
        (["第1篇 甲文", "第2篇 乙文", "第3篇 丙文"], ["甲文", "乙文", "丙文"]),
        (["学习心得范文第1篇", "学习心得范文第2篇", "学习心得范文第3篇"], ["学习心得"] * 3),
        (["范本一", "范本二", "范本三"], ["学习心得"] * 3),
        (
            ["学习心得【精选3篇】一", "学习心得【精选3篇】二", "学习心得【精选3篇】三"],
            ["学习心得"] * 3,
        ),
        (
            ["1、奋斗的青春", "2、平凡的坚守", "3、温暖的力量"],
            ["奋斗的青春", "平凡的坚守", "温暖的力量"],
        ),
        (["学习心得1:", "学习心得2:", "学习心得3:"], ["学习心得"] * 3),
        (["【范文一】", "【范文二】", "【范文三】"], ["学习心得"] * 3),
        (["学习心得精选1", "学习心得精选2", "学习心得精选3"], ["学习心得"] * 3),
        (["学习心得（一）", "学习心得（二）", "学习心得（三）"], ["学习心得"] * 3),
        (["学习心得体会1", "学习心得体会2", "学习心得体会3"], ["学习心得体会"] * 3),
        (
            ["（一）奋斗的青春", "（二）平凡的坚守", "（三）温暖的力量"],
            ["奋斗的青春", "平凡的坚守", "温暖的力量"],
        ),
    ],
)
def test_split_essays_by_style(markers: list[str], titles: list[str]) -> None:
    lines = [line for marker in markers for line in (marker, *BODY)]
    sections = split_essays(lines, "学习心得三篇")
    assert [s.title for s in sections] == titles
    assert all(s.lines == BODY for s in sections)


def test_weak_markers_need_the_announced_count() -> None:
    lines = [line for marker in ("1、奋斗的青春", "2、平凡的坚守") for line in (marker, *BODY)]
    assert len(split_essays(lines, "青春演讲稿")) == 1


def test_numbered_list_items_are_not_essays() -> None:
    lines = ["1、加强学习", "2、完善制度", "3、落实责任", *BODY]
    assert len(split_essays(lines, "工作总结三篇")) == 1


def test_base_title_drops_count_suffix() -> None:
    assert base_title("员工转正申请书(汇总3篇)") == "员工转正申请书"
    assert base_title("关于感恩的演讲稿合集3篇") == "关于感恩的演讲稿"
    assert base_title("学习心得范文三篇") == "学习心得"


def test_markers_that_end_in_a_number_must_share_their_title() -> None:
    markers = ("学习心得（一）", "工作回顾（二）", "下步打算（三）")
    lines = [line for marker in markers for line in (marker, *BODY)]
    assert len(split_essays(lines, "学习心得")) == 1
    markers = ("操作步骤1", "注意事项2", "常见问题3")
    lines = [line for marker in markers for line in (marker, *BODY)]
    assert len(split_essays(lines, "学习心得三篇")) == 1


def test_markers_repeating_the_pages_own_title_split_without_a_count() -> None:
    lines = ["教师读书心得1", *BODY, "教师读书心得2", *BODY]
    sections = split_essays(lines, "教师读书心得")
    assert [len(section.lines) for section in sections] == [3, 3]


def test_numbered_lines_naming_other_titles_do_not_split_without_a_count() -> None:
    lines = ["植树活动1", *BODY, "环保宣传2", *BODY]
    assert len(split_essays(lines, "教师读书心得")) == 1


def test_a_collection_whose_first_essay_is_unmarked_splits_at_the_second() -> None:
    prose = "妈妈是一名护士，每天很早就去上班，很晚才回家，从来不抱怨。"
    sections = split_essays([prose, "第二篇：我的爸爸", *BODY], "我的家人")
    assert [section.title for section in sections] == ["我的家人", "我的爸爸"]
    assert sections[0].lines == [prose] and sections[1].lines == BODY


def test_a_sentence_opening_with_di_er_pian_is_no_marker() -> None:
    prose = "妈妈是一名护士，每天很早就去上班，很晚才回家，从来不抱怨。"
    lines = [prose, "第二篇文章写的是爸爸，他是一名工人，每天都很辛苦。", *BODY]
    assert len(split_essays(lines, "我的家人")) == 1


def test_markers_that_change_style_midway_go_on_counting() -> None:
    markers = ["【篇一】", "【篇二】", "读书心得 篇三", "第4篇"]
    lines = [line for marker in markers for line in (marker, *BODY)]
    assert len(split_essays(lines, "读书心得（精选4篇）")) == 4


def test_a_sentence_that_opens_with_an_ordinal_of_pieces_is_no_marker() -> None:
    lines = [
        "今天我开始学着写日记了。",
        "第一篇日记写点什么呢？我想了想，就写我家的小兔子吧。",
        "小兔子的耳朵长长的，眼睛红红的。",
        "第二篇日记我打算写外婆家的菜园，明天再动笔。",
    ]
    assert [section.lines for section in split_essays(lines, "我的第一篇日记")] == [lines]


def test_a_bracketed_ordinal_of_pieces_opens_an_essay() -> None:
    lines = ["【第一篇】", *BODY, "【第二篇】", *BODY]
    assert len(split_essays(lines, "发言稿两篇")) == 2


def test_numbered_headings_naming_the_pages_title_open_its_essays() -> None:
    lines = ["一、学习委员竞选发言稿", *BODY, "二、学习委员竞选发言稿", *BODY]
    assert len(split_essays(lines, "学习委员竞选发言稿")) == 2
    lines = ["1. 初一学习委员竞选发言稿", *BODY, "2. 高二学习委员竞选发言稿", *BODY]
    sections = split_essays(lines, "学习委员竞选发言稿")
    assert [section.title for section in sections] == [
        "初一学习委员竞选发言稿",
        "高二学习委员竞选发言稿",
    ]
    # Numbered headings of one essay name other things: no split.
    lines = ["一、竞选理由", *BODY, "二、工作设想", *BODY]
    assert len(split_essays(lines, "学习委员竞选发言稿")) == 1


def test_a_series_name_before_the_ordinal_and_diary_numbering_open_essays() -> None:
    lines = ["感谢信范文 第1篇：致老师", *BODY, "感谢信范文 第2篇：致同学", *BODY]
    assert [s.title for s in split_essays(lines, "感谢信范文")] == ["致老师", "致同学"]
    lines = ["周记一：学游泳", *BODY, "周记二：包饺子", *BODY]
    assert [s.title for s in split_essays(lines, "初一周记")] == ["学游泳", "包饺子"]
