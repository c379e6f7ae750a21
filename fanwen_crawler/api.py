"""The Python API behind the `fanwen` command: clean a saved page, crawl a site, run the demo."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fanwen_crawler.profiles import load_profiles, profile_for_url, profile_named
from pipelines.errors import FanwenError
from pipelines.model import Document, RawPart
from pipelines.page import clean_page

if TYPE_CHECKING:
    from fanwen_crawler.ingest import ImportSummary
    from pipelines.store import Store

DEFAULT_DB = "data/fanwen.db"
# Loopback needs no politeness delay; everything else keeps the production settings.
LOOPBACK_OVERRIDES = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_START_DELAY": 0.0,
    "RETRY_BACKOFF_BASE": 0.0,
}


@dataclass(frozen=True)
class CrawlSummary:
    pages_fetched: int
    pages_stored: int
    essays_stored: int
    duplicates: int
    lines_removed: int
    seconds: float
    finish_reason: str | None
    db_counts: dict[str, int]

    def lines(self) -> list[str]:
        return [
            f"pages fetched:  {self.pages_fetched}",
            f"essays stored:  {self.essays_stored} (database now holds {self.db_counts['essays']})",
            f"duplicates:     {self.duplicates}",
            f"lines removed:  {self.lines_removed}",
            f"time taken:     {self.seconds:.1f} s",
        ]


@contextmanager
def open_store(db: str | Path, must_exist: bool = False) -> Iterator[Store]:
    """The database, closed after use (imported here: `fanwen clean` starts faster without
    sqlite-utils and jieba)."""
    from pipelines.store import Store

    if must_exist and not Path(db).exists():
        raise FanwenError(f"{db}: no such database")
    store = Store(db)
    try:
        yield store
    finally:
        store.close()


def read_page(path: str | Path) -> bytes:
    """The bytes of a saved page, or a one-line FanwenError saying why not."""
    file = Path(path)
    if not file.exists():
        raise FanwenError(f"{path}: no such file")
    if file.is_dir():
        raise FanwenError(f"{path}: is a directory, not a page")
    try:
        body = file.read_bytes()
    except OSError as error:
        raise FanwenError(f"{path}: cannot read ({error.strerror})") from None
    if not body.strip():
        raise FanwenError(f"{path}: file is empty")
    return body


def clean_file(path: str | Path, url: str | None = None, site: str | None = None) -> Document:
    """Clean one saved page (HTML in any encoding, or plain text) without a database."""
    body = read_page(path)
    profiles = load_profiles()  # once: the named or URL's profile, and every candidate
    profile = profile_named(site, profiles) if site else profile_for_url(url, profiles)
    part = RawPart(url=url or Path(path).resolve().as_uri(), body=body)
    candidates = [p.extract for p in profiles.values()]
    return clean_page(
        [part],
        profile.extract if profile else None,
        candidates,
        profile.encoding if profile else None,
    )


def crawl(
    site: str,
    db: str | Path = DEFAULT_DB,
    start_url: str | None = None,
    overrides: dict[str, Any] | None = None,
) -> CrawlSummary:
    """Crawl a profiled site (by name) or any site (by URL) into `db` and summarise the run.

    A URL whose host a profile knows uses that profile; any other URL the generic spider.
    """
    from scrapy.crawler import CrawlerProcess  # Scrapy is only loaded for crawling

    from fanwen_crawler.spiders import SPIDERS

    if "://" in site:
        if not site.startswith(("http://", "https://")):
            raise FanwenError(f"cannot crawl {site}: only http:// and https:// URLs")
        profile = profile_for_url(site, load_profiles())
        site, start_url = (profile.name if profile else "generic"), start_url or site
    if site not in SPIDERS:
        known = ", ".join(sorted(SPIDERS))
        raise FanwenError(f"no site profile named '{site}' (known: {known})")
    if start_url is None and not SPIDERS[site].profile.start_urls:
        raise FanwenError(f"site '{site}' has no start URL in its profile; pass --start-url URL")
    with open_store(db):  # fail now, in one line, on a corrupt or foreign database
        pass
    settings = _settings({"FANWEN_DB": str(db), "LOG_LEVEL": "WARNING", **(overrides or {})})
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(SPIDERS[site])
    started = time.monotonic()
    process.crawl(crawler, start_url=start_url)
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    with open_store(db) as store:
        counts = store.counts()
    return CrawlSummary(
        pages_fetched=int(stats.get("response_received_count", 0)),
        pages_stored=int(stats.get("fanwen/pages_stored", 0)),
        essays_stored=int(stats.get("fanwen/essays_stored", 0)),
        duplicates=counts["duplicates"],
        lines_removed=int(stats.get("fanwen/lines_removed", 0)),
        seconds=time.monotonic() - started,
        finish_reason=stats.get("finish_reason"),
        db_counts=counts,
    )


def demo(db: str | Path = DEFAULT_DB) -> tuple[str, CrawlSummary]:
    """Serve the bundled sample site on 127.0.0.1 and crawl it into `db`."""
    from fanwen_crawler.sample_site import serve_sample_site

    with serve_sample_site() as server:
        return server.base_url, crawl("yiliu", db, server.base_url + "/", LOOPBACK_OVERRIDES)


def database_stats(db: str | Path) -> dict[str, Any]:
    """Row counts and per-site figures of an existing database."""
    with open_store(db, must_exist=True) as store:
        per_site = [
            {"site": row[0], "essays": row[1], "distinct": row[2], "copies": row[1] - row[2]}
            for row in store.db.execute(
                "SELECT site, count(*), sum(duplicate_of IS NULL) FROM essays GROUP BY site ORDER BY site"
            ).fetchall()
        ]
        return {
            "counts": store.counts(),
            "lines_removed": store.removed_line_count(),
            "sites": per_site,
        }


def duplicate_cluster(db: str | Path, essay_id: str) -> list[dict[str, Any]]:
    """The essay's cluster: its canonical copy first, then every copy and every container or
    part linked to the cluster, each with site, URL, title, similarity, kind and first seen."""
    with open_store(db, must_exist=True) as store:
        row = store.db.execute(
            "SELECT id, duplicate_of FROM essays WHERE id = ?", [essay_id]
        ).fetchone()
        if row is None:
            raise FanwenError(f"no essay with id {essay_id} in {db}")
        canonical = row[1] or row[0]
        members = {canonical: ("canonical", None)}
        for copy, similarity, kind in store.db.execute(
            "SELECT essay_id, similarity, kind FROM duplicates WHERE duplicate_of = ?", [canonical]
        ):
            members[copy] = (kind, similarity)
        for part, container, share in store.db.execute(
            "SELECT part_id, container_id, share FROM containments "
            f"WHERE part_id IN ({','.join('?' * len(members))}) "
            f"OR container_id IN ({','.join('?' * len(members))})",
            [*members, *members],
        ).fetchall():
            members.setdefault(container, ("contains", share))
            members.setdefault(part, ("contained", share))
        rows = {
            r[0]: r
            for r in store.db.execute(
                "SELECT id, site, page_url, title, first_seen FROM essays "
                f"WHERE id IN ({','.join('?' * len(members))})",
                list(members),
            )
        }
        return [
            {
                "id": member,
                "site": rows[member][1],
                "url": rows[member][2],
                "title": rows[member][3],
                "kind": kind,
                "similarity": similarity,
                "first_seen": rows[member][4],
            }
            for member, (kind, similarity) in members.items()
            if member in rows
        ]


def import_pages(
    paths: Sequence[str | Path], db: str | Path, site: str | None = None
) -> ImportSummary:
    """Run the whole pipeline (dedup and store included) over saved pages or WARC files."""
    from fanwen_crawler.importer import iter_saved_pages
    from fanwen_crawler.ingest import ingest

    with open_store(db) as store:
        summary = ingest(iter_saved_pages(paths), store, site)
    if summary.pages == 0:
        raise FanwenError(f"nothing to import in {', '.join(map(str, paths))}")
    return summary


def learned_boilerplate(db: str | Path, site: str) -> dict[str, int]:
    """{line: pages it is on} of what the database learned as `site`'s boilerplate."""
    with open_store(db, must_exist=True) as store:
        return store.learned_lines(site)


def search(db: str | Path, query: str, limit: int = 20) -> list[dict[str, Any]]:
    with open_store(db, must_exist=True) as store:
        return store.search(query, limit)


def _settings(overrides: dict[str, Any]) -> Any:
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("fanwen_crawler.settings", priority="project")
    settings.update(overrides, priority="cmdline")
    return settings
