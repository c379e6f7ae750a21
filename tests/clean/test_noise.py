from __future__ import annotations

import pytest

from pipelines.clean.noise import site_names, strip_noise

NAME = "青柠范文网"


@pytest.mark.parametrize(
    ("line", "clean"),
    [
        ("我们要青柠范文网坚持学习，提高认识。", "我们要坚持学习，提高认识。"),
        ("坚持\u200b学习\u200d，提高认识😀。", "坚持学习，提高认识。"),
        ("`坚持`学习，提高认识。", "坚持学习，提高认识。"),
        ("今天我们/p>开会x0dx0a讨论<br/>完毕&nbsp;", "今天我们开会讨论完毕"),
        ("本帖最后由 admin 于 2019-3-2 10:21 编辑 会议开始", "会议开始"),
        ("學(xué)習(xí)是一种态度", "學習是一种态度"),
        ("学习相关制度www.qingning.com规定", "学习相关制度规定"),
        ("非常辛苦。作文吧www.zuowen-example.com但她从不抱怨", "非常辛苦。但她从不抱怨"),
        ("物联网(iot)技术发展迅速", "物联网(iot)技术发展迅速"),
        ("那天的口号声(某某範文網 moumou.tw)格外响亮。", "那天的口号声格外响亮。"),
        ("我们学到了很多。文/章/来/源/于/某/某/网", "我们学到了很多。"),
        ("他把“春/夏/秋/冬/晴/雨”六个字写在黑板上。", "他把“春/夏/秋/冬/晴/雨”六个字写在黑板上。"),
    ],
)
def test_strip_noise_cuts_noise_and_keeps_the_sentence(line: str, clean: str) -> None:
    assert strip_noise([line], (NAME,)) == ([clean], False)


def test_strip_noise_cuts_paywall_marker_and_flags_truncation() -> None:
    lines, truncated = strip_noise(["他说得很对。……此处隐藏3265个字……", "另一段。"])
    assert lines == ["他说得很对。", "另一段。"] and truncated


def test_site_names_come_from_title_and_slogan_not_prose() -> None:
    names = site_names(
        ["廉洁心得_心得体会_青柠范文网"],
        ["好好学习,天天向上,嘉禾范文网欢迎您!", "结果一步步越陷青柠范文网越深。"],
    )
    assert set(names) == {"青柠范文网", "嘉禾范文网"}


def test_converted_document_stamps_are_cut_out_of_the_text_they_are_glued_to() -> None:
    lines, _ = strip_noise(
        ["社区工作总结 名师归纳总结 - - - - - - - 一年来我们坚持服务居民。精品学习资料"]
    )
    assert lines == ["社区工作总结  一年来我们坚持服务居民。"]
    lines, _ = strip_noise(["全年共组织志愿活动十二次，服务居民两千余人次。优质办公资料汇编"])
    assert lines == ["全年共组织志愿活动十二次，服务居民两千余人次。"]
    # the words alone, without a collection's name, are prose
    lines, _ = strip_noise(["老师把优秀范文读给我们听。"])
    assert lines == ["老师把优秀范文读给我们听。"]


def test_bold_and_list_tags_left_as_text_are_cut() -> None:
    lines, _ = strip_noise(["<b>我家前院的一片草地，是我的小天地。</b><li>"])
    assert lines == ["我家前院的一片草地，是我的小天地。"]


def test_brackets_emptied_by_a_cut_name_go_with_it_and_a_blank_to_fill_stays() -> None:
    lines = [
        "我们（某某范文网 www.mumu-fw.com）认真落实了各项要求。",
        "填空：春天来了，（ ）绿了。",
    ]
    kept, _ = strip_noise(lines, ("某某范文网",))
    assert kept == ["我们认真落实了各项要求。", "填空：春天来了，（ ）绿了。"]


