"""Errors a user can act on: the CLI prints them as one line, never a traceback."""

from __future__ import annotations


class FanwenError(Exception):
    """Base class for errors reported to the user as a single line."""


class NotTextError(FanwenError):
    """The input is binary, not an HTML or text page."""


class NoArticleError(FanwenError):
    """The page was read but holds no article text."""


class DatabaseError(FanwenError):
    """The database file cannot be used (corrupt, foreign or unwritable)."""
