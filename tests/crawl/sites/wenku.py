"""A loopback copy of a document-library (文库) style site, served in GBK.

范例文库 on wenku.example.com is invented; its layout follows the doclib family: top bar with
search, upload and login links, shelf nav, crumbs, a document head (title with a format icon,
uploader / upload date / format / page count / size / points, a "文档介绍" blurb), and the reader
holding the converted document as page chunks, each opened or closed by a "第N页 / 共N页"
marker. Some documents are cut by the preview limit ("已阅读3页,还剩5页未读", "因篇幅问题不能
全部显示…"); one continues on further URLs (doc_N_2.html, doc_N_3.html); one has a 下一页 that
leads to the next document. Some documents are paginated by paragraph, others by character
count, so a paragraph runs on over a page break. Shelf lists have numbered pages. Every page
declares its canonical URL on the wenku.example.com origin.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

from fanwen_crawler.sample_site.essays import SourceEssay, load_essays
from fanwen_crawler.sample_site.site import Page, SampleSite
from pipelines.clean import is_cjk

ORIGIN = "https://wenku.example.com"
SITE_NAME = "范例文库"
CHARSET = "gbk"
PER_LIST_PAGE = 3
PARAGRAPHS_PER_PAGE = 2
FLOW_PAGE_CHARS = 180  # characters per page of a document paginated by character count
MIN_FRAGMENT = 12  # a paragraph is only broken where both pieces are at least this long
TIP = "下载文档前请自行甄别文档内容的完整性，平台不提供额外的编辑、内容补充、找答案等附加服务。"
UPLOADERS = ("晨曦文档", "用户8842", "青禾资料", "wk_7721", "远山")
Link = tuple[str, str]  # (text, href)


@dataclass(frozen=True)
class Shelf:
    slug: str
    name: str
    source: str  # folder of the bundled essays
    count: int
    first_id: int

    @property
    def href(self) -> str:
        return f"/list/{self.slug}/"


SHELVES = (
    Shelf("shenqingshu", "申请书", "shenqingshu", 5, 48211),
    Shelf("sixianghuibao", "思想汇报", "sixianghuibao", 5, 52301),
)


@dataclass(frozen=True)
class Layout:
    """How one document is shown."""

    flowed: bool = False  # paginated by character count, breaking paragraphs
    marker: str = "top"  # the "第N页 / 共N页" line opens ("top") or closes ("bottom") a page
    marker_tag: str = "div"  # "div": a marker element; "p": a plain text line
    shown: int = 0  # pages the preview shows (0: all)
    notice: str = "full"  # preview notice: "full" (read count + 篇幅 line) or "read-count"
    per_url: int = 0  # document pages per URL when the document spans several URLs
    next_is_other: bool = False  # its pager's 下一页 leads to the next document


# By position: shelf 申请书 0-4, then shelf 思想汇报 5-9.
LAYOUTS = (
    Layout(),
    Layout(flowed=True, marker="bottom", marker_tag="p"),
    Layout(shown=2),
    Layout(marker="bottom", next_is_other=True),
    Layout(shown=3, notice="read-count"),
    Layout(marker_tag="p"),
    Layout(per_url=2),
    Layout(flowed=True, shown=3),
    Layout(flowed=True),
    Layout(marker="bottom"),
)


@dataclass(frozen=True)
class WenkuDoc:
    doc_id: int
    shelf: Shelf
    essay: SourceEssay
    uploader: str
    pages: tuple[tuple[str, ...], ...]  # text lines of every page of the document
    layout: Layout

    @property
    def title(self) -> str:
        return self.essay.title

    @property
    def path(self) -> str:
        return f"/doc_{self.doc_id}.html"

    @property
    def shown(self) -> int:
        return self.layout.shown or len(self.pages)

    @property
    def truncated(self) -> bool:
        return self.shown < len(self.pages)

    def url_groups(self) -> list[range]:
        """The document pages each URL shows."""
        step = self.layout.per_url or self.shown
        return [range(i, min(i + step, self.shown)) for i in range(0, self.shown, step)]

    @property
    def paths(self) -> list[str]:
        base = self.path.removesuffix(".html")
        count = len(self.url_groups())
        return [self.path] + [f"{base}_{n}.html" for n in range(2, count + 1)]

    @property
    def canonical(self) -> str:
        return ORIGIN + self.path

    @property
    def canonical_pages(self) -> list[str]:
        return [ORIGIN + path for path in self.paths]

    @property
    def full_text(self) -> str:
        return "\n".join(self.essay.paragraphs)

    @property
    def shown_text(self) -> str:
        return "\n".join(line for page in self.pages[: self.shown] for line in page)

    @property
    def link(self) -> Link:
        return self.title, self.path


@dataclass
class WenkuSite(SampleSite):
    """The served pages plus the facts the tests check."""

    docs: list[WenkuDoc] = field(default_factory=list)
    list_paths: list[str] = field(default_factory=list)
    next_doc_pair: tuple[str, str] = ("", "")  # (document, the other one its 下一页 leads to)


def build_site() -> WenkuSite:
    essays = load_essays()
    site = WenkuSite()
    for shelf in SHELVES:
        for offset, essay in enumerate(essays[shelf.source][: shelf.count]):
            layout = LAYOUTS[len(site.docs)]
            pages = (
                _flow(essay.paragraphs, FLOW_PAGE_CHARS)
                if layout.flowed
                else _by_paragraph(essay.paragraphs, PARAGRAPHS_PER_PAGE)
            )
            site.docs.append(
                WenkuDoc(
                    shelf.first_id + offset,
                    shelf,
                    essay,
                    UPLOADERS[len(site.docs) % len(UPLOADERS)],
                    pages,
                    layout,
                )
            )
    site.multipage = next(d.path for d in site.docs if d.layout.per_url)
    for index, doc in enumerate(site.docs):
        following = site.docs[index + 1] if index + 1 < len(site.docs) else None
        if doc.layout.next_is_other and following is not None:
            site.next_doc_pair = (doc.path, following.path)
        _document(site, doc, site.docs[index - 1] if index else None, following)
    for shelf in SHELVES:
        _lists(site, shelf)
    _home(site)
    site.pages["/robots.txt"] = Page(
        200,
        b"User-agent: *\nDisallow: /download/\nDisallow: /user/\nDisallow: /search\n",
        "text/plain",
    )
    return site


def _by_paragraph(paragraphs: Sequence[str], size: int) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(paragraphs[i : i + size]) for i in range(0, len(paragraphs), size))


def _flow(paragraphs: Sequence[str], size: int) -> tuple[tuple[str, ...], ...]:
    """Pages of about `size` characters, a paragraph running on to the next page where it
    does not fit, as a converted document's pages do."""
    pages: list[tuple[str, ...]] = []
    current: list[str] = []
    room = size
    for paragraph in paragraphs:
        rest = paragraph
        while rest:
            if len(rest) <= room:
                current.append(rest)
                room -= len(rest)
                break
            cut = _cut_point(rest, room)
            if cut:
                current.append(rest[:cut])
                rest = rest[cut:]
            elif not current:  # no place to break it: the paragraph fills the page alone
                current.append(rest)
                rest = ""
            pages.append(tuple(current))
            current, room = [], size
    if current:
        pages.append(tuple(current))
    return tuple(pages)


