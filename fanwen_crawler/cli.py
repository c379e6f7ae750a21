"""`fanwen`: a thin click layer over fanwen_crawler.api. Errors are one line, never a traceback."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import click

from fanwen_crawler import api
from fanwen_crawler.runlock import DatabaseBusy
from pipelines.errors import FanwenError

F = TypeVar("F", bound=Callable[..., Any])

# `fanwen crawl`'s exit status when another run holds the database (sysexits' EX_TEMPFAIL:
# try again later).
EXIT_BUSY = 75


def _one_line_errors(command: F) -> F:
    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except DatabaseBusy as error:
            click.echo(f"Error: {error}", err=True)
            sys.exit(EXIT_BUSY)
        except FanwenError as error:
            raise click.ClickException(str(error)) from None

    return wrapper  # type: ignore[return-value]


@click.group()
@click.version_option(package_name="fanwen-crawler")
def cli() -> None:
    """Crawl, clean and deduplicate Chinese template-essay (范文网) sites into SQLite."""


@cli.command()
@click.option("--db", default=api.DEFAULT_DB, show_default=True, help="SQLite database to fill.")
@_one_line_errors
def demo(db: str) -> None:
    """Serve the bundled sample site on 127.0.0.1 and crawl it into the database.

    Example:

        fanwen demo
    """
    base_url, summary = api.demo(db)
    click.echo(f"crawled the sample site at {base_url} into {db}")
    for line in summary.lines():
        click.echo(line)
    _exit_for(summary)


@cli.command()
@click.argument("path")
@click.option("--url", help="URL the page was saved from (picks the site profile).")
@click.option("--site", help="Site profile to use, e.g. yiliu.")
@_one_line_errors
def clean(path: str, url: str | None, site: str | None) -> None:
    """Clean one saved page (HTML or text) and print it as JSON.

    Example:

        fanwen clean saved/page.html --url https://example.com/fanwen/123.html
    """
    document = api.clean_file(path, url=url, site=site)
    click.echo(json.dumps(document.as_dict(), ensure_ascii=False, indent=2))


_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


def _duration(value: str, option: str) -> float:
    """ "90", "90s", "30m", "12h", "7d", "2w" in seconds."""
    text = value.strip().lower()
    unit = _UNITS.get(text[-1:], None)
    number = text[:-1] if unit else text
    try:
        seconds = float(number) * (unit or 1)
    except ValueError:
        raise click.BadParameter(
            f"expected a duration like 0, 90s, 30m, 12h or 7d, got {value!r}", param_hint=option
        ) from None
    if seconds < 0:
        raise click.BadParameter(f"a duration cannot be negative: {value!r}", param_hint=option)
    return seconds


@cli.command()
@click.argument("site")
@click.option("--start-url", help="Where to start (required when the profile names none).")
@click.option("--db", default=api.DEFAULT_DB, show_default=True, help="SQLite database to fill.")
@click.option("--full", is_flag=True, help="Fetch every article again, stored or not.")
@click.option(
    "--resume",
    is_flag=True,
    help="Continue the last interrupted run of this site: what it stored is not fetched again.",
)
@click.option(
    "--revisit-after",
    metavar="AGE",
    help="Fetch a stored article again once it is this old: 0, 30m, 12h, 7d (default 7d).",
)
@click.option("--max-pages", type=click.IntRange(min=1), help="Stop after this many pages.")
@click.option("--max-time", metavar="AGE", help="Stop after this long: 90s, 30m, 2h.")
@click.option("-q", "--quiet", is_flag=True, help="No summary (errors still print): for cron.")
@click.option(
    "--redis",
    metavar="URL",
    help="Be one worker of a distributed crawl sharing this Redis (store with `fanwen ingest`).",
)
@click.option(
    "-s",
    "--set",
    "overrides",
    multiple=True,
    metavar="NAME=VALUE",
    help="Override a Scrapy setting, as with `scrapy crawl -s`.",
)
@_one_line_errors
def crawl(
    site: str,
    start_url: str | None,
    db: str,
    full: bool,
    resume: bool,
    revisit_after: str | None,
    max_pages: int | None,
    max_time: str | None,
    quiet: bool,
    redis: str | None,
    overrides: tuple[str, ...],
) -> None:
    """Crawl a profiled site by name, or any site by URL (generic spider), into the database.

    Incremental: list pages are fetched, stored articles only when due (--revisit-after),
    with conditional requests. One run per database at a time. Exit status: 0 done, 1 error,
    3 the run failed its health checks, 75 the database is busy with another run, 130/143
    stopped by Ctrl-C/SIGTERM (continue with --resume).

    Examples:

        fanwen crawl yiliu --start-url http://127.0.0.1:8000/ --db data/fanwen.db

        fanwen crawl http://127.0.0.1:8000/ --revisit-after 0 --max-time 30m --quiet

        fanwen crawl yiliu --start-url http://127.0.0.1:8000/ --redis redis://127.0.0.1:6379/0
    """
    settings: dict[str, str] = {}
    for item in overrides:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"expected NAME=VALUE, got {item!r}", param_hint="--set")
        settings[name] = value
    options = api.CrawlOptions(
        full=full,
        resume=resume,
        revisit_after=_duration(revisit_after, "--revisit-after") if revisit_after else None,
        max_pages=max_pages,
        max_time=_duration(max_time, "--max-time") if max_time else None,
    )
    if redis is not None:
        worker = api.crawl_worker(site, redis, start_url, settings, options)
        if not quiet:
            for line in worker.lines():
                click.echo(line)
        if worker.exit_code:
            sys.exit(worker.exit_code)
        return
    summary = api.crawl(site, db, start_url, settings, options)
    for note in summary.notes:
        click.echo(note, err=True)
    if not quiet:
        for line in summary.lines():
            click.echo(line)
    _exit_for(summary)


def _exit_for(summary: api.CrawlSummary) -> None:
    """Exit with the run's status (cron reads it), saying why in one line when it failed."""
    if summary.exit_code:
        if summary.status == "failed":
            click.echo(f"Error: run {summary.run_id} failed: {summary.message}", err=True)
        sys.exit(summary.exit_code)


