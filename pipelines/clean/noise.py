"""Noise inside sentences: removed from a line while the line itself is kept.

Zero-width characters, emoji, stray backticks, HTML tag debris, literal "x0dx0a" escapes,
Discuz edit stamps, the site's own name injected into the prose, pinyin annotations such as
學(xué), and paywall markers (which also flag the essay `truncated`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from pipelines.clean.rules import (
    INLINE_TRUNCATION,
    TRUNCATION,
    top_level_alternatives,
    within_line,
)
from pipelines.clean.textnorm import CJK

_INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\ufe0f\u20e3]")
_EMOJI = re.compile("[\U0001f000-\U0001faff\U0001fc00-\U0001ffff]")
# Each alternative starts with a literal character, which keeps the search fast (the patterns
# are compiled without IGNORECASE, which would disable that; tag names use inline (?i:)).
_DEBRIS = re.compile(
    r"`+|</?(?i:p|br|div|span|strong|font|td|tr|b|i|em|u|h[1-6]|li|ul|ol|center)\b[^<>]{0,40}/?>|"
    r"&lt;/?(?i:p|br|div|span)\s*/?&gt;|/(?<![A-Za-z<]/)(?i:p|div|span|td|tr|strong|font)>|&nbsp;?|_x000[dD]_|x0d(?:x0a)?|x0a(?![a-z])"
)
# A site's name just before an address dropped into a sentence ("…小荷作文网 www.zww.cn…",
# "…作文吧www.….com…"), the name sometimes spaced out to defeat filters; looked for only
# where an address is.
# An invitation may lead them ("更多精彩内容请关注：www.….com", "欢迎访问某某网 www.….com").
_SITE_ENDS = "网|網|站|文库|文庫|吧|之家|大全"  # how a site's name ends
_SITE_NAME_BEFORE = (
    rf"[{CJK}](?:(?:[^\S\n]|[·・])?[{CJK}]){{1,9}}(?:[^\S\n]|[·・])?(?:{_SITE_ENDS}|啦)"
    r"[^\S\n]*[-–]?[^\S\n]*"
)
_NAME_BEFORE = re.compile(
    r"(?:(?:更多|精彩)[^\s，。！？\n]{0,8}(?:请|敬请|尽在|欢迎)[^\s，。！？\n]{0,4}|"
    r"欢迎(?:访问|光临|关注)|请(?:访问|关注|登录|收藏)|(?:本文|文章)?(?:来源|来自|出处|地址|链接))"
    rf"[^\S\n]*[:：]?[^\S\n]*(?:{_SITE_NAME_BEFORE})?\Z|{_SITE_NAME_BEFORE}\Z"
)  # never across a newline: the name stands on the address's own line
_NAME_WINDOW = 40
# Hosts of governments, schools and organisations: an essay cites them.
_OFFICIAL_HOST = re.compile(
    r"\.(?:gov|edu|org|ac|mil)(?:\.[a-z]{2})?(?![a-z0-9-])|(?:^|[/.])(?:gov|edu)\."
)
# A sentence sending the reader to an address in its own words, right before it.
_CITING_VERB = re.compile(
    r"(登录|登陆|访问|浏览|打开|进入|网址|官网|网站|邮箱|地址)[^\S\n]*[:：（(]?[^\S\n]*\Z"
)
_CITE_WINDOW = 8
_NAMED_SITE_END = re.compile(rf"(?:{_SITE_ENDS})\s*$")
# Hosts of essay and document sites: an address of one is their injection, whatever leads it.
_ESSAY_HOST = re.compile(
    r"fanwen|zuowen|wenku|wenmi|lunwen|jiaoan|yuwen|zww|doc|word|wendang|ziliao|gongwen|xinde|"
    r"zongjie|yanjiang|shenqing|juzi|mingyan|shici|sanwen|duhougan|banzhuren"
)
# Forum anti-scrape jammers: runs of short random ASCII tokens between Chinese characters,
# two of them at least carrying a symbol ("…很美。3 ^5 J: N' b我们…").
_JAMMER = re.compile(
    rf"(?:(?<=[{CJK}，。！？、；：])|(?<=\n)|^)[ \t]*(?:[!-~]{{1,4}}[ \t]+){{2,}}[!-~]{{1,4}}[ \t]*"
    rf"(?=[{CJK}]|\n|$)"
)
# Tokens of an exam or a sum, no jammer's: numbers ("-3", "1/3", "3.5"), an option's or an
# item's label ("A.", "(1)"), units and operators.
_PLAIN_TOKEN = re.compile(
    r"[-+−]?\d+(?:[./:]\d+)*%?|[A-Ha-h][.．、)]|[(（]\d{1,2}[)）]|\d{1,2}[.、)]|[=+\-×÷<>≈]"
)
_MAY_JAM = re.compile(r"[!-~]{1,4}[ \t]+[!-~]{1,4}[ \t]+[!-~]")
# A jammer's token mixes a letter or digit with a symbol ("v(", "J,", "r%"): "3 + 5 = 8" has none.
_JAMMER_TOKEN = re.compile(r"[0-9A-Za-z][!-/:-@\[-`{-~]|[!-/:-@\[-`{-~][0-9A-Za-z]")
# The stamps a document converter or 文库 prints on every page ("名师归纳总结 - - - - -",
# "精品学习资料 欢迎下载", "优质办公资料汇编"), often glued to the text of the page they stamp.
_DOC_STAMP = re.compile(
    r"名师归纳总结|精品学习资料|优秀学习资料|精选学习资料|学习必备|可编辑资料|"
    r"个人收集整理\s*勿做商业用途|(?:精品|优质|优秀|精选)(?:办公|学习|教育|实用)?(?:范文|文档|资料)(?:集锦|汇编|合集)|-[^\S\n]-[^\S\n]-[^\S\n]-(?:[^\S\n]-)*[^\S\n]?"
)
# A page counter left inside the text of a converted document ("… 第1页共4页").
_PAGE_COUNTER = re.compile(r"第\s*\d+\s*页\s*[/,，]?\s*共\s*\d+\s*页")
_DISCUZ = re.compile(r"本帖最后由\s*\S{1,30}\s*于\s*[\d\-/: ]{8,20}\s*编辑")
# A pinyin syllable with a tone mark, in brackets right after a Chinese character.
_PINYIN = re.compile(
    within_line(rf"(?<=[{CJK}])\s*[（(]\s*[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\s*[)）]"),
    re.IGNORECASE,
)
# A web address dropped into a sentence ("…学习qingningfanwen.com规定…").
_TLDS = "com|cn|net|org|cc|top|tw|hk|vip|xyz|info|site|club|wang"
_TLD = re.compile(rf"\.(?:{_TLDS})(?![a-z0-9])", re.IGNORECASE)
_URL = re.compile(
    rf"(?:https?://)?(?:www\.)?[a-z0-9-]{{3,}}(?:\.[a-z0-9-]+)*\.(?:{_TLDS})(?![a-z0-9])"
    r"(?:/[\w./?=&%-]*)?",
    re.IGNORECASE,
)
# Each top-level alternative is its own pattern: one that starts with a literal is searched
# at C speed, while a single alternation of them is tried character by character.
_NOISE = tuple(
    re.compile(within_line(alternative))
    for pattern in (_INVISIBLE, _EMOJI, _DEBRIS, _DISCUZ, _PAGE_COUNTER, _DOC_STAMP)
    for alternative in top_level_alternatives(pattern.pattern)
)
# A notice spelled out one character at a time between slashes, to pass a filter
# ("文/章/来/源/于/某/某/网"); removed when its words, joined, are a notice's.
_SPELLED_OUT = re.compile(rf"(?:[{CJK}][/|｜]){{5,}}[{CJK}]")
_NOTICE_WORDS = re.compile(r"网|網|来源|來源|转载|轉載|本文|原创|原創|本站")
_TONE_MARK = re.compile("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]", re.IGNORECASE)
SITE_NAME = re.compile(
    rf"[{CJK}A-Za-z0-9]{{1,8}}(?:范文网|文库|作文网|文秘网|范文大全|资料网|学习网|网)"
)
_TITLE_SEGMENTS = re.compile(r"[_|｜—–\-]+|\s[-–—]\s")
_SLOGAN_NAME = re.compile(
    rf"([{CJK}]{{2,8}}(?:范文网|文库|作文网|文秘网|资料网|学习网))\W{{0,2}}欢迎"
)
# A site-name-like string needs this many characters before it is removed from prose.
_MIN_SITE_NAME = 4


_WORD = re.compile(r"\w")
# Where a name or an address was cut out of a line, until brackets it emptied are removed.
_CUT = "\0"
# Brackets holding nothing but the cut, or the cut and the words that credited it ("（来源：
# \0）", "【\0整理】", "（本文来自\0）").
_CREDIT = (
    r"(?:本文|文章)?(?:来源|来自|出处|转自|摘自|选自)[:：]?|收集|整理|发布|编辑|提供|原创|[:：]"
)
_EMPTIED = re.compile(
    rf"[（(【\[［](?:[^\S\n]|\0|{_CREDIT})*\0(?:[^\S\n]|\0|{_CREDIT})*[)）】\]］]"
)
# The credit a cut name leaves at a sentence's start ("。\0整理他的…" → "。他的…").
_LEFT_CREDIT = re.compile(r"(?:(?<=[。！？；\n])|^)\0(?:收集)?整理(?:发布)?[，,]?", re.MULTILINE)


def site_names(titles: Iterable[str | None], lines: Iterable[str] = ()) -> tuple[str, ...]:
    """The site's own name, from the profile's name and the segments of the <title>
    ("标题_心得体会_青柠范文网"), or from a slogan line ("…，青柠范文网欢迎您！"), longest first.
    Prose is never searched for names: a greedy match there would swallow real words."""
    names: set[str] = set()
    for title in titles:
        for segment in _TITLE_SEGMENTS.split(title or ""):
            if SITE_NAME.fullmatch(segment.strip()):
                names.add(segment.strip())
    for line in lines:
        names.update(match.group(1) for match in _SLOGAN_NAME.finditer(line))
    return tuple(sorted((n for n in names if len(n) >= _MIN_SITE_NAME), key=len, reverse=True))


def injected(line: str) -> list[tuple[int, int]]:
    """Where a web address stands in a line, with the site's name or the invitation before it
    ("更多精彩内容请关注：www.….com"): (start, end) of each."""
    return list(_address_spans(line)) if _TLD.search(line) else []


def _address_spans(text: str) -> Iterator[tuple[int, int]]:
    """Each address the text does not cite, from the site's name or the invitation before it
    (looked for back to the address before) to its end."""
    done = 0
    for match in _URL.finditer(text):
        if _is_cited(text, match):
            continue
        start = match.start()
        name = _NAME_BEFORE.search(text, max(done, start - _NAME_WINDOW), start)
        yield (name.start() if name else start), match.end()
        done = match.end()


def _is_cited(text: str, match: re.Match[str]) -> bool:
    """An address the text itself cites, kept: an e-mail address, a government's, school's or
    organisation's site ("…网站（www.moumou.gov.cn）"), or one a sentence sends the reader to in
    its own words ("坚持登录www.xuexi.cn学习") that names no site of essays."""
    address = match.group().lower()
    if text[match.start() - 1 : match.start()] == "@":
        return True
    if _ESSAY_HOST.search(address):
        return False
    lead = text[max(match.start() - _CITE_WINDOW, 0) : match.start()]
    if _OFFICIAL_HOST.search(address) or _CITING_VERB.search(lead):
        return True
    # Alone in brackets after what it names ("…数字图书馆（https://lib.….net）"), not after a
    # site's name ("某某网（www.….com）").
    bracketed = lead[-1:] in "（(" and text[match.end() : match.end() + 1] in "）)"
    return bracketed and not _NAMED_SITE_END.search(lead[:-1])


def _drop_addresses(text: str) -> str:
    """Web addresses out of the text, each with a site's name right before it."""
    pieces: list[str] = []
    done = 0
    for start, end in _address_spans(text):
        pieces.append(text[done:start])
        done = end
    pieces.append(text[done:])
    return _CUT.join(pieces)


