"""The article's title, from evidence rather than position.

Candidates come from the <title> (split at its separators, the site's name, host and short
section words dropped), from <h1>, and from the first short unpunctuated lines of the body that
are not chrome. A candidate the rest of the page repeats (a second copy of the line, a sub-essay
heading or an editor's blurb that names it) is preferred; a bare site name, host, breadcrumb or
section word is never returned.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipelines.clean.essays import announced_count, first_essay_title, may_open_essay
from pipelines.clean.lineshape import (
    ACCOUNT_CUE,
    ACTIONS,
    FORM_LABEL,
    REVIEW,
    TITLE_LABEL,
    char_pairs,
    fold,
    fold_lines,
    is_verse,
)
from pipelines.clean.rules import first_matching, is_related_heading
from pipelines.clean.script import t2s
from pipelines.clean.textnorm import cjk_count

# A <title>'s separators: bars and underscores; a dash, dot or chevron with a space on a side;
# two hyphens, or a full-width one, anywhere (not "2023－2024").
_SEPARATOR = re.compile(
    r"\s*[_|｜丨]+\s*|\s+(?:[-–—－]+|[·»]|::)\s*|\s*[-–—－]+\s+|--+|(?<!\d)－(?!\d)"
)
# Unspaced separators, used only when the last part they give is a site's name
# ("标题-栏目-站名", "标题——栏目——站名", "标题－站名手机版").
_BARE_SEPARATOR = re.compile(r"-{1,2}|－|—{1,2}|·|»")
# A version of the page after its title ("… 打印页面", "…(打印版)", "…（手机版）").
_VERSION_TAIL = re.compile(
    r"\s*[(（【\[]?\s*(打印页面|打印版|打印本页|打印预览|手机版|移动版|触屏版)\s*[)）】\]]?$"
)
# A page's version named after the site's name ("范文网手机版", "手机版").
_VERSION_SUFFIX = re.compile(r"(手机|移动|触屏|wap)版$")
_HOST = re.compile(r"^(?:https?://)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d+)?/?$", re.IGNORECASE)
# A site's boast about itself: "中国最大的免费范文网站", "专业的作文学习平台".
_SLOGAN_PART = re.compile(
    r"(最大|最好|最全|最新|专业|免费|领先|一站式|首选|权威|优质)的?\w{0,10}(网站|平台|网|站|门户|社区|专家)$"
)
_SITE_SUFFIX = re.compile(
    r"(网|站|网站|文库|首页|主页|频道|中心|论坛|社区|平台|门户|之家|(作文|范文|美文|文章)吧|"
    r"的(部落格|博客|空间|小站))$"
)
_SENTENCE = re.compile(r"[。；;]")
_DATE_ONLY = re.compile(r"^[\d\s年月日:/.\-]+$")
_ORDINAL_ONLY = re.compile(
    r"^[(（【]?(第?[一二三四五六七八九十\d]{1,3}[篇首则]?|篇[一二三四五六七八九十\d]{1,3}|no\.?\s*\d{1,2})[)）】]?$"
)
_MAX_TITLE = 60
# "[广告位]", "【作文题目】": a label in brackets, whole, is no title.
_LABELLED_COUNT = re.compile(r"[\u4e00-\u9fff][:：]\s*\d[\d,.]*\s*[万wk]?$")
_DOCUMENT_NUMBER = re.compile(r"^\S{0,8}[(（〔\[]\d{4}[)）〕\]]\s*第?\s*\d{1,5}\s*号$")
_GREETING = re.compile(
    r"^(大家|同学们|各位|老师们)?(早上|上午|中午|下午|晚上)?好[!！。]?$|^(您|你)们?好[!！。]?$"
)
_BRACKETED_ONLY = re.compile(r"^[【\[［][^】\]］]*[】\]］]$")
_MAX_ACCOUNT_NAME = 12
_SECTION_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、．])"
)
_FILE_EXTENSION = re.compile(r"\.(?:docx?|pdf|txt|pptx?|xlsx?|wps|rtf)$", re.IGNORECASE)
# A site's promotional tag before the title: "【精品】", "[推荐]", "(原创)";
_PROMO_TAG = re.compile(
    r"^\s*[【\[［(（]\s*(精品|推荐|热门|精选|原创|荐|置顶|新|最新|热|hot|new|vip|免费|独家|经典|优秀|必备|"
    r"(word|doc|pdf)?\s*(完整版|精华版|可编辑版?|打印版|电子版|最新版|修订版|版)|可编辑|优质)"
    r"\s*[】\]］)）]\s*"
    # and a forum's marks after it: "[复制链接]", "[图文]", "[精华]".
    r"|\s*[【\[［(（]\s*(复制链接|复制本帖链接|打印|收藏|分享|精华|置顶|图文|视频|附件|图片|转载|原创)"
    r"\s*[】\]］)）]\s*$",
    re.IGNORECASE,
)
_SPACED = re.compile(r"\S\s+\S")
_ORDINAL_TAIL = re.compile(
    r"\s*[(（【]?(第?[一二三四五六七八九十\d]{1,3}篇|篇\s*[一二三四五六七八九十\d]{1,3})[)）】]?$"
)
_MIN_TITLE = 2
_EDITOR_CUE = re.compile(r"小编|以下是|下面是|为(大家|您|你)(整理|收集|带来|精选|准备|推荐|分享)")
_QUOTED = re.compile(r"《[^》]*》")
# What may follow the article's name at a breadcrumb's end: a closing separator, "正文".
_CRUMB_END = re.compile(r"\W*(正文|内容|阅读)?\W*")
# What a notice says of the article it names first: "<title>由…整理", "<title>来源于网络".
_CREDITED = re.compile(r"(一文)?(由|来源|来自|转载|转自|选自|出自|源自|摘自)")
_CRUMB_SEPARATOR = re.compile(r"\s*(?:>>?|»|›|→|＞)\s*|\s+·\s+")
_CRUMB_LABEL = re.compile(r"^\W*[^:：>»]{0,8}位置\s*[:：]\s*")
_LABELLED_CRUMB_SEPARATOR = re.compile(_CRUMB_SEPARATOR.pattern + r"|\s+[-–—/]\s+")
_DEEP_TRAIL = 4  # crumbs: home, a section, a subsection, the article
_MAY_BE_TRAIL = re.compile(r"[>»›→＞·]|位置")
_HOME_CRUMBS = frozenset({"首页", "主页", "网站首页", "首 页"})
# Where the next field starts after a title's value on a line of fields.
_NEXT_FIELD = re.compile(r"\s*[|｜◆◇●·•]\s*|\s+[^\s:：]{1,6}\s*[:：]|\s*[【\[［]|\s{2,}|　")
_MAX_SITE_NAME = 12
_MAX_PARTS = 3
_MAX_SITE_ALMANAC = 8
# What a site's almanac collects ("中华范文大全"); "春节对联大全" is a page of one topic.
_ALMANAC_OF = re.compile("(范文|作文|公文|文章|资料|文档|美文)大全$")
# A section of a composition site: "小学作文", "三年级", "初二作文", "写人作文".
_CATEGORY = re.compile(
    r"((小学|初中|高中|中学)?([一二三四五六七八九]年级|初[一二三]|高[一二三])?\w{0,2}(作文|范文|写话|日记|周记)|"
    r"[一二三四五六七八九]年级|初[一二三]|高[一二三])(\d{2,4}字)?"
)
# A <title> segment this short is a section word ("作文", "心得体会") when a longer one exists.
_MAX_SECTION_WORD = 4
_MIN_REFRAIN = 3
# Body lines looked at for a title, and how far a repetition of it is looked for.
_TITLE_WINDOW = 8
# How far down a long header (a menu one item per line) the title is looked for, and repeats.
_SCAN = 60
_REPEAT_SLACK = 8
# What follows the title in a <title> printed on the page (squashed: no spaces).
_PRINTED_SEPARATORS = frozenset("-_|｜–—")
# A keyword, tag or summary line naming a candidate repeats it.
_ABOUT_LABEL = re.compile(r"^\W*(本文)?(关键[词字]|标签|tags?|摘要|简介|导读|导语|内容提要)\W")
# A title this long, named inside a line this long (a blurb), counts as repeated.
_MIN_NAMED = 6
_MIN_BLURB = 40
# Candidates in a row, with only chrome or blank lines between them, that make a list of
# headlines; a headline's shape; the end of a line that is no title (it goes on).
_MIN_LIST = 3
_MAX_LIST_HEADING = 12
_HEADLINE = re.compile(r"[^,，;；。!！?？、]{4,40}(?<![:：])")
_OPEN_END = re.compile(r"[,，、:：;；]$")
# A line this long with a sentence's end is prose (the window reaches the title above it).
_MIN_PROSE = 20
_SENTENCE_END = re.compile(r"[。！？!?]")
# "指导老师：陈老师": a label and its value.
_LABELLED = re.compile(r"^[^:：]{1,8}[:：]")
# A title with the byline run on after it: the title, then a space and a date or a label.
_HEAD_BEFORE_BYLINE = re.compile(
    r"([^\s:：|｜]{2,40}?)\s+(?:[(（]?\d{4}\s*[-/.年]\s*\d{1,2}|"
    r"(?:作者|来源|时间|日期|发布|发表|更新|阅读|浏览|点击|人气|编辑)\s*[:：])"
)
_BYLINE_REACH = 5
_AUTHOR_LABEL = re.compile(r"(作者|文|撰稿|投稿人?)\s*[:：]")
_TRAILING_BYLINE = re.compile(
    r"\s+[(（]?(作者|文|来源|发布时间|发布日期|时间|日期)\s*[:：]\s*[^:：]{1,20}"
    r"(\s+[^\s:：]{1,6}\s*[:：]\s*[^:：]{0,20})*$|"
    r"\s+\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?(\s+\d{1,2}:\d{2}(:\d{2})?)?$"
)
# A byline by its date: "老树昏鸦 2021-10-02 | 阅 208", "作文通 2022-04-05 初二 记叙文"; in a
# key without spaces the time may follow the day at once ("2023-08-2607:45").
_DATED = re.compile(
    r"(?<!\d)\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)|(?<!\d)\d{4}-\d{2}-\d{2}(?=\d{1,2}:\d{2})"
)
_MAX_BYLINE = 60
# A letter's or notice's salutation: "各县（市、区）教育局，局直属各学校：".
_SALUTATION = re.compile(r"^[^,，。！？!?:：]{2,12}([,，、][^,，。！？!?:：]{2,12}){0,4}[:：]$")
_BYLINE = re.compile(r"^\W*(作者|文|撰稿|投稿|发布|发布时间|时间|日期|来源)\s*[:：]")
_MAX_CREDIT = 3
_NAME_WITH_POST = re.compile(r"[\u4e00-\u9fff]{2,4}[(（][^)）]{2,20}[)）]$")
# The last character of a label naming a person: 老师, 作者, 辅导员, 主编, 撰稿人.
_ROLE_ENDS = frozenset("师者员编人长")
# Two candidates sharing this many characters in a row are on one subject.
_SAME_SUBJECT = 4
_SAME_WORDS = 0.8  # the share of a printed <title>'s characters a heading under it repeats


def title_key(text: str) -> str:
    return "".join(fold(text).split())


def is_site_like(text: str, site_names: Sequence[str] = ()) -> bool:
    return _is_site_key(title_key(text), {title_key(name) for name in site_names})


def _is_site_key(key: str, names: set[str]) -> bool:
    key = _VERSION_SUFFIX.sub("", key) if key.endswith("版") else key  # "…网手机版"
    if not key or _HOST.match(key) or key in names:
        return True
    if key.endswith("大全"):  # "作文大全" is a site; "年终工作总结范文大全" a title
        return len(key) <= 4 or (len(key) <= _MAX_SITE_ALMANAC and bool(_ALMANAC_OF.search(key)))
    return len(key) <= _MAX_SITE_NAME and bool(_SITE_SUFFIX.search(key))


def _title_parts(text: str) -> list[str]:
    """A <title>-like text's parts at its separators ("标题_栏目_站名", "标题 - 站名"), stripped."""
    parts = [part.strip() for part in _SEPARATOR.split(text) if part and part.strip()]
    if len(parts) == 1 and _BARE_SEPARATOR.search(text):
        bare = [part.strip() for part in _BARE_SEPARATOR.split(text) if part.strip()]
        if 2 <= len(bare) <= _MAX_PARTS and is_site_like(bare[-1]):
            return bare
    return parts


