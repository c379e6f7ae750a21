"""Chrome glued before the prose on one line: split it off so the line rules can see it.

Text taken from a page often runs a block of chrome into the paragraph after it: a trail of
links ("首页 > 作文 > 春天的校园 春天来了，…") or a row of labels with their values ("作者：某某
来源：网络 时间：2023-04-01 春天来了，…"). Left whole, the line is prose and keeps its chrome. Such
a prefix is split off only when what follows it is prose, so a line that is all chrome, or all
essay, is left as it is.
"""

from __future__ import annotations

import re

from pipelines.clean.rules import META_LABELS
from pipelines.clean.script import t2s

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


def split_glued(lines: list[str]) -> list[str]:
    """The lines, with a trail or a row of labels glued before prose put on a line of its own."""
    out: list[str] = []
    for line in lines:
        out.extend(_split(line))
    return out


def _split(line: str) -> list[str]:
    if len(line) <= _MIN_PROSE or not _MAY_GLUE.search(line, 0, _MAX_PREFIX):
        return [line]
    # Labels are matched in simplified script; a traditional line is converted for the match
    # when the conversion keeps every character's place.
    simplified = t2s(line)
    probe = simplified if len(simplified) == len(line) else line
    for pattern in (_LABELS, _TRAIL):
        match = pattern.match(probe)
        if match is None or match.end() > _MAX_PREFIX:
            continue
        rest = line[match.end() :].strip()
        if len(rest) >= _MIN_PROSE and _PROSE.search(rest):
            return [line[: match.end()].strip(), rest]
    return [line]
