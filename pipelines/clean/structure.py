"""Stage 4, structure: cleaned lines → essays of headings and paragraphs.

A "三篇" page is split into essays (essays.py); a traditional page's title is converted to
simplified (clean() converted its lines, and flagged it); lines broken mid-sentence are joined; headings (一、 (一) 1. (1)) become heading blocks, run-in
headings ("一、抓好两个环节。践行…") are split from the paragraph they open.
"""

from __future__ import annotations

import re

from pipelines.clean.essays import split_essays
from pipelines.clean.lines import Cleaned
from pipelines.clean.lineshape import FORM_LABEL
from pipelines.clean.script import t2s
from pipelines.clean.textnorm import cjk_at_least, unify_punctuation
from pipelines.errors import NoArticleError
from pipelines.model import Block, Document, Essay

_HEADINGS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"^[一二三四五六七八九十]{1,3}\s*[、.．]"), 1),
    (re.compile(r"^[IVX]{1,4}\s*[、.．](?![A-Za-z])"), 1),
    (re.compile(r"^[（(]\s*[一二三四五六七八九十]{1,3}\s*[)）]"), 2),
    (re.compile(r"^\d{1,2}\s*(?:[、．]|\.(?!\d))"), 3),
    (re.compile(r"^(?:[（(]\s*\d{1,2}\s*[)）]|[\u2474-\u2487\u2460-\u2473])"), 4),
)
_HEADING_FIRST_CHARS = frozenset(
    "一二三四五六七八九十IVX（(0123456789" + "".join(map(chr, range(0x2460, 0x2488)))
)
# "一是…", "首先，…": headings only as short lines of their own, never split off prose.
_WORD_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]是|首先|其次|再次|然后|最后|第[一二三四五六七八九十]{1,2})[，,：:]?"
)
_MAX_WORD_HEADING_LEN = 30
_MAX_HEADING_LEN = 40
# A numbered line with no sentence end is a heading up to this length (long 一、 headings exist).
_MAX_STANDALONE_HEADING_LEN = 80
_RUN_IN_END = re.compile(r"[。！？!?]")
_CLOSED_END = re.compile(r"[。！？；：…!?;:.]$")
_TRAILING_CLOSERS = "”’」』）)】》\"'"
# (A comma between digits groups a number's thousands: "字数 1,203" has no clause in it.)
_PROSE_MARKS = re.compile(r"[，、“”（(；]|(?<!\d),|,(?!\d{3})")
_SIGNATURE = re.compile(r"^.{1,8}[：:]\s*.{1,12}$")
# A line that is only a date ("2023年5月6日", "二〇二三年五月"), as letters and reports end.
_DATE_LINE = re.compile(
    r"^[\dxX×○〇零一二三四五六七八九]{2,4}\s*年"
    r"(\s*[\d一二三四五六七八九十xX]{1,3}\s*月(\s*[\d一二三四五六七八九十xX]{1,3}\s*日)?)?\s*$"
)
# A document's field, on a line of its own whatever its length ("附件：…名单").
_FIELD = re.compile(r"^(附件|附表|附录|抄送|抄报|主送|主题词|联系人|联系电话|联系方式)\d*\s*[：:]")
# A quotation's author after its dash ("…岁月不待人。——陶渊明"): the item ends there.
_ATTRIBUTION = re.compile(r"[。！？!?”」]\s*[—－-]{1,2}\s*[^，。！？、,!?—－-]{1,16}$")
_CLAUSE_MARK = re.compile("[，,；;]")
_MIN_WRAPPED_ITEM = 25
# An English letter's salutation or closing ("Dear Tom,", "Yours,", "Best wishes,").
_LETTER_FORMULA = re.compile(
    r"^(dear|hi|hello|yours|best|love|sincerely|regards|kind regards|with love|your)\b[^.!?]{0,30},$",
    re.IGNORECASE,
)
# A line wholly in brackets ("（联系人：赵红，电话：…）"): a note complete in itself.
_BRACKETED_LINE = re.compile(r"^[(（【\[][^()（）【】\[\]]*[)）】\]]$")
# An issuer signing a notice ("××医院", "中共城南街道工作委员会", "某某中学政教处"): a short
# line ending in an organisation's kind, which no sentence runs on into.
_ISSUER = re.compile(
    r"^[^，。！？；,;!?“”]{1,20}(委员会|政府|党委|办公室|办事处|医院|学校|中学|小学|大学|学院|"
    r"幼儿园|公司|集团|中心|协会|学会|政教处|教务处|[局厅处科部室院所站队团])$"
)
# "尊敬的各位领导：", "同学们：": opens a speech or letter, never continues a sentence.
# "…实践报告范文（一）": a line ending in a bracketed numeral is a numbered heading.
_NUMBERED_END = re.compile(r"[（(【]\s*[一二三四五六七八九十\d]{1,3}\s*[)）】]$")
_SALUTATION = re.compile(r"^.{1,24}[：:]$")
_MIN_ARTICLE_CJK = 20
_MIN_ARTICLE_WORDS = 30  # an English composition's words
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# One-sentence-per-line layout: at least this many such lines, making up this share of lines.
_MIN_SENTENCE_LINES = 8
_SENTENCE_LINE_SHARE = 0.8
_MAX_SENTENCE_LINE = 60
_MAX_VERSE_LINE = 16
_MIN_VERSE_RUN = 4
# An unpunctuated line shorter than this is a subtitle or sign-off, not a broken sentence.
_MIN_BROKEN_LEN = 15


