"""Cleaning throughput: `clean_page` (decode → structure) on every sample-site article page.

Baseline, in the same run: "text of <body>" with parsel (decode + parse + text join), the least
any HTML extraction must do, so the figure shows what our cleaning stages cost on top of parsing.

    .venv/bin/python bench/clean_speed.py [--rounds N]
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from collections.abc import Callable

from parsel import Selector

from fanwen_crawler.profiles import load_profiles
from fanwen_crawler.sample_site.site import build_site
from pipelines.clean import decode
from pipelines.model import RawPart
from pipelines.page import clean_page


def _baseline(part: RawPart) -> str:
    decoded = decode(part.body, part.content_type, part.url)
    return " ".join(Selector(text=decoded.text).xpath("//body//text()").getall())


def _measure(
    name: str, work: Callable[[RawPart], object], parts: list[RawPart], rounds: int
) -> float:
    tracemalloc.start()
    started = time.perf_counter()
    for _ in range(rounds):
        for part in parts:
            work(part)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    rate = len(parts) * rounds / elapsed
    print(
        f"{name:<22}{rate:>10.1f} pages/s {elapsed / (len(parts) * rounds) * 1000:>8.2f} ms/page "
        f"{peak / 2**20:>8.1f} MiB peak"
    )
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    site = build_site()
    rules = load_profiles()["yiliu"].extract
    parts = [
        RawPart(path, page.body, page.content_type)
        for path, page in site.pages.items()
        if page.status == 200 and any(path == a.path for a in site.articles)
    ]
    print(f"{len(parts)} article pages x {args.rounds} rounds")
    baseline = _measure("baseline body-text", _baseline, parts, args.rounds)
    ours = _measure("fanwen clean_page", lambda p: clean_page([p], rules), parts, args.rounds)
    print(f"fanwen runs at {ours / baseline:.2f}x the baseline's speed")


if __name__ == "__main__":
    main()
