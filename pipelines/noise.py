"""Noise inside sentences: removed from a line while the line itself is kept.

Zero-width characters, emoji, stray backticks, HTML tag debris, literal "x0dx0a" escapes,
Discuz edit stamps, the site's own name injected into the prose, pinyin annotations such as
學(xué), and paywall markers (which also flag the essay `truncated`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipelines.rules import TRUNCATION, TRUNCATION_SPAN

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\ufe0f\u20e3]")
_EMOJI = re.compile("[\U0001f000-\U0001faff\U0001fc00-\U0001ffff]")
# Each alternative starts with a literal character, which keeps the search fast.
_DEBRIS = re.compile(
    r"`+|</?(?:p|br|div|span|strong|font|td|tr)\b[^<>]{0,40}/?>|&lt;/?(?:p|br|div|span)\s*/?&gt;|"
    r"(?<![A-Za-z<])/(?:p|div|span|td|tr|strong|font)>|&nbsp;?|_x000[dD]_|x0d(?:x0a)?|x0a(?![a-z])",
    re.IGNORECASE,
)
_DISCUZ = re.compile(r"本帖最后由\s*\S{1,30}\s*于\s*[\d\-/: ]{8,20}\s*编辑")
# A pinyin syllable with a tone mark, in brackets right after a Chinese character.
_PINYIN = re.compile(
    rf"(?<=[{_CJK}])\s*[（(]\s*[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\s*[)）]", re.IGNORECASE
)
_NOISE = (_INVISIBLE, _EMOJI, _DEBRIS, _DISCUZ, _PINYIN)
_ANY_NOISE = re.compile("|".join(f"(?:{p.pattern})" for p in _NOISE), re.IGNORECASE)
_SITE_NAME = re.compile(
    rf"[{_CJK}A-Za-z0-9]{{2,10}}(?:范文网|文库|作文网|文秘网|范文大全|资料网|学习网)"
)
# A site-name-like string needs this many characters before it is removed from prose.
_MIN_SITE_NAME = 4


def site_names(candidates: Iterable[str | None]) -> tuple[str, ...]:
    """Site names found in the given strings (profile name, <title>, slogan lines), longest first."""
    names: set[str] = set()
    for text in candidates:
        for match in _SITE_NAME.finditer(text or ""):
            names.add(match.group(0))
        if text and len(text) <= 12 and text.endswith(("网", "站", "文库")):
            names.add(text)
    return tuple(sorted((n for n in names if len(n) >= _MIN_SITE_NAME), key=len, reverse=True))


def strip_noise(line: str, names: tuple[str, ...] = ()) -> tuple[str, bool]:
    """The line without inline noise, and whether a truncation marker was cut out of it."""
    cleaned = line
    if _ANY_NOISE.search(cleaned):  # most lines are clean: one search instead of five subs
        for pattern in _NOISE:
            cleaned = pattern.sub("", cleaned)
    for name in names:
        cleaned = cleaned.replace(name, "")
    truncated = False
    if TRUNCATION.search(cleaned):
        cleaned, count = TRUNCATION_SPAN.subn("", cleaned)
        truncated = count > 0
    return cleaned.strip(), truncated
