"""Split a multi-essay page ("三篇", "合集10篇") into its essays.

Strong marker styles (【1】, 篇一, 范文(一), 第1篇, <title>篇一, <title>范文第1篇, <title>（一）
repeated with the same title …) split whenever they
count up from one at least twice. Weak styles ("3、<subtitle>", "<title>1:") split only when the
page title announces exactly that many essays, which is also how competing splits are settled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.clean.textnorm import chinese_number

_NUM = r"[一二三四五六七八九十\d]{1,3}"
_COUNT_DECORATION = r"(?:【[^】]{0,8}篇】|[（(][^)）]{0,8}篇[)）]|合集\s*\d+\s*篇)"


@dataclass(frozen=True)
class _Style:
    pattern: re.Pattern[str]
    number: int  # group holding the essay number
    title: int  # group holding the essay title (0: none)
    needs: str  # a page can only hold such markers if it contains one of these characters
    strong: bool = True
    # A marker line of this style ends (trailing whitespace aside) in one of these characters:
    # "#" stands for any numeral. Empty: the style is anchored at the line's start instead.
    ends: str = ""
    # Every marker must carry the same title ("<title>（一）", "<title>（二）"): a numbered
    # ending alone is too common to mark essays.
    same_title: bool = False


_NUMERAL_END = "一二三四五六七八九十#"


def _end_char(line: str) -> str:
    """The line's last character, a numeral as "#", for the styles' `ends` test."""
    last = line.rstrip()[-1:]
    return "#" if last.isdecimal() else last


_STYLES: tuple[_Style, ...] = (
    _Style(re.compile(rf"^【\s*(?:第\s*)?({_NUM})\s*(?:篇\s*)?】\s*(.*)$"), 1, 2, "【"),
    _Style(
        re.compile(
            rf"^[【\[]?\s*(?:篇|范文|范本|例文|周记|日记|模板)\s*[（(]?\s*({_NUM})\s*[)）]?\s*[】\]]?\s*[：:、.．]?\s*(.*)$"
        ),
        1,
        2,
        "篇范例周日模",
    ),
    # "第2篇 …", "第2篇：…", or a title run on with no sentence in it: "第二篇日记写什么呢？" opens
    # a sentence, not an essay.
    _Style(
        re.compile(rf"^第\s*({_NUM})\s*篇(?:\s*[：:、.．]\s*|\s+|(?=[^。！？!?]*$))(.*)$"),
        1,
        2,
        "第",
    ),
    # "第一首 《春天来了》", "第二则：…": poems and short pieces, with a gap before the title.
    _Style(
        re.compile(rf"^第\s*({_NUM})\s*[首则](?:\s*[：:、.．]\s*|\s+|(?=[《“]))(.+)$"), 1, 2, "第"
    ),
    # "No.1", "NO. 2 <title>": a magazine's numbering.
    _Style(
        re.compile(r"^\W{0,2}no\.?\s*(\d{1,2})(?:\s*[：:、.．]\s*|\s+|$)(.*)$", re.I), 1, 2, "Nn"
    ),
    _Style(
        re.compile(rf"^(.{{2,60}}?)\s*(?:范文|范本)?\s*第\s*({_NUM})\s*篇$"), 2, 1, "第", ends="篇"
    ),
    # "诚信承诺书范文 第1篇：考生诚信考试承诺书": the series' name, the ordinal, the title.
    _Style(re.compile(rf"^.{{2,30}}?\s*第\s*({_NUM})\s*篇\s*[：:]\s*(.{{2,40}})$"), 1, 2, "第"),
    _Style(
        re.compile(rf"^(.{{2,60}}?)\s*[（(]?(?:篇|范文|范本|精选|例文)\s*({_NUM})\s*[)）]?$"),
        2,
        1,
        "篇范精例",
        ends=_NUMERAL_END + ")）",
    ),
    # "<title>【第一篇】", "<title>【篇2】": the ordinal in brackets after the title.
    _Style(
        re.compile(rf"^(.{{2,60}}?)\s*【\s*(?:第|篇)\s*({_NUM})\s*篇?\s*】$"),
        2,
        1,
        "【",
        ends="】",
    ),
    _Style(
        re.compile(rf"^(.{{2,60}}?)\s*[（(]\s*({_NUM})\s*[)）]$"),
        2,
        1,
        "（(",
        ends=")）",
        same_title=True,
    ),
    _Style(
        re.compile(rf"^(.{{0,60}}?)\s*{_COUNT_DECORATION}\s*({_NUM})\s*$"),
        2,
        1,
        "篇",
        ends=_NUMERAL_END,
    ),
    _Style(re.compile(rf"^({_NUM})\s*[、.．]\s*([^。！？，,；;]{{2,40}})$"), 1, 2, "、.．", False),
    # Weak, and only with one title throughout: "<title>1", "<title>2"; "（一）<subtitle>".
    _Style(
        re.compile(r"^(.{4,60}?)\s*(\d{1,2})$"),
        2,
        1,
        "0123456789",
        False,
        _NUMERAL_END,
        same_title=True,
    ),
    _Style(
        re.compile(rf"^[（(]\s*({_NUM})\s*[)）]\s*([^。！？，,；;]{{2,40}})$"), 1, 2, "（(", False
    ),
    # Weak: a genre's word and an ordinal, the same word throughout, an aside after it
    # ("检讨书一", "感谢信范例二", "寒假日记 第三则", "▲ 范文1（计算机专业）").
    _Style(
        re.compile(
            rf"^\W{{0,2}}([^\W\d]{{1,6}}?)\s*第?\s*({_NUM})\s*[则首]?\s*(?:[（(][^)）]{{1,16}}[)）])?$"
        ),
        2,
        1,
        "一二三四五六七八九十0123456789",
        False,
        same_title=True,
    ),
    # "【心得一】", "【体会2】": a genre's word and an ordinal in brackets.
    _Style(re.compile(rf"^【\s*[^\W\d]{{1,4}}?\s*({_NUM})\s*】\s*(.*)$"), 1, 2, "【", False),
    _Style(
        re.compile(rf"^([^。！？，,；;]{{2,60}}?)\s*({_NUM})\s*[：:]$"), 2, 1, ":：", False, ":："
    ),
)
_STRONG_STYLES = tuple(style for style in _STYLES if style.strong)
# A line holds a marker of some style only with one of that style's characters: one search
# for all of them before the styles are tried one by one.
_STRONG_NEEDS = re.compile(
    "[" + re.escape("".join({c for s in _STRONG_STYLES for c in s.needs})) + "]"
)
_ANY_NEEDS = re.compile("[" + re.escape("".join({c for s in _STYLES for c in s.needs})) + "]")
# The styles whose marker leads its line ("【1】…", "篇一：…", "第1篇 …"), the first three.
_LEADING_STYLES = _STYLES[:3]
_ANNOUNCED = re.compile(r"(?<!第)([一二两三四五六七八九十\d]{1,3})\s*篇")  # "两篇" too
_LEADING_NUMBER = re.compile(rf"^\s*{_NUM}\s*[.、．]\s*")
_DECORATION = re.compile(_COUNT_DECORATION)
# A diary entry's date line: the date with its weekday or weather, or alone.
_DIARY_DATE = re.compile(
    r"^\W*(\d{2,4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*[日号]\W*"
    r"((星期|周|礼拜)[一二三四五六日天]|[晴阴雨雪雾风云]|多云|$)"
)
_MIN_PROSE = 20  # a line this long is prose, not a heading
_MAX_MARKER_LINE = 40
_SENTENCE_END = re.compile(r"[。！？!?；;]")
_COUNT_SUFFIX = re.compile(rf"(范文|范本|精选|汇总|合集|大全)?\s*{_NUM}\s*篇$")


@dataclass(frozen=True)
class Section:
    title: str
    lines: list[str]


def announced_count(title: str) -> int | None:
    """How many essays the title promises: "三篇", "(汇总16篇)", "【精选7篇】", "合集10篇"."""
    counts = [chinese_number(m.group(1)) for m in _ANNOUNCED.finditer(title)]
    counts = [c for c in counts if c and c > 1]
    return counts[-1] if counts else None


def opens_essay(line: str) -> bool:
    """Whether a line has the shape of a strong essay marker ("【篇二】…", "篇二：…", "第2篇",
    "<title> 篇2"), which no list of links to other articles holds."""
    return bool(_STRONG_NEEDS.search(line)) and any(
        style.pattern.match(line) for style in _STRONG_STYLES
    )


def may_open_essay(line: str) -> bool:
    """Whether a line has the shape of an essay marker of any style ("篇一", "<title>第2篇")."""
    return bool(_ANY_NEEDS.search(line)) and any(style.pattern.match(line) for style in _STYLES)


def first_essay_title(line: str) -> str | None:
    """The title after the first essay's own leading marker ("【篇一】培训心得", "篇一：…",
    "第1篇 …", "【1】…"), or None: a page with no title line above its collection."""
    for style in _LEADING_STYLES:
        match = style.pattern.match(line.strip())
        if match and chinese_number(match.group(style.number)) == 1:
            return _clean_title(match.group(style.title)) or None
    return None


def split_essays(lines: list[str], page_title: str) -> list[Section]:
    expected = announced_count(page_title)
    text = "\n".join(lines)
    ends = [_end_char(line) for line in lines]
    # Weak styles are chosen only for the count announced, or naming the page's own title.
    named = "".join(base_title(page_title).split())
    weak_named = bool(named) and named in text.replace(" ", "")
    candidates = [
        (style, _markers(lines, style, ends))
        for style in _STYLES
        if (style.strong or expected or style.same_title or weak_named)
        and any(char in text for char in style.needs)
    ]
    candidates = [(style, starts) for style, starts in candidates if len(starts) >= 2]
    chosen = next((starts for style, starts in candidates if len(starts) == expected), None)
    if chosen is None:
        chosen = next((starts for style, starts in candidates if style.strong), None)
    if chosen is None and expected:  # a page's start shows fewer essays than its title counts,
        # under markers naming one word throughout (numbered headings may be an essay's sections)
        chosen = next(
            (
                starts
                for style, starts in candidates
                if style.same_title and len(starts) <= expected
            ),
            None,
        )
    if chosen is None:  # weak markers naming the page's own title: "<title>1", "1. 初一<title>"
        chosen = next(
            (
                starts
                for style, starts in candidates
                if named and all(named in "".join(title.split()) for _, title in starts)
            ),
            None,
        )
    if chosen is None:
        return _after_unmarked_first(lines, page_title) or [Section(page_title, lines)]
    return _sections(lines, _counted_on(lines, chosen), page_title)


def _counted_on(lines: list[str], starts: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The markers, with those that go on counting after the last in another strong style
    ("【篇一】", "【篇二】", "感恩节作文 篇三", "【篇四】"): a page may change style midway."""
    starts = list(starts)
    for index in range(starts[-1][0] + 1, len(lines)):
        line = lines[index]
        for style in _STYLES:
            if (
                not style.strong
                or style.same_title
                or (style.ends and _end_char(line) not in style.ends)
            ):
                continue
            match = style.pattern.match(line)
            if match and chinese_number(match.group(style.number)) == len(starts) + 1:
                title = match.group(style.title) if style.title else ""
                starts.append((index, _clean_title(title)))
                break
    return starts


