"""One page through the clean stages: the whole-text fallback when no article block is found."""

from __future__ import annotations

import pytest

from pipelines.errors import NoArticleError
from pipelines.model import RawPart
from pipelines.page import clean_page, process_page

_GARBLED = "?°?±?§?à?ú" * 40  # what a wrong codec leaves: a "?" between Latin-1 letters
_SENTENCES = [
    "在城市的尽头，没有繁华的街市，也没有闪亮的霓虹灯。",
    "这里住着一群从乡下来的孩子，他们跟着父母来到城里读书。",
    "他们不知道怎样穿过六车道的马路，也数不清写字楼有多少层。",
    "可是每天清晨，他们都背着书包，准时走进那间小小的教室。",
    "老师说，这些孩子最懂得珍惜，因为他们知道读书的机会来之不易。",
    "放学以后，他们还要帮父母摆摊、洗菜、照看更小的弟弟妹妹。",
]


def _page(paragraphs: list[str], title: str = "wenku.example.com") -> RawPart:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = (
        f'<html><head><meta charset="utf-8"><title>{title}</title></head><body>{body}</body></html>'
    )
    return RawPart(url="https://wenku.example.com/doc/1.html", body=html.encode("utf-8"))


def test_a_garbled_densest_block_falls_back_to_the_whole_text_with_a_flag() -> None:
    part = _page(["全国中学生优秀作文选", f"<div>{_GARBLED}</div>", *_SENTENCES])
    _, document = process_page([part])
    assert "no-article-block" in document.flags
    assert "这里住着一群从乡下来的孩子" in document.text
    assert "???" not in document.text


def test_a_list_of_links_has_no_article_in_a_crawl_but_its_text_when_cleaned_alone() -> None:
    links = "".join(
        f'<li><a href="/a/{n}.html">我的暑假生活作文选登{n}号</a></li>' for n in range(30)
    )
    html = f'<html><head><meta charset="utf-8"><title>x</title></head><body><ul>{links}</ul></body></html>'
    part = RawPart(url="https://zuowen.example.com/list/", body=html.encode("utf-8"))
    with pytest.raises(NoArticleError):
        process_page([part])
    document = clean_page([part])
    assert "no-article-block" in document.flags


def test_a_page_without_text_is_still_an_error() -> None:
    part = _page(["", "   "])
    with pytest.raises(NoArticleError):
        clean_page([part])
