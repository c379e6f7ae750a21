"""The boilerplate lexicon: named line rules for the families seen on template-essay sites.

Each rule matches the NFKC form of one line (so "本文关键词:" and "本文关键词：" both hit) and
only lines up to its `max_len`, so a rule for short chrome never removes a prose paragraph.
The rule's name is the reason recorded for every line it removes.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from operator import itemgetter

import ahocorasick

from pipelines.clean.textnorm import JoinedLines


@dataclass(frozen=True)
class Rule:
    reason: str
    patterns: tuple[str, ...]  # alternatives, each searched on its own (compiled on use)
    max_len: int = 200
    edge_only: bool = False  # only in the first or last few lines of the body

    def matches(self, key: str, at_edge: bool = True) -> bool:
        if (self.edge_only and not at_edge) or len(key) > self.max_len:
            return False
        key = key.lower()  # patterns are lower case, compiled without IGNORECASE (faster)
        return any(_compiled(pattern).search(key) for pattern in self.patterns)


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """Compiled once: the lexicon has more alternatives than `re`'s own cache holds."""
    return re.compile(pattern)


def first_matching(keys: list[str], edges: list[bool]) -> list[str | None]:
    """The reason of the first rule matching each line (NFKC keys), or None.

    Same answer as trying `Rule.matches` line by line, but each alternative is searched once
    over the page (lines joined by newlines), so the work runs inside the regex engine instead
    of one Python call per line and rule. A rule only looks at lines up to its `max_len`, so
    its alternatives scan only the page's lines short enough for it (rules are grouped in
    length buckets): most of a page's text is long prose that chrome rules never need to see.
    """
    lowered = [key.lower() for key in keys]
    hits: dict[int, set[int]] = {}
    # One Aho-Corasick pass finds which alternatives' literal heads occur on the page at all;
    # only those (and the few without a head) are scanned with their regular expressions.
    # Only lines some alternative scans can hold a head that matters (long prose is skipped).
    scanned = "\n".join(key for key in lowered if len(key) <= _SCANNED)
    present = set(map(itemgetter(1), _HEADS.iter(scanned))) if scanned else set()
    for limit, led in _BY_LENGTH:
        indexes = [i for i, key in enumerate(lowered) if len(key) <= limit]
        if not indexes:
            continue
        short = JoinedLines([lowered[i] for i in indexes])
        for head, pattern, number in led:
            if head and head not in present:
                continue
            for match in pattern.finditer(short.text):
                index = indexes[short.line_at(match.start())]
                hits.setdefault(index, set()).add(number)
    # Anchored alternatives: a line is tried only against those that can start with its
    # first character (its first word character, for those led by \W*).
    for index, line in enumerate(lowered):
        if not line or len(line) > _LONGEST_RULE:
            continue  # no rule looks at a line this long (a 600,000-character line took 2 s)
        # Only the first rule that may judge the line counts: each list of alternatives (in
        # the rules' order) is tried up to the best rule found so far.
        at_edge = edges[index]
        size = len(keys[index])
        best = min((n for n in hits.get(index, ()) if _judges(n, size, at_edge)), default=None)
        first = line[0]
        word = 0 if first.isalnum() else _LEADING_NON_WORD.match(line).end()  # type: ignore[union-attr]
        lists = [_AT_START.get(first, ()), _AFTER_NON_WORD.get(line[word : word + 1], ())]
        # One combined test for the rest, of those whose rules look at a line this long.
        rest, combined = _ANCHORED_ANY[bisect_left(_BUCKETS, len(line))]
        if rest and (best is None or rest[0][1] < best) and combined.match(line):
            lists.append(rest)
        for candidates in lists:
            for pattern, number in candidates:
                if best is not None and number >= best:
                    break
                if _judges(number, size, at_edge) and pattern.match(line):
                    best = number
        if best is not None:
            hits.setdefault(index, set()).add(best)
    reasons: list[str | None] = [None] * len(keys)
    for index, numbers in hits.items():
        key, at_edge = keys[index], edges[index]
        for number in sorted(numbers):
            rule = LINE_RULES[number]
            if len(key) <= rule.max_len and (at_edge or not rule.edge_only):
                reasons[index] = rule.reason
                break
    return reasons


def _judges(number: int, size: int, at_edge: bool) -> bool:
    """Whether rule `number` looks at a line of this size, at the body's edge or not."""
    rule = LINE_RULES[number]
    return size <= rule.max_len and (at_edge or not rule.edge_only)


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
    return Rule(reason, tuple(alternatives), max_len, edge_only)


_LITERAL_GROUP = re.compile(
    r"^\(((?:[^()\[\]\\.*+?{}^$|]+\|)+[^()\[\]\\.*+?{}^$|]+)\)(?![?*{])(.*)$", re.S
)


def _expand_prefix(alternative: str) -> list[str]:
    """`(下面|以下)是…` → `下面是…`, `以下是…`; also after an anchor (`^\\W*(作者|来源):`)."""
    anchor = next((a for a in ("^\\W*", "^") if alternative.startswith(a)), "")
    match = _LITERAL_GROUP.match(alternative[len(anchor) :])
    if not match:
        return [alternative]
    return [anchor + literal + match.group(2) for literal in match.group(1).split("|")]


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


_SITE_WORD = r"(范文|文库|作文|文档|美文|文秘|公文|学习|资料)"
_SITE = rf"{_SITE_WORD}(网|站|吧|大全)"
_CRUMB_SEP = r"(>>?|»|→|/|›|>)"
_LOGIN = (
    r"(用户名|密码|账号|帐号|记住我|记住密码|忘记密码|自动登录|下次自动登录|登录|登陆|注册|找回密码|免费注册|"
    r"立即登录|退出|会员登录|会员中心|我要投稿|投稿)"
)

# The reasons of a library's notices and a site's promotions: the rules' words for them also
# occur in essays, so a narrative sentence, a form's field or a document's numbered item
# holding them is kept (lines.py, glued.py).
OFFER_REASONS = frozenset({"doclib-chrome", "promo"})

# Words that name a page's own chrome rather than anything an essay talks about.
META_LABELS = (
    r"作者|来源|发布人|发布者|上传者|录入|责任编辑|编辑|出处|人气|字数|点击|点击数|浏览|浏览量|"
    r"浏览次数|阅读量|阅读次数|查看次数|热度|所属栏目|栏目|所属分类|分类|更新|更新时间|发布时间|"
    r"发表|发表时间|上传时间|上传日期|投稿|投稿时间|段落|体裁|评论|评论数|收藏数|下载次数|文章来源|信息来源|"
    r"稿件来源|审核|校对|供稿|撰稿|摄影|发布日期|文作者|图作者|标签|发布于|发表于|"
    r"下载|页数|大小|格式|上传者|贡献者|个人分类|回答者|擅长|积分|等级|主题|帖子|推荐度|所属专题|"
    r"文章作者|文章出处|文章编辑|年级|作文字数|适用年级|作文体裁|在线时间|最后登录|注册时间|uid|小编|"
    r"投稿人|指导老师|指导教师|"
    r"提问者|最后修改|最后更新|修改时间|ip属地|楼主|更新于|修改于|编辑于|创建于|来自|内容来自|来自用户|内容来自用户|当前栏目|所在栏目|当前分类|用户等级|会员等级|用户名|昵称|本文作者|原文作者|本文编辑|"
    # Taiwan and Hong Kong sites' words for the same labels (after folding to simplified script).
    r"点阅|点阅数|点阅次数|点阅率|张贴|张贴日期|张贴者|发布单位|发稿单位|更新日期|资料来源|浏览人次|人气指数"
)

_TRADE = r"(范文|作文|文库|文秘|资料|论文|美文|公文|文档|诗词|句子|语录)"