def _after_unmarked_first(lines: list[str], page_title: str) -> list[Section]:
    """A collection whose first essay carries no marker: leading markers counting up from
    two ("第二篇：…", "【篇三】…") under a first essay of prose. Empty when there is none."""
    # Only a short line without a sentence's end may be a marker ("第二篇文章写的是…。" is none).
    short = [
        line if len(line) <= _MAX_MARKER_LINE and not _SENTENCE_END.search(line) else ""
        for line in lines
    ]
    ends = [_end_char(line) for line in short]
    for style in _LEADING_STYLES:
        starts = _markers(short, style, ends, first=2)
        if starts and any(len(line) >= _MIN_PROSE for line in lines[: starts[0][0]]):
            cut = starts[0][0]
            rest = _sections(lines[cut:], [(i - cut, t) for i, t in starts], page_title)
            return [Section(base_title(page_title), lines[:cut]), *rest]
    return []


def _markers(
    lines: list[str], style: _Style, ends: list[str], first: int = 1
) -> list[tuple[int, str]]:
    """The lines opening an essay in this style, numbered from `first` up; `ends` holds each
    line's `_end_char` (the styles that scan a whole line are tried only where it fits)."""
    starts: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        if style.ends and ends[index] not in style.ends:
            continue
        match = style.pattern.match(line)
        if match and chinese_number(match.group(style.number)) == len(starts) + first:
            title = match.group(style.title) if style.title else ""
            if style.same_title and starts and _clean_title(title) != starts[0][1]:
                continue
            starts.append((index, _clean_title(title)))
    if not style.strong and any(
        end - start < 2 for (start, _), (end, _) in zip(starts, starts[1:], strict=False)
    ):
        return []  # weak markers must each open a body, not be a list of short items
    return starts


