"""A user dictionary beside the database reaches every process that segments: the crawl's
cleaning workers (the indexed words) and the search (the query's words)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from fanwen_crawler.sample_site.server import SampleSiteServer
from tests.conftest import LOOPBACK, run_fanwen

WORD = "党史学习教育"  # jieba alone cuts it into 党史 / 学习 / 教育


def test_domain_word_is_indexed_and_searched_as_one_word(tmp_path: Path) -> None:
    (tmp_path / "userdict.txt").write_text(f"{WORD} 10 n\n", encoding="utf-8")
    db = tmp_path / "fanwen.db"
    server = SampleSiteServer().start()
    try:
        crawl = run_fanwen(
            "crawl", "yiliu", "--start-url", server.base_url + "/", "--db", str(db), *LOOPBACK
        )
        assert crawl.returncode == 0, crawl.stderr
    finally:
        server.stop()
    with sqlite3.connect(db) as conn:
        holding = conn.execute(
            "SELECT count(*) FROM essays WHERE instr(text, ?) > 0", [WORD]
        ).fetchone()[0]
        # the index has the word as one token: only the workers could have put it there
        indexed = conn.execute(
            "SELECT count(*) FROM essays_fts WHERE essays_fts MATCH ?", [f'"{WORD}"']
        ).fetchone()[0]
    assert holding >= 1 and indexed == holding
    found = json.loads(run_fanwen("search", WORD, "--db", str(db), "--json").stdout)
    assert found["total"] == holding
