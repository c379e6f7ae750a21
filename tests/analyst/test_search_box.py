"""The essays table's search box in Datasette, with fanwen's plugin: Chinese words and phrases
find what `fanwen search` and a substring scan find, any text typed is safe, single characters
say why they find nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from fanwen_crawler import api
from fanwen_crawler.analyst.query import (
    MATCH_NOTHING,
    NOTHING_NOTE,
    SINGLE_CHARACTERS_NOTE,
    extra_conditions,
    fts_expression,
)
from tests.analyst.conftest import Client

ESSAYS = "/fanwen/essays.json"


def _found(client: Client, query: str, **params: str) -> set[str]:
    return {row["id"] for row in client.rows(ESSAYS, _search=query, _col="title", **params)}


def _containing(sql: sqlite3.Connection, text: str) -> set[str]:
    rows = sql.execute(
        "SELECT id FROM essays WHERE instr(title || char(10) || text, ?) > 0", [text]
    )
    return {row[0] for row in rows}


def _fanwen_search(db: Path, query: str) -> set[str]:
    return {hit.id for hit in api.search(db, query, limit=10_000).hits}


def test_database_is_named_after_its_file(client: Client) -> None:
    assert [db["name"] for db in client.json("/-/databases.json")] == ["fanwen"]


@pytest.mark.parametrize("word", ["申请书", "学习", "思想汇报"])
def test_chinese_word(client: Client, sql: sqlite3.Connection, demo_db: Path, word: str) -> None:
    found = _found(client, word)
    assert found, word
    assert found == _fanwen_search(demo_db, word) == _containing(sql, word)


@pytest.mark.parametrize(
    ("query", "phrase"), [('"学习 心得"', "学习心得"), ('"入党 申请书"', "入党申请书")]
)
def test_two_word_phrase(
    client: Client, sql: sqlite3.Connection, demo_db: Path, query: str, phrase: str
) -> None:
    found = _found(client, query)
    assert found, query
    assert found == _fanwen_search(demo_db, query) == _containing(sql, phrase)
    # Both words without the quotes: anywhere in the essay, so at least as many.
    assert found <= _found(client, query.strip('"'))


def test_words_and_not(client: Client, demo_db: Path, sql: sqlite3.Connection) -> None:
    assert _found(client, "工作 总结") == _fanwen_search(demo_db, "工作 总结")
    without = _found(client, "学习 NOT 心得")
    assert without == _fanwen_search(demo_db, "学习 NOT 心得")
    assert without == _containing(sql, "学习") - _containing(sql, "心得")


def test_absent_word_finds_nothing(client: Client) -> None:
    assert _found(client, "区块链") == set()


def test_search_page_in_html(client: Client) -> None:
    response = client.get("/fanwen/essays", _search="申请书")
    assert response.status_code == 200
    assert "申请书" in response.text and "10 rows" in response.text


def test_search_is_combined_with_filters(client: Client, sql: sqlite3.Connection) -> None:
    found = _found(client, "学习", category="心得体会")
    in_category = {r[0] for r in sql.execute("SELECT id FROM essays WHERE category = '心得体会'")}
    assert found and found == _containing(sql, "学习") & in_category


def test_single_characters_find_nothing_and_say_why(client: Client) -> None:
    page = client.json(ESSAYS, _search="爱")
    assert page["rows"] == []
    assert SINGLE_CHARACTERS_NOTE in page["human_description_en"]


@pytest.mark.parametrize(
    "query",
    [
        "",
        " ",
        '"',
        '"学习',
        "NOT",
        "NOT 学习",
        "OR OR",
        "学习 AND",
        "(",
        "*",
        "学习*",
        "NEAR(学习 心得)",
        "title:学习",
        "!!!",
        "'; drop table essays; --",
        "\x00",
        "学习" * 500,
        "a" * 5000,
    ],
)
def test_any_text_is_safe(client: Client, query: str) -> None:
    response = client.get(ESSAYS, _search=query, _shape="array")
    assert response.status_code == 200, response.text[:300]
    assert isinstance(response.json(), list)


def test_nothing_to_search_for_says_so(client: Client) -> None:
    page = client.json(ESSAYS, _search="!!!")
    assert page["rows"] == [] and NOTHING_NOTE in page["human_description_en"]


def test_escape_fts_is_fanwens_on_every_connection(client: Client) -> None:
    """Datasette registers its own escape_fts on each connection; ours must come after it."""
    for query in ("学习心得 NOT 体会", '"a phrase" OR 申请书', "爱"):
        rows = client.rows("/fanwen.json", sql="select escape_fts(:q) as e", q=query)
        assert rows == [{"e": fts_expression(query)}]


def test_raw_search_mode_is_left_to_datasette(client: Client) -> None:
    # FTS5 syntax as typed: a segmented word is a token of the index.
    assert _found(client, '"申请书"', _searchmode="raw") == _found(client, "申请书")


def test_plugin_is_listed(client: Client) -> None:
    plugins = client.json("/-/plugins.json")
    ours = [p for p in plugins if p["name"] == "fanwen_crawler.analyst.plugin"]
    assert ours and set(ours[0]["hooks"]) >= {"prepare_connection", "filters_from_request"}


def test_column_descriptions_are_folded(client: Client) -> None:
    html = client.get("/fanwen/essays").text
    assert 'class="column-descriptions"' in html and "Column descriptions" in html


# The query translation itself, without Datasette.


@pytest.mark.parametrize("query", ["", "   ", "!!!", "NOT 学习", "爱", "a b"])
def test_no_indexed_word_matches_nothing(query: str) -> None:
    assert fts_expression(query) == MATCH_NOTHING


def test_words_are_quoted_fts_strings() -> None:
    assert fts_expression('学习 "心得"') == '(("学习")) AND (("心得"))'


def test_phrase_conditions_are_named_parameters() -> None:
    conditions = extra_conditions('"学习 心得" NOT 体会')
    assert len(conditions.where) == 1 and "?" not in conditions.where[0]
    assert conditions.params == {"fanwen_search_0": "学习心得", "fanwen_search_1": "体会"}
    assert extra_conditions("学习").where == []
