"""Titles from evidence: never a host, a site's name or a section word."""

from __future__ import annotations

from pipelines.clean.title import (
    choose_title,
    echoes_title,
    is_site_like,
    title_line,
    title_segments,
)


def _choose(lines: list[str], html_title: str | None = None, h1: str | None = None) -> str:
    return choose_title(html_title, h1, lines, [False] * len(lines), ("青松范文网",))


def test_title_segments_drop_hosts_site_names_and_section_words() -> None:
    assert title_segments("读书心得体会范文两篇_心得体会_青松范文网", ("青松范文网",)) == [
        "读书心得体会范文两篇"
    ]
    assert title_segments("www.example.com") == []


def test_a_host_only_title_sends_the_choice_to_the_body() -> None:
    lines = [
        "读书心得体会范文两篇",
        "寒假里我读完了一本关于乡村教师的小说，书中的主人公在山村小学教了三十年书。",
    ]
    assert _choose(lines, html_title="www.example.com") == "读书心得体会范文两篇"


def test_the_title_segment_picks_the_body_line_that_spells_it_out() -> None:
    lines = ["读书心得体会范文两篇(精选)", "正文第一段，写得很长很长，足以看出是正文而不是标题。"]
    title = _choose(lines, html_title="读书心得体会范文两篇_青松范文网")
    assert title == "读书心得体会范文两篇(精选)"


def test_a_section_word_above_the_title_is_passed_over() -> None:
    lines = ["实习报告", "会计专业的实习报告", "时间过得很快，三个月的实习结束了，我有很多收获。"]
    assert _choose(lines) == "会计专业的实习报告"


def test_a_line_the_page_repeats_is_preferred() -> None:
    lines = [
        "心得",
        "小学生安全教育心得体会",
        "小学生安全教育心得体会 篇1",
        "安全是大事，我们要时刻牢记。",
    ]
    assert _choose(lines) == "小学生安全教育心得体会"


def test_h1_wins_when_the_title_segments_agree_with_it() -> None:
    title = _choose(["随便一行"], html_title="国庆节演讲稿_演讲稿_青松范文网", h1="国庆节演讲稿")
    assert title == "国庆节演讲稿"


def test_a_file_name_loses_its_extension() -> None:
    assert (
        _choose(["社区工作总结.docx", "社区工作总结", "一年来社区工作取得了进展。"])
        == "社区工作总结"
    )


def test_author_lines_and_greetings_are_not_titles() -> None:
    lines = ["大家上午好！", "六一儿童节家长会发言稿 篇1", "尊敬的各位家长：", "感谢大家的到来。"]
    assert _choose(lines) == "六一儿童节家长会发言稿 篇1"


def test_a_line_the_navigation_names_mid_trail_is_a_section_or_the_site_not_the_title() -> None:
    prose = "妈妈每天清晨五点就起床，为全家人准备早饭，然后骑车去工厂上班，从来没有一句怨言。"
    lines = ["成长故事", "我的妈妈", prose]
    assert _choose(lines) == "成长故事"  # no navigation: the first line
    trail = ["首页>成长故事>我的妈妈"]
    assert choose_title(None, None, lines, [False] * 3, (), None, trail) == "我的妈妈"
    # A composition site's section counts against itself, navigation or not.
    assert _choose(["小学五年级作文", "我的妈妈", prose]) == "我的妈妈"
    trail = ["首页>小学五年级作文>我的妈妈"]
    site = ["文萃咖", "我的妈妈", prose]
    notice = ["copyright©2024文萃咖版权所有"]
    assert choose_title(None, None, site, [False] * 3, (), None, notice) == "我的妈妈"
    # The article's name at the trail's end, or quoted inside it, is no penalty.
    lines = ["我的妈妈", "小学五年级作文", prose]
    assert choose_title(None, None, lines, [False] * 3, (), None, trail) == "我的妈妈"


_PROSE = "春天到了，校园里的柳树抽出了新芽，同学们在操场上放风筝，笑声传得很远很远。"
_HEADLINES = ["我市启动春季植树活动", "第十届校园读书节开幕", "暑期防溺水安全提醒"]


def test_headlines_of_other_articles_listed_above_the_title_are_passed_over() -> None:
    assert _choose([*_HEADLINES, "我的植物朋友", _PROSE]) == "我的植物朋友"
    # a title with a label and a colon after the list, then an author line
    lines = [*_HEADLINES, "", "小学生作文：春游", "三年级二班 李明", _PROSE]
    assert _choose(lines) == "小学生作文：春游"


def test_the_title_ending_a_list_is_kept_when_an_author_or_its_sub_heading_follows() -> None:
    assert _choose([*_HEADLINES, "我的植物朋友", "三年级二班 李明", _PROSE]) == "我的植物朋友"
    lines = [*_HEADLINES, "读书心得体会3篇", "读书心得体会篇一", _PROSE]
    assert _choose(lines) == "读书心得体会3篇"


