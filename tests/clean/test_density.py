from __future__ import annotations

from parsel import Selector

from pipelines.clean.density import main_content
from pipelines.clean.extract import element_lines, strip_noise

PROSE = [
    "今年以来，我们坚持把安全生产放在首位，层层压实责任，全年未发生一起责任事故。",
    "一是健全制度，修订完善了岗位安全操作规程十二项，做到有章可循，有据可查。",
    "二是强化培训，组织全员安全教育四次，参训人员达到三百余人次，效果明显。",
]


def _main(html: str) -> str:
    sel = Selector(text=html)
    strip_noise(sel.root)
    return "\n".join(element_lines(main_content(sel.css("body")[0].root)))


def test_main_content_prefers_plain_post_over_longer_reply_link_list() -> None:
    replies = "".join(
        f'<li><a href="/r/{i}">回复：说得对，我也这么认为，支持楼主！</a> 【网友{i}】08-11 16:5{i % 10} 13{i}字</li>'
        for i in range(30)
    )
    html = f"<html><body><table><tr><td><ul>{replies}</ul></td></tr><tr><td><p>{PROSE[0]}</p></td></tr></table></body></html>"
    text = _main(html)
    assert PROSE[0] in text and "支持楼主" not in text


def test_main_content_takes_first_post_of_a_dated_listing() -> None:
    posts = "".join(
        f"<div class='post'><h3>第{n}篇日志</h3><p>2019-0{n}-12 10:2{n}</p><p>{p * 3}</p></div>"
        for n, p in enumerate(PROSE, start=1)
    )
    text = _main(f"<html><body><div id='main'>{posts}</div></body></html>")
    assert PROSE[0] in text and PROSE[1] not in text and PROSE[2] not in text


def test_main_content_keeps_all_sections_of_one_undated_article() -> None:
    sections = "".join(
        f"<div class='part'><h3>第{n}部分</h3><p>{p}{p}</p></div>" for n, p in enumerate(PROSE, 1)
    )
    text = _main(f"<html><body><div id='main'>{sections}</div></body></html>")
    assert all(p in text for p in PROSE)


def test_strip_noise_drops_hidden_copy_but_keeps_folded_remainder() -> None:
    article = "".join(f"<p>{p}</p>" for p in PROSE)
    folded = "<p>" + "后面还有很长的内容，需要点击展开全文才能看到，这部分必须保留。" * 8 + "</p>"
    html = (
        f"<html><body><div class='text'>{article}<div style='DISPLAY: none'>{folded}</div></div>"
        f"<div style='display:none'>{article}</div><span class='jammer'>x9Q2</span></body></html>"
    )
    sel = Selector(text=html)
    strip_noise(sel.root)
    text = "".join(sel.root.itertext())
    assert text.count(PROSE[0]) == 1 and "展开全文" in text and "x9Q2" not in text


def _card_page(excerpts: list[str]) -> str:
    cards = "".join(
        f'<article class="entry"><h2><a href="/p/{n}.html">第{n}篇文章的标题在这里</a></h2>'
        f"<p>{excerpt}</p></article>"
        for n, excerpt in enumerate(excerpts)
    )
    sidebar = (
        '<aside class="sidebar"><p>本站收集整理各类常用文书，供学习参考，欢迎常来。</p>'
        "<p>本站文章仅供参考，请勿直接照搬，谢谢。</p></aside>"
    )
    return (
        f'<html><body><div class="wrap"><div class="col"><div class="items">{cards}</div>'
        f'<div class="pager"><a href="/list_1.html">上一页</a></div></div>{sidebar}</div>'
        "</body></html>"
    )


def test_main_content_sees_a_card_list_beside_a_sidebar_with_text() -> None:
    """The sidebar's sentences keep the descent above the cards; once it is pruned, what is
    left is two linked excerpts: a list page."""
    sel = Selector(text=_card_page(PROSE[:2]))
    strip_noise(sel.root)
    assert main_content(sel.css("body")[0].root) is None


def test_main_content_keeps_an_article_followed_by_linked_excerpts() -> None:
    article = "".join(f"<p>{line}</p>" for line in PROSE * 3)
    html = _card_page(PROSE[:2]).replace(
        '<div class="items">', f"<div>{article}</div><div class='items'>"
    )
    assert PROSE[2] in _main(html)


def test_short_paragraphs_beside_one_long_paragraph_stay_with_it() -> None:
    # a text laid out one paragraph per line: a title, a poem's lines, then one long paragraph
    short = ["春天的小诗", "春风轻轻吹", "柳枝绿油油", "燕子飞回来"]
    paragraphs = "".join(f"<p>{line}</p>" for line in [*short, "".join(PROSE)])
    text = _main(f"<html><body>{paragraphs}</body></html>")
    assert all(line in text for line in short)
