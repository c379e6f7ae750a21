from __future__ import annotations

import pytest

from pipelines.clean import Extracted, clean
from pipelines.model import Document, RawPart
from pipelines.page import clean_page

TITLE = "社区志愿服务心得体会"
BODY = "参加社区志愿服务三个月来，我对“奉献”二字有了新的理解。"


def _page(lines: list[str], url: str) -> Document:
    """The whole pipeline on a text page of these lines."""
    return clean_page([RawPart(url=url, body="\n".join(lines).encode())])


def _clean(*lines: str, title: str | None = None, breadcrumb: str | None = None):
    return clean(Extracted("http://x/1.html", title, breadcrumb, None, [*lines, BODY]))


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("好好学习,天天向上,一流范文网欢迎您!", "slogan"),
        ("欢迎访问晴川作文网", "slogan"),
        ("第二章 研究方法 ………………………… 12", "toc"),  # a table of contents' entry
        ("点击展开剩余 65%", "meta-line"),  # a fold's read-more stub
        ("返回网易，查看更多", "meta-line"),
        ("【大】【中】【小】", "meta-line"),
        ("返回列表 发新帖", "meta-line"),
        ("继续阅读全部内容 >>", "meta-line"),
        ("顶一下(3) 踩一下(1)", "meta-line"),
        ("头像", "meta-line"),
        ("3页", "pager"),
        ("相关课件", "related-list"),
        ("入党申请书频道推荐：", "related-list"),
        ("文明上网，理性发言", "promo"),
        ("你觉得这篇文章怎么样？", "promo"),
        ("喜欢这篇作文吗？记得收藏本站，每天都有新作文更新哦！", "promo"),
        ("【护士工作总结】【年终总结范文】【医院工作总结】", "tag-line"),
        ("当前：写景作文", "breadcrumb"),
        ("本栏目每周五更新学生习作", "promo"),
        ("搜一下", "promo"),
        ("打开某某文库APP，阅读体验更好", "doclib-chrome"),
        ("登录 注册 投稿", "meta-line"),
        ("┃家乡┃校园┃公园┃四季┃", "related-list"),
        ("大家都在搜：家乡的桥 美丽的校园 日出", "related-list"),
        ("某某作文网 - 让写作更简单", "slogan"),
        ("本文已收录于专题：《我的家乡》作文大全", "tag-line"),
        ("投稿人：五年级二班 李明  指导老师：王芳", "meta-line"),
        ("请输入作文题目或关键词", "cms-error"),
        ("登录即表示同意《用户协议》和《隐私政策》", "promo"),
        ("在APP中打开，免费阅读全文", "promo"),
        ("¥2.00", "promo"),
        ("最新公告：本站已全面改版，欢迎体验", "promo"),
        ("【通知】本站征文活动开始啦，优秀作品将推荐到首页！", "promo"),
        ("杭州 多云 18°C~26°C 空气质量：良", "meta-line"),
        ("来自Android客户端", "meta-line"),
        ("赞赏支持", "meta-line"),
        ("第 2/5 页", "pager"),
        ("日间", "meta-line"),
        ("站点导航", "related-list"),
        ("本文档为docx格式", "doclib-chrome"),
        ("在线客服", "doclib-chrome"),
        ("上一帖 下一帖", "meta-line"),
        ("点击关注本号", "meta-line"),
        ("本文首发于个人公众号“读书角”", "meta-line"),
        ("问题描述：", "meta-line"),
        ("开通VIP，畅享海量文档", "doclib-chrome"),
        ("相似文档 更多", "doclib-chrome"),
        ("知识产权声明", "doclib-chrome"),
        ("清明节作文,清明节作文300字,清明节作文怎么写", "keyword-stuffing"),
        ("资料ID：88231047", "doclib-chrome"),
        ("AI摘要：这是一篇关于班级管理的工作总结", "summary-line"),
        ("目录导航：第一篇 第二篇", "toc"),
        ("相关检讨书：", "related-list"),
        ("满意答案", "meta-line"),
        ("—— 赞助商链接 ——", "meta-line"),
        ("请先登录，才能发表评论", "meta-line"),
        ("热心网友 · 3天前", "meta-line"),
        ("英语口语外教课 首节免费试听", "meta-line"),
        ("热门演讲：《少年中国说》《我的中国心》", "related-list"),
        ("看完本文的网友还看了：", "related-list"),
        ("2023-04-18 初一 记叙文 600字", "meta-line"),
        ("本文目录 ↓ 述职报告（一） 述职报告（二）", "toc"),
        ("▼ 展开剩余5篇 ▼", "meta-line"),
        ("文/林小溪 2022-09-03", "meta-line"),
        ("全部回答 (12)", "meta-line"),
        ("♥ 128 个赞", "meta-line"),
        ("写作思路：文章先写景后抒情，结尾点题，层次清楚。", "meta-line"),
        ("【好词好句】金灿灿 沉甸甸 硕果累累", "meta-line"),
        ("好文不错过，记得把我们设为星标", "meta-line"),
        ("字体 A+ A-", "meta-line"),
        ("APP内打开，体验更流畅", "meta-line"),
        ("注册即可解锁全部范文", "meta-line"),
        ("打开微信扫码", "meta-line"),
        ("搜索文章、作者或话题", "promo"),
        ("背景音乐：夜空中最亮的星", "meta-line"),
        ("功能介绍：记录一名小学老师的日常与思考。", "meta-line"),
        ("00:00 ► 05:17", "meta-line"),
        ("分享给微信好友", "meta-line"),
        ("下载某某阅读APP", "meta-line"),
        ("本周话题征文进行中，点击查看详情", "meta-line"),
        ("觉得有用就点个赞吧", "meta-line"),
        ("3.2w 1,024 876", "meta-line"),
        ("This post was posted in 读书笔记.", "meta-line"),
        ("搜索范文", "promo"),
        ("搜作文 搜诗词 搜名言", "promo"),
        ("搜索：工作总结", "promo"),
        ("今日已有 1,208 位会员签到", "promo"),
        ("＄＄＄＄＄＄", "decoration"),
        ("╋╋╋╋╋", "decoration"),
        ("q7Wm3Zt", "decoration"),
        ("%site_name% - %title%", "cms-error"),
        ("PHPCMS Error Warning!", "cms-error"),
        ("关注问题 写回答 邀请回答", "meta-line"),
        ("更多看图写话：", "related-list"),
        ("本文标签:秋天 校园 银杏", "tag-line"),
        ("发表:2021-05-09 点赞 86", "meta-line"),
        ("五年级 书信 500字", "meta-line"),
        ("（本文已被编辑推荐）", "meta-line"),
        ("内容提要：这是一篇关于感恩的演讲稿，适合中学生使用", "summary-line"),
        ("阅读提示：本文是一篇读书笔记，约800字", "summary-line"),
        ("本文目录：【1】初中语文教师工作总结 【2】小学数学教师工作总结", "toc"),
        ("本文目录", "toc"),
        ("（以上内容由某某文化网用户上传）", "copyright"),
        ("（晨光文摘网）", "site-name"),
        ("——摘自某某文库网 www.moumou.org", "site-name"),
        ("某某公文网 - 公文写作首选平台", "slogan"),
        ("Posted on 2023-05-12 by admin · 320 views", "meta-line"),
        ("重庆时时彩计划，幸运飞艇开奖直播", "promo"),
        ("[广告]考研辅导班限时五折", "promo"),
        ("广告 · 关闭", "promo"),
        ("¥5.00 立即购买 加入购物车", "doclib-chrome"),
        ("课件正文（仅展示部分文字）：", "doclib-chrome"),
        ("关注公众号“晨读”，回复“作文”免费获取更多范文", "promo"),
        ("来稿须知：欢迎投稿，请注明年级与姓名。", "promo"),
        ("如果你觉得这篇文章有帮助，欢迎分享给同学。", "promo"),
        ("文章经授权转载自公众号“晨读”。", "promo"),
        ("相关日记：秋游 雨中 放学路上", "related-list"),
        ("被以下专题收入，发现更多相似内容", "related-list"),
        ("==== 优质教育资料 ====", "doclib-chrome"),
        ("复习-----资料", "doclib-chrome"),
        ("好好学习，天天向上，某某范文网欢迎您！", "slogan"),
        ("当前位置:首页 >> 心得体会 内容页", "breadcrumb"),
        ("您现在的位置：首页 > 心得体会 > 正文", "breadcrumb"),
        ("首页 > 范文大全 > 心得体会", "breadcrumb"),
        (f"{TITLE} 本文关键词:心得体会,志愿服务", "keywords-line"),
        (f"{TITLE} 本文简介：参加社区志愿服务三个月来", "summary-line"),
        (f"{TITLE} 本文内容:", "content-label"),
        ("TAG标签: 心得体会 志愿服务", "tag-line"),
        ("点击下载文档", "download-notice"),
        ("下载本文word版", "download-notice"),
        ("版权所有，未经授权不得转载", "copyright"),
        ("上一页 1 2 3 下一页", "pager"),
        ("第2页 / 共3页", "pager"),
        ("上一篇：入党积极分子思想汇报", "prev-next"),
        (TITLE, "title-repeat"),
        (f"2016{TITLE}", "title-repeat"),
    ],
)
def test_clean_removes_boilerplate_line_with_reason(line: str, reason: str) -> None:
    cleaned = _clean(line, title=TITLE)
    assert cleaned.lines == [BODY]
    assert [(r.text, r.reason) for r in cleaned.removed] == [(line, reason)]


