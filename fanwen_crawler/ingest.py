"""`fanwen import`: run every stage over saved pages, as if they had been crawled.

This is how a corpus is re-cleaned and re-deduplicated without re-crawling. Each page is one
transaction; a page that cannot be cleaned (binary, no article) is stored with a note, never
dropped. Importing the same pages again adds no rows.

An import never downgrades what a crawl stored:

- Its site: the --site profile; else the profile of the page's URL, or of its canonical URL
  when the URL it was saved under names none (a file:// URL), as `fanwen crawl URL` picks one;
  else the label the database already holds for the page (a crawl's profile name, whose
  profile then cleans the page); else the URL's host; else "local".
- Its stitched articles: a crawl follows 下一页 and stores an article split over pages as one
  record of several parts, a `pages` row each (same `article_url`); an import reads one page
  at a time. When the database holds the page's article (its canonical URL, or an article
  the page is a part of) with more parts than the import has, the stored record is left
  untouched and the page is counted as kept. Otherwise the page is stored as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from fanwen_crawler.importer import SavedPage
from fanwen_crawler.profiles import SiteProfile, load_profiles, profile_for_url, profile_named
from pipelines.dedup import DedupIndex
from pipelines.errors import FanwenError
from pipelines.model import Document, RawPart
from pipelines.page import process_page
from pipelines.store import PageRecord, Store, dedup_and_save

LOCAL = "local"  # the site of a page whose URL names none (a file with no canonical link)


@dataclass
class ImportSummary:
    pages: int = 0
    essays: int = 0
    duplicates: int = 0
    without_article: int = 0
    kept: int = 0  # pages whose stored article has more parts: left as the crawl stored them

    def lines(self) -> list[str]:
        return [
            f"pages read:      {self.pages}",
            f"essays stored:   {self.essays}",
            f"duplicates:      {self.duplicates}",
            f"without article: {self.without_article}",
            f"kept (crawl record better): {self.kept}",
        ]


@dataclass(frozen=True)
class _Site:
    profile: SiteProfile | None
    label: str | None  # None: the URL names no site
    # How surely the label names the site: 3 --site or the URL's profile, 2 the label stored
    # for the URL, 1 its host, 0 none.
    rank: int


@dataclass
class _Cleaned:
    url: str
    part_urls: list[str]
    document: Document | None = None
    note: str | None = None
    lines: list[str] = field(default_factory=list)


class _Stored:
    """What the database already holds of a page (read only)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.db = store.db
        self.learned: dict[str, frozenset[str]] = {}

    def site(self, url: str) -> str | None:
        row = self.db.execute("SELECT site FROM pages WHERE url = ?", [url]).fetchone()
        return row[0] if row and row[0] and row[0] != LOCAL else None

    def has_more_parts(self, url: str, part_urls: Sequence[str]) -> bool:
        """Whether an article stored under `url` or under one of `part_urls` (as a part of a
        stitched article) has more parts than `part_urls`."""
        for page_url in dict.fromkeys([url, *part_urls]):
            row = self.db.execute(
                "SELECT (SELECT count(*) FROM pages WHERE article_url = p.article_url) "
                "FROM pages p WHERE p.url = ?",
                [page_url],
            ).fetchone()
            if row is not None and row[0] > len(part_urls):
                return True
        return False

    def learned_lines(self, label: str) -> frozenset[str]:
        if label not in self.learned:
            self.learned[label] = frozenset(self.store.learned_lines(label))
        return self.learned[label]


def ingest(
    pages: Iterable[SavedPage],
    store: Store,
    site: str | None = None,
    progress: Callable[[ImportSummary], None] | None = None,
) -> ImportSummary:
    """Clean, deduplicate and store each saved page; `site` forces one site profile."""
    profiles = load_profiles()
    forced = profile_named(site, profiles) if site else None
    candidates = [profile.extract for profile in profiles.values()]
    index = DedupIndex(store.db)
    stored = _Stored(store)
    summary = ImportSummary()

    def site_of(url: str) -> _Site:
        if profile := profile_for_url(url, profiles):
            return _Site(profile, profile.name, 3)
        if label := stored.site(url):
            return _Site(profiles.get(label), label, 2)
        parts = urlsplit(url)
        host = parts.hostname if parts.scheme in ("http", "https") else None
        return _Site(None, host, 1 if host else 0)

    def learned(where: _Site) -> frozenset[str]:
        return stored.learned_lines(where.label or LOCAL)

    def clean(part: RawPart, where: _Site) -> _Cleaned:
        profile = where.profile
        try:
            extracted, document = process_page(
                [part],
                profile.extract if profile else None,
                candidates,
                learned(where),
                profile.encoding if profile else None,
            )
        except FanwenError as error:  # binary body, no article: stored with the reason
            return _Cleaned(part.url, [part.url], note=str(error))
        return _Cleaned(extracted.url, list(extracted.part_urls), document, None, extracted.lines)

    for page in pages:
        summary.pages += 1
        if progress is not None:
            progress(summary)
        part = RawPart(page.url, page.body, page.content_type)
        where = _Site(forced, forced.name, 3) if forced else site_of(page.url)
        cleaned = clean(part, where)
        if cleaned.url != page.url and (better := site_of(cleaned.url)).rank > where.rank:
            # The canonical URL the page declares names its site more surely than the URL it
            # was saved under (a file:// URL names none): cleaned again as that site's page.
            if better.profile is not where.profile or learned(better) != learned(where):
                cleaned = clean(part, better)
            where = better
        if stored.has_more_parts(cleaned.url, cleaned.part_urls):
            summary.kept += 1
            continue
        results, _ = dedup_and_save(
            store,
            index,
            PageRecord(
                url=cleaned.url,
                site=where.label or LOCAL,
                fetched_at=page.fetched_at,
                status=200,
                parts=[part],
                part_urls=cleaned.part_urls,
                document=cleaned.document,
                note=cleaned.note,
                lines=cleaned.lines,
            ),
        )
        document = cleaned.document
        summary.essays += len(document.essays) if document else 0
        summary.duplicates += sum(1 for r in results if r.duplicate_of)
        summary.without_article += document is None
    return summary
