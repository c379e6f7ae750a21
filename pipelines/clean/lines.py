"""Stage 3, clean: take site boilerplate out of the article lines.

Whole lines go when a rule of the lexicon (rules.py) or the site's learned boilerplate
names them; each is kept in `removed` with the reason. Noise inside sentences (noise.py)
is cut out of the lines that stay. Keywords, summary, breadcrumb category and tags are lifted
into fields.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field

from pipelines.clean.extract import Extracted
from pipelines.clean.noise import site_names, strip_noise
from pipelines.clean.rules import (
    LINE_RULES,
    RELATED_HEADING,
    TRUNCATION,
    TRUNCATION_SPAN,
    first_matching,
)
from pipelines.model import Removed

_META_LABEL = re.compile(r"\s*本文(关键[词字]|简介|摘要|内容|正文)\s*:")
_LABEL_VALUE = re.compile(
    r"(?:本文关键[词字]|关键[词字]|本文简介|本文摘要|简介|导读|导语|摘要|tag标签|tags?|标签|作文话题|话题)"
    r"\s*:\s*(.*)$",
    re.IGNORECASE,
)
_CRUMB_LABEL = re.compile(r"^\W*[^:>»→]{0,8}位置\s*:")
_CRUMB_SPLIT = re.compile(r"\s*(?:>>?|»|→|>|/|\\|›)\s*")
_CRUMB_NOISE = re.compile(r"\s*(内容页|正文内容|正文|阅读文章|文章内容|详细内容)$")
_HOME = {"首页", "网站首页", "主页", "返回首页"}
_KEYWORD_SPLIT = re.compile(r"[,，、;；\s#]+")
_KEYWORD_LINE = re.compile(r"^[\w]{2,10}(\s*[,，、]\s*[\w]{2,10}){2,9}$")
_SENTENCE_PUNCT = re.compile(r"[。！？；!?;，,]")
_SENTENCE_END = re.compile(r"[。！？!?]$")
_GENRE_SENTENCE = re.compile(r"^.{2,20}(是|就是|即)(一种|一类|指|人们|我们).{4,100}[。.]$")
_READ_COUNT = re.compile(r"已阅读\s*(\d+)\s*页\D{0,3}还剩\s*(\d+)\s*页未读")
_ESSAY_ORDINAL = re.compile(
    r"^[(（【]?(第?[一二三四五六七八九十\d]{1,3}篇?|(篇|范文|范本)[一二三四五六七八九十\d]{1,3})[)）】]?$"
)
_MAX_TITLE_LEN = 60
# A line that is the title plus at most this much (a year, "范文", a site suffix) repeats it.
_TITLE_REPEAT_SLACK = 8
# Editors' intro and outro blurbs sit within this many lines of the body's start or end.
_EDGE_LINES = 4
# Only the first lines of the body may be a bare keyword line.
_KEYWORD_LINE_WINDOW = 6


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
    flags: tuple[str, ...] = ()


# No marker with its clause (TRUNCATION_SPAN) is longer than this, ellipses aside.
_MARKER_LINE_MAX = 120


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def squash(text: str) -> str:
    """Comparison key: NFKC, no whitespace."""
    return "".join(nfkc(text).split())


def clean(extracted: Extracted, learned: Collection[str] = ()) -> Cleaned:
    """Remove boilerplate lines from an extracted article and lift metadata into fields.

    `learned` holds `squash()` keys of lines this site repeats on many pages.
    """
    title = _choose_title(extracted)
    names = site_names([extracted.site, extracted.html_title], extracted.lines[:3])
    keywords: list[str] = []
    summary: str | None = None
    category = _category(extracted.breadcrumb, title) if extracted.breadcrumb else None
    kept: list[str] = []
    removed: list[Removed] = []
    for line, reason in _classify(extracted.lines, title, learned):
        if reason is None:
            kept.append(line)
            continue
        removed.append(Removed(line, reason))
        value = _label_value(line)
        if reason in ("keywords-line", "bare-keywords") and not keywords:
            keywords = _split_keywords(value or line)
        elif reason == "tag-line" and value and not keywords:
            keywords = _split_keywords(value)
        elif reason == "summary-line" and value and summary is None:
            summary = value
        elif reason == "breadcrumb" and category is None:
            category = _category(line, title)
    kept, cut = strip_noise(kept, names)
    # One search over all removed lines ("\0" is no \s, so no marker spans two lines).
    truncated = TRUNCATION.search("\0".join(item.text for item in removed))
    truncated = truncated or cut or _preview_cut(removed)
    kept = _drop_genre_sentence(kept, removed)
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
        flags=(*extracted.flags, *(("truncated",) if truncated else ())),
    )


def _classify(
    lines: list[str], title: str, learned: Collection[str]
) -> Iterator[tuple[str, str | None]]:
    """Yield each line with the reason it is boilerplate, or None when it is article text."""
    title_key = squash(title)
    # One NFKC call per page; NFKC never makes or removes a newline.
    keys = [key.strip() for key in nfkc("\n".join(lines)).split("\n")] if lines else []
    edges = [i < _EDGE_LINES or i >= len(lines) - _EDGE_LINES for i in range(len(lines))]
    rule_reasons = first_matching(keys, edges)
    # Only a line that is little but a marker is a truncation line: long prose lines can be
    # left out of the page-level search, unless ellipses pad a marker out to their length.
    may_truncate = TRUNCATION.search("\n".join(k for k in keys if _may_be_marker_line(k)))
    in_related = False
    for index, (line, key) in enumerate(zip(lines, keys, strict=True)):
        if in_related:
            if _is_link_like(key):
                yield line, "related-list"
                continue
            in_related = False
        if RELATED_HEADING.match(key):
            in_related = True
            yield line, "related-list"
            continue
        reason = rule_reasons[index]
        if reason is None and may_truncate and _is_truncation_line(key):
            reason = "truncation"
        line_key = "".join(key.split())
        if reason is None and title_key and _repeats_title(line_key, title_key):
            reason = "title-repeat"
        if reason is None and index < _KEYWORD_LINE_WINDOW and _KEYWORD_LINE.match(key):
            reason = "bare-keywords"
        if reason is None and learned and line_key in learned:
            reason = "learned"
        yield line, reason


def _may_be_marker_line(key: str) -> bool:
    return len(key) <= _MARKER_LINE_MAX or "…" in key or ".." in key


def _is_truncation_line(key: str) -> bool:
    """A line that is nothing but a paywall marker (markers inside prose are cut by noise)."""
    if not TRUNCATION.search(key):
        return False
    match = TRUNCATION_SPAN.search(key)
    return match is not None and len(key) - (match.end() - match.start()) < 6


def _preview_cut(removed: list[Removed]) -> bool:
    """A 文库 "已阅读2页,还剩3页未读" notice means a cut preview unless the page still shows
    the document's last page (some sites only fold the rest behind "继续阅读")."""
    for item in removed:
        notice = _READ_COUNT.search(nfkc(item.text))
        if notice:
            last = int(notice.group(1)) + int(notice.group(2))
            shown = re.compile(rf"第\s*{last}\s*页\s*/?\s*共\s*{last}\s*页")
            return not any(shown.search(nfkc(other.text)) for other in removed)
    return False


