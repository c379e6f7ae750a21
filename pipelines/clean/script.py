"""Traditional → simplified Chinese with OpenCC, only for pages written in traditional script."""

from __future__ import annotations

from operator import ne

import opencc

from pipelines.clean.textnorm import cjk_count

_T2S = opencc.OpenCC("t2s")
# One converter for the package (loading OpenCC's dictionaries costs ~20 ms).
t2s = _T2S.convert
# Share of Chinese characters that OpenCC changes above which a page is traditional. Simplified
# text changes by well under 1% (a few ambiguous characters); traditional text by 15–30%.
_TRADITIONAL_SHARE = 0.05
_MIN_CHANGED = 3


def to_simplified(lines: list[str]) -> tuple[list[str], bool]:
    """The lines in simplified script, and whether they were traditional."""
    text = "\n".join(lines)
    converted = _T2S.convert(text)
    if converted == text:
        return lines, False
    changed = sum(map(ne, text, converted))  # compares in C, character by character
    if changed < _MIN_CHANGED or changed / max(cjk_count(text), 1) < _TRADITIONAL_SHARE:
        return lines, False
    return converted.split("\n"), True
