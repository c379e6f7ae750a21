"""Stage 1, decode: page bytes → text, without garbling Chinese.

Order of evidence: BOM, HTTP charset, `<meta charset>` / `http-equiv` (w3lib), then a detector
only when nothing is declared. GB2312 and GBK are read as GB18030, their superset, because
real "gb2312" pages routinely use characters outside GB2312.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from charset_normalizer import from_bytes
from w3lib.encoding import (
    html_body_declared_encoding,
    http_content_type_encoding,
    read_bom,
    resolve_encoding,
)

from pipelines.errors import NotTextError

# w3lib only reads the first 4 KiB; some pages declare their charset after long <head> scripts.
_LATE_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE
)
_HTML_MARKER = re.compile(r"<\s*(html|head|body|div|p|table|meta|title|br)\b", re.IGNORECASE)
# More than this share of U+FFFD means the declared charset was wrong for these bytes.
_MAX_REPLACEMENT_SHARE = 0.002
# Pages larger than this are cut here (the crawler's DOWNLOAD_MAXSIZE is 8 MiB).
MAX_PAGE_BYTES = 4 * 1024 * 1024
# Pages with more tags than this are cut before the next one: cleaning costs about 15 µs a
# tag (666,000 empty <p> took 16 s), and an essay page holds a few thousand.
MAX_PAGE_TAGS = 60_000
# C0 control bytes other than tab, newline, vertical tab, form feed and carriage return.
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32)])
# Characters XML (and so lxml's tree) cannot hold, which no page means as text: C0 controls
# but tab and line breaks, noncharacters U+FFFE/U+FFFF. Vertical tab and form feed become spaces.
_NOT_XML_CHARS = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff]")
_BREAK_CONTROLS = re.compile("[\x0b\x0c]")
# Files that start with text but are not pages: a PDF's first kilobytes are often all text
# (an XMP metadata packet), so the bytes alone would not give it away.
_FILE_SIGNATURES = {
    b"%PDF-": "a PDF file",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\xd0\xcf\x11\xe0": "an Office document",
    b"\x1f\x8b": "a gzip file",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7z archive",
}


@dataclass(frozen=True)
class Decoded:
    url: str
    text: str
    encoding: str
    is_html: bool
    flags: tuple[str, ...] = ()  # "input-truncated": cut at MAX_PAGE_BYTES or MAX_PAGE_TAGS


def decode(
    body: bytes, content_type: str | None = None, url: str = "", fallback: str | None = None
) -> Decoded:
    """Decode one page's bytes. Raises NotTextError for binary input.

    `fallback` (a site profile's encoding hint) is used when the page declares nothing, before
    any guessing."""
    kind = _file_kind(body)
    if kind:
        raise NotTextError(f"input is {kind}, not an HTML or text page")
    if _looks_binary(body):
        raise NotTextError("input is a binary file, not an HTML or text page")
    flags: tuple[str, ...] = ()
    if len(body) > MAX_PAGE_BYTES:
        # No essay page is this large; cleaning the first part keeps a run within seconds.
        cut = body.rfind(b">", 0, MAX_PAGE_BYTES) + 1 or body.rfind(b"\n", 0, MAX_PAGE_BYTES) + 1
        body, flags = body[: cut or MAX_PAGE_BYTES], ("input-truncated",)
    if body.count(b"<") > MAX_PAGE_TAGS:
        body, flags = body[: _nth(body, b"<", MAX_PAGE_TAGS + 1)], ("input-truncated",)
    bom_encoding, bom = read_bom(body)
    if bom_encoding and bom:
        body = body[len(bom) :]
    encoding = (
        bom_encoding
        or _declared_encoding(body, content_type)
        or (resolve_encoding(fallback) if fallback else None)
        or _detect(body)
        or "utf-8"
    )
    if encoding != "utf-8" and not bom_encoding and _is_utf8_with_non_ascii(body):
        # Non-ASCII text that is valid UTF-8 is UTF-8 whatever the page claims: GBK prose
        # essentially never forms valid UTF-8 sequences.
        encoding = "utf-8"
    text = body.decode(encoding, errors="replace")
    if _replacement_share(text) > _MAX_REPLACEMENT_SHARE:
        encoding, text = _best_effort(body, encoding, text)
    if _may_hold_controls(body, encoding):  # a check on the bytes: ten times cheaper
        text = _xml_safe(text)
    is_html = bool(_HTML_MARKER.search(text))
    return Decoded(url=url, text=text, encoding=encoding, is_html=is_html, flags=flags)


def _nth(body: bytes, byte: bytes, n: int) -> int:
    """Where the n-th occurrence of `byte` is (there are at least n)."""
    position = -1
    for _ in range(n):
        position = body.find(byte, position + 1)
    return position


# Control bytes that _xml_safe removes or turns into spaces; in ASCII-compatible encodings
# (UTF-8, GB*, Big5 …) no multibyte character contains one.
_CONTROL_DELETE = bytes([*range(0, 9), 0x0B, 0x0C, *range(14, 32)])


def _may_hold_controls(body: bytes, encoding: str) -> bool:
    """Whether the decoded text may hold what _xml_safe takes out."""
    if encoding.lower().replace("-", "").startswith(("utf16", "utf32")):
        return True
    if b"\xef\xbf\xbe" in body or b"\xef\xbf\xbf" in body:  # U+FFFE, U+FFFF in UTF-8
        return True
    return len(body.translate(None, _CONTROL_DELETE)) != len(body)


def _xml_safe(text: str) -> str:
    if _NOT_XML_CHARS.search(text):
        text = _NOT_XML_CHARS.sub("", text)
    if _BREAK_CONTROLS.search(text):
        text = _BREAK_CONTROLS.sub(" ", text)
    return text


def _declared_encoding(body: bytes, content_type: str | None) -> str | None:
    declared = http_content_type_encoding(content_type) or html_body_declared_encoding(body)
    if declared:
        return declared
    late = _LATE_META_CHARSET.search(body[:65536])
    return resolve_encoding(late.group(1).decode("ascii")) if late else None


def _is_utf8_with_non_ascii(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not body.isascii()


def _detect(body: bytes) -> str | None:
    """Guess an undeclared charset: strict UTF-8 first (cheap, unambiguous), then GB18030."""
    if _is_utf8_with_non_ascii(body) or body.isascii():
        return "utf-8"
    try:
        body.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        return "gb18030"
    best = from_bytes(body[:200_000]).best()
    return best.encoding if best else None


def _best_effort(body: bytes, encoding: str, text: str) -> tuple[str, str]:
    """Among the declared charset and the usual suspects, keep the one that garbles least."""
    candidates = [(encoding, text)]
    for name in ("utf-8", "gb18030", _detect(body)):
        if name:
            candidates.append((name, body.decode(name, errors="replace")))
    return min(candidates, key=lambda pair: _replacement_share(pair[1]))


def _replacement_share(text: str) -> float:
    return text.count("\ufffd") / max(len(text), 1)


def _file_kind(body: bytes) -> str | None:
    """What a known non-page file is, by its first bytes (after any whitespace)."""
    head = body[:64].lstrip()
    return next((kind for magic, kind in _FILE_SIGNATURES.items() if head.startswith(magic)), None)


def _looks_binary(body: bytes) -> bool:
    head = body[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text legitimately holds NUL bytes
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > len(head) * 0.05