def test_clean_lifts_keywords_summary_and_category() -> None:
    cleaned = _clean(
        f"{TITLE} 本文关键词:心得体会, 志愿服务，社区",
        f"{TITLE} 本文简介:参加社区志愿服务三个月来",
        breadcrumb="当前位置:首页 >> 最新范文 内容页",
        title=TITLE,
    )
    assert cleaned.keywords == ("心得体会", "志愿服务", "社区")
    assert cleaned.summary == "参加社区志愿服务三个月来"
    assert cleaned.category == "最新范文"


def test_clean_takes_keywords_from_tags_when_no_keyword_line() -> None:
    assert _clean("TAG标签: 心得 志愿", title=TITLE).keywords == ("心得", "志愿")


def test_clean_reads_title_from_meta_line_prefix_in_text_dumps() -> None:
    cleaned = _clean("欢迎您!", f"{TITLE}", f"{TITLE} 本文关键词:心得体会")
    assert cleaned.title == TITLE


def test_clean_category_skips_home_and_title_crumbs() -> None:
    cleaned = _clean(breadcrumb=f"首页 » 工作总结 » {TITLE}", title=TITLE)
    assert cleaned.category == "工作总结"


def test_clean_removes_related_list_after_its_heading() -> None:
    cleaned = _clean("相关推荐", "敬老院志愿服务心得", "读书心得体会范文", title=TITLE)
    assert cleaned.lines == [BODY]
    assert {r.reason for r in cleaned.removed} == {"related-list"}


def test_clean_keeps_prose_that_mentions_download_in_a_long_sentence() -> None:
    prose = (
        "我们组织全体员工学习了新修订的制度文件，并要求各部门把学习资料下载本文件夹后逐条对照检查，"
        * 3
    )
    assert _clean(prose, title=TITLE).lines == [prose, BODY]


def test_short_lines_carrying_the_sites_own_name_go_with_it_inside_prose() -> None:
    lines = [
        "当前位置：青松范文网 > 心得体会",
        "读书使我快乐。寒假里我读完了三本书，青松范文网每一本都让我受益匪浅。",
        "青松范文网 人气 1.2万",
    ]
    cleaned = clean(Extracted("http://x/1.html", "读书心得", None, None, lines))
    assert cleaned.lines == ["读书使我快乐。寒假里我读完了三本书，每一本都让我受益匪浅。"]
    assert {r.reason for r in cleaned.removed} >= {"breadcrumb"}


def test_the_title_repeated_with_its_essay_count_is_a_repeat_not_an_essay_marker() -> None:
    lines = [
        "小班第二学期班级工作计划11篇",
        "新学期开始了，我们班将围绕幼儿的生活习惯和学习兴趣开展工作，下面分几个方面说明。",
    ]
    cleaned = clean(Extracted("http://x/1.html", "小班第二学期班级工作计划", None, None, lines))
    assert [(r.text, r.reason) for r in cleaned.removed] == [(lines[0], "title-repeat")]


def test_a_long_header_of_one_menu_item_per_line_hides_neither_the_title_nor_the_essay() -> None:
    menu = ["首页", "作文大全", "小学作文", "初中作文", "高中作文", "话题作文", "英语作文", "范文"]
    body = [
        "清晨的操场上，同学们排着整齐的队伍做早操，老师在一旁认真地纠正每个人的动作。",
        "做完早操，我们回到教室开始早读，琅琅的读书声从每一扇窗户里飘了出来，传得很远。",
    ]
    document = _page([*menu, *menu, "难忘的早操", *body], "https://example.invalid/a/1.html")
    assert document.title == "难忘的早操"
    assert document.text.split("\n\n") == body
    assert {item.text for item in document.removed} >= set(menu)


def test_noise_in_a_traditional_page_is_cut_as_in_a_simplified_one() -> None:
    body = [
        "清晨的操場上，同學們排着整齊的隊伍做早操，老師在一旁認真地糾正每個人的動作。第1頁共4頁",
        "做完早操，我們回到教室開始早讀……此處隱藏1200個字……琅琅的讀書聲從窗戶裏飄了出來。",
    ]
    document = _page(["難忘的早操", *body], "https://example.invalid/a/2.html")
    assert "页" not in document.text and "隐藏" not in document.text
    assert "同学们排着整齐的队伍" in document.text
    assert "truncated" in document.flags and document.flags.count("traditional") == 1


def test_a_documents_file_name_standing_alone_links_to_another_document() -> None:
    body = [
        "清晨的操场上，同学们排着整齐的队伍做早操，老师在一旁认真地纠正每个人的动作。",
        "做完早操，我们回到教室开始早读，琅琅的读书声从每一扇窗户里飘了出来，传得很远。",
    ]
    links = ["小学生日记大全.docx", "2024年社区工作计划.pdf", "教师述职报告范文(5篇).doc"]
    page = "\n".join(["难忘的早操.docx", *body, *links])
    document = clean_page([RawPart(url="https://example.invalid/doc/3.html", body=page.encode())])
    assert document.title == "难忘的早操"
    assert document.text.split("\n\n") == body
    assert {(item.text, item.reason) for item in document.removed} >= {
        (link, "related-list") for link in links
    }


@pytest.mark.parametrize(
    "blurb", ["以下是小编为大家整理的范文，希望对你有帮助。", "以下內容由小編整理，僅供參考。"]
)
def test_a_one_sentence_blurb_before_each_essay_of_a_collection_goes_whole(blurb: str) -> None:
    prose = "清晨的操场上，同学们排着整齐的队伍做早操，老师在一旁认真地纠正每个人的动作，大家都做得很认真。"
    lines = [
        "早操作文三篇",
        "篇一：早操",
        prose,
        prose.replace("清晨", "傍晚"),
        blurb,
        "篇二：早读",
        prose,
        blurb,
        "篇三：午休",
        prose,
    ]
    document = _page(lines, "https://example.invalid/x/1.html")
    assert [item.reason for item in document.removed if item.text == blurb] == ["intro-blurb"] * 2
    assert len(document.essays) == 3
    assert [essay.text for essay in document.essays] == [
        "\n\n".join([prose, prose.replace("清晨", "傍晚")]),
        prose,
        prose,
    ]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("2019-05-12 张三的图书馆 阅 2315 转 47", "meta-line"),
        ("（0）", "meta-line"),
        ("〖文章页尾〗", "meta-line"),
        ("指导老师：王老师", "meta-line"),
        ("验证码：看不清？换一张", "comments"),
        ("共有 0 条评论", "comments"),
        ("·上篇文章：2022年度工作总结", "prev-next"),
        ("关于本文", "doclib-chrome"),
        ("当前资源信息", "doclib-chrome"),
        ("立即开通", "doclib-chrome"),
        ("数据加载中，请稍候...", "cms-error"),
        ("中小学作文网收录了大量优秀作文，内容涵盖小学、初中、高中各年级。", "slogan"),
        ("本站致力于为广大学生提供优质的学习资料。", "slogan"),
        ("字数 1,203", "meta-line"),
        ("收录于话题", "tag-line"),
        ("#观后感 12个", "tag-line"),
        ("#开学 #成长", "tag-line"),
        ("上传视频", "meta-line"),
        ("锁定", "meta-line"),
        ("客服电话：010-12345678", "promo"),
        ("QQ群：123456789", "promo"),
        ("关于我们 | 联系我们", "promo"),
        ("用户协议", "promo"),
        ("点击领取免费资料", "promo"),
        ("扫码登录", "promo"),
        ("请自觉遵守互联网相关的政策法规，严禁发布违法言论。", "comments"),
        ("本站由某某云提供计算与安全服务", "copyright"),
        ("Processed in 0.028 second(s)", "copyright"),
        ("（责编：李四、王五）", "meta-line"),
        ("看板 Essay", "meta-line"),
        ("时间 Sun Mar  5 12:00:00 2023", "meta-line"),
        ("推 user01: 好文推推 03/05 12:10", "comments"),
        ("→ user02: 感谢分享 03/05 12:20", "comments"),
        ("小字号", "promo"),
        ("点击播报本文，约", "promo"),
        ("总资产12共写了3.5W字获得56个赞共20个粉丝", "meta-line"),
        ("还没有人赞赏，支持一下", "meta-line"),
        (
            "平台声明：该文观点仅代表作者本人，某某号系信息发布平台，仅提供信息存储空间服务。",
            "copyright",
        ),
        ("共 4 页", "pager"),
        ("首页丨作文大全丨小学作文丨初中作文", "related-list"),
        ("心得体会 · 2024-12-28", "meta-line"),
        ("— 已经到底了 —", "meta-line"),
        ("∧", "meta-line"),
        ("编者按：两位同学从不同角度写了中秋。", "intro-blurb"),
        ("本站文章均来自网友投稿，如有雷同，纯属巧合。", "copyright"),
        ("你的梦想是什么？欢迎在评论区留言分享～", "promo"),
        ("六年级 陈小雨", "meta-line"),
        ("某某市实验小学 四（2）班 周洋", "meta-line"),
        ("指导教师 杨红", "meta-line"),
        ("小编导语：团结就是力量，下面是一篇关于团结的演讲稿。", "summary-line"),
        ("本资料仅供学习交流，请勿用于商业用途", "doclib-chrome"),
        ("以下为正文：", "content-label"),
        ("#每日话题# 你最喜欢哪个季节？", "tag-line"),
        ("1,024 人赞同了该回答", "meta-line"),
        ("关注我们，后台回复“计划”即可领取模板", "promo"),
        ("主办单位：某某区教育局", "copyright"),
        ("文：陈晓晴（中学教师）", "meta-line"),
        ("跳至主要内容", "meta-line"),
        ("本文已影响1.5万人", "promo"),
        ("觉得这篇日记写得好吗？快来留言吧！", "promo"),
        ("某某写作网 - 你身边的学习顾问", "slogan"),
        ("转藏 献花(4)", "meta-line"),
        ("收藏3 支持1 反对0", "meta-line"),
        ("在看 12", "meta-line"),
        ("（图为比赛现场。通讯员 周洋 摄）", "meta-line"),
        ("2023年10月01日 星期日", "meta-line"),
        ("您需要登录后才能回复", "meta-line"),
        ("B Color Link Quote Code", "meta-line"),
        ("网友评价", "meta-line"),
        ("暂无评分", "cms-error"),
        ("本篇日记共计286字", "word-count"),
        ("全文约 1500 字", "word-count"),
        ("页数 12", "meta-line"),
        ("大小 2.1MB", "meta-line"),
        ("上传日期 2020-11-03", "meta-line"),
        ("微信 QQ空间 新浪微博", "meta-line"),
        ("朋友圈", "meta-line"),
        ("送花(3)", "meta-line"),
        ("赞（15）", "meta-line"),
        ("+1", "meta-line"),
        ("下载后的文档排版效果可能与预览时略有差异", "doclib-chrome"),
        ("名师归纳 精品资料 欢迎下载", "doclib-chrome"),
        ("热心网友 2021-07-19", "meta-line"),
        ("青草地 2022-01-05 18:40", "meta-line"),
        ("（文档内容可以任意编辑修改，欢迎收藏）", "promo"),
        (
            "Warning: mysql_fetch_array() expects parameter 1 to be resource, boolean given"
            " in /www/web/include/list.php on line 42",
            "cms-error",
        ),
    ],
)
def test_widgets_counters_and_errors_of_unusual_shapes_are_removed(line: str, reason: str) -> None:
    cleaned = _clean(line, title=TITLE)
    assert cleaned.lines == [BODY]
    assert [(r.text, r.reason) for r in cleaned.removed] == [(line, reason)]