def echoes_title(line: str, title: str) -> bool:
    """Whether a line is the page's <title> printed again: the title among parts split at a
    <title>'s separators ("我的妈妈 - 小学作文 - 作文吧", "我的妈妈_作文吧")."""
    parts = _title_parts(line)
    wanted = title_key(title)
    return len(parts) >= 2 and any(title_key(part) == wanted for part in parts)


def title_segments(html_title: str | None, site_names: Sequence[str] = ()) -> list[str]:
    """The <title>'s segments that may be the article's title, in order."""
    if _HOST.match((html_title or "").strip()):
        return []  # a bare host ("qingqing-campus.org.tw"), not split at its hyphen
    parts = _title_parts(html_title or "")
    parts = [p for p in parts if not is_site_like(p, site_names)]
    if len(parts) >= 2:  # "钓鱼_三年级作文_作文网": a section's name is not the title
        parts = [p for p in parts if not _CATEGORY.fullmatch(title_key(p))] or parts[:1]
    longest = max((len(title_key(p)) for p in parts), default=0)
    return [
        p
        for n, p in enumerate(parts)
        if n == 0 or len(title_key(p)) > _MAX_SECTION_WORD or longest <= _MAX_SECTION_WORD
    ]


def choose_title(
    html_title: str | None,
    h1: str | None,
    lines: Sequence[str],
    chrome: Sequence[bool],
    site_names: Sequence[str] = (),
    folded: Sequence[str] | None = None,
    furniture: Sequence[str] = (),
) -> str:
    """The best-supported title, without a document's file extension ("….docx");
    `chrome[i]` says line i is already known boilerplate, `folded` holds the lines' folded
    keys when the caller has them, `furniture` the folded keys of the page's navigation lines
    (breadcrumbs, menus, copyright and slogan lines)."""
    scanned = folded[:_SCAN] if folded is not None else fold_lines(list(lines[:_SCAN]))
    lines, scanned, chrome = _heads_of_bylines(lines, scanned, chrome)
    keys = ["".join(key.split()) for key in scanned]
    names = {title_key(name) for name in site_names}
    window = _window(keys, chrome)
    body = _body_candidates(lines, keys, window, names)
    segments = title_segments(html_title, site_names)
    navigation = ["".join(_QUOTED.sub("", key).split()) for key in furniture]
    leading = _leading(keys, body, chrome)
    title = _pick(h1, segments, lines, keys, body, window, site_names, navigation, leading)
    labelled = _labelled_title(lines, keys)
    if labelled and (title_key(labelled) not in title_key(title) or TITLE_LABEL.match(fold(title))):
        title = labelled  # the page names its title in a field, whatever the lines around say
    title = _past_the_trail(title, lines, keys, site_names)
    if not title:  # no line of its own: a <title> printed on the page, or a trail's end
        title = _from_furniture(lines, keys, site_names) or _named_by_editor(lines, keys)
    title = _titled_part(_trail_tail(title), site_names)
    title = first_essay_title(title) or title  # the first essay's marker is not the page's
    title = title[_title_label_end(title) :] or title  # "【标题】…", "题目：…"
    title = without_byline(title)  # "美丽的西湖 作者：李华"
    bare = _without_tags(_VERSION_TAIL.sub("", _FILE_EXTENSION.sub("", title))).strip()
    return bare if len(title_key(bare)) >= _MIN_TITLE else title