@cli.command()
@click.option("--db", default=api.DEFAULT_DB, show_default=True, help="SQLite database to read.")
@click.option("--limit", default=20, show_default=True, help="Most runs to show.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@_one_line_errors
def runs(db: str, limit: int, as_json: bool) -> None:
    """List the latest crawl runs: status, times, counts and why each ended.

    Example:

        fanwen runs --db data/fanwen.db --limit 5
    """
    records = api.runs(db, limit)
    if as_json:
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    for run in records:
        click.echo(
            f"{run['id']:>4}  {run['status']:<11} {run['started_at']}  "
            f"{run['finished_at'] or '-':<25} {run['target'] or run['spider']}  "
            f"fetched {run['fetched']}, new {run['new']}, updated {run['updated']}, "
            f"unchanged {run['unchanged']}, skipped {run['skipped']}, errors {run['errors']}"
            + (f"  ({run['message']})" if run["message"] else "")
        )


@cli.command(name="import")
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default=api.DEFAULT_DB, show_default=True, help="SQLite database to fill.")
@click.option("--site", help="Site profile for every page (default: by URL, else generic).")
@_one_line_errors
def import_(paths: tuple[str, ...], db: str, site: str | None) -> None:
    """Run the whole pipeline over saved pages: HTML/text files, folders, WARC files.

    Example:

        fanwen import saved/ crawl.warc.gz --db data/fanwen.db
    """
    tty = sys.stderr.isatty()

    def progress(summary: Any) -> None:
        if tty and summary.pages % 20 == 0:  # a person watching: a live count
            click.echo(
                f"\r\x1b[Kpages {summary.pages}  essays {summary.essays}  "
                f"duplicates {summary.duplicates}",
                err=True,
                nl=False,
            )

    summary = api.import_pages(paths, db, site, progress)
    if tty:
        click.echo("\r\x1b[K", err=True, nl=False)
    for line in summary.lines():
        click.echo(line)


