"""Boilerplate known by its shape, not its wording: navigation bars, breadcrumb trails, stamp
lines (a date or counter beside chrome words), runs of labels, web addresses standing alone,
keyword stuffing and bulleted lists of other articles' titles.

Each test takes a line's folded key (NFKC, simplified script, lower case, see `fold_lines`) and
returns a reason or None. Shapes carry across sites where wording does not: a site may call its
view counter 人气, 热度 or 阅读, but it is always a short unpunctuated line with a number in it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from pipelines.clean.essays import opens_essay
from pipelines.clean.rules import META_LABELS
from pipelines.clean.script import t2s
from pipelines.clean.textnorm import CJK, cjk_count, nfkc

# A pinyin reading in brackets after a character (學(xué)), as mirror farms print them.
_PINYIN = re.compile(
    r"[(（][^\S\n]*[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü ]*[)）]", re.IGNORECASE
)  # never across a newline: keys stay one per line
# A label spaced out to look even ("作　者：", "关 键 词:"), at a line's start.
_SPACED_LABEL = re.compile(
    rf"^([^\S\n]*\W?)((?:[{CJK}][^\S\n]+){{1,3}}[{CJK}])(?=[^\S\n]*:)", re.MULTILINE
)
_SENTENCE = re.compile(r"[。！？；!?;]")
_CLAUSE = re.compile(r"[。！？；!?;，,、]")
_CRUMB = re.compile(r"\s*(?:>>?|»|›|→|>)\s*")
DOMAIN = re.compile(
    r"(?:https?://|www\.)[\w.-]+|[a-z0-9-]{2,}\.(?:com|cn|net|org|cc|top|info|vip|xyz)(?![a-z])"
)
STAMP = re.compile(
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|\d{1,2}:\d{2}|\d(?:\.\d+)?\s*[wk万](?![a-z])"
)
_CHROME = re.compile(
    r"作者|来源|浏览|人气|阅读|点击|投稿|打印|收藏|栏目|分类|编辑|手机版|评论|字号|小编|发布|"
    r"更新|互联网|分享|举报|纠错|上传|下载|次数|热度|访问|网友|责编|原创|公众号|微信|来自"
)
_DATE_AND_TIME = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s*\d{1,2}:\d{2}")
_MAX_BYLINE = 60
_PAGE_COUNT = re.compile(r"\d+\s*页")  # "2019-03-05 · 12页": a document's stamp line
LABEL = re.compile(rf"(?:{META_LABELS})\s*[:：]")
COUNTER = re.compile(
    r"(人气|阅读|浏览|点击|热度|访问|围观|评论|点赞|收藏|下载|转载|喜欢|查看|回复)(量|数|次数)?\s*[:：(（\[]\s*\d"
    r"|\d+\s*(次|人)(阅读|浏览|围观|点击|访问|下载|收藏|评论)|(人气|阅读|浏览|点击|下载)\s*\d+\s*次"
    r"|(阅读|浏览|人气|点击|热度|播放|点赞|评论|收藏)\s+\d|\d(\.\d+)?\s*[万wk]\s*(次)?(阅读|浏览|人气|点击|播放|围观)"
)
ACTIONS = re.compile(
    r"打印|收藏|关闭|分享|复制(链接|本文)?|纠错|举报|评论|投稿|返回(顶部|列表|首页)|字号|大中小|点赞|"
    r"加入书架|下载(本文|文档)|上一章|下一章|目录|书签|返回书页|回复|使用道具|检举|反馈|发新帖|发帖|"
    r"写回答|邀请回答|关注问题|添加评论"
)
# Who signs a document ("检讨人：…", "承诺人：…"): its own line, never a byline.
_SIGNERS = "检讨|承诺|述职|报告|倡议|保证|立书|声明"
SIGNER = re.compile(rf"^\W*({_SIGNERS}|申请)人\s*[:：]")
# The fields of a form an essay page is a template of (a CV, meeting minutes, a contract, an
# application): "姓名：…", "参加人员：…", "甲方（出租方）：…". Such a line is the essay's own.
FORM_LABEL = re.compile(
    r"^\W*(姓名|性别|年龄|出生(年月|日期|地)?|民族|籍贯|政治面貌|婚姻状况|健康状况|身高|体重|"
    r"学历|学位|专业|毕业(院校|学校|时间)|所在(学校|班级|单位)|班级|工作单位|现任职务|职务|职称|"
    r"求职意向|应聘(职位|岗位)|期望(薪资|职位|工作地点)|兴趣爱好|特长|自我评价|教育背景|工作经历|"
    r"获奖情况|会议(名称|地点|时间|内容|主题|议题|记录)|地点|主持人?|参加(人员|人)|出席(人员)?|"
    r"列席(人员)?|缺席(人员)?|记录人?|议题|甲方|乙方|丙方|申请人|被申请人|担保人|签字|签名|盖章|"
    r"联系人|联系电话|电话|手机|电子邮箱|邮箱|通讯地址|家庭住址|邮编|邮政编码|身份证(号码|号)?|住址|"
    r"出租方|承租方|出租人|承租人|委托人|受托人|卖方|买方|出卖人|买受人|签发人|委托期限|"
    r"教学(内容|目标|重点|难点|过程|准备|方法|反思)|活动(主题|目的|流程|内容|对象|形式|时间|地点)|"
    r"报名(方式|时间|地点|对象|条件)|集合(时间|地点)|联系方式|书名|出版社|出版时间|(?i:isbn)|定价|"
    rf"附件\s*\d{{0,2}}|({_SIGNERS}|推荐|证明|介绍)人)"
    r"\s*([(（][^)）]{0,8}[)）])?\s*[:：]"
)
# An item of the document's own numbered list, a sentence or more: "2.线上宣传。通过…".
ENUMERATED_ITEM = re.compile(
    r"^\W*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[.、．)）]\s*[^。！？!?]{2,}[。！？!?；;，,].{8,}"
)
# A date left blank to fill in, and an agenda's time slot before its item.
_DATE_BLANK = re.compile(r"年\s+月\s+日|年\s*_+\s*月")
# An exam paper's furniture: its time and marks ("（满分100分，考试时间90分钟）") and an
# instruction naming its questions ("…，完成1-4题").
_EXAM = re.compile(
    r"满分\s*[:：]?\s*\d+\s*分|考试时间\s*[:：]?\s*\d+|\d+\s*分钟\W{0,3}满分|"
    r"(完成|回答|作答)\s*(第\s*)?\d+\s*[-–—~～至到]\s*\d+\s*(小)?题"
)
_AGENDA = re.compile(r"^\d{1,2}[:：]\d{2}\s*[-–—~～至]+\s*\d{1,2}[:：]\d{2}\s*\S")
_MIN_LABEL_RUN = 3
# "【标题】…", "题目：…": the line names the essay's title (never a field to remove).
TITLE_LABEL = re.compile(
    r"^\W*(?:[【\[［]\s*(?:文章|作文)?(?:标题|题目|篇名)\s*[】\]］]|(?:文章|作文)?(?:标题|题目|篇名)\s*[:：]|"
    r"标题\s+(?=\S))\s*"
)
_MAX_FIELD_VALUE = 16
_BRACKET_LABEL = re.compile(r"^\W*[【\[［]\s*([^】\]］]{1,6}?)\s*[】\]］]")
_CHROME_LABEL = re.compile(
    r"作者|来源|出处|时间|日期|分类|栏目|编辑|责编|浏览|点击|阅读|人气|字数|发布|更新|上传|"
    r"投稿|作者单位|所属|类别|格式|大小|页数|下载|地址|链接|网址|版权|声明|标签|原文|转载|"
    r"年级|文体|体裁|题材|类型|星级|评分"
)
_MAX_BRACKET_LINE = 300
# No other shape is longer than this (keyword stuffing aside, which a long line rarely is).
_MAX_SHAPED = 160
_QUOTED = re.compile(r"《[^》]*》")
_MAX_ACTION_REST = 12
# What a wrong codec leaves of a line: question marks and Latin-1 letters.
_GARBLED = re.compile("[?\u00a0-\u00ff]")
_MIN_GARBLED = 20
_BULLETS = frozenset("-•·●▪◆◇■□★☆>»")
_COUNT_TAIL = re.compile(r"[(（【][^()（）【】]{0,8}\d+\s*篇[)）】]$")
_NAV_TOKEN = re.compile(rf"^[{CJK}a-z0-9]{{2,8}}$")
_HOME = ("首页", "网站首页", "主页", "返回首页")
_MAX_CRUMB = 100
_MAX_CRUMB_PART = 24
_MAX_STAMP_LINE = 100
_MAX_URL_LINE = 90
_MAX_URL_LINE_CJK = 30
_MIN_NAV_TOKENS = 5
_MIN_HOME_NAV_TOKENS = 3
_MAX_BRAND = 12
_NAV_GAP = re.compile(r"\s*[|｜]\s*|\s+")
_MIN_KEYWORD_ROW = 3
_SEARCH_WORD = re.compile(
    r"范文|作文|大全|怎么写|模板|格式|例文|精选|\d+字|素材|开头|结尾|摘抄|心得|总结"
)
_AD_LABEL = re.compile(
    r"^\W*(广告|广告位|广告位招租|推广|赞助|赞助商链接|推广链接|ad|ads|advertisement)"
    r"(\W+(关闭|close|x))?\W*$"
)
# An advertisement led by its label: "[广告]…", "广告：…".
_AD_LEAD = re.compile(r"^\W*([\[【(（]\s*(广告|推广|赞助)\s*[\]】)）]|(广告|推广)\s*[:：])\s*\S")
# A link to the previous or next article drawn as an arrow before or after its title.
_ARROW_LINK = re.compile(r"^[«‹←]\s*\S|\S\s*[»›→]$")
_MAX_ARROW_LINE = 40
# A menu item on a line of its own: a few letters or characters, nothing else.
_MAX_MENU_ITEM = 8
_MIN_MENU_RUN = 4
# Of which at least this many not already known as chrome: a title among known chrome lines
# ("友善列印", "转寄", "回上页") is no menu.
_MIN_UNKNOWN_ITEMS = 2
_SHORT_ITEM = 5
_MENU_ITEM = re.compile(rf"[{CJK}a-z0-9 ]+")
# Not items: essay and section ordinals, dates and bare numbers.
_MENU_NOT = re.compile(
    r"^(第?[一二三四五六七八九十\d]{1,3}(篇|章|节|部分)?$|篇[一二三四五六七八九十\d]|[\d ]+$)"
)
_MIN_PROSE_LINE = 20
_MIN_SHORT_SENTENCE = 10
_MIN_VERSE = 3
_VERSE_LENGTHS = (5, 7)
_VERSE_LINE = re.compile(rf"[{CJK}]+")
_DOC_WORDS = re.compile(r"文档|文件|下载|预览|上传|本站|投诉|版权|格式|存储|会员|vip|侵权|积分")
_DOC_SERVICE = re.compile(r"文档|预览|本站|会员|vip|积分")
_MIN_DOC_WORDS = 3
# People an essay talks about, and a library's notice never does (it speaks to "您", as "本站").
_PERSONAL = re.compile(
    "我(?!们)|[他她]|同学|大家|孩子|老师|爷爷|奶奶|爸爸|妈妈|外公|外婆|姥姥|姥爷|哥哥|姐姐|弟弟|妹妹|同桌"
)
_MIN_NARRATIVE = 30
_MIN_STUFFED = 5
_MIN_VARIANTS = 3
_VARIANT_HEAD = 4
_MAX_STUFFED_PART = 16


_BAR_LIKE = re.compile("[丨│┃┊┆∣¦]")


def fold_lines(lines: list[str]) -> list[str]:
    """Comparison keys for a page's lines: NFKC, traditional → simplified, "丨" and "│" as a bar,
    pinyin readings dropped, lower case, stripped. One OpenCC call per page; newlines survive every step."""
    if not lines:
        return []
    text = nfkc("\n".join(lines))
    text = t2s(text)
    if _BAR_LIKE.search(text):  # the radical or a box-drawing line set as a separator
        text = _BAR_LIKE.sub("|", text)  # ("首页丨作文丨范文", "婚礼致辞│开业致辞"): a bar
    if "(" in text:
        text = _PINYIN.sub("", text)
    if ":" in text:
        text = _SPACED_LABEL.sub(_unspace, text)
    keys = [key.strip() for key in text.lower().split("\n")]
    if len(keys) != len(lines):  # a line with a newline of its own: fold one at a time
        return [" ".join(fold_lines(line.split("\n"))) for line in lines]
    return keys


def _unspace(match: re.Match[str]) -> str:
    return match.group(1) + "".join(match.group(2).split())


@lru_cache(maxsize=256)
def fold(text: str) -> str:
    """One line's key (as fold_lines). Cached for a page's own repeats (its title, the site's
    names and the <title>'s segments are folded again and again); small, so that a benchmark's
    second round over the same pages gains nothing a crawl of new pages would not."""
    return fold_lines([text])[0] if text else ""


def is_template_line(key: str) -> bool:
    """A line of the document a template page holds, whatever its words: a form's field, a
    field left blank to fill in ("所在部门：＿＿＿＿", "签订日期：　年　月　日"), an item of
    an agenda ("14:30-15:00 董事长致辞"), an exam paper's marks and instructions."""
    return bool(
        FORM_LABEL.match(key)
        or "__" in key
        or _DATE_BLANK.search(key)
        or _AGENDA.match(key)
        or _EXAM.search(key)
    )


def shape_reason(key: str) -> str | None:
    """The reason a line is chrome by its shape alone, or None."""
    if not key or _AGENDA.match(key):
        return None
    if "?" in key and len(key) >= _MIN_GARBLED and len(_GARBLED.findall(key)) * 2 >= len(key):
        return "garbled"
    if "【" in key or "[" in key:
        bracketed = _bracket_label_reason(key)
        if bracketed:
            return bracketed
    if len(key) <= _MAX_SHAPED and _is_doc_notice(key):
        return "doclib-chrome"
    if len(key) <= _MAX_SHAPED and _AD_LEAD.match(key):
        return "promo"
    if len(key) > _MAX_SHAPED or _SENTENCE.search(key):
        return None
    if _DECORATION.fullmatch(key) or _RANDOM_TOKEN.fullmatch(key):
        return "decoration"  # "$$$$$$", "┊┊┊┊", "k9xq2lm": a divider or a scraper's jammer
    if len(key) <= _MAX_STAMP_LINE and (
        label_count(key) >= 2 or COUNTER.search(key) or action_count(key) >= 2
    ):
        return "meta-line"
    if "《" in key and ACTIONS.search(key) and len(_QUOTED.sub("", key)) <= _MAX_ACTION_REST:
        return "meta-line"  # "收藏《读书心得》 打印": actions around the article's title
    if _AD_LABEL.match(key):
        return "promo"  # "（广告）": the label a site puts on an advertisement
    if len(key) <= _MAX_ARROW_LINE and _ARROW_LINK.search(key):
        return "prev-next"  # "« 上一篇的标题", "下一篇的标题 »"
    if _is_crumb(key):
        return "breadcrumb"
    if _is_nav(key):
        return "nav-bar"
    if _is_stamp(key):
        return "meta-line"
    if len(key) <= _MAX_FILLER and _FILLER.match(key):
        return "doclib-chrome"
    if _is_url_line(key):
        return "site-url"
    if _is_stuffed(key):
        return "keyword-stuffing"
    return None


# A line of symbols only, other than a scene break's dots, stars or dashes ("……", "* * *").
_DECORATION = re.compile(r"(?![…．.·*\-—\s]+$)[^\w\u4e00-\u9fff]{2,}")
# One token of letters and digits each in two runs or more ("k9xq2lm", "x7tq_91"): no word's.
_RANDOM_TOKEN = re.compile(r"(?=[a-z0-9_]{5,16}$)_?([a-z]+_?\d+_?|\d+_?[a-z]+_?){2,}[a-z\d]*")
# A converted document's filler: a few words set in runs of dashes ("--完整版学习资料分享----",
# "学习-----好资料", "=====精品文档====="), not a dash before an author's name ("——鲁迅").
_FILLER = re.compile(
    r"^[-=~_*#—]*[^-=~_*#—\s\d:：]{1,12}[-=~_*#—]{3,}[^-=~_*#—\s\d:：]{1,12}[-=~_*#—]*$|"
    r"^[-=~_*#—]{2,}[^-=~_*#—\d:：]{1,16}[-=~_*#—]{2,}$"
)
_MAX_FILLER = 40


def is_verse(keys: Sequence[str]) -> bool:
    """Lines of a poem: three or more of five or seven characters each, all the same length,
    no two in a row sharing a pair of characters (a menu's items share theirs: "三年级作文",
    "四年级作文"; a list of headlines varies in length)."""
    if len(keys) < _MIN_VERSE or len({len(key) for key in keys}) != 1:
        return False
    if len(keys[0]) not in _VERSE_LENGTHS or not all(_VERSE_LINE.fullmatch(k) for k in keys):
        return False
    pairs = [char_pairs(key) for key in keys]
    return not any(a & b for a, b in zip(pairs, pairs[1:], strict=False))


def char_pairs(key: str) -> set[str]:
    """The pairs of characters in a row in a line: two lines sharing one are on one subject."""
    return {key[i : i + 2] for i in range(len(key) - 1)}


def _is_doc_notice(key: str) -> bool:
    """A document library's notice ("下载前请仔细阅读文档内容…可向本站投诉"): three different
    words of its trade, one of them naming the library's own service (a preview, the site,
    its members), which an essay about downloading a file does not; and no person talked of
    ("同学们把作品上传到文库赚积分")."""
    if not _DOC_SERVICE.search(key) or is_narrative(key):
        return False
    return len(set(_DOC_WORDS.findall(key))) >= _MIN_DOC_WORDS


def is_narrative(key: str) -> bool:
    """A sentence about people: one a library's notice never is."""
    return len(key) >= _MIN_NARRATIVE and bool(_PERSONAL.search(key))


# A letter's closing: its formulas and its sender's sign-off.
_CLOSING = re.compile(r"^(此致|敬礼|祝|敬祝|顺祝|顺颂|谨祝|即颂)|(敬上|谨上|敬启|拜上|叩上)$")
_PARTICLE_ENDS = frozenset("了着过的呢吗啊呀吧哦啦")
# A person spoken to or of, inside the line ("我的收藏", "我要投稿", "联系我们" are menu items).
# "您" always is: a menu's items never address the reader so ("您的手", "您说").
_SPEAKING = re.compile(r"您(?!们)|(我们|你们|他们|她们|你|我|他|她|它)(?![的要们])(?=.)")
_MIN_SPEAKING = 2


# An account's furniture on a self-media page, next to the account's name.
ACCOUNT_CUE = re.compile(r"^\W*(头像|\+?关注|已关注|进入主页|作者主页|ta的主页)\W*$|粉丝|获赞")
# A teacher's review under a pupil's essay: its label, or its heading alone on a line.
REVIEW = re.compile(
    r"^\W*(指导|指導|阅卷|閱卷)?(老师|教师|老師|教師|名师|名師|组|組)?(点评|點評|评语|評語|评析|評析|简评|簡評|总评|總評)"
    r"(?:\W*$|\s*[:：])"
)


def menu_runs(keys: list[str], chrome: Sequence[bool] = ()) -> set[int]:
    """Lines of a menu laid out one item per line: a run of at least `_MIN_MENU_RUN` short,
    unpunctuated lines ("首页", "作文大全", "小学作文" …) before the page's first prose line or
    after its last (a line known as chrome, `chrome[i]`, is no prose). The run's last line
    stays out when the prose follows it at once, and so does a line much longer than the
    run's typical item: that is where a short title stands."""
    prose = [  # a teacher's review under a poem is no prose that a menu stands above
        i
        for i, key in enumerate(keys)
        if len(key) > _MIN_PROSE_LINE
        and _CLAUSE.search(key)
        and not (i < len(chrome) and chrome[i])
        and not REVIEW.match(key)
    ]
    if not prose:
        return set()
    known = [i < len(chrome) and chrome[i] for i in range(len(keys))]
    # The text may end in short sentences ("1、金秋十月，举国同庆！"): a run above one is inside it.
    last_text = max(
        prose[-1],
        max((i for i, key in enumerate(keys) if _ends_text(key) and not known[i]), default=-1),
    )
    found: set[int] = set()
    for start, end in _short_runs(keys):
        if end <= prose[0]:
            # When the prose follows the run with only known chrome between (a byline, "列印",
            # "转寄"), the run's last line not known as chrome is where a short title stands.
            open_lines = [i for i in range(start, end) if keys[i] and not known[i]]
            if open_lines and all(not keys[i] or known[i] for i in range(end, prose[0])):
                end = open_lines[-1]
        elif start <= last_text:
            continue
        run = [i for i in range(start, end) if keys[i]]
        items = [keys[i] for i in run if not known[i]]
        if is_verse(items) or _is_spoken(items) or _under_marker(keys, start):
            continue  # a poem's lines, or a letter's closing, not a menu's items
        if len(run) >= _MIN_MENU_RUN and sum(not known[i] for i in run) >= _MIN_UNKNOWN_ITEMS:
            # Items are of a size; a line much longer than the run's typical item (a title
            # above or below the menu) is not one of them.
            typical = sorted(len(keys[i]) for i in run)[len(run) // 2]
            found.update(i for i in run if len(keys[i]) <= max(_SHORT_ITEM, 1.5 * typical))
    return found


def _under_marker(keys: list[str], start: int) -> bool:
    """Whether the run opens under an essay's marker ("…的诗歌 篇2", "第三首"): a collection's
    poem."""
    above = [key for key in keys[max(start - 4, 0) : start] if key][-2:]
    return any(opens_essay(key) for key in above)


def _is_spoken(items: list[str]) -> bool:
    """Short lines no menu has: a letter's closing ("此致", "敬礼", "祝您…", "…敬上"), lines
    that speak of people, two at least, or lines ending in a particle, half of them at least
    ("春天来了", "花儿开了")."""
    if any(_CLOSING.search(item) for item in items):
        return True
    if sum(bool(_SPEAKING.search(item)) for item in items) >= _MIN_SPEAKING:
        return True  # "您是园丁", "我们是花朵": a poem speaks to or of someone
    return 2 * sum(item[-1:] in _PARTICLE_ENDS for item in items) >= len(items) > 0


def _ends_text(key: str) -> bool:
    return (
        len(key) >= _MIN_SHORT_SENTENCE
        and key[-1:] in "。！？!?"
        and bool(_CLAUSE.search(key[:-1]))
    )


def label_runs(keys: list[str], chrome: Sequence[bool]) -> set[int]:
    """Lines of a record's fields, each a label in brackets with a short value ("【作者】陈雨",
    "【文体】记叙文", "【适用】初中"): in a run of at least `_MIN_LABEL_RUN` such lines of which
    most, and two at least, are known chrome (`chrome[i]`), the rest are fields too, whatever
    their label. A lesson plan's bracketed headings ("【教学目标】") are no known chrome."""
    found: set[int] = set()
    run: list[int] = []
    for index, key in enumerate([*keys, ""]):
        if index < len(keys) and _is_bracketed_field(key):
            run.append(index)
            continue
        fields = [i for i in run if not TITLE_LABEL.match(keys[i])]
        known = sum(bool(chrome[i]) for i in fields)
        if len(run) >= _MIN_LABEL_RUN and known >= 2 and 2 * known > len(fields):
            found.update(i for i in fields if not chrome[i])
        run = []
    return found


def _is_bracketed_field(key: str) -> bool:
    match = _BRACKET_LABEL.match(key)
    if not match:
        return False
    value = key[match.end() :]
    return len(value) <= _MAX_FIELD_VALUE and not _SENTENCE.search(value)


def _short_runs(keys: list[str]) -> list[tuple[int, int]]:
    """Maximal runs [start, end) of menu-item lines, blank lines allowed inside."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for index, key in enumerate([*keys, "。"]):
        if not key:
            continue
        if _is_menu_item(key):
            start = index if start is None else start
            last = index + 1
        elif start is not None:
            runs.append((start, last))
            start = None
    return runs


def _is_menu_item(key: str) -> bool:
    return (
        0 < len(key) <= _MAX_MENU_ITEM
        and _MENU_ITEM.fullmatch(key) is not None
        and not _MENU_NOT.match(key)
    )


def _bracket_label_reason(key: str) -> str | None:
    """ "【关键词】…", "【作者】… 【来源】…": a field label in brackets opening a short line."""
    match = _BRACKET_LABEL.match(key)
    if not match or len(key) > _MAX_BRACKET_LINE:
        return None
    label = match.group(1)
    if "关键" in label:
        return "keywords-line"
    if label in ("摘要", "简介", "导读", "导语", "内容提要", "提要"):
        return "summary-line"
    if label.startswith(("tag", "标签")):
        return "tag-line"
    return "meta-line" if _CHROME_LABEL.search(label) else None


def is_title_list_item(key: str) -> bool:
    """ "- 2025年安全生产倡议书(精选12篇)": a bulleted, unpunctuated link to another article."""
    if (
        not key
        or key[0] not in _BULLETS
        or len(key) > 60
        or _CLAUSE.search(key)
        or "：" in key
        or ":" in key
    ):
        return False
    return bool(_COUNT_TAIL.search(key)) or cjk_count(key) >= 4


def has_count_tail(key: str) -> bool:
    """Ends like a collection's title: "(精选12篇)", "【10篇】"."""
    return bool(_COUNT_TAIL.search(key))


def action_count(key: str) -> int:
    """How many page actions (打印, 收藏, 返回顶部 …) a line names."""
    return len(ACTIONS.findall(key))


def label_count(key: str) -> int:
    return len(LABEL.findall(key))


def _is_crumb(key: str) -> bool:
    if len(key) > _MAX_CRUMB or "，" in key or "," in key:
        return False
    parts = [part for part in _CRUMB.split(key)]
    if len(parts) < 2:
        return False
    if any(len(part) > _MAX_CRUMB_PART for part in parts):
        return False
    named = [part for part in parts if part]
    # "首页 > 作文 > 正文", "某某网 >", "原创专区 >精选范文 >": at least two crumbs, or one
    # crumb closed by a separator.
    return len(named) >= 2 or (len(named) == 1 and not parts[-1])


def _is_nav(key: str) -> bool:
    tokens = _NAV_GAP.split(key.strip())
    if len(tokens) > _MIN_HOME_NAV_TOKENS and tokens[1] in _HOME and len(tokens[0]) <= _MAX_BRAND:
        tokens = tokens[1:]  # "某某网 首页 …": the site's name before its menu
    least = _MIN_HOME_NAV_TOKENS if tokens and tokens[0] in _HOME else _MIN_NAV_TOKENS
    if len(tokens) >= least and all(_NAV_TOKEN.match(t) for t in tokens):
        return True  # "首页 博文目录 图片 关于我": a menu led by its home link is shorter
    # A menu whose spaces were lost: "首页学院概况党建工作…"
    return key.startswith(_HOME) and len(key) >= 12 and cjk_count(key) >= len(key) - 2


def _is_stamp(key: str) -> bool:
    if len(key) > _MAX_STAMP_LINE or not STAMP.search(key):
        return False
    if label_count(key) >= 2:
        return True
    if _CLAUSE.search(key):
        return False
    if _DATE_AND_TIME.search(key) and len(key) <= _MAX_BYLINE:
        return True  # "2021-03-05 12:00 · 某某号": a byline, whatever the account is called
    return bool(_CHROME.search(key) or _PAGE_COUNT.search(key))


def _is_url_line(key: str) -> bool:
    """A line that is a web address, give or take a few words; an e-mail address is a
    résumé's or a notice's field, not a site's."""
    return (
        len(key) <= _MAX_URL_LINE
        and cjk_count(key) <= _MAX_URL_LINE_CJK
        and bool(DOMAIN.search(key))
        and "@" not in key
    )


def _is_stuffed(key: str) -> bool:
    parts = [part for part in re.split(r"[,，、|]", key) if part.strip()]
    if _variants_of_one_phrase(parts) and _SEARCH_WORD.search(key):
        return True  # "感恩父母作文,感恩父母作文400字,感恩父母作文开头结尾": one search's variants
    if len(parts) < _MIN_STUFFED or any(len(p) > _MAX_STUFFED_PART for p in parts):
        return _is_keyword_row(key)
    return bool(DOMAIN.search(key)) or len(parts) >= 2 * _MIN_STUFFED


def _variants_of_one_phrase(parts: list[str]) -> bool:
    """Three parts or more, short, all opening with the same four characters or more."""
    if len(parts) < _MIN_VARIANTS or any(len(p) > _MAX_STUFFED_PART for p in parts):
        return False
    head = parts[0].strip()[:_VARIANT_HEAD]
    return len(head) == _VARIANT_HEAD and all(p.strip().startswith(head) for p in parts)


def _is_keyword_row(key: str) -> bool:
    """Search phrases in a row, spaced apart, each sharing words with another, one at least
    naming what such sites are searched for ("年终工作总结 年终总结范文 年终总结怎么写"). A
    poem's lines spaced out share no words, or only some, and name no such thing."""
    tokens = key.split()
    if len(tokens) < _MIN_KEYWORD_ROW or not all(_NAV_TOKEN.match(t) for t in tokens):
        return False
    if not _SEARCH_WORD.search(key):
        return False  # what people search these sites for; a child's verse names none
    pairs = [char_pairs(token) for token in tokens]
    return all(
        any(mine & theirs for other, theirs in enumerate(pairs) if other != index)
        for index, mine in enumerate(pairs)
    )
