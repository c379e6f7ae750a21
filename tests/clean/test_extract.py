from __future__ import annotations

import pytest

from pipelines.clean import ExtractRules, decode, extract

ARTICLE = "".join(
    f"<p>{sentence}</p>"
    for sentence in (
        "今年以来，我们坚持把安全生产放在首位，层层压实责任，全年未发生一起责任事故。",
        "一是健全制度，修订完善了岗位安全操作规程十二项，做到有章可循。",
        "二是强化培训，组织全员安全教育四次，参训人员达到三百余人次。",
    )
)
SIDEBAR = (
    "<ul>"
    + "".join(f'<li><a href="/a/{i}.html">热门文章标题第{i}篇</a></li>' for i in range(12))
    + "</ul>"
)
PAGE = f"""<html><head><title>安全生产工作总结_范文大全</title>
<link rel="canonical" href="https://www.example.com/zongjie/88.html"></head><body>
<div id="nav"><a href="/">首页</a> <a href="/zongjie/">工作总结</a></div>
<div class="wrap"><div class="left"><h1>安全生产工作总结</h1><div class="text">{ARTICLE}</div></div>
<div class="right"><h3>热门文章</h3>{SIDEBAR}</div></div>
<div class="footer">关于我们 | 联系方式 | 网站地图</div></body></html>"""


def _decoded(html: str, url: str = "http://127.0.0.1/zongjie/88.html") -> list:
    return [decode(html.encode("utf-8"), "text/html; charset=utf-8", url)]


def test_extract_generic_keeps_article_and_drops_sidebar() -> None:
    extracted = extract(_decoded(PAGE))
    assert extracted.method == "generic"
    assert extracted.title == "安全生产工作总结"
    text = "\n".join(extracted.lines)
    assert "一是健全制度" in text and "二是强化培训" in text
    assert "热门文章标题" not in text and "网站地图" not in text


def test_extract_uses_profile_selectors_and_drops() -> None:
    rules = ExtractRules(
        site="测试站",
        title=("div.left h1",),
        breadcrumb=("#nav",),
        body=("div.text",),
        drop=("p:last-child",),
    )
    extracted = extract(_decoded(PAGE), rules)
    assert extracted.method == "profile" and extracted.site == "测试站"
    assert extracted.breadcrumb == "首页 工作总结"
    assert extracted.lines[0].startswith("今年以来") and len(extracted.lines) == 2


def test_extract_picks_matching_profile_among_candidates() -> None:
    other = ExtractRules(site="别的站", body=("div.nothing-here",))
    mine = ExtractRules(site="测试站", body=("div.text",))
    assert extract(_decoded(PAGE), None, [other, mine]).site == "测试站"


def test_extract_uses_canonical_url_as_identity() -> None:
    # The declared canonical, folded like any page URL (www. and m. mirrors are one site).
    assert extract(_decoded(PAGE)).url == "https://example.com/zongjie/88.html"


def test_extract_identity_drops_tracking_parameters_and_fragment() -> None:
    page = PAGE.replace('<link rel="canonical" href="https://www.example.com/zongjie/88.html">', "")
    url = "http://m.example.com/zongjie/88.html?utm_source=wx&from=timeline#top"
    assert extract(_decoded(page, url)).url == "http://example.com/zongjie/88.html"


def test_extract_ignores_canonical_pointing_at_home_page() -> None:
    page = PAGE.replace("https://www.example.com/zongjie/88.html", "https://www.example.com/")
    assert extract(_decoded(page)).url == "http://127.0.0.1/zongjie/88.html"


def test_extract_breaks_lines_at_br_and_blocks_only() -> None:
    html = "<html><body><div class='text'><p>第一行<b>加粗</b>继续<br>第二行</p><div>第三行</div></div></body></html>"
    rules = ExtractRules(body=("div.text",))
    assert extract(_decoded(html), rules).lines == ["第一行加粗继续", "第二行", "第三行"]


def test_extract_stitches_pages_in_order() -> None:
    rules = ExtractRules(body=("div.text",))
    pages = [
        decode(
            f"<html><body><div class='text'><p>第{n}页的内容。</p></div></body></html>".encode(),
            None,
            f"http://x/{n}",
        )
        for n in (1, 2, 3)
    ]
    extracted = extract(pages, rules)
    assert extracted.lines == ["第1页的内容。", "第2页的内容。", "第3页的内容。"]
    assert extracted.part_urls == ("http://x/1", "http://x/2", "http://x/3")


def test_extract_passes_plain_text_through_as_lines() -> None:
    decoded = [decode("标题\n\n  第一段。 \n第二段。".encode(), None, "file:///t.txt")]
    assert extract(decoded).lines == ["标题", "第一段。", "第二段。"]


def test_extract_candidate_profile_must_match_its_detect_selector() -> None:
    """A profile's generic body selector (div.content) does not claim other sites' pages."""
    page = "<html><body><div class='content'><p>今年以来，我们坚持学习，提高认识，成效明显。</p></div></body></html>"
    yiliu_like = ExtractRules(
        site="某范文网", body=("div.content",), detect=("//p[@class='slogan']",)
    )
    assert extract(_decoded(page), None, [yiliu_like]).method == "generic"
    with_slogan = page.replace("<body>", "<body><p class='slogan'>欢迎您</p>")
    assert extract(_decoded(with_slogan), None, [yiliu_like]).site == "某范文网"


def test_extract_survives_stacked_xml_declarations() -> None:
    body = '<?xml version="1.0" encoding="gbk"?><?xml version="1.0" encoding="gbk"?>'
    body += "<html><body><p>正文第一段，写得足够长，能看出是正文。</p></body></html>"
    page = decode(body.encode("gbk"), "text/html", "https://example.com/a.html")
    assert extract([page]).lines == ["正文第一段，写得足够长，能看出是正文。"]


def test_a_site_logo_set_as_h1_is_not_the_page_heading() -> None:
    for logo in (
        '<h1 class="logo">晨光作文网</h1>',
        '<h1><a href="/">晨光作文网</a></h1>',
        '<h1><img src="/logo.png" alt="">晨光作文网</h1>',
    ):
        page = PAGE.replace('<div id="nav">', f'{logo}<div id="nav">')
        extracted = extract(_decoded(page), None)
        assert extracted.h1 == "安全生产工作总结"
        assert extracted.title == "安全生产工作总结"


def test_without_an_h1_the_pages_only_h2_is_its_heading() -> None:
    page = PAGE.replace("<h1>安全生产工作总结</h1>", "<h2>安全生产工作总结</h2>")
    assert extract(_decoded(page), None).h1 == "安全生产工作总结"
    # Several <h2>: sections or a collection's essays, not the page's heading.
    page = page.replace('<div class="text">', '<div class="text"><h2>一、主要工作</h2>')
    assert extract(_decoded(page), None).h1 is None


@pytest.mark.parametrize(
    "review",
    [
        '<div class="review">教师点评：文章条理清楚，事例具体。</div>',
        '<div class="comment"><b>评语：</b>文章条理清楚，事例具体。</div>',
        '<div class="py"><h3>老师评语</h3><p>文章条理清楚，事例具体。</p></div>',
    ],
)
def test_a_teachers_review_after_the_article_block_is_kept(review: str) -> None:
    page = PAGE.replace(
        '</div></div>\n<div class="right">', f'</div>{review}</div>\n<div class="right">'
    )
    lines = extract(_decoded(page), None).lines
    assert lines[-1].endswith("文章条理清楚，事例具体。")
    assert "热门文章" not in lines