@pytest.mark.parametrize(
    "prose",
    [
        "全校共有500人参与了这次活动，大家都很积极。",
        "本次活动已有100人参与，同学们热情很高。",
        "网上购物时，输入验证码前要看清网址，保护好自己的账户安全。",
        "互联网是一个巨大的信息库，我们要学会正确使用它。",
        "我们学校的学习网站是一个好地方，我每天都上去看看。",
        "学校为我们提供技术支持和场地。",
        "老师免费领取了教材，分发给大家。",
        "好好学习",
        "我们要支持他，也要学会反对错误的做法。",
        "图为我们班的合影，照片是王老师拍的。",
        "我们用微信和远方的外婆视频，她笑得合不拢嘴。",
        "成功的经验是不可复制的，每个人都要走自己的路。",
        "张三 2019-05-06",
        "抽出了嫩绿的枝条，在微风中轻轻摇摆，像一位姑娘在梳理她的",
    ],
)
def test_sentences_using_the_same_words_are_kept(prose: str) -> None:
    assert _clean(prose, title=TITLE).lines == [prose, BODY]


def test_a_related_heading_of_the_lexicon_ending_in_a_colon_takes_its_list() -> None:
    opening = "诚信是做人的根本，一个人失去了诚信，就失去了立足社会的根本。"
    related = ["看了“论诚信”的人还看了：", "1.诚信议论文800字", "2.关于诚信的作文"]
    cleaned = _clean("论诚信", opening, *related, title="论诚信")
    assert cleaned.lines == [opening, BODY]
    assert [(r.text, r.reason) for r in cleaned.removed][1:] == [
        (line, "related-list") for line in related
    ]


def test_the_title_printed_again_with_its_section_and_site_is_a_repeat() -> None:
    cleaned = _clean("我的妈妈 - 小学作文 - 作文吧", "我的妈妈", title="我的妈妈")
    assert cleaned.lines == [BODY]
    assert [r.reason for r in cleaned.removed] == ["title-repeat", "title-repeat"]


def test_a_list_of_other_questions_is_related_list_question_marks_and_all() -> None:
    related = ["其他类似问题", "2020-01-02 年终工作总结怎么写？", "2019-11-20 个人工作总结范文"]
    answer = "写工作总结首先要把一年来的主要工作梳理清楚，按时间顺序归纳。"
    cleaned = _clean("怎样写好工作总结？", answer, *related, title="怎样写好工作总结？")
    assert cleaned.lines == [answer, BODY]
    assert [(r.text, r.reason) for r in cleaned.removed][1:] == [
        (line, "related-list") for line in related
    ]


def test_a_short_line_shown_as_chrome_before_is_chrome_again_past_the_prose() -> None:
    prose = BODY + "我把每一次服务都记在本子上，慢慢地，本子写满了，我也成长了。"
    lines = ["王小二", "关注", "我的读书笔记", prose, "赞赏支持", "王小二"]
    document = _page(lines, "https://example.invalid/p/1")
    assert document.text == prose
    assert ("王小二", "repeated-chrome") in {(r.text, r.reason) for r in document.removed}


def test_a_signature_right_under_the_prose_stays_though_the_header_showed_the_name() -> None:
    prose = BODY + "我把每一次服务都记在本子上，慢慢地，本子写满了，我也成长了。"
    lines = ["张三", "关注", "入党申请书", prose, "张三"]
    document = _page(lines, "https://example.invalid/p/2")
    assert document.text.split("\n\n")[-1] == "张三"


def test_readers_comments_under_the_essay_go_to_the_pages_end() -> None:
    comments = [
        "网友评论",
        "匿名网友 2023-01-02 12:00",
        "写得太好了，学习了！",
        "回复",
        "小红 2023-01-05",
    ]
    cleaned = _clean(
        "我的老师", "她是一位和蔼可亲的老师，总是面带微笑。", *comments, title="我的老师"
    )
    assert cleaned.lines == ["她是一位和蔼可亲的老师，总是面带微笑。"]
    assert [r.reason for r in cleaned.removed][1:] == ["comments"] * (len(comments) + 1)


def test_a_comments_heading_without_a_commenters_byline_is_left_to_the_other_rules() -> None:
    cleaned = _clean("评论", "这篇文章让我想起了自己的老师，她也总是面带微笑。", title=TITLE)
    assert "这篇文章让我想起了自己的老师，她也总是面带微笑。" in cleaned.lines


def test_a_short_titles_words_in_a_longer_line_are_no_repeat_of_it() -> None:
    cleaned = _clean("春天", "作者：李华", "春天来了", "春天作文300字", title="春天")
    assert "春天来了" in cleaned.lines
    assert ("春天作文300字", "title-repeat") in {(r.text, r.reason) for r in cleaned.removed}


def test_a_list_between_a_collections_essays_stops_at_the_next_essays_marker() -> None:
    prose = "读书是一种快乐。每当我打开一本书，就像走进了一个新的世界，在那里我可以尽情地遨游。"
    lines = [
        "读书心得体会（精选2篇）",
        "【篇一】读书的快乐",
        prose,
        "推荐阅读：",
        "读书心得体会300字",
        "【篇二】书是我的好朋友",
        prose.replace("快乐", "享受"),
    ]
    document = _page(lines, "https://example.invalid/p/3")
    assert [essay.title for essay in document.essays] == ["读书的快乐", "书是我的好朋友"]


@pytest.mark.parametrize(
    "heading",
    [
        "春游记 相关内容：",
        "与《春游记》相关的作文：",
        "与《秋天的落叶》类似的文章：",
        "看過《春遊記》的人還看了：",
        "春游记作文600字相关推荐：",
        "快乐的春游扩展阅读",
        "写景作文推荐：",
        "同题作文",
    ],
)
def test_a_related_heading_naming_an_article_takes_its_list(heading: str) -> None:
    opening = "春天到了，老师带我们去公园春游，大家一路上有说有笑，开心极了。"
    related = [heading, "1.春游作文400字", "2.快乐的春游"]
    cleaned = _clean("春游记", opening, *related, title="春游记")
    assert cleaned.lines == [opening, BODY]
    assert [(r.text, r.reason) for r in cleaned.removed][1:] == [
        (line, "related-list") for line in related
    ]


def test_a_bare_related_heading_after_the_text_takes_its_list() -> None:
    opening = "雨后的操场上积了好多水，我们踩着水花跑来跑去。"
    related = ["精彩回顾", "下雨天的乐趣", "一场春雨"]
    cleaned = _clean(opening, *related, title="雨后")
    assert cleaned.lines == [opening, BODY]
    assert [(r.text, r.reason) for r in cleaned.removed] == [
        (line, "related-list") for line in related
    ]


