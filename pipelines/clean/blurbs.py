"""Editors' blurbs: the sentences a site writes around an essay ("下面是小编整理的…，希望对你
有帮助", "一起来看看吧"), wherever an essay starts or ends, in any script.

A sentence is scored by independent cues on its folded form (see pipelines/lineshape.py): a
gatherer (小编, 本站, 我们 …) next to a gathering verb (整理, 收集, 带来 …), a pointer at what
follows (下面, 以下 …), an address to the reader (为大家, 给您 …) and a closing wish (希望…有帮助,
仅供参考, 一起来看看吧 …). One cue proves little; two in one sentence are an editor talking.
"""

from __future__ import annotations

import re

from pipelines.clean.lineshape import fold_lines
from pipelines.clean.textnorm import JoinedLines

_EDITOR = re.compile(r"小编|本站|编者|笔者|本网|网编|站长|栏目")
_GATHER = re.compile(
    r"(整理|收集|搜集|准备|带来|分享|推荐|精选|汇总|提供|编辑|讲一讲|介绍|搜罗|挑选|编写|撰写|奉上)"
    r"(了|的|好)?"
)
_POINTER = re.compile(r"(下面|以下|以上|接下来|下文|本文|这里|今天|这篇|这些)")
_READER = re.compile(r"(为|给|帮|向)(大家|您|你|各位|朋友们|同学们)")
# A closing wish: "希望…" with what it wishes after a gap (two forms below), or the rest.
_WISH = "希望{gap}(帮助|帮到|喜欢|有用|启发|参考|收获|借鉴|用处)"
_OTHER_CLOSERS = (
    r"|(仅)?(?<!提)供(大家|您|你|各位)?(参考|借鉴|阅读|参阅|学习)"  # not "为…提供参考"
    r"|欢迎(大家|您|你|各位)?(阅读|借鉴|参考|收藏|分享|查阅|阅览)|一起(来)?(看看|欣赏|了解|学习|阅读|瞧瞧|感受|品读|领略)"
    r"|(感谢|谢谢)(您|你|大家)的?(参阅|阅读|支持)|相信.{0,16}(帮助|有用|收获|喜欢)|快来(看看|挑选|收藏|学习|参考)|(快|赶快|赶紧)收藏"
    r"|(看看|瞧瞧)吧|(请|敬请)(阅读|参考|参阅)|以上(就)?是.{0,40}(全部|所有|相关)?(内容|介绍|资料)"
)
_CLOSER = re.compile(_WISH.format(gap=".{0,24}") + _OTHER_CLOSERS)
# The closing wish as it must stand when it is a line's only cue: within one clause.
_LONE_CLOSER = re.compile(_WISH.format(gap="[^，,。；;]{0,24}") + _OTHER_CLOSERS)
# Where a closing wish can start: what _CLOSER's alternatives begin with.
_CLOSER_HEAD = re.compile(
    r"希望|供(大家|您|你|各位)?(参考|借鉴|阅读|参阅|学习)|欢迎|一起|感谢|谢谢|相信|快来|收藏|"
    r"看看吧|瞧瞧吧|请(阅读|参考)|以上"
)
# An editor announcing the collection that follows, a cue worth two: "本文整理了两则例文",
# "下面为大家准备了3篇范文", "现推荐三篇", "本页精选5份".
_ANNOUNCE = re.compile(
    r"(本文|下面|以下|现|本页|这里|下文)(为(大家|您|你|各位))?(整理|准备|精选|推荐|收集|汇总|挑选|带来|收录)了?"
    r".{0,16}?([一二两三四五六七八九十\d]+\s*(篇|则|首|份|组|例|个)|范文|例文)"
)
# A paper's own abstract: "本文结合…分析了…，提出了…" is its author's, no editor's.
_PAPER_ABSTRACT = re.compile(
    r"(本文|笔者)(结合|通过|从|以|针对|基于|围绕|在)[^。！？!?]{0,60}(分析|探讨|研究|论述|阐述|提出|总结)"
)
_GENRE = re.compile(r"(范文|作文|文章|例文|内容|资料|模板|素材|句子)")
_SENTENCE_END = re.compile(r"(?<=[。！？!?])|(?<=\.\.\.\.)")
# A whole line is an intro blurb up to this length (the genre sentence it opens with included).
MAX_BLURB_LINE = 500
# A sentence with a closing wish alone is a blurb only in a line this short.
_MAX_LONE_CLOSER = 40


def cue_lines(keys: list[str]) -> set[int]:
    """The lines (folded keys) that may hold a blurb: two cues, or a lone closing wish, need a
    gatherer or a closing wish. One scan of the page for each, instead of one per line."""
    page = JoinedLines(keys)
    return {
        page.line_at(match.start())
        for pattern in (_EDITOR, _CLOSER_HEAD, _ANNOUNCE)
        for match in pattern.finditer(page.text)
    }


def cue_score(key: str) -> int:
    """Independent editorial cues in one folded sentence: the gatherer (two with a gathering
    verb), a pointer at what follows or an address to the reader, and a closing wish."""
    gather = _GATHER.search(key)
    score = (2 if gather else 1) if _EDITOR.search(key) else 0
    if (_READER.search(key) and gather) or (
        _POINTER.search(key) and (gather or _GENRE.search(key))
    ):
        score += 1
    if _CLOSER.search(key):
        score += 1
    if _ANNOUNCE.search(key):
        score += 2
    return score


def is_blurb_line(key: str) -> bool:
    """A line that as a whole is an editor's blurb (two cues, or a short closing wish). A wish
    standing alone must hold together in one clause: "希望各位家长…，和老师一起帮助孩子…" is a
    speech's own closing, not an editor's "希望对你有帮助"."""
    if len(key) > MAX_BLURB_LINE or _PAPER_ABSTRACT.search(key):
        return False
    score = cue_score(key)
    return score >= 2 or (
        score == 1 and len(key) <= _MAX_LONE_CLOSER and bool(_LONE_CLOSER.search(key))
    )


def split_sentences(line: str) -> list[str]:
    return [part for part in _SENTENCE_END.split(line) if part]


def cut_blurb_sentences(line: str) -> tuple[str, list[str]]:
    """The line without the blurb sentences inside it, and the sentences cut. A blurb sentence
    has two cues; a one-cue sentence next to it ("欢迎阅读。") goes with it."""
    sentences = split_sentences(line)
    if len(sentences) < 2:
        return line, []
    scores = [cue_score(key) for key in fold_lines(sentences)]
    if max(scores) < 2:
        return line, []
    drop = [score >= 2 for score in scores]
    for index, score in enumerate(scores):
        near = (index > 0 and drop[index - 1]) or (index + 1 < len(drop) and drop[index + 1])
        if score == 1 and near:
            drop[index] = True
    kept = "".join(s for s, d in zip(sentences, drop, strict=True) if not d).strip()
    return kept, [s for s, d in zip(sentences, drop, strict=True) if d]