def without_byline(line: str) -> str:
    """A title line without the byline or date run on after it ("美丽的西湖 作者：李华",
    "植树倡议书 2024-03-10")."""
    return _TRAILING_BYLINE.sub("", line) or line


def _heads_of_bylines(
    lines: Sequence[str], keys: Sequence[str], chrome: Sequence[bool]
) -> tuple[list[str], list[str], list[bool]]:
    """The lines, keys and flags with a known byline that a title leads ("<title> 2023-06-05
    阅读 1024 次", "<title> 作者：某某") cut down to the title, as a line of its own; only
    above every line that may be a title (under one, a byline's head is an author's name)."""
    lines, keys, chrome = list(lines), list(keys), list(chrome)
    for index in range(min(len(keys), _TITLE_WINDOW)):
        if index >= len(chrome) or not chrome[index]:
            key = "".join(keys[index].split())
            if _plausible(key) and not _is_site_key(key, set()):  # a blog's name is no title
                break
            continue
        match = _HEAD_BEFORE_BYLINE.match(lines[index].strip())
        head = match.group(1) if match else ""
        size = len(title_key(head))
        authored = _AUTHOR_LABEL.search(lines[index], len(head))  # the head is then no name
        if (size > _MAX_SECTION_WORD or (size >= _MIN_TITLE and authored)) and not _LABELLED.match(
            head
        ):
            lines[index], keys[index], chrome[index] = head, fold(head), False
    return lines, keys, chrome


