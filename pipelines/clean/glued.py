"""Chrome glued before the prose on one line: split it off so the line rules can see it.

Text taken from a page often runs a block of chrome into the paragraph after it: a trail of
links ("首页 > 作文 > 春天的校园 春天来了，…") or a row of labels with their values ("作者：某某
来源：网络 时间：2023-04-01 春天来了，…"); or into the paragraph before it ("…特别快乐。上一篇：
夏天"). Left whole, the line is prose and keeps its chrome. Such a prefix is split off only when
what follows it is prose, and such a tail only when a line rule or a line's shape calls it chrome
on its own, so a line that is all chrome, or all essay, is left as it is.
"""

from __future__ import annotations

import re

from pipelines.clean.lineshape import fold_lines, shape_reason
from pipelines.clean.noise import injected
from pipelines.clean.rules import META_LABELS, first_matching
from pipelines.clean.script import t2s
from pipelines.clean.textnorm import nfkc

# Two or more labels with their values (a time may follow a date), then the prose. A value
# may hold a space ("作者：三年级二班 刘可 时间：…") when the next label follows it, and the
# pairs may be set apart by a bar ("作者：张明 | 来源：网络 | 时间：2023-12-20 …"). Found by
# `_label_row_end` one label at a time: a single pattern for the row backtracks without end
# on a line of labels with blank values.
_LABEL = re.compile(rf"(?:{META_LABELS}|时间|日期)\s*[:：]\s*")
_LAST_VALUE = re.compile(r"[^\s:：|｜丨]{1,30}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s+")
_MAX_VALUE = 30
_TIME_TAIL = re.compile(r"\s+\d{1,2}:\d{2}(?::\d{2})?$")
_ROW_GAP = " \t|｜丨·"
# A label with its value in brackets: a tag, whatever text follows it.
_LABEL_TAG = re.compile(rf"\s*[【\[［]\s*(?:{META_LABELS})\s*[:：][^】\]［［\n]{{1,30}}[】\]］]")
# Two or more links of a trail and the last crumb, then the prose.
_TRAIL = re.compile(r"^\s*(?:[^\s>»→＞]{1,12}\s*(?:>>?|»|→|＞)\s*){2,}[^\s>»→＞]{1,30}\s+")
_MAY_GLUE = re.compile(r"[:：>»→＞]")
# Characters of traditional script in the labels and trails above: only a head holding one is
# converted to simplified script for the match.
_TRADITIONAL_HINT = re.compile("[發時來點擊瀏覽閱讀編輯欄類別標籤頁網間數]")
_PROSE = re.compile(r"[。！？；，,;!?]")
_MIN_PROSE = 20
_MAX_PREFIX = 120
# A sentence's end, with the quotes or brackets closing after it.
_SENTENCE_END = re.compile(r"[。！？!?]+[”’」』)）]*")
_QUOTES = re.compile('[“”「」『』"]')
# What a line of chrome has and a sentence's broken-off end ("…快乐。我想") has not: a label's
# colon, a count, a separator, a bracket, or a word of site furniture.
_MAY_BE_CHROME = re.compile(
    r"[:：|｜>»\d()（）【】\[\]/©]|上一|下一|上篇|下篇|分享|收藏|打印|關閉|关闭|返回|阅读|閱讀|点击|點擊|"
    r"下载|下載|复制|複製|来源|來源|作者|编辑|編輯|本文|原文|链接|鏈接|更多|推荐|推薦|相关|相關|"
    r"版权|版權|转载|轉載|举报|舉報|评论|評論|end|完",
    re.IGNORECASE,
)
# A site's notice run on after a line that ends in no sentence (a signature, a date).
_NOTICE = re.compile(
    r"\s+(?=(?:版权声明|免责声明|本站声明|本文来源|原文链接|本文链接|原文地址|本文地址)\s*[:：])"
)
# How long what follows a line's last sentence may be to be tried as chrome.
_MIN_TAIL = 2
_MAX_TAIL = 80


