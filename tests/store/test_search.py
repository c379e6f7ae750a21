"""Search (pipelines.store.search): Chinese words, phrases and single characters found where
FTS5's own tokenizers miss them, any query text safe, filters, totals, snippets, reindex and
the user dictionary."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.errors import FanwenError
from pipelines.model import Block, Document, Essay, RawPart
from pipelines.store import PageRecord, Store
from pipelines.store.search import MARK_END, MARK_START, parse_query, reindex, search
from pipelines.store.words import load_user_dict

TEXTS = {
    "http://a/1.html": ("入党申请书", "我志愿加入中国共产党，拥护党的纲领，遵守党的章程。"),
    "http://a/2.html": ("学习心得", "通过这次学习，我对理论知识有了更深的理解和体会。"),
    "http://b/3.html": ("工作总结", "今年我们部门完成了全部工作任务，团队协作能力明显提高。"),
    "http://b/4.html": ("读书体会", "读完这本书，我明白了坚持的意义，也学会了耐心。"),
}


def _save(store: Store, url: str, title: str, text: str, site: str) -> None:
    essay = Essay(title, (Block("paragraph", text),))
    document = Document(title, "范文", (), None, None, site, (essay,), ())
    store.save(
        PageRecord(
            url=url,
            site=site,
            fetched_at="2026-01-01T00:00:00+00:00",
            status=200,
            parts=[RawPart(url, text.encode())],
            document=document,
        )
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = Store(tmp_path / "f.db")
    for url, (title, text) in TEXTS.items():
        _save(store, url, title, text, url.split("/")[2])
    yield store
    store.close()


def _titles(store: Store, query: str, **filters: object) -> set[str]:
    return {hit.title for hit in search(store.db, query, **filters).hits}  # type: ignore[arg-type]


def _fts5_finds(tokenizer: str, query: str) -> set[str]:
    """What a plain FTS5 table with `tokenizer` finds for `query` on the same texts."""
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE VIRTUAL TABLE t USING fts5(title, text, tokenize='{tokenizer}')")
    conn.executemany("INSERT INTO t VALUES (?, ?)", TEXTS.values())
    quoted = '"' + query.replace('"', '""') + '"'
    return {row[0] for row in conn.execute("SELECT title FROM t WHERE t MATCH ?", [quoted])}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("学习", {"学习心得"}),  # a two-character word inside a sentence
        ("理论知识", {"学习心得"}),  # a longer word
        ("共产党", {"入党申请书"}),
        ("党", {"入党申请书"}),  # a single character: jieba keeps it inside words
        ("意", {"读书体会"}),
    ],
)
def test_search_finds_words_and_characters_fts5_tokenizers_miss(
    store: Store, query: str, expected: set[str]
) -> None:
    assert _titles(store, query) == expected
    assert _fts5_finds("unicode61", query) != expected  # one token per run of Chinese
    if len(query) < 3:
        assert _fts5_finds("trigram", query) == set()  # nothing under three characters


def test_phrase_multi_word_or_and_not(store: Store) -> None:
    assert _titles(store, '"理论知识"') == {"学习心得"}
    assert _titles(store, '"知识理论"') == set()  # both words, not the phrase
    assert _titles(store, "学习 理解") == {"学习心得"}
    assert _titles(store, "学习 OR 总结") == {"学习心得", "工作总结"}
    assert _titles(store, "意义 OR 党") == {"读书体会", "入党申请书"}
    assert _titles(store, "工作 NOT 团队") == set()
    assert _titles(store, "学习 OR") == {"学习心得"}  # a dangling operator is dropped


def test_filters_totals_limit_and_snippets(store: Store) -> None:
    everything = search(store.db, "我")
    assert everything.total == 4 and len(everything.hits) == 4
    limited = search(store.db, "我", limit=1)
    assert limited.total == 4 and len(limited.hits) == 1
    assert _titles(store, "我", site="b") == {"工作总结", "读书体会"}
    assert _titles(store, "我", category="范文", site="a") == {"入党申请书", "学习心得"}
    (hit,) = search(store.db, "理论").hits
    assert f"{MARK_START}理论{MARK_END}" in hit.snippet and " " not in hit.snippet.strip("…")
    assert hit.score > 0 and hit.page_url == "http://a/2.html"


@pytest.mark.parametrize("query", ["", "   ", "!!!", "，。、", '"', "OR", "NOT NOT"])
def test_queries_with_nothing_to_search_for_are_one_line_errors(store: Store, query: str) -> None:
    with pytest.raises(FanwenError, match="nothing to search for"):
        search(store.db, query)


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """One database for every example of the property test."""
    store = Store(tmp_path_factory.mktemp("search") / "f.db")
    for url, (title, text) in TEXTS.items():
        _save(store, url, title, text, "a")
    yield store
    store.close()


@settings(max_examples=300, deadline=None)
@given(query=st.text(max_size=300))
def test_any_query_text_gives_results_or_a_one_line_error(shared_store: Store, query: str) -> None:
    try:
        result = search(shared_store.db, query)
    except FanwenError as error:
        assert "\n" not in str(error)
    else:
        assert result.total >= len(result.hits)


def test_very_long_query_is_cut_not_refused(store: Store) -> None:
    parsed = parse_query(" ".join(["学习"] * 500 + ["体会"] * 500))
    assert parsed.match is not None and parsed.match.count("AND") < 40


def test_changed_and_dropped_essays_leave_the_index(store: Store) -> None:
    _save(store, "http://a/2.html", "学习心得", "这篇文章改写了，只谈锻炼身体。", "a")
    assert _titles(store, "理论") == set() and _titles(store, "锻炼") == {"学习心得"}
    store.drop_essay(search(store.db, "锻炼").hits[0].id)
    assert _titles(store, "锻炼") == set()


def test_user_dictionary_and_reindex(tmp_path: Path, store: Store) -> None:
    _save(store, "http://a/9.html", "两学一做心得", "开展两学一做学习教育以来，支部面貌一新。", "a")
    assert parse_query("两学一做").match is None  # four single characters to jieba
    words = tmp_path / "userdict.txt"
    words.write_text("# domain words\n两学一做 5 n\n", encoding="utf-8")
    assert load_user_dict(words) == 1
    assert parse_query("两学一做").match == '(("两学一做"))'
    assert _titles(store, "两学一做") == set()  # indexed before the word was known
    assert reindex(store.db) == 5
    assert _titles(store, "两学一做") == {"两学一做心得"}
    assert _titles(store, "学习") == {"学习心得", "两学一做心得"}