# Order matters only for the reason recorded: the first matching rule names it.
LINE_RULES: tuple[Rule, ...] = (
    # Slogans and welcome lines.
    # A site's welcome names the site ("某某范文网欢迎您", "欢迎光临本站"); a speech's "欢迎你们
    # 回到校园" names none.
    _rule(
        "slogan",
        r"欢迎(您|你)(?!们)\W*$|欢迎(您|你)?(光临|访问|来到)\S{0,12}(网|站|平台|社区|论坛)|"
        r"欢迎(光临|访问)|好好学习\W?天天向上|最快更新",
        60,
    ),
    # A site's name with its motto after a separator: "某某公文网 - 公文写作一站式服务平台".
    _rule(
        "slogan",
        r"^\W*\S{1,12}(网|站|文库|之家)\s*[-–—|｜_·:]+\s*\S{0,20}"
        r"(平台|网站|门户|助手|专家|首选|家园|社区|乐园|宝库|天地|资源库)\W*$|"
        r"^\W*\S{1,10}(网|站|文库|之家)\s+[-–—|｜·]+\s+\S{2,14}$",
        40,
    ),
    # A site's name in brackets, alone or after a paragraph: "（某某文摘网）"; a credit to a
    # site: "——摘自某某文库网 www.….org", "（以上内容由某某网用户上传）".
    _rule(
        "site-name",
        r"^[(（【\[]\s*[^()（）【】\[\]\s]{2,10}(网|网站|文库)\s*[)）】\]]$|"
        r"^\W*(摘自|转自|转载自|来自|来源于|选自|出自)\s*[:：]?\s*[^《》\s]{2,12}(网|网站|文库)"
        r"(\s*(https?://)?[\w.-]+\.[a-z]{2,})?\W*$",
        60,
    ),
    # A composition's grade, genre and length set apart as its label ("五年级 书信 500字");
    # an editor's stamp on the piece ("（本文已被编辑推荐）").
    _rule(
        "meta-line",
        r"^\W*([一二三四五六七八九]年级|初[一二三]|高[一二三]|小学|初中|高中)(\s+[^\s\d]{1,5}){1,3}\s+\d{2,4}\s*字"
        r"(\s+作者\s*:\s*\S{1,8})?\W*$|^\W*\d{4}-\d{1,2}-\d{1,2}(\s+[^\s\d]{1,6}){1,3}\s+约?\s*\d{2,4}\s*字\W*$|"
        r"^\W*文\s*[/／]\s*[^\s/／]{1,10}(\s+\d{4}[-/.]\d{1,2}[-/.]\d{1,2})?\W*$|"
        r"^\W*(其他|更多|全部)(解答|回答|答案|评论)\s*[(（]\s*\d+\s*[)）]\W*$|"
        r"^\W*(最佳|满意|推荐|被采纳的?)(解答|答案|回答)\W*$|^\W*已解决\W*$|"
        r"^\W*上一(篇|主题|帖|页)\W*下一(篇|主题|帖|页)\W*$|跳转到指定楼层|^\W*点击关注(我们|本站|本号)?\W*$|"
        r"(本文|此文)首发于.{0,12}(公众号|头条号|百家号|微博|平台)|^\W*(词条|问题|话题)(标签|描述|分类)\s*[:：]\W*$|^\W{0,2}\d+\s*个?(赞|讚)\W*$|"
        r"^[(（【\[]?\s*(本文|此文|该文|本帖|此帖)(已)?(被)?.{0,6}(推荐|加精|精选|置顶)\s*[)）】\]]?$",
        30,
    ),
    # A site's own furniture in a line: a login box's small print, an app banner, a price
    # alone, a site's notice board, a mobile top bar, an advertisement's call.
    _rule(
        "promo",
        r"(同意|阅读并同意).{0,6}(用户协议|服务协议|隐私政策|服务条款)|(在|用)\s*app\s*(中|内|里)?\s*(打开|阅读|查看)|"
        r"^\W*¥\s*\d+(\.\d+)?\s*(元)?\W*$|^\W*(最新|网站|本站|系统|站内)公告\s*[:：]|^\W*[☰≡]|"
        r"menu\b.{0,30}\bsearch\b|(立即|马上)(咨询|抢购|领取|预约)|"
        r"^\W*[【\[]\s*(最新|重要|网站|本站)?(通知|公告|提示)\s*[】\]]|^\W*(本栏目|本频道)|"
        r"^\W*(搜一下|搜索一下|百度一下|站内搜索|搜\s*索)\W*$|"
        r"^\W*搜(?![集寻救查捕]|索引擎)索?[^\s，。！？,!?:：]{1,6}(\s+搜[^\s，。！？,!?:：]{1,6})*\W*$|"
        r"^\W*搜索\s*[:：][^。！？!?]{0,16}$|^\W*搜索(?!引擎)[^。！？!?:：]{0,16}$|"
        r"^[^。！？!?]{0,8}已有\s*[\d,.]+\s*[万wk]?\s*(位|个|名|人)\S{0,4}(签到|下载|阅读|浏览|关注|收藏|点赞|使用|在线|评论)\W*$",
        80,
    ),
    # A header's date and weather widgets: "9月5日 星期四 农历八月初三", "多云 24°C~31°C".
    _rule(
        "meta-line",
        r"^\W*(\d{4}年)?\d{1,2}月\d{1,2}日\s*星期[一二三四五六日天]\s*(农历|阴历)\S{2,6}\W*$|空气质量\s*[:：]|"
        r"°\s*c?\s*[~～/-]\s*-?\d{1,2}\s*°\s*c",
        60,
    ),
    # A comment box and a vote widget: "文明上网，理性发言", "[表情] 发送", "你觉得这篇文章怎么样？",
    # "很好(236) 一般(17)"; a call to keep the site; statistics counters; a log-in offer.
    _rule(
        "promo",
        r"(文明上网|文明发言)\W{0,3}理性(发言|评论)|^\W*请文明(上网|发言)|^\W*\[表情\]|^\W*(发送|提交评论|发表评论)\W*$|"
        r"(觉得|认为)(这篇|本篇|该|此)(文章|作文|范文)怎么样|^\W*(很好|不错|一般)\W*\d+\W+(一般|较差|很差)|"
        r"收藏本站|(记得|欢迎)(收藏|关注)本站|(转发|分享)给更多(有)?需要的|站长统计|百度统计|cnzz|"
        r"(登录|登陆)后(可|即可)?(充值|下载|查看|复制)|返金币",
        80,
    ),
    # Adult and gambling keyword lines of a hacked page.
    _rule(
        "promo",
        r"无码|一区二区|国产(精品|日韩|自拍)|日韩欧美|中文字幕在线|成人(影院|视频|网站)|在线观看.{0,8}(高清|免费|无码)",
        60,
    ),
    # A row of bracketed tags: "【护士工作总结】【年终总结范文】".
    _rule("tag-line", r"^\s*(【[^】]{2,12}】\s*){2,}$", 120),
    # A forum reply's client stamp and a blog's reward row: "来自Android客户端", "赞赏支持".
    _rule(
        "meta-line",
        r"^\W*来自\s*(android|iphone|ipad|安卓|苹果|手机)\S{0,6}(客户端|版)\W*$|^\W*赞赏支持|"
        r"小礼物走一走|^\W*转载\W*$",
        40,
    ),
    # A line of an English or pinyin template's header: "Posted on 2022-10-27 by editor",
    # "Author: admin Date: …", "1,096 views".
    _rule(
        "meta-line",
        r"^\W*(posted\s+(on|by)|author\s*:|hits\s*:|views\s*:)|\d[\d,]*\s*(views|hits)\W*$|"
        r"^\W*this\s+(entry|post)\s+was\s+posted\s+in\b",
        80,
    ),
    # A composition site's study aids around a pupil's essay: "写作指导：…", "好词积累：…".
    _rule(
        "meta-line",
        r"^\W*[【\[]?(写作指导|写作思路|写作技巧|写作要点|好词好句|好词积累|好句摘抄|佳句赏析|名师点拨|"
        r"教师点拨|作文指导|素材积累)[】\]]?\s*[:：]?",
        200,
    ),
    # A self-media page's players, share targets and engagement prompts: "00:00 ▶ 03:52",
    # "分享至好友和朋友圈", "下载某某APP", "点击查看活动详情", "喜欢就点个在看吧", "说点什么…",
    # a row of bare counts ("12.6w 3,821 1.1w").
    _rule(
        "meta-line",
        r"^\W*\d{1,2}:\d{2}(:\d{2})?\s*[▶►▷/|]\s*\d{1,2}:\d{2}(:\d{2})?\W*$|"
        r"^\W*\d{1,2}:\d{2}(:\d{2})?\s+\d{1,2}:\d{2}(:\d{2})?\W*$|"
        r"^\W*分享(至|到|给)\S{0,12}$|^\W*下载[^\s。！？]{0,6}app[!！>»\s]*$|点击查看(活动)?(详情|原文|全文|更多)|"
        r"^\W*(背景音乐|bgm|朗读者?|主播|配音|音频|本期编辑|排版|审核|校对)\s*[:：]|"
        r"^\W*(功能介绍|账号简介|公众号简介|账号主体)\s*[:：]?\s*\S|^\W*(用|打开)?(微信|手机)扫码\S{0,6}$|"
        r"赞助(商)?(链接|连结)|^\W*请先\s*(登录|登入|登陆|注册)|"
        r"^\W*\S{1,12}\s*[‧·•]\s*\d+\s*(年|个月|月|周|天|小时|分钟)前\W*$|免费试听|"
        r"设为?星标|星标(我们|公众号)|置顶公众号|^\W*(夜间|日间|护眼)(模式)?\W*$|^\W*字体\s*[a-z]?\s*[-+＋－]|^\W*app\s*(内)?打开|"
        r"^\W*(登录|注册|登陆)(后|即可)?(领取|免费|查看|下载|解锁)\S{0,10}$|"
        r"点个?\W?(在看|赞|关注)\W?(吧|哦|呗)?\W*$|^\W*说点什么\W*$|"
        r"^\W*\d[\d.,]*\s*[wk万]?(\s+\d[\d.,]*\s*[wk万]?){2,}\W*$|"
        r"^([\u2190-\u2bff\U0001f000-\U0001faff]\ufe0f?\s*\d[\d.,]*\s*[wk万]?\s*){2,}$",
        40,
    ),
    # Gambling keywords a hacked or farmed page carries.
    _rule(
        "promo",
        r"时时彩|北京赛车|pk10|百家乐|六合彩|体育投注|真人(娱乐|视讯)|老虎机|开奖(直播|结果|记录)|"
        r"(棋牌|彩票|博彩)(平台|计划|官网|网址|app)",
        80,
    ),
    # A site's motto: "您身边的写作助手", "你的专属学习顾问".
    _rule(
        "slogan",
        r"(您|你)(身边|贴心|专属|最好|一站式)的?\w{0,8}(助手|顾问|专家|平台|帮手|伙伴|管家|网站)\W*$",
        40,
    ),
    # "第一范文网", "中华范文大全"; a title ending in 大全 names its topic first ("年终工作总结
    # 范文大全"), a site only a word or two.
    _rule(
        "site-name",
        rf"^.{{0,12}}{_SITE_WORD}(网|站|吧)\W{{0,3}}$|^.{{0,2}}{_SITE_WORD}大全\W{{0,3}}$",
        20,
    ),
    # A site describing itself at the page's edge: "某某作文网收录了大量优秀作文，…",
    # "本站致力于为广大学生提供…". The name ends in the trade's words, so that "互联网是一个…"
    # is no site.
    _rule(
        "slogan",
        rf"^\W*(本站|本网|我站|我们网站|\w{{0,8}}{_TRADE}(网|站|之家|大全|频道)\w{{0,4}})"
        r"(收录|汇集|汇聚|致力于|专注于|专门|是一个|是一家|是国内|是中国|是专业|为(您|你|大家|广大)\w{0,12}提供)",
        200,
        edge_only=True,
    ),
    # Breadcrumbs: labelled, "首页 > …", or the crumbs themselves on lines of their own.
    _rule(
        "breadcrumb",
        r"^\W*(当前|目前|您|你|所在|现在)[^:：]{0,5}(位置|您在|你在)\s*(是|为)?\s*:|^\W*当前\s*:\s*\S{1,12}$",
    ),
    _rule("breadcrumb", rf"^(网站首页|首页|主页)\s*{_CRUMB_SEP}", 120),
    _rule("breadcrumb", r"^(网站首页|首页|主页|正文|内容页|正文内容)$", 6),
    # Date, author, source and counter lines.
    # A publication timestamp, not an event's "时间：5月12日上午" (meeting notes keep those).
    _rule(
        "meta-line",
        r"^\W*(发布|更新|上传|录入|添加|编辑|发表)?(时间|日期)\s*:\s*\d{4}\s*[-/.年]\s*\d{1,2}",
        160,
    ),
    _rule(
        "meta-line", r"(时间|日期)\s*:.{0,30}\s(作者|来源|发布人|人气|点击|浏览|阅读|字数)\s*:", 200
    ),
    _rule("meta-line", rf"^\W*({META_LABELS})\s*:", 120),
    _rule(
        "meta-line",
        r"^\W*(打印(文章|本文|此文|本页)?|收藏(本文|本页)?|关闭(窗口|本页)?|字体\s*:.*|【?字体\s*:?\s*大\s*中\s*小】?)\W*$",
        40,
    ),
    _rule(
        "meta-line",
        r"(字体\s*:\s*\|\s*\||【\s*大\s*中\s*小\s*】|\[\s*大\s*中\s*小\s*\]|关闭窗口|显示全部楼层|阅读模式|"
        r"只看该作者|发表于\s*\d|我要投稿|加入收藏|设为首页|点击数\s*:|字号\s*:)",
        80,
    ),
    _rule("meta-line", r"^\d{4}-\d{1,2}-\d{1,2}(\s+\d{1,2}:\d{2}(:\d{2})?)?\s*$", 25),
    # A label and its figure with a space for the colon: "页数 4", "大小 35KB", "上传日期 2019-09-01".
    _rule(
        "meta-line",
        rf"^\W*({META_LABELS})\s+\d[\d.,:/\-\s]*(kb|mb|gb|k|w|万|页|次|字|人|分|星)?\W*$",
        30,
    ),
    _rule(
        "meta-line",
        r"^\W*(分享|分享到|分享给(朋友|好友)?|浏览|收藏|点赞|评论|举报|打印|纠错|朗读|复制链接|加入清单|返回顶部|返回列表|"
        r"阅读全文|展开全文|展开阅读全文|展开更多|查看更多|加载更多|点击查看|收起|展开|"
        r"主题|回帖|帖子|积分|精华|管理员|版主|楼主|沙发|板凳|注册会员|展开全部|检举|目录|书签|加入书签|电梯直达|高级模式|倒序浏览|"
        r"返回书页|章节目录|搜索|站内搜索|全站搜索|搜一搜|发表|提交|发送|确定|取消|重置|背景色|护眼模式|夜间模式|阅读设置|加入书架|列印|友善列印|转寄|回上页|回上一页|回首页|登入|搜寻|字级|sitemap|rss|xml\s*地图|html\s*地图|网站地图|tags|听文章|听本文|语音播报|关注|\+\s*关注|加关注|已关注|私信|发私信|举报文章|全屏|放大|缩小|旋转|加入文件夹|分享至|申请认证|ai总结|ai摘要|头像|电邮|列印\s*电邮|【大】【中】【小】|大\s*中\s*小|"
        # Editing buttons of a wiki or a post: "编辑", "讨论", "锁定", "播报", "上传视频".
        r"用户评价|网友评价|文档评价|我要评价|发表评价|全部评价|跳至主要内容|跳到主要内容|跳过导航|"
        r"skip to (main )?content|无障碍(浏览|阅读)?|长者模式|关怀版|"
        r"编辑|我要编辑|编辑词条|讨论|锁定|播报|上传视频|上传图片|删除|修改|回复|引用|复制|下载|"
        r"\d+(\.\d+)?\s*[万wk])\W*$",
        12,
    ),
    # Share targets alone or in a row ("微信 微博 QQ空间"), a button with its count ("献花(0)",
    # "赞(12)") and a vote's "+1".
    _rule(
        "meta-line",
        r"^\W*((微信|微博|qq|qq空间|qq好友|朋友圈|微信好友|新浪微博|腾讯微博|豆瓣|转藏|转载到|复制链接)\W*)+$|"
        r"^\W*((献花|送花|鲜花|点赞|赞|赞同|收藏|评论|分享|转发|转藏|喜欢|顶|踩|回复|关注|粉丝|阅读|浏览|"
        r"下载|有用|没用|在看|支持|反对|打赏|顶一下|踩一下)\s*([(\[]\s*[\d,.]+\s*[万wk]?\s*[)\]]|[\d,.]+\s*[万wk]?)?\W*){1,6}$|"
        r"^\s*\+\s*\d{1,3}\s*$",
        24,
    ),
    # A fold's read-more stub ("展开剩余70%", "点击展开全文 ▼", "继续阅读全部内容"), and a
    # portal's way back ("返回某某，查看更多").
    _rule(
        "meta-line",
        r"^\W*(点击|继续)?(展开|阅读|查看)(剩余|余下|全部|全文|更多)\s*(\d{1,3}\s*[%篇])?\s*(内容|全文)?\W*$|"
        r"^\W*返回\w{1,8}\W{0,2}查看更多\W*$",
        20,
    ),
    # A site's invitations: to send in essays ("投稿须知：…"), to pass the page on ("如果觉得
    # 《…》不错，可以推荐给好友"), a repost's licence ("本文转载自公众号…，已获授权").
    _rule(
        "promo",
        r"^\W*(投稿须知|来稿须知|投稿要求|投稿说明|征稿启事)|"
        r"^\W*如果(你|您)?觉得.{0,24}(不错|有用|有帮助|喜欢).{0,8}(推荐|分享|转发|收藏)给?|"
        r"本文(经|已)?(授权)?转载自|文章(经|已)?(授权)?转载自|已获(作者)?授权|经授权转载",
        120,
    ),
    # A section and a date set apart by a dot or a bar ("工作总结 · 2024-12-28"), icons and a
    # feed's end mark ("— 到底了 —").
    _rule(
        "meta-line",
        r"^[^。！？!?，,]{0,24}\s[·•|｜]\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}[^。！？!?，,]{0,12}$|"
        r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s*[·•|｜]\s[^。！？!?，,]{0,24}$|"
        r"^\W*((已经)?到底了|没有更多了|我是有底线的|回顶部|顶部|置顶)\W*$|^[∧⌃^↑▲△\s]+$",
        40,
    ),
    # An editor's note on the essays ("小编点评：…", "编者按：…").
    _rule(
        "intro-blurb",
        r"^\W*(小编|编者|编辑)(点评|按|说|寄语|提示|有话说)\s*[:：]|^\W*[【\[](小编|编者|编辑)(点评|按|寄语|提示)[】\]]",
        300,
    ),
    # Keyword, summary and tag lines (lifted into fields by the cleaner).
    _rule("keywords-line", r"本文关键[词字]\s*:|^\W*关键[词字]\s*:|^\W*【\s*关键[词字]\s*】"),
    _rule(
        "summary-line",
        r"本文(简介|摘要|导读)\s*:|^\W*简介\s*【#|^\W*(小编|编辑)?(文章|内容)?(导读|导语|摘要|简介|提要)\s*:|"
        r"^\W*(阅读|核心)提示\s*:|^\W*推荐理由\s*:|^\W*(ai|智能|文档|资料|全文)\s*(摘要|总结|导读|概要|简介)\s*:|"
        r"^\W*【\s*(导读|导语|摘要|简介)\s*】",
        400,
    ),
    _rule(
        "content-label",
        r"本文(内容|正文)\s*:\s*$|^\W*(以下|下面)(为|是)(范文|正文|全文|原文|文章内容)\W*$",
    ),
    _rule(
        "tag-line",
        r"^\W*(本文|文章|作文|本篇|相关)?(tag标签|tags?|标签|话题)\s*:|^\W*【\s*(tags?|标签)\s*】",
        300,
    ),
    # Hashtags alone ("#观后感 12个", "#开学 #成长"), and "收录于话题" over them.
    _rule(
        "tag-line",
        r"^\W*(本文)?(已)?(被)?收录(于|在|到)\s*(话题|合集|专辑|文集|专题)|^\W*#[^#\s]{1,10}#\s*\S|^\s*(?:#[^#\s]{1,16}+#?\s*+(?:\d+\s*(?:个|篇)\s*+)?)++$",
        60,
    ),
    # Related and recommended lists, prev/next links.
    _rule(
        "related-list",
        r"^\W*(小编精心推荐|小编推荐|编辑推荐|精心推荐|推荐阅读|相关推荐|相关文章|相关阅读|相关范文|"
        r"热门范文|热门文章|热门推荐|热门阅读|猜你喜欢|您可能感兴趣|你可能感兴趣|可能感兴趣的|你可能(还)?喜欢|您可能(还)?喜欢|相关新闻|相关报道|热点新闻|推荐新闻|图片新闻|最新资讯|热门资讯|今日推荐|相关热词|热词搜索|"
        r"精彩专题|专题推荐|热门话题|热门栏目|栏目导航|网站导航|分类导航|本站导航|站点导航|全站导航|"
        r"延伸阅读|精彩推荐|更多推荐|最新文章|推荐范文|相关专题|热门专题|看(了|过).{1,24}的人(还|也)(看|读|阅读)了|"
        r"大家都在看|大家还在看|大家都在搜|热门搜索|热搜|搜索热词|本类排行|排行榜|最新更新|精品推荐|推荐文章|相关标签|热门标签|"
        r"相关链接|友情链接|本站推荐|为你推荐|为您推荐|更多精彩|更多相关|相关内容|相关搜索|相关资料|相关下载|"
        r"往期(精选|推荐|回顾|文章|内容)|精彩回顾|历史文章|相关问题|相关回答|其他回答|更多回答|"
        r"相关[^\s:：]{0,6}(作文|范文|文档|日记|诗歌|美文|资料|教案|课件|试题|试卷|论文)\s*[:：]|被以下专题收入|发现更多相似内容|"
        r"相关[^\s:：]{0,4}(教案|课件|试题|试卷|论文|文档|范文|作文)\s*$|\S{0,8}(频道|栏目)推荐\s*[:：]?\s*$|"
        r"(【[^】]{1,12}】\s*)?最新(文章|范文|作文|更新)\s*[:：]?\s*$|"
        r"更多[^\s:：。，,]{1,10}\s*[:：]\s*$|热门[^\s:：。，,]{1,6}\s*[:：]|相关[^\s:：。，,]{1,6}\s*[:：]\s*$|看完(这篇|本篇|本文)\S{0,6}(还|也)(看|读)了)",
        200,
    ),
    # Possessive items (spaces are their own): "范文·  |范文·  |…" made the plain pattern
    # backtrack without end.
    _rule("related-list", r"^\s*\|?[^。！？!?|]{1,40}+(?:\|[^。！？!?|]{1,40}+){2,}+\|?\s*$", 400),
    _rule("prev-next", r"^\W*(上|下|前|后)一(篇|个|页|章|条|则|首)[^。！？!?:]{0,12}\s*:", 150),
    # "上篇文章：…": without 一, only with what is listed (a book's 上篇 is its first part).
    _rule("prev-next", r"^\W*(上|下)(篇|页)(文章|作文|范文|日志|帖子|新闻|内容)\s*:", 150),
    _rule(
        "prev-next",
        r"^\W*(上一篇|下一篇|上一页|下一页|上一章|下一章|前一篇|后一篇)(文章|作文|范文|日志|帖子|主题)?\W*$",
        16,
    ),
    # Comment boxes and forum chrome.
    _rule(
        "comments",
        r"网友评论|发表评论|评论内容只代表|(只|仅)显示最新\s*\d+\s*条|我来说两句|共有\s*\d+\s*(条|个|人)(评论|回复|留言|参与|点评)[^。！？!?，,]{0,12}$|已有\s*\d+\s*(条|个|人)(评论|回复|留言|参与|点评)[^。！？!?，,]{0,12}$|共\s*\d+\s*条(评论|回复|留言)|"
        r"^(:[a-z?!]{1,8}:\s*){3,}|登录后(才能)?(发表|评论)|请自觉遵守互联网|^\W*(验证码|校验码)\s*:|看不清\W{0,2}换一(张|个)",
        400,
    ),
    # Document-library (文库) chrome.
    _rule(
        "doclib-chrome",
        r"合集下载|下载文档前请自行甄别|已阅读\s*\d+\s*页|还剩\s*\d+\s*页未读|由会员分享|"
        r"(加入|开通|升级|成为|续费)\s*vip|vip\s*(会员|特权|专享|免费|下载)|^\W*(知识产权声明|举报原因)\W*$|"
        r"^\W*(相似|相关|同类)文档\W*(更多)?\W*$|^\W*(本)?文档为\s*(doc|docx|pdf|ppt|pptx|txt|word)\s*格式|"
        r"^\W*在线客服\W*$|"
        r"^\W*文档介绍\s*:|^\W*版权说明\s*:|(客服|在线|咨询)\s*qq|^\W*qq\s*:?\s*\d{5,}|"
        r"免费下载|下载积分|(文档|资料|文件)(格式|大小)\s*:|^\W*(文档|资料|文件)\s*(id|编号)\s*:|上传时间\s*:|举报该文档|立即下载|全文阅读已结束|"
        r"本文档(由用户|仅供)|平台不提供额外的编辑|^\W*(文档)?(编号|格式|页数|大小|类型|分类)\s*:\s*[\w.]{1,12}(\s|$)|"
        r"^\W*在线阅读|在线阅读\s*(全文|本文|文档|>>|»)|在线阅读\W*$|珍藏版|请在.{1,10}上搜索|^\W*文档(简介|描述|预览)|预览(结束|已结束)|"
        r"(仅|只)(支持|提供)?(预览|展示)(前)?\s*\d*\s*页|付费(阅读|下载)|下载(券|币)",
        300,
    ),
    # Possessive: "»»»…x" made the plain pattern backtrack without end.
    _rule("pager", r"^(?:上一页|下一页|首页|末页|尾页|\[?\d++\]?|\s|[<>«»…]++)++$", 80),
    # A converted document's table of contents: an entry, a dotted leader, its page number.
    _rule("toc", r"^[^。！？!?]{2,60}?[.．…·‥_\-\s]{4,}+\d{1,3}\s*$", 80),
    # A collection's contents: "本文目录", alone or with its entries on the line.
    _rule(
        "toc",
        r"^\W*(本文|文章)目录(一览|导航)?\W*$|^\W*(本文|文章)目录(一览|导航)?\s*[↓↘▼]|"
        r"^\W*目录(一览|导航)\s*[:：]?\s*(【|\d+\s*[.、]|[一二三四五六七八九十]+、|篇|第)|"
        r"^\W*(本文|文章)目录(一览|导航)?\s*[:：]?\s*(【|\d+\s*[.、]|[一二三四五六七八九十]+、|篇|第)",
        400,
    ),
    _rule(
        "pager",
        r"^\W*(第\s*\d+\s*页(\s*[/,]?\s*共\s*\d+\s*页)?|共?\s*\d+\s*页|第?\s*\d+\s*/\s*\d+\s*页)\W*$",
        30,
    ),
    _rule("pager", r"^(\.{2,}|…+|-+|=+|\*+|,|，|、|\||/|•|·|●|▪|■|□|◆|x|×|✕|✖)$", 12),
    _rule(
        "word-count",
        r"^\W*(全文|本文|本篇|此文|该文|这篇)?(作文|文章|范文|日记)?(共|共计|总计|合计|约)\s*\d+\s*个?字\W*$|"
        r"^\W*\d+\s*字\W*$",
        24,
    ),
    # Download, copyright, source and promotion notices.
    _rule(
        "download-notice",
        r"(下载|复制)(本文|此文|全文|文档|word|该文档)|word(版|文档)?下载|点击下载|下载地址|复制本页地址",
        80,
    ),
    _rule(
        "copyright",
        r"版权(所有|归|声明|属于)|未经(许可|授权|允许)|转载(请|须|需)(注明|保留)|copyright|©|侵权(请|必究)|"
        r"如有侵权|本文(来源|来自|转载自|出自)\s*:|如有雷同|纯属巧合|(均|都)来自(学生|网友|用户|会员)(的)?投稿|本文档来源|转发文档请保留|本站(文章|内容)(均)?来(源|自)|"
        r"icp备|备案号|免责声明|(联系|通知)(我们|本站).{0,8}删除|^\W*(本文|本页|文章|原文)(地址|链接|网址)\s*:",
        300,
    ),
    _rule(
        "promo",
        r"更多.{0,30}(敬请|请|欢迎)(关注|访问|点击|登录)|更多.{0,20}关注.{0,12}(栏目|频道|网站|公众号)|"
        r"(请|敬请)关注.{0,20}(频道|栏目|网站|公众号)|"
        r"请(访问|登录|登陆|关注|收藏)\s*\S{0,8}(范文|作文|文库|资料|文秘|公文|文档)\S{0,4}(网|站)|"
        r"欢迎(访问|登录|登陆|关注|收藏)\s*\S{0,8}(范文|作文|文库|资料|文秘|公文|文档)\S{0,4}(网|站)|"
        r"(微信|qq|vx)\s*号?\s*:\s*[a-z0-9_-]{5,}|"
        r"(公众号|微博|抖音|小红书|头条号|b站|知乎)号?\s*[:：@]\s*\S{2,}|"
        r"(后台|公众号(\s*“[^”]{0,12}”)?|私信)\W{0,3}回复.{0,16}(即可|领取|获取|免费)|(欢迎|快)(在)?评论区(留言|分享|讨论|告诉)",
        120,
    ),
    _rule(
        "copyright",
        r"(本文|以上内容|以上|该文|此文)由.{1,20}(整理|收集|发布|提供|编辑|原创|首发|上传|投稿)|(来源|来自|源于|转自)(于)?(网络|互联网)|"
        r"本文(为|系).{0,10}原创|^\W*(本文|本页|文章|原文)(标题|地址|链接|网址|出处)\s*:|"
        r"^\W*声明\s*:|^\W*温馨提示\s*:.{0,40}(本站|本网|本文|网站|转载|下载|仅供|版权|侵权|删除|参考|会员|登录|注册|浏览器|"
        r"点击|阅读全文|复制)",
        150,
    ),
    _rule(
        "promo",
        r"分享到|点击(上方|下方|蓝字|进入|这里|此处)|(扫描|扫码|扫|识别|长按)(下方|上方|右侧|左侧|以下|下面|本页|页面|文末)?(的)?(微信)?二维码|"
        r"^\W*(微信|官方|手机|网站|本站|公众号|客服|app|下载|关注|小程序)?\s*二维码\W*$|长按(识别|关注|扫码)|扫一扫|^\W*阅读原文\W*$|"
        r"手机(阅读|访问|浏览|版|站)|返回(目录|栏目)|(关于|联系)我们.{0,12}(网站地图|免责声明|意见反馈|广告服务|隐私)|"
        r"网站地图|网站导览|隐私权(政策|声明)|资讯安全政策|意见反馈|广告服务|商务合作|^\W*原标题\s*:|^\W*(图片来源|图源)\s*:",
        80,
    ),
    # A site's service desk and footer links, alone or in a row: "客服电话：…", "QQ群：…",
    # "关于我们 | 联系我们", "用户协议", "帮助中心"; free-gift offers and scan-to-log-in boxes.
    _rule(
        "promo",
        r"^\W*(客服|咨询|服务|投诉|售后)(电话|热线|qq|邮箱)\s*:|^\W*qq\s*群\s*:|"
        r"^\W*((关于|联系)我们|用户协议|服务协议|隐私政策|帮助中心|问题反馈|营业执照|站长统计|"
        r"免责声明|版权声明|法律声明|加入我们|人才招聘|友情链接)(\W+((关于|联系)我们|用户协议|"
        r"服务协议|隐私政策|帮助中心|问题反馈|营业执照|站长统计|免责声明|版权声明|法律声明|加入我们|"
        r"人才招聘|友情链接|网站地图))*\W*$|"
        r"^\W*(扫码|手机扫码|微信扫码)(登录|登陆)?\W*$",
        60,
    ),
    _rule(
        "promo",
        r"免费领取[^。！？!?，,]{0,12}$|0\s*元领取[^。！？!?，,]{0,12}$|限时领取[^。！？!?，,]{0,12}$|"
        r"领取免费[^。！？!?，,]{0,12}$",
        24,
    ),
    # A line of nothing but a document library's stamp words: "名师整理 优秀资源",
    # "感谢阅读 感谢阅读", "学习好资料 欢迎下载".
    _rule(
        "doclib-chrome",
        r"^\W*((名师|精品|优秀|优质|精选|学习|好资料|资料|资源|文档|整理|归纳|欢迎|下载|感谢|阅读|"
        r"推荐|可编辑|word|版|必备|收藏)\W*){3,}$",
        24,
    ),
    # A poster's name and the time of the post: "匿名用户 2019-05-06", "晨风 2021-03-08 09:15".
    _rule(
        "meta-line",
        r"^\W*(\S{0,12}(用户|网友|楼主)|匿名)\s*\d{4}-\d{1,2}-\d{1,2}(\s+\d{1,2}:\d{2}(:\d{2})?)?\W*$|"
        r"^\W*[\w·]{2,12}\s+\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}(:\d{2})?\W*$",
        40,
    ),
    # A photo's caption and credit ("（图为演出现场。记者 林琳 摄）"), a dateline with its
    # weekday ("2022年05月08日 星期日"), a forum's notices and editor toolbar.
    _rule(
        "meta-line",
        r"^\W*图为[^。！？]{0,40}[。]?\s*((记者|通讯员)\s*)?\S{0,8}\s*摄\W*$|^\W*[(（]\s*(记者|通讯员)?\s*\S{2,8}\s*摄\s*[)）]\W*$|"
        r"^\W*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(星期|周|礼拜)[一二三四五六日天]\W*$|"
        r"本帖(子)?中包含更多资源|(必须|需要)(登录|登入|登陆|注册)(后)?才能(回复|回覆|发帖|下载|查看)|"
        r"^\W*(回到顶端|回到顶部|返回顶端)\W*$|^\s*(b|i|u|color|image|link|quote|code|smilies|table|url|email)"
        r"(\s+(b|i|u|color|image|link|quote|code|smilies|table|url|email|size|font)){3,}\s*$",
        60,
    ),
    # A portal's footer: "主办：某某市教育局", "技术支持：…", "网站标识码：…".
    _rule(
        "copyright",
        r"^\W*(主办|承办|协办|技术支持|网站标识码|政府网站标识码|网站识别码|主办单位|承办单位)\s*[:：]",
        120,
    ),
    # Hosting credits and a CMS's timing footer.
    _rule(
        "copyright",
        r"由.{1,12}提供(计算|云计算|cdn|加速|安全|云)(与安全)?服务|processed in [\d.]+ ?s|"
        r"\d+ queries|gzip (on|off)",
        120,
    ),
    _rule(
        "doclib-chrome",
        r"(本文档|全文|文档|本文)共\s*\d+\s*页|贡献者|^\W*(文档|资料)(分类|类别|标签)",
        100,
    ),
    _rule(
        "meta-line",
        r"^\W*\d{4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}(\s*\d{1,2}:\d{2}(:\d{2})?)?\W*$",
        30,
    ),
    _rule(
        "doclib-chrome",
        r"^\W*(精品|优质|优秀|专业|实用|标准)(办公)?(文档|资料|范文)(整理)?|^\W*(完美)?\s*(word|doc)\s*(格式|版)\W*$|页眉页脚|可编辑(修改|版)|欢迎下载|word(可编辑|版本)|"
        r"(金币|下载券|财富值|积分)\s*[:：]?\s*\d|^\W*\d+\s*/\s*\d+\W*$|^\W*-\s*\d+\s*-\W*$|"
        r"相关文档|推荐文档|热门文档|最新文档|文档推荐|内容提供方|文档星级",
        24,
    ),
    # The heading of a document's own record: "关于本文", "当前资源信息", "文档属性".
    _rule(
        "doclib-chrome",
        r"^\W*关于本(文|文档|资源)\W*$|^\W*当前(资源|文档|文件)(信息|属性|详情)\W*$|"
        r"^\W*本?资源(信息|属性|详情)\W*$|^\W*本?文档(信息|属性|详情)\W*$",
        12,
    ),
    # A page template's own markers left in the text: "〖文章页尾〗", "[正文开始]".
    _rule(
        "meta-line",
        r"^\W*[〖【\[［](文章|页面|网页)?(页[首尾眉脚]|正文|内容)(开始|结束|区)?[〗】\]］]\W*$",
        12,
    ),
    # The essay's teacher as a credit line: "指导老师：王老师" (a name-short value).
    _rule("meta-line", r"^\W*(指导|辅导)(老师|教师)\s*:?\s*\S{1,8}\W*$", 16),
    # A pupil's byline: school, grade or class, and the name ("五年级 王小雨",
    # "某某市某中学 八（3）班 陈思远", "（二年级 李想）").
    _rule(
        "meta-line",
        r"^\W*(\S{0,16}(省|市|区|县)\S{0,12}\s*)?(\S{0,12}(小学|中学|学校|一中|二中|附小|附中)\s*)?"
        r"\S{0,6}([一二三四五六七八九]年级|[(（]\s*\d{1,2}\s*[)）]\s*班|\d{1,2}\s*班|初[一二三]|高[一二三])\S{0,6}"
        r"\s+[\u4e00-\u9fff]{2,4}\W*$",
        40,
    ),
    _rule(
        "meta-line",
        r"^\W*((记者|通讯员|见习记者|特约记者|编辑|责编|审核|校对|摄影)\s*[:：/|]?|(文|图)\s*[:：/|])\s*[\u4e00-\u9fff]{2,4}"
        r"([(（][^)）]{1,12}[)）])?"  # "文：陈晓晴（中学教师）"
        r"([、，,]\s*[\u4e00-\u9fff]{2,4})*"  # "（责编：李四、王五）"
        r"(\s+(记者|通讯员|编辑|责编|审核|校对|摄影)\s*[:：/|]?\s*[\u4e00-\u9fff]{2,4})*\W*$|"
        r"^\W*(文字|撰文|图片|配图|插图|排版|美编|编辑|责编|校对|审核|摄影|策划|监制|统筹|主编|来源|作者|出品)"
        r"\s*[|｜丨/]\s*[^|｜丨/。，！？]{1,16}$|"
        r"posted\s*@|推荐于\s*\d{4}|本回答(由|被)|评价是\s*[?？]|获赞|采纳率|"
        r"^\W*(追问|追答|满意回答|最佳答案|热心网友|匿名用户|已赞过|已踩过|只看楼主|引用|回复|举报|在看|转发|已采纳|采纳)\W*$|"
        r"^\W*\d[\d,]*\s*(个|条)(回答|答案|回复)\W*$|参与人数\s*\d|[\d,.]+\s*[万wk]?\s*人赞同了?(该|这个)?回答|"
        r"^\W*#?\d+\s*(楼|#)\W*$|(欢迎|请)(转发|点赞|分享)|点个(赞|在看)|^\W*点(赞|在看)\W*$|点(赞|在看)(支持|鼓励|一下|再走|关注|收藏|转发|吧)|(记得|欢迎|麻烦|求|就)点(个)?(赞|在看)|^[▼▲↓↑→←☞\s]+$",
        40,
    ),
    _rule("summary-line", r"^\W*【\s*#[^#】]{1,16}#\s*(导语|简介|摘要|导读)\s*】", 400),
    _rule(
        "promo",
        r"更多.{0,20}(>>|»|>)\s*$|(觉得|感觉)[^，,。]{0,6}(有用|不错|好)[^，,。]{0,6}(收藏|分享|点赞|转发)|人(已读|已阅|觉得有用)|已影响\s*[\d,.]+\s*[万w]?\s*人|快来(评论|留言|点赞|分享|投票)吧|"
        r"(网友|会员|用户)投稿|投稿邮箱|什么也没(有)?留下|这家伙很懒|共\s*\d+\s*条(评论|回复)|"
        r"^\W*(我要评论|参与评论|评论区|查看评论|发表评论)|下载此文档|可(以)?(任意)?编辑|"
        r"(内容|文档|本文)可(以)?(自由|任意)?(复制|编辑|修改)",
        60,
    ),
    _rule(
        "promo",
        r"记住本站|本站地址|记住.{0,6}网址|一秒记住|马上注册|立即注册|没有(帐|账)号|快速登录|"
        r"登录后(可|即可|才能|方可)|"
        r"登录.{0,6}才(可以|能)|点击下一页|下一页继续|(网友|提问者)采纳|其他\s*\d*\s*条?回答|使用道具",
        60,
    ),
    _rule(
        "doclib-chrome",
        r"(文档|版权)(侵权|申诉)|^\W*(认领|申诉|侵权举报)\W*$|(文本|内容|文档)预览|(收益|收入)(\([^)]{0,20}\))?归(上传|原创|作者|用户|贡献)|归上传人|^\W*(认领|申诉|举报|收藏|分享|下载|打印)(此|该|本)?文档\W*$|配套讲稿|word图标|"
        r"(实际|下载后的?)(排版|显示|阅读|打印)?效果.{0,16}(不同|不一致|差异|为准)|以下载(的|后的)?(文档|文件)?为准|"
        r"禁止商用|特殊限制|(office|wps|word|adobe|pdf|阅读器|软件)\s*(软件|办公软件)?\s*(打开|查看|阅读|浏览)|^\W*(资源|文档|内容)(描述|简介|说明)\s*:",
        200,
    ),
    _rule(
        "doclib-chrome",
        r"^.{0,10}文库\W{0,3}$|^\W*(免费|在线|全文)阅读|下载自|^\W*(感谢|谢谢)(您的)?(阅读|观看|浏览)\W*$|"
        r"学习必备|名师归纳|(精品|优秀|精选)学习资料|可编辑资料|个人收集整理|(请勿|勿|不得|禁止|严禁)(作|做|用于|用作)?商业(用途|使用)|资料收集于网络",
        60,
    ),
    _rule(
        "cms-error",
        r"不能为空|^\W*(数据|内容|页面|评论|图片)?(正在)?(读取|加载|载入)(内容|数据)?中|请稍(后|等|候)|页面(不存在|未找到|出错)|"
        r"^[^。！？!?，,]{0,12}输入[^。！？!?，,]{0,12}(关键[词字]|标题|题目|用户名|密码|手机号|验证码)[^。！？!?，,]*$|"
        r"^\W*暂无(评论|内容|数据|相关|简介|评价|评分|回复|留言)|加载失败|图片(加载失败|无法显示)|(内容|文章)已(被)?删除|"
        r"^\W*(warning|notice|fatal error|deprecated|parse error)\s*:|mysql(_\w+\s*\(|\s*(error|错误|query|server))|sql\s*error|"
        r"undefined (index|variable|offset|property)|^\W*(loading|please wait)\W*$|javascript\s*:|"
        r"^\W*var\s+[\w$]+\s*=|document\.(write|getelementbyid)|window\.\w+\s*=|function\s*\(\s*\)\s*\{|"
        r"\.push\(\s*\[|\{dede:|\[field:|\{\$|<\?php|\{\{.{1,40}\}\}|%[a-z_]{3,20}%|"
        r"\b(dedecms|phpcms|discuz|empirecms|wordpress|thinkphp|mysql|php|sql|database)\b[^\u4e00-\u9fff]{0,20}\b(error|warning)\b",
        80,
    ),
    # A PHP error printed into the page, as long as its path makes it: "Warning: … in
    # /www/…/list.php on line 42".
    _rule(
        "cms-error",
        r"^\W*(warning|notice|fatal error|deprecated|parse error)\s*:.{0,300}\.(php|html?|tpl)\b|"
        r"\.(php|html?|tpl)\s+on\s+line\s+\d+|^\W*var\s+[\w$]+\s*=.{0,300}(function\s*\(|document\.|window\.)",
        400,
    ),
    _rule(
        "doclib-chrome",
        r"(大小|尺寸)\s*:\s*[\d.]+\s*[kmg]b|^\W*上传(人|者|用户|于)|(kb|mb)\b.{0,20}页|"
        r"(用户|会员|网友|作者)(自行)?(上传|分享|发布).{0,20}(版权|仅供|不代表|责任)|(不代表|不拥有).{0,12}(观点|立场|所有权)|"
        r"如(若|有|发现)?(侵权|侵犯).{0,20}(联系|删除|举报)|如果.{0,12}(侵权|侵犯).{0,20}(联系|删除|举报|邮件|邮箱)|请联系.{0,12}删除|(预览|试读)(已)?(结束|完毕)|"
        r"剩余\s*\d+\s*页|继续阅读|[(（]\s*(仅|只)(展示|显示|预览|提供)(了)?(文字|部分|前\s*\d+\s*页)|免费(预览|试读)|试读\s*\d+\s*页|(开通|升级|购买)(vip|会员)|成为vip|vip(专享|会员|免费)|"
        r"^\W*(立即|马上|现在)(开通|升级|购买|充值)\W*$|"
        r"扫码(下载|关注|阅读|查看)|加入购物车|打开\S{1,8}app|¥\s*\d+(\.\d+)?\s*(元)?\s*(立即|马上)?(购买|下载)|下载(app|客户端)|(打开|下载)\s*app|app内(打开|阅读|查看)",
        200,
    ),
    # Reader widgets: "was this useful" votes, tips, ratings, end marks, players, login boxes.
    _rule(
        "promo",
        r"(对你|对您)有(帮助|用)吗|^\W*(有用|没用|有帮助|没帮助|无用|喜欢|不喜欢|顶|踩|支持|反对)\W*\d*\W*(没用|无用|没帮助|不喜欢|踩|反对)?\W*\d*\W*$|"
        r"^\W*(打赏|赞赏)(作者|一下|支持)?\W*$|[★☆]{3,}|查看(原图|大图)|点击(图片)?(放大|查看大图)|"
        r"点击(收听|播放|试听|播报|朗读)|^\W*[大中小]字号\W*$|(字体|字号)(大小)?\s*[:：]?\s*[【\[]?[大中小][】\]]?(\s*[【\[]?[大中小][】\]]?){1,2}\W*$|^\W*\d{1,2}:\d{2}\s*/\s*\d{1,2}:\d{2}\W*$|"
        r"限时(特惠|优惠|折扣|福利|抢购)|首月(仅|只)?(需|要)?\s*¥?\s*\d+(\.\d+)?\s*(元|块|折)|优惠券|领取(优惠|福利|红包|礼包)",
        40,
    ),
    _rule(
        "meta-line",
        rf"^\W*(end|the\s*end|全文完|本文完)\W*$|^\W*[(（【\[]\s*完\s*[)）】\]]\W*$|^\W*{_LOGIN}(\W+{_LOGIN})*\W*$|"
        r"^\W*\d+\s*(秒|分钟|小时|天|周|个月)前\s*([·•|]|$)|"
        r"\d+(\.\d+)?\s*[万wk]?\s*人(已)?(收藏|点赞|喜欢|阅读|浏览|关注|看过|读过)\W*$|"
        # "86 人赞同了该回答", "1.2万人觉得有用": a count of readers opening the line.
        r"^\W*\d+(\.\d+)?\s*[万wk]?\s*(人|位)\s*(已)?(赞同|赞|收藏|点赞|喜欢|阅读|浏览|关注|看过|读过|参与|"
        r"转发|推荐|觉得)|"
        # "阅 1852 转 36", "赞 12 踩 3": one-character counter labels, two or more in a row.
        # After a date or a short name too: "2019-05-12 某某的图书馆 阅 2315 转 47".
        r"^\W*(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s*)?([阅读转赞踩评藏顶看]\s*\d+\s*){2,}\W*$|"
        r"(?<=\s)[阅读转赞踩评藏顶看]\s*\d+\s*([阅读转赞踩评藏顶看]\s*\d+\s*)+\W*$|"
        # A zero count left alone on its line ("(0)" under 喜欢): no list item is numbered 0.
        r"^\W*[(（]\s*0\s*[)）]\W*$|"
        # "粉丝 12 关注 3": an author card's counters.
        r"^\W*((粉丝|关注|获赞|文章|作品|访问|积分|等级|收藏|评论|阅读|浏览|回复|点赞|转发|下载|原创|排名)"
        r"\s*\d+(\.\d+)?\s*[万wk]?\s*){2,}\W*$|"
        # One such count alone, digits grouped or not: "字数 1,203", "阅读 3,456".
        r"^\W*(字数|阅读|阅读量|浏览|浏览量|点击|点击量|评论|点赞|喜欢|收藏|粉丝|获赞|转发)\s*"
        r"\d{1,3}(,\d{3})+\W*$|^\W*字数\s*\d+\W*$|"
        # An author's totals: "共写了3.5W字", "获得56个赞", "20个粉丝".
        r"写了\s*[\d.]+\s*[万wk]?\s*字|获得\s*[\d.]+\s*[万wk]?\s*个?(赞|喜欢)|"
        r"^\W*(还没有人|暂无人|目前没有人)(赞赏|打赏|点赞|评论)|"
        r"^\W*(默认|按[\w]{1,4})排序\W*$",
        40,
    ),
    # A forum post's header, a label and a space before each value ("作者 某某 (昵称)", "看板
    # Essay", "时间 Sun Mar  5 12:00:00 2023"), and its readers' one-line replies ("推 某某: 好文
    # 03/05 12:10", "→ …", "嘘 …").
    _rule(
        "meta-line",
        r"^(作者|看板|时间)\s+[\w.@-]{1,24}(\s*[(（][^)）]{1,16}[)）])?$|"
        r"^时间\s+[a-z]{3}\s+[a-z]{3}\s+\d{1,2}\s+\d{1,2}:\d{2}(:\d{2})?\s+\d{4}$",
        60,
        edge_only=True,
    ),
    _rule(
        "comments",
        r"^(推|嘘|→)\s*[\w.-]{1,20}\s*:.{0,80}\d{1,2}/\d{1,2}(\s+\d{1,2}:\d{2})?$",
        120,
    ),
    # A publishing platform's disclaimer under an article.
    _rule(
        "copyright",
        r"(观点|内容)仅代表(作者|其)(本人|个人)|仅提供信息存储(空间)?服务|(系|是)信息发布平台",
        200,
    ),
    _rule(
        "meta-line",
        r"(全文|本文)约?\s*\d+\s*字.{0,10}(阅读|分钟)|预计阅读|阅读(需要|约需|时长|时间)\s*:?\s*(约|大约)?\s*\d+\s*分钟|"
        r"本文最后(更新|修改|编辑)于|^\W*请(输入|填写|选择)(要|你要|您要)?(搜索|查询|查找)?的?"
        r"(关键|内容|用户名|密码|验证码|手机|邮箱|昵称|账号|帐号|问题)",
        80,
    ),
    _rule(
        "copyright",
        r"增值电信|(提供)?技术支持\s*[:：]|由.{1,20}提供技术支持|(网络文化|出版物|信息服务)(经营)?许可证|b2-\d{6,}|公网安备|powered\s*by|不良信息举报|"
        r"举报(电话|邮箱|中心)",
        120,
    ),
)