def test_a_bare_related_word_above_the_text_takes_nothing_with_it() -> None:
    opening = "雨后的操场上积了好多水，我们踩着水花跑来跑去。"
    cleaned = _clean("精彩回顾", "雨后", opening, title="雨后")
    assert cleaned.lines == [opening, BODY]
    assert [r.reason for r in cleaned.removed] == ["related-list", "title-repeat"]


def test_a_list_above_the_title_stops_at_the_titles_line() -> None:
    opening = "雨后的操场上积了好多水，我们踩着水花跑来跑去，笑声传遍了整个校园。"
    cleaned = _clean("专题推荐：", "国庆节见闻作文", "元宵节", "雨后", opening, title="雨后")
    assert cleaned.lines == [opening, BODY]
    assert [r.reason for r in cleaned.removed] == ["related-list"] * 3 + ["title-repeat"]


def test_a_line_of_the_titles_variants_side_by_side_is_a_repeat() -> None:
    title = "校园植树节活动总结"
    stuffed = "校园植树节活动总结 校园植树节活动总结（2） 植树节活动总结"
    opening = "三月十二日，我校组织全体师生开展了植树活动，共种下树苗二百余棵。"
    cleaned = _clean(title, stuffed, opening, title=title)
    assert cleaned.lines == [opening, BODY]
    assert (stuffed, "title-repeat") in {(r.text, r.reason) for r in cleaned.removed}


def test_a_poems_line_repeating_a_short_title_twice_stays() -> None:
    cleaned = _clean("春天来了", "春天来了 春天来了", "小草绿了，花儿开了。", title="春天来了")
    assert "春天来了 春天来了" in cleaned.lines


@pytest.mark.parametrize(
    "first",
    [
        "植树倡议书 2024-03-10",
        "植树倡议书 2024-03-10 阅读 86 次 作者：团委",
        "植树倡议书 作者：团委",
    ],
)
def test_a_title_with_its_byline_on_one_line_gives_the_title_and_keeps_the_text(
    first: str,
) -> None:
    lines = [
        first,
        "全体同学：",
        "春天是植树的好时节，让我们一起为校园添一片绿色。",
        "1.每个班级认领一棵小树，按时浇水。",
        "2.爱护校园里的花草树木。",
        "校团委",
        "二〇二四年三月十日",
    ]
    document = _page(lines, "https://example.invalid/p/4")
    assert document.title == "植树倡议书"
    assert document.text.split("\n\n")[:2] == ["全体同学：", lines[2]]


def test_a_title_found_under_the_text_takes_no_header_with_it() -> None:
    lines = [
        "2023-06-05 阅读 1024",
        "同学们：",
        "明天我们去春游，请大家早上八点在校门口集合。",
        "三年级组",
    ]
    document = _page(lines, "https://example.invalid/p/5")
    assert "明天我们去春游，请大家早上八点在校门口集合。" in document.text


@pytest.mark.parametrize(
    "when", ["时间：2024年3月22日下午14:30", "时间：2024年1月5日", "会议时间：2023-11-02"]
)
def test_a_meetings_time_over_its_other_fields_is_kept(when: str) -> None:
    fields = [when, "地点：学校三楼会议室", "主持人：李校长", "参加人员：全体班主任"]
    cleaned = _clean("班主任工作例会记录", *fields, title="班主任工作例会记录")
    assert cleaned.lines == [*fields, BODY]


def test_a_publication_time_with_no_fields_around_it_is_still_a_byline() -> None:
    cleaned = _clean("班主任工作例会记录", "时间：2024年1月5日", title="班主任工作例会记录")
    assert cleaned.lines == [BODY]


def test_a_heading_over_numbered_sentences_and_a_signature_over_its_date_stay() -> None:
    lines = [
        "防溺水安全教育主题班会",
        "活动目标：",
        "1、让学生了解溺水的危害。",
        "2、掌握基本的自救方法。",
        "同学们，夏天到了，很多同学喜欢去河边玩水，这是非常危险的，我们一定要注意安全。",
        "班主任：刘老师",
        "2023年6月1日",
    ]
    document = _page(lines, "https://example.invalid/p/6")
    assert document.text.split("\n\n") == lines[1:]


def test_a_value_between_chrome_under_the_text_goes_with_its_label() -> None:
    lines = [
        "会议记录",
        "会议由王书记主持，全体党员参加，大家结合工作实际开展了批评与自我批评，气氛严肃活泼，收到了预期的效果。",
        "文档贡献者",
        "陈小芳",
        "上传于2024-03-25",
    ]
    document = _page(lines, "https://example.invalid/p/7")
    assert document.text == lines[1]
    assert ("陈小芳", "between-chrome") in {(r.text, r.reason) for r in document.removed}


def test_a_signature_under_the_text_stays_though_chrome_follows() -> None:
    lines = [
        "入团申请书",
        "我志愿加入中国共产主义青年团，坚决拥护中国共产党的领导，遵守团的章程。",
        "申请人：陈小芳",
        "相关推荐",
        "入团申请书600字",
    ]
    document = _page(lines, "https://example.invalid/p/8")
    assert document.text.split("\n\n") == lines[1:3]


def test_a_short_poem_under_its_refrain_title_keeps_its_lines() -> None:
    lines = [
        "爸爸的肩",
        "爸爸的肩",
        "是高高的山",
        "我坐在上面",
        "看得好远好远",
        "爸爸的肩",
        "是宽宽的船",
        "载着我",
        "游过小河湾",
        "（二年级 李想）",
    ]
    document = _page(lines, "https://example.invalid/p/9")
    assert document.title == "爸爸的肩"
    assert document.text.split("\n\n")[-5:] == lines[4:-1]  # the refrain kept in the text


def test_a_sentence_naming_the_title_is_no_title_line_and_takes_no_header() -> None:
    first = "在我心中，英雄不是电影里会飞的超人，而是身边平凡的人。"
    second = "我心中的英雄，是小区门口的保安叔叔。"
    cleaned = _clean(first, second, title="我心中的英雄")
    assert cleaned.lines == [first, second, BODY]


def test_titles_under_bare_prev_next_labels_and_paired_halves_are_links() -> None:
    opening = "雨后的操场上积了好多水，我们踩着水花跑来跑去，笑声传遍了整个校园。"
    links = [
        "«上一篇",
        "我的第一次骑车",
        "下一篇»",
        "第一次洗衣服",
        "上篇：小乌龟",
        "下篇：我的小鹦鹉",
    ]
    cleaned = _clean(opening, *links, title="雨后")
    assert cleaned.lines == [opening, BODY]
    assert [r.reason for r in cleaned.removed] == ["prev-next"] * len(links)


def test_a_signatures_date_between_a_page_counter_and_library_chrome_stays() -> None:
    lines = [
        "入党申请书",
        "我志愿加入中国共产党，拥护党的纲领，遵守党的章程，履行党员义务，执行党的决定，严守党的纪律。",
        "申请人：刘思远",
        "第7页 / 共7页",
        "2017年10月20日",
        "全文阅读已结束，下载本文需要使用 5 积分",
    ]
    document = _page(lines, "https://example.invalid/p/10")
    assert document.text.split("\n\n")[-1] == "2017年10月20日"


def test_paragraphs_that_quote_a_notice_or_tell_of_a_library_are_kept() -> None:
    body = [
        "班会上，班长先讲了一个故事，大家听得很认真。",
        "有些网站在文章后面会写一句“版权所有，转载请注明出处”，还有的写“本站内容来自网络”，"
        "可是很少有人真的去读它们。",
        "我的表哥为了多攒几张下载券，把别人写的文档改了名字上传到文库网站，结果被平台封了号。",
        "老师说，尊重别人的劳动成果，是每个人都应该做到的事情。",
    ]
    document = _page(["版权意识主题班会记录", *body], "https://example.invalid/b/7.html")
    assert [block.text for block in document.essays[0].blocks] == body


def test_records_the_page_lists_under_repeating_labels_are_kept() -> None:
    couplets = [
        "上联：一门瑞气盈门庭",
        "下联：满院春光照万家",
        "横批：喜气盈门",
        "上联：春风得意花千树",
        "下联：旭日临门福满堂",
        "横批：春满人间",
    ]
    document = _page(["新春对联精选", *couplets], "https://example.invalid/c/3.html")
    assert document.title == "新春对联精选"
    assert [block.text for block in document.essays[0].blocks] == couplets


def test_a_paragraph_printed_twice_in_a_row_is_kept_once() -> None:
    doubled = "秋天的田野一片金黄，稻穗沉甸甸地弯着腰，农民伯伯的脸上洋溢着丰收的喜悦。"
    other = "傍晚，我们踏着夕阳回家，心里满是秋天的味道。"
    document = _page(["秋天的田野", doubled, doubled, other], "https://example.invalid/d/4.html")
    assert [block.text for block in document.essays[0].blocks] == [doubled, other]
    assert ("repeated-paragraph", doubled) in {(r.reason, r.text) for r in document.removed}


