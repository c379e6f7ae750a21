"""decode → extract → clean → structure for one page, with no database: what `fanwen clean` runs."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pipelines.clean import clean
from pipelines.decode import decode
from pipelines.extract import ExtractRules, extract
from pipelines.model import Document, RawPart
from pipelines.structure import structure


def clean_page(
    parts: Sequence[RawPart],
    rules: ExtractRules | None = None,
    candidates: Iterable[ExtractRules] = (),
) -> Document:
    """Turn the raw part(s) of one article into a Document.

    Raises NotTextError for binary input and NoArticleError when nothing article-like is left.
    """
    decoded = [decode(part.body, part.content_type, part.url) for part in parts]
    return structure(clean(extract(decoded, rules, candidates)))