def structure(cleaned: Cleaned) -> Document:
    """Build the document. Raises NoArticleError when no article text is left."""
    traditional = "traditional" in cleaned.flags  # clean() converted the lines already
    lines = unify_punctuation("\n".join(cleaned.lines)).split("\n") if cleaned.lines else []
    # The title in the text's script: the essays' titles come from it too.
    title = t2s(cleaned.title) if traditional else cleaned.title
    sections = split_essays(lines, title)
    essays = tuple(
        Essay(section.title, tuple(_blocks(_join_sentences(_join_broken(section.lines)))))
        for section in sections
    )
    essays = tuple(essay for essay in essays if essay.blocks)
    if not _has_article([b.text for e in essays for b in e.blocks]):
        raise NoArticleError("no article text found on the page")
    return Document(
        title=title,
        category=cleaned.category,
        keywords=cleaned.keywords,
        summary=unify_punctuation(cleaned.summary) if cleaned.summary else None,
        published=cleaned.published,
        site=cleaned.site,
        essays=essays,
        removed=tuple(cleaned.removed),
        flags=cleaned.flags,
    )


def _has_article(texts: list[str]) -> bool:
    """Enough text for an article: Chinese characters, or the words of an English essay."""
    if cjk_at_least(texts, _MIN_ARTICLE_CJK):
        return True
    return sum(len(_LATIN_WORD.findall(text)) for text in texts) >= _MIN_ARTICLE_WORDS


def _join_broken(lines: list[str]) -> list[str]:
    """Join a line that stops mid-sentence with the line that continues it; never a verse's
    lines (`_verse_lines`)."""
    joined: list[str] = []
    verse = _verse_lines(lines)
    for index, line in enumerate(lines):
        if index in verse or index - 1 in verse:
            joined.append(line)
        elif joined and _is_broken(joined[-1]) and _can_continue(line):
            previous = joined[-1]
            glue = " " if previous[-1:].isascii() and line[:1].isascii() else ""
            joined[-1] = previous + glue + line
        else:
            joined.append(line)
    return joined


def _verse_lines(lines: list[str]) -> set[int]:
    """Lines of verse: a run of `_MIN_VERSE_RUN` or more short lines, none ending a sentence
    ("老师，您是一支蜡烛" / "燃烧自己" / "照亮了别人" / …). A sentence broken over a few short
    lines reaches its end sooner."""
    found: set[int] = set()
    run: list[int] = []
    for index, line in enumerate([*lines, "。"]):
        if len(line) <= _MAX_VERSE_LINE and not _ends_sentence(line) and not _heading_level(line):
            run.append(index)
            continue
        if len(run) >= _MIN_VERSE_RUN:
            found.update(run)
        run = []
    return found


