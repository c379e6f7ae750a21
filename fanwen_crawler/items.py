"""The item spiders yield: one article (all its pages) or one failed fetch."""

from pipelines.model import PageItem, RawPart

__all__ = ["PageItem", "RawPart"]
