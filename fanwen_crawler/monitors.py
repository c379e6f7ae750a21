"""Health checks of a finished crawl (spidermon), each threshold a setting of its own.

- the site profile's body selector must match on most article pages (a layout change breaks
  a profile silently otherwise): FANWEN_MONITOR_MAX_SELECTOR_MISSES;
- a run that fetched pages must store something: FANWEN_MONITOR_MIN_STORED;
- the share of requests that ended in an error: FANWEN_MONITOR_MAX_ERROR_RATE.

A failed check makes the run `failed` with one line per check (`crawl_runs.message`), and
`fanwen crawl` exit non-zero. Spidermon's own report (a traceback-like block per failure) is
kept out of the terminal: the `fanwen` line says the same in one line.
"""

from __future__ import annotations

import logging
from typing import Any

from spidermon import Monitor, MonitorSuite, monitors
from spidermon.core.actions import Action


def _stats(monitor: Monitor) -> dict[str, Any]:
    return dict(monitor.data.stats)


def _setting(monitor: Monitor, name: str) -> float:
    return float(monitor.data.crawler.settings.getfloat(name))


@monitors.name("Site profile")
class ProfileSelectors(Monitor):  # type: ignore[misc]
    @monitors.name("body selector matches article pages")
    def test_body_selector_matches(self) -> None:
        stats = _stats(self)
        articles = int(stats.get("fanwen/profile_articles", 0))
        misses = int(stats.get("fanwen/profile_misses", 0))
        allowed = _setting(self, "FANWEN_MONITOR_MAX_SELECTOR_MISSES")
        if articles == 0 or misses <= allowed * articles:
            return
        profile = self.data.spider.profile
        selector = ", ".join(profile.extract.body)
        self.fail(
            f"profile {profile.name}: body selector {selector!r} matched no article text on "
            f"{misses} of {articles} article pages ({misses / articles:.0%}, at most "
            f"{allowed:.0%} allowed): has the site's layout changed?"
        )


@monitors.name("Storage")
class StoredSomething(Monitor):  # type: ignore[misc]
    @monitors.name("pages fetched are stored")
    def test_something_stored(self) -> None:
        stats = _stats(self)
        fetched = int(stats.get("response_received_count", 0))
        settled = sum(
            int(stats.get(f"fanwen/{name}", 0))
            for name in ("new", "updated", "unchanged", "pushed")
        )
        minimum = _setting(self, "FANWEN_MONITOR_MIN_STORED")
        if fetched > 1 and settled < minimum and not stats.get("fanwen/skipped"):
            self.fail(
                f"fetched {fetched} pages but stored {settled} articles "
                f"(at least {minimum:.0f} expected): no article URL matched?"
            )


@monitors.name("Errors")
class ErrorRate(Monitor):  # type: ignore[misc]
    @monitors.name("error rate")
    def test_error_rate(self) -> None:
        stats = _stats(self)
        errors = int(stats.get("fanwen/errors", 0))
        fetched = int(stats.get("response_received_count", 0))
        allowed = _setting(self, "FANWEN_MONITOR_MAX_ERROR_RATE")
        total = errors + fetched
        if errors and not fetched:
            self.fail(f"no page could be fetched ({errors} requests failed)")
        if total and errors > allowed * total:
            self.fail(
                f"{errors} of {total} requests failed ({errors / total:.0%}, at most "
                f"{allowed:.0%} allowed)"
            )


class RecordFailures(Action):  # type: ignore[misc]
    """Put each failed check's message into the crawl's stats, where the run record and the
    `fanwen` command find it."""

    def __init__(self, crawler: Any = None) -> None:
        super().__init__()
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> RecordFailures:
        return cls(crawler)

    def run_action(self) -> None:
        messages = [
            str(result.reason).splitlines()[0]
            for result in self.result.monitors_failed_results
            if result.reason
        ]
        if self.crawler is not None and messages:
            self.crawler.stats.set_value("fanwen/monitor_failures", messages)


class CrawlHealth(MonitorSuite):  # type: ignore[misc]
    monitors = [ProfileSelectors, StoredSomething, ErrorRate]
    monitors_failed_actions = [RecordFailures]


class QuietSpidermonReport(logging.Filter):
    """Drops spidermon's multi-line report from the log (its failures reach the run record
    and the terminal as one line each)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("[Spidermon]")
