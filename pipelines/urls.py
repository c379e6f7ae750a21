"""A page URL's identity, so that one page reached through different URLs is stored once.

w3lib does the generic work (percent-encoding, IDNA, query sorting, dot segments, fragment);
this module adds what template-essay sites need on top: tracking parameters, `index.html`
paths and the m./wap./3g./www. mirrors that serve the same article.
"""

from __future__ import annotations

from urllib.parse import SplitResult, unquote, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

_TRACKING_PARAMS = frozenset(
    {
        "from",
        "spm",
        "source",
        "share",
        "fbclid",
        "gclid",
        "from_source",
        "wxshare",
        "isappinstalled",
        "scene",
    }
)
_TRACKING_PREFIXES = ("utm_", "sharer_")
_INDEX_FILES = frozenset({"index.html", "index.htm", "index.php", "default.html"})
_MIRROR_PREFIXES = ("m.", "wap.", "3g.", "www.")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str) -> str:
    """The identity of a page URL; input that is not an absolute URL comes back stripped."""
    stripped = url.strip()
    try:
        return _canonical(stripped)
    except ValueError:  # bad IPv6 literal, port out of range, IDNA failure (UnicodeError)
        return stripped


def same_page(a: str, b: str) -> bool:
    return canonical_url(a) == canonical_url(b)


def _canonical(url: str) -> str:
    parts = urlsplit(url)
    # Relative, scheme-less and host-less URLs (file:///, mailto:) carry no site to fold.
    if not parts.scheme or not parts.netloc:
        return url
    query = "&".join(p for p in parts.query.split("&") if p and not _is_tracking(p))
    cleaned = canonicalize_url(urlunsplit((parts.scheme, parts.netloc, parts.path, query, "")))
    parts = urlsplit(cleaned)
    scheme = parts.scheme.lower()
    return urlunsplit((scheme, _netloc(scheme, parts), _path(parts.path), parts.query, ""))


def _is_tracking(pair: str) -> bool:
    key = unquote(pair.partition("=")[0]).strip().lower()
    return key in _TRACKING_PARAMS or key.startswith(_TRACKING_PREFIXES)


def _netloc(scheme: str, parts: SplitResult) -> str:
    # `hostname` is lower-cased; w3lib has already IDNA-encoded it.
    host = parts.hostname or ""
    # Repeat so that www.m.example.com folds in one pass (keeps the function idempotent),
    # but never down to a bare suffix such as `com`.
    while host.startswith(_MIRROR_PREFIXES) and "." in host.partition(".")[2]:
        host = host.partition(".")[2]
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    userinfo, at, _ = parts.netloc.rpartition("@")
    return f"{userinfo}{at}{host}"


def _path(path: str) -> str:
    head, _, last = path.rpartition("/")
    if last.lower() in _INDEX_FILES:
        return f"{head}/"
    return path or "/"
