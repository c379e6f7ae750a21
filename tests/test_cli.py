"""The `fanwen` command as a user meets it: real files, real subprocesses, one-line errors."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from fanwen_crawler.cli import cli
from fanwen_crawler.sample_site import render
from tests.conftest import REPO, run_fanwen

SEED_TITLE = "两学一做强化宗旨意识联系服务群众心得体会范本稿三篇"
SEED_ESSAY_TITLE = "两学一做强化宗旨意识联系服务群众心得"


def _clean_json(*args: str) -> dict[str, Any]:
    result = run_fanwen("clean", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _assert_seed_document(document: dict[str, Any]) -> None:
    assert document["title"] == SEED_TITLE
    assert ", ".join(document["keywords"]) == "心得体会, 三篇, 强化, 宗旨, 群众"
    assert document["category"] == "最新范文"
    assert [essay["title"] for essay in document["essays"]] == [SEED_ESSAY_TITLE] * 3
    headings = [b["text"] for b in document["essays"][0]["blocks"] if b["type"] == "heading"]
    assert [h[:2] for h in headings[:3]] == ["一、", "二、", "三、"]
    for boilerplate in (
        "天天向上",
        "欢迎您",
        "当前位置",
        "本文关键词",
        "本文简介",
        "本文内容",
        "TAG标签",
    ):
        assert boilerplate not in document["text"]
    paragraphs = document["text"].split("\n\n")
    for snippet in ("机关干部下基层不但“身”要下，更重要的是“心”要下", "选派1名队长和5名工作队员"):
        assert sum(snippet in p for p in paragraphs) == 1, snippet


def test_clean_seed_text_dump(seed_path: Path) -> None:
    _assert_seed_document(_clean_json(str(seed_path)))


def test_clean_seed_wrapped_in_sample_site_layout(seed_path: Path, tmp_path: Path) -> None:
    lines = [line for line in seed_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    category = lines[1].split(">>")[1].replace("内容页", "").strip()
    html = render.article_page(
        title=lines[2],
        category=(category, "/zuixinfanwen/"),
        date="2016-07-01",
        content_lines=lines[3:],
        nav=[("首页", "/")],
        tags=["心得体会"],
        related=[("另一篇心得体会", "/xindetihui/1.html")],
    )
    page = tmp_path / "page.html"
    page.write_bytes(html.encode("gbk", errors="xmlcharrefreplace"))
    _assert_seed_document(_clean_json(str(page)))
    _assert_seed_document(
        _clean_json(str(page), "--site", "yiliu", "--url", "http://example.com/a/1.html")
    )


def _bad_input(tmp_path: Path, kind: str) -> str:
    path = tmp_path / f"{kind}.html"
    if kind == "missing":
        return str(path)
    if kind == "directory":
        return str(tmp_path)
    content = {
        "empty": b"",
        "blank": b" \n\n ",
        "binary": bytes(range(256)) * 64,
        "no-article": "<html><body><div class='nav'><a href='/'>首页</a> <a href='/x'>登录</a></div></body></html>".encode(),
    }[kind]
    path.write_bytes(content)
    return str(path)


@pytest.mark.parametrize("kind", ["missing", "directory", "empty", "blank", "binary", "no-article"])
def test_clean_bad_input_is_one_line_error(tmp_path: Path, kind: str) -> None:
    result = run_fanwen("clean", _bad_input(tmp_path, kind))
    assert result.returncode != 0
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("Error: ")


def test_clean_unknown_site_is_one_line_error(seed_path: Path) -> None:
    result = run_fanwen("clean", str(seed_path), "--site", "nosuchsite")
    assert result.returncode != 0 and "unknown site 'nosuchsite'" in result.stderr
    assert "Traceback" not in result.stderr


def test_crawl_unknown_site_is_one_line_error(tmp_path: Path) -> None:
    result = run_fanwen("crawl", "nosuchsite", "--db", str(tmp_path / "x.db"))
    assert result.returncode != 0 and result.stderr.startswith("Error: no site profile named")


def test_crawl_without_start_url_says_how(tmp_path: Path) -> None:
    result = run_fanwen("crawl", "yiliu", "--db", str(tmp_path / "x.db"))
    assert result.returncode != 0 and "--start-url" in result.stderr


def test_crawl_into_foreign_database_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    before = db.read_bytes()
    result = run_fanwen("crawl", "yiliu", "--start-url", "http://127.0.0.1:9/", "--db", str(db))
    assert result.returncode != 0 and "another application" in result.stderr
    assert "Traceback" not in result.stderr and db.read_bytes() == before


def test_crawl_unreachable_site_exits_non_zero(tmp_path: Path) -> None:
    result = run_fanwen(
        "crawl",
        "yiliu",
        "--start-url",
        "http://127.0.0.1:9/",
        "--db",
        str(tmp_path / "x.db"),
        "-s",
        "RETRY_TIMES=0",
    )
    assert result.returncode == 3 and "no page could be fetched" in result.stderr
    assert "Traceback" not in result.stderr
    assert all(len(line) < 400 for line in result.stderr.splitlines())


def test_stats_on_missing_database_is_one_line_error(tmp_path: Path) -> None:
    result = run_fanwen("stats", "--db", str(tmp_path / "none.db"))
    assert (
        result.returncode != 0
        and result.stderr.strip() == f"Error: {tmp_path / 'none.db'}: no such database"
    )


def test_demo_twice_gives_identical_counts(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    counts = []
    for _ in range(2):
        result = run_fanwen("demo", "--db", str(db))
        assert result.returncode == 0, result.stderr
        assert re.search(r"essays stored:\s+\d+", result.stdout)
        stats = json.loads(run_fanwen("stats", "--db", str(db), "--json").stdout)
        counts.append({k: v for k, v in stats["counts"].items() if k != "crawl_runs"})
    assert counts[0] == counts[1] and counts[0]["essays"] >= 40 and counts[0]["duplicates"] >= 2
    search = run_fanwen("search", "申请书", "--db", str(db))
    assert search.returncode == 0 and "申请书" in search.stdout


def test_every_command_is_documented_in_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:  # type: ignore[attr-defined]
        assert f"fanwen {name}" in readme, f"README does not document `fanwen {name}`"


def test_every_command_has_an_example() -> None:
    for name, command in cli.commands.items():  # type: ignore[attr-defined]
        assert f"fanwen {name}" in (command.help or ""), name
