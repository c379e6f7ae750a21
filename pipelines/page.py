"""decode → extract → clean → structure for one page, with no database: what `fanwen clean` runs,
and what `fanwen import` runs before dedup and store. `prepare_page` adds the rest of the
CPU-heavy work (fingerprints, search words), all a crawl's worker process does for a page."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from pipelines.clean import (
    Extracted,
    ExtractRules,
    clean,
    countable_lines,
    decode,
    extract,
    structure,
    whole_page,
)
from pipelines.dedup import Fingerprint, fingerprint
from pipelines.errors import NoArticleError
from pipelines.model import Document, RawPart
from pipelines.store import segment


def clean_page(
    parts: Sequence[RawPart],
    rules: ExtractRules | None = None,
    candidates: Iterable[ExtractRules] = (),
    encoding: str | None = None,
) -> Document:
    """Turn the raw part(s) of one article into a Document.

    Raises NotTextError for binary input and NoArticleError when the page holds no text. A page
    one is asked to clean whose article block was not found (a 文库 page of short lines, a page
    of links) gives its whole text instead, flagged "no-article-block".
    """
    return process_page(parts, rules, candidates, encoding=encoding, any_text=True)[1]


def process_page(
    parts: Sequence[RawPart],
    rules: ExtractRules | None = None,
    candidates: Iterable[ExtractRules] = (),
    learned: Collection[str] = (),
    encoding: str | None = None,
    any_text: bool = False,
) -> tuple[Extracted, Document]:
    """The extracted page (identity, lines) and its Document; `learned` as for clean(),
    `encoding` as decode()'s fallback. Where the article block holds no article, the whole
    page's text stands in when it has prose (or, with `any_text`, any text at all)."""
    decoded = [decode(part.body, part.content_type, part.url, encoding) for part in parts]
    extracted = extract(decoded, rules, candidates)
    try:
        return extracted, structure(clean(extracted, learned))
    except NoArticleError:
        # In a crawl, only where an article block was found but held no article (a converted
        # document whose garbled first block looked densest): a page with no block is a list page.
        usable = extracted.method == "generic" and (any_text or bool(extracted.lines))
        fallback = whole_page(decoded, any_text) if usable else None
        if fallback is None:
            raise
        return fallback, structure(clean(fallback, learned))


@dataclass(frozen=True)
class PreparedPage:
    """A page ready for dedup and store: its document, each essay's fingerprint and search
    words (title, text), and its countable lines."""

    extracted: Extracted
    document: Document
    prints: tuple[Fingerprint, ...]
    words: tuple[tuple[str, str], ...]
    countable: dict[str, str]  # the lines that count towards learning site boilerplate


def prepare_page(
    parts: Sequence[RawPart],
    rules: ExtractRules | None = None,
    candidates: Iterable[ExtractRules] = (),
    learned: Collection[str] = (),
    encoding: str | None = None,
) -> PreparedPage:
    """process_page(), then what dedup and store would compute; raises as it does."""
    extracted, document = process_page(parts, rules, candidates, learned, encoding)
    return PreparedPage(
        extracted,
        document,
        tuple(fingerprint(essay.text) for essay in document.essays),
        tuple((segment(essay.title), segment(essay.text)) for essay in document.essays),
        countable_lines(extracted.lines, document.title),
    )
