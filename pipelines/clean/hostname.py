"""The site's brand, found where a short line spells the page's host name in pinyin.

Chinese sites name their hosts after their brand, in full pinyin ("读书屋" at dushuwu.net), in
initials ("应届毕业生" at yjbys.com), or both ("古诗文作文" at gushiwenzw.com), often with digits
kept ("日记100" at riji100.com) or added ("求知吧" at qiuzhi8.com). A brand that ends in no 网
or 站 looks like any short title; spelling the host is evidence that it is the site's name,
whatever its words.
"""

from __future__ import annotations

import importlib.util
import json
import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from pipelines.clean.textnorm import is_cjk

# Host labels that name a service, not the site, and the endings of registered domains.
_SERVICE_LABELS = frozenset({"www", "m", "wap", "3g", "mobile", "bbs", "touch", "h5", "web", "mip"})
_DOMAIN_ENDS = frozenset({"com", "cn", "net", "org", "gov", "edu", "hk", "tw", "cc", "top", "info"})
# A segment of a line: the parts between separators ("读书屋 · 每日好文", "<title> - 读书屋").
_SEPARATORS = re.compile(r"\s+[-—_]+\s+|[\s|｜·•_/>»›:：,，、()（）\[\]【】]+")
_MIN_BRAND, _MAX_BRAND = 2, 12
_MAX_LINE = 40  # a longer line is prose or a menu, no brand's
# What a brand may add to what its host spells: "求知吧" at qiuzhi8, "读书屋手机站" at dushuwu.
_SITE_WORDS = frozenset(
    {
        "网",
        "站",
        "吧",
        "网站",
        "手机站",
        "手机版",
        "手机网",
        "官网",
        "在线",
        "社区",
        "论坛",
        "频道",
        "平台",
        "文库",
    }
)
_MIN_HOST_LETTERS = 4  # a shorter host spells too many words by chance
_MIN_INITIALS_SPELLED = 3  # characters, when the host spells their initials only


def host_brands(url: str, lines: Iterable[str]) -> tuple[str, ...]:
    """The segments of these lines (the page's first ones) that spell the page's host."""
    labels = _host_labels(url)
    if not labels:
        return ()
    found: set[str] = set()
    for line in lines:
        if len(line) > _MAX_LINE:
            continue
        for segment in _SEPARATORS.split(line.strip()):
            if not _MIN_BRAND <= len(segment) <= _MAX_BRAND:
                continue
            if any(map(is_cjk, segment)):
                if any(_spells(label, segment.lower()) for label in labels):
                    found.add(segment)
            elif segment.isascii() and segment.lower() in labels:
                found.add(segment)  # "ZuowenHub" at zuowenhub.com
    return tuple(sorted(found, key=len, reverse=True))


def _host_labels(url: str) -> list[str]:
    """The labels of the host that may spell the brand: "m.qiuzhi8.com" → ["qiuzhi8"]."""
    host = (urlsplit(url).hostname or "").lower()
    labels = [label for label in host.split(".") if label]
    while labels and labels[-1] in _DOMAIN_ENDS:
        labels.pop()
    labels = [label.replace("-", "") for label in labels if label not in _SERVICE_LABELS]
    return [
        label
        for label in labels
        if label.isascii() and sum(c.isalpha() for c in label) >= _MIN_HOST_LETTERS
    ]


def _spells(label: str, brand: str) -> bool:
    """Whether the host label is the brand's characters in order, each as its full pinyin or
    its initial (digits and letters as themselves): all of them but a site word after them
    ("读书屋手机站" at dushuwu), and the whole label but for trailing digits ("求知吧" at
    qiuzhi8). A host named after a topic ("jiaoshijie") spells no title on it ("教师节演讲稿")."""
    chars = [c for c in brand if c.isalnum()]
    core = label.rstrip("0123456789") if not any(c.isdigit() for c in chars) else label
    # For each position in the label reached: the brand characters spelled up to it, and how
    # many of them as a full reading (the most found).
    best: dict[int, tuple[int, int]] = {0: (0, 0)}  # label position -> (chars, full readings)
    for char in chars:
        readings = _readings(char)
        step: dict[int, tuple[int, int]] = {}
        for at, (count, full) in best.items():
            for reading, is_full in readings:
                if label.startswith(reading, at):
                    end, value = at + len(reading), (count + 1, full + is_full)
                    if step.get(end, (0, -1))[1] < value[1]:
                        step[end] = value
        if not step:
            break
        best = step
        if len(core) in best:
            count, full = best[len(core)]
            rest = "".join(chars[count:])
            if (not rest or rest in _SITE_WORDS) and (full or count >= _MIN_INITIALS_SPELLED):
                return count >= _MIN_BRAND
    return False


@cache
def _readings(char: str) -> tuple[tuple[str, bool], ...]:
    """A character's spellings in a host: (spelling, whether it is a full reading)."""
    if not is_cjk(char):
        return ((char.lower(), True),)
    full = _toneless().get(char, ())
    initials = {reading[0] for reading in full} | {
        r[:2] for r in full if r[:2] in ("zh", "ch", "sh")
    }
    return (*((r, True) for r in full), *((r, False) for r in sorted(initials)))


@cache
def _toneless() -> dict[str, tuple[str, ...]]:
    """Each character's readings without tones ("绿": "lu", "lv"), from pypinyin's table of
    single characters: read as data, without importing pypinyin, whose phrase tables would
    take some 50 MiB for nothing this module asks of them."""
    spec = importlib.util.find_spec("pypinyin")
    if spec is None or spec.origin is None:
        return {}
    table = json.loads(Path(spec.origin).with_name("pinyin_dict.json").read_text("utf-8"))
    readings: dict[str, tuple[str, ...]] = {}
    for code, listed in table.items():
        found: set[str] = set()
        for reading in listed.split(","):
            marked = unicodedata.normalize("NFD", reading)
            plain = "".join(c for c in marked if not unicodedata.combining(c))
            found.add(plain)
            if "\u0308" in marked:  # ü: "lu" and "lv" both spell it in hosts
                found.add(plain.replace("u", "v"))
        readings[chr(int(code))] = tuple(sorted(found))
    return readings
