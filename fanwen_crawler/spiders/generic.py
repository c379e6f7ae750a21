"""The spider for a site nobody wrote a profile for: `fanwen crawl URL`, `scrapy crawl generic
-a start_url=URL`.

It follows every page of the start URL's site except tag, search, account and download pages,
treats URLs that carry an article number as articles (stitching 下一页 continuations), and
leaves the rest to the pipelines: generic extraction finds the prose, and a page without an
article (a list page that looked like one) is stored as a page with a note, not as an essay.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from fanwen_crawler.profiles import SiteProfile
from fanwen_crawler.spiders.profiled import ProfileSpider
from pipelines.clean import ExtractRules

# An article URL carries a number: /xindetihui/1101.html, /a/2019/0512/3345.shtml, show.php?id=7.
ARTICLE_URL = re.compile(
    r"/[^/?#]*\d[^/?#]*\.(?:s?html?|php|aspx?|jsp)(?:\?[^#]*)?$|[?&](?:id|aid|articleid|tid)=\d+",
    re.IGNORECASE,
)
# Page 2, 3 … of an article (1101_2.html, 1101-3.html): reached only through 下一页.
# (the segment is the article's number itself, so list_12_2.html, a list page, is not one).
CONTINUATION_URL = re.compile(r"/\d+[_-]\d{1,2}\.s?html?$", re.IGNORECASE)
NOT_CONTENT = (
    r"/(?:tag|tags|search|so|login|register|reg|member|user|download|down|print|comment)s?[/._?]",
    r"\.(?:jpe?g|png|gif|pdf|docx?|xlsx?|zip|rar|exe|css|js)(?:\?|$)",
    r"[?&](?:keyword|q|wd|searchword)=",
)
NEXT_PAGE = ("//a[normalize-space(.)='下一页' or normalize-space(.)='下页']/@href",)


def generic_profile(start_url: str | None) -> SiteProfile:
    """A profile made from the start URL alone: its host, and URL shapes common to essay sites."""
    host = urlsplit(start_url or "").hostname or "unknown"
    return SiteProfile(
        name=host,
        site=host,
        domains=(host,) if start_url else (),
        start_urls=(start_url,) if start_url else (),
        article=ARTICLE_URL,
        article_page=CONTINUATION_URL,
        list=re.compile(r"."),
        deny=NOT_CONTENT,
        extract=ExtractRules(),
        next_page=NEXT_PAGE,
    )


class GenericSpider(ProfileSpider):
    name = "generic"

    def __init__(self, start_url: str | None = None, *args: Any, **kwargs: Any) -> None:
        self.profile = generic_profile(start_url)
        super().__init__(start_url, *args, **kwargs)