@pytest.mark.parametrize("heading", ["你可能关注的文档", "阅读排行"])
def test_headings_over_lists_in_other_words_are_related_headings(heading: str) -> None:
    from pipelines.clean.rules import is_related_heading

    assert is_related_heading(heading)


def test_a_self_media_pages_account_name_is_no_title_and_goes_with_its_byline() -> None:
    body = [
        "各位老师：",
        "新学期开始了，我想和大家聊一聊如何让课堂提问更有效，这是我这些年站在讲台上最大的体会。",
        "提问要给学生留出思考的时间，不要急于公布答案，也不要只叫举手的同学，让每个人都有机会。",
    ]
    lines = [
        "课堂提问的三个小技巧，新老师一定要看",
        "晨光说教",
        "头像",
        "晨光说教",
        "2024-03-02 20:15 江苏",
        "关注",
        *body,
        "晨光说教",
        "1.2万获赞 3021粉丝",
    ]
    document = _page(lines, "https://example.invalid/e/5.html")
    assert document.title == "课堂提问的三个小技巧，新老师一定要看"
    assert [block.text for block in document.essays[0].blocks] == body


def test_a_documents_contents_and_file_name_do_not_make_a_section_the_title() -> None:
    body = [
        "一、调查目的",
        "了解本校学生课外阅读的时间、内容和途径，为学校开展读书活动提供参考。",
        "二、调查结果",
        "大部分同学每天课外阅读不足半小时，阅读内容以漫画和网络小说为主。",
    ]
    lines = [
        "课外阅读情况调查报告.docx",
        "课外阅读情况调查报告",
        "目录",
        "一、调查目的 .................... 1",
        "二、调查结果 .................... 2",
        *body,
    ]
    document = _page(lines, "https://example.invalid/f/6.html")
    assert document.title == "课外阅读情况调查报告"
    assert [block.text for block in document.essays[0].blocks] == body


def test_a_speech_welcoming_its_listeners_is_no_sites_slogan() -> None:
    body = [
        "同学们，欢迎你们回到美丽的校园！一个假期不见，大家都长高了。",
        "新的学期，新的开始，希望每一位同学都能制定好自己的学习计划，一步一个脚印地前进。",
    ]
    document = _page(["开学典礼校长致辞", *body], "https://example.invalid/g/7.html")
    assert [block.text for block in document.essays[0].blocks] == body


def test_poems_of_a_collection_under_their_markers_are_no_menu() -> None:
    lines = [
        "写给春天的小诗（精选2首）",
        "下面是小编整理的写给春天的小诗，仅供参考，希望能够帮助到大家，欢迎大家阅读与收藏。",
        "写给春天的小诗 篇1",
        "柳枝发芽",
        "燕子回家",
        "田野里开满油菜花",
        "写给春天的小诗 篇2",
        "《春雨》",
        "细细的雨丝",
        "轻轻落在屋檐",
        "滴答滴答",
    ]
    document = _page(lines, "https://example.invalid/h/8.html")
    assert len(document.essays) == 2
    assert "田野里开满油菜花" in document.essays[0].text
    assert "滴答滴答" in document.essays[1].text


def test_a_collections_counted_title_beats_its_first_essays_heading() -> None:
    page = (
        "<html><head><title>感谢信范文【两篇】_晴川范文网</title></head><body>"
        "<div class='c'><p>【第一篇】</p><p>致敬环卫工人</p>"
        "<p>每天清晨，当我们还在睡梦中的时候，环卫工人就已经开始打扫街道了，他们辛苦了。</p>"
        "<p>【第二篇】</p><p>谢谢您，老师</p>"
        "<p>老师，您像一盏明灯，照亮了我前进的道路，让我在迷茫的时候找到了方向。</p>"
        "</div></body></html>"
    )
    document = clean_page(
        [RawPart(url="https://example.invalid/i/9.html", body=page.encode("utf-8"))]
    )
    assert document.title == "感谢信范文【两篇】"
    assert [essay.title for essay in document.essays] == ["致敬环卫工人", "谢谢您，老师"]


def test_an_editors_note_in_brackets_before_an_essay_is_a_blurb() -> None:
    note = "【编者按】这篇文章选材新颖，结构清楚，语言也很有特色。"
    body = ["清晨的操场上，同学们排着整齐的队伍做早操，老师在一旁认真地纠正每个人的动作。"]
    document = _page(["难忘的早操", note, *body], "https://example.invalid/j/10.html")
    assert ("intro-blurb", note) in {(r.reason, r.text) for r in document.removed}
    assert [block.text for block in document.essays[0].blocks] == body


def test_sentences_about_people_that_quote_a_rule_or_scan_a_code_are_kept() -> None:
    body = [
        "奶奶买菜时也学会了扫码付款，她总是把手机举得高高的，眯着眼睛对准摊位上的二维码。",
        "妈妈常说：“未经允许不得乱翻别人的东西。”所以我从来不翻妹妹的书包。",
        "这些小事让我明白，生活中处处都有值得学习的地方，只要我们用心去观察。",
    ]
    document = _page(["生活中的小事", *body], "https://example.invalid/k/11.html")
    assert [block.text for block in document.essays[0].blocks] == body


def test_a_templates_blank_fields_and_agenda_stay_with_the_document() -> None:
    body = [
        "尊敬的各位来宾：",
        "我公司定于2024年6月18日下午在会展中心举行新品发布会，诚邀您拨冗出席。具体安排如下：",
        "14:00-14:30 来宾签到",
        "14:30-15:30 新品发布",
        "15:30-16:30 交流座谈",
        "回执：单位名称：＿＿＿＿＿＿ 参会人数：＿＿人",
        "日期：　　年　　月　　日",
    ]
    document = _page(["新品发布会邀请函", *body], "https://example.invalid/l/12.html")
    assert document.title == "新品发布会邀请函"
    assert [block.text for block in document.essays[0].blocks][1:5] == body[1:5]
    assert "参会人数" in document.text and "日期" in document.text


def test_sentences_with_words_of_ads_errors_and_blurbs_are_kept() -> None:
    body = [
        "各位同事：",
        "系统后台的数据统一存放在MySQL数据库里，每天凌晨自动备份一次。",
        "房租按季度交纳，每季度首月5日前付清当季房租。",
        "居民可以扫描公告栏上张贴的二维码，填写问卷参与调查。",
        "下面请欣赏三年级同学带来的舞蹈。",
        "（考试时间90分钟，满分100分）",
        "阅读下面的短文，完成1-3题。",
    ]
    document = _page(["工作安排说明", *body], "https://example.invalid/m/13.html")
    assert [block.text for block in document.essays[0].blocks] == body


def test_notices_glued_to_paragraphs_in_any_script_leave_the_paragraph() -> None:
    first = "通过这段时间的学习，我认识到只有脚踏实地，才能把每一件小事做好。"
    last = "今后我将以先进同事为榜样，立足本职，真抓实干，用行动证明自己。"
    lines = [
        "學習心得體會",
        f"{first}【来源：某某总结网】这段经历让我懂得了耐心的可贵，也让我学会了与人相处。",
        "在這段時間裏，我和同事們一起加班，一起討論，收獲了許多寶貴的經驗。（晨光文摘網）",
        f"{last} 某某文稿網 版權所有",
        "这次学习的收获，我会一直记在心里。某某范文网提醒您：本文仅供参考。",
    ]
    document = _page(lines, "https://example.invalid/n/14.html")
    text = document.text
    assert "这段经历让我懂得了耐心的可贵" in text and first in text and last in text
    assert "这次学习的收获" in text and "一起加班" in text
    for chrome in ("来源：某某总结网", "晨光文摘", "版权所有", "仅供参考"):
        assert chrome not in text


def test_readers_remarks_under_a_comment_heading_are_comments() -> None:
    lines = [
        "雨中的感动",
        "那天放学下起了大雨，我站在校门口发愁，一位不认识的阿姨把伞撑到了我的头顶。",
        "她一直把我送到家门口，自己的半边身子却湿透了。这件事我一直记在心里。",
        "网友评论(2)",
        "小草青青：写得真感人，学习了！",
        "晨风：第二段的细节很动人",
    ]
    document = _page(lines, "https://example.invalid/o/15.html")
    assert "写得真感人" not in document.text and "细节很动人" not in document.text
    assert "自己的半边身子却湿透了" in document.text


def test_a_sites_name_with_its_motto_is_no_title_beside_the_named_document() -> None:
    lines = [
        "晨光文库-让每一份资料更有用",
        "2024年第一季度思想汇报 - 晨光文库",
        "上传人：chenguang · 2024-04-02 · 3页",
        "敬爱的党组织：",
        "转眼间我成为预备党员已经三个月了，现将这一季度的思想情况向党组织汇报如下。",
    ]
    document = _page(lines, "https://example.invalid/p/16.html")
    assert document.title == "2024年第一季度思想汇报"


def test_a_printed_page_title_above_the_articles_own_heading_is_not_the_title() -> None:
    lines = [
        "班委会工作总结_班委会_某某范文网",
        "班委会宣传组工作总结",
        "本学期，宣传组在班委会的领导下，出了八期黑板报，组织了一次演讲比赛。",
    ]
    document = _page(lines, "https://example.invalid/q/17.html")
    assert document.title == "班委会宣传组工作总结"


