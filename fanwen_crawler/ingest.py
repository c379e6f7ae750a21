"""`fanwen import`: run every stage over saved pages, as if they had been crawled.

This is how a corpus is re-cleaned and re-deduplicated without re-crawling. Each page is one
transaction; a page that cannot be cleaned (binary, no article) is stored with a note, never
dropped. Importing the same pages again adds no rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from fanwen_crawler.importer import SavedPage
from fanwen_crawler.profiles import load_profiles, profile_for_url, profile_named
from pipelines.dedup import DedupIndex
from pipelines.errors import FanwenError
from pipelines.model import RawPart
from pipelines.page import process_page
from pipelines.store import PageRecord, Store, dedup_and_save


@dataclass
class ImportSummary:
    pages: int = 0
    essays: int = 0
    duplicates: int = 0
    without_article: int = 0

    def lines(self) -> list[str]:
        return [
            f"pages read:      {self.pages}",
            f"essays stored:   {self.essays}",
            f"duplicates:      {self.duplicates}",
            f"without article: {self.without_article}",
        ]


def ingest(pages: Iterable[SavedPage], store: Store, site: str | None = None) -> ImportSummary:
    """Clean, deduplicate and store each saved page; `site` forces one site profile."""
    profiles = load_profiles()
    forced = profile_named(site, profiles) if site else None
    candidates = [profile.extract for profile in profiles.values()]
    index = DedupIndex(store.db)
    learned: dict[str, frozenset[str]] = {}
    summary = ImportSummary()
    for page in pages:
        profile = forced or profile_for_url(page.url, profiles)
        site_name = profile.name if profile else (urlsplit(page.url).hostname or "local")
        if site_name not in learned:
            learned[site_name] = frozenset(store.learned_lines(site_name))
        part = RawPart(page.url, page.body, page.content_type)
        document, note, lines, url, part_urls = None, None, [], page.url, [page.url]
        try:
            extracted, document = process_page(
                [part],
                profile.extract if profile else None,
                candidates,
                learned[site_name],
                profile.encoding if profile else None,
            )
            url, part_urls, lines = extracted.url, list(extracted.part_urls), extracted.lines
        except FanwenError as error:  # binary body, no article: stored with the reason
            note = str(error)
        summary.pages += 1
        results = dedup_and_save(
            store,
            index,
            PageRecord(
                url=url,
                site=site_name,
                fetched_at=page.fetched_at,
                status=200,
                parts=[part],
                part_urls=part_urls,
                document=document,
                note=note,
                lines=lines,
            ),
        )
        summary.essays += len(document.essays) if document else 0
        summary.duplicates += sum(1 for r in results if r.duplicate_of)
        summary.without_article += document is None
    return summary
