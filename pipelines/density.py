"""Find the main-content element of a page nobody wrote a profile for.

Chinese prose is dense in sentence punctuation (，。！？；：、) and poor in links; navigation,
sidebars and related-article lists are the reverse. From <body> we descend while one child holds
most of the prose, then prune link-heavy or chrome-named children of the chosen element.
"""

from __future__ import annotations

import re

from lxml import etree

_PUNCT = re.compile(r"[，。！？；：、,.!?;:]")
_CHROME_HINT = re.compile(
    r"nav|menu|footer|foot|header|sidebar|side|aside|related|recommend|comment|share|tag|"
    r"breadcrumb|crumb|position|copyright|banner|advert|\bad\b|hot|rank|login|search",
    re.IGNORECASE,
)
_SKIP = frozenset("script style noscript iframe select option textarea template svg".split())
# Descend into a child holding at least this share of its parent's prose punctuation.
_DESCEND_SHARE = 0.7
_MAX_LINK_DENSITY = 0.5


def main_content(body: etree._Element) -> etree._Element:
    """Return the element most likely to hold the article (pruned in place of chrome)."""
    stats: dict[etree._Element, tuple[int, int, int]] = {}
    _measure(body, stats, in_link=False)
    node = body
    while True:
        _, _, punct = stats[node]
        children = [c for c in node if isinstance(c.tag, str) and c in stats]
        best = max(children, key=lambda c: stats[c][2], default=None)
        if best is None or punct == 0 or stats[best][2] < punct * _DESCEND_SHARE:
            break
        node = best
    _prune(node, stats)
    return node


def _measure(
    node: etree._Element, stats: dict[etree._Element, tuple[int, int, int]], in_link: bool
) -> tuple[int, int, int]:
    """(characters, characters inside links, punctuation outside links) of a subtree."""
    tag = node.tag.lower() if isinstance(node.tag, str) else ""
    if tag in _SKIP or not tag:
        return 0, 0, 0
    inside_link = in_link or tag == "a"
    text = node.text or ""
    chars, link_chars = len(text.strip()), len(text.strip()) if inside_link else 0
    punct = 0 if inside_link else len(_PUNCT.findall(text))
    for child in node:
        c_chars, c_link, c_punct = _measure(child, stats, inside_link)
        tail = (child.tail or "").strip()
        chars += c_chars + len(tail)
        link_chars += c_link + (len(tail) if inside_link else 0)
        punct += c_punct + (0 if inside_link else len(_PUNCT.findall(tail)))
    stats[node] = (chars, link_chars, punct)
    return chars, link_chars, punct


def _prune(node: etree._Element, stats: dict[etree._Element, tuple[int, int, int]]) -> None:
    for child in list(node):
        if not isinstance(child.tag, str) or child not in stats:
            continue
        chars, link_chars, punct = stats[child]
        hint = f"{child.get('class', '')} {child.get('id', '')}"
        link_heavy = chars and link_chars / chars > _MAX_LINK_DENSITY
        chrome = bool(_CHROME_HINT.search(hint)) and punct < 20
        if link_heavy or chrome:
            _remove_keeping_tail(child)
        elif len(child):
            _prune(child, stats)


def _remove_keeping_tail(child: etree._Element) -> None:
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