@cli.command()
@click.option("--db", default=api.DEFAULT_DB, show_default=True, help="SQLite database to read.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@_one_line_errors
def stats(db: str, as_json: bool) -> None:
    """Show what a database holds: pages, essays, duplicates, runs, per site.

    Example:

        fanwen stats --db data/fanwen.db
    """
    figures = api.database_stats(db)
    if as_json:
        click.echo(json.dumps(figures, ensure_ascii=False, indent=2))
        return
    for name, count in figures["counts"].items():
        click.echo(f"{name:<14}{count}")
    click.echo(f"{'lines removed':<14}{figures['lines_removed']}")
    for row in figures["sites"]:
        click.echo(
            f"site {row['site']}: {row['essays']} essays, {row['distinct']} distinct, "
            f"{row['copies']} copies"
        )


@cli.command()
@click.argument("essay_id")
@click.option("--db", default=api.DEFAULT_DB, show_default=True, help="SQLite database to read.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@_one_line_errors
def dupes(essay_id: str, db: str, as_json: bool) -> None:
    """Show an essay's duplicate cluster: canonical copy, copies, containers and parts.

    Example:

        fanwen dupes 3f2a9c1b0d4e5f67 --db data/fanwen.db
    """
    cluster = api.duplicate_cluster(db, essay_id)
    if as_json:
        click.echo(json.dumps(cluster, ensure_ascii=False, indent=2))
        return
    for row in cluster:
        similarity = "" if row["similarity"] is None else f"{row['similarity']:.2f}"
        click.echo(
            f"{row['kind']:<10}{similarity:>5}  {row['first_seen']}  {row['site']}  "
            f"{row['title']}  {row['url']}"
        )


@cli.command()
@click.argument("site")
@click.option("--db", default=api.DEFAULT_DB, show_default=True, help="SQLite database to read.")
@_one_line_errors
def boilerplate(site: str, db: str) -> None:
    """Show the lines learned as a site's boilerplate, with how many pages carry each.

    Example:

        fanwen boilerplate yiliu --db data/fanwen.db
    """
    learned = api.learned_boilerplate(db, site)
    if not learned:
        click.echo(f"nothing learned for {site} yet (a line must be on 20 or more pages)")
    for line, pages in learned.items():
        click.echo(f"{pages:>6}  {line}")


@cli.command()
@click.argument("query")
@click.option("--db", default=api.DEFAULT_DB, show_default=True, help="SQLite database to search.")
@click.option("--site", help="Only essays of this site (its profile name or host).")
@click.option("--category", help="Only essays of this category, e.g. 心得体会.")
@click.option("--distinct", is_flag=True, help="Only canonical copies (no duplicates).")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=0))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@_one_line_errors
def search(
    query: str,
    db: str,
    site: str | None,
    category: str | None,
    distinct: bool,
    limit: int,
    as_json: bool,
) -> None:
    """Full-text search of stored essays: Chinese words (segmented with jieba), "a phrase",
    a OR b, NOT c, single characters. Prints the number of matches and the best ones with a
    snippet.

    Examples:

        fanwen search 入党申请书 --db data/fanwen.db

        fanwen search '"学习心得" OR 体会' --distinct --limit 5 --json
    """
    result = api.search(db, query, limit, site, category, distinct)
    if as_json:
        payload = {
            "query": result.query,
            "total": result.total,
            "seconds": round(result.seconds, 4),
            "hits": [hit.as_dict() for hit in result.hits],
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    shown = len(result.hits)
    click.echo(
        f"{result.total} essays match; showing {shown} ({result.seconds * 1000:.0f} ms)"
        if result.total > shown
        else f"{result.total} essays match ({result.seconds * 1000:.0f} ms)"
    )
    bold = sys.stdout.isatty()
    for hit in result.hits:
        click.echo(f"{hit.id}  {hit.title}  [{hit.site}]  {hit.page_url}")
        click.echo("    " + _marked(hit.snippet, bold))


def _marked(snippet: str, bold: bool) -> str:
    start, end = ("\x1b[1m", "\x1b[0m") if bold else ("[", "]")
    return snippet.replace("<mark>", start).replace("</mark>", end)


@cli.command()
@click.option("--db", default=api.DEFAULT_DB, show_default=True, help="SQLite database.")
@_one_line_errors
def reindex(db: str) -> None:
    """Rebuild the search index from every essay. Run it after jieba's dictionary or the
    user dictionary (userdict.txt beside the database) changed.

    Example:

        fanwen reindex --db data/fanwen.db
    """
    tty = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if tty:
            click.echo(f"\r\x1b[Kindexed {done} of {total} essays", err=True, nl=False)

    count = api.reindex(db, progress)
    if tty:
        click.echo("\r\x1b[K", err=True, nl=False)
    click.echo(f"indexed {count} essays")


@cli.command()
@click.option("--db", default=api.DEFAULT_DB, show_default=True, help="SQLite database to read.")
@click.option(
    "--format", "format_", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True
)
@click.option("--distinct", is_flag=True, help="Only canonical copies (no duplicates).")
@click.option(
    "--since",
    type=click.DateTime(["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"]),
    help="Only essays first seen on or after this date (YYYY-MM-DD).",
)
@click.option("--site", help="Only essays of this site.")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="File to write (default: stdout)."
)
@_one_line_errors
def export(
    db: str,
    format_: str,
    distinct: bool,
    since: Any,
    site: str | None,
    output: str | None,
) -> None:
    """Export essays as JSON lines or CSV, streamed (constant memory).

    Examples:

        fanwen export --format jsonl --distinct > essays.jsonl

        fanwen export --format csv --since 2026-12-01 --site yiliu -o new.csv
    """
    since_text = since.strftime("%Y-%m-%dT%H:%M:%S") if since else None
    if since_text and since_text.endswith("T00:00:00"):
        since_text = since_text[:10]
    if output is None:
        count = api.export(db, sys.stdout, format_, distinct, since_text, site)
    else:
        try:
            with open(output, "w", encoding="utf-8", newline="") as stream:
                count = api.export(db, stream, format_, distinct, since_text, site)
        except OSError as error:
            raise click.ClickException(f"{output}: cannot write ({error.strerror})") from None
    click.echo(f"exported {count} essays", err=True)