def test_a_line_left_with_no_words_by_a_marker_cut_goes_and_a_rule_of_dots_stays() -> None:
    marker = "……此处隐藏：2048字，完整内容请下载后查看。喜欢就下载吧……"
    lines, truncated = strip_noise(["会议由王主任主持。", marker, "※ ※ ※"])
    assert lines == ["会议由王主任主持。", "※ ※ ※"] and truncated


def test_an_excerpt_notice_asking_to_log_in_is_a_truncation_marker() -> None:
    lines, truncated = strip_noise(["第一，要学会倾听。", "——本文为节选，全文请登录后阅读——"])
    assert lines == ["第一，要学会倾听。"] and truncated


@pytest.mark.parametrize(
    ("line", "clean"),
    [
        ("尊敬的各位家长：$ ~7 v( J, u0 l", "尊敬的各位家长："),
        ("' y5 j6 i+ J: r% s第二，配合学校做好安排。", "第二，配合学校做好安排。"),
        ("孩子们很努力。0 S2 R3 f1 q/ p7 b( j", "孩子们很努力。"),
        ("3 + 5 = 8", "3 + 5 = 8"),
        ("春天 A B C 来了", "春天 A B C 来了"),
    ],
)
def test_forum_jammers_go_at_a_lines_edges_too_and_plain_ascii_stays(line: str, clean: str) -> None:
    assert strip_noise([line]) == ([clean], False)


def test_a_line_of_nothing_but_jammer_tokens_goes() -> None:
    assert strip_noise(["大家好。", "4 R( K& I: `. Z"]) == (["大家好。"], False)


@pytest.mark.parametrize(
    ("line", "clean"),
    [
        ("春天来了，（文章来源：晴川范文网）柳树发芽了。", "春天来了，柳树发芽了。"),
        ("【晴川范文网整理】春天来了，柳树发芽了。", "春天来了，柳树发芽了。"),
        ("春天来了。晴川范文网整理柳树发芽了。", "春天来了。柳树发芽了。"),
        (
            "春天来了，（选自《古诗三百首》）柳树发芽了。",
            "春天来了，（选自《古诗三百首》）柳树发芽了。",
        ),
    ],
)
def test_the_credit_around_a_cut_site_name_goes_with_it(line: str, clean: str) -> None:
    assert strip_noise([line], ("晴川范文网",)) == ([clean], False)


@pytest.mark.parametrize(
    "line",
    [
        "每天晚上，我都会打开www.people.com.cn看一看当天的新闻。",  # sent to in its own words
        "详见市教育局网站（jyj.example.gov.cn）发布的通知。",  # a government's site
        "有问题可以发邮件到teacher@example.com联系我。",  # an e-mail address
    ],
)
def test_an_address_the_text_cites_stays(line: str) -> None:
    assert strip_noise([line]) == ([line], False)


def test_an_essay_sites_address_goes_even_after_a_verb() -> None:
    assert "haofanwen" not in strip_noise(["请大家访问www.haofanwen.com阅读。"])[0][0]


@pytest.mark.parametrize(
    "line",
    [
        "老师让我们先阅读全文，再回答后面的问题。",
        "翻开书阅读全文的那一刻，我被深深吸引住了。",
        "期末时还有两个项目尚未完成验收。",
        "今年的任务未完结，明年还要继续努力。",
    ],
)
def test_words_of_a_paywall_marker_inside_a_sentence_stay(line: str) -> None:
    assert strip_noise([line]) == ([line], False)


@pytest.mark.parametrize(
    ("line", "clean"),
    [
        ("春天来了。点击阅读全文>>", "春天来了。"),
        ("春天来了……（未完，全文共2000字）", "春天来了"),
        ("我们走进了校园。未完待续", "我们走进了校园。"),
        ("做完早操……此处隐藏800个字……琅琅的读书声", "做完早操琅琅的读书声"),
    ],
)
def test_a_paywall_marker_set_apart_in_a_line_is_cut(line: str, clean: str) -> None:
    assert strip_noise([line]) == ([clean], True)
