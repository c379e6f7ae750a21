"""The boilerplate lexicon: named line rules for the families seen on template-essay sites.

Each rule matches the NFKC form of one line (so "本文关键词:" and "本文关键词：" both hit) and
only lines up to its `max_len`, so a rule for short chrome never removes a prose paragraph.
The rule's name is the reason recorded for every line it removes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    reason: str
    patterns: tuple[re.Pattern[str], ...]  # alternatives, each searched on its own
    max_len: int = 200
    edge_only: bool = False  # only in the first or last few lines of the body

    def matches(self, key: str, at_edge: bool = True) -> bool:
        if (self.edge_only and not at_edge) or len(key) > self.max_len:
            return False
        key = key.lower()  # patterns are lower case, compiled without IGNORECASE (faster)
        return any(pattern.search(key) for pattern in self.patterns)


def first_matching(keys: list[str], edges: list[bool]) -> list[str | None]:
    """The reason of the first rule matching each line (NFKC keys), or None.

    Same answer as trying `Rule.matches` line by line, but each alternative is searched once
    over the whole page (lines joined by newlines), so the work runs inside the regex engine
    instead of one Python call per line and rule.
    """
    text = "\n".join(keys).lower()
    starts = [0]
    for key in keys[:-1]:
        starts.append(starts[-1] + len(key) + 1)
    hits: dict[int, set[int]] = {}
    for pattern, number in _LED_BY_LITERAL:
        for match in pattern.finditer(text):
            hits.setdefault(bisect_right(starts, match.start()) - 1, set()).add(number)
    # Anchored alternatives: one combined scan finds the lines where any of them may match,
    # then each is tried on those few lines alone.
    for match in _ANY_ANCHORED.finditer(text):
        index = bisect_right(starts, match.start()) - 1
        line = keys[index].lower()
        for pattern, number in _ANCHORED:
            if pattern.search(line):
                hits.setdefault(index, set()).add(number)
    reasons: list[str | None] = [None] * len(keys)
    for index, numbers in hits.items():
        key, at_edge = keys[index], edges[index]
        for number in sorted(numbers):
            rule = LINE_RULES[number]
            if len(key) <= rule.max_len and (at_edge or not rule.edge_only):
                reasons[index] = rule.reason
                break
    return reasons


def within_line(pattern: str) -> str:
    """The same pattern, unable to match across the newlines that join a page's lines:
    `\\s` and `\\W` outside classes and every negated class `[^…]` exclude the newline."""
    out: list[str] = []
    index, in_class = 0, False
    while index < len(pattern):
        char = pattern[index]
        pair = pattern[index : index + 2]
        if char == "\\":
            if not in_class and pair in ("\\s", "\\W"):
                out.append("[^\\S\\n]" if pair == "\\s" else "[^\\w\\n]")
            else:
                out.append(pair)
            index += 2
            continue
        if not in_class and pair == "[^":
            out.append("[^\\n")
            in_class, index = True, index + 2
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        out.append(char)
        index += 1
    return "".join(out)


def _rule(reason: str, pattern: str, max_len: int = 200, edge_only: bool = False) -> Rule:
    """A rule from one regular expression, compiled as separate alternatives that each start
    with a literal or an anchor: Python's re then skips ahead to where the literal occurs,
    which makes a rule many times faster than one big alternation."""
    alternatives = [alt for part in top_level_alternatives(pattern) for alt in _expand_prefix(part)]
    return Rule(reason, tuple(re.compile(a) for a in alternatives), max_len, edge_only)


_LITERAL_GROUP = re.compile(
    r"^\(((?:[^()\[\]\\.*+?{}^$|]+\|)+[^()\[\]\\.*+?{}^$|]+)\)(?![?*{])(.*)$", re.S
)


def _expand_prefix(alternative: str) -> list[str]:
    """`(下面|以下)是…` → `下面是…`, `以下是…`."""
    match = _LITERAL_GROUP.match(alternative)
    if not match:
        return [alternative]
    return [literal + match.group(2) for literal in match.group(1).split("|")]


def top_level_alternatives(pattern: str) -> list[str]:
    """Split a pattern at the `|` that are outside groups and character classes."""
    parts: list[str] = []
    current: list[str] = []
    depth, in_class, escaped = 0, False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return parts


_SITE = r"(范文|文库|作文|文档|美文|文秘|公文|学习|资料)(网|站|吧|大全)"
_CRUMB_SEP = r"(>>?|»|→|/|›|>)"

# Order matters only for the reason recorded: the first matching rule names it.
LINE_RULES: tuple[Rule, ...] = (
    # Slogans and welcome lines.
    _rule("slogan", r"欢迎(您|你|光临|访问|来到)|好好学习\W?天天向上", 60),
    _rule("site-name", rf"^.{{0,12}}{_SITE}\W{{0,3}}$", 20),
    # Breadcrumbs: labelled, "首页 > …", or the crumbs themselves on lines of their own.
    _rule(
        "breadcrumb",
        r"^\W*(当前位置|您现在的位置|你现在的位置|您的位置|你的位置|现在位置|所在位置)\s*:",
    ),
    _rule("breadcrumb", rf"^(网站首页|首页|主页)\s*{_CRUMB_SEP}", 120),
    _rule("breadcrumb", r"^(网站首页|首页|主页|正文|内容页|正文内容)$", 6),
    # Date, author, source and counter lines.
    # A publication timestamp, not an event's "时间：5月12日上午" (meeting notes keep those).
    _rule(
        "meta-line",
        r"^\W*(发布|更新|上传|录入|添加|编辑)?(时间|日期)\s*:\s*\d{4}\s*[-/.]\s*\d{1,2}",
        120,
    ),
    _rule(
        "meta-line", r"(时间|日期)\s*:.{0,30}\s(作者|来源|发布人|人气|点击|浏览|阅读|字数)\s*:", 160
    ),
    _rule(
        "meta-line",
        r"^\W*(作者|来源|发布人|发布者|上传者|录入|责任编辑|编辑|出处|人气|字数|点击|点击数|浏览|"
        r"浏览量|浏览次数|阅读量|阅读次数|查看次数|热度|所属栏目|栏目|所属分类)\s*:",
        120,
    ),
    _rule(
        "meta-line",
        r"^\W*(打印(文章|本文|此文)?|收藏(本文|本页)?|关闭窗口|字体\s*:.*|【?字体\s*:?\s*大\s*中\s*小】?)\W*$",
        40,
    ),
    _rule("meta-line", r"(字体\s*:\s*\|\s*\||【\s*大\s*中\s*小\s*】|\[\s*大\s*中\s*小\s*\])", 80),
    _rule("meta-line", r"^\d{4}-\d{1,2}-\d{1,2}(\s+\d{1,2}:\d{2}(:\d{2})?)?\s*$", 25),
    # Keyword, summary and tag lines (lifted into fields by the cleaner).
    _rule("keywords-line", r"本文关键[词字]\s*:|^\W*关键[词字]\s*:"),
    _rule("summary-line", r"本文(简介|摘要|导读)\s*:|^\W*简介\s*【#|^\W*(导读|导语|摘要)\s*:", 400),
    _rule("content-label", r"本文(内容|正文)\s*:\s*$"),
    _rule("tag-line", r"^\W*(tag标签|tags?|标签|作文话题|话题)\s*:", 300),
    # Intro blurbs written by the site's editors, at the top or bottom of the body.
    _rule(
        "intro-blurb",
        r"(下面|以下|这里|本文)(是|为)?(小编|本站|我们|笔者|编辑|文秘|范文网).{0,40}"
        r"(整理|收集|搜集|准备|带来|分享|推荐|编辑|精选|汇总|提供)"
        r"|欢迎(大家|您|你)?(阅读|借鉴|参考|分享|收藏|查阅)|仅供参考|供(大家|您|你)(参考|借鉴|阅读)"
        r"|(希望|但愿)(这篇|本文|以上|这些|以下|该|此)?.{0,12}(对(大家|您|你)|能(够)?(给|为|帮助)(大家|您|你))"
        r".{0,12}(帮助|帮到|启发|参考|收获|有用)"
        r"|希望(大家|您|你)(会|能)?喜欢|一起来看看吧|快来看看吧|大家一起来看看",
        200,
        edge_only=True,
    ),
    _rule(
        "intro-blurb",
        r"^\W*前言\s*:.{0,60}(想要|如何|怎么|怎样).{0,40}(写|作)",
        300,
        edge_only=True,
    ),
    # Related and recommended lists, prev/next links.
    _rule(
        "related-list",
        r"^\W*(小编精心推荐|小编推荐|编辑推荐|精心推荐|推荐阅读|相关推荐|相关文章|相关阅读|相关范文|"
        r"热门范文|热门文章|热门推荐|热门阅读|猜你喜欢|您可能感兴趣|你可能感兴趣|可能感兴趣的|"
        r"延伸阅读|精彩推荐|更多推荐|最新文章|推荐范文|相关专题|热门专题|看了.{1,20}的人还看了)",
        200,
    ),
    _rule("related-list", r"^[^。！？!?|]{1,40}(\s*\|\s*[^。！？!?|]{1,40}){2,}$", 400),
    _rule("prev-next", r"^\W*(上一篇|下一篇|上一页|下一页)\s*[:：]", 150),
    # Document-library (文库) chrome.
    _rule(
        "doclib-chrome",
        r"合集下载|下载文档前请自行甄别|已阅读\s*\d+\s*页|还剩\s*\d+\s*页未读|由会员分享|"
        r"^\W*文档介绍\s*:|^\W*版权说明\s*:|(客服|在线|咨询)\s*qq|^\W*qq\s*:?\s*\d{5,}|"
        r"免费下载|下载积分|文档格式\s*:|文档大小\s*:|上传时间\s*:|举报该文档|立即下载|全文阅读已结束|"
        r"本文档(由用户|仅供)|平台不提供额外的编辑",
        300,
    ),
    _rule("pager", r"^(上一页|下一页|首页|末页|尾页|\[?\d+\]?|\s|[<>«»…]+)+$", 80),
    _rule("pager", r"^第\s*\d+\s*页(\s*/?\s*共\s*\d+\s*页)?$", 30),
    # Download, copyright, source and promotion notices.
    _rule(
        "download-notice",
        r"(下载|复制)(本文|此文|全文|文档|word|该文档)|word(版|文档)?下载|点击下载|下载地址",
        80,
    ),
    _rule(
        "copyright",
        r"版权(所有|归|声明)|未经(许可|授权|允许)|转载请(注明|保留)|copyright|©|侵权(请|必究)|如有侵权|"
        r"本文(来源|来自|转载自|出自)\s*:|本文档来源|转发文档请保留|本站(文章|内容)(均)?来(源|自)|"
        r"icp备|备案号",
        160,
    ),
    _rule(
        "promo",
        r"更多.{0,30}(敬请|请|欢迎)(关注|访问|点击|登录)|(请|敬请)关注.{0,20}(频道|栏目|网站)",
        120,
    ),
)

# Paywall and preview cut-offs: removed, and the essay flagged `truncated`.
_ALTERNATIVES = [
    (pattern.pattern, number) for number, rule in enumerate(LINE_RULES) for pattern in rule.patterns
]
_LED_BY_LITERAL = tuple(
    (re.compile(within_line(alt), re.MULTILINE), n)
    for alt, n in _ALTERNATIVES
    if not alt.startswith("^")
)
_ANCHORED = tuple((re.compile(alt), n) for alt, n in _ALTERNATIVES if alt.startswith("^"))
_ANY_ANCHORED = re.compile(
    "^(?:"
    + "|".join(f"(?:{within_line(alt[1:])})" for alt, _ in _ALTERNATIVES if alt.startswith("^"))
    + ")",
    re.MULTILINE,
)

_TRUNCATION_MARKERS = (
    r"(此处隐藏\s*\d+\s*个?字|省略\s*\d+\s*字|(正式|vip)?会员可(完整|免费)?(阅读|查看|下载)|"
    r"未完\s*,?\s*(全文共\s*\d+\s*字)?|全文共\s*\d+\s*字\s*,?\s*当前仅显示\s*\d+\s*字|"
    r"因篇幅(问题|原因|有限)?不能全部显示|点此查看更多更全内容|(查看|阅读)(余下|剩余|完整)?全文|"
    r"余下全文|完整版请下载|内容已隐藏|试读结束)"
)


class AnyOf:
    """Search for any of a pattern's top-level alternatives, each compiled on its own so that
    one led by a literal is found at C speed."""

    def __init__(self, pattern: str) -> None:
        self.patterns = tuple(
            re.compile(alt, re.IGNORECASE)
            for part in top_level_alternatives(pattern)
            for alt in _expand_prefix(part)
        )

    def search(self, text: str) -> bool:
        return any(pattern.search(text) for pattern in self.patterns)


# Searched first, to decide whether the slower TRUNCATION_SPAN needs to run at all.
TRUNCATION = AnyOf(_TRUNCATION_MARKERS[1:-1])
# What is cut out: the marker with the ellipses and the rest of its clause around it.
TRUNCATION_SPAN = re.compile(
    within_line(rf"(?:…|\.{{2,}})*\s*{_TRUNCATION_MARKERS}[^。！？]{{0,30}}(?:…|\.{{2,}})*"),
    re.IGNORECASE,
)

RELATED_HEADING = re.compile(
    r"^\W*(小编精心推荐|小编推荐|编辑推荐|精心推荐|推荐阅读|相关推荐|相关文章|相关阅读|相关范文|热门范文|"
    r"热门文章|热门推荐|猜你喜欢|您可能感兴趣的文章|你可能感兴趣的文章|延伸阅读|精彩推荐|更多推荐|最新文章|"
    r"推荐范文|相关专题)\W*$"
)
