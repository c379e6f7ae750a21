"""Read saved pages for `fanwen import`: loose HTML/text files and WARC/ARC archives.

Only reading lives here; cleaning and storing are the caller's. Every failure is a one-line
FanwenError naming the path, raised where it happens, so pages read before it stay yielded.
"""

from __future__ import annotations

import contextlib
import html
import io
import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from warcio.archiveiterator import ArchiveIterator

from pipelines.errors import FanwenError

_PAGE_SUFFIXES = (".html", ".htm", ".shtml", ".txt")
_WARC_SUFFIXES = (".warc", ".warc.gz")
_ARC_SUFFIXES = (".arc.gz",)
_IMPORTABLE = _PAGE_SUFFIXES + _WARC_SUFFIXES + _ARC_SUFFIXES
# Archives also hold the site's CSS, scripts and images; only these are pages.
_PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
_CANONICAL_WINDOW = 64 * 1024
_LINK_TAG = re.compile(rb"<link\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(rb"""([^\s"'<>/=]+)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""")


@dataclass(frozen=True)
class SavedPage:
    url: str  # <link rel="canonical">, else the WARC-Target-URI, else the file's file:// URI
    body: bytes
    content_type: str | None
    fetched_at: str  # ISO 8601 UTC, seconds: WARC-Date, else the file's mtime
    source: str  # the file, and the record's byte offset for archives, for error messages


def iter_saved_pages(paths: Sequence[str | Path]) -> Iterator[SavedPage]:
    """The pages in `paths` (files, or folders walked recursively in sorted order).

    Raises FanwenError for a missing path, an unreadable file or a corrupt archive record.
    """
    seen: set[Path] = set()
    for path in paths:
        for file in _files(Path(path)):
            # A file named twice (itself and inside a named folder) is still one page.
            if (key := file.resolve()) not in seen:
                seen.add(key)
                yield from _read_file(file)


def _files(path: Path) -> Iterator[Path]:
    try:
        is_dir, exists = path.is_dir(), path.exists()
    except OSError as error:
        raise FanwenError(f"{path}: cannot read ({error.strerror})") from None
    if is_dir:
        yield from _walk(path)
    elif exists:
        yield path  # named explicitly: read whatever its extension
    else:
        raise FanwenError(f"{path}: no such file or folder")


def _walk(folder: Path) -> Iterator[Path]:
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        raise FanwenError(f"{folder}: cannot read ({error.strerror})") from None
    for entry in entries:
        if entry.name.startswith("."):
            continue
        # Symlinked folders are not followed: a link up the tree would never end.
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path))
        elif entry.name.lower().endswith(_IMPORTABLE):
            yield Path(entry.path)


def _read_file(file: Path) -> Iterator[SavedPage]:
    name = file.name.lower()
    if name.endswith(_WARC_SUFFIXES):
        yield from _read_archive(file, arc=False)
    elif name.endswith(_ARC_SUFFIXES):
        yield from _read_archive(file, arc=True)
    elif page := _read_page(file):
        yield page


def _read_page(file: Path) -> SavedPage | None:
    info = _stat(file)
    try:
        body = file.read_bytes()
    except OSError as error:
        raise FanwenError(f"{file}: cannot read ({error.strerror})") from None
    if not body.strip():
        return None
    file_url = file.resolve().as_uri()
    return SavedPage(
        url=_canonical_link(body, file_url) or file_url,
        body=body,
        content_type=None,
        fetched_at=_utc(datetime.fromtimestamp(info.st_mtime, UTC)),
        source=str(file),
    )


def _read_archive(file: Path, arc: bool) -> Iterator[SavedPage]:
    info = _stat(file)
    if info.st_size == 0:
        return
    try:
        stream = file.open("rb")
    except OSError as error:
        raise FanwenError(f"{file}: cannot read ({error.strerror})") from None
    with stream:
        # arc2warc gives ARC records WARC headers, but also lets any line parse as an ARC
        # header, so WARC files are read strictly.
        records = ArchiveIterator(stream, arc2warc=arc)
        position = 0
        while True:
            read = _next_record(records, file, position, arc)
            if read is None:
                break
            record, payload, offset, position = read
            if page := _page(record, payload, file, offset, info):
                yield page
        if position != info.st_size:
            # warcio ends quietly at a record cut off inside its headers.
            raise _corrupt(file, position)


