"""Plain data passed between stages."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the stage modules import this one
    from pipelines.clean import Extracted
    from pipelines.dedup import DedupResult, Fingerprint


def essay_id(page_url: str, position: int) -> str:
    """Stable id of the essay at `position` (from 1) on a page: re-runs find the same row."""
    return hashlib.sha1(f"{page_url}#{position}".encode()).hexdigest()[:16]


@dataclass(frozen=True)
class RawPart:
    """One HTTP response (or saved file) that makes up all or part of an article."""

    url: str
    body: bytes
    content_type: str | None = None
    status: int = 200


@dataclass(frozen=True)
class Block:
    """A heading or a paragraph of an essay."""

    type: str  # "heading" | "paragraph"
    text: str
    level: int = 0  # heading depth: 1 for 一、, 2 for (一), 3 for 1.; 0 for paragraphs

    def as_dict(self) -> dict[str, Any]:
        return {"type": self.type, "level": self.level, "text": self.text}


@dataclass(frozen=True)
class Essay:
    title: str
    blocks: tuple[Block, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(block.text for block in self.blocks)

    def as_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "text": self.text,
            "blocks": [block.as_dict() for block in self.blocks],
        }


@dataclass(frozen=True)
class Removed:
    """A line taken out of the page, with the rule that took it."""

    text: str
    reason: str

    def as_dict(self) -> dict[str, str]:
        return {"text": self.text, "reason": self.reason}


@dataclass(frozen=True)
class Document:
    """A cleaned, structured page: what `fanwen clean` prints."""

    title: str
    category: str | None
    keywords: tuple[str, ...]
    summary: str | None
    published: str | None
    site: str | None
    essays: tuple[Essay, ...]
    removed: tuple[Removed, ...] = ()
    flags: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "\n\n".join(essay.text for essay in self.essays if essay.text)

    def as_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "category": self.category,
            "keywords": list(self.keywords),
            "summary": self.summary,
            "published": self.published,
            "site": self.site,
            "essays": [essay.as_dict() for essay in self.essays],
            "text": self.text,
            "removed": [item.as_dict() for item in self.removed],
            "flags": list(self.flags),
        }


@dataclass
class PageItem:
    """What travels through the Scrapy item pipelines: a page and each stage's output."""

    url: str
    site: str
    parts: list[RawPart]
    fetched_at: str
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    profile_name: str | None = None
    note: str | None = None  # why a page yielded no essays (binary body, no article …)
    extracted: Extracted | None = None
    document: Document | None = None
    prints: tuple[Fingerprint, ...] = ()  # each essay's fingerprint, for dedup
    words: tuple[tuple[str, str], ...] = ()  # each essay's search words (title, text)
    countable: dict[str, str] | None = None  # its lines that count towards learned boilerplate
    dedup: list[DedupResult] = field(default_factory=list)
    # Distributed crawls: (in-flight list, bytes) of the request this page came from, released
    # when the item is pushed to Redis (fanwen_crawler.distributed).
    inflight: tuple[str, bytes] | None = None