def test_a_poem_addressing_someone_in_short_lines_is_no_menu() -> None:
    poem = ["您的笑", "是一盏小灯", "照亮傍晚的楼道", "也照亮我", "每一次晚归的路", "您的叮咛"]
    poem += ["是一阵轻轻的风", "吹过我长大的每一天"]
    review = "指导教师点评：全诗语言简洁，情感真挚，结尾的比喻尤其动人。"
    lines = ["写给外婆", "作者：初一(2)班 王可", "发表：2021-05-09", *poem, review]
    document = _page(lines, "https://example.invalid/r/18.html")
    assert document.title == "写给外婆"
    assert [block.text for block in document.essays[0].blocks] == [*poem, review]


def test_a_notices_own_fields_and_tip_stay_and_box_bars_make_a_menu() -> None:
    body = [
        "各位居民朋友：",
        "为了让小区更加整洁美丽，居委会将于本周六开展垃圾分类志愿活动。",
        "报名方式：扫描下方二维码或关注社区公众号报名",
        "温馨提示：请自带手套和水杯。",
        "出版社：人民文学出版社",
    ]
    lines = ["垃圾分类倡议书", "倡议书│申请书│邀请函│感谢信│通知", *body]
    document = _page(lines, "https://example.invalid/s/19.html")
    assert [block.text for block in document.essays[0].blocks] == body
    assert "邀请函" not in document.text


def test_a_collections_contents_and_ordinals_after_titles_split_it() -> None:
    lines = [
        "2025年教师工作总结【精选2篇】",
        "本文目录",
        "【1】语文教师工作总结",
        "【2】数学教师工作总结",
        "【1】语文教师工作总结",
        "本学期我担任两个班的语文教学工作，坚持认真备课，认真批改每一次作业。",
        "【2】数学教师工作总结",
        "这一学年，我在数学课堂上尝试了小组合作学习，学生的参与度明显提高了。",
    ]
    document = _page(lines, "https://example.invalid/t/20.html")
    assert document.title == "2025年教师工作总结【精选2篇】"
    assert [essay.title for essay in document.essays] == ["语文教师工作总结", "数学教师工作总结"]
    bracketed = [
        "国庆演讲稿【精选2篇】",
        "国庆演讲稿【第一篇】",
        "金秋十月，我们迎来了祖国的生日，校园里处处洋溢着节日的喜悦。",
        "国庆演讲稿【第二篇】",
        "作为新时代的少年，我们要把爱国之情化作学习的动力。",
    ]
    assert len(_page(bracketed, "https://example.invalid/t/21.html").essays) == 2


def test_a_labelled_count_is_no_title() -> None:
    lines = [
        "本吧关注人数：5678",
        "毕业感言",
        "三年的时光一晃而过，我们终于要说再见了，心里满是不舍。",
    ]
    assert _page(lines, "https://example.invalid/u/22.html").title == "毕业感言"


def test_a_list_above_the_title_stops_at_lines_left_open_and_sections() -> None:
    lines = [
        "相关推荐",
        "新学期计划怎么写",
        "开学第一课观后感",
        "我的新学期计划",
        "各位老师、同学们：",
        "新学期开始了，我给自己定下了几个小目标，希望在这个学期里能够做到。",
        "一、学习上",
        "上课认真听讲，按时完成作业，每天读书半小时。",
    ]
    document = _page(lines, "https://example.invalid/v/23.html")
    assert "各位老师、同学们：" in document.text and "一、学习上" in document.text
    assert "开学第一课观后感" not in document.text


def test_a_documents_numbered_items_signers_and_attachments_stay() -> None:
    body = [
        "各社区居民：",
        "1.线上宣传。通过社区公众号每周推送垃圾分类知识，居民扫码关注即可参与有奖答题。",
        "2.线下活动。每月第一个周六在小区广场开展宣传，欢迎大家参加。",
        "请登录市图书馆数字平台（https://lib.moushi.net）在线阅读推荐书目。",
        "附件：活动报名表（下载后填写）",
        "倡议人：某某社区居委会",
    ]
    document = _page(["垃圾分类倡议书", *body], "https://example.invalid/w/24.html")
    text = "".join(document.text.split())
    assert all(line in text for line in body)


def test_a_signers_class_and_name_stay_and_a_document_number_is_no_title() -> None:
    lines = [
        "介绍信（存根）",
        "（2024）第0012号",
        "兹介绍我校学生王小明同志前往贵单位联系实习事宜，请予接洽。",
        "检讨人：初二（5）班 刘浩然",
    ]
    document = _page(lines, "https://example.invalid/x/25.html")
    assert document.title == "介绍信（存根）"
    assert "检讨人：初二（5）班刘浩然" in "".join(document.text.split())


def test_a_header_notice_widgets_and_one_item_menu_leave_the_title_under_them() -> None:
    menu = ["演讲稿大全", "竞聘演讲", "就职演讲", "国旗下讲话", "比赛演讲", "节日演讲", "教师演讲"]
    lines = [
        "【通知】本站征文活动开始啦，优秀作品将推荐到首页展示！",
        "2024年9月5日 星期四 农历八月初三",
        "杭州 多云 24°C~31°C 空气质量：良",
        *menu,
        "位置：演讲稿大全 » 教师演讲稿",
        "新教师代表发言稿",
        "尊敬的各位领导、亲爱的老师们：",
        "大家好！",
        "金秋九月，丹桂飘香。今天，我作为新教师代表在这里发言，心情十分激动。",
    ]
    document = _page(lines, "https://example.invalid/y/26.html")
    assert document.title == "新教师代表发言稿"
    assert not any(item in document.text for item in menu[1:])


def test_a_speechs_greeting_is_no_title() -> None:
    lines = [
        "国旗下讲话：珍爱生命 预防溺水",
        "老师们、同学们：",
        "早上好！",
        "夏天到了，天气越来越热，很多同学喜欢到河边玩水，这是非常危险的。",
    ]
    document = _page(lines, "https://example.invalid/z/27.html")
    assert document.title != "早上好！" and "老师们、同学们：" in document.text


def test_template_markers_split_a_collection() -> None:
    lines = [
        "开业邀请函模板（2篇）",
        "模板一",
        "尊敬的各位来宾：我公司定于5月8日隆重开业，诚邀您莅临指导。",
        "模板二",
        "亲爱的朋友：新店即将开业，届时将举行剪彩仪式，敬请光临。",
    ]
    assert len(_page(lines, "https://example.invalid/z/28.html").essays) == 2


def test_an_essay_sentence_about_going_online_safely_is_kept() -> None:
    line = "我们要学会文明上网，不点击来历不明的链接，不浏览不良网站，保护好自己的信息。"
    document = _page(["网络是一把双刃剑", line], "https://example.invalid/aa/29.html")
    assert line in document.text


def test_a_script_left_in_the_page_and_a_vote_widget_are_chrome() -> None:
    lines = [
        "入党申请书",
        "敬爱的党组织：我志愿加入中国共产党，拥护党的纲领，遵守党的章程。",
        "申请人：某某",
        "很好(236) 一般(17) 较差(5)",
        'var _hmt = _hmt || []; (function() { var hm = document.createElement("script"); })();',
    ]
    document = _page(lines, "https://example.invalid/ab/30.html")
    assert "_hmt" not in document.text and "一般(17)" not in document.text


def test_an_account_named_again_in_the_byline_is_no_title() -> None:
    lines = [
        "晨光教育号",
        "谢谢你，我的老师",
        "原创 晨光教育号 2023-09-10 08:30 发表于江苏",
        "今天是教师节，我想对陪伴我六年的李老师说一声谢谢，谢谢您的耐心和鼓励。",
    ]
    assert _page(lines, "https://example.invalid/ac/31.html").title == "谢谢你，我的老师"


def test_a_short_title_before_an_author_label_on_its_meta_line_is_the_title() -> None:
    lines = [
        "雨中情 作者：佚名 来源：网络 2024-05-01",
        "那天放学，天空突然下起了大雨，我站在校门口，不知道该怎么回家。",
    ]
    assert _page(lines, "https://example.invalid/ad/32.html").title == "雨中情"


def test_a_collections_second_marker_naming_the_title_is_no_title_repeat() -> None:
    lines = [
        "上课玩手机检讨书（2篇）",
        "篇一：上课玩手机检讨书",
        "尊敬的王老师：今天在数学课上偷偷玩手机，被您当场发现，我非常后悔。",
        "篇二：上课玩手机检讨书",
        "敬爱的老师：怀着愧疚的心情，我写下这份检讨，保证以后不再犯。",
    ]
    assert len(_page(lines, "https://example.invalid/ae/33.html").essays) == 2


def test_an_exams_answer_options_are_no_jammer() -> None:
    options = "A. 3　B. -3　C. 1/3　D. -1/3"
    lines = [
        "七年级数学单元测试",
        "一、选择题（每小题3分，共30分。在每小题给出的四个选项中，只有一项符合题目要求）",
        "1. -3的相反数是（　　）",
        options,
    ]
    text = "".join(_page(lines, "https://example.invalid/af/34.html").text.split())
    assert "".join(options.split()) in text