def test_lines_sharing_words_are_no_list() -> None:
    lines = ["年度工作总结", "年度工作总结范文", "年度工作总结范文三篇", _PROSE]
    assert _choose(lines) == "年度工作总结"


def test_the_title_below_a_list_longer_than_the_window_is_found_above_the_prose() -> None:
    headlines = [
        *_HEADLINES,
        "图书馆延长开放时间",
        "全市中小学开展消防演练",
        "高考报名工作即将开始",
        "城区新增三条公交线路",
        "秋季运动会圆满落幕",
        "老年大学新学期招生",
    ]
    assert _choose([*headlines, "我的植物朋友", _PROSE]) == "我的植物朋友"


_OPENING = "开学第一周，我们班的同学就把教室布置得焕然一新，墙上贴满了大家的书法作品。"


def _with_chrome(lines: list[str], chrome: set[int]) -> str:
    flags = [index in chrome for index in range(len(lines))]
    return choose_title(None, None, lines, flags, ("青松范文网",))


def test_the_line_right_above_the_prose_beats_a_shorter_name_above_it() -> None:
    # a site's name without a suffix, a login row, the title, a date row, then the essay
    lines = ["松间书屋读书会", "登录 注册", "新学期班级布置小记", "2024-09-06 阅 310", _OPENING]
    assert _with_chrome(lines, {1, 3}) == "新学期班级布置小记"


def test_no_line_below_the_first_prose_is_the_title() -> None:
    lines = ["新学期", _OPENING, "教室里的绿萝和吊兰", "我们班的小小图书角"]
    assert _choose(lines) == "新学期"


def test_a_sub_essay_heading_or_a_person_credit_above_the_prose_does_not_win() -> None:
    lines = ["新学期班级布置心得(精选2篇)", "新学期班级布置心得1", _OPENING]
    assert _choose(lines) == "新学期班级布置心得(精选2篇)"
    lines = ["论专注", "初二(5)班 周小舟", "指导老师：孙老师", _OPENING]
    assert _choose(lines) == "论专注"


def test_promotional_tags_forum_marks_and_document_decorations_are_dropped() -> None:
    assert _choose(["【推薦】新學期班級佈置心得", _OPENING]) == "新學期班級佈置心得"
    assert _choose(["新学期班级布置心得 [复制链接]", _OPENING]) == "新学期班级布置心得"
    assert _choose(["(word完整版)新学期班级布置心得", _OPENING]) == "新学期班级布置心得"


def test_a_label_in_brackets_alone_is_no_title() -> None:
    assert _choose(["[广告位]", "新学期小记", _OPENING]) == "新学期小记"


def test_the_candidate_the_keyword_line_names_is_preferred() -> None:
    lines = [
        "三年级作文",
        "新学期班级布置",
        "小学生优秀作文",
        "关键词：新学期班级布置，三年级",
        _OPENING,
    ]
    assert _with_chrome(lines, {3}) == "新学期班级布置"


def test_a_collection_without_a_title_line_is_named_by_its_first_essay_not_its_marker() -> None:
    lines = ["【篇一】培训心得体会", _OPENING, "【篇二】培训心得体会", _OPENING]
    assert _choose(lines) == "培训心得体会"


def test_the_titles_own_line_is_found_before_a_section_word_it_contains() -> None:
    keys = ["心得体会", "心得体会", "教师培训心得体会", _OPENING]
    assert title_line("教师培训心得体会", keys) == 2
    assert title_line("教师培训心得体会", ["心得体会", _OPENING]) == 0  # overlap, as before


def test_a_line_holding_the_title_among_title_separators_echoes_the_title() -> None:
    assert echoes_title("我的妈妈 - 小学作文 - 作文吧", "我的妈妈")
    assert echoes_title("我的妈妈_作文吧", "我的妈妈")
    assert not echoes_title("我的妈妈 - 小学作文 - 作文吧", "我的爸爸")
    assert not echoes_title("我的妈妈", "我的妈妈")  # the title's own line is a plain repeat


def test_a_label_naming_the_line_as_the_title_is_dropped() -> None:
    assert _choose(["【标题】难忘的一件事", "【作者】陈小雨", _OPENING]) == "难忘的一件事"
    assert _choose(["題目：難忘的一件事", _OPENING]) == "難忘的一件事"
    assert _choose(["标题 难忘的一件事", _OPENING]) == "难忘的一件事"  # a forum post's header


def test_a_blogs_name_is_site_like() -> None:
    assert is_site_like("小明的部落格") and is_site_like("王老师的博客")
    assert not is_site_like("我的博客生活")


