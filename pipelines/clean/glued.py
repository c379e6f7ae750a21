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

from pipelines.clean.lineshape import ENUMERATED_ITEM, fold_lines, is_narrative, shape_reason
from pipelines.clean.noise import injected
from pipelines.clean.rules import META_LABELS, OFFER_REASONS, first_matching
from pipelines.clean.script import t2s

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
# The same tag dropped between two sentences: "…的实习。【来源：某某网】刚到单位时，…".
_LABEL_TAG_INSIDE = re.compile(rf"(?<=[。！？!?]){_LABEL_TAG.pattern}")
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
_ENDED = re.compile(r"[。！？!?…][”’」』)）]*$")
_QUOTES = re.compile('[“”「」『』"]')
# What a line of chrome has and a sentence's broken-off end ("…快乐。我想") has not: a label's
# colon, a count, a separator, a bracket, or a word of site furniture.
_MAY_BE_CHROME = re.compile(
    r"[:：|｜>»\d()（）【】\[\]/©]|上一|下一|上篇|下篇|分享|收藏|打印|關閉|关闭|返回|阅读|閱讀|点击|點擊|"
    r"下载|下載|复制|複製|来源|來源|作者|编辑|編輯|本文|原文|链接|鏈接|更多|推荐|推薦|相关|相關|"
    r"版权|版權|转载|轉載|举报|舉報|评论|評論|摘自|转自|轉自|end|完",
    re.IGNORECASE,
)
# A site's notice run on after a line that ends in no sentence (a signature, a date).
_NOTICE = re.compile(
    r"\s+(?=(?:版权声明|免责声明|本站声明|本文来源|原文链接|本文链接|原文地址|本文地址)\s*[:：])"
)
# What an address dropped into a paragraph must have after it to be taken out.
_MIN_AFTER_ADDRESS = 8
_CLOSING_BRACKETS = "）)】]］」』”"
_OPENING_BRACKETS = "（(【[［"
_BRACKET_CLOSE = re.compile(r"[^（(【\[［）)】\]］\n]{0,12}[）)】\]］]")
# Words of a site's notice: a sentence inside a paragraph holding one is judged by the rules.
_NOTICE_WORD = re.compile(
    r"本站|本网|本文|转载|版权|下载|更多|点击|收藏|关注|访问|来源|来自|整理|原文"
)
_MAX_PARAGRAPH = 3000
_SPACE_RUN = re.compile(r"\s+")
_MIN_HEAD = 6  # the least a line's first sentence holds before a sentence dropped in
# How long what follows a line's last sentence may be to be tried as chrome.
_MIN_TAIL = 2
_MAX_TAIL = 80


def split_glued(lines: list[str]) -> list[str]:
    """The lines, with a trail or a row of labels glued before prose, and chrome the rules know
    glued after it (words after the last sentence, or whole sentences at the line's end: "…
    焦虑。本文来源于某某网，更多精彩请关注。") or dropped between its sentences, put on lines of
    their own (what was dropped in goes after the line it was taken from)."""
    parts = [part for line in lines for part in _split(line)]
    # Each part's pieces (what follows its last sentence, and its sentences after the first),
    # judged together: one rules pass and one folding call for the page, not one per line.
    pieces = {i: bounds for i, part in enumerate(parts) if (bounds := _pieces(part))}
    judged = [
        (i, start, text)
        for i, bounds in pieces.items()
        for start, end in bounds
        if _may_be_chrome(text := parts[i][start:end].strip(), end == len(parts[i]))
    ]
    if not judged:
        return parts
    folded = fold_lines([text for _, _, text in judged])  # any script: the rules' own keys
    reasons = first_matching(folded, [False] * len(judged))
    chrome = {
        (i, start)
        for (i, start, _), reason, key in zip(judged, reasons, folded, strict=True)
        if (reason is not None and not _items_own(reason, parts[i]))
        or shape_reason(key) is not None
    }
    out: list[str] = []
    for i, part in enumerate(parts):
        bounds = pieces.get(i, [])
        tail = len(bounds)
        while (  # the run of chrome at the line's end, after _MIN_PROSE of the line
            tail and (i, bounds[tail - 1][0]) in chrome and bounds[tail - 1][0] >= _MIN_PROSE
        ):
            tail -= 1
        # Chrome among the sentences, with a sentence of the text after it.
        last_text = max((n for n in range(tail) if (i, bounds[n][0]) not in chrome), default=0)
        dropped_in = [b for b in bounds[:last_text] if (i, b[0]) in chrome]
        if tail == len(bounds) and not dropped_in:
            out.append(part)
            continue
        kept, done = [], 0
        for start, end in dropped_in:
            kept.append(part[done:start])
            done = end
        cut = bounds[tail][0] if tail < len(bounds) else len(part)
        kept.append(part[done:cut])
        out.append("".join(kept).strip())
        out += [part[start:end].strip() for start, end in dropped_in]
        if cut < len(part):
            out.append(part[cut:].strip())
    return out


def _items_own(reason: str, part: str) -> bool:
    """Whether a sentence the rules call a library's or a promotion's belongs to a numbered
    item of the document ("2.线上宣传。通过…，居民扫码关注即可参与。")."""
    return reason in OFFER_REASONS and ENUMERATED_ITEM.match(part) is not None