def _title_label_end(title: str) -> int:
    """Where a label naming the line as the title ends ("【标题】", "题目："), or 0. Matched on
    the folded line, which keeps its length for labels in either script."""
    folded = fold(title)
    match = TITLE_LABEL.match(folded)
    return match.end() if match and len(folded) == len(title) else 0


def _without_tags(title: str) -> str:
    """The title without a promotional tag before it or a forum's mark after it, found on its
    simplified form (a traditional page's "【推薦】" too)."""
    simplified = t2s(title)
    if len(simplified) != len(title):
        simplified = title  # a phrase conversion changed the length: positions would not match
    for match in reversed(list(_PROMO_TAG.finditer(simplified))):
        title = title[: match.start()] + title[match.end() :]
    return title


def _pick(
    h1: str | None,
    segments: list[str],
    lines: Sequence[str],
    keys: list[str],
    body: list[int],
    window: list[int],
    site_names: Sequence[str],
    navigation: Sequence[str],
    leading: int = -1,
) -> str:
    for segment in segments:
        key = title_key(segment)
        for index in body:
            if _overlaps(keys[index], key):
                if h1 and _good_h1(h1, site_names) and _overlaps(title_key(h1), key):
                    return " ".join(h1.split())
                return lines[index].strip()
    # No part of the <title> is printed in the text: an <h1> is, or the line right above the
    # text is the article's; a <title> naming only the site or a section tells less.
    if h1 and _good_h1(h1, site_names):
        return " ".join(h1.split())
    if segments and (leading < 0 or announced_count(segments[0])):
        return segments[0]  # a collection's <title> ("…【三篇】") over its first essay's line
    if h1 and not is_site_like(h1, site_names):
        return " ".join(h1.split())
    return _best_body(lines, keys, body, window, navigation, leading)


def _good_h1(h1: str, site_names: Sequence[str]) -> bool:
    return not is_site_like(h1, site_names) and _plausible(title_key(h1))


def title_line(title: str, keys: Sequence[str], chrome: Sequence[bool] = ()) -> int:
    """Where the title stands among the first lines (folded keys), or -1; lines known to be
    chrome (`chrome[i]`) do not count towards the window, so a long header does not hide it."""
    wanted = title_key(title)
    if not wanted:
        return -1
    window = _window(keys, chrome)
    squashed = {index: "".join(keys[index].split()) for index in window}
    # The title's own line first: a section word above it ("心得体会" over "教师培训心得体会")
    # overlaps the title too, and would make the header end too early.
    exact = next((index for index in window if squashed[index] == wanted), None)
    if exact is not None:
        return exact
    return next(
        (
            index
            for index in window
            if _overlaps(squashed[index], wanted)
            and (wanted in squashed[index] or 2 * len(squashed[index]) >= len(wanted))
            and not _SENTENCE_END.search(squashed[index])
            and not squashed[index].endswith((":", "："))
        ),
        -1,
    )  # a sentence that names the title ("我心中的英雄，是…。") is the text's first line, a
    # heading that names it ("【<title>】相关文章：") introduces a list, and a small part of it
    # ("范文2" in "入党申请书范文2000字") is a marker


def _window(keys: Sequence[str], chrome: Sequence[bool]) -> list[int]:
    """The first `_TITLE_WINDOW` lines that are not known chrome, within the first `_SCAN`,
    and as many again just above the first line of prose when that stands further down: a
    list of other articles' headlines above the article can be longer than the window."""
    open_lines = [i for i in range(min(len(keys), _SCAN)) if not (i < len(chrome) and chrome[i])]
    found = open_lines[:_TITLE_WINDOW]
    prose = next((n for n, i in enumerate(open_lines) if _opens_prose(keys[i])), None)
    if prose is None or prose <= _TITLE_WINDOW:
        return found
    return found + open_lines[max(_TITLE_WINDOW, prose - _TITLE_WINDOW) : prose + 1]


def _opens_prose(key: str) -> bool:
    return len(key) > _MAX_TITLE or (len(key) >= _MIN_PROSE and bool(_SENTENCE_END.search(key)))


def _site_led(line: str, names: set[str]) -> bool:
    """A line laid out as a <title> whose first part is a site's name ("古诗文网_诗词大全_唐诗宋词",
    "范文之家 - 专业的范文写作网站"): the site's own header."""
    parts = _title_parts(line)
    if len(parts) < 2:  # "知行文库-让知识更有价值": a site's name first needs no spaced separator
        parts = [part for part in _BARE_SEPARATOR.split(line, maxsplit=1) if part.strip()]
        return len(parts) == 2 and _is_site_key(title_key(parts[0]), names)
    if any(announced_count(part) or "《" in part for part in parts[1:]):
        return False  # "读写斋｜《平凡的世界》读书心得5篇": the site's name before a title
    return _is_site_key(title_key(parts[0]), names) or any(
        _SLOGAN_PART.search(title_key(part)) for part in parts
    )


