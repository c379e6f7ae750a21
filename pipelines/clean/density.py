"""Find the main-content element of a page nobody wrote a profile for.

Chinese prose is dense in sentence punctuation (，。！？；、) and poor in links; navigation,
sidebars, reply lists and related-article lists are the reverse. Each element gets a prose
score: the punctuation of its leaf blocks, each discounted by that block's link density, summed
up the tree. From <body> we descend while one child holds most of the prose (or, in a listing of
dated posts, into the first post), then prune link-heavy or chrome-named children.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from lxml import etree

from pipelines.clean.lineshape import REVIEW

BLOCK_TAGS = frozenset(
    "address article aside blockquote center dd div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td th thead tr ul".split()
)
# Half-width ":" and "." are left out: they fill timestamps, URLs and numbers in link lists;
# a "?" counts alone only, since runs of "???" are what a wrong codec leaves of text.
_PROSE_PUNCT = re.compile("[，。！？；：、,!?;]")
_QUESTION_RUN = re.compile(r"\?{2,}")


def _punct(text: str) -> int:
    """How many prose punctuation marks the text holds (a regex scan: five times faster than
    deleting them with str.translate, which looks every character up in a dict)."""
    count = len(_PROSE_PUNCT.findall(text))
    if "??" in text:
        count -= sum(map(len, _QUESTION_RUN.findall(text)))
    return count


_TIMESTAMP = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|\d{1,2}:\d{2}")
_CHROME_HINT = re.compile(
    r"nav|menu|footer|foot|header|sidebar|side|aside|related|recommend|comment|share|tag|"
    r"breadcrumb|crumb|position|copyright|banner|advert|\bad\b|hot|rank|login|search",
    re.IGNORECASE,
)
# Never text; strip_noise() removes them before measuring.
NOT_TEXT_TAGS = (
    "script",
    "style",
    "noscript",
    "iframe",
    "select",
    "textarea",
    "template",
    "svg",
    "rt",
    "rp",  # ruby annotations: the pinyin over 學 in <ruby>學<rt>xué</rt></ruby>
)
# Descend into a child holding at least this share of its parent's prose.
_DESCEND_SHARE = 0.7
_MAX_LINK_DENSITY = 0.5
# A listing (blog archive, forum thread) repeats at least this many dated posts.
_MIN_POSTS = 3
# A list page: at least this many linked excerpts of at most this many characters each.
_MIN_CARDS = 2
_MAX_CARD_CHARS = 200
_CARD_LIST_SHARE = 0.8  # of the chosen element's prose, in the card list, for a list page
# Below this much discounted punctuation a page holds no article, only links and labels.
_MIN_PROSE = 3.0
_MIN_POST_PUNCT = 10


class _Figures(NamedTuple):  # a tuple: built for every element, so it must be cheap
    chars: int
    link_chars: int
    punct: int  # punctuation outside links
    prose: float  # punctuation of leaf blocks, each discounted by its link density

    @property
    def link_density(self) -> float:
        return self.link_chars / self.chars if self.chars else 0.0


Stats = dict[etree._Element, _Figures]
_ZERO = _Figures(0, 0, 0, 0.0)
_VOID_TAGS = frozenset("br img hr input meta link wbr area source col embed param track".split())
# Links and everything inside them (the same as "descendant-or-self::a | descendant-or-self::a//*",
# without the union's sorting).
_LINKED = etree.XPath("descendant-or-self::a/descendant-or-self::*")


def main_content(body: etree._Element) -> etree._Element | None:
    """Return the element most likely to hold the article (pruned in place of chrome), or None
    when the page has no prose at all (a list, tag or search page)."""
    stats: Stats = {}
    _measure(body, stats)
    if stats[body].prose < _MIN_PROSE:
        return None
    node = body
    while True:
        children = [c for c in node if isinstance(c.tag, str) and c in stats]
        shapes = _by_shape(children)
        if _is_card_list(children, shapes, stats):
            return None  # a list of linked excerpts: a list page, not an article
        first_post = _first_post(children, shapes, stats)
        if first_post is not None:
            node = first_post
            continue
        best = max(children, key=lambda c: stats[c].prose, default=None)
        total = stats[node].prose
        if best is None or total <= 0 or stats[best].prose < total * _DESCEND_SHARE:
            break
        if best.tag == "p":
            break  # keep a lone paragraph's siblings (a heading, a poem's lines) with it
        node = best
    if _holds_card_list(node, stats):
        return None  # without its chrome (a sidebar), what is left is a list of post cards
    _prune(node, stats)
    return node


def _holds_card_list(node: etree._Element, stats: Stats) -> bool:
    """Whether, chrome aside, most of the node's prose sits in one list of post cards: follow
    the child holding most of each level's prose while it holds most of the node's."""
    level, share = node, 1.0
    while share >= _CARD_LIST_SHARE:
        children = [
            c for c in level if isinstance(c.tag, str) and c in stats and not _is_chrome(c, stats)
        ]
        total = sum(stats[c].prose for c in children)
        if total <= 0:
            return False
        if _is_card_list(children, _by_shape(children), stats):
            return True
        best = max(children, key=lambda c: stats[c].prose)
        share *= stats[best].prose / total
        level = best
    return False


def _by_shape(children: list[etree._Element]) -> list[list[etree._Element]]:
    """The children grouped by tag and class, in order."""
    groups: dict[tuple[str, str], list[etree._Element]] = {}
    for child in children:
        groups.setdefault((str(child.tag), child.get("class", "")), []).append(child)
    return list(groups.values())


def _is_card_list(
    children: list[etree._Element], shapes: list[list[etree._Element]], stats: Stats
) -> bool:
    """Sibling blocks of one shape, each a link plus a short excerpt, holding most of the prose:
    the post cards of a list or tag page."""
    total = sum(stats[c].prose for c in children) or 1.0
    for members in shapes:
        if len(members) < _MIN_CARDS:
            continue  # too few to hold enough cards
        cards = [
            c
            for c in members
            if 0 < stats[c].chars <= _MAX_CARD_CHARS
            and stats[c].link_chars > 0
            and c.find(".//a") is not None
        ]
        if len(cards) >= _MIN_CARDS and sum(stats[c].prose for c in cards) >= 0.8 * total:
            return True
    return False


def _first_post(
    children: list[etree._Element], shapes: list[list[etree._Element]], stats: Stats
) -> etree._Element | None:
    """In a listing of dated posts of one shape, the first post (the article; later ones are
    other posts or replies)."""
    total = sum(stats[c].punct for c in children) or 1
    for members in shapes:
        if len(members) < _MIN_POSTS:
            continue  # too few to hold enough posts
        posts = [c for c in members if stats[c].punct >= _MIN_POST_PUNCT]
        if len(posts) < _MIN_POSTS or sum(stats[c].punct for c in posts) < 0.8 * total:
            continue
        dated = [c for c in posts if _TIMESTAMP.search("".join(c.itertext()))]
        if len(dated) >= _MIN_POSTS and sum(stats[c].punct for c in dated) >= 0.8 * total:
            return dated[0]
    return None


def _measure(body: etree._Element, stats: Stats) -> None:
    """Fill `stats` for every element's subtree, bottom-up and without recursion: in reverse
    document order, which reaches every child before its parent and is cheaper to walk than
    iterwalk's "end" events (the nodes are the same: elements and entities, no comments).
    Expects strip_noise() to have removed scripts and styles."""
    links = set(_LINKED(body))
    find_punct, new_figures = _PROSE_PUNCT.findall, tuple.__new__  # locals: a loop per element
    for node in reversed(list(body.iter(etree.Element, etree.Entity))):
        if node.tag in _VOID_TAGS:  # <br>, <img> …: no text of their own (tails count above)
            stats[node] = _ZERO
            continue
        in_link = node in links
        text = node.text
        chars = link_chars = punct = own_punct = 0
        if text and (text := text.strip()):
            chars = len(text)
            if in_link:
                link_chars = chars
            else:
                punct = own_punct = len(find_punct(text))
                if "??" in text:
                    punct = own_punct = _punct(text)
        child_prose, has_blocks = 0.0, False
        for child in node:
            figures = stats.get(child)
            if figures is not None:
                c_chars, c_link, c_punct, c_prose = figures
                chars += c_chars
                link_chars += c_link
                punct += c_punct
                child_prose += c_prose
                has_blocks = has_blocks or child.tag in BLOCK_TAGS
            tail = child.tail
            if tail and (tail := tail.strip()):
                chars += len(tail)
                if in_link:
                    link_chars += len(tail)
                else:
                    tail_punct = len(find_punct(tail))
                    if "??" in tail:
                        tail_punct = _punct(tail)
                    punct += tail_punct
                    own_punct += tail_punct
        if has_blocks:
            prose = own_punct + child_prose
        else:  # a leaf block: its links discount all of its punctuation
            density = link_chars / chars if chars else 0.0
            prose = punct * (1.0 - density) ** 2
        stats[node] = new_figures(_Figures, (chars, link_chars, punct, prose))


def _prune(node: etree._Element, stats: Stats) -> None:
    pending = [node]
    while pending:
        current = pending.pop()
        for child in list(current):
            if not isinstance(child.tag, str) or child not in stats:
                continue
            if _is_chrome(child, stats) and not _is_review(child):
                drop_keeping_tail(child)
            elif len(child):
                pending.append(child)


def _is_review(element: etree._Element) -> bool:
    """A teacher's review of the essay in a block named like readers' comments."""
    for text in element.itertext():
        if text.strip():
            return bool(REVIEW.match(text.strip()))
    return False


def _is_chrome(element: etree._Element, stats: Stats) -> bool:
    """Mostly links, or named like navigation, a sidebar, a footer … with little prose."""
    figures = stats[element]
    if figures.link_density > _MAX_LINK_DENSITY:
        return True
    if figures.punct >= 20:
        return False
    names = element.get("class"), element.get("id")
    if names == (None, None):  # most elements are named neither way: no regex search
        return False
    return bool(_CHROME_HINT.search(f"{names[0] or ''} {names[1] or ''}"))


def drop_keeping_tail(child: etree._Element) -> None:
    """Remove an element and its subtree, keeping the text that follows it."""
    parent = child.getparent()
    if parent is None:
        return
    if child.tail:
        previous = child.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail
    parent.remove(child)