# Paywall and preview cut-offs: removed, and the essay flagged `truncated`.
_ALTERNATIVES = [
    (pattern, number) for number, rule in enumerate(LINE_RULES) for pattern in rule.patterns
]
_LONGEST_RULE = max(rule.max_len for rule in LINE_RULES)
# Line-length buckets: a rule's alternatives scan the lines up to the smallest bucket that
# holds its max_len.
_BUCKETS = (40, 120, 400, 1_000_000)


def _bucket(max_len: int) -> int:
    return next(limit for limit in _BUCKETS if max_len <= limit)


_Led = tuple[tuple[str, re.Pattern[str], int], ...]
_META = set("\\[](){}.*+?|^$")


def is_literal(alternative: str) -> bool:
    """Whether a pattern alternative is plain text (no regular-expression syntax)."""
    return not _META & set(alternative)


def word_automaton(words: Iterable[str]) -> ahocorasick.Automaton:
    """An Aho-Corasick automaton finding each of `words` (its value: the word)."""
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


def _literal_head(alternative: str) -> str:
    """The literal text every match of the alternative starts with ("" when none)."""
    head: list[str] = []
    for char in alternative:
        if char in _META:
            if char in "?*{" and head:
                head.pop()  # the last character was optional or repeated
            break
        head.append(char)
    return "".join(head)


