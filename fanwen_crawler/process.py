"""The crawl process as a person at a terminal (or cron) sees it: one line per log record and
no tracebacks, one line when Ctrl-C is pressed, and which signal stopped the run."""

from __future__ import annotations

import logging
import signal
import sys
import warnings
from typing import Any

from scrapy.crawler import CrawlerProcess

from fanwen_crawler.monitors import QuietSpidermonReport

# Exit statuses of a run stopped by a signal: the shell's 128 + signal number.
SIGNAL_EXIT: dict[int, int] = {int(signal.SIGINT): 130, int(signal.SIGTERM): 143}


class OneLineFormatter(logging.Formatter):
    """`LEVEL: message`, the message's first line only, no traceback (a failure's type and
    message, when it carries one, follow the colon)."""

    def __init__(self, clear_line: bool = False) -> None:
        super().__init__()
        # On a terminal each record first clears the progress line it would otherwise join.
        self.prefix = "\r\x1b[K" if clear_line else ""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage().splitlines()[0] if record.getMessage() else ""
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            detail = f"{type(error).__name__}: {error}".splitlines()[0]
            if str(error).splitlines()[0] not in message:
                message = f"{message}: {detail}"
        return f"{self.prefix}{record.levelname.lower()}: {message[:500]}"


def calm_logging(level: str) -> logging.Handler:
    """A root handler on stderr with OneLineFormatter, at `level`; returns it (to remove).
    Spidermon 1.27 calls Scrapy's deprecated Spider.log(): not the user's concern."""
    warnings.filterwarnings("ignore", message=r"Spider\.log\(\) is deprecated")
    # scrapy-redis 0.9.1 passes `spider` to the stats collector, which Scrapy deprecates.
    warnings.filterwarnings("ignore", message=r"Passing a 'spider' argument to StatsCollector")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(OneLineFormatter(clear_line=sys.stderr.isatty()))
    handler.addFilter(QuietSpidermonReport())
    handler.setLevel(level)
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(min(root.level or logging.WARNING, logging.getLevelName(level)))
    return handler


class CalmCrawlerProcess(CrawlerProcess):
    """Scrapy's CrawlerProcess (first SIGINT/SIGTERM: stop after the pages in flight; second:
    stop now) that says so in one line and remembers the signal."""

    def __init__(self, settings: Any) -> None:
        settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
        super().__init__(settings)
        self.stopped_by: int | None = None
        self.forced = False

    def _log_shutdown(self, signum: int) -> None:  # type: ignore[override]
        self.stopped_by = signum
        name = signal.Signals(signum).name
        sys.stderr.write(
            f"\r\x1b[K{name}: stopping after the pages in flight "
            "(again to stop at once; `--resume` continues later)\n"
            if sys.stderr.isatty()
            else f"{name}: stopping after the pages in flight\n"
        )
        sys.stderr.flush()

    def _log_kill(self, signum: int) -> None:  # type: ignore[override]
        self.stopped_by, self.forced = signum, True
        name = signal.Signals(signum).name
        sys.stderr.write(f"{name} again: stopping now\n")
        sys.stderr.flush()