def _drop_genre_sentence(kept: list[str], removed: list[Removed]) -> list[str]:
    """A textbook definition of the genre ("心得体会是一种…") opening the body, when the
    editor's intro blurb followed it, is part of the blurb."""
    if (
        kept
        and any(r.reason == "intro-blurb" for r in removed)
        and _GENRE_SENTENCE.match(nfkc(kept[0]))
    ):
        removed.append(Removed(kept[0], "intro-blurb"))
        return kept[1:]
    return kept


def _repeats_title(line_key: str, title_key: str) -> bool:
    if title_key not in line_key:
        return False
    rest = line_key.replace(title_key, "", 1)
    if _ESSAY_ORDINAL.match(rest):
        return False  # "<title>【精选3篇】一" opens the first essay of a collection
    return len(rest) <= _TITLE_REPEAT_SLACK and not _SENTENCE_PUNCT.search(rest)


def _is_link_like(key: str) -> bool:
    """Short, unpunctuated lines: the entries of a related-articles list."""
    return len(key) <= 40 and not re.search(r"[。！？!?]", key)


def _choose_title(extracted: Extracted) -> str:
    if extracted.title:
        return " ".join(extracted.title.split())
    for line in extracted.lines:  # "<title> 本文关键词:…" lines carry the title as a prefix
        match = _META_LABEL.search(nfkc(line))
        if match and match.start() > 0:
            return nfkc(line)[: match.start()].strip()
    for line in extracted.lines:
        key = nfkc(line).strip()
        if any(rule.matches(key) for rule in LINE_RULES) or RELATED_HEADING.match(key):
            continue
        if len(key) <= _MAX_TITLE_LEN and not _SENTENCE_END.search(key):
            return line.strip()
        break
    return ""


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