def _cut_point(text: str, room: int) -> int:
    """Where to break a paragraph so its first piece fits in `room`: between two Chinese
    characters, neither piece shorter than MIN_FRAGMENT; 0 when there is no such place."""
    for cut in range(min(room, len(text) - MIN_FRAGMENT), MIN_FRAGMENT - 1, -1):
        if is_cjk(text[cut - 1]) and is_cjk(text[cut]):
            return cut
    return 0


def _ul(links: Sequence[Link], css: str = "") -> str:
    items = "".join(f'<li><a href="{escape(h)}">{escape(t)}</a></li>' for t, h in links)
    return f'<ul class="{css}">{items}</ul>'


def _page(title: str, path: str, main: str, side: str) -> Page:
    nav = [("首页", "/")] + [(s.name, s.href) for s in SHELVES] + [("VIP会员", "/vip/")]
    html = (
        "<!DOCTYPE html>\n<html>\n<head>\n"
        f'<meta http-equiv="Content-Type" content="text/html; charset={CHARSET}">\n'
        f"<title>{escape(title)}</title>\n"
        f'<link rel="canonical" href="{ORIGIN}{path}">\n'
        '<link rel="stylesheet" href="/static/wk.css">\n</head>\n<body>\n'
        f'<div class="wk-top"><div class="wrap"><a class="logo" href="/">{SITE_NAME}</a>\n'
        '<form class="wk-search" action="/search" method="get"><input type="text" name="q" '
        'placeholder="搜索海量文档"><button type="submit">搜索</button></form>\n'
        '<div class="wk-user"><a href="/upload/" rel="nofollow">上传文档</a> '
        '<a href="/user/login.html" rel="nofollow">登录</a> '
        '<a href="/user/reg.html" rel="nofollow">注册</a></div></div></div>\n'
        f"{_ul(nav, 'wk-nav')}\n"
        f'<div class="wk-body wrap">\n<div class="wk-main">\n{main}\n</div>\n'
        f'<div class="wk-side">\n{side}\n'
        '<div class="ad"><script>wk_ad("side");</script></div>\n</div>\n</div>\n'
        '<div class="wk-footer"><p><a href="/help/">帮助中心</a> | <a href="/about/">关于我们</a>'
        ' | <a href="/about/copyright.html">版权声明</a></p>'
        "<p>本站文档由用户上传，仅供学习交流，如有侵权请联系删除。</p>"
        f"<p>Copyright &copy; 2018-2024 {SITE_NAME} 版权所有</p></div>\n</body>\n</html>\n"
    )
    return Page(200, html.encode(CHARSET), f"text/html; charset={CHARSET}")


