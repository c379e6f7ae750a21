"""The Python API behind the `fanwen` command: clean a saved page, crawl a site, run the demo."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from fanwen_crawler.profiles import load_profiles, profile_for_url, profile_named
from fanwen_crawler.runlock import RunLock
from pipelines.errors import FanwenError
from pipelines.model import Document, RawPart
from pipelines.page import clean_page

if TYPE_CHECKING:
    from fanwen_crawler.ingest import ImportSummary
    from pipelines.store import Store
    from pipelines.store.search import SearchResult

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
    run_id: int | None = None
    status: str = "finished"  # finished | interrupted | failed (pipelines.store.runs)
    message: str | None = None
    counts: dict[str, int] = field(default_factory=dict)  # new, updated, unchanged, skipped …
    exit_code: int = 0
    notes: tuple[str, ...] = ()  # what the user should know before the figures

    def lines(self) -> list[str]:
        counts = self.counts
        return [
            f"run:            {self.run_id}, {self.status} ({self.finish_reason})",
            f"pages fetched:  {self.pages_fetched}",
            f"articles:       {counts.get('new', 0)} new, {counts.get('updated', 0)} updated, "
            f"{counts.get('unchanged', 0)} unchanged, {counts.get('skipped', 0)} not due",
            f"essays stored:  {self.essays_stored} (database now holds {self.db_counts['essays']})",
            f"duplicates:     {self.duplicates}",
            f"errors:         {counts.get('errors', 0)}",
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


@dataclass(frozen=True)
class CrawlOptions:
    """How a crawl treats what the database holds, and when it stops."""

    full: bool = False  # fetch every article again, as a first crawl would
    resume: bool = False  # continue the last interrupted run of this target
    revisit_after: float | None = None  # seconds (None: FANWEN_REVISIT_AFTER)
    max_pages: int | None = None
    max_time: float | None = None  # seconds


def crawl(
    site: str,
    db: str | Path = DEFAULT_DB,
    start_url: str | None = None,
    overrides: dict[str, Any] | None = None,
    options: CrawlOptions | None = None,
) -> CrawlSummary:
    """Crawl a profiled site (by name) or any site (by URL) into `db` and summarise the run.

    A URL whose host a profile knows uses that profile; any other URL the generic spider. The
    crawl is incremental (fanwen_crawler.middlewares.IncrementalMiddleware) unless
    `options.full`; one run at a time per database (fanwen_crawler.runlock).
    """
    options = options or CrawlOptions()
    spider, start_url = _spider_for(site, start_url)
    if options.full and options.resume:
        raise FanwenError("--full and --resume contradict each other: choose one")
    target = start_url or spider.name
    with RunLock(db, f"crawl of {target}"):
        return _crawl_locked(spider, db, start_url, target, overrides or {}, options)


def _spider_for(
    site: str, start_url: str | None, need_start: bool = True
) -> tuple[Any, str | None]:
    """The spider class for a profile name or a URL, and the start URL (a distributed worker
    may have none: start URLs can come from Redis)."""
    from fanwen_crawler.spiders import SPIDERS

    if "://" in site:
        if not site.startswith(("http://", "https://")):
            raise FanwenError(f"cannot crawl {site}: only http:// and https:// URLs")
        profile = profile_for_url(site, load_profiles())
        site, start_url = (profile.name if profile else "generic"), start_url or site
    if site not in SPIDERS:
        known = ", ".join(sorted(SPIDERS))
        raise FanwenError(f"no site profile named '{site}' (known: {known})")
    if need_start and start_url is None and not SPIDERS[site].profile.start_urls:
        raise FanwenError(f"site '{site}' has no start URL in its profile; pass --start-url URL")
    return SPIDERS[site], start_url


def _run_spider(spider: Any, settings: Any, start_url: str | None) -> tuple[Any, dict[str, Any]]:
    """Run one spider in a CalmCrawlerProcess until it ends; (the process, the crawl's stats)."""
    from fanwen_crawler.process import CalmCrawlerProcess, calm_logging
    from pipelines.scrapy_pipelines import shutdown_all

    handler = calm_logging(settings.get("LOG_LEVEL"))
    try:
        process = CalmCrawlerProcess(settings)
        crawler = process.create_crawler(spider)
        process.crawl(crawler, start_url=start_url)
        process.start()
    finally:
        shutdown_all()  # after a forced stop nothing closed the pipelines
        logging.getLogger().removeHandler(handler)
    return process, (crawler.stats.get_stats() if crawler.stats else {})


def _crawl_locked(
    spider: Any,
    db: str | Path,
    start_url: str | None,
    target: str,
    overrides: dict[str, Any],
    options: CrawlOptions,
) -> CrawlSummary:
    from pipelines.store.runs import close_dead_runs, get_run, unfinished_run

    notes: list[str] = []
    run: dict[str, Any] = {"FANWEN_TARGET": target, "FANWEN_MODE": "incremental"}
    with open_store(db) as store:  # fails now, in one line, on a corrupt or foreign database
        close_dead_runs(store.db)  # we hold the lock: any run still "running" is dead
        unfinished = unfinished_run(store.db, target)
    if options.full:
        run.update(FANWEN_FULL=True, FANWEN_MODE="full")
    elif options.resume:
        if unfinished is None:
            notes.append(f"nothing to resume for {target}: crawling it incrementally")
        else:
            notes.append(f"resuming run {unfinished.id} ({unfinished.status})")
            run.update(
                FANWEN_MODE="resume",
                FANWEN_FRESH_SINCE=unfinished.started_at,
                FANWEN_RESUMED_FROM=unfinished.id,
            )
    elif unfinished is not None:
        notes.append(
            f"run {unfinished.id} of {target} was {unfinished.status}; crawling incrementally "
            "(`--resume` also skips what it stored, whatever --revisit-after says)"
        )
    if options.revisit_after is not None:
        run["FANWEN_REVISIT_AFTER"] = options.revisit_after
    if options.max_pages:
        run["CLOSESPIDER_PAGECOUNT"] = options.max_pages
    if options.max_time:
        run["CLOSESPIDER_TIMEOUT"] = options.max_time
    settings = _settings({"FANWEN_DB": str(db), "LOG_LEVEL": "WARNING", **run, **overrides})
    from fanwen_crawler.process import SIGNAL_EXIT

    started = time.monotonic()
    process, stats = _run_spider(spider, settings, start_url)
    run_id = stats.get("fanwen/run_id")
    with open_store(db) as store:
        if run_id is not None and process.forced:
            _close_forced_run(store, int(run_id), stats)
        record = get_run(store.db, int(run_id)) if run_id is not None else None
        counts = store.counts()
    status = record.status if record else "failed"
    exit_code = 0
    if process.stopped_by is not None:
        exit_code = SIGNAL_EXIT.get(process.stopped_by, 1)
    elif status != "finished":
        exit_code = 3
    return CrawlSummary(
        pages_fetched=int(stats.get("response_received_count", 0)),
        pages_stored=int(stats.get("fanwen/pages_stored", 0)),
        essays_stored=int(stats.get("fanwen/essays_stored", 0)),
        duplicates=counts["duplicates"],
        lines_removed=int(stats.get("fanwen/lines_removed", 0)),
        seconds=time.monotonic() - started,
        finish_reason=record.finish_reason if record else stats.get("finish_reason"),
        db_counts=counts,
        run_id=record.id if record else None,
        status=status,
        message=record.message if record else "the run could not start",
        counts=record.counts if record else {},
        exit_code=exit_code,
        notes=tuple(notes),
    )


@dataclass(frozen=True)
class WorkerSummary:
    pages_fetched: int
    items_pushed: int
    errors: int
    seconds: float
    finish_reason: str | None
    exit_code: int

    def lines(self) -> list[str]:
        return [
            f"pages fetched:  {self.pages_fetched}",
            f"items pushed:   {self.items_pushed}",
            f"errors:         {self.errors}",
            f"time taken:     {self.seconds:.1f} s ({self.finish_reason})",
        ]


def crawl_worker(
    site: str,
    redis_url: str,
    start_url: str | None = None,
    overrides: dict[str, Any] | None = None,
    options: CrawlOptions | None = None,
) -> WorkerSummary:
    """One worker of a distributed crawl (fanwen_crawler.distributed): takes requests from
    the shared frontier in Redis, cleans pages, pushes them for `fanwen ingest`; ends once the
    shared work has been done for MAX_IDLE_TIME_BEFORE_CLOSE seconds."""
    from fanwen_crawler.distributed import worker_settings
    from fanwen_crawler.distributed.redis_link import connect
    from fanwen_crawler.distributed.spider import distributed_spider
    from fanwen_crawler.process import SIGNAL_EXIT

    options = options or CrawlOptions()
    spider, start_url = _spider_for(site, start_url, need_start=False)
    connect(redis_url).close()  # a one-line error now if Redis is unreachable or refuses us
    base = _settings({"LOG_LEVEL": "WARNING", **(overrides or {})})
    run = worker_settings(
        redis_url, base.get("FANWEN_REDIS_PREFIX"), base.getfloat("FANWEN_REDIS_IDLE")
    )
    if options.max_pages:
        run["CLOSESPIDER_PAGECOUNT"] = options.max_pages
    if options.max_time:
        run["CLOSESPIDER_TIMEOUT"] = options.max_time
    settings = _settings({"LOG_LEVEL": "WARNING", **run, **(overrides or {})})
    started = time.monotonic()
    process, stats = _run_spider(distributed_spider(spider), settings, start_url)
    problems = stats.get("fanwen/monitor_failures") or []
    exit_code = SIGNAL_EXIT.get(process.stopped_by, 1) if process.stopped_by else 0
    return WorkerSummary(
        pages_fetched=int(stats.get("response_received_count", 0)),
        items_pushed=int(stats.get("fanwen/pushed", 0)),
        errors=int(stats.get("fanwen/errors", 0)),
        seconds=time.monotonic() - started,
        finish_reason="; ".join(problems) or stats.get("finish_reason"),
        exit_code=exit_code or (3 if problems else 0),
    )


def ingest(
    redis_url: str,
    db: str | Path = DEFAULT_DB,
    until_idle: float | None = 10.0,
    prefix: str = "fanwen",
    progress: Callable[[Any], None] | None = None,
) -> Any:
    """Store what distributed workers pushed (fanwen_crawler.distributed.ingest)."""
    from fanwen_crawler.distributed import ingest_from_redis

    return ingest_from_redis(redis_url, db, prefix, until_idle, progress)


def _close_forced_run(store: Store, run_id: int, stats: dict[str, Any]) -> None:
    """A run stopped at once (a second Ctrl-C): its record closed here, as the engine never
    closed the spider. What the writer had not committed is fetched again by `--resume`."""
    from pipelines.scrapy_pipelines import run_counts
    from pipelines.store.runs import finish_run, get_run

    record = get_run(store.db, run_id)
    if record is not None and record.status == "running":
        finish_run(
            store.db,
            run_id,
            "forced stop",
            stats,
            status="interrupted",
            message="stopped at once; `fanwen crawl … --resume` continues it",
            counts=run_counts(stats),
        )


def demo(db: str | Path = DEFAULT_DB) -> tuple[str, CrawlSummary]:
    """Serve the bundled sample site on 127.0.0.1 and crawl it into `db` (every article
    fetched: the sample site's server is new each time, its pages are not)."""
    from fanwen_crawler.sample_site import serve_sample_site

    with serve_sample_site() as server:
        summary = crawl(
            "yiliu", db, server.base_url + "/", LOOPBACK_OVERRIDES, CrawlOptions(full=True)
        )
        return server.base_url, summary


def runs(db: str | Path, limit: int = 20) -> list[dict[str, Any]]:
    """The latest crawl runs of a database, newest first."""
    from pipelines.store.runs import list_runs

    with open_store(db, must_exist=True) as store:
        return [record.as_dict() for record in list_runs(store.db, limit)]


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
    paths: Sequence[str | Path],
    db: str | Path,
    site: str | None = None,
    progress: Callable[[ImportSummary], None] | None = None,
) -> ImportSummary:
    """Run the whole pipeline (dedup and store included) over saved pages or WARC files."""
    from fanwen_crawler.importer import iter_saved_pages
    from fanwen_crawler.ingest import ingest

    with RunLock(db, "import"), open_store(db) as store:
        summary = ingest(iter_saved_pages(paths), store, site, progress)
    if summary.pages == 0:
        raise FanwenError(f"nothing to import in {', '.join(map(str, paths))}")
    return summary