def _body_candidates(
    lines: Sequence[str], keys: Sequence[str], window: list[int], names: set[str]
) -> list[int]:
    found: list[int] = []
    prose = 0
    for index in window:
        key = keys[index]
        prose += _opens_prose(key)
        if (
            _plausible(key)
            and not _SENTENCE.search(key)
            and not key.endswith((":", "：", "。", ",", "，", "、", ";", "；"))  # open: a clause
            and not _is_site_key(key, names)
            and not _site_led(lines[index], names)
            and not (prose and _SECTION_HEADING.match(key))  # "一、学习上" under the prose
        ):
            found.append(index)
        elif len(key) > _MAX_TITLE or (_opens_prose(key) and (found or prose > 1)):
            break  # the prose has started: the title stands above it
    return found


_BARE_LABELS = frozenset(
    {"题目", "标题", "篇名", "正文", "内容", "原文", "全文", "答案", "解析", "search"}
)
# A speaker's label opening a script's line ("男：", "旁白：", "问：").
_SPEAKER = re.compile(r"^\W*(主持人|旁白|男声|女声|[男女甲乙丙丁合齐问答])\s*[:：]")


def _plausible(key: str) -> bool:
    return (
        _MIN_TITLE <= len(key) <= _MAX_TITLE
        and "__" not in key  # a form's blank to fill in ("身份证号码：＿＿＿＿")
        and not _DATE_ONLY.match(key)
        and not _ORDINAL_ONLY.match(key)
        and not _BRACKETED_ONLY.match(key)
        and not _LABELLED_COUNT.search(key)  # "本吧签到人数：1234"
        and not _DOCUMENT_NUMBER.match(key)  # "（2023）第0086号", "某教发〔2024〕12号"
        and not _GREETING.match(key)  # "早上好！" under a speech's salutation
        and not _SPEAKER.match(key)  # "合：大家晚上好！": a script's speaker
        and not FORM_LABEL.match(key)  # "会议时间：…", "主持人：王明": a document's field
        and key not in _BARE_LABELS  # "题目" over the title
    )


def _best_body(
    lines: Sequence[str],
    keys: list[str],
    body: list[int],
    window: list[int],
    navigation: Sequence[str],
    leading: int = -1,
) -> str:
    """The candidate with the most support, the earliest on a tie. The page repeating it (the
    same line again, a sub-essay heading that starts with it, a blurb that names it) counts
    most, and standing right above the article's first line of prose (only chrome between: a
    date and author line, share buttons) counts for it. Against it count being a short section
    word above a longer candidate ("实习报告" above "会计的实习报告"), parts separated by spaces
    (an author and school line, "年级 - 文体 - 题材"), a person's role with a name for its value
    ("指导老师：陈老师"), a closing "！" ("大家上午好！"), being a composition site's section
    ("小学作文", "三年级") and being named inside the site's
    navigation other than at a trail's end (the site's name or a section: "首页 > 小学作文 >
    我的妈妈" names the section "小学作文" mid-trail and the article last)."""
    best, best_score = -1, -99
    listed = _listed(lines, keys, body, window) | _under_list_heading(keys, body)
    untagged = [_PROMO_TAG.sub("", key) for key in keys]  # "（word完整版）<title>" repeats it
    ends = _trail_ends(lines[: max(body, default=0)])
    for index in body:
        key, line = keys[index], lines[index].strip()
        score = 3 if len(key) > _MAX_SECTION_WORD and _repeated(key, untagged, index) else 0
        if key in ends and not _CATEGORY.fullmatch(key):
            score = 3  # a trail above ends with it: "写景 > 二年级 > 下雪了" over "下雪了"
        if index == body[0] and _refrain(key, keys, window, index):
            score = 3  # a poem's short title, its refrain too ("妈妈的手")
        label = TITLE_LABEL.match(key)
        if label and len(key) > label.end() + 1:
            score += 3  # "题目：我想对地球说的话": the line names itself the title
        if index in listed:
            score -= 1
        if index == leading or _above_byline(keys, index):
            score += 1
        if len(key) <= _MAX_SECTION_WORD and any(
            len(keys[j]) >= 2 * _MAX_SECTION_WORD for j in body if j > index
        ):
            score -= 1
        if _SPACED.search(_ORDINAL_TAIL.sub("", _without_tags(line))) or _credit(key):
            score -= 2
        if line.endswith(("!", "！")) or line.startswith(("—", "-")):  # a dashed subtitle
            score -= 1
        if _named_by_navigation(key, navigation):
            score -= 2
        if _CATEGORY.fullmatch(key):
            score -= 1
        if _printed_above(lines[index], keys, body, index):
            score -= 2  # a <title> printed above the article's own heading
        if _account_name(key, keys) or _named_in_byline(key, keys, index):
            score -= 4  # an author's account, by its avatar, follow button or follower counts
        if _SECTION_HEADING.match(key):
            score -= 2  # "一、实习目的": a section of the text, not the page's title
        if first_essay_title(line) and any(announced_count(keys[j]) for j in body if j < index):
            score -= 3  # "【1】…" under "…【精选3篇】": the first essay's heading, not the page's
        if any(
            key in keys[j]
            and len(keys[j]) > len(key)
            and _FILE_EXTENSION.sub("", keys[j]) != key  # "<title>.doc": the title itself
            and not _SPACED.search(lines[j])
            and len(_title_parts(lines[j])) == 1  # a printed <title> names it first, as the H1
            for j in body
            if j < index
        ):
            score -= 3  # part of a candidate above ("我是中国人" under "《我骄傲，我是中国人》…")
        if score > best_score:
            best, best_score = index, score
    return lines[best].strip() if best >= 0 else ""


