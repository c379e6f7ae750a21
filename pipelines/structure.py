"""Stage 4, structure: cleaned lines → essays of headings and paragraphs.

A "三篇" page is split at its essay markers (【1】, 篇一, 范文一 …) when they count up from one;
lines broken mid-sentence are joined; headings (一、 (一) 1. (1)) become heading blocks, run-in
headings ("一、抓好两个环节。践行…") are split from the paragraph they open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.clean import Cleaned
from pipelines.errors import NoArticleError
from pipelines.model import Block, Document, Essay
from pipelines.textnorm import chinese_number, cjk_count, unify_punctuation

_NUM = r"[一二三四五六七八九十\d]{1,3}"
# Each style: (pattern, group holding the number, group holding the essay title).
_ESSAY_MARKERS: tuple[tuple[re.Pattern[str], int, int], ...] = (
    (re.compile(rf"^【\s*({_NUM})\s*】\s*(.*)$"), 1, 2),
    (re.compile(rf"^(?:篇|范文|范本)\s*({_NUM})\s*[：:、.．]?\s*(.*)$"), 1, 2),
    (re.compile(rf"^第\s*({_NUM})\s*篇\s*[：:、.．]?\s*(.*)$"), 1, 2),
    (re.compile(rf"^(.{{4,60}}?)\s*[（(]?(?:篇|范文)\s*({_NUM})[)）]?$"), 2, 1),
)
_HEADINGS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"^[一二三四五六七八九十]{1,3}\s*[、.．]"), 1),
    (re.compile(r"^[（(]\s*[一二三四五六七八九十]{1,3}\s*[)）]"), 2),
    (re.compile(r"^\d{1,2}\s*(?:[、．]|\.(?!\d))"), 3),
    (re.compile(r"^[（(]\s*\d{1,2}\s*[)）]"), 4),
)
_MAX_HEADING_LEN = 40
# A numbered line with no sentence end is a heading up to this length (long 一、 headings exist).
_MAX_STANDALONE_HEADING_LEN = 80
_RUN_IN_END = re.compile(r"[。！？!?]")
_CLOSED_END = re.compile(r"[。！？；：…!?;:.]$")
_TRAILING_CLOSERS = "”’」』）)】》\"'"
_PROSE_MARKS = re.compile(r"[，、,“”（(；]")
_SIGNATURE = re.compile(r"^.{1,8}[：:]\s*.{1,12}$")
# A line that is only a date ("2023年5月6日", "二〇二三年五月"), as letters and reports end.
_DATE_LINE = re.compile(
    r"^[\dxX×○〇零一二三四五六七八九]{2,4}\s*年"
    r"(\s*[\d一二三四五六七八九十xX]{1,3}\s*月(\s*[\d一二三四五六七八九十xX]{1,3}\s*日)?)?\s*$"
)
_MIN_ARTICLE_CJK = 20
# An unpunctuated line shorter than this is a subtitle or sign-off, not a broken sentence.
_MIN_BROKEN_LEN = 15


@dataclass(frozen=True)
class _Section:
    title: str
    lines: list[str]


def structure(cleaned: Cleaned) -> Document:
    """Build the document. Raises NoArticleError when no article text is left."""
    lines = [unify_punctuation(line) for line in cleaned.lines]
    sections = _split_essays(lines, cleaned.title)
    essays = tuple(
        Essay(section.title, tuple(_blocks(_join_broken(section.lines)))) for section in sections
    )
    essays = tuple(essay for essay in essays if essay.blocks)
    if sum(cjk_count(essay.text) for essay in essays) < _MIN_ARTICLE_CJK:
        raise NoArticleError("no article text found on the page")
    return Document(
        title=cleaned.title,
        category=cleaned.category,
        keywords=cleaned.keywords,
        summary=unify_punctuation(cleaned.summary) if cleaned.summary else None,
        published=cleaned.published,
        site=cleaned.site,
        essays=essays,
        removed=tuple(cleaned.removed),
    )


def _split_essays(lines: list[str], page_title: str) -> list[_Section]:
    for pattern, number_group, title_group in _ESSAY_MARKERS:
        starts: list[tuple[int, str]] = []
        for index, line in enumerate(lines):
            match = pattern.match(line)
            if match and chinese_number(match.group(number_group)) == len(starts) + 1:
                starts.append((index, match.group(title_group).strip(" ：:")))
        if len(starts) >= 2:
            return _sections(lines, starts, page_title)
    return [_Section(page_title, lines)]


def _sections(lines: list[str], starts: list[tuple[int, str]], page_title: str) -> list[_Section]:
    sections: list[_Section] = []
    bounds = [index for index, _ in starts] + [len(lines)]
    for (start, title), end in zip(starts, bounds[1:], strict=False):
        body = lines[start + 1 : end]
        if not title and body and _looks_like_title(body[0]):
            title, body = body[0], body[1:]
        sections.append(_Section(title or page_title, body))
    preface = lines[: starts[0][0]]
    if preface:  # text before the first marker stays with the first essay, never dropped
        sections[0] = _Section(sections[0].title, preface + sections[0].lines)
    return sections


def _looks_like_title(line: str) -> bool:
    return len(line) <= _MAX_HEADING_LEN and not _PROSE_MARKS.search(line) and not _is_closed(line)


def _join_broken(lines: list[str]) -> list[str]:
    """Join a line that stops mid-sentence with the line that continues it."""
    joined: list[str] = []
    for line in lines:
        if joined and _is_broken(joined[-1]) and _can_continue(line):
            previous = joined[-1]
            glue = " " if previous[-1:].isascii() and line[:1].isascii() else ""
            joined[-1] = previous + glue + line
        else:
            joined.append(line)
    return joined


def _is_broken(line: str) -> bool:
    if _is_closed(line) or _heading_level(line) or _SIGNATURE.match(line) or _DATE_LINE.match(line):
        return False
    return len(line) >= _MIN_BROKEN_LEN or bool(_PROSE_MARKS.search(line))


def _is_closed(line: str) -> bool:
    return bool(_CLOSED_END.search(line.rstrip(_TRAILING_CLOSERS)))


def _ends_sentence(line: str) -> bool:
    return line.rstrip(_TRAILING_CLOSERS)[-1:] in ("。", "！", "？", "；", "!", "?", ";")


def _can_continue(line: str) -> bool:
    return not (_heading_level(line) or _DATE_LINE.match(line) or _SIGNATURE.match(line))


def _heading_level(line: str) -> int:
    return next((level for pattern, level in _HEADINGS if pattern.match(line)), 0)


def _blocks(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    for line in lines:
        level = _heading_level(line)
        sentence_end = _RUN_IN_END.search(line[:-1])
        if not level:
            blocks.append(Block("paragraph", line))
        elif sentence_end is None and len(line) <= _MAX_STANDALONE_HEADING_LEN:
            if level >= 3 and _ends_sentence(line):
                blocks.append(
                    Block("paragraph", line)
                )  # "1、全年完成销售额300万元。" is a list item
            else:
                blocks.append(Block("heading", line.rstrip("。：:"), level))
        elif sentence_end is not None and sentence_end.start() <= _MAX_HEADING_LEN:
            blocks.append(Block("heading", line[: sentence_end.start()], level))
            rest = line[sentence_end.end() :].strip()
            if rest:
                blocks.append(Block("paragraph", rest))
        else:
            blocks.append(Block("paragraph", line))
    return blocks
