"""Stage 5, dedup: each essay of a page against everything indexed before.

Exact (normalized-text hash), near (MinHash LSH, confirmed by shingle Jaccard) and contained
(sentence hashes, confirmed by shingle containment); see index.py for the index and
fingerprint.py for the fingerprints. A duplicate is recorded and points at the
canonical copy; nothing is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipelines.dedup.fingerprint import Fingerprint, normalize
from pipelines.dedup.fingerprint import text_hash as _hash_normalized
from pipelines.dedup.index import DedupIndex, DedupResult
from pipelines.model import Document, essay_id

__all__ = ["DedupResult", "dedup", "dedup_document", "text_hash"]


def text_hash(text: str) -> str:
    """Hash of the essay's words: NFKC, simplified script, whitespace and punctuation removed."""
    return _hash_normalized(normalize(text))


def dedup_document(
    document: Document,
    page_url: str,
    index: DedupIndex,
    prints: Sequence[Fingerprint] = (),
) -> list[DedupResult]:
    """Check every essay of a page, under the ids the store gives them; `prints` are the
    essays' fingerprints when a worker computed them already."""
    essays = [(essay_id(page_url, n), e.text) for n, e in enumerate(document.essays, start=1)]
    return dedup(essays, index, "truncated" in document.flags, prints)


def dedup(
    essays: Sequence[tuple[str, str]],
    index: DedupIndex,
    truncated: bool = False,
    prints: Sequence[Fingerprint] = (),
) -> list[DedupResult]:
    """Check each (essay_id, text) of one page in order; earlier essays of the page count."""
    return [
        index.check(essay_id, text, truncated, prints[n] if n < len(prints) else None)
        for n, (essay_id, text) in enumerate(essays)
    ]
