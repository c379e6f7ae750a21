"""Fixture sites, each reproducing one site family's DOM, URL scheme and encoding."""

from __future__ import annotations

from collections.abc import Sequence


def page_links(
    urls: Sequence[str],
    current: int,
    *,
    here: str | None = "<span>{n}</span>",
    number: str | None = '<a href="{url}">{n}</a>',
    previous: str | None = '<a href="{url}">上一页</a>',
    following: str = '<a href="{url}">下一页</a>',
) -> list[str]:
    """A pager's items in the modelled site's markup: `previous` (past the first page), every
    page as `number` and the current one (0-based `current`) as `here`, `following` (before the
    last page). Templates take {url} and {n} (1-based); None leaves that part out."""
    items = []
    if current and previous is not None:
        items.append(previous.format(url=urls[current - 1]))
    if here is not None and number is not None:
        items += [
            (here if index == current else number).format(url=url, n=index + 1)
            for index, url in enumerate(urls)
        ]
    if current + 1 < len(urls):
        items.append(following.format(url=urls[current + 1]))
    return items
