"""Stage 2, extract: decoded page(s) → title, breadcrumb, date and the article's text lines.

A site profile's selectors win where one matches; otherwise a density heuristic finds the block
that holds most of the page's prose. Plain-text input (a saved text dump) passes through as lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree
from parsel.csstranslator import HTMLTranslator

from pipelines.clean.decode import Decoded
from pipelines.clean.density import (
    BLOCK_TAGS,
    NOT_TEXT_TAGS,
    drop_keeping_tail,
    main_content,
)
from pipelines.clean.lineshape import REVIEW
from pipelines.clean.mojibake import repair as repair_mojibake
from pipelines.clean.rules import TRUNCATION
from pipelines.urls import canonical_url

# How far after the article block a paywall notice is looked for, and how long it may be.
_NOTE_SIBLINGS = 2
_MAX_NOTE_CHARS = 200
_MAX_REVIEW_CHARS = 600
_MAX_REVIEW_HEADING = 8
_BREAK = "\x01"  # marks a line break between pieces of text (a control character, not text)
_SKIP_TAGS = frozenset(
    "script style noscript iframe select option button textarea template head svg canvas".split()
)
_OPENING_BREAK = BLOCK_TAGS | {"br"}  # tags that break the line where they open
_CLOSING_BREAK = BLOCK_TAGS - _SKIP_TAGS  # and where they close
_HTML_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True)
_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0\u3000\u2002\u2003\u200b]+")
# Two spaces or more inside a line, not right after a line break: where a text copy ran the
# page's blocks together.
_BLOCK_GAP = re.compile("(?<![\n\r \u3000\xa0])[ \u3000\xa0]{2,}(?![\n\r])")
_SENTENCE_MARK = re.compile("[。！？!?]")
_TRAIL_OR_LABEL = re.compile("[:：>»→＞]")
_MIN_BLOCKED = 20
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
# Hidden text this long may be the essay's folded remainder; shorter hidden text is chrome.
_LARGE_HIDDEN_TEXT = 200
# Shorter hidden text of sentences is folded too ("…展开阅读全文" over the last paragraphs).
_FOLDED_TEXT = 60
_FOLDED_SENTENCES = 2
_SENTENCE_MARK = re.compile("[。！？；]")
_SAMPLE = 60
# Candidates are found by XPath in C; the exact test runs in Python on those few elements.
# (The same elements as //*[@style or @hidden or contains(@class, 'jammer')], in the same order;
# reached from their attributes, libxml2 finds them in half the time.)
_MAYBE_HIDDEN = etree.XPath("//@style/.. | //@hidden/.. | //@class[contains(., 'jammer')]/..")
_HIDDEN_STYLE = re.compile(
    r"(display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:\.0+)?(?:px|pt|em|rem)?\s*(?:;|$))",
    re.IGNORECASE,
)
# "<title>_<category>_<site>" or "<title> - <site>": underscores and bars always separate, a dash
# only with spaces around it (2014-2015学年度…, 珍爱生命——演讲稿 keep theirs).
_CJK = re.compile("[\u4e00-\u9fff]")
_LEAD_LINES = 10
_SENTENCE_END = re.compile("[。！？]")
# Whole-page text stands in for a missing article block only with this much prose in it.
_MIN_FALLBACK_LINES = 3
_MIN_FALLBACK_CHARS = 150
_TITLE_SEPARATOR = re.compile(r"\s*[_|｜]+\s*|\s+[-–—]+\s+")
_XML_DECLARATION = re.compile(r"^(?:[\s\ufeff]*<\?xml\b[^>]*>)+")
# A page nested deeper than libxml2 parses keeps this many levels (flatten_html).
_KEEP_DEPTH = 256
_LIBXML2_DEPTH = 2048  # libxml2's nesting limit for HTML
# A start or end tag; scripts, styles and comments as one match each (tags inside are text).
_TAG = re.compile(
    r"<!--.*?-->|<(script|style)\b.*?</\1\s*>|<(?P<end>/?)(?P<name>[A-Za-z][\w:-]*)[^>]*>",
    re.DOTALL | re.IGNORECASE,
)
# Any tag, to strip from a page libxml2 could make nothing of; whether a tree holds text.
_ANY_TAG = re.compile(r"</?[^\s<>/]+[^<>]*>")
_HAS_TEXT = etree.XPath("boolean(//text()[normalize-space()])")
_CANONICAL = etree.XPath(
    "//head/link[translate(@rel, 'CANONICAL', 'canonical')='canonical']/@href", smart_strings=False
)
# The prefixes parsel maps for a selector: EXSLT regular expressions always, sets when used.
_EXSLT_RE = {"re": "http://exslt.org/regular-expressions"}
_EXSLT_SETS = {"set": "http://exslt.org/sets"}
# Tags that hold no content, or whose end tag HTML lets a page leave out.
_UNCOUNTED = frozenset(
    "area base br col embed hr img input link meta param source track wbr "
    "p li dt dd tr td th option thead tbody tfoot colgroup caption rt rp".split()
)


@dataclass(frozen=True)
class ExtractRules:
    """Where a known site keeps each part of an article (CSS, or XPath when starting with '/')."""

    site: str | None = None
    title: tuple[str, ...] = ()
    breadcrumb: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    date: tuple[str, ...] = ()
    drop: tuple[str, ...] = ()
    # What tells this site's pages apart when no URL says so (default: the body selector).
    detect: tuple[str, ...] = ()


@dataclass(frozen=True)
class Extracted:
    url: str
    title: str | None
    breadcrumb: str | None
    published: str | None
    lines: list[str] = field(default_factory=list)
    site: str | None = None
    method: str = "text"  # "profile" | "generic" | "text"
    # Each part's identity: its <link rel=canonical> when it declares a usable one, else its URL.
    part_urls: tuple[str, ...] = ()
    html_title: str | None = None  # the <title>, which usually ends with the site's name
    h1: str | None = None  # the page's first <h1>, when it has one
    # Lines just above the article block, kept when neither <title> nor <h1> can name the
    # article (they are where its title line is): for choosing the title, never for the text.
    lead: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()  # "mojibake-repaired"


def extract(
    parts: Sequence[Decoded],
    rules: ExtractRules | None = None,
    candidates: Iterable[ExtractRules] = (),
) -> Extracted:
    """Extract one article from its page(s), in page order, repairing mojibake lines."""
    extracted = _extract(parts, rules, candidates)
    flags = tuple(dict.fromkeys(flag for part in parts for flag in part.flags))
    lines, repaired = repair_mojibake(extracted.lines)
    if repaired:
        flags = (*flags, "mojibake-repaired")
    return replace(extracted, lines=lines, flags=flags) if flags else extracted


def _extract(
    parts: Sequence[Decoded],
    rules: ExtractRules | None,
    candidates: Iterable[ExtractRules],
) -> Extracted:
    if not parts:
        raise ValueError("extract() needs at least one decoded page")
    first = parts[0]
    if not first.is_html:
        lines = [line for part in parts for line in _text_lines(part.text)]
        urls = tuple(canonical_url(part.url) for part in parts)
        return Extracted(
            urls[0], None, None, None, lines, rules.site if rules else None, part_urls=urls
        )
    roots = [_parse_html(part.text) for part in parts]
    for root in roots:
        strip_noise(root)
    urls = tuple(
        canonical_url(_canonical(root, part.url)) for root, part in zip(roots, parts, strict=True)
    )
    if len(set(urls)) < len(urls):  # continuation pages pointing at page one keep their own URL
        urls = (urls[0], *(canonical_url(part.url) for part in parts[1:]))
    if rules is None:
        rules = next(
            (
                c
                for c in candidates
                if c.body and _matches(roots[0], first.text, c.detect or c.body)
            ),
            None,
        )
    if rules is not None and rules.body and _select(roots[0], rules.body):
        # Title, breadcrumb and date first: `drop` may remove the very line the date is on.
        title = _first_text(roots[0], rules.title) or _page_title(roots[0])
        breadcrumb = _first_text(roots[0], rules.breadcrumb)
        published = _find_date(_first_text(roots[0], rules.date))
        lines = [line for root in roots for line in _profile_lines(root, rules)]
        return Extracted(
            url=urls[0],
            title=title,
            breadcrumb=breadcrumb,
            published=published,
            lines=lines,
            site=rules.site,
            method="profile",
            part_urls=urls,
            html_title=_first_text(roots[0], ("title",)),
        )
    html_title = _first_text(roots[0], ("title",))
    h1 = _first_text(roots[0], (_HEADING, _SUBHEADING))
    lines = []
    lead: tuple[str, ...] = ()
    for index, root in enumerate(roots):
        part_lines, node = _generic_lines(root)
        if index == 0 and node is not None and not h1 and not _CJK.search(html_title or ""):
            lead = _lead_lines(root, part_lines)
        lines += part_lines
    if not lines and _parser_gave_up(roots[0]):  # a page libxml2 made nothing of
        lines = [line for part in parts for line in _text_lines(_ANY_TAG.sub("", part.text))]
    return Extracted(
        url=urls[0],
        title=_page_title(roots[0]),
        breadcrumb=None,
        published=None,
        lines=lines,
        site=None,
        method="generic",
        part_urls=urls,
        html_title=html_title,
        h1=h1,
        lead=lead,
    )


def whole_page(parts: Sequence[Decoded], any_text: bool = False) -> Extracted | None:
    """Every text line of the page(s), flagged "no-article-block": for a page whose article
    block was not found (a converted document laid out one short line per element). None
    unless the text holds real prose, so a list of links stays a page without an article
    (with `any_text`, any text will do)."""
    if not parts or not parts[0].is_html:
        return None
    roots = [_parse_html(part.text) for part in parts]
    lines: list[str] = []
    for root in roots:
        strip_noise(root)
        lines += element_lines(_body(root))
    prose = [line for line in lines if _SENTENCE_END.search(line)]
    enough = len(prose) >= _MIN_FALLBACK_LINES and sum(map(len, prose)) >= _MIN_FALLBACK_CHARS
    if not (enough or (any_text and lines)):
        return None
    first = parts[0]
    lines, _ = repair_mojibake(lines)
    return Extracted(
        url=canonical_url(first.url),
        title=None,
        breadcrumb=None,
        published=None,
        lines=lines,
        method="fallback",
        part_urls=tuple(canonical_url(part.url) for part in parts),
        html_title=_first_text(roots[0], ("title",)),
        flags=("no-article-block",),
    )


def element_lines(element: etree._Element) -> list[str]:
    """Text of an element as lines: block elements and <br> break lines, inline ones do not.

    Iterative (lxml's iterwalk), so a 10,000-deep page cannot exhaust Python's stack. Pieces
    are collected with a break marker and whitespace is collapsed once for the whole element.
    """
    pieces: list[str] = []
    add = pieces.append
    walker = etree.iterwalk(element, events=("start", "end"))
    for event, node in walker:
        tag = node.tag
        if event == "start":
            if tag in _SKIP_TAGS:
                walker.skip_subtree()
                continue
            if tag in _OPENING_BREAK:
                add(_BREAK)
            if text := node.text:  # read once: lxml builds a new string at every read
                add(text)
        else:
            if tag in _CLOSING_BREAK:
                add(_BREAK)
            if (tail := node.tail) and node is not element:
                add(tail)
            elif tag == "a":
                add(" ")  # links run together ("首页小学初中") are a menu's items
    return [
        line
        for raw in "".join(pieces).split(_BREAK)
        for block in _blocks(raw)
        if (line := _SPACE.sub(" ", block).strip())
    ]


def _parse_html(text: str) -> etree._Element:
    """Parse with lxml's plain HTML parser: lxml.html's per-element class lookup, which parsel
    would use, costs more than the whole density pass. libxml2 drops everything past 2,048
    levels of nesting, the rest of the page included: such a page is parsed again with its
    deepest tags taken out (their text stays)."""
    # lxml refuses text (not bytes) that opens with an XML declaration naming an encoding; the
    # text is decoded already, so the declarations (a page may stack several) have nothing
    # left to say.
    text = _XML_DECLARATION.sub("", text, count=1)
    root = etree.fromstring(text, parser=_HTML_PARSER) if text.strip() else None
    # Only a page with more tags than the limit can be too deep: the parser's error log, which
    # a sloppy page fills with thousands of entries, is read only then.
    if root is not None and text.count("<") > _LIBXML2_DEPTH and _too_deep(_HTML_PARSER):
        root = etree.fromstring(flatten_html(text), parser=_HTML_PARSER)
    return (
        root if root is not None else etree.fromstring("<html><body></body></html>", _HTML_PARSER)
    )


def _too_deep(parser: etree.HTMLParser) -> bool:
    return any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log)


def flatten_html(text: str, keep: int = _KEEP_DEPTH) -> str:
    """The HTML with every tag that opens deeper than `keep` levels removed, with its end tag:
    the text stays where it was, a removed block tag leaves a <br> (a line break). Scripts,
    styles and comments pass whole; void tags and those whose end tag may be left out (p, li,
    td…) are not counted, so unclosed ones do not pile up."""
    out: list[str] = []
    depth, last = 0, 0
    dropped: dict[str, int] = {}
    for match in _TAG.finditer(text):
        name = (match.group("name") or "").lower()
        if not name or name in _UNCOUNTED or match.group(0).endswith("/>"):
            continue
        closing = bool(match.group("end"))
        if closing and dropped.get(name):
            dropped[name] -= 1
        elif closing:
            depth = max(0, depth - 1)
            continue
        elif depth < keep:
            depth += 1
            continue
        else:
            dropped[name] = dropped.get(name, 0) + 1
        out += [text[last : match.start()], "<br>" if name in BLOCK_TAGS else ""]
        last = match.end()
    out.append(text[last:])
    return "".join(out)


def strip_noise(root: etree._Element) -> None:
    """Remove what is never text: comments, scripts, styles, and text hidden by CSS.

    A large hidden block is kept unless the page shows the same text elsewhere: sites hide the
    rest of an essay behind "展开全文", but also keep hidden duplicates (reader views).
    """
    etree.strip_elements(
        root, etree.Comment, etree.ProcessingInstruction, *NOT_TEXT_TAGS, with_tail=False
    )
    hidden = [node for node in _MAYBE_HIDDEN(root) if _is_hidden(node)]
    if not hidden:
        return
    # Each node's text is read before any is dropped (a drop changes only text before the
    # dropped node, so none of these), and the page's only when some hidden text is large.
    texts = [_SPACE.sub("", "".join(node.itertext())) for node in hidden]
    folded = [_may_be_folded(text) for text in texts]
    page_text = _SPACE.sub("", "".join(root.itertext())) if any(folded) else ""
    for node, text, fold in zip(hidden, texts, folded, strict=True):
        middle = len(text) // 2  # away from a copy's own title or date line
        sample = text[middle : middle + _SAMPLE]
        if not fold or page_text.count(sample) > text.count(sample):
            drop_keeping_tail(node)


def _may_be_folded(text: str) -> bool:
    """Hidden text that may be the essay's folded remainder: long, or a few sentences."""
    if len(text) >= _LARGE_HIDDEN_TEXT:
        return True
    return len(text) >= _FOLDED_TEXT and len(_SENTENCE_MARK.findall(text)) >= _FOLDED_SENTENCES


def _is_hidden(node: etree._Element) -> bool:
    return (
        node.get("hidden") is not None
        or "jammer" in (node.get("class") or "").split()
        or bool(_HIDDEN_STYLE.search(node.get("style") or ""))
    )


def _canonical(root: etree._Element, fetched_url: str) -> str:
    """The page's declared canonical URL, unless missing, not http(s), or a site's home page
    (a common misconfiguration that would fold every page into one)."""
    hrefs: list[str] = _CANONICAL(root)  # @href values, as plain str
    href = hrefs[0] if hrefs else None
    if not href or not href.strip():
        return fetched_url
    try:
        url = urljoin(fetched_url, href.strip())
        parts = urlsplit(url)
    except ValueError:  # not a URL (a broken IPv6 literal: http://[::1)
        return fetched_url
    if parts.scheme not in ("http", "https") or parts.path in ("", "/") and not parts.query:
        return fetched_url
    return url


def _text_lines(text: str) -> list[str]:
    return [
        line
        for raw in text.splitlines()
        for block in _blocks(raw)
        if (line := _SPACE.sub(" ", block).strip())
    ]


def _blocks(line: str) -> list[str]:
    """The blocks of a line that is several lines of a page run together, two spaces or more
    between them ("某某网 首页 心得 … 保证书  <title>  [ 复制全文 ] [ 打印 ]"): a line with no
    sentence in it, of three blocks or more, or of two when one is a trail or a label's row. A
    field's blank ("姓名：  张三"), a row of labels and a gap after a line break (a source's
    indentation) stay whole."""
    if len(line) <= _MIN_BLOCKED or not _BLOCK_GAP.search(line) or _SENTENCE_MARK.search(line):
        return [line]
    blocks = [block for block in _BLOCK_GAP.split(line) if block.strip()]
    if len(blocks) < 2 or blocks[0].rstrip().endswith((":", "：")):
        return [line]  # "姓名：  张三": a field and its value
    labelled = sum(":" in block or "：" in block for block in blocks)
    if labelled >= 2 and (labelled == len(blocks) or labelled >= max(3, len(blocks) - 1)):
        return [line]  # a row of labels with their values ("来源：…  作者：…  【打印】"), whole
    if len(blocks) == 2 and not any(_TRAIL_OR_LABEL.search(block) for block in blocks):
        return [line]
    return blocks


@lru_cache(maxsize=512)
def _literals(query: str) -> tuple[str, ...]:
    """Names and strings a selector looks for (ids, classes, quoted text)."""
    found = re.findall(r"'([^']{3,})'|\"([^\"]{3,})\"|[#.]([\w-]{3,})", query)
    return tuple(next(part for part in parts if part) for parts in found)


def _matches(root: etree._Element, html: str, queries: Sequence[str]) -> bool:
    """Whether any query selects something. A query whose names and strings all are absent
    from the page's source cannot match: that substring check spares most XPath runs."""
    for query in queries:
        literals = _literals(query)
        if literals and not any(literal in html for literal in literals):
            continue
        if _selector(_as_xpath(query))(root):
            return True
    return False


@lru_cache(maxsize=512)
def _as_xpath(query: str) -> str:
    """A profile's selector as XPath (CSS translated once): detection runs every profile's
    selectors on every page without a profile, so translating them each time adds up."""
    return query if query.startswith(("/", "(")) else HTMLTranslator().css_to_xpath(query)


def _xpath(xpath: str, namespaces: dict[str, str]) -> etree.XPath:
    """A selector compiled as parsel compiles it: strings come as plain str."""
    try:
        return etree.XPath(xpath, namespaces=namespaces, smart_strings=False)
    except etree.XPathError as error:  # the error parsel raises
        raise ValueError(f"XPath error: {error} in {xpath}") from error


@lru_cache(maxsize=512)
def _selector(xpath: str) -> etree.XPath:
    return _xpath(xpath, _EXSLT_RE)


def _run(root: etree._Element, query: str) -> list[Any]:
    """What a profile's selector selects, as parsel's Selector.xpath/css would, without wrapping
    the page and each result in a Selector: elements, or strings (a result that is no node
    set, such as a count, comes as a list of one)."""
    xpath = _as_xpath(query)
    # An evaluator that maps set: adds an entry to its error log at every call (libxml2 2.13+):
    # as in parsel, a selector using it is compiled afresh each time.
    evaluate = _xpath(xpath, _EXSLT_RE | _EXSLT_SETS) if "set:" in xpath else _selector(xpath)
    try:
        found = evaluate(root)
    except etree.XPathError as error:
        raise ValueError(f"XPath error: {error} in {xpath}") from error
    return found if isinstance(found, list) else [found]


def _select(root: etree._Element, queries: Sequence[str]) -> list[Any]:
    for query in queries:
        found = _run(root, query)
        if found:
            return found
    return []


def _first_text(root: etree._Element, queries: Sequence[str]) -> str | None:
    for node in _select(root, queries):
        text = " ".join(element_lines(node)) if isinstance(node, etree._Element) else str(node)
        text = _SPACE.sub(" ", text).strip()
        if text:
            return text
    return None


def _profile_lines(root: etree._Element, rules: ExtractRules) -> list[str]:
    for query in rules.drop:
        for node in _run(root, query):
            if isinstance(node, etree._Element):
                drop_keeping_tail(node)
    return [line for node in _select(root, rules.body) for line in element_lines(node)]


def _generic_lines(root: etree._Element) -> tuple[list[str], etree._Element | None]:
    node = main_content(_body(root))
    if node is None:
        return [], None
    return element_lines(node) + _notes_after(node), node


def _body(root: etree._Element) -> etree._Element:
    """The page's <body>, or its root when the parser made none."""
    return next(root.iter("body"), root)


def _lead_lines(root: etree._Element, article: list[str]) -> tuple[str, ...]:
    """The page's text lines just above the article's first line."""
    if not article:
        return ()
    every = element_lines(_body(root))
    try:
        start = every.index(article[0])
    except ValueError:
        return ()
    return tuple(every[max(0, start - _LEAD_LINES) : start])


def _parser_gave_up(root: etree._Element) -> bool:
    """No text at all in the parsed tree (XPath, in C: a page may hold 60,000 empty tags)."""
    return not _HAS_TEXT(root)


def _notes_after(node: etree._Element) -> list[str]:
    """Blocks just after the article block that belong with it: a paywall notice ("未完，全文
    共3000字…"), kept so that the cleaner removes it with a reason and flags the essay
    truncated; and a teacher's review of the essay ("老师点评：…", an "教师评语" heading and
    its paragraph), which is the essay's own."""
    notes: list[str] = []
    sibling = node.getnext()
    review_heading = False
    for _ in range(_NOTE_SIBLINGS + 1):
        if sibling is None:
            break
        lines = element_lines(sibling)
        size = sum(map(len, lines))
        if review_heading or (lines and REVIEW.match(lines[0]) and size <= _MAX_REVIEW_CHARS):
            notes += lines
            review_heading = len(lines) == 1 and len(lines[0]) <= _MAX_REVIEW_HEADING
        elif size <= _MAX_NOTE_CHARS and TRUNCATION.search("\n".join(lines)):
            notes += lines
        sibling = sibling.getnext()
    return notes


# The page's <h1>, but not a site's logo set as one (named so, an image, or a link home);
# without one, its first <h2> that is no link (a section's heading over a list is one).
_HEADING = (
    "//h1[not(contains(concat(@class, ' ', @id), 'logo')) and not(.//img)"
    " and not(.//a[@href='/' or @href='./' or starts-with(@href, 'index.')])]"
)
_SUBHEADING = "(//h2)[1][not(.//a)][count(//h2) = 1]"


def _page_title(root: etree._Element) -> str | None:
    h1 = _first_text(root, (_HEADING,))
    if h1:
        return h1
    title = _first_text(root, ("title",))
    if not title:
        return None
    return _TITLE_SEPARATOR.split(title, maxsplit=1)[0].strip() or title


def _find_date(text: str | None) -> str | None:
    match = _DATE.search(text or "")
    if not match:
        return None
    year, month, day = match.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}"