def _side(site: WenkuSite, exclude: WenkuDoc | None) -> str:
    others = [d for d in site.docs if d is not exclude]
    newest = sorted(others, key=lambda d: d.essay.date, reverse=True)[:5]
    return (
        f'<div class="box"><h3>热门文档</h3>{_ul([d.link for d in others[1::2]], "hot")}</div>\n'
        f'<div class="box"><h3>最新上传</h3>{_ul([d.link for d in newest], "new")}</div>'
    )


def _marker(doc: WenkuDoc, number: int) -> str:
    text = f"第{number + 1}页 / 共{len(doc.pages)}页"
    return (
        f'<div class="page-mark">{text}</div>'
        if doc.layout.marker_tag == "div"
        else f"<p>{text}</p>"
    )


def _reader_page(doc: WenkuDoc, number: int) -> str:
    lines = "\n".join(f"<p>{escape(line)}</p>" for line in doc.pages[number])
    mark = _marker(doc, number)
    inner = f"{mark}\n{lines}" if doc.layout.marker == "top" else f"{lines}\n{mark}"
    return f'<div class="doc-page" id="pageNo-{number + 1}">\n{inner}\n</div>'


def _document(
    site: WenkuSite, doc: WenkuDoc, previous: WenkuDoc | None, following: WenkuDoc | None
) -> None:
    groups = doc.url_groups()
    paths = doc.paths
    related = [d.link for d in site.docs if d.shelf is doc.shelf and d is not doc]
    size = len(doc.full_text.encode("utf-8")) // 1024 + 14
    for index, (path, group) in enumerate(zip(paths, groups, strict=True)):
        last = index + 1 == len(paths)
        reader = "\n".join(_reader_page(doc, number) for number in group)
        if doc.truncated:
            rest = len(doc.pages) - doc.shown
            notice = [f"已阅读{doc.shown}页,还剩{rest}页未读"]
            if doc.layout.notice == "full":
                notice.append("因篇幅问题不能全部显示，请点此查看更多更全内容")
            reader += (
                '\n<div class="doc-limit">'
                + "".join(f"<p>{line}</p>" for line in notice)
                + f'<p><a href="/download/{doc.doc_id}.html" rel="nofollow">下载原格式文档</a>'
                "</p></div>"
            )
        elif last:
            reader += '\n<div class="doc-end"><p>全文阅读已结束，下载本文需要使用 5 积分</p></div>'
        reader += f'\n<div class="doc-tip"><p>{TIP}</p></div>'
        pager = ""
        if len(paths) > 1:
            steps = ([("上一页", paths[index - 1])] if index else []) + (
                [("下一页", paths[index + 1])] if not last else []
            )
            pager = "".join(f'<a href="{h}">{t}</a>' for t, h in steps)
        elif doc.layout.next_is_other:
            steps = [("上一页", d.path) for d in (previous,) if d is not None]
            steps += [("下一页", d.path) for d in (following,) if d is not None]
            pager = "".join(f'<a href="{h}">{t}</a>' for t, h in steps)
        nav = "".join(
            f'<p>{label}：<a href="{d.path}">{escape(d.title)}</a></p>'
            for label, d in (("上一篇", previous), ("下一篇", following))
            if d is not None
        )
        main = (
            f'<div class="wk-crumb"><a href="/">首页</a> &gt; '
            f'<a href="{doc.shelf.href}">{doc.shelf.name}</a> &gt; <span>{escape(doc.title)}</span>'
            "</div>\n"
            f'<div class="doc-head"><h1><i class="ico ico-docx"></i>{escape(doc.title)}</h1>\n'
            f'<div class="doc-meta"><span>上传者：{doc.uploader}</span> '
            f"<span>上传时间：{doc.essay.date}</span> <span>格式：DOCX</span> "
            f"<span>页数：{len(doc.pages)}页</span> <span>大小：{size}KB</span> "
            f"<span>下载积分：{2 + doc.doc_id % 4}</span></div>\n"
            f'<div class="doc-intro">文档介绍：{escape(doc.full_text[:90])}…</div></div>\n'
            f'<div class="doc-reader" id="reader">\n{reader}\n</div>\n'
            f'<div class="doc-pager">{pager}</div>\n'
            f'<div class="doc-actions"><a class="btn" href="/download/{doc.doc_id}.html" '
            'rel="nofollow">立即下载</a> <a class="btn" href="javascript:;">收藏</a> '
            f'<a href="/report/{doc.doc_id}.html" rel="nofollow">举报该文档</a></div>\n'
            f'<div class="doc-nav">{nav}</div>\n'
            f'<div class="doc-tags">标签：{" ".join(_tag(w) for w in doc.essay.keywords)}</div>\n'
            f'<div class="doc-related"><h3>相关文档</h3>{_ul(related, "related")}</div>'
        )
        suffix = f"(第{index + 1}页)" if index else ""
        site.pages[path] = _page(f"{doc.title}{suffix} - {SITE_NAME}", path, main, _side(site, doc))