def _by_length() -> tuple[tuple[int, _Led], ...]:
    groups = []
    for limit in _BUCKETS:
        led = tuple(
            (_literal_head(alt), re.compile(within_line(alt), re.MULTILINE), n)
            for alt, n in _ALTERNATIVES
            if _bucket(LINE_RULES[n].max_len) == limit and not alt.startswith("^")
        )
        if led:
            groups.append((limit, led))
    return tuple(groups)


def _anchored() -> tuple[dict[str, _Anchored], dict[str, _Anchored], _Anchored]:
    """Anchored alternatives indexed by the character they must start with: at the line's
    start, or after its leading non-word characters (`^\\W*…`); the rest in a list."""
    at_start: dict[str, list[tuple[re.Pattern[str], int]]] = {}
    after: dict[str, list[tuple[re.Pattern[str], int]]] = {}
    anywhere: list[tuple[re.Pattern[str], int]] = []
    for alt, number in _ALTERNATIVES:
        if not alt.startswith("^"):
            continue
        compiled = (re.compile(alt), number)
        head = _literal_head(alt[4:]) if alt.startswith("^\\W*") else ""
        if head and not _LEADING_NON_WORD.match(head[0]).end():  # type: ignore[union-attr]
            after.setdefault(head[0], []).append(compiled)
        elif not alt.startswith("^\\W*") and (head := _literal_head(alt[1:])):
            at_start.setdefault(head[0], []).append(compiled)
        else:
            anywhere.append(compiled)
    return (
        {c: tuple(v) for c, v in at_start.items()},
        {c: tuple(v) for c, v in after.items()},
        tuple(anywhere),
    )


