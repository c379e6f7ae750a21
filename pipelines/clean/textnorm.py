"""Character-level normalization shared by the structure and dedup stages."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from itertools import islice

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CHAR = re.compile(f"[{CJK}]")
_NOT_CJK_RUN = re.compile(f"[^{CJK}]+")
_FULL_PUNCT = "，。、；：！？（）“”‘’《》【】…—"
_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
_HALF_PUNCT = re.compile(r"[,:;!?()]")
_SPACE_BETWEEN_CJK = re.compile(f"(?<=[{CJK}{_FULL_PUNCT}])[ \t\u3000]+(?=[{CJK}{_FULL_PUNCT}])")
_NUMERALS = {c: i for i, c in enumerate("零一二三四五六七八九", start=0)} | {"两": 2}


# Full-width ASCII and the ideographic space: what NFKC changes in most Chinese pages.
_SHORT = 256
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_WIDE_RUN = re.compile("[\uff01-\uff5e\u3000]+")


def _narrow(match: re.Match[str]) -> str:
    return match.group().translate(_WIDTH)


def nfkc(text: str) -> str:
    """unicodedata.normalize("NFKC", text), several times faster on Chinese text: runs of
    full-width forms are mapped by a table (str.translate is slow over CJK text, which holds
    none of the table's keys, so only the runs are handed to it), and the full normalization
    runs only on the lines where something else is left to change (a compatibility character
    such as "…", a combining sequence). A newline never composes with its neighbours, so
    normalizing line by line gives the same text."""
    if len(text) < _SHORT:
        return unicodedata.normalize("NFKC", text)  # the table costs more than it saves
    narrowed = _WIDE_RUN.sub(_narrow, text)
    if unicodedata.is_normalized("NFKC", narrowed):
        return narrowed
    return "\n".join(
        line if unicodedata.is_normalized("NFKC", line) else unicodedata.normalize("NFKC", line)
        for line in narrowed.split("\n")
    )


def is_cjk(char: str) -> bool:
    return bool(char) and bool(_CJK_CHAR.match(char))


def cjk_count(text: str) -> int:
    return len(_NOT_CJK_RUN.sub("", text))  # deleting runs is far cheaper than listing matches


def cjk_at_least(texts: Iterable[str], count: int) -> bool:
    """Whether the texts hold `count` Chinese characters or more between them; counting stops
    there, so a long article is not counted through to learn it is not empty."""
    found = 0
    for text in texts:
        found += sum(1 for _ in islice(_CJK_CHAR.finditer(text), count - found))
        if found >= count:
            return True
    return found >= count


def unify_punctuation(text: str) -> str:
    """Half-width ,:;!?() next to Chinese text become full-width; numbers and URLs are left."""
    text = _SPACE_BETWEEN_CJK.sub("", text)

    def widen(match: re.Match[str]) -> str:
        char, index = match.group(), match.start()
        before = _neighbour(text, index, -1)
        after = _neighbour(text, index, +1)
        if char in ",:" and before.isdigit() and after.isdigit():
            return char  # 3,000 and 10:30
        if _is_chinese_side(before) or _is_chinese_side(after):
            return _HALF_TO_FULL[char]
        return char

    return _HALF_PUNCT.sub(widen, text)


def _neighbour(line: str, index: int, step: int) -> str:
    index += step
    while 0 <= index < len(line) and line[index] in " \t":
        index += step
    return line[index] if 0 <= index < len(line) else ""


def _is_chinese_side(char: str) -> bool:
    return is_cjk(char) or (bool(char) and char in _FULL_PUNCT)


def chinese_number(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20, 7 → 7; None for anything else."""
    if text.isdigit():
        return int(text)
    if not text or any(c not in _NUMERALS and c != "十" for c in text):
        return None
    if "十" not in text:
        return _NUMERALS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    value = (_NUMERALS.get(tens, 0) if tens else 1) * 10
    return value + (_NUMERALS.get(ones, 0) if ones else 0)


class JoinedLines:
    """Lines joined by newlines, so one regular-expression scan covers a page, with the way
    back from a position in the joined text to the line it falls in."""

    def __init__(self, lines: Sequence[str]) -> None:
        self.text = "\n".join(lines)
        self._starts = [0]
        for line in lines[:-1]:
            self._starts.append(self._starts[-1] + len(line) + 1)

    def line_at(self, position: int) -> int:
        return bisect_right(self._starts, position) - 1