def without_pinyin(text: str) -> str:
    """The text without pinyin readings after its characters ("环(huán)保" → "环保")."""
    return _PINYIN.sub("", text) if _TONE_MARK.search(text) else text


def _unspelled(match: re.Match[str]) -> str:
    joined = match.group()[::2]
    return "" if _NOTICE_WORDS.search(joined) else match.group()


def _unjam(match: re.Match[str]) -> str:
    tokens = match.group().split()
    jammed = sum(bool(_JAMMER_TOKEN.search(t)) and not _PLAIN_TOKEN.fullmatch(t) for t in tokens)
    return "" if jammed >= 2 else match.group()


def strip_noise(lines: list[str], names: tuple[str, ...] = ()) -> tuple[list[str], bool]:
    """The lines without inline noise (emptied lines dropped), and whether a truncation marker
    was cut out. Each pattern runs once over the page's lines joined by newlines, none of them
    able to match across a newline, so the work stays inside the regex engine."""
    text = "\n".join(lines)
    original = text.split("\n")  # a line may hold newlines of its own
    for pattern in _NOISE:
        text = pattern.sub("", text)
    if _TONE_MARK.search(text):
        text = _PINYIN.sub("", text)
    if _TLD.search(text):  # the address pattern has no literal to skip ahead to: gate it
        text = _drop_addresses(text)
    if "/" in text or "|" in text or "｜" in text:
        text = _SPELLED_OUT.sub(_unspelled, text)
    if _MAY_JAM.search(text):
        text = _JAMMER.sub(_unjam, text)
    for name in names:
        text = text.replace(name, _CUT)
    if _CUT in text:  # brackets left empty by a cut go with it; a blank to fill in stays
        text = _LEFT_CREDIT.sub("", _EMPTIED.sub("", text)).replace(_CUT, "")
    text, cuts = INLINE_TRUNCATION.subn("", text) if TRUNCATION.search(text) else (text, 0)
    # No pattern spans two lines, so the lines still pair up; one that had words and lost
    # them all ("。" left of a marker's sentence) goes, as an emptied one does.
    return [
        line.strip()
        for line, before in zip(text.split("\n"), original, strict=True)
        if line.strip() and (_WORD.search(line) or not _WORD.search(before))
    ], cuts > 0
