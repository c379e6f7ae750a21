"""A learned line scorer: the chance that a short line the rules kept is site chrome.

The lexicon (rules.py) and the shapes (lineshape.py) name boilerplate one family at a time; on
sites nobody here has read, some lines of a known family come in words no rule has. This module
scores a line by evidence that carries across sites instead of by its wording: its length and
punctuation, label and counter shapes, how many words of each family of chrome vocabulary it
holds (meta labels, counters, actions, document-library terms, site words, editors' words,
navigation, social accounts, CMS errors), and where it sits against the page's prose (before the
first prose line, after the last, between two).

The weights are a logistic regression fitted by `bench/train_line_model.py` on pages the cleaner
was not scored on, and stored beside this module as `line_model.json` with how they were made,
with two bars chosen by cross-validation: one for the header (the lines above the first prose)
and one for the rest of the page.
Only lines the rules kept, up to `MAX_LINE` characters, that do not open an essay or section are
scored, so prose and structure stay out of the model's reach.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipelines.clean.essays import may_open_essay
from pipelines.clean.lineshape import (
    ACTIONS,
    COUNTER,
    DOMAIN,
    LABEL,
    STAMP,
    action_count,
    has_count_tail,
    is_template_line,
    label_count,
)
from pipelines.clean.rules import is_literal, word_automaton
from pipelines.clean.textnorm import cjk_count

MODEL_FILE = Path(__file__).with_name("line_model.json")
# Longer lines are prose or a blurb (blurbs.py): never scored.
MAX_LINE = 80

# Families of chrome vocabulary, on folded keys (simplified script, lower case). A family is a
# kind of site furniture, so the model weighs "how much of the line is furniture words", not
# any one phrase.
_FAMILIES = {
    "meta": r"作者|来源|出处|发布|发表|更新|时间|日期|编辑|责编|栏目|分类|类别|标签|tag|关键[词字]|简介|摘要|导读",
    "counter": r"人气|阅读|浏览|点击|热度|访问|围观|评论|点赞|收藏|下载|次数|播放",
    "action": r"打印|收藏|关闭|分享|复制|纠错|举报|投稿|返回|字号|登录|注册|搜索|查看|点此|点击|进入|"
    r"订阅|关注|扫码|扫一扫|二维码|加入|购买|开通|充值|立即|免费",
    "doc": r"文档|文库|下载|上传|页数|大小|kb|mb|doc|pdf|ppt|会员|预览|全文|积分|侵权|版权|原创|"
    r"共\d+页|第\d+页",
    "site": r"本站|本网|网站|网址|首页|主页|频道|专题|手机版|电脑版|app|客户端|官网|备案|icp|copyright|"
    r"all rights|版权所有|联系我们|网",
    "editor": r"小编|编辑|整理|收集|精心|参考|借鉴|下面|以下|分享|推荐|相关|更多|阅读|仅供",
    "nav": r"上一|下一|上篇|下篇|目录|列表|返回|更多|相关|推荐|热门|最新|排行|猜你喜欢",
    "social": r"微信|公众号|微博|qq|群|扫码|二维码|抖音|小红书|头条|百家号",
    "error": r"错误|不能为空|失败|不存在|异常|error|404|null|undefined|请稍后|验证码",
}
_FAMILY = {name: re.compile(pattern) for name, pattern in _FAMILIES.items()}
_SENTENCE = re.compile(r"[。！？!?]")
_CLAUSE = re.compile(r"[，,、；;]")
_LABEL_START = re.compile(r"^\W{0,3}[\w ]{1,6}\s*[:：]")
_BRACKET_START = re.compile(r"^\W*[【\[［]")
_SEPARATOR = re.compile(r"[|｜>»›→/·•]")
_NUMBER = re.compile(r"\d+")
_DIGIT = re.compile(r"\d")
# The opening of an essay or a section: "篇一", "第二篇", "一、", "(三)". Never scored.
_OPENING = re.compile(
    r"^\W*(第?[一二三四五六七八九十\d]{1,3}[、.．)）篇章节部]|[(（【][一二三四五六七八九十\d]{1,3}[)）】]"
    r"|(篇|范文|范例|例文)[一二三四五六七八九十\d]{1,3})"
)
# A letter's or speech's salutation ("敬爱的党组织：", "各位领导、同事们："): the essay's own.
# A notice's addressees, too: "各班级：", "县财政局：", "各社区党组织、机关各支部：".
_SALUTATION = re.compile(
    r"^\W*(尊敬|敬爱|亲爱|各|全体|在座|同志们|同学们|老师们|朋友们|女士们|先生们|家长们)[^:：]{0,24}[:：]?\W*$|"
    r"^[^:：]{1,16}(局|厅|委员会|政府|党委|党组|办公室|公司|学校|医院|中心|科室|部门|单位|支部)[:：]$"
)
_MIN_PROSE = 40
_MIN_OPEN_CLAUSE = 4
# A line with sentence punctuation and this many Chinese characters is a sentence.
_MIN_SENTENCE = 12
# Three clauses or more: a broken line's, not a notice's "本文档支持在线编辑，下载后可直接打印".
_CLAUSE_COMMA = re.compile(
    r"[\u4e00-\u9fff][，,][\u4e00-\u9fff].*[\u4e00-\u9fff][，,][\u4e00-\u9fff]"
)
# A sentence of two clauses or more, ended: prose however short.
_CLAUSES = re.compile(r"[，,；;][^，,；;]*[。！？!?][”’」』)）]*$")


def _is_prose(key: str) -> bool:
    return len(key) > _MIN_PROSE and bool(_SENTENCE.search(key) or _CLAUSE.search(key))


def _capped(count: float, cap: float) -> float:
    return min(count, cap) / cap


def _line_features(key: str) -> dict[str, float]:
    size = len(key) or 1
    unpunctuated = len(key) <= _MIN_PROSE and not _SENTENCE.search(key) and not _CLAUSE.search(key)
    features = {
        "log_length": math.log1p(len(key)) / 6,
        "short": float(len(key) <= 12),
        "medium": float(12 < len(key) <= 40),
        "long": float(len(key) > 80),
        "cjk_share": cjk_count(key) / size,
        "digit_share": sum(c.isdigit() for c in key) / size,
        "latin_share": sum("a" <= c <= "z" for c in key) / size,
        "space_share": key.count(" ") / size,
        "sentences": _capped(len(_SENTENCE.findall(key)), 3),
        "clauses": _capped(len(_CLAUSE.findall(key)), 5),
        "ends_sentence": float(bool(key) and key[-1] in "。！？!?…"),
        "ends_colon": float(bool(key) and key[-1] in ":："),
        "label_start": float(bool(_LABEL_START.match(key))),
        "labels": _capped(label_count(key), 3),
        "bracket_start": float(bool(_BRACKET_START.match(key))),
        "separators": _capped(len(_SEPARATOR.findall(key)), 4),
        "stamp": float(bool(STAMP.search(key))),
        "domain": float(bool(DOMAIN.search(key))),
        "counter": float(bool(COUNTER.search(key))),
        "actions": _capped(action_count(key), 3),
        "opening": float(bool(_OPENING.match(key))),
        "quoted_title": float("《" in key),
        "numbers": _capped(len(_NUMBER.findall(key)), 4),
        "unpunctuated": float(unpunctuated),
    }
    for name, pattern in _FAMILY.items():
        hits = len(pattern.findall(key))
        features["words_" + name] = _capped(hits, 3)
        features["density_" + name] = _capped(hits / max(size / 20, 1), 2)
    return features


def page_features(
    keys: list[str],
    indexes: Iterable[int] | None = None,
    removed: Sequence[bool] | None = None,
) -> dict[int, dict[str, float]]:
    """Features of the lines at `indexes` (every line by default), given the page's folded
    keys (`lineshape.fold_lines`) and which lines the rules removed (chrome comes in runs: a
    line between removed lines is more likely chrome than one between prose)."""
    gone = removed if removed is not None else [False] * len(keys)
    count = len(keys)
    prose = [_is_prose(key) for key in keys]
    first = next((i for i, is_prose in enumerate(prose) if is_prose), count)
    last = max((i for i, is_prose in enumerate(prose) if is_prose), default=-1)
    seen = Counter(keys)
    rows: dict[int, dict[str, float]] = {}
    for index in range(count) if indexes is None else indexes:
        key = keys[index]
        features = _line_features(key)
        features.update(
            position=index / max(count - 1, 1),
            first_lines=float(index < 3),
            last_lines=float(index >= count - 3),
            before_prose=float(index < first),
            after_prose=float(index > last),
            prose=float(prose[index]),
            prose_before=float(index > 0 and prose[index - 1]),
            prose_after=float(index + 1 < count and prose[index + 1]),
            repeated=float(seen[key] > 1),
            removed_before=float(_neighbour(keys, gone, index, -1)),
            removed_after=float(_neighbour(keys, gone, index, 1)),
        )
        features["header_shape"] = features["before_prose"] * features["unpunctuated"]
        features["footer_shape"] = features["after_prose"] * features["unpunctuated"]
        rows[index] = features
    return rows


def _neighbour(keys: list[str], removed: Sequence[bool], index: int, step: int) -> bool:
    """Whether the nearest non-empty line before (step -1) or after (+1) was removed."""
    index += step
    while 0 <= index < len(keys):
        if keys[index]:
            return removed[index]
        index += step
    return False


FEATURES = tuple(page_features([""])[0])


# Anything of site furniture: a family's word, an action, a label, a counter, an address, a
# separator. The words go into one Aho-Corasick automaton; the few shapes left are searched
# only where they can match (a label needs a colon, a counter a digit).
_WORDS = [
    word
    for pattern in [*_FAMILIES.values(), re.sub(r"\([^)]*\)\??", "", ACTIONS.pattern)]
    for word in pattern.split("|")
    if word and is_literal(word)
]
_SHAPES = re.compile(
    "|".join(
        [
            *(
                word
                for pattern in _FAMILIES.values()
                for word in pattern.split("|")
                if not is_literal(word)
            ),
            _LABEL_START.pattern,
            _SEPARATOR.pattern,
            DOMAIN.pattern,
        ]
    )
)


_FURNITURE_WORDS = word_automaton(_WORDS)


def _has_evidence(key: str) -> bool:
    for _ in _FURNITURE_WORDS.iter(key):
        return True
    if _SHAPES.search(key):
        return True
    if (":" in key or "：" in key) and LABEL.search(key):
        return True
    return _DIGIT.search(key) is not None and COUNTER.search(key) is not None


def judged(key: str) -> bool:
    """Whether the model may judge a line at all. It must carry something of site furniture
    (a chrome word, a label, a counter, a separator): a short line with none (a heading, a
    name, a date alone) is not the model's to remove. Nor is a line that opens an essay or a
    section, a letter's or speech's salutation, a field of the form the page is a template of
    ("姓名：…", "参加人员：…"), or a sentence of prose (editors' sentences are blurbs.py's)."""
    if not key or len(key) > MAX_LINE or not _has_evidence(key):
        return False
    if _OPENING.match(key) or may_open_essay(key) or _SALUTATION.match(key):
        return False
    if is_template_line(key):  # a field of the form the page is a template of, an agenda item
        return False
    if has_count_tail(key):  # "…心得体会(精选12篇)": a collection's title
        return False
    if (_SENTENCE.search(key) or _CLAUSE_COMMA.search(key)) and cjk_count(key) >= _MIN_SENTENCE:
        return False  # a sentence, or a broken line's clauses ("…做文章，进一步完善…，让更多")
    if key.endswith(("，", ",", "、", "；", ";")) and cjk_count(key) >= _MIN_OPEN_CLAUSE:
        return False  # a clause left open for the next line: a poem's or a broken line's
    return not _CLAUSES.search(key)  # "网络安全，人人有责。": a short sentence of clauses


@dataclass(frozen=True)
class LineModel:
    names: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float
    # Before the first line of prose (the header, where chrome crowds and an essay has only
    # its title, markers and a salutation, which are never scored) a lower bar does.
    header_threshold: float | None = None

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(
            w * features[name] for name, w in zip(self.names, self.weights, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))

    def chrome(self, keys: list[str], removed: Sequence[bool]) -> set[int]:
        """The lines the rules kept (`removed[i]` false) that the model calls chrome."""
        lines = [index for index, key in enumerate(keys) if not removed[index] and judged(key)]
        if not lines:
            return set()
        rows = page_features(keys, lines, removed)
        return {
            index
            for index, row in rows.items()
            if self.probability(row) > self._bar(row["before_prose"] > 0)
        }

    def _bar(self, in_header: bool) -> float:
        return self.header_threshold if in_header and self.header_threshold else self.threshold


_disabled = False


def active() -> LineModel | None:
    """The model the cleaner uses (None inside `disabled()`)."""
    return None if _disabled else load()


@contextmanager
def disabled() -> Iterator[None]:
    """The rules alone: what training labels the pages with."""
    global _disabled
    before, _disabled = _disabled, True
    try:
        yield
    finally:
        _disabled = before


@cache
def load(path: Path = MODEL_FILE) -> LineModel | None:
    """The stored model, or None when there is none (or its features no longer match)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    names = tuple(data["features"])
    if set(names) != set(FEATURES):
        return None  # features changed since training: retrain with bench/train_line_model.py
    header = data.get("header_threshold")
    return LineModel(
        names,
        tuple(data["weights"]),
        float(data["bias"]),
        float(data["threshold"]),
        float(header) if header is not None else None,
    )
