"""Stage 3, clean: take site boilerplate out of the article lines.

Every rule is named; a removed line is kept with the rule's name as its reason. Rules match the
NFKC form of a line, so half-width and full-width punctuation (text dumps carry either) both hit.
Useful boilerplate (keywords, summary, breadcrumb category, tags) is lifted into fields.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from pipelines.extract import Extracted
from pipelines.model import Removed


@dataclass(frozen=True)
class Rule:
    reason: str
    pattern: re.Pattern[str]
    max_len: int = 200  # rules for short chrome lines never touch long prose paragraphs


def _rule(reason: str, pattern: str, max_len: int = 200) -> Rule:
    return Rule(reason, re.compile(pattern, re.IGNORECASE), max_len)


# Order matters: the first matching rule names the reason.
RULES: tuple[Rule, ...] = (
    _rule(
        "breadcrumb",
        r"^(当前位置|您现在的位置|你现在的位置|您的位置|你的位置|现在位置|所在位置)\s*:",
    ),
    _rule("breadcrumb", r"^(网站首页|首页|主页)\s*(>>?|»|→|/|>)", 120),
    _rule("slogan", r"欢迎(您|你|光临|访问|来到)|好好学习\W?天天向上", 60),
    _rule("keywords-line", r"本文关键[词字]\s*:"),
    _rule("summary-line", r"本文(简介|摘要)\s*:"),
    _rule("content-label", r"本文(内容|正文)\s*:\s*$"),
    _rule("tag-line", r"^(tag标签|tags?|标签)\s*:", 300),
    _rule(
        "download-notice", r"(下载|复制)(本文|此文|全文|文档|word)|word(版|文档)?下载|点击下载", 80
    ),
    _rule("copyright", r"版权(所有|归)|未经(许可|授权)|转载请(注明|保留)|copyright|©", 120),
    _rule("pager", r"^(上一页|下一页|首页|末页|尾页|\[?\d+\]?|\s|[<>«»]+)+$", 80),
    _rule("pager", r"^第\s*\d+\s*页(\s*/?\s*共\s*\d+\s*页)?$", 30),
    _rule("prev-next", r"^(上一篇|下一篇)\s*:", 120),
)
_RELATED_HEADING = re.compile(
    r"^(相关推荐|相关文章|相关范文|热门范文|热门文章|推荐阅读|猜你喜欢|最新文章|精彩推荐|延伸阅读|"
    r"相关阅读|推荐范文|热门推荐)\s*:?$"
)
_META_LABEL = re.compile(r"\s*本文(关键[词字]|简介|摘要|内容|正文)\s*:")
_LABEL_VALUE = re.compile(
    r"(?:本文关键[词字]|本文简介|本文摘要|tag标签|tags?|标签)\s*:\s*(.*)$", re.I
)
_CRUMB_LABEL = re.compile(r"^[^:>»→]{0,8}位置\s*:")
_CRUMB_SPLIT = re.compile(r"\s*(?:>>?|»|→|>|/|\\)\s*")
_CRUMB_NOISE = re.compile(r"\s*(内容页|正文内容|正文|阅读文章|文章内容|详细内容)$")
_HOME = {"首页", "网站首页", "主页", "返回首页"}
_KEYWORD_SPLIT = re.compile(r"[,，、;；\s]+")
_SENTENCE_PUNCT = re.compile(r"[。！？；!?;，,]")
_MAX_TITLE_LEN = 60
# A line that is the title plus at most this much (a year, "范文", a site suffix) repeats it.
_TITLE_REPEAT_SLACK = 8


@dataclass(frozen=True)
class Cleaned:
    url: str
    title: str
    category: str | None
    keywords: tuple[str, ...]
    summary: str | None
    published: str | None
    site: str | None
    lines: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def squash(text: str) -> str:
    """Comparison key: NFKC, no whitespace."""
    return "".join(nfkc(text).split())


def clean(extracted: Extracted) -> Cleaned:
    """Remove boilerplate lines from an extracted article and lift metadata into fields."""
    lines = extracted.lines
    title = _choose_title(extracted)
    keywords: list[str] = []
    summary: str | None = None
    category = _category(extracted.breadcrumb, title) if extracted.breadcrumb else None
    kept: list[str] = []
    removed: list[Removed] = []
    for line, reason in _classify(lines, title):
        if reason is None:
            kept.append(line)
            continue
        removed.append(Removed(line, reason))
        value = _label_value(line)
        if reason == "keywords-line" and value:
            keywords = _split_keywords(value)
        elif reason == "tag-line" and value and not keywords:
            keywords = _split_keywords(value)
        elif reason == "summary-line" and value:
            summary = value
        elif reason == "breadcrumb" and category is None:
            category = _category(line, title)
    return Cleaned(
        url=extracted.url,
        title=title,
        category=category,
        keywords=tuple(keywords),
        summary=summary,
        published=extracted.published,
        site=extracted.site,
        lines=kept,
        removed=removed,
    )


def _classify(lines: list[str], title: str) -> Iterator[tuple[str, str | None]]:
    """Yield each line with the reason it is boilerplate, or None when it is article text."""
    title_key = squash(title)
    in_related = False
    for line in lines:
        key = nfkc(line).strip()
        if in_related:
            if _is_link_like(key):
                yield line, "related-list"
                continue
            in_related = False
        if _RELATED_HEADING.match(key):
            in_related = True
            yield line, "related-list"
            continue
        reason = next(
            (r.reason for r in RULES if len(key) <= r.max_len and r.pattern.search(key)), None
        )
        if reason is None and title_key and _repeats_title(squash(line), title_key):
            reason = "title-repeat"
        yield line, reason


def _repeats_title(line_key: str, title_key: str) -> bool:
    if title_key not in line_key:
        return False
    rest = line_key.replace(title_key, "", 1)
    return len(rest) <= _TITLE_REPEAT_SLACK and not _SENTENCE_PUNCT.search(rest)


def _is_link_like(key: str) -> bool:
    """Short, unpunctuated lines: the entries of a related-articles list."""
    return len(key) <= 40 and not re.search(r"[。！？!?]", key)


def _choose_title(extracted: Extracted) -> str:
    if extracted.title:
        return _MULTISPACE.sub(" ", extracted.title).strip()
    for line in extracted.lines:  # "<title> 本文关键词:…" lines carry the title as a prefix
        match = _META_LABEL.search(nfkc(line))
        if match and match.start() > 0:
            return nfkc(line)[: match.start()].strip()
    for line in extracted.lines:
        key = nfkc(line).strip()
        if any(r.pattern.search(key) for r in RULES) or _RELATED_HEADING.match(key):
            continue
        if len(key) <= _MAX_TITLE_LEN and not re.search(r"[。！？!?]$", key):
            return line.strip()
        break
    return ""


_MULTISPACE = re.compile(r"\s+")


def _label_value(line: str) -> str | None:
    match = _LABEL_VALUE.search(nfkc(line))
    value = match.group(1).strip() if match else ""
    return value or None


def _split_keywords(value: str) -> list[str]:
    seen: dict[str, None] = {}
    for word in _KEYWORD_SPLIT.split(value):
        if word:
            seen.setdefault(word, None)
    return list(seen)


def _category(breadcrumb: str, title: str) -> str | None:
    """The last crumb that is neither home, a "内容页" marker, nor the article title."""
    text = _CRUMB_LABEL.sub("", nfkc(breadcrumb)).strip()
    crumbs = [_CRUMB_NOISE.sub("", c).strip() for c in _CRUMB_SPLIT.split(text)]
    title_key = squash(title)
    crumbs = [
        c for c in crumbs if c and c not in _HOME and (not title_key or squash(c) != title_key)
    ]
    return crumbs[-1] if crumbs else None
