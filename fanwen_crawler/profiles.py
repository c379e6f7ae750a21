"""Declarative site profiles: fanwen_crawler/sites/NAME.toml → SiteProfile.

A profile names a site's URL shapes and the selectors for its parts; each one becomes a spider
with no new Python code. Unknown keys are errors naming the file and key, so typos fail loudly.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pipelines.clean import ExtractRules
from pipelines.errors import FanwenError

PROFILE_DIR = Path(__file__).parent / "sites"
_TOP_KEYS = {"name", "site", "domains", "start_urls", "encoding", "urls", "selectors"}
_URL_KEYS = {"article", "article_page", "list", "deny"}
_SELECTOR_KEYS = {"title", "breadcrumb", "body", "date", "drop", "next_page", "detect"}


class ProfileError(FanwenError):
    """A site profile file is malformed."""


@dataclass(frozen=True)
class SiteProfile:
    name: str
    site: str
    domains: tuple[str, ...]
    start_urls: tuple[str, ...]
    article: re.Pattern[str]
    article_page: re.Pattern[str] | None
    list: re.Pattern[str] | None
    deny: tuple[str, ...]
    extract: ExtractRules
    next_page: tuple[str, ...]
    encoding: str | None = None

    def is_article(self, url: str) -> bool:
        return bool(self.article.search(url)) and not self.is_denied(url)

    def is_denied(self, url: str) -> bool:
        return any(re.search(pattern, url) for pattern in self.deny)


def load_profile(path: Path) -> SiteProfile:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ProfileError(f"{path}: cannot read profile: {error}") from None
    _check_keys(path, "", data, _TOP_KEYS)
    urls = data.get("urls", {})
    selectors = data.get("selectors", {})
    _check_keys(path, "urls.", urls, _URL_KEYS)
    _check_keys(path, "selectors.", selectors, _SELECTOR_KEYS)
    for key in ("name", "site"):
        if not isinstance(data.get(key), str) or not data[key]:
            raise ProfileError(f"{path}: key '{key}' must be a non-empty string")
    if "article" not in urls or "body" not in selectors:
        raise ProfileError(f"{path}: 'urls.article' and 'selectors.body' are required")

    def strings(table: dict[str, Any], key: str, prefix: str) -> tuple[str, ...]:
        value = table.get(key, [])
        value = [value] if isinstance(value, str) else value
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ProfileError(f"{path}: key '{prefix}{key}' must be a string or a list of strings")
        return tuple(value)

    def pattern(key: str) -> re.Pattern[str] | None:
        if key not in urls:
            return None
        try:
            return re.compile(urls[key])
        except (re.error, TypeError) as error:
            raise ProfileError(
                f"{path}: key 'urls.{key}' is not a valid pattern: {error}"
            ) from None

    article = pattern("article")
    assert article is not None
    return SiteProfile(
        name=data["name"],
        site=data["site"],
        domains=strings(data, "domains", ""),
        start_urls=strings(data, "start_urls", ""),
        article=article,
        article_page=pattern("article_page"),
        list=pattern("list"),
        deny=strings(urls, "deny", "urls."),
        extract=ExtractRules(
            site=data["site"],
            title=strings(selectors, "title", "selectors."),
            breadcrumb=strings(selectors, "breadcrumb", "selectors."),
            body=strings(selectors, "body", "selectors."),
            date=strings(selectors, "date", "selectors."),
            drop=strings(selectors, "drop", "selectors."),
            detect=strings(selectors, "detect", "selectors."),
        ),
        next_page=strings(selectors, "next_page", "selectors."),
        encoding=data.get("encoding") or None,
    )


def _check_keys(path: Path, prefix: str, table: Any, allowed: set[str]) -> None:
    if not isinstance(table, dict):
        raise ProfileError(f"{path}: '{prefix.rstrip('.')}' must be a table")
    for key in table:
        if key not in allowed:
            raise ProfileError(f"{path}: unknown key '{prefix}{key}'")


def load_profiles(directory: Path = PROFILE_DIR) -> dict[str, SiteProfile]:
    profiles: dict[str, SiteProfile] = {}
    for path in sorted(directory.glob("*.toml")):
        profile = load_profile(path)
        if profile.name in profiles:
            raise ProfileError(f"{path}: profile name '{profile.name}' is used twice")
        profiles[profile.name] = profile
    return profiles


def profile_named(name: str, profiles: dict[str, SiteProfile]) -> SiteProfile:
    """The profile called `name`, or a one-line error listing the known ones."""
    if name not in profiles:
        known = ", ".join(sorted(profiles))
        raise ProfileError(f"unknown site '{name}'; known sites: {known}")
    return profiles[name]


def profile_for_url(url: str | None, profiles: dict[str, SiteProfile]) -> SiteProfile | None:
    """The profile whose domains (or their subdomains) include the URL's host."""
    host = urlsplit(url or "").hostname or ""
    for profile in profiles.values():
        if any(host == domain or host.endswith("." + domain) for domain in profile.domains):
            return profile
    return None