_BY_LENGTH = _by_length()


_SCANNED = max(limit for limit, _ in _BY_LENGTH)  # the longest line any led alternative scans
_HEADS = word_automaton(head for _, led in _BY_LENGTH for head, _, _ in led if head)
_Anchored = tuple[tuple[re.Pattern[str], int], ...]
_LEADING_NON_WORD = re.compile(r"\W*")
_AT_START, _AFTER_NON_WORD, _ANY_START = _anchored()


def _combined(alternatives: _Anchored) -> tuple[_Anchored, re.Pattern[str]]:
    return alternatives, re.compile("|".join(f"(?:{p.pattern})" for p, _ in alternatives) or "(?!)")


# By line-length bucket: the anchored alternatives without a first character to index them
# whose rules look at lines longer than the bucket below (a prose line skips most of them).
_ANCHORED_ANY = tuple(
    _combined(tuple((p, n) for p, n in _ANY_START if LINE_RULES[n].max_len > lower))
    for lower in (0, *_BUCKETS[:-1])
)

_TRUNCATION_MARKERS = (
    r"(此处隐藏\s*[:：]?\s*\d+\s*个?字|(全部|完整)(文档)?内容请下载后(查看|阅读)|喜欢就下载吧|(完整|全部|全文)(版|内容)?(请|需)(先)?(登录|登陆|注册|下载)(后)?(查看|阅读)|本文(内容)?(为)?节选|省略\s*\d+\s*字|(正式|vip)?会员可(完整|免费)?(阅读|查看|下载)|"
    r"(?<![尚还并均仍都否是从永])未完(?![成结善工整全毕了])\s*,?\s*(全文共\s*\d+\s*字)?|全文共\s*\d+\s*字\s*,?\s*当前仅显示\s*\d+\s*字|"
    r"因篇幅(问题|原因|有限)?不能全部显示|点此查看更多更全内容|(查看|阅读)(余下|剩余|完整)?全文(?![档件])|"
    r"余下全文|完整版请下载|内容已隐藏|试读结束)"
)


