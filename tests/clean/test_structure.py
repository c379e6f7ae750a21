from __future__ import annotations

import pytest

from pipelines.clean import Cleaned, structure
from pipelines.errors import NoArticleError

P1 = "我们始终把学习放在首位，坚持每周集中学习一次。"
P2 = "今后，我将继续努力，争取更大的进步。"


def _structure(*lines: str, title: str = "学习心得三篇"):
    return structure(Cleaned("http://x/1.html", title, None, (), None, None, None, list(lines)))


@pytest.mark.parametrize(
    "markers",
    [
        ("【1】学习心得", "【2】学习心得", "【3】学习心得"),
        ("篇一：学习心得", "篇二：学习心得", "篇三：学习心得"),
        ("范文一 学习心得", "范文二 学习心得", "范文三 学习心得"),
        ("第1篇 学习心得", "第2篇 学习心得", "第3篇 学习心得"),
        ("学习心得 篇一", "学习心得 篇二", "学习心得 篇三"),
    ],
)
def test_structure_splits_collection_at_counting_markers(markers: tuple[str, ...]) -> None:
    lines = [line for marker in markers for line in (marker, P1, P2)]
    document = _structure(*lines)
    assert [e.title for e in document.essays] == ["学习心得"] * 3
    assert all(e.text == f"{P1}\n\n{P2}" for e in document.essays)


def test_structure_takes_essay_title_from_next_line_after_bare_marker() -> None:
    document = _structure("篇一", "学习心得甲", P1, "篇二", "学习心得乙", P2)
    assert [e.title for e in document.essays] == ["学习心得甲", "学习心得乙"]


def test_structure_does_not_split_on_enumerations() -> None:
    document = _structure("第一，" + P1, "第二，" + P2, "第三，" + P1)
    assert len(document.essays) == 1 and document.essays[0].title == "学习心得三篇"


def test_structure_does_not_split_when_markers_do_not_count_from_one() -> None:
    assert len(_structure("【2】甲", P1, "【5】乙", P2).essays) == 1


def test_structure_joins_line_broken_mid_sentence() -> None:
    document = _structure(
        "机关干部下基层不但“身”", "要下，更重要的是", "“心”", "要下，真正走进农民的家。"
    )
    assert document.text == "机关干部下基层不但“身”要下，更重要的是“心”要下，真正走进农民的家。"


def test_structure_keeps_sign_off_lines_apart() -> None:
    lines = ["敬爱的党组织：", P1, "此致", "敬礼！", "申请人：王晓明", "2023年5月6日"]
    assert [b.text for b in _structure(*lines).essays[0].blocks] == lines


def test_a_notices_attachment_and_its_issuer_are_never_joined_to_a_line() -> None:
    lines = [P1, "附件：第二季度各班卫生检查评分汇总表", "城关第三小学少先队大队部", "2024年4月2日"]
    assert [b.text for b in _structure(*lines).essays[0].blocks] == lines
    unfinished = "望全体队员以他们为榜样，勤学苦练"
    lines = [P1, unfinished, "城关第三小学少先队大队部"]
    assert [b.text for b in _structure(*lines).essays[0].blocks] == lines


def test_quotations_with_their_authors_stay_items_of_their_own() -> None:
    items = [
        "1. 学而不思则罔，思而不学则殆。——孔子",
        "2. 知识就是力量。——培根",
        "业精于勤，荒于嬉。——韩愈",
        "天才就是百分之九十九的汗水加百分之一的灵感。——爱迪生",
    ]
    assert [b.text for b in _structure(*items).essays[0].blocks] == items


def test_a_note_in_brackets_or_a_forms_field_is_never_joined_to_the_next_line() -> None:
    lines = [P1, "（联系人：李明，电话：12345678）", "电子邮箱：someone@example.com", P2]
    assert [b.text for b in _structure(*lines).essays[0].blocks] == lines


def test_structure_keeps_short_subtitle_apart() -> None:
    assert len(_structure("加强作风建设", P1).essays[0].blocks) == 2