def test_a_longer_label_line_above_does_not_stop_the_line_above_the_prose() -> None:
    lines = ["暑假见闻", "文章分类：生活随笔与游记", "我的暑假生活", "发表于 2021-08-30", _OPENING]
    assert _with_chrome(lines, {3}) == "我的暑假生活"


def test_the_line_above_the_prose_that_spells_out_a_section_word_above_it_wins() -> None:
    lines = ["工作总结", "个人工作总结", "2024年度个人工作总结", _OPENING]
    assert _choose(lines) == "2024年度个人工作总结"


def test_a_title_printed_with_its_section_and_site_gives_its_first_part() -> None:
    assert _choose(["我的妈妈作文300字_小学作文_作文吧", _OPENING]) == "我的妈妈作文300字"
    assert _with_chrome(["我的妈妈 - 作文吧", _OPENING], {0}) == "我的妈妈"


def test_a_trails_end_is_the_title_when_no_line_gives_one() -> None:
    lines = ["首页 > 小学作文 > 三年级 > 我的妈妈作文300字", _OPENING]
    assert _with_chrome(lines, {0}) == "我的妈妈作文300字"
    assert _with_chrome(["首页 > 小学作文 > 三年级", _OPENING], {0}) == ""  # a section word


def test_a_menu_or_a_subtitle_is_no_title_printed_with_its_site() -> None:
    assert _with_chrome(["首页 | 工作总结 | 心得体会", _OPENING], {0}) == ""
    assert _choose(["我的妈妈 - 一个平凡而伟大的人", _OPENING]) == "我的妈妈 - 一个平凡而伟大的人"


def test_a_title_ending_in_daquan_names_its_topic_and_is_no_site() -> None:
    assert not is_site_like("年终工作总结范文大全")
    assert is_site_like("作文大全") and is_site_like("中华范文大全")


def test_a_short_title_among_sections_and_a_byline_above_the_prose_is_found() -> None:
    lines = ["小学作文", "三年级", "我的妈妈", "作者：小明", "指导老师：王老师", _OPENING]
    assert _with_chrome(lines, {3, 4}) == "我的妈妈"


def test_the_line_over_the_byline_is_the_title_of_a_poem_of_short_lines() -> None:
    poem = ["春天来了", "小草绿了", "花儿开了", "燕子回来了", "春天来了", "我们笑了"]
    lines = ["首页 > 诗歌 > 现代诗", "春天", "作者：李华", *poem, "“妈妈，春天在哪里？”"]
    assert _with_chrome(lines, {0, 2}) == "春天"


def test_the_title_printed_with_a_long_site_name_counts_as_its_repeat() -> None:
    lines = [
        "读书笔记三则 - 某某某的个人图书馆",
        "读书笔记三则",
        "晨读时光的馆藏",
        "作者：李华",
        _PROSE,
    ]
    assert choose_title(None, None, lines, [False] * len(lines)) == "读书笔记三则"


def test_items_of_a_list_under_a_heading_above_the_title_are_other_articles() -> None:
    lines = ["专题推荐：", "国庆节见闻作文三百字", "元宵节", "难忘的一次旅行", _OPENING]
    assert _with_chrome(lines, {0}) == "难忘的一次旅行"


def test_a_title_printed_with_section_words_only_gives_its_first_part() -> None:
    assert _choose(["西湖春游_四年级作文", _OPENING]) == "西湖春游"


def test_a_byline_on_the_titles_line_is_left_out_of_the_title() -> None:
    assert _choose(["难忘的一次旅行 作者：陈晨", _OPENING]) == "难忘的一次旅行"


def test_a_notice_that_names_the_article_first_is_no_navigation_against_it() -> None:
    lines = ["校园植树节活动总结", "植树节活动小结", _OPENING]
    notice = "校园植树节活动总结由网友收集整理，转载请注明出处"
    assert choose_title(None, None, lines, [False] * 3, furniture=[notice]) == "校园植树节活动总结"


def test_the_title_an_editors_opening_names_is_taken_when_no_line_gives_one() -> None:
    blurb = "以下是小编为大家收集的《西湖春游记》，仅供参考，欢迎阅读。"
    assert _with_chrome([blurb, _OPENING], {0}) == "西湖春游记"


def test_a_date_on_the_titles_line_is_left_out_of_the_title() -> None:
    assert _choose(["西湖春游记 2023-05-06 10:20", _OPENING]) == "西湖春游记"


def test_a_school_grade_section_above_the_byline_is_no_title() -> None:
    lines = ["西湖春游记", "初中二年级作文", "作者：初二（3）班 陈晨", _OPENING]
    assert _with_chrome(lines, {2}) == "西湖春游记"


def test_a_line_laid_out_as_a_title_led_by_the_sites_name_is_the_sites_header() -> None:
    lines = [
        "唐诗宋词网_诗词大全_古诗精选",
        "推荐 诗文 名句",
        "春晓",
        "唐代：孟浩然",
        "春眠不觉晓，",
        _OPENING,
    ]
    assert _with_chrome(lines, {1, 3}) == "春晓"