class AnyOf:
    """Search for any of a pattern's top-level alternatives, each compiled on its own so that
    one led by a literal is found at C speed."""

    def __init__(self, pattern: str) -> None:
        alternatives = [
            alt for part in top_level_alternatives(pattern) for alt in _expand_prefix(part)
        ]
        # A literal head without letters (case-folding aside) lets `in` rule an alternative out;
        # one led by an optional group ("(正式|vip)?会员可…") by the literal it needs after it.
        self.patterns = tuple(
            (_letterless_head(alt) or _required_literal(alt), re.compile(alt, re.IGNORECASE))
            for alt in alternatives
        )

    def search(self, text: str) -> bool:
        return any(head in text and pattern.search(text) for head, pattern in self.patterns)


def _letterless_head(alternative: str) -> str:
    head = _literal_head(alternative)
    return "" if re.search("[a-zA-Z]", head) else head


_GROUP = re.compile(r"\([^()]*\)[?*+]?|\[[^\]]*\][?*+]?")
_LITERAL_RUN = re.compile(r"[^\W\da-zA-Z_]{2,}")


def _required_literal(alternative: str) -> str:
    """The longest run of (letterless) literal characters a top-level alternative cannot match
    without, or "": groups and classes are left out, and so is a run whose last character is
    quantified."""
    rest, before = alternative, ""
    while rest != before:
        rest, before = _GROUP.sub("\0", rest), rest
    runs = [
        match.group()
        for match in _LITERAL_RUN.finditer(rest)
        if rest[match.end() : match.end() + 1] not in ("?", "*", "{")
        and rest[max(match.start() - 1, 0) : match.start()] != "\\"
    ]
    return max(runs, key=len, default="")