@pytest.mark.parametrize(
    ("line", "level", "heading"),
    [
        ("一、基本情况", 1, "一、基本情况"),
        ("（一）加强组织领导", 2, "（一）加强组织领导"),
        ("(二)加强组织领导", 2, "（二）加强组织领导"),
        ("1.提高思想认识", 3, "1.提高思想认识"),
        ("2、完善工作制度：", 3, "2、完善工作制度："),
        ("（3）落实责任", 4, "（3）落实责任"),
    ],
)
def test_structure_recognises_heading_styles(line: str, level: int, heading: str) -> None:
    block = _structure(line, P1).essays[0].blocks[0]
    assert (block.type, block.level, block.text) == ("heading", level, heading)


def test_structure_splits_run_in_heading_from_its_paragraph() -> None:
    blocks = _structure("一、抓好两个环节，夯实工作基础。" + P1).essays[0].blocks
    assert [(b.type, b.text) for b in blocks] == [
        ("heading", "一、抓好两个环节，夯实工作基础。"),
        ("paragraph", P1),
    ]


def test_structure_treats_numbered_sentence_as_list_item() -> None:
    block = _structure("1、全年完成销售额300万元。", P1).essays[0].blocks[0]
    assert block.type == "paragraph"


def test_structure_unifies_punctuation() -> None:
    assert _structure("我们,一起努力!", P1).essays[0].text == f"我们，一起努力！\n\n{P1}"


def test_structure_raises_when_no_article_text() -> None:
    with pytest.raises(NoArticleError):
        _structure("首页", "登录")


def test_structure_joins_one_sentence_per_line_pages_into_paragraphs() -> None:
    sentences = [f"这是第{n}句话，讲的是学习的体会。" for n in range(1, 11)]
    blocks = (
        _structure("一、学习体会", *sentences[:5], "二、今后打算", *sentences[5:]).essays[0].blocks
    )
    assert [(b.type, b.text) for b in blocks] == [
        ("heading", "一、学习体会"),
        ("paragraph", "".join(sentences[:5])),
        ("heading", "二、今后打算"),
        ("paragraph", "".join(sentences[5:])),
    ]


def test_structure_keeps_ordinary_paragraphs_apart() -> None:
    paragraphs = [f"第{n}段的第一句话。第{n}段的第二句话，内容更长一些。" for n in range(1, 11)]
    assert len(_structure(*paragraphs).essays[0].blocks) == 10


def test_a_number_with_grouped_thousands_is_no_clause_to_continue() -> None:
    assert [b.text for b in _structure("全年产量 1,203", P1).essays[0].blocks] == [
        "全年产量 1,203",
        P1,
    ]
    assert len(_structure("全年产量,", P1).essays[0].blocks) == 1


def test_a_traditional_pages_titles_come_out_in_the_texts_script() -> None:
    title = "讀書心得（精選3篇）"
    cleaned = Cleaned(
        "http://x/1.html", title, None, (), None, None, None, [P1], flags=("traditional",)
    )
    document = structure(cleaned)
    assert document.title == "读书心得（精选3篇）"
    assert [essay.title for essay in document.essays] == ["读书心得（精选3篇）"]


def test_the_short_lines_of_a_verse_are_never_joined() -> None:
    verse = ["小河，你慢慢地流", "流过村口", "流过田野", "流进我的梦里", "妈妈在河边", "洗着衣裳"]
    assert [b.text for b in _structure(P1, *verse).essays[0].blocks] == [P1, *verse]


def test_an_english_composition_is_an_article() -> None:
    lines = [
        "Dear Tom,",
        "I am very happy to hear from you. Last Sunday my class went to the park near our school.",
        "We played games, flew kites and had a picnic under the big trees. It was a wonderful day.",
        "Yours,",
        "Li Ming",
    ]
    assert [b.text for b in _structure(*lines, title="A Letter").essays[0].blocks] == lines


def test_a_numbered_item_wrapped_mid_sentence_is_joined_with_its_rest() -> None:
    lines = [
        "（二）加强校门管理，严格执行外来人员登记制度，上下学时段安排教师在校门口值",
        "守，确保学生进出安全。",
        "（三）加强宣传",
    ]
    blocks = [b.text for b in _structure(*lines).essays[0].blocks]
    assert blocks == [
        "（二）加强校门管理，严格执行外来人员登记制度，上下学时段安排教师在校门口值守，确保学生进出安全。",
        "（三）加强宣传",
    ]