def _past_the_trail(
    title: str, lines: Sequence[str], keys: Sequence[str], site_names: Sequence[str]
) -> str:
    """The end of a "you are here" trail ("当前位置：首页 > 作文 > 美丽的校园", "首页 > 作文 >
    … > 美丽的校园") over a title chosen above that trail: what stands above it is the site's
    furniture (a menu's last item, an advertisement), and the article the trail ends with
    comes after it."""
    for index, line in enumerate(lines[:_SCAN]):
        if not _MAY_BE_TRAIL.search(line):
            continue  # no separator of crumbs and no label of a trail: no trail
        crumbs, labelled = _crumbs(line)
        if len(crumbs) < 3 or (not labelled and crumbs[0].strip() not in _HOME_CRUMBS):
            continue
        if _CRUMB_END.fullmatch(crumbs[-1]):
            return title  # "… > 心得体会 > 正文": the trail ends in a section, not the article
        end = _titled_crumb(crumbs[-1])
        key = title_key(end)
        if (
            not end
            or _CATEGORY.fullmatch(key)
            or is_site_like(end, site_names)
            or _SENTENCE.search(end)  # a trail run into the text's first sentence
            or crumbs[-1].strip().startswith(("正文", "阅读"))  # "正文阅读 …"
        ):
            return title
        wanted = title_key(title)
        above = wanted and any(wanted in title_key(keys[i]) for i in range(index))
        if above and not any(wanted in title_key(k) for k in keys[index:]):
            return end
        return title
    return title


def _crumbs(line: str) -> tuple[list[str], bool]:
    """The line split at a trail's separators, and whether a label ("当前位置：") leads it;
    after the label, spaced dashes and slashes part crumbs too ("感谢信大全 - 感谢信 - …")."""
    trail = _CRUMB_LABEL.sub("", line)
    labelled = trail != line
    return (_LABELLED_CRUMB_SEPARATOR if labelled else _CRUMB_SEPARATOR).split(
        trail.strip()
    ), labelled


def _trail_ends(lines: Sequence[str]) -> set[str]:
    """The last crumbs (title keys) of the trails among these lines: three crumbs or more."""
    ends = set()
    for line in lines:
        crumbs = [c for c in _crumbs(line)[0] if not _CRUMB_END.fullmatch(c)]
        if len(crumbs) >= 3:
            ends.add(title_key(crumbs[-1]))
    return ends


def _named_in_byline(key: str, keys: Sequence[str], index: int) -> bool:
    """Whether a short line is named again in a dated byline a few lines below ("某某教育号"
    above "原创 某某教育号 2023-09-10 发表于江苏"): the account or author, not the title."""
    if not _MIN_TITLE <= len(key) <= _MAX_ACCOUNT_NAME:
        return False
    return any(
        key in keys[j] and len(keys[j]) > len(key) + 4 and _DATED.search(keys[j])
        for j in range(index + 2, min(index + _BYLINE_REACH, len(keys)))
    )


def _account_name(key: str, keys: Sequence[str]) -> bool:
    """Whether the line stands, here or where the page repeats it, next to an account's own
    furniture ("头像", "关注", "2.3万获赞 5892粉丝"): an author's name on a self-media page."""
    return len(key) <= _MAX_ACCOUNT_NAME and any(
        other == key and any(ACCOUNT_CUE.search(near) for near in keys[max(j - 2, 0) : j + 3])
        for j, other in enumerate(keys)
    )


def _printed_above(line: str, keys: Sequence[str], body: list[int], index: int) -> bool:
    """Whether the line is a <title> printed on the page ("<title>-<section>-<site>") above a
    candidate that gives its first part again, the page's own heading ("家乡的变化")."""
    parts = _title_parts(line)
    if not 2 <= len(parts) <= _MAX_PARTS:
        return False
    first = title_key(parts[0])
    if any(_overlaps(keys[j], first) for j in body if j > index):
        return True
    # Or a heading in other words right under it: "学生会学习部工作总结" under
    # "学生会工作总结_学生会_某某范文网" (the <title> names the topic, the heading the piece).
    below = next((j for j in body if j > index), None)
    return (
        below is not None
        and below - index <= 2
        and len(set(first) & set(keys[below])) >= _SAME_WORDS * len(set(first))
    )


def _refrain(key: str, keys: Sequence[str], window: list[int], index: int) -> bool:
    """Whether a short line (three or four characters, no section word) stands again, whole,
    on two more lines that are not known chrome."""
    if not _MIN_REFRAIN <= len(key) <= _MAX_SECTION_WORD or _CATEGORY.fullmatch(key):
        return False
    return sum(keys[j] == key for j in window if j != index) >= 2


def _above_byline(keys: Sequence[str], index: int) -> bool:
    """Whether the next line names the article's author or date ("作者：李华", "时间：…"):
    the byline stands under the title."""
    following = next((key for key in keys[index + 1 : index + 3] if key), "")
    return bool(_BYLINE.match(following)) or (
        len(following) <= _MAX_BYLINE and bool(_DATED.search(following))
    )


