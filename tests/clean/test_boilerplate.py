"""Learned site boilerplate, counted in a real SQLite file."""

from __future__ import annotations

from pathlib import Path

from pipelines.clean import MIN_PAGES, Extracted, countable_lines
from pipelines.clean.lines import clean, squash
from pipelines.model import Block, Document, Essay, RawPart
from pipelines.store import PageRecord, Store
from tests.conftest import run_fanwen

FOOTER = "每日更新精选内容，明天同一时间再见"
PROSE = "参加社区志愿服务三个月来，我对奉献二字有了新的理解。"


def _save(store: Store, number: int, lines: list[str], title: str = "社区服务心得") -> None:
    url = f"http://site.example/{number}.html"
    essay = Essay(title, (Block("paragraph", PROSE),))
    store.save(
        PageRecord(
            url=url,
            site="demo",
            fetched_at="2026-01-01T00:00:00+00:00",
            status=200,
            parts=[RawPart(url, b"<html></html>")],
            lines=lines,
            document=Document(title, None, (), None, None, None, (essay,)),
        )
    )


def test_a_line_is_learned_only_from_twenty_pages(tmp_path: Path) -> None:
    store = Store(tmp_path / "f.db")
    for number in range(MIN_PAGES - 1):
        _save(store, number, [PROSE + str(number), FOOTER])
    assert store.learned_lines("demo") == {}
    _save(store, MIN_PAGES, [PROSE, FOOTER])
    assert store.learned_lines("demo") == {squash(FOOTER): MIN_PAGES}
    _save(store, MIN_PAGES, [PROSE, FOOTER])  # the same page again adds nothing
    assert store.learned_lines("demo") == {squash(FOOTER): MIN_PAGES}
    store.close()


def test_title_words_and_letter_formulas_are_never_counted() -> None:
    lines = ["社区服务的故事还在继续", "此致", "敬礼！", "尊敬的各位领导：", FOOTER]
    assert list(countable_lines(lines, "社区服务心得").values()) == [squash(FOOTER)]


def test_clean_removes_learned_lines_with_their_reason() -> None:
    extracted = Extracted("http://x/1.html", "社区服务心得", None, None, [PROSE, FOOTER])
    cleaned = clean(extracted, learned={squash(FOOTER)})
    assert cleaned.lines == [PROSE]
    assert [(r.text, r.reason) for r in cleaned.removed] == [(FOOTER, "learned")]


def test_learned_lines_in_traditional_script_or_capitals_are_removed_too() -> None:
    footer = "ABC 團隊每週維護一次"
    extracted = Extracted("http://x/1.html", "社区服务心得", None, None, [PROSE, footer])
    cleaned = clean(extracted, learned={squash(footer)})
    assert cleaned.lines == [PROSE]


def test_boilerplate_command_lists_learned_lines(tmp_path: Path) -> None:
    db = tmp_path / "f.db"
    store = Store(db)
    for number in range(25):
        _save(store, number, [PROSE + str(number), FOOTER])
    store.close()
    result = run_fanwen("boilerplate", "demo", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["25", squash(FOOTER)]