@cli.command()
@click.option("--db", default=api.DEFAULT_DB, show_default=True, help="SQLite database to browse.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(1, 65535))
@_one_line_errors
def serve(db: str, host: str, port: int) -> None:
    """Browse the database in Datasette: described tables, facets, canned queries, and a search
    box that segments Chinese queries with jieba. Needs the analyst extra
    (pip install -e '.[analyst]'). Ctrl-C stops it.

    Example:

        fanwen serve --db data/fanwen.db
    """
    from fanwen_crawler.analyst.serve import serve as run_datasette

    run_datasette(db, host, port, click.echo)


@cli.command()
@click.option("--redis", "redis_url", required=True, metavar="URL", help="The workers' Redis.")
@click.option("--db", default=api.DEFAULT_DB, show_default=True, help="SQLite database to fill.")
@click.option(
    "--until-idle",
    metavar="AGE",
    default="10s",
    show_default=True,
    help="Stop once nothing came for this long; 0 = run until Ctrl-C / SIGTERM.",
)
@click.option(
    "--prefix", default="fanwen", show_default=True, help="The workers' Redis key prefix."
)
@click.option("-q", "--quiet", is_flag=True, help="No summary (errors still print).")
@_one_line_errors
def ingest(redis_url: str, db: str, until_idle: str, prefix: str, quiet: bool) -> None:
    """Store what the workers of a distributed crawl pushed to Redis: dedup and store, one
    transaction per batch; the one writer of the database.

    Example:

        fanwen ingest --redis redis://127.0.0.1:6379/0 --db data/fanwen.db --until-idle 30s
    """
    idle = _duration(until_idle, "--until-idle")
    tty = sys.stderr.isatty()

    def progress(summary: Any) -> None:
        if tty:
            click.echo(
                f"\r\x1b[Kitems {summary.items}  pages {summary.pages}  "
                f"essays {summary.essays}  duplicates {summary.duplicates}",
                err=True,
                nl=False,
            )

    summary = api.ingest(redis_url, db, idle or None, prefix, progress)
    if tty:
        click.echo("\r\x1b[K", err=True, nl=False)
    if not quiet:
        for line in summary.lines():
            click.echo(line)
    if summary.stopped in ("SIGINT", "SIGTERM"):
        sys.exit(130 if summary.stopped == "SIGINT" else 143)


def main() -> None:
    cli(prog_name="fanwen")


if __name__ == "__main__":
    main()
