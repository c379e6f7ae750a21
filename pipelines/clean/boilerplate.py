"""Learned site boilerplate: short lines a site repeats on many of its pages.

No rule has to name such a line: the count across pages gives it away. Pure functions; the
store keeps the counts (`site_lines`). Safeguards: nothing is learned before a line is seen on
MIN_PAGES pages and on MIN_SHARE of the site's pages; lines holding the page's own title words
are never counted; letter and speech formulas (此致, 敬礼！, 尊敬的…) are never counted, because
every 申请书 or 演讲稿 has them.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable

import jieba

from pipelines.clean.lines import squash

jieba.setLogLevel(logging.WARNING)  # not its dictionary-loading chatter on every run

MIN_PAGES = 20
MIN_SHARE = 0.3
MAX_LINE_LEN = 120
_FORMULA = re.compile(
    r"^\W*(尊敬|敬爱|亲爱|各位|此致|敬礼|谢谢|大家好|你好|您好|申请人|汇报人|报告人|发言人|"
    r"[\dxX×○〇一二三四五六七八九零]{2,4}\s*年)"
)


def line_hash(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def countable_lines(lines: Iterable[str], title: str) -> dict[str, str]:
    """{hash: squash key} of the lines of one page that may be learned as boilerplate."""
    title_words = {word for word in jieba.cut(title) if len(word.strip()) >= 2}
    countable: dict[str, str] = {}
    for line in lines:
        key = squash(line)
        if not key or len(key) > MAX_LINE_LEN or _FORMULA.match(key):
            continue
        if any(word in key for word in title_words):
            continue
        countable[line_hash(key)] = key
    return countable


def is_learned(pages_with_line: int, site_pages: int) -> bool:
    return pages_with_line >= MIN_PAGES and pages_with_line >= MIN_SHARE * site_pages