def test_a_trail_run_on_after_a_menu_gives_its_last_crumb_as_the_title() -> None:
    lines = [
        "某某日记网 首页 一年级日记 二年级日记 三年级日记 周记 登录 注册 首页 > 三年级日记 > 我家的小菜园",
        "星期六 晴",
        "今天，爷爷带我去看他的小菜园，菜园里的黄瓜和西红柿都熟了，我摘了满满一篮子。",
    ]
    assert _page(lines, "https://example.invalid/ag/35.html").title == "我家的小菜园"


def test_the_essays_first_sentences_run_on_after_an_intro_blurb_stay() -> None:
    lines = [
        "个人年终工作总结",
        "下面是小编为大家整理的个人年终工作总结，希望能够帮助到大家。 时间过得真快，转眼间一年就要过去了。"
        "回顾这一年的工作，我收获了很多，现将一年来的工作情况总结如下：",
        "一、加强学习，不断提高业务水平。",
    ]
    text = _page(lines, "https://example.invalid/ah/36.html").text
    assert "时间过得真快" in text and "小编" not in text


def test_a_line_naming_itself_the_title_beats_a_schools_name_above_it() -> None:
    lines = [
        "某某市第一实验小学",
        "学生园地 > 优秀作品",
        "题目：我想对春天说的话",
        "五年级二班 王小雨",
        "亲爱的春天：你好吗？每年你一来，校园里的桃花就开了，我们都很喜欢你。",
    ]
    assert _page(lines, "https://example.invalid/ai/37.html").title == "我想对春天说的话"


def test_a_header_run_together_with_double_spaces_is_split_into_its_blocks() -> None:
    lines = [
        "某某总结网 工作总结 个人总结 年终总结 述职报告 搜索 首页 > 述职报告 > 正文  "
        "办公室年度述职报告  2024-01-10 来源:互联网 浏览量:",
        "各位领导、各位同事：",
        "根据安排，现将本人一年来的履职情况报告如下，请予评议。",
        "一年来，我始终坚持学习，努力做好本职工作，较好地完成了各项任务。",
    ]
    document = _page(lines, "https://example.invalid/aj/38.html")
    assert document.title == "办公室年度述职报告"
    assert "工作总结 个人总结" not in document.text
    form = [
        "入职登记表",
        "姓名：  张三",
        "本人自愿加入本公司，保证所填内容真实有效，如有虚假愿承担一切责任。",
    ]
    assert "姓名：张三" in "".join(_page(form, "https://example.invalid/aj/39.html").text.split())


def test_an_essays_argument_about_copying_is_no_copyright_notice() -> None:
    lines = [
        "谈谈网络时代的版权意识",
        "有人觉得网上能搜到的文字就能随便用，这种看法并不对。",
        "其次，未经允许把别人的文章署上自己的名字，就是侵犯他人的劳动成果。法律保护作者的权利，"
        "这一点不会因为文章发在网上而改变。我们写作业时也要养成注明出处的习惯。",
        "版权所有 某某范文网 未经许可不得转载",
    ]
    document = _page(lines, "https://example.invalid/ak/40.html")
    assert "法律保护作者的权利" in document.text
    assert "不得转载" not in document.text


def test_a_diarys_date_line_under_a_bare_marker_is_no_essay_title() -> None:
    lines = [
        "暑假日记（2篇）",
        "篇一",
        "7月3日 星期一 晴",
        "今天我第一次自己坐公交车去奶奶家，一路上既紧张又兴奋。",
        "篇二",
        "7月9日 星期日 小雨",
        "下午下起了小雨，我和妹妹在窗边数雨点，数着数着就睡着了。",
    ]
    document = _page(lines, "https://example.invalid/al/41.html")
    assert len(document.essays) == 2
    assert "7月3日" in document.text and "7月9日" in document.text


def test_a_brand_spelling_the_host_is_no_title_and_leaves_the_page() -> None:
    lines = [
        "听雨阁",
        "首页 小学作文 初中作文 高中作文",
        "搜索作文",
        "窗外的雨",
        "初二 记叙文 600字",
        "窗外的雨下了一整夜，我躺在床上听着雨声，想起了很多往事。",
        "那年夏天，我和外婆坐在屋檐下，一边剥豆子一边听雨。",
    ]
    document = _page(lines, "https://m.tingyuge.net/chuer/123.html")
    assert document.title == "窗外的雨"
    assert "听雨阁" not in document.text


def test_a_poems_open_line_or_a_scripts_speaker_line_is_no_title() -> None:
    poem = [
        "某某文学 诗歌 散文 随笔",
        "作者：山风  发布时间：2024-04-02",
        "春雷",
        "雷，",
        "滚过干裂的田埂，",
        "叫醒了沉睡的种子。",
        "三月的第一声雷响起时，祖父总要站到院子里，仰头看很久很久。",
    ]
    assert _page(poem, "https://example.invalid/am/42.html").title == "春雷"
    script = [
        "某某范文网 主持词 演讲稿 致辞",
        "男：尊敬的各位来宾，",
        "女：亲爱的朋友们，",
        "合：大家晚上好！",
        "男：金秋送爽，丹桂飘香，我们欢聚一堂，共同庆祝公司成立十周年。",
    ]
    assert "合" not in _page(script, "https://example.invalid/am/43.html").title


def test_a_title_named_in_a_row_of_fields_is_the_title_and_the_row_goes() -> None:
    lines = [
        "某某作文 首页 小学 初中 高中",
        "题目：《老街》 体裁：散文 年级：初三 字数：900",
        "作者：林小溪 | 指导老师：陈红",
        "老街在城的最东头，青石板路被几百年的脚步磨得发亮。",
        "我小时候常跟着爷爷去老街买豆腐，那家豆腐坊的门口总是冒着白气。",
    ]
    document = _page(lines, "https://example.invalid/an/44.html")
    assert document.title == "老街"
    assert "体裁" not in document.text


def test_a_title_only_at_a_trails_end_or_in_a_toolbar_is_found() -> None:
    dashed = [
        "某某书信网 | 感谢信 | 表扬信 | 倡议书",
        "您的位置：书信大全 - 表扬信 - 给物业的表扬信",
        "发布者：网友 时间：2022-03-01",
        "尊敬的物业公司：",
        "我是小区三号楼的业主，上周家里水管爆裂，物业维修师傅半夜赶来抢修，让我们非常感动。",
    ]
    assert _page(dashed, "https://example.invalid/ao/45.html").title == "给物业的表扬信"
    deep = [
        "某某作文 | 小学作文 | 初中作文 | 高中作文",
        "首页 > 小学作文 > 四年级作文 > 写景作文 > 春雨",
        "2022-04-01 字数：380",
        "春雨下起来了，沙沙沙，沙沙沙，像春姑娘在弹琴。小草喝饱了水，悄悄地探出了头。",
    ]
    assert _page(deep, "https://example.invalid/ao/46.html").title == "春雨"
    toolbar = [
        "某某范文网 | 倡议书 | 申请书",
        "收藏 打印 《节约用水倡议书》",
        "作者：佚名 人气：",
        "亲爱的同学们：",
        "水是生命之源，也是我们赖以生存的宝贵资源。为了保护水资源，我们向全校同学发出倡议。",
    ]
    assert _page(toolbar, "https://example.invalid/ao/47.html").title == "节约用水倡议书"


def test_a_genre_word_with_an_ordinal_splits_a_counted_collection_cut_short() -> None:
    lines = [
        "迟到检讨书（精选4篇）",
        "检讨书一",
        "敬爱的王老师：今天早上我因为贪睡迟到了十分钟，耽误了早读，我深感惭愧。",
        "检讨书二",
        "尊敬的班主任：这周我已经迟到两次了，我向您保证以后每天提前十分钟到校。",
    ]
    assert len(_page(lines, "https://example.invalid/ap/48.html").essays) == 2


def test_an_essay_sentence_between_paragraphs_naming_chrome_words_stays() -> None:
    lines = [
        "社区防疫志愿服务心得",
        "今年春天，我报名参加了社区的防疫志愿服务，主要负责小区门口的登记和测温工作。",
        "举报电话和物业电话都写在门岗旁边的小黑板上。",
        "每天早上七点，我就和其他志愿者一起到岗，一直忙到中午才能换班休息一会儿。",
        "版权所有 某某范文网",
    ]
    document = _page(lines, "https://example.invalid/aq/49.html")
    assert "小黑板上" in document.text
    assert "版权所有" not in document.text


def test_a_printed_title_naming_the_mobile_site_gives_the_title_and_counts_the_essays() -> None:
    lines = [
        "某某范文",
        "首页 分类 排行 我的",
        "学生会竞选发言稿(精选5篇)-某某范文手机版",
        "学生会竞选发言稿1",
        "尊敬的老师、亲爱的同学们：大家好！我是高二三班的李明，今天竞选的是学生会宣传部部长。",
        "学生会竞选发言稿2",
        "各位评委、各位同学：大家好！我叫王芳，很荣幸能站在这里参加学生会的竞选。",
    ]
    document = _page(lines, "https://m.example.invalid/ar/50.html")
    assert document.title.startswith("学生会竞选发言稿")
    assert len(document.essays) == 2