def test_the_line_over_a_dated_byline_counts_for_more() -> None:
    lines = ["个人图书馆", "秋天的落叶", "青青子衿 2021-10-02 | 阅 208", _OPENING]
    assert _with_chrome(lines, {2}) == "秋天的落叶"


def test_a_salutation_may_stand_between_the_title_and_the_text() -> None:
    lines = ["某某区教育局", "关于做好秋季开学工作的通知", "各中小学、幼儿园：", _OPENING]
    assert _choose(lines) == "关于做好秋季开学工作的通知"


def test_an_h1_printed_in_the_text_beats_a_title_tag_the_text_never_prints() -> None:
    lines = ["读《论语》心得", _OPENING]
    assert choose_title("读书心得", "读《论语》心得", lines, [False, False]) == "读《论语》心得"
    assert (
        choose_title("心得体会_某某网", None, ["难忘的春游", _OPENING], [False] * 2) == "难忘的春游"
    )


def test_a_speakers_credit_with_a_post_is_no_title() -> None:
    lines = [
        "党课讲稿",
        "——坚定理想信念",
        "主讲人：李建国（县委党校副校长）",
        "时间：2022年7月1日",
        _OPENING,
    ]
    assert _with_chrome(lines, {3}) == "党课讲稿"


def test_a_refrain_that_repeats_part_of_the_title_above_is_no_title() -> None:
    poem = ["我骄傲", "我是中国人", "在长江与黄河的怀抱里", "我长大", "我骄傲", "我是中国人"]
    lines = ["《我骄傲，我是中国人》朗诵稿", "日期：2021-10-01", *poem]
    assert _with_chrome(lines, {1}) == "《我骄傲，我是中国人》朗诵稿"


def test_a_title_printed_with_bare_hyphens_above_the_pages_heading_gives_the_heading() -> None:
    lines = ["故乡的小河作文600字-写景作文-某某作文网", "故乡的小河", "作者：周洋", _OPENING]
    assert _with_chrome(lines, {2}) == "故乡的小河"
    assert _choose(["故乡的小河作文600字-写景作文-某某作文网", _OPENING]) == "故乡的小河作文600字"
    assert _choose(["2023-2024学年工作计划", _OPENING]) == "2023-2024学年工作计划"


def test_a_trail_set_apart_by_dots_gives_its_end_and_bars_are_separators_too() -> None:
    lines = ["当前位置：作文大全 · 初中作文 · 我的母亲 | 我的母亲", _OPENING]
    assert _with_chrome(lines, {0}) == "我的母亲"
    assert _with_chrome(["首页 > 作文 > 小学作文", _OPENING], {0}) == ""


def test_title_segments_split_at_unspaced_and_full_width_dashes_before_a_site() -> None:
    assert title_segments("难忘的春游——游记——晨光作文网") == ["难忘的春游"]
    assert title_segments("植树倡议书--城东街道办事处") == ["植树倡议书", "城东街道办事处"]
    assert title_segments("暑假计划－晨光作文网") == ["暑假计划"]
    assert title_segments("开学典礼致辞-晨光作文网手机版") == ["开学典礼致辞"]
    assert title_segments("开学典礼致辞（精选）- 致辞 - 晨光作文网") == ["开学典礼致辞（精选）"]
    # A dash inside the title, or between years, is no separator.
    assert title_segments("老槐树——记我的爷爷") == ["老槐树——记我的爷爷"]
    assert title_segments("2023－2024学年班主任工作计划") == ["2023－2024学年班主任工作计划"]


def test_a_short_title_before_a_section_name_is_kept_and_the_section_dropped() -> None:
    assert title_segments("放风筝_三年级作文_晨光作文网") == ["放风筝"]
    assert title_segments("放风筝 - 初二作文 - 晨光作文之家") == ["放风筝"]
    assert title_segments("晨光作文之家 - 放风筝") == ["放风筝"]


def test_a_heading_naming_the_title_over_a_list_is_not_the_title_line() -> None:
    keys = [
        "每天清晨，我都会沿着河边跑上三公里，风雨无阻。",
        "【晨跑的收获】相关文章：",
        "1.晨跑日记",
    ]
    assert title_line("晨跑的收获", keys) == -1


def test_an_almanac_of_one_topic_is_a_title_and_one_of_essays_a_site() -> None:
    assert not is_site_like("元宵节灯谜大全")
    assert is_site_like("中华作文大全")


def test_a_print_or_mobile_version_after_the_title_is_not_part_of_it() -> None:
    lines = ["植树节倡议书 打印页面", _OPENING]
    assert _choose(lines) == "植树节倡议书"
    assert _choose([_OPENING], html_title="植树节倡议书(打印版)") == "植树节倡议书"
