"""Repair mojibake: Chinese text decoded with the wrong codec before it reached us.

Detectable because real Chinese prose is made almost entirely (≥ 95%) of the 3,755 common
characters of GB2312 level 1, while UTF-8 bytes read as GBK ("鎴戜滑…") or GBK read one byte
off produce mostly rare ones. A line that scores low is re-encoded and decoded the way it
should have been (UTF-8, or GBK shifted by one byte); the repair is kept only when it turns
into common characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_CJK = re.compile("[\u4e00-\u9fff]")
_COMMON_CHARS = "".join(
    bytes([high, low]).decode("gb2312")
    for high in range(0xB0, 0xD8)
    for low in range(0xA1, 0xFF)
    if not (high == 0xD7 and low > 0xF9)
)
_COMMON = re.compile(f"[{_COMMON_CHARS}]")
# Below this share of common characters a page (or line) is suspect; a repair must reach
# REPAIRED_SHARE. Traditional-script pages score about 0.75, garbled text about 0.1–0.3.
# Share of a sample's GB18030 bytes spent on characters outside GB2312 that makes it suspect.
_RARE_BYTES = 0.1
_SUSPECT_LINE = 0.5
_REPAIRED_SHARE = 0.85
_MIN_CJK = 6
_SAMPLE = 1500
# "，" "。" "的" "在" as UTF-8 bytes read as GBK: common in mojibake, nearly absent elsewhere.
_TELLTALE = re.compile("[锛銆鐨鍦]")


def common_share(text: str) -> float:
    """Share of the Chinese characters of `text` that are common (GB2312 level 1)."""
    cjk = len(text) - len(_CJK.sub("", text))
    if cjk == 0:
        return 1.0
    return (len(text) - len(_COMMON.sub("", text))) / cjk


def repair(lines: list[str]) -> tuple[list[str], bool]:
    """The lines with garbled ones repaired, and whether any line was."""
    text = "\n".join(lines)
    if not _TELLTALE.search(text) and not _many_rare(text[:_SAMPLE]):
        return lines, False
    repaired = False
    lines = list(lines)
    for index, line in enumerate(lines):
        if len(_CJK.findall(line)) < _MIN_CJK or common_share(line) >= _SUSPECT_LINE:
            continue
        fixed = _best_reading(line)
        if fixed is not None:
            lines[index], repaired = fixed, True
    return lines, repaired


def _many_rare(text: str) -> bool:
    """Cheap gate (both encodings run in C): many characters outside GB2312 altogether."""
    full = len(text.encode("gb18030"))
    return full > 0 and (full - len(text.encode("gb2312", errors="ignore"))) / full > _RARE_BYTES


def _best_reading(line: str) -> str | None:
    best, best_share = None, _REPAIRED_SHARE
    for reading in _READINGS:
        try:
            candidate = reading(line)
        except UnicodeError:
            continue
        share = common_share(candidate)
        if share >= best_share and len(_CJK.findall(candidate)) >= _MIN_CJK:
            best, best_share = candidate, share
    return best


_READINGS: tuple[Callable[[str], str], ...] = (
    # UTF-8 bytes that were decoded as GBK.
    lambda line: line.replace("\ufffd", "").encode("gb18030").decode("utf-8", errors="ignore"),
    # GBK bytes decoded one byte off, in either direction.
    lambda line: line.encode("gb18030")[1:].decode("gb18030", errors="ignore"),
    lambda line: (b"\xa1" + line.encode("gb18030")).decode("gb18030", errors="ignore"),
)