# Searched first, to decide whether the slower TRUNCATION_SPAN needs to run at all.
TRUNCATION = AnyOf(_TRUNCATION_MARKERS[1:-1])
# What is cut out: the marker with the ellipses and the rest of its clause around it (the
# ellipses' quantifiers possessive: a long run of dots made them backtrack without end).
# The same marker dropped into a paragraph, cut out of it: only a marker set apart from the
# prose around it (by an ellipsis, a bracket, ">>", a clause's edge, a line's end), so that
# "你先阅读全文，再回答" and "阅读全文的那一刻" keep their words.
_CJK_CHAR = "[\u3400-\u9fff]"
INLINE_TRUNCATION = re.compile(
    within_line(
        rf"(?:…|\.\.++)*+\s*[（(【\[]?\s*(?:(?<!{_CJK_CHAR})|(?<![^\n。！？，,；;\s…])点击)"
        rf"{_TRUNCATION_MARKERS}(?:\s*[,，]?\s*(?:全文共|当前仅显示)\s*\d+\s*字)*+(?:\s*待续)?"
        rf"(?:(?:\s*[>»]+|…|\.\.++)++\s*[)）】\]]?|\s*[)）】\]]|(?!{_CJK_CHAR}))"
    ),
    re.IGNORECASE,
)
TRUNCATION_SPAN = re.compile(
    within_line(
        rf"(?:…|\.\.++)*+\s*{_TRUNCATION_MARKERS}(?:(?:…|\.\.++)++|[^。！？…]{{0,30}}(?:…|\.\.++)*+)"
    ),
    re.IGNORECASE,
)

