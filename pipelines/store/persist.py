"""Stages 5 and 6 together: dedup a page's essays against the index, then store the page, in
one transaction, so the index never holds an essay the store lacks (or the reverse)."""

from __future__ import annotations

from dataclasses import replace

from pipelines.dedup import DedupIndex, DedupResult, dedup_document
from pipelines.model import essay_id
from pipelines.store.sqlite import PageRecord, Store


def dedup_and_save(
    store: Store, index: DedupIndex, record: PageRecord
) -> tuple[list[DedupResult], str]:
    """Dedup and save one page (its `dedup` field is filled here); returns the dedup results
    and what happened to the page: "new", "updated" or "unchanged" (Store.save)."""
    with store.db.atomic():
        if record.document is not None:
            _forget_changed(store, index, record)
        results = (
            dedup_document(record.document, record.url, index, record.prints)
            if record.document is not None
            else []
        )
        change = store.save(replace(record, dedup=results))
    store.commit_if_due()
    return results, change


def _forget_changed(store: Store, index: DedupIndex, record: PageRecord) -> None:
    """A page stored before whose essays changed: the changed ones leave the dedup index (to be
    checked again under the same ids), and essays it no longer has are deleted."""
    assert record.document is not None
    stored = dict(
        store.db.execute("SELECT id, text FROM essays WHERE page_url = ?", [record.url]).fetchall()
    )
    if not stored:
        return
    texts = {
        essay_id(record.url, n): essay.text
        for n, essay in enumerate(record.document.essays, start=1)
    }
    for identifier, text in stored.items():
        if texts.get(identifier) != text:
            index.forget(identifier)
            if identifier not in texts:
                store.drop_essay(identifier)