def learned_boilerplate(db: str | Path, site: str) -> dict[str, int]:
    """{line: pages it is on} of what the database learned as `site`'s boilerplate."""
    with open_store(db, must_exist=True) as store:
        return store.learned_lines(site)


def search(
    db: str | Path,
    query: str,
    limit: int = 20,
    site: str | None = None,
    category: str | None = None,
    distinct: bool = False,
) -> SearchResult:
    """Essays matching `query` (pipelines.store.search), best first, with the total count."""
    from pipelines.store.search import search as run_search

    with open_store(db, must_exist=True) as store:
        return run_search(store.db, query, limit, site, category, distinct)


def reindex(db: str | Path, progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild the search index (after jieba's or the user dictionary changed)."""
    from pipelines.store.search import reindex as run_reindex

    with RunLock(db, "reindex"), open_store(db, must_exist=True) as store:
        return run_reindex(store.db, progress)


def export(
    db: str | Path,
    out: IO[str],
    format: str = "jsonl",
    distinct: bool = False,
    since: str | None = None,
    site: str | None = None,
) -> int:
    """Write essays to `out` as JSON lines or CSV, one row at a time; returns how many."""
    from pipelines.store.export import export_essays

    with open_store(db, must_exist=True) as store:
        return export_essays(store.db, out, format, distinct, since, site)


def _settings(overrides: dict[str, Any]) -> Any:
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("fanwen_crawler.settings", priority="project")
    settings.update(overrides, priority="cmdline")
    return settings