def _leading(keys: Sequence[str], body: list[int], chrome: Sequence[bool]) -> int:
    """The candidate that stands right above the first line of prose, only known chrome or
    blank lines between, or -1. A short name, a sub-essay's opening, a dashed subtitle, a
    label or a poem's last line there is no title of the page; nor is a line on the same
    subject as a candidate above it, unless it spells that one out in full ("个人工作总结" above
    "2024年度个人工作总结"), or shorter than one (a title names its subject at least as fully
    as the site's name or a section word above it). Items of a list under a heading above it
    ("热门专题：") are other articles, not a subject it must spell out."""
    under = _under_list_heading(keys, body)
    body = [index for index in body if index not in under]
    for number, index in enumerate(body):
        after = index + 1
        while after < len(keys) and (
            not keys[after]
            or (after < len(chrome) and chrome[after])
            or _SALUTATION.match(keys[after])
        ):
            after += 1  # chrome, and a salutation ("各县（市、区）教育局："), may stand between
        if after < len(keys) and _opens_prose(keys[after]) and not REVIEW.match(keys[after]):
            key = keys[index]  # (a teacher's review under a poem is no prose it opens)
            if (
                len(key) <= _MAX_SECTION_WORD
                or may_open_essay(key)
                or key.startswith(("—", "-"))
                or _LABELLED.match(key)
                or _OPEN_END.search(key)
                or key.count("【") != key.count("】")
                or any(
                    (_shares_run(key, keys[j]) and keys[j] not in key) or len(keys[j]) > len(key)
                    for j in body[:number]
                    if not _LABELLED.match(keys[j])  # "文章分类：随笔" names no subject
                )
                or is_verse([keys[j] for j in body[max(number - 2, 0) : number + 1]])
            ):
                return -1
            return index
    return -1


def _credit(key: str) -> bool:
    """ "指导老师：陈老师", "作者：王明": a person's role and a name-short value, not a title
    ("小学生作文：春游" names a genre, not a person)."""
    match = _LABELLED.match(key)
    return (
        match is not None
        and key[match.end() - 2] in _ROLE_ENDS
        and (
            _value_length(key, match) <= _MAX_CREDIT
            or _NAME_WITH_POST.match(key, match.end()) is not None  # "李建国（县委党校副校长）"
        )
    )


def _value_length(key: str, label: re.Match[str]) -> int:
    return len(key) - label.end()


def _shares_run(a: str, b: str) -> bool:
    """Whether two lines share `_SAME_SUBJECT` characters in a row (a title and its
    sub-essay heading or subtitle)."""
    return any(a[i : i + _SAME_SUBJECT] in b for i in range(len(a) - _SAME_SUBJECT + 1))


def _listed(
    lines: Sequence[str], keys: Sequence[str], body: list[int], window: list[int]
) -> set[int]:
    """Headlines of other articles listed above the article: a run of `_MIN_LIST` or more
    short, unpunctuated, unspaced candidates on different subjects (no two in a row share a
    pair of characters) and no labelled line ("评分：4.5", "主讲人：…"), with only chrome or
    blank lines between them. Every one but the last is listed, and the last too
    when another title-like candidate on another subject follows it: a title ends such a run
    or comes after it (an author line, a short name, a broken line of prose or the title's
    own sub-heading after it is no title). A poem's lines are no such list."""
    candidates = set(body)
    headlines = {
        i
        for i in body
        if _HEADLINE.fullmatch(keys[i])
        and not _SPACED.search(lines[i])
        and not _LABELLED.match(keys[i])
    }
    listed: set[int] = set()
    run: list[int] = []
    for index in [*window, -1]:
        if index in headlines and not (run and char_pairs(keys[run[-1]]) & char_pairs(keys[index])):
            run.append(index)
            continue
        if index >= 0 and not keys[index]:
            continue
        if len(run) >= _MIN_LIST and not is_verse([keys[i] for i in run[-_MIN_LIST:]]):
            title_like = (
                index in candidates
                and len(keys[index]) > _MAX_SECTION_WORD
                and not _OPEN_END.search(keys[index])
                and not _SPACED.search(_ORDINAL_TAIL.sub("", lines[index].strip()))
                and not char_pairs(keys[run[-1]]) & char_pairs(keys[index])
            )
            listed.update(run if title_like else run[:-1])
        run = [index] if index in headlines else []
    return listed


def _under_list_heading(keys: Sequence[str], body: list[int]) -> set[int]:
    """Candidates in a run right under the heading of a list ("热门专题：", "推荐阅读"), all
    but the run's last: the title may stand right under such a list, so the last one is
    left to the other evidence."""
    candidates = set(body)
    found: set[int] = set()
    run: list[int] | None = None
    for index in range(min(len(keys), max(body, default=-1) + 2)):
        key = keys[index]
        if not key:
            continue
        if index in candidates and run is not None:
            run.append(index)
            continue
        found.update((run or [])[:-1])
        run = [] if index not in candidates and _is_list_heading(key) else None
    return found


def _is_list_heading(key: str) -> bool:
    """A line heading a list: a related list's heading, or a short label ending in a colon."""
    return is_related_heading(key) or (
        len(key) <= _MAX_LIST_HEADING and key.endswith((":", "：")) and not _SENTENCE.search(key)
    )


def _trail_tail(line: str) -> str:
    """The last crumb of a trail run on after a menu on one line ("某某网 首页 一年级日记 …
    首页 > 四年级日记 > 我们班的网站"), when it is a plausible title; else the line."""
    crumbs = _CRUMB_SEPARATOR.split(line)
    if len(crumbs) < 3:
        return line
    return _titled_crumb(crumbs[-1]) or line


def _titled_crumb(crumb: str) -> str:
    """A trail's last crumb as a title, without a byline run on after it or a section's name
    run on before it; "" when that is no plausible title (a section word, a site's name)."""
    last = without_byline(crumb.strip())
    section, _, rest = last.partition(" ")
    if rest and _CATEGORY.fullmatch(title_key(section)) and _plausible(title_key(rest)):
        last = rest.strip()  # "写人作文 我的母亲": the section's crumb run on before the title
    key = title_key(last)
    if _plausible(key) and not is_site_like(last) and not _CATEGORY.fullmatch(key):
        return last
    return ""


