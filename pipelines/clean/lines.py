"""Stage 3, clean: take site boilerplate out of the article lines.

Whole lines go when a rule of the lexicon (rules.py) or the site's learned boilerplate
names them; each is kept in `removed` with the reason. Noise inside sentences (noise.py)
is cut out of the lines that stay. Keywords, summary, breadcrumb category and tags are lifted
into fields.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field

from pipelines.clean import linemodel
from pipelines.clean.blurbs import (
    MAX_BLURB_LINE,
    cue_lines,
    cue_score,
    cut_blurb_sentences,
    is_blurb_line,
    split_sentences,
)
from pipelines.clean.essays import announced_count, opens_essay
from pipelines.clean.extract import Extracted
from pipelines.clean.glued import split_glued
from pipelines.clean.hostname import host_brands
from pipelines.clean.lineshape import (
    ENUMERATED_ITEM,
    FORM_LABEL,
    SIGNER,
    TITLE_LABEL,
    fold,
    fold_lines,
    is_narrative,
    label_runs,
    menu_runs,
    shape_reason,
)
from pipelines.clean.noise import SITE_NAME, site_names, strip_noise, without_pinyin
from pipelines.clean.rules import (
    OFFER_REASONS,
    RELATED_HEADING,
    TRUNCATION,
    TRUNCATION_SPAN,
    first_matching,
    is_related_heading,
)
from pipelines.clean.runs import (
    SENTENCE_PUNCT,
    between_chrome,
    contents_runs,
    echoing_chrome,
    essay_field,
    halves_paired,
    heads_list,
    in_title_list,
    is_bare_prev_next,
    is_event_time_field,
    is_link_like,
    lexicon_heading,
    opens_comments,
    relates_to_named,
)
from pipelines.clean.script import t2s, to_simplified
from pipelines.clean.textnorm import CJK, cjk_count, nfkc
from pipelines.clean.title import (
    choose_title,
    echoes_title,
    title_key,
    title_line,
    without_byline,
)
from pipelines.model import Removed

_META_LABEL = re.compile(r"\s*本文(关键[词字]|简介|摘要|内容|正文)\s*:")
_LABEL_VALUE = re.compile(
    r"(?:本文关键[词字]|关键[词字]|本文简介|本文摘要|简介|导读|导语|摘要|tag标签|tags?|标签|作文话题|话题)"
    r"\s*:\s*(.*)$",
    re.IGNORECASE,
)
_CRUMB_LABEL = re.compile(r"^\W*[^:>»→]{0,8}位置\s*:")
_CRUMB_SPLIT = re.compile(r"\s*(?:>>?|»|→|>|/|\\|›)\s*")
_CRUMB_NOISE = re.compile(r"\s*(内容页|正文内容|正文|阅读文章|文章内容|详细内容)$")
_HOME = {"首页", "网站首页", "主页", "返回首页"}
_KEYWORD_SPLIT = re.compile(r"[,，、;；\s#]+")
_KEYWORD_LINE = re.compile(r"^[\w]{2,10}(\s*[,，、]\s*[\w]{2,10}){2,9}$")
# Words of a sentence no list of keywords holds ("抽出了嫩绿的枝条，在微风中…").
_PARTICLES = re.compile(r"[了着吗呢吧啊]")
_GENRE_SENTENCE = re.compile(r"^.{2,20}(是|就是|即)(一种|一类|指|人们|我们).{4,100}[。.]$")
_READ_COUNT = re.compile(r"已阅读\s*(\d+)\s*页\D{0,3}还剩\s*(\d+)\s*页未读")
_ESSAY_ORDINAL = re.compile(
    r"^[(（【]?(第?[一二三四五六七八九十\d]{1,3}篇?|(篇|范文|范本|精选|例文)[一二三四五六七八九十\d]{1,3})[)）】]?"
    r"\s*[、.．:：]?$"
)
_NUMBERED = re.compile(r"^[一二三四五六七八九十\d]{1,3}\s*[、.．]")
# "<title>11篇": how many essays the page holds, not which one starts (an ordinal has 第 or
# puts 篇 first, and "1篇" may be either).
_ESSAY_COUNT = re.compile(r"^[(（【]?([2-9]|\d{2,3}|[二三四五六七八九十]{1,3})篇[)）】]?$")
# A document's file name standing alone (not this page's title, which is a repeat).
_DOC_LINK = re.compile(r"^[^。！？!?]{2,}\.(?:docx?|pdf|pptx?|xlsx?|wps|txt)$")
_MAX_DOC_LINK = 60
_BRACKETED = re.compile(r"^\s*【([^】]{4,80})】(.*)$")
# An editor's closing blurb in the last lines is removed whole up to this length.
_MAX_OUTRO = 150
_ABSTRACT = re.compile(r"^\W*[【\[]?摘\s*要[】\]]?\s*[:：]?")
_PAPER_KEYWORDS = re.compile(r"^\W*[【\[]?关键[词字][】\]]?\s*[:：]?")
_MIN_ABSTRACT = 100
_MAX_HEADER_LINE = 40
_NAMING_REASONS = frozenset(("breadcrumb", "copyright", "site-name", "slogan", "site-url"))
# Lines of the site's navigation: a title candidate they name mid-line is a section or the site.
_FURNITURE = _NAMING_REASONS | {"nav-bar"}
_MIN_NAME = 4
_MAX_NAME_LINE = 30
_BRAND_WINDOW = 12  # the header's lines where a site prints its brand
# What is left of a line once an editor's sentences are cut, when that is one sentence this
# short, opened the blurb ("想写好心得，先要读懂作者。下面是小编整理的…").
_MAX_OPENER = 40
_MOTTO_HEAD = re.compile(r"^\s*([^\s\-–—|｜_·]{2,12})\s*[-–—|｜_·]+\s*\S")
_POINTS_AHEAD = re.compile("下面|以下|接下来|下文")  # an intro blurb's, not an outro's
_TITLE_WINDOW = 10
_NOT_NAMES = ("位置", "首页", "互联网", "当前", "来源", "本站", "本网")
# A line this long with sentence punctuation is the essay's prose.
_MIN_PROSE = 40
_MIN_SENTENCE = 10
_MIN_BESIDE_BLURB = 16  # what is left beside an editor's sentences, to be the essay's own
_SENTENCE_ENDS = frozenset("。！？!?…")
# A line that is the title plus at most this much (a year, "范文", a site suffix) repeats it.
_TITLE_REPEAT_SLACK = 8
_BRACKETS = re.compile(r"[()（）【】\[\]]")
# Editors' intro and outro blurbs sit within this many lines of the body's start or end.
_EDGE_LINES = 4
_MIN_REPEATED = 20  # a paragraph this long, printed twice in a row, is a copy's doubling
_SENTENCE_MARK = re.compile("[。！？!?]")
# A paragraph this long, with this much text outside its quotes, is judged without them.
_MIN_QUOTING = 20
# A paragraph this long, of this many sentences, is judged sentence by sentence before it goes
# as a notice.
_MIN_ARGUMENT = 60
_MIN_ARGUMENT_SENTENCES = 3
_NOTICE_REASONS = frozenset({"copyright", "download-notice"})
# A page's meta label alone on its line, its value on the next ("发布日期" / "2023-03-14").
_BARE_META_LABEL = re.compile(
    r"^\W*(文章编号|文章id|发布(日期|时间|人)|发表(日期|时间)|更新(日期|时间)|上传(日期|时间|者)|"
    r"(浏览|阅读|点击|访问)(次数|量|数)|人气|热度|来源|出处|作者|责任编辑|责编|所属(栏目|分类|专题))\s*[:：]?\W*$"
)
_MAX_FIELD_VALUE = 24
_MAX_BARE_LABEL = 10
_GROUPED_DIGITS = re.compile(r"(?<=\d),(?=\d)")
_PRINTED_TITLE = re.compile(r"^([^-_|｜–—]{6,40}?)\s*[-_|｜–—]\s*[^-_|｜–—\s]{2,16}$")
# Rules that match a word anywhere (a counter's, a promotion's, a footer's) do not take a
# sentence standing between two paragraphs that is neither addressed to the reader nor about
# the page.
_SENTENCE_GUARDED = frozenset({"promo", "meta-line", "copyright"})
_SENTENCE_CLOSERS = ("。", "！", "？", "!", "?", "。”", "！”", "？”")
_MIN_GUARDED_SENTENCE = 12
_MIN_NEIGHBOUR_PROSE = 24
_ADDRESSES_READER = re.compile(
    r"^\W*(本文|本篇|本页|文章|原文|声明|注|ps|温馨提示|更多|请|点击|扫码|长按|关注|转载)|"
    r"您|你们|亲们|小伙伴|记得|欢迎|敬请|请(在|到|关注|点击|扫|访问|收藏|转发|留言|联系)|"
    r"[a-z0-9-]+\.(com|cn|net|org)|网站|本站|本网|公众号[“\"「]|点赞|在看"
)
_MIN_UNQUOTED = 12
# What a promotion asks of the reader, and a sentence about people does not.
_CALL_TO_ACT = re.compile(r"关注|公众号|订阅|下载|app|加群|领取|免费|点击|长按")
_QUOTE_OPEN = re.compile("[“「『]")
_QUOTED = re.compile("“[^“”\n]{1,40}”|「[^「」\n]{1,40}」|『[^『』\n]{1,40}』")
# Only the first lines of the body may be a bare keyword line.
_KEYWORD_LINE_WINDOW = 6


@dataclass(frozen=True)
class Cleaned:
    url: str
    title: str
    category: str | None
    keywords: tuple[str, ...]
    summary: str | None
    published: str | None
    site: str | None
    lines: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    flags: tuple[str, ...] = ()  # "traditional": `lines` were converted to simplified script


# No marker with its clause (TRUNCATION_SPAN) is longer than this, ellipses aside.
_MARKER_LINE_MAX = 120

# A short title repeated takes only decorations ("春天作文300字", "春天（精选）"), no words.
_SHORT_TITLE = 4
_DECORATION_WORDS = re.compile(r"范文|作文|精选|大全|汇编|合集|最新|优秀|模板|\d+\s*[字篇]|[篇字]")
_WORDS_OF_ITS_OWN = re.compile(rf"[{CJK}]")


def squash(text: str) -> str:
    """Comparison key: NFKC, no whitespace."""
    return "".join(nfkc(text).split())


# A part of a line of the title's variants is at least this long ("<title> <title>（1）").
_MIN_VARIANT = 4


def clean(extracted: Extracted, learned: Collection[str] = ()) -> Cleaned:
    """Remove boilerplate lines from an extracted article and lift metadata into fields.

    `learned` holds `squash()` keys of lines this site repeats on many pages.
    """
    lines = split_glued(list(extracted.lines))
    lead = len(extracted.lead)
    keys = fold_lines([*extracted.lead, *lines])
    names = site_names([extracted.site, extracted.html_title], extracted.lines[:3])
    chrome = _chrome_reasons(keys)
    names = (*names, *_named_by_mottos([*extracted.lead, *lines], chrome))
    # Brands spelled by the host are names for the title and the site's own short lines, but
    # no name to cut out of sentences: "读书屋" is a word an essay may use.
    brands = _brand_lines([*extracted.lead, *lines], extracted.url, chrome)
    cued = cue_lines(keys)  # the lines worth scoring as blurbs, for the title and the classes
    title = _choose_title(extracted, lines, keys, chrome, (*names, *brands), cued)
    title = without_pinyin(title)
    # the lines above the title are the page's header
    header = title_line(title, keys, [reason is not None for reason in chrome]) - lead
    keys, chrome = keys[lead:], chrome[lead:]
    cued = {index - lead for index in cued if index >= lead}
    removed: list[Removed] = []
    lines, keys = _strip_bracketed_title(lines, keys, title, removed)
    keywords: list[str] = []
    summary: str | None = None
    category = _category(extracted.breadcrumb, title) if extracted.breadcrumb else None
    kept: list[str] = []
    verdicts = list(_classify(lines, keys, chrome, cued, title, learned, header))
    if header > 0 and _header_took_the_text(verdicts, keys):
        # A title found under the text left nothing to keep: the page has no header above it.
        verdicts = list(_classify(lines, keys, chrome, cued, title, learned, 0))
    verdicts = _with_line_model(verdicts, keys)
    prose = [i for i, key in enumerate(keys) if verdicts[i][1] is None and _is_prose(key)]
    for line, reason in between_chrome(echoing_chrome(verdicts, keys, prose), keys, prose):
        if reason is None:
            kept.append(line)
            continue
        if reason == "inline-blurb":
            rest, sentences = cut_blurb_sentences(line)
            if (
                sentences
                and len(rest) <= _MAX_OPENER
                and len(split_sentences(rest)) <= 1
                and any(_POINTS_AHEAD.search(sentence) for sentence in sentences)
            ):
                sentences, rest = [rest, *sentences], ""  # the genre opener the blurb began with
            removed.extend(Removed(sentence, "intro-blurb") for sentence in sentences if sentence)
            if rest:
                kept.append(rest)
            continue
        removed.append(Removed(line, reason))
        value = _label_value(line)
        if reason in ("keywords-line", "bare-keywords") and not keywords:
            keywords = _split_keywords(value or line)
        elif reason == "tag-line" and value and not keywords:
            keywords = _split_keywords(value)
        elif reason == "summary-line" and value and summary is None:
            summary = value
        elif reason == "breadcrumb" and category is None:
            category = _category(line, title)
    all_names = _with_names_from(removed, names)
    kept = _drop_name_lines(kept, all_names, removed)
    kept = _drop_repeated_paragraphs(kept, removed)
    # Noise is matched in simplified script, as every rule is: a traditional page's text is
    # converted here, and the site's names with it.
    kept, traditional = to_simplified(kept)
    if traditional:
        all_names = tuple(t2s(name) for name in all_names)
    kept, cut = strip_noise(kept, all_names)
    # One search over all removed lines ("\0" is no \s, so no marker spans two lines).
    truncated = TRUNCATION.search("\0".join(item.text for item in removed))
    truncated = truncated or cut or _preview_cut(removed)
    kept = _drop_genre_sentence(kept, removed)
    return Cleaned(
        url=extracted.url,
        title=title,
        category=category,
        keywords=tuple(keywords),
        summary=summary,
        published=extracted.published,
        site=extracted.site,
        lines=kept,
        removed=removed,
        flags=(
            *extracted.flags,
            *(("truncated",) if truncated else ()),
            *(("traditional",) if traditional else ()),
        ),
    )


def _drop_repeated_paragraphs(kept: list[str], removed: list[Removed]) -> list[str]:
    """A paragraph printed twice in a row (a copy farm's doubled block) is kept once."""
    out: list[str] = []
    for line in kept:
        if out and line == out[-1] and len(line) >= _MIN_REPEATED and _SENTENCE_MARK.search(line):
            removed.append(Removed(line, "repeated-paragraph"))
        else:
            out.append(line)
    return out


def _with_names_from(removed: list[Removed], names: tuple[str, ...]) -> tuple[str, ...]:
    """The site's names, with those its removed breadcrumb, copyright and slogan lines spell
    out ("当前位置：某某范文网 >"), in the page's own script, longest first."""
    found = set(names)
    texts = [nfkc(item.text).strip() for item in removed if item.reason in _NAMING_REASONS]
    for text, key in zip(texts, fold_lines(texts), strict=True):
        if len(key) != len(text):
            continue
        for match in SITE_NAME.finditer(key):
            name = text[match.start() : match.end()]
            if len(name) >= _MIN_NAME and not any(p in name for p in _NOT_NAMES):
                found.add(name)
    return tuple(sorted(found, key=len, reverse=True))


def _drop_name_lines(kept: list[str], names: tuple[str, ...], removed: list[Removed]) -> list[str]:
    """A short line that carries the site's own name ("某某范文网 手机版") is the site's chrome."""
    if not names:
        return kept
    out: list[str] = []
    for line in kept:
        if len(line) <= _MAX_NAME_LINE and any(name in line for name in names):
            removed.append(Removed(line, "site-name"))
        else:
            out.append(line)
    return out


def _chrome_reasons(keys: list[str]) -> list[str | None]:
    """What the lexicon or a line's shape says of each line, before the title is known."""
    edges = [i < _EDGE_LINES or i >= len(keys) - _EDGE_LINES for i in range(len(keys))]
    judged = [_quotes_emptied(key) for key in keys]
    reasons = first_matching(judged, edges)
    ruled = [reason in OFFER_REASONS for reason in reasons]
    for index, key in enumerate(judged):
        if reasons[index] in OFFER_REASONS and is_narrative(key):
            if reasons[index] == "doclib-chrome" or not _CALL_TO_ACT.search(key):
                reasons[index] = None  # "同学为了赚下载券…上传到文库…", "爷爷扫码付款…"
        if reasons[index] == "promo" and _printed_title_head(key):
            reasons[index] = None  # "<title>(精选7篇)-某某网手机版": a <title> printed on the page
        if reasons[index] in _SENTENCE_GUARDED and _sentence_among_prose(judged, index):
            reasons[index] = None  # "评论区的留言，我每天都会一条条回复。" between paragraphs
        if reasons[index] in _NOTICE_REASONS and _argues(key):
            reasons[index] = None  # "首先，未经许可使用他人作品属于侵权行为。著作权法…"
        if reasons[index] in OFFER_REASONS and (
            FORM_LABEL.match(key) or (ENUMERATED_ITEM.match(key) and not _among(ruled, index))
        ):
            reasons[index] = None  # "报名方式：扫描下方二维码报名", "2.线上宣传。通过…扫码关注…"
        elif reasons[index] == "meta-line" and SIGNER.match(key):
            reasons[index] = None  # "检讨人：初二（5）班 刘浩然": the document's signature
        if reasons[index] is None:
            reasons[index] = shape_reason(key)
    for index, key in enumerate(keys):
        if len(key) <= _MAX_BARE_LABEL and _BARE_META_LABEL.match(key):  # "发布日期" / "2023-03-14"
            reasons[index] = reasons[index] or "meta-line"
            value = next((i for i in range(index + 1, min(index + 3, len(keys))) if keys[i]), None)
            if value is not None and _is_field_value(keys[value]):
                reasons[value] = reasons[value] or "meta-line"
    for index in menu_runs(keys, [reason is not None for reason in reasons]):
        if reasons[index] is None:
            reasons[index] = "nav-bar"
    for index in label_runs(keys, [reason is not None for reason in reasons]):
        reasons[index] = "meta-line"
    for index in contents_runs(keys):
        reasons[index] = "toc"
    for index in _listed_under_headings(keys, reasons):
        reasons[index] = "related-list"
    return reasons


def _brand_lines(lines: list[str], url: str, chrome: list[str | None]) -> tuple[str, ...]:
    """The brands the page's first and last lines spell its host with; each short line that
    leads with one ("读书屋", "日记100 · 记录成长每一天") is marked the site's name."""
    ends = dict.fromkeys(
        [
            *range(min(_BRAND_WINDOW, len(lines))),
            *range(max(0, len(lines) - _EDGE_LINES), len(lines)),
        ]
    )
    brands = host_brands(url, [lines[index] for index in ends])
    for index in ends if brands else ():
        line = lines[index].strip()
        if (
            chrome[index] is None
            and len(line) <= _MAX_NAME_LINE
            and not _SENTENCE_MARK.search(line)
        ):
            brand = next((brand for brand in brands if line.startswith(brand)), "")
            rest = line[len(brand) :]
            if brand and "《" not in rest and not announced_count(rest):
                chrome[index] = "site-name"  # not "<brand>｜《…》读书心得5篇": a printed <title>
    return brands


def _named_by_mottos(lines: list[str], chrome: list[str | None]) -> tuple[str, ...]:
    """The site's name from its motto lines ("心得体会365 - 每天一篇好心得")."""
    found = (
        _MOTTO_HEAD.match(line)
        for line, reason in zip(lines, chrome, strict=True)
        if reason == "slogan"
    )
    return tuple({match.group(1) for match in found if match})


def _listed_under_headings(keys: list[str], reasons: list[str | None]) -> set[int]:
    """The items of a list under a related list's heading ("热搜：", "推荐阅读："), all but the
    run's last (the title may stand right under the list): known before the title is chosen,
    so that the title is looked for past them."""
    found: set[int] = set()
    index = 0
    while index < len(keys):
        if not (lexicon_heading(keys[index], reasons[index], True) and heads_list(keys, index)):
            index += 1
            continue
        run = []
        index += 1
        while index < len(keys) and (not keys[index] or is_link_like(keys[index])):
            if keys[index] and reasons[index] is None:
                run.append(index)
            index += 1
        found.update(run[:-1])
    return found


def _is_field_value(key: str) -> bool:
    """A short value under a bare label: no sentence, no label of its own."""
    return (
        len(key) <= _MAX_FIELD_VALUE
        and not SENTENCE_PUNCT.search(_GROUPED_DIGITS.sub("", key))  # "2,816" is a value
        and not _BARE_META_LABEL.match(key)
    )


def _printed_title_head(key: str) -> bool:
    """Whether the line is a <title> printed on the page whose site part only is chrome:
    a head of no chrome before one separator, a short site part after it."""
    match = _PRINTED_TITLE.match(key)
    return match is not None and first_matching([match.group(1)], [False])[0] is None


def _sentence_among_prose(keys: list[str], index: int) -> bool:
    """A sentence of the essay's own between two of its paragraphs: ended, long enough, not
    addressed to the reader and not about the page or the site ("本文…", "请…", "您…")."""
    key = keys[index]
    if not key.endswith(_SENTENCE_CLOSERS) or cjk_count(key) < _MIN_GUARDED_SENTENCE:
        return False
    if _ADDRESSES_READER.search(key):
        return False
    before = next((k for k in reversed(keys[max(0, index - 2) : index]) if k), "")
    after = next((k for k in keys[index + 1 : index + 3] if k), "")
    return _is_paragraph(before) and _is_paragraph(after)


def _is_paragraph(key: str) -> bool:
    return len(key) >= _MIN_NEIGHBOUR_PROSE and bool(_SENTENCE_MARK.search(key))


def _argues(key: str) -> bool:
    """A paragraph of several sentences that a notice's words match in one only: an essay's
    argument that speaks of copying or downloading, where a notice's sentences all are."""
    if len(key) < _MIN_ARGUMENT:
        return False
    sentences = split_sentences(key)
    if len(sentences) < _MIN_ARGUMENT_SENTENCES:
        return False
    noticed = sum(
        reason is not None for reason in first_matching(sentences, [False] * len(sentences))
    )
    return noticed * 2 < len(sentences)


def _among(ruled: list[bool], index: int) -> bool:
    """Whether the line next to line `index`, above or below, is a library's or a
    promotion's: a numbered item among them is the site's notice ("3.登录后可充值…")."""
    return (index > 0 and ruled[index - 1]) or (index + 1 < len(ruled) and ruled[index + 1])


def _quotes_emptied(key: str) -> str:
    """A paragraph with what it quotes left out: a sentence that quotes a
    notice ("有的网站写着“未经授权禁止转载”，…") is about it, and no notice."""
    if len(key) < _MIN_QUOTING or not _QUOTE_OPEN.search(key):
        return key
    emptied = _QUOTED.sub("“”", key)
    return emptied if len(emptied) >= _MIN_UNQUOTED else key


def _strip_bracketed_title(
    lines: list[str], keys: list[str], title: str, removed: list[Removed]
) -> tuple[list[str], list[str]]:
    """ "【<title>】3.<sub-title>": the page title glued in brackets before a heading."""
    wanted = title_key(title)
    if not wanted:
        return lines, keys
    out_lines, out_keys = list(lines), list(keys)
    for index, line in enumerate(lines):
        match = _BRACKETED.match(line)
        if match and match.group(2).strip() and _repeats_title(title_key(match.group(1)), wanted):
            removed.append(Removed(line[: match.start(2)], "title-repeat"))
            out_lines[index] = match.group(2).strip()
            out_keys[index] = fold_lines([out_lines[index]])[0]
    return out_lines, out_keys


def _classify(
    lines: list[str],
    keys: list[str],
    chrome: list[str | None],
    cued: set[int],
    title: str,
    learned: Collection[str],
    header: int = 0,
) -> Iterator[tuple[str, str | None]]:
    """Yield each line with the reason it is boilerplate, or None when it is article text;
    "inline-blurb" for prose with an editor's sentences inside. Short lines above line
    `header` (the title's line) are the page's header."""
    wanted = title_key(title)
    # Only a line that is little but a marker is a truncation line: long prose lines can be
    # left out of the page-level search, unless ellipses pad a marker out to their length.
    may_truncate = TRUNCATION.search("\n".join(k for k in keys if _may_be_marker_line(k)))
    in_related = in_comments = False
    prose_seen = False
    text_seen = False  # a kept sentence, however short
    kept_any = False
    bare_prev_next = False  # the last line was a "上一篇" label with no title after it
    last = len(lines) - _EDGE_LINES
    for index, (line, key) in enumerate(zip(lines, keys, strict=True)):
        if in_comments or (index > header and opens_comments(keys, index)):
            in_comments = True  # readers' comments run to the page's end
            yield line, "comments"
            continue
        if in_related:
            # a list above the title ends at it; an item named like an essay's marker
            # ("我家的小狗（一）") is one more item when no prose follows it
            if index != header and (
                is_link_like(key) or (opens_essay(key) and heads_list(keys, index))
            ):
                yield line, "related-list"
                continue
            in_related = False
        if RELATED_HEADING.match(key) or (
            (
                is_related_heading(key)
                or lexicon_heading(key, chrome[index], text_seen)
                or relates_to_named(key, wanted)
            )
            and heads_list(keys, index)
        ):
            in_related = True
            yield line, "related-list"
            continue
        reason = chrome[index]
        if reason is None and bare_prev_next and is_link_like(key):
            reason = "prev-next"  # the title under a bare "上一篇" label
        if reason is None and text_seen and halves_paired(keys, index):
            reason = "prev-next"  # "上篇：…" over "下篇：…" under the text
        if key:
            bare_prev_next = reason == "prev-next" and is_bare_prev_next(key)
        if reason == "summary-line" and _is_paper_abstract(keys, index):
            reason = None
        if reason == "meta-line" and is_event_time_field(keys, index):
            reason = None  # meeting minutes' "时间：2019年5月10日上午9:00" over "地点：…"
        if reason is None and in_title_list(keys, index):
            reason = "related-list"
        if reason is None and may_truncate and _is_truncation_line(key):
            reason = "truncation"
        if (
            reason is None
            and wanted
            and wanted in (squashed := "".join(key.split()))
            # The short title again, whole, once the text has begun: a poem's refrain.
            and not (kept_any and len(wanted) <= _SHORT_TITLE and squashed == wanted)
            and not (kept_any and opens_essay(key))  # "篇二：<title>": the next essay's heading
            and (
                _repeats_title(squashed, wanted)
                or _title_variants(key, wanted)
                or title_key(without_byline(line)) == wanted
                or (not prose_seen and TITLE_LABEL.match(key) is not None)  # "题目：…　年级：…"
            )
        ):
            reason = "title-repeat"
        if reason is None and wanted and not prose_seen and echoes_title(line, title):
            reason = "title-repeat"
        if reason is None and len(key) <= _MAX_DOC_LINK and _DOC_LINK.search(key):
            reason = "related-list"  # "教师述职报告范文.docx": a link to another document
        if (
            reason is None
            and index < _KEYWORD_LINE_WINDOW
            and _KEYWORD_LINE.match(key)
            and not _PARTICLES.search(key)
        ):
            reason = "bare-keywords"
        if reason is None and learned and squash(line) in learned:  # learned keys: squash()
            reason = "learned"
        if (
            reason is None
            and index < header
            and len(key) <= _MAX_HEADER_LINE
            and not _is_prose(key)
        ):
            reason = "page-header"
        if reason is None and index in cued and is_blurb_line(key):
            # Whole: before the prose, in the last lines, or a blurb of one sentence anywhere
            # (one before each essay of a collection); else only its sentences are cut.
            whole = not prose_seen or (
                len(key) <= _MAX_OUTRO and (index >= last or len(split_sentences(key)) <= 1)
            )
            if whole and _prose_beside_blurb(line, 1 if prose_seen else 2):
                whole = False  # "…辛苦都值得了。某某网提醒您：本文仅供参考。", or the
                # essay's first sentences run on after the editor's ("…希望对你有帮助。 时间过得真快，…")
            reason = "intro-blurb" if whole else "inline-blurb"
        elif reason is None and index in cued and len(key) > MAX_BLURB_LINE and not prose_seen:
            reason = "inline-blurb"  # a long first paragraph may end with the editor's words
        if reason is None and not prose_seen and _is_prose(key):
            prose_seen = True
        text_seen = text_seen or (reason is None and _ends_sentence(key))
        kept_any = kept_any or (reason is None and bool(key))
        yield line, reason


def _prose_beside_blurb(line: str, sentences: int = 1) -> bool:
    """Whether a line holds, besides its editor's sentences, prose with no editor's cue: this
    many sentences at least (a genre's definition opening an intro blurb is one)."""
    rest, cut = cut_blurb_sentences(line)
    return (
        bool(cut)
        and len(rest) >= _MIN_BESIDE_BLURB
        and len(split_sentences(rest)) >= sentences
        and cue_score(fold(rest)) == 0
    )


def _with_line_model(
    verdicts: list[tuple[str, str | None]], keys: list[str]
) -> list[tuple[str, str | None]]:
    """The rules' verdicts, with the short lines they kept that the learned model scores as
    chrome (linemodel.py) taken out too."""
    model = linemodel.active()
    if model is None:
        return verdicts
    chrome = model.chrome(keys, [reason is not None for _, reason in verdicts])
    chrome = {i for i in chrome if not essay_field(keys, i)}
    if not chrome:
        return verdicts
    return [
        (line, "line-model" if index in chrome else reason)
        for index, (line, reason) in enumerate(verdicts)
    ]


def _is_paper_abstract(keys: list[str], index: int) -> bool:
    """A paper's own 摘要 paragraph, followed by its 关键词 line, is part of the paper."""
    following = [key for key in keys[index + 1 : index + 3] if key]
    return (
        _ABSTRACT.match(keys[index]) is not None
        and len(keys[index]) > _MIN_ABSTRACT
        and any(_PAPER_KEYWORDS.match(key) for key in following)
    )


def _ends_sentence(key: str) -> bool:
    return len(key) >= _MIN_SENTENCE and key.rstrip()[-1:] in _SENTENCE_ENDS


def _is_prose(key: str) -> bool:
    return len(key) > _MIN_PROSE and bool(SENTENCE_PUNCT.search(key))


def _may_be_marker_line(key: str) -> bool:
    return len(key) <= _MARKER_LINE_MAX or "…" in key or ".." in key


def _is_truncation_line(key: str) -> bool:
    """A line that is nothing but a paywall marker (markers inside prose are cut by noise)."""
    if not TRUNCATION.search(key):
        return False
    match = TRUNCATION_SPAN.search(key)
    return match is not None and len(key) - (match.end() - match.start()) < 6


def _preview_cut(removed: list[Removed]) -> bool:
    """A 文库 "已阅读2页,还剩3页未读" notice means a cut preview unless the page still shows
    the document's last page (some sites only fold the rest behind "继续阅读")."""
    for item in removed:
        notice = _READ_COUNT.search(nfkc(item.text))
        if notice:
            last = int(notice.group(1)) + int(notice.group(2))
            shown = re.compile(rf"第\s*{last}\s*页\s*/?\s*共\s*{last}\s*页")
            return not any(shown.search(nfkc(other.text)) for other in removed)
    return False


def _drop_genre_sentence(kept: list[str], removed: list[Removed]) -> list[str]:
    """A textbook definition of the genre ("心得体会是一种…") opening the body, when the
    editor's intro blurb followed it, is part of the blurb."""
    if (
        kept
        and any(r.reason == "intro-blurb" for r in removed)
        and _GENRE_SENTENCE.match(nfkc(kept[0]))
    ):
        removed.append(Removed(kept[0], "intro-blurb"))
        return kept[1:]
    return kept


def _header_took_the_text(verdicts: list[tuple[str, str | None]], keys: list[str]) -> bool:
    """Whether the lines taken as the page's header hold sentences while no sentence is kept,
    or more Chinese text than is kept (a short poem under a title found too low)."""
    sentences = [
        reason for (_, reason), key in zip(verdicts, keys, strict=True) if _ends_sentence(key)
    ]
    if "page-header" in sentences and None not in sentences:
        return True
    size = {None: 0, "page-header": 0}
    for (_, reason), key in zip(verdicts, keys, strict=True):
        if reason in size:
            size[reason] += cjk_count(key)
    return size["page-header"] > size[None]


def _title_variants(key: str, wanted: str) -> bool:
    """A line of the title's variants side by side, for search engines: "<title> <title>（1）
    <short title>", every part the title or a piece of it."""
    parts = [_BRACKETS.sub("", part) for part in key.split()]
    if len(wanted) <= _SHORT_TITLE:
        return False  # "春天来了 春天来了" under the title "春天来了" is the poem's own line
    return len(parts) >= 2 and all(
        len(part) >= _MIN_VARIANT and (part in wanted or wanted in part) for part in parts
    )


def _repeats_title(line_key: str, wanted: str) -> bool:
    if wanted not in line_key:
        return False
    rest = line_key.replace(wanted, "", 1)
    if _ESSAY_ORDINAL.match(rest) and not _ESSAY_COUNT.match(rest):
        return False  # "<title>【精选3篇】一" opens the first essay of a collection
    if _NUMBERED.match(line_key):
        return False  # "1. 七年级<title>": a numbered heading, maybe an essay's
    # "（word完整版）<title>": the brackets of a decoration do not count towards the slack
    bare = _BRACKETS.sub("", rest)
    if len(wanted) <= _SHORT_TITLE and _WORDS_OF_ITS_OWN.search(_DECORATION_WORDS.sub("", bare)):
        return False  # "春天来了" under the title "春天" is a line of the poem, not a repeat
    return len(bare) <= _TITLE_REPEAT_SLACK and not SENTENCE_PUNCT.search(rest)


def _choose_title(
    extracted: Extracted,
    body: list[str],
    keys: list[str],
    chrome: list[str | None],
    names: tuple[str, ...],
    cued: set[int],
) -> str:
    if extracted.method != "generic" and extracted.title:  # a profile's selector, or given
        return " ".join(extracted.title.split())
    lines = [*extracted.lead, *body]
    for line in lines[:_KEYWORD_LINE_WINDOW]:
        # "<title> 本文关键词:…" lines carry the title as a prefix
        match = _META_LABEL.search(nfkc(line))
        if match and match.start() > 0:
            return nfkc(line)[: match.start()].strip()
    known = [  # a blurb opening the page hides no title
        reason is not None
        or is_related_heading(key)
        or (index < _TITLE_WINDOW and index in cued and is_blurb_line(key))
        for index, (reason, key) in enumerate(zip(chrome, keys, strict=True))
    ]
    site = (extracted.site,) if extracted.site else ()
    furniture = [key for key, reason in zip(keys, chrome, strict=True) if reason in _FURNITURE]
    return choose_title(
        extracted.html_title, extracted.h1, lines, known, (*names, *site), keys, furniture
    )


def _label_value(line: str) -> str | None:
    match = _LABEL_VALUE.search(nfkc(line))
    value = match.group(1).strip() if match else ""
    return value or None


def _split_keywords(value: str) -> list[str]:
    seen: dict[str, None] = {}
    for word in _KEYWORD_SPLIT.split(value):
        if word:
            seen.setdefault(word, None)
    return list(seen)


def _category(breadcrumb: str, title: str) -> str | None:
    """The last crumb that is neither home, a "内容页" marker, nor the article title."""
    text = _CRUMB_LABEL.sub("", nfkc(breadcrumb)).strip()
    crumbs = [_CRUMB_NOISE.sub("", c).strip() for c in _CRUMB_SPLIT.split(text)]
    squashed = squash(title)
    crumbs = [c for c in crumbs if c and c not in _HOME and (not squashed or squash(c) != squashed)]
    return crumbs[-1] if crumbs else None
