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

from pipelines.clean.lineshape import fold, shape_reason
from pipelines.clean.rules import META_LABELS, first_matching
from pipelines.clean.script import t2s
from pipelines.clean.textnorm import nfkc

# Two or more labels with their values (a time may follow a date), then the prose.
_LABELS = re.compile(
    rf"^\s*(?:(?:{META_LABELS}|时间|日期)\s*[:：]\s*[^\s:：]{{1,30}}(?:\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?\s+){{2,}}"
)
# Two or more links of a trail and the last crumb, then the prose.
_TRAIL = re.compile(r"^\s*(?:[^\s>»→＞]{1,12}\s*(?:>>?|»|→|＞)\s*){2,}[^\s>»→＞]{1,30}\s+")
_MAY_GLUE = re.compile(r"[:：>»→＞]")
_PROSE = re.compile(r"[。！？；，,;!?]")
_MIN_PROSE = 20
_MAX_PREFIX = 120
# A sentence's end and the quotes or brackets that may close after it; how long what follows
# a line's last sentence may be to be tried as chrome.
_SENTENCE_ENDS = "。！？!?"
_CLOSERS = "”’」』)）"
_MIN_TAIL = 2
_MAX_TAIL = 80


def split_glued(lines: list[str]) -> list[str]:
    """The lines, with a trail or a row of labels glued before prose, and a line of chrome the
    rules know glued after it, put on lines of their own."""
    out: list[str] = []
    for line in lines:
        for part in _split(line):
            out.extend(_split_tail(part))
    return out


def _split_tail(line: str) -> list[str]:
    """ "…心里感到特别快乐。上一篇：夏天": what follows the last sentence, when a line rule or a
    line's shape calls it chrome on its own."""
    # Only the last _MAX_TAIL characters are looked at (a page may be one huge line).
    window = len(line) - _MAX_TAIL - 2
    end = max(line.rfind(mark, max(window, 0)) for mark in _SENTENCE_ENDS)
    if end < _MIN_PROSE:
        return [line]
    end += 1
    while end < len(line) and line[end] in _CLOSERS:
        end += 1
    tail = line[end:].strip()
    if not _MIN_TAIL <= len(tail) <= _MAX_TAIL:
        return [line]
    key = nfkc(tail).strip()
    if first_matching([key], [False])[0] is None and shape_reason(fold(tail)) is None:
        return [line]
    return [line[:end].strip(), tail]


def _split(line: str) -> list[str]:
    if len(line) <= _MIN_PROSE or not _MAY_GLUE.search(line, 0, _MAX_PREFIX):
        return [line]
    # Labels are matched in simplified script; a traditional line is converted for the match
    # when the conversion keeps every character's place.
    head = line[: _MAX_PREFIX + 1]  # a prefix is no longer: never scan a huge line
    simplified = t2s(head)
    probe = simplified if len(simplified) == len(head) else head
    for pattern in (_LABELS, _TRAIL):
        match = pattern.match(probe)
        if match is None or match.end() > _MAX_PREFIX:
            continue
        rest = line[match.end() :].strip()
        if len(rest) >= _MIN_PROSE and _PROSE.search(rest):
            return [line[: match.end()].strip(), rest]
    return [line]