def _from_furniture(lines: Sequence[str], keys: list[str], site_names: Sequence[str]) -> str:
    """The title where a page gives it no line of its own, looked for above the prose: a
    <title> printed on the page ("我的妈妈作文300字_小学作文_作文吧"), else the end of a trail
    ("首页 > 小学作文 > 三年级 > 我的妈妈作文300字") longer than a section word."""
    above = []
    for index, key in enumerate(keys):
        if _opens_prose(key):
            break
        above.append(index)
    for index in above:
        if _LABELLED.match(keys[index]):
            continue  # "当前位置：…": a trail, not a printed <title>
        part = _titled_part(lines[index], site_names)
        if part != lines[index] and (
            first_matching([keys[index]], [False])[0] is None
            or any(is_site_like(p, site_names) for p in _title_parts(lines[index])[1:])
        ):
            return part  # a line the lexicon names for no site in it ("字体 A- A+") is none
    for index in above:
        crumbs = [c for c in _crumbs(lines[index])[0] if not _CRUMB_END.fullmatch(c)]
        if len(crumbs) >= 3:  # a trail: home, a section at least, the article
            end = (_title_parts(crumbs[-1]) or [""])[0]  # "我的母亲 | 我的母亲"
            last = title_key(end)
            if (
                # a short last crumb, when the trail runs deep enough to reach an article
                len(last) >= (_MAX_SECTION_WORD if len(crumbs) < _DEEP_TRAIL else _MIN_TITLE)
                and _plausible(last)
                and not is_site_like(last)
                and not _CATEGORY.fullmatch(last)
            ):
                return end
    for line in lines[: len(above)]:  # "收藏 打印 《给医院的感谢信》": a toolbar names it
        found: list[str] = _QUOTED.findall(line)
        if len(found) == 1 and ACTIONS.search(fold(line)) and _plausible(title_key(found[0][1:-1])):
            return found[0][1:-1].strip()
    return ""


def _labelled_title(lines: Sequence[str], keys: Sequence[str]) -> str:
    """The value of a title's label on a line of fields above the prose ("题目：《门槛》 文体：
    散文 年级：高二", "标题：<title>　作者：admin"), cut at the next field; or ""."""
    for line, key in zip(lines[:_SCAN], keys[:_SCAN], strict=False):
        if _opens_prose(key) and cjk_count(key) >= _MIN_PROSE:
            break  # the prose has started (a CMS's English error line has not)
        if TITLE_LABEL.match(key) and (end := _title_label_end(line)):
            value = _NEXT_FIELD.split(line[end:], maxsplit=1)[0].strip().strip("《》")
            if _plausible(title_key(value)) and not _SENTENCE.search(value):
                return value
    return ""


def _named_by_editor(lines: Sequence[str], keys: list[str]) -> str:
    """The title an editor's opening words name in 《》 ("下面是小编整理的《春天的校园》，…")."""
    for line, key in zip(lines[:_TITLE_WINDOW], keys[:_TITLE_WINDOW], strict=False):
        if _EDITOR_CUE.search(key):
            for match in _QUOTED.finditer(line):
                if _plausible(title_key(match.group()[1:-1])):
                    return match.group()[1:-1].strip()
    return ""


def _titled_part(line: str, site_names: Sequence[str]) -> str:
    """The title in a line laid out as a <title> ("<title>_<section>_<site>", "<title> - <site>"):
    two or three parts at a <title>'s separators, the first the longest, which is no site's
    name; else the line itself. A menu has more parts, or none the longest."""
    parts = _title_parts(line)
    if not 2 <= len(parts) <= 3:
        return line
    sizes = [len(title_key(part)) for part in parts]
    sections = all(_CATEGORY.fullmatch(title_key(part)) for part in parts[1:])
    if (sizes[0] > max(sizes[1:]) or sections) and _plausible(title_key(parts[0])):
        if not is_site_like(parts[0], site_names):
            return parts[0]
    second = title_key(parts[-1])
    if len(parts) == 2 and is_site_like(parts[0], site_names) and len(second) >= _MAX_SECTION_WORD:
        return parts[1] if _plausible(second) else line  # "<site>｜<title>"
    return line


def _named_by_navigation(key: str, navigation: Sequence[str]) -> bool:
    """Whether a navigation line names the candidate somewhere other than at its end."""
    if len(key) < _MIN_TITLE:
        return False
    for line in navigation:
        at = line.find(key)
        if at == 0 and _CREDITED.match(line, len(key)):
            continue  # "<title>由网友收集整理，转载请注明出处": a notice naming the article
        if at >= 0 and not _CRUMB_END.fullmatch(line[at + len(key) :]):
            return True
    return False


def _repeated(key: str, others: list[str], index: int) -> bool:
    """Whether a line other than line `index` repeats `key` (`others`: the page's keys without
    promotional tags)."""
    for j, other in enumerate(others):
        if j == index or not other:
            continue
        if other == key or (other.startswith(key) and len(other) - len(key) <= _REPEAT_SLACK):
            return True
        if other.startswith(key) and other[len(key)] in _PRINTED_SEPARATORS:
            return True  # the <title> printed on the page: "<title>-<site>", "<title>_<section>"
        if len(key) >= _MIN_NAMED and len(other) > _MIN_BLURB and key in other:
            return True
        if len(key) > _MAX_SECTION_WORD and _ABOUT_LABEL.match(other) and key in other:
            return True  # "本文关键词：<title>，…", "摘要：<title>是…"
    return False


def _overlaps(a: str, b: str) -> bool:
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    return short in long and len(long) <= 2 * len(short) + 12
