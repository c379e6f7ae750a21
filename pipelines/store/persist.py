"""Stages 5 and 6 together: dedup a page's essays against the index, then store the page, in
one transaction, so the index never holds an essay the store lacks (or the reverse)."""

from __future__ import annotations

from dataclasses import replace

from pipelines.dedup import DedupIndex, DedupResult, dedup_document
from pipelines.store.sqlite import PageRecord, Store


def dedup_and_save(store: Store, index: DedupIndex, record: PageRecord) -> list[DedupResult]:
    """Dedup and save one page (its `dedup` field is filled here); returns the dedup results."""
    with store.db.atomic():
        results = (
            dedup_document(record.document, record.url, index, record.prints)
            if record.document is not None
            else []
        )
        store.save(replace(record, dedup=results))
    store.commit_if_due()
    return results