def _may_be_chrome(piece: str, at_end: bool) -> bool:
    """A piece worth judging: short, with a word of chrome (a sentence inside the line, with a
    word only a site's notice has), and quoting nothing (a sentence that quotes a notice,
    "写着“未经授权禁止转载”", is about it)."""
    return (
        _MIN_TAIL <= len(piece) <= _MAX_TAIL
        and bool((_MAY_BE_CHROME if at_end else _NOTICE_WORD).search(piece))
        and not _QUOTES.search(piece)
        and (at_end or not is_narrative(piece))  # "还有的同学为了赚下载券，…上传到文库"
    )


def _pieces(line: str) -> list[tuple[int, int]]:
    """The (start, end) of the line's pieces that may be chrome: its sentences after the
    first, and what follows its last sentence ("…特别快乐。|上一篇：夏天", "…焦虑。|本文来源于
    某某网。|更多精彩请关注。"), leaving _MIN_HEAD before the first. A line too long to be a
    paragraph (a page on one line) is looked at only at its end."""
    if len(line) <= _MIN_PROSE:
        return []
    # Sentences inside the line are pieces only when a notice's word is there at all.
    inside = len(line) <= _MAX_PARAGRAPH and _NOTICE_WORD.search(line, _MIN_HEAD) is not None
    start = _MIN_HEAD if inside else max(len(line) - _MAX_TAIL - 2, _MIN_PROSE)
    ends = [match.end() for match in _SENTENCE_END.finditer(line, start)]
    starts = [end for end in ends if end <= len(line) - _MIN_TAIL]
    if not starts:
        return []
    return [
        (begin, following)
        for begin, following in zip(starts, [*starts[1:], len(line)], strict=True)
        if following == len(line) or following - begin <= _MAX_TAIL
    ]


def _split(line: str) -> list[str]:
    line, dropped_in = _without_addresses(line)
    if dropped_in:  # the line without the addresses dropped into it, then the addresses
        return [*_split(line), *dropped_in]
    run_on = _run_on_chrome(line)
    if run_on is not None:  # "…收藏癖的最 试读已结束，如需继续阅读请下载 本文档由用户上传…"
        return [line[:run_on].strip(), *line[run_on:].split()]  # the chrome's own lines
    tag = _LABEL_TAG.match(line)
    if tag and line[tag.end() :].strip():  # "【来源：某某网】亲爱的同学们：": a tag before any text
        return [tag.group().strip(), *_split(line[tag.end() :].strip())]
    tag = _LABEL_TAG_INSIDE.search(line)
    if tag and line[tag.end() :].strip():  # the line without it, then the tag on its own
        return [*_split(line[: tag.start()] + line[tag.end() :]), tag.group().strip()]
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


def _run_on_chrome(line: str) -> int | None:
    """Where lines of chrome run on, after a space, from a paragraph (a page's text taken with
    the chrome after it, its last sentence maybe cut off): the first chunk near the line's end,
    set apart by a space, that the rules call chrome on its own; or None. Only a line too long
    for its end to be judged whole as a piece (`_pieces`) is looked at."""
    if len(line) <= _MIN_PROSE + _MAX_TAIL or len(line) > _MAX_PARAGRAPH:
        return None
    for space in _SPACE_RUN.finditer(line, max(len(line) - 2 * _MAX_TAIL, _MIN_PROSE)):
        if not _PROSE.search(line, 0, space.start()):
            return None  # no prose before it: a row of chrome, judged whole
        chunk = next(iter(line[space.end() :].split(None, 1)), "")
        if _SENTENCE_END.fullmatch(chunk[-1:]) and not _ENDED.search(line[: space.start()]):
            continue  # "…帮助孩子 下载安装…APP。": the chunk ends the sentence before it
        if _MIN_TAIL <= len(chunk) and _MAY_BE_CHROME.search(chunk):
            key = fold_lines([chunk])[0]
            if first_matching([key], [False])[0] is not None or shape_reason(key) is not None:
                return space.end()
    return None


def _without_addresses(line: str) -> tuple[str, list[str]]:
    """The line without the addresses dropped between its sentences, and those addresses
    (with the site's name or invitation before them, and the brackets around them). An address
    closing the line, or in brackets with its credit ("（某某网 www.….com 原创）"), is its
    tail's to judge. One scan of the line for addresses."""
    spans = injected(line) if _MIN_PROSE < len(line) <= _MAX_PARAGRAPH else []
    pieces: list[str] = []
    dropped: list[str] = []
    done = 0
    for cut_from, cut_to in spans:
        if cut_from < done:
            continue
        lead = line[:cut_from].rstrip()
        if lead[-1:] in _OPENING_BRACKETS:  # "（本文来自 www.….com 某某网）"
            close = _BRACKET_CLOSE.match(line, cut_to)
            if close:
                cut_from, cut_to = len(lead) - 1, close.end()
        before, after = line[done:cut_from].rstrip(), line[cut_to:].lstrip()
        if (
            len(before) >= _MIN_PROSE
            and _PROSE.search(before)
            and len(after) >= _MIN_AFTER_ADDRESS
            and _SENTENCE_END.search(after)
            and after[0] not in _CLOSING_BRACKETS
        ):
            glue = " " if before[-1].isascii() and after[0].isascii() else ""
            pieces.append(before + glue)
            dropped.append(line[cut_from:cut_to].strip())
            done = len(line) - len(after)
    if not dropped:
        return line, []
    return "".join(pieces) + line[done:], dropped


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
