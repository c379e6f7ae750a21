"""decode → extract → clean → structure for one page, with no database: what `fanwen clean` runs,
and what `fanwen import` runs before dedup and store."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from pipelines.clean import clean
from pipelines.decode import decode
from pipelines.extract import Extracted, ExtractRules, extract
from pipelines.model import Document, RawPart
from pipelines.structure import structure


def clean_page(
    parts: Sequence[RawPart],
    rules: ExtractRules | None = None,
    candidates: Iterable[ExtractRules] = (),
    encoding: str | None = None,
) -> Document:
    """Turn the raw part(s) of one article into a Document.

    Raises NotTextError for binary input and NoArticleError when nothing article-like is left.
    """
    return process_page(parts, rules, candidates, encoding=encoding)[1]


def process_page(
    parts: Sequence[RawPart],
    rules: ExtractRules | None = None,
    candidates: Iterable[ExtractRules] = (),
    learned: Collection[str] = (),
    encoding: str | None = None,
) -> tuple[Extracted, Document]:
    """The extracted page (identity, lines) and its Document; `learned` as for clean(),
    `encoding` as decode()'s fallback."""
    decoded = [decode(part.body, part.content_type, part.url, encoding) for part in parts]
    extracted = extract(decoded, rules, candidates)
    return extracted, structure(clean(extracted, learned))