def split_glued(lines: list[str]) -> list[str]:
    """The lines, with a trail or a row of labels glued before prose, and chrome the rules know
    glued after it (words after the last sentence, or whole sentences at the line's end: "…
    焦虑。本文来源于某某网，更多精彩请关注。"), put on lines of their own."""
    parts = [part for line in lines for part in _split(line)]
    # Each part's trailing pieces (what follows its last sentence, and its last sentences),
    # judged together: one rules pass and one folding call for the page, not one per line.
    pieces = {i: starts for i, part in enumerate(parts) if (starts := _tail_starts(part))}
    judged = [
        (i, start, text)
        for i, starts in pieces.items()
        for start, end in zip(starts, [*starts[1:], None], strict=True)
        if _may_be_chrome(text := parts[i][start:end].strip())
    ]
    if not judged:
        return parts
    reasons = first_matching([nfkc(text).strip() for _, _, text in judged], [False] * len(judged))
    folded = fold_lines([text for _, _, text in judged])
    chrome = {
        (i, start)
        for (i, start, _), reason, key in zip(judged, reasons, folded, strict=True)
        if reason is not None or shape_reason(key) is not None
    }
    out: list[str] = []
    for i, part in enumerate(parts):
        cut = None
        for start in reversed(pieces.get(i, [])):  # the run of chrome pieces at the line's end
            if (i, start) not in chrome:
                break
            cut = start
        if cut is None:
            out.append(part)
        else:
            out += [part[:cut].strip(), part[cut:].strip()]
    return out


def _may_be_chrome(piece: str) -> bool:
    """A piece worth judging: short, with a word of chrome, and quoting nothing (a sentence
    that quotes a notice, "写着“未经授权禁止转载”", is about it)."""
    return (
        _MIN_TAIL <= len(piece) <= _MAX_TAIL
        and bool(_MAY_BE_CHROME.search(piece))
        and not _QUOTES.search(piece)
    )


def _tail_starts(line: str) -> list[int]:
    """Where the pieces at the line's end start: after each of its sentences within the last
    _MAX_TAIL characters, leaving _MIN_PROSE before the first ("…特别快乐。|上一篇：夏天",
    "…焦虑。|本文来源于某某网。|更多精彩请关注。"); only the line's end is looked at (a page may
    be one huge line)."""
    if len(line) <= _MIN_PROSE:
        return []
    starts = [
        match.end()
        for match in _SENTENCE_END.finditer(line, max(len(line) - _MAX_TAIL - 2, _MIN_PROSE))
    ]
    return [start for start in starts if start <= len(line) - _MIN_TAIL]


def _split(line: str) -> list[str]:
    spans = injected(line) if len(line) > _MIN_PROSE else []
    if spans:  # an address dropped into the prose: the line without it, then the address
        cut_from, cut_to = spans[0]
        before, after = line[:cut_from].rstrip(), line[cut_to:].lstrip()
        if before and after:
            glue = " " if before[-1].isascii() and after[0].isascii() else ""
            return [*_split(before + glue + after), line[cut_from:cut_to].strip()]
    tag = _LABEL_TAG.match(line)
    if tag and line[tag.end() :].strip():  # "【来源：某某网】亲爱的同学们：": a tag before any text
        return [tag.group().strip(), *_split(line[tag.end() :].strip())]
    notice = _NOTICE.search(line)
    if notice and notice.start() > 0:  # "申请人：陈伟 2023年8月10日 版权声明：…"
        return [*_split(line[: notice.start()]), line[notice.end() :]]
    if len(line) <= _MIN_PROSE or not _MAY_GLUE.search(line, 0, _MAX_PREFIX):
        return [line]
    # Labels are matched in simplified script; a traditional line is converted for the match
    # when the conversion keeps every character's place.
    head = line[: _MAX_PREFIX + 1]  # a prefix is no longer: never scan a huge line
    probes = [head]
    if _TRADITIONAL_HINT.search(head):
        simplified = t2s(head)
        if len(simplified) == len(head):
            probes.append(simplified)
    for probe in probes:
        for end in (_label_row_end(probe), _trail_end(probe)):
            if end is None or end > _MAX_PREFIX:
                continue
            rest = line[end:].strip()
            if len(rest) >= _MIN_PROSE and _PROSE.search(rest):
                return [line[:end].strip(), rest]
    return [line]


def _trail_end(text: str) -> int | None:
    match = _TRAIL.match(text)
    return match.end() if match else None


def _label_row_end(text: str) -> int | None:
    """Where a row of two or more labels with their values at the text's start ends, or None."""
    label = _LABEL.match(text, len(text) - len(text.lstrip()))
    count = 0
    while label is not None:
        count += 1
        following = _LABEL.search(text, label.end(), label.end() + _MAX_VALUE + 12)
        value = text[label.end() : following.start()] if following else ""
        if following is None or not _is_value(value):
            last = _LAST_VALUE.match(text, label.end())
            return last.end() if last and count >= 2 else None
        label = following
    return None


def _is_value(gap: str) -> bool:
    """A label's value between it and the next label: words, a time, a bar after them."""
    value = _TIME_TAIL.sub("", gap.strip(_ROW_GAP))
    return 0 < len(value) <= _MAX_VALUE and ":" not in value and "：" not in value