def _tag(word: str) -> str:
    return f'<a href="/tag/{escape(word)}/">{escape(word)}</a>'


def _lists(site: WenkuSite, shelf: Shelf) -> None:
    docs = [d for d in site.docs if d.shelf is shelf]
    chunks = [docs[i : i + PER_LIST_PAGE] for i in range(0, len(docs), PER_LIST_PAGE)]
    urls = [shelf.href] + [f"{shelf.href}{n}.html" for n in range(2, len(chunks) + 1)]
    for number, (url, chunk) in enumerate(zip(urls, chunks, strict=True)):
        site.list_paths.append(url)
        items = "".join(
            f'<li><i class="ico ico-docx"></i><a href="{d.path}" title="{escape(d.title)}">'
            f'{escape(d.title)}</a><span class="pages">{len(d.pages)}页</span>'
            f'<span class="date">{d.essay.date}</span>'
            f'<p class="desc">{escape(d.full_text[:56])}…</p></li>'
            for d in chunk
        )
        steps = [("首页", urls[0])] + [(str(n + 1), u) for n, u in enumerate(urls)]
        if number + 1 < len(urls):
            steps.append(("下一页", urls[number + 1]))
        steps.append(("末页", urls[-1]))
        pager = " ".join(f'<a href="{h}">{t}</a>' for t, h in steps)
        main = (
            f'<div class="wk-crumb"><a href="/">首页</a> &gt; <span>{shelf.name}</span></div>\n'
            f'<div class="wk-list"><h2>{shelf.name} <small>共{len(docs)}篇文档</small></h2>'
            f'<ul>{items}</ul><div class="wk-pages">{pager}</div></div>'
        )
        site.pages[url] = _page(f"{shelf.name}_{SITE_NAME}", url, main, _side(site, None))


def _home(site: WenkuSite) -> None:
    boxes = "\n".join(
        f'<div class="box"><h2><a href="{s.href}">{s.name}</a></h2>'
        f"{_ul([d.link for d in site.docs if d.shelf is s][:3], 'docs')}</div>"
        for s in SHELVES
    )
    site.pages["/"] = _page(f"{SITE_NAME}_免费文档分享平台", "/", boxes, _side(site, None))