def _next_record(
    records: Any, file: Path, position: int, arc: bool
) -> tuple[Any, bytes, int, int] | None:
    """The next record, its payload, its offset and where the one after starts, or None at
    the end. warcio reports damage with assorted exceptions, or not at all, hence the checks."""
    try:
        # warcio writes some complaints straight to stderr; ours is the one-line error.
        with contextlib.redirect_stderr(io.StringIO()):
            record = next(records, None)
            if record is None:
                return None
            payload: bytes = record.content_stream().read()
            offset: int = records.get_record_offset()  # reads the rest of the record
    except Exception as error:
        if "non-chunked gzip" in str(error):
            raise FanwenError(
                f"{file}: gzip holds the whole archive in one member, not one per record; "
                "run `warcio recompress` on it first"
            ) from None
        raise _corrupt(file, position) from None
    headers = record.rec_headers
    truncated = getattr(record.raw_stream, "limit", 0) > 0  # fewer bytes than Content-Length
    # Headers cut off before or inside Content-Length.
    headless = not (headers.get_header("Content-Length") or "").strip().isdigit()
    misframed = records.err_count > 0  # no blank line after the record: wrong Content-Length
    if truncated or headless or misframed or (not arc and record.format != "warc"):
        raise _corrupt(file, offset)
    return record, payload, offset, int(records.offset)


def _page(
    record: Any, payload: bytes, file: Path, offset: int, info: os.stat_result
) -> SavedPage | None:
    http = record.http_headers
    if record.rec_type != "response" or http is None or http.get_statuscode() != "200":
        return None
    content_type: str | None = http.get_header("Content-Type")
    if not content_type or content_type.split(";")[0].strip().lower() not in _PAGE_TYPES:
        return None
    if not payload.strip():
        return None
    target: str = record.rec_headers.get_header("WARC-Target-URI") or file.resolve().as_uri()
    return SavedPage(
        url=_canonical_link(payload, target) or target,
        body=payload,
        content_type=content_type,
        fetched_at=_warc_date(record.rec_headers.get_header("WARC-Date"), info),
        source=f"{file} (record at byte {offset})",
    )


def _canonical_link(body: bytes, page_url: str) -> str | None:
    """The page's first `<link rel="canonical">`, resolved against `page_url`; None when
    missing, not http(s), or a site's home page (a misconfiguration that would fold every
    page of the site into one)."""
    for tag in _LINK_TAG.finditer(body, 0, _CANONICAL_WINDOW):
        attributes = {
            name.lower(): _unquote(value) for name, value in _ATTRIBUTE.findall(tag.group())
        }
        if b"canonical" not in attributes.get(b"rel", b"").lower().split():
            continue
        href = html.unescape(_text(attributes.get(b"href", b""))).strip()
        if not href:
            return None
        url = urljoin(page_url, href)
        parts = urlsplit(url)
        home = parts.path in ("", "/") and not parts.query
        return url if parts.scheme in ("http", "https") and parts.hostname and not home else None
    return None


def _unquote(value: bytes) -> bytes:
    return value[1:-1] if value[:1] in (b'"', b"'") else value


def _text(raw: bytes) -> str:
    # URLs are ASCII in practice; a GBK page's raw bytes are still kept readable.
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")


def _warc_date(value: str | None, info: os.stat_result) -> str:
    try:
        when = datetime.fromisoformat(value or "")
    except ValueError:
        when = datetime.fromtimestamp(info.st_mtime, UTC)
    return _utc(when if when.tzinfo else when.replace(tzinfo=UTC))


def _utc(when: datetime) -> str:
    return when.astimezone(UTC).isoformat(timespec="seconds")


def _stat(file: Path) -> os.stat_result:
    try:
        info = file.stat()
    except OSError as error:
        raise FanwenError(f"{file}: cannot read ({error.strerror})") from None
    if not stat.S_ISREG(info.st_mode):
        raise FanwenError(f"{file}: not a regular file")
    return info


def _corrupt(file: Path, position: int) -> FanwenError:
    return FanwenError(f"{file}: corrupt or truncated archive record at byte {position}")