def _clean_title(title: str) -> str:
    title = _DECORATION.sub("", _LEADING_NUMBER.sub("", title))
    return title.strip(" ：:、.．-—")


def _sections(lines: list[str], starts: list[tuple[int, str]], page_title: str) -> list[Section]:
    sections: list[Section] = []
    bounds = [index for index, _ in starts] + [len(lines)]
    for (start, title), end in zip(starts, bounds[1:], strict=False):
        body = lines[start + 1 : end]
        if not title and body and _looks_like_title(body[0]):
            title, body = body[0], body[1:]
        sections.append(Section(title or base_title(page_title), body))
    preface = lines[: starts[0][0]]
    if preface:  # text before the first marker stays with the first essay, never dropped
        sections[0] = Section(sections[0].title, preface + sections[0].lines)
    return sections


def _looks_like_title(line: str) -> bool:
    """A subtitle line under a bare marker: short, no sentence end, not a salutation ("…："),
    not a diary's date ("3月8日 星期五 晴")."""
    return (
        len(line) <= 30 and not re.search(r"[；。！？!?;：:]", line) and not _DIARY_DATE.match(line)
    )


def base_title(page_title: str) -> str:
    """The page title without the count it announces: "员工转正申请书(汇总3篇)" → "员工转正申请书"."""
    title = _DECORATION.sub("", page_title)
    return _COUNT_SUFFIX.sub("", title).strip() or page_title
