"""Cleaning speed per stage (decode, extract, clean, structure) next to trafilatura.extract.

Pages: cwced-dev (real Chinese pages, many GBK) plus the sample site's article pages. One untimed
warm-up pass of each, then --rounds timed passes over all pages, fanwen's and the baseline's in
turn; the ratio is the median of the rounds' ratios. Baseline, in the same run: "trafilatura",
`trafilatura.extract(raw bytes)` (its own decoding included, as fanwen's total includes ours). Peak RSS is the process's high-water mark
(resource.getrusage): fanwen's after its warm-up pass, before trafilatura is imported.

    .venv/bin/python bench/extract_speed.py [--rounds N] [--data DIR]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from fanwen_crawler.profiles import load_profiles
from fanwen_crawler.sample_site.site import build_site
from pipelines.clean import ExtractRules, clean, decode, extract, structure
from pipelines.errors import NoArticleError

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval-data" / "cwced-dev"
STAGES = ("decode", "extract", "clean", "structure")


@dataclass(frozen=True)
class BenchPage:
    url: str
    body: bytes
    content_type: str | None


@dataclass
class StageTimes:
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))
    no_article: int = 0  # pages per pass on which structure() raised NoArticleError


def load_pages(data: Path) -> list[BenchPage]:
    pages = [BenchPage(p.as_uri(), p.read_bytes(), None) for p in sorted(data.glob("html/*.html"))]
    site = build_site()
    pages += [
        BenchPage(a.path, site.pages[a.path].body, site.pages[a.path].content_type)
        for a in site.articles
    ]
    return pages


def fanwen_pass(pages: list[BenchPage], candidates: list[ExtractRules], times: StageTimes) -> None:
    """One pass of what `fanwen clean` runs (no profile forced), timing each stage."""
    times.no_article = 0
    for page in pages:
        t0 = time.perf_counter()
        decoded = decode(page.body, page.content_type, page.url)
        t1 = time.perf_counter()
        extracted = extract([decoded], None, candidates)
        t2 = time.perf_counter()
        cleaned = clean(extracted)
        t3 = time.perf_counter()
        try:
            structure(cleaned)
        except NoArticleError:
            times.no_article += 1
        t4 = time.perf_counter()
        for stage, seconds in zip(STAGES, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
            times.seconds[stage] += seconds


def timed(rounds: int, one_pass: Callable[[], None], warm_up: bool = True) -> float:
    """Seconds for `rounds` passes, after one untimed warm-up pass (unless told not to)."""
    if warm_up:
        one_pass()
    started = time.perf_counter()
    for _ in range(rounds):
        one_pass()
    return time.perf_counter() - started


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def line(name: str, seconds: float, n_pages: int, note: str = "") -> float:
    rate = n_pages / seconds
    print(f"{name:<22}{rate:>10.1f} pages/s {1000 / rate:>9.2f} ms/page  {note}")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="cwced-dev folder")
    args = parser.parse_args()
    if not (args.data / "html").is_dir():
        sys.exit(f"cwced-dev not found at {args.data} (expected html/; use --data DIR)")
    pages = load_pages(args.data)
    candidates = [profile.extract for profile in load_profiles().values()]
    n = len(pages) * args.rounds
    size_mib = sum(len(p.body) for p in pages) / 2**20
    print(f"{len(pages)} pages ({size_mib:.1f} MiB) x {args.rounds} rounds")
    print(f"peak RSS before any run: {peak_rss_mib():.1f} MiB\n")

    # Rounds alternate between fanwen and the baseline, so that a busy spell of a shared machine
    # slows both; the ratio reported is the median of the rounds' ratios.
    fanwen_pass(pages, candidates, StageTimes())
    fanwen_rss = peak_rss_mib()
    try:
        import trafilatura
    except ImportError:
        trafilatura = None

    def trafilatura_pass() -> None:
        for page in pages:
            trafilatura.extract(page.body)

    if trafilatura is not None:
        trafilatura_pass()
    times = StageTimes()
    ratios: list[float] = []
    theirs_seconds = 0.0
    for _ in range(args.rounds):
        before = sum(times.seconds.values())
        fanwen_pass(pages, candidates, times)
        ours_round = sum(times.seconds.values()) - before
        if trafilatura is not None:
            theirs_round = timed(1, trafilatura_pass, warm_up=False)
            theirs_seconds += theirs_round
            ratios.append(theirs_round / ours_round)
    for stage in STAGES:
        line(f"fanwen {stage}", times.seconds[stage], n)
    line(
        "fanwen total",
        sum(times.seconds.values()),
        n,
        f"NoArticleError on {times.no_article}/{len(pages)} pages; peak RSS {fanwen_rss:.1f} MiB",
    )
    if trafilatura is None:
        print("\ntrafilatura: not installed (pip install -r bench/requirements.txt), no baseline")
        return
    line("trafilatura", theirs_seconds, n, f"peak RSS {peak_rss_mib():.1f} MiB (includes fanwen's)")
    print(
        f"\nfanwen/trafilatura speed ratio: {statistics.median(ratios):.2f}x"
        f" (median of {len(ratios)} alternating rounds; min {min(ratios):.2f}x,"
        f" max {max(ratios):.2f}x)"
    )


if __name__ == "__main__":
    main()
