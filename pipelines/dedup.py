"""Stage 5, dedup: find essays already stored with the same normalized text.

Exact only for now: the hash of the text with NFKC applied and whitespace and punctuation
removed, so the same essay with another title, other spacing or other punctuation widths is
found. A duplicate is recorded and points at the canonical (earliest stored) copy; nothing is
dropped.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

_NOT_TEXT = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class DedupResult:
    essay_id: str
    text_hash: str
    duplicate_of: str | None = None
    similarity: float | None = None
    kind: str | None = None  # "exact" for now; "near" and "contained" later


def text_hash(text: str) -> str:
    """Hash of the essay's words: NFKC, whitespace and punctuation removed."""
    normalized = _NOT_TEXT.sub("", unicodedata.normalize("NFKC", text)).lower()
    return hashlib.sha1(normalized.encode("utf-8")).hexdigest()


def find_duplicates(
    essays: Sequence[tuple[str, str]], canonical_for: Callable[[str, str], str | None]
) -> list[DedupResult]:
    """For each (essay_id, text), the canonical essay it duplicates, if any.

    `canonical_for(text_hash, essay_id)` returns the id of a stored canonical essay with that
    hash other than `essay_id`, or None. Essays of the same page are also checked against each
    other, earlier ones being canonical.
    """
    results: list[DedupResult] = []
    seen_here: dict[str, str] = {}
    for essay_id, text in essays:
        digest = text_hash(text)
        original = seen_here.get(digest) or canonical_for(digest, essay_id)
        if original and original != essay_id:
            results.append(DedupResult(essay_id, digest, original, 1.0, "exact"))
        else:
            seen_here.setdefault(digest, essay_id)
            results.append(DedupResult(essay_id, digest))
    return results