def _join_sentences(lines: list[str]) -> list[str]:
    """A page laid out one sentence per line (text taken from a PDF) gets paragraphs back:
    consecutive sentence lines are joined, up to the next heading or non-sentence line."""
    sentences = [line for line in lines if _is_lone_sentence(line)]
    if len(sentences) < _MIN_SENTENCE_LINES or len(sentences) < _SENTENCE_LINE_SHARE * len(lines):
        return lines
    joined: list[str] = []
    for line in lines:
        if (
            joined
            and _is_lone_sentence(line)
            and _ends_sentence(joined[-1])
            and not _heading_level(joined[-1])
        ):
            joined[-1] += line
        else:
            joined.append(line)
    return joined


def _is_lone_sentence(line: str) -> bool:
    """One short sentence: ends a sentence and has no other sentence end inside."""
    return (
        len(line) <= _MAX_SENTENCE_LINE
        and _ends_sentence(line)
        and not _RUN_IN_END.search(line[:-1])
        and not _heading_level(line)
    )


def _is_broken(line: str) -> bool:
    if (
        _is_closed(line)
        or _ATTRIBUTION.search(line)
        or _LETTER_FORMULA.match(line)
        or (_heading_level(line) and not _wrapped_item(line))
        or _SIGNATURE.match(line)
        or _FIELD.match(line)
        or FORM_LABEL.match(line)
        or "＿＿" in line
        or "__" in line
        or _BRACKETED_LINE.match(line)
        or _DATE_LINE.match(line)
        or _NUMBERED_END.search(line)
    ):
        return False
    return len(line) >= _MIN_BROKEN_LEN or bool(_PROSE_MARKS.search(line))


def _wrapped_item(line: str) -> bool:
    """A numbered item a converted document wrapped mid-sentence ("2. 加强门卫管理。严格执行…
    在校门口值" / "守，确保…"): long, with a clause or a sentence in it, and open at its end.
    A heading is short ("一、提高认识，加强领导")."""
    return len(line) >= _MIN_WRAPPED_ITEM and bool(
        _CLAUSE_MARK.search(line) or _RUN_IN_END.search(line)
    )


def _is_closed(line: str) -> bool:
    return bool(_CLOSED_END.search(line.rstrip(_TRAILING_CLOSERS)))


def _ends_sentence(line: str) -> bool:
    return line.rstrip(_TRAILING_CLOSERS)[-1:] in ("。", "！", "？", "；", "!", "?", ";")


def _can_continue(line: str) -> bool:
    return not (
        _heading_level(line)
        or _DATE_LINE.match(line)
        or _SIGNATURE.match(line)
        or _SALUTATION.match(line)
        or _ISSUER.match(line)
    )


def _heading_level(line: str) -> int:
    if not line or line[0] not in _HEADING_FIRST_CHARS:
        return 0
    return next((level for pattern, level in _HEADINGS if pattern.match(line)), 0)


def _is_word_heading(line: str) -> bool:
    return (
        len(line) <= _MAX_WORD_HEADING_LEN
        and bool(_WORD_HEADING.match(line))
        and not _RUN_IN_END.search(line[:-1])
        and not _ends_sentence(line)
    )


def _blocks(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    for line in lines:
        level = _heading_level(line)
        sentence_end = _RUN_IN_END.search(line[:-1])
        if not level and _is_word_heading(line):
            blocks.append(Block("heading", line, 3))
        elif not level:
            blocks.append(Block("paragraph", line))
        elif sentence_end is None and len(line) <= _MAX_STANDALONE_HEADING_LEN:
            if level >= 3 and _ends_sentence(line):
                # "1、全年完成销售额300万元。" is a list item
                blocks.append(Block("paragraph", line))
            else:
                blocks.append(Block("heading", line, level))
        elif (
            sentence_end is not None
            and sentence_end.start() <= _MAX_HEADING_LEN
            and not (level >= 3 and _CLAUSE_MARK.search(line, 0, sentence_end.start()))
            and not _ATTRIBUTION.search(line)
        ):  # "2. 盛年不重来，一日难再晨。…": a numbered item of sentences, not a run-in heading
            # The heading keeps its own punctuation: the text reads as the page did.
            blocks.append(Block("heading", line[: sentence_end.end()], level))
            rest = line[sentence_end.end() :].strip()
            if rest:
                blocks.append(Block("paragraph", rest))
        else:
            blocks.append(Block("paragraph", line))
    return blocks