RELATED_HEADING = re.compile(
    r"^\W*(小编精心推荐|小编推荐|编辑推荐|精心推荐|推荐阅读|相关推荐|相关文章|相关阅读|相关范文|热门范文|"
    r"热门文章|热门推荐|猜你喜欢|您可能感兴趣的文章|你可能感兴趣的文章|延伸阅读|精彩推荐|更多推荐|最新文章|"
    r"推荐范文|相关专题|大家都在看|大家还在看|热门搜索|本类排行|排行榜|最新更新|精品推荐|推荐文章|相关链接|"
    r"友情链接|本站推荐|为你推荐|为您推荐|更多精彩|更多相关|相关内容|相关搜索|相关资料|相关下载|相关新闻|"
    r"相关报道|热点新闻|推荐新闻|最新资讯|热门资讯|今日推荐|相关文档|推荐文档|热门文档)\W*$"
)

# The heading of a list of other articles in words no list above has: a short line made of
# nothing but a word that recommends (相关, 推荐, 猜你, 还喜欢, 类似 …), one that names what is
# listed (文章, 文档, 范文, 本文 …) and small words: "相关文档推荐", "喜欢这篇文章的人还喜欢",
# "看过本文的还看了". A title has words of its own ("推荐信范文" keeps 信, "最新入党申请书").
_RECOMMENDS = r"相关|推荐|关注|同题|同主题|热门|猜你|喜欢|还看|在看|感兴趣|延伸|更多|最新|精选|精彩|排行|类似|同类|相似|热搜|热点|热读|其他|其它|扩展|拓展|还阅读|还读|也看|同栏目|栏目推荐"
_LISTED = (
    r"文章|范文|文档|资源|问题|阅读|内容|资料|作文|专题|新闻|资讯|搜索|下载|话题|标签|帖子|回答|本文|"
    r"这篇|此文|该文|主题|公文|通知|合同|诗歌|诗词|日记|散文|美文|心得体会|心得|演讲稿|总结|范本|句子|名言"
)
_SMALL = r"的|人|们|对|下面|下列|如下|这些|还|也|了|看|过|您|你|我|他|她|大家|都|可能|会|为|给|这|篇|本|此|该|和|与|读|站|内|更|多|小编|用户|作者|以下|点击|查看|本站|在|优秀"
_RELATED_SHAPE = re.compile(
    rf"(?=.*(?:{_RECOMMENDS}))(?=.*(?:{_LISTED}))(?:{_RECOMMENDS}|{_LISTED}|{_SMALL})+"
)
# A very short one may name no listed thing: "本周排行", "最近更新", "大家正在看", "网友关注".
_LATELY = r"点击|阅读|浏览|人气|本月|本周|今日|今天|近期|最近|随机|网友|大家|正在|都在|发布|更新|关注|排行|榜"
# What every heading needs: a word that recommends or points at more.
_POINTS = rf"{_RECOMMENDS}|更新|发布|关注|在看|在读"
_SHORT_RELATED_SHAPE = re.compile(
    rf"(?=.*(?:{_POINTS}))"
    rf"(?:{_RECOMMENDS}|{_LATELY}|的|看|在|读|了|您|你|也|还|可能|都|人|本站){{2,}}"
)
_MAX_SHORT_RELATED = 6
# "更多工作总结范文", "相关心得体会文章": more of a topic, ending in what is listed.
_MORE_OF_TOPIC = re.compile(
    rf"(?:点击)?(?:查看)?(?:更多|相关)\w{{0,8}}(?:{_LISTED}|推荐)|\w{{0,8}}(?:{_LISTED})(?:推荐|精选)"
)
_MAX_RELATED_HEADING = 16
_MAX_RELATED_LINE = 40  # the literal headings above included
_NON_WORD = re.compile(r"\W")
_MAY_RELATE = re.compile(_POINTS)


@lru_cache(maxsize=512)  # a page's and its site's recurring lines; not a benchmark's rounds
def is_related_heading(key: str) -> bool:
    """Whether a line (NFKC key) heads a list of other articles."""
    if len(key) > _MAX_RELATED_LINE:
        return False
    if RELATED_HEADING.match(key):
        return True
    if not _MAY_RELATE.search(key):
        return False  # no word that recommends or points at more: most lines stop here
    core = _NON_WORD.sub("", key)
    if len(core) <= _MAX_SHORT_RELATED and _SHORT_RELATED_SHAPE.fullmatch(core):
        return True
    if _MORE_OF_TOPIC.fullmatch(core):
        return True
    return len(core) <= _MAX_RELATED_HEADING and _RELATED_SHAPE.fullmatch(core) is not None
