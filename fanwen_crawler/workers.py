"""Worker processes for the CPU-heavy part of a crawl (decode → structure, fingerprints, search
words), so that cleaning never stalls the reactor that downloads the next pages.

Workers start from a fork server (fanwen_crawler.runtime.process_context), not from the crawl
process. Each worker loads the site profiles and jieba's dictionary once. Workers leave stopping
to the crawl process and exit when it is gone (fanwen_crawler.runtime.join_crawl).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from concurrent.futures import ProcessPoolExecutor

import jieba

from fanwen_crawler.profiles import SiteProfile, load_profiles
from fanwen_crawler.runtime import join_crawl, process_context, settle_garbage_collector
from pipelines.model import RawPart
from pipelines.page import PreparedPage, prepare_page
from pipelines.store.words import load_user_dict

_profiles: dict[str, SiteProfile] = {}


def start_pool(workers: int, user_dict: str | None = None) -> ProcessPoolExecutor:
    """A pool of `workers` processes ready to run prepare(); `user_dict`, when the file
    exists, adds its words to the segmenter (the search words must be the store's)."""
    return ProcessPoolExecutor(
        workers, mp_context=process_context(), initializer=_load, initargs=(user_dict,)
    )


def _load(user_dict: str | None = None) -> None:
    join_crawl()  # first: ignore Ctrl-C, and exit when the crawl process is gone
    _profiles.update(load_profiles())
    jieba.initialize()
    if user_dict:
        load_user_dict(user_dict)
    # jieba's dictionary alone is hundreds of thousands of objects, alive as long as the
    # worker: out of the collector's reach, or every full collection walks all of them.
    settle_garbage_collector()


def prepare(
    parts: Sequence[RawPart], profile_name: str | None, learned: Collection[str]
) -> PreparedPage:
    """prepare_page() with the named profile's selectors and encoding hint (None: generic)."""
    if not _profiles:  # called in the crawl process itself (FANWEN_WORKERS = 0)
        _profiles.update(load_profiles())
    profile = _profiles.get(profile_name or "")
    return prepare_page(
        parts,
        profile.extract if profile else None,
        [candidate.extract for candidate in _profiles.values()],
        learned,
        profile.encoding if profile else None,
    )
