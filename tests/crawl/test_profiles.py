from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from fanwen_crawler.profiles import PROFILE_DIR, ProfileError, load_profile, load_profiles
from tests.conftest import REPO

GOOD = """
name = "demo"
site = "示例范文网"
[urls]
article = '/\\d+\\.html$'
[selectors]
body = ["div.content"]
"""


def test_every_shipped_profile_loads() -> None:
    profiles = load_profiles()
    assert set(profiles) == {path.stem for path in PROFILE_DIR.glob("*.toml")}
    assert profiles["yiliu"].extract.body


def test_profile_with_unknown_key_names_file_and_key(tmp_path: Path) -> None:
    path = tmp_path / "demo.toml"
    path.write_text(GOOD.replace("body =", "bdy ="), encoding="utf-8")
    with pytest.raises(ProfileError, match=r"demo\.toml: unknown key 'selectors\.bdy'"):
        load_profile(path)


def test_profile_with_bad_pattern_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "demo.toml"
    path.write_text(GOOD.replace("'/\\d+\\.html$'", "'/(unclosed'"), encoding="utf-8")
    with pytest.raises(ProfileError, match="urls.article"):
        load_profile(path)


def test_profile_article_and_deny_patterns(tmp_path: Path) -> None:
    path = tmp_path / "demo.toml"
    path.write_text(GOOD.replace("[selectors]", "deny = ['/tag/']\n[selectors]"), encoding="utf-8")
    profile = load_profile(path)
    assert profile.is_article("http://x/12.html")
    assert not profile.is_article("http://x/tag/12.html")
    assert not profile.is_article("http://x/list.html")


def test_scrapy_list_shows_every_profile_and_the_generic_spider() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "list"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert set(result.stdout.split()) == set(load_profiles()) | {"generic"}