def test_an_editor_announcing_the_collection_without_a_gatherer_is_a_blurb() -> None:
    lines = [
        "请假条范文（3篇）",
        "请假条是因故不能上班或上学时向领导、老师说明情况的便条。本文整理了三则请假条范文，请参阅。",
        "范文一",
        "王老师：我因发烧需要去医院检查，今天上午不能到校上课，特此请假半天，望批准。",
        "范文二",
        "张经理：因家中老人住院需要陪护，我想请假两天，工作已交接给同事小李，望批准。",
    ]
    document = _page(lines, "https://example.invalid/as/51.html")
    assert "本文整理了" not in document.text
    assert "因发烧需要去医院检查" in document.text


def test_magazine_numbers_and_counted_poems_split_a_collection() -> None:
    numbered = [
        "简短的年度工作总结（精选3篇）",
        "No.1",
        "这一年我在客服岗位上认真工作，耐心解答每一位客户的问题，受到了大家的好评。",
        "No.2",
        "回顾这一年，我在销售岗位上努力开拓市场，完成了全年的销售任务。",
    ]
    document = _page(numbered, "https://example.invalid/at/52.html")
    assert len(document.essays) == 2 and "No" not in document.title
    poems = [
        "秋天的诗（三首）",
        "第一首 《落叶》",
        "落叶是秋天写给大地的信，一片一片，写满了思念。",
        "第二首 《稻田》",
        "稻田弯下了腰，像是在向辛勤的农民鞠躬致谢。",
    ]
    assert len(_page(poems, "https://example.invalid/at/53.html").essays) == 2


def test_fields_set_one_per_line_and_a_documents_first_field_are_no_title() -> None:
    vertical = [
        "关于加强校园安全管理的通知",
        "发布日期",
        "2023-09-01",
        "浏览次数",
        "2,816",
        "各班主任：新学期开始，为切实做好校园安全工作，现将有关事项通知如下。",
    ]
    document = _page(vertical, "https://example.invalid/au/54.html")
    assert document.title == "关于加强校园安全管理的通知"
    assert "2,816" not in document.text and "浏览次数" not in document.text
    minutes = [
        "某某文秘网 / 会议记录 / 2022-10-14 / 阅读 763",
        "会议时间：2022年10月12日下午3:00",
        "会议地点：三楼会议室",
        "主持人：张主任",
        "会议内容：总结第三季度工作，部署第四季度重点任务，各部门负责人依次发言。",
    ]
    document = _page(minutes, "https://example.invalid/au/55.html")
    assert "会议时间" not in document.title
    assert "会议时间：2022年10月12日下午3:00" in document.text


def test_the_article_a_you_are_here_trail_ends_with_beats_furniture_above_it() -> None:
    above = [
        "某某作文网",
        "作文首页 小学作文 初中作文 写作指导",
        "广告 | 秋季作文班报名中，名师一对一批改",
        "当前位置：首页 > 小学作文 > 写景作文 > 校园的秋天",
        "年级：三年级 | 字数：300字",
        "秋天来了，校园里的银杏树叶变黄了，一片片像小扇子一样飘落下来。",
    ]
    assert _page(above, "https://example.invalid/av/56.html").title == "校园的秋天"
    short = [
        "某某作文 | 看图写话 | 写景 | 日记",
        "写话专区：每天一篇，轻松学写话",
        "写景 > 一年级 > 小雨",
        "小雨",
        "一年级 写景 100字",
        "小雨沙沙地下着，小草喝饱了水，笑着抬起了头。小花也张开了嘴巴，开心地喝着甜甜的雨水。",
        "我撑着小伞走在路上，听着雨点打在伞上的声音，心里美滋滋的。",
    ]
    assert _page(short, "https://example.invalid/av/57.html").title == "小雨"


def test_a_run_together_header_with_labelled_blocks_beside_others_is_split() -> None:
    lines = [
        "某某讲话网 首页 演讲稿 致辞 登录 | 注册  您的位置:首页 > 国旗下讲话  "
        "节约粮食 从我做起  分享到: 微信 微博 收藏本文",
        "老师们、同学们：",
        "早上好！今天我国旗下讲话的题目是《节约粮食 从我做起》，希望大家从每一顿饭做起。",
    ]
    assert _page(lines, "https://example.invalid/aw/58.html").title == "节约粮食 从我做起"


def test_a_trail_running_into_the_title_and_its_fields_gives_the_title() -> None:
    lines = [
        "某某作文网  首页  小学作文  初中作文  高中作文  作文素材  登录  注册",
        "首页 > 作文 > 初中作文 > 叙事作文 难忘的运动会 作者:王小明  来源:学生投稿  时间:2023-10-12",
        "秋季运动会那天，天空格外晴朗，操场上彩旗飘飘，同学们早早地来到了看台上。",
        "我报名参加的是八百米跑，发令枪一响，我就和其他选手一起冲了出去。",
    ]
    assert _page(lines, "https://example.invalid/ax/59.html").title == "难忘的运动会"


def test_a_related_list_whose_first_item_looks_like_an_essay_marker_goes_whole() -> None:
    lines = [
        "我的同桌",
        "我的同桌是个爱笑的女孩，她的眼睛弯弯的，像两道月牙，笑起来特别好看。",
        "有一次我忘了带铅笔，她二话不说就把自己的铅笔借给了我，自己用圆珠笔写字。",
        "相关作文：",
        "我的同桌（二）",
        "我的好朋友",
        "可爱的小妹妹",
    ]
    text = _page(lines, "https://example.invalid/az/61.html").text
    assert "我的好朋友" not in text and "（二）" not in text
    assert "借给了我" in text


def test_a_latin_brand_matching_the_host_a_bare_label_and_emoji_counts_are_no_title() -> None:
    lines = [
        "EssayNest",
        "题目",
        "窗前的桂花树",
        "👁 3.4k ♥ 52 💬 9",
        "奶奶家的窗前有一棵桂花树，每到八月，满院子都是甜甜的香味，连路过的人都会停下脚步。",
        "我最喜欢在树下看书，风一吹，小小的桂花就落在书页上，像撒了一层金粉。",
    ]
    document = _page(lines, "https://m.essaynest.com/a/62.html")
    assert document.title == "窗前的桂花树"
    assert "♥" not in document.text and "EssayNest" not in document.text


def test_a_home_trail_run_into_the_first_sentence_leaves_the_title_above_it() -> None:
    lines = [
        "难忘的一次旅行",
        "网站首页 > 游记 > 正文阅读 去年暑假，爸爸妈妈带我去了一趟海南，那是我第一次看见大海。",
        "海水蓝得像一块宝石，浪花一层一层地涌上沙滩，我光着脚追着浪花跑来跑去。",
    ]
    assert _page(lines, "https://example.invalid/ba/63.html").title == "难忘的一次旅行"


def test_a_brand_before_a_counted_or_quoted_title_prints_the_title() -> None:
    lines = [
        "听雨阁 · 读书笔记",
        "首页 > 读书心得 > 名著",
        "听雨阁｜《红楼梦》读书心得3篇",
        "2024-05-19",
        "篇一",
        "《红楼梦》写尽了一个大家族由盛而衰的过程，读完之后，我久久不能平静。",
        "篇二",
        "第一次读《红楼梦》是在初中，那时只记住了宝玉和黛玉的故事。",
    ]
    document = _page(lines, "https://m.tingyuge.net/a/64.html")
    assert document.title == "《红楼梦》读书心得3篇"


def test_a_papers_own_abstract_sentence_is_no_editors_blurb() -> None:
    lines = [
        "初中语文阅读教学中提问策略研究",
        "阅读教学是语文教学的重要环节。本文通过课堂观察和问卷调查，分析了教师提问中存在的问题，"
        "提出了分层提问、追问引导等三项改进策略。希望能为一线教师提供参考。",
        "一、问题的提出",
        "在日常教学中，教师提问往往流于形式，学生的思维没有真正被激发出来。",
    ]
    assert "分析了教师提问中存在的问题" in _page(lines, "https://example.invalid/bb/65.html").text


def test_a_chunk_after_a_space_that_ends_the_sentence_before_it_stays() -> None:
    line = (
        "为了让同学们远离网络诈骗，学校开展了一系列宣传活动。 （一）主题班会。各班围绕不点击陌生链接"
        "开展讨论。 （二）家校共育。班主任在家长群里推送了防骗提示，提醒家长帮助孩子 下载安装反诈宣传APP。"
        " 宣传活动方案 第1页（共3页）"
    )
    lines = ["网络安全宣传活动总结", line, "通过这次活动，同学们的防骗意识明显增强了。"]
    assert "下载安装反诈宣传APP" in _page(lines, "https://example.invalid/bb/66.html").text


def test_an_account_named_again_in_a_byline_with_its_time_is_no_title() -> None:
    lines = [
        "当前位置：首页 > 教育 > 晨光教师笔记",
        "晨光教师笔记",
        "一名中学语文老师的教学随笔",
        "第一次家长会发言的感悟",
        "原创 王老师 晨光教师笔记 2024-03-02 20:15 发表于江苏",
        "上周五，我第一次以班主任的身份主持家长会，站在讲台上，手心里全是汗。",
        "会后，一位家长握着我的手说：“孩子交给你，我们放心。”那一刻，我觉得一切都值得。",
    ]
    assert _page(lines, "https://example.invalid/bc/67.html").title == "第一次家长会发言的感悟"
