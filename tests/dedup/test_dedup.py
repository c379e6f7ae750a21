"""Dedup against a real SQLite index: exact, near, contained, canonical choice, idempotence."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from fanwen_crawler.sample_site.essays import load_essays
from pipelines.dedup import DedupIndex, dedup, text_hash

ESSAYS = [essay.text for essays in load_essays().values() for essay in essays]
COMMON = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而"


def _edit(text: str, share: float, seed: int = 1) -> str:
    rnd, chars = random.Random(seed), list(text)
    for _ in range(int(len(chars) * share)):
        chars[rnd.randrange(len(chars))] = rnd.choice(COMMON)
    return "".join(chars)


@pytest.fixture
def index(tmp_path: Path) -> DedupIndex:
    return DedupIndex(sqlite_utils.Database(tmp_path / "dedup.db"))


def test_text_hash_ignores_spacing_punctuation_width_and_script() -> None:
    assert text_hash("我们坚持学习, 提高认识.") == text_hash("我们坚持学习，提高认识。")
    assert text_hash("學習心得") == text_hash("学习心得")
    assert text_hash("学习心得") != text_hash("工作心得")


def test_exact_copy_points_to_the_first(index: DedupIndex) -> None:
    index.check("a", ESSAYS[0])
    result = index.check("b", ESSAYS[0].replace("，", ",") + "  ")
    assert (result.duplicate_of, result.kind, result.similarity) == ("a", "exact", 1.0)


@pytest.mark.parametrize("share", [0.01, 0.05, 0.1])
def test_edited_copy_is_near(index: DedupIndex, share: float) -> None:
    index.check("a", ESSAYS[0])
    result = index.check("b", _edit(ESSAYS[0], share))
    assert (result.duplicate_of, result.kind) == ("a", "near")


def test_distinct_essays_of_one_genre_are_not_duplicates(index: DedupIndex) -> None:
    results = [index.check(str(n), text) for n, text in enumerate(ESSAYS)]
    assert [r.duplicate_of for r in results] == [None] * len(ESSAYS)


def test_part_inside_collection_is_contained_both_ways(index: DedupIndex) -> None:
    collection = "\n".join(f"【{n}】{text}" for n, text in enumerate(ESSAYS[3:6], start=1))
    index.check("part", ESSAYS[3])
    later = index.check("collection", collection)
    assert later.duplicate_of is None and [p for p, _ in later.contains] == ["part"]
    result = index.check("part2", ESSAYS[4])
    assert (result.duplicate_of, result.kind) == ("collection", "contained")


def test_complete_copy_takes_over_from_truncated_canonical(index: DedupIndex) -> None:
    text = ESSAYS[0]
    index.check("cut", text[: len(text) // 2], truncated=True)
    index.check("cut-copy", text[: len(text) // 2], truncated=True)
    full = index.check("full", text)
    assert full.duplicate_of is None and full.redirected == ("cut",)
    assert index.check("cut", "").duplicate_of == "full"  # the recorded answer was updated


def test_checking_again_adds_nothing(index: DedupIndex) -> None:
    first = dedup([("a", ESSAYS[0]), ("b", ESSAYS[0])], index)
    counts = {t: index.db.table(t).count for t in index.db.table_names()}
    assert dedup([("a", ESSAYS[0]), ("b", ESSAYS[0])], index) == [
        type(first[0])(first[0].essay_id, first[0].text_hash),
        type(first[1])(first[1].essay_id, first[1].text_hash, "a", 1.0, "exact"),
    ]
    assert {t: index.db.table(t).count for t in index.db.table_names()} == counts


def test_index_persists_across_connections(tmp_path: Path) -> None:
    DedupIndex(sqlite_utils.Database(tmp_path / "d.db")).check("a", ESSAYS[0])
    result = DedupIndex(sqlite_utils.Database(tmp_path / "d.db")).check("b", _edit(ESSAYS[0], 0.05))
    assert result.duplicate_of == "a"


def test_copies_found_after_recent_postings_are_merged(
    index: DedupIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("pipelines.dedup.postings._MIN_FRESH", 10)  # a merge after every essay
    index.check("a", ESSAYS[0])
    index.check("b", ESSAYS[1])
    result = index.check("c", _edit(ESSAYS[1], 0.05))
    assert (result.duplicate_of, result.kind) == ("b", "near")
    assert index.check("d", _edit(ESSAYS[0], 0.05)).duplicate_of == "a"


def test_essays_indexed_by_another_connection_are_found(tmp_path: Path) -> None:
    first = DedupIndex(sqlite_utils.Database(tmp_path / "d.db"))
    second = DedupIndex(sqlite_utils.Database(tmp_path / "d.db"))
    first.check("a", ESSAYS[0])
    second.check("b", ESSAYS[1])  # second builds its postings: a is in them
    first.check("c", ESSAYS[2])
    assert second.check("d", _edit(ESSAYS[2], 0.05)).duplicate_of == "c"
    assert first.check("e", _edit(ESSAYS[1], 0.05)).duplicate_of == "b"


def test_rolled_back_essay_is_forgotten(index: DedupIndex) -> None:
    index.check("a", ESSAYS[0])
    with pytest.raises(RuntimeError), index.batch():
        index.check("gone", ESSAYS[1])
        raise RuntimeError("the page failed after its dedup")
    # The rolled-back essay's seq goes to the next essay; nothing may still point at "gone".
    index.check("b", ESSAYS[2])
    result = index.check("c", _edit(ESSAYS[1], 0.05))
    assert (result.duplicate_of, result.kind) == (None, None)
    assert index.check("d", _edit(ESSAYS[2], 0.05)).duplicate_of == "b"


def test_rolled_back_seqs_reused_by_another_connection_are_reloaded(tmp_path: Path) -> None:
    first = DedupIndex(sqlite_utils.Database(tmp_path / "d.db"))
    second = DedupIndex(sqlite_utils.Database(tmp_path / "d.db"))
    first.check("seed", ESSAYS[5])
    with pytest.raises(RuntimeError), first.batch():
        first.check("gone", ESSAYS[0])  # seq 2, rolled back
        first.check("gone too", ESSAYS[3])  # seq 3
        raise RuntimeError("the batch failed")
    second.check("b1", ESSAYS[1])  # takes seqs 2 and 3
    second.check("b2", ESSAYS[2])
    assert first.check("c", _edit(ESSAYS[0], 0.05)).duplicate_of is None
    assert first.check("d", _edit(ESSAYS[1], 0.05)).duplicate_of == "b1"


def test_check_holds_the_write_lock_from_reading_its_seq(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = DedupIndex(sqlite_utils.Database(tmp_path / "d.db"))
    index.check("a", ESSAYS[0])
    other = sqlite3.connect(tmp_path / "d.db", timeout=0)
    refused: list[str] = []
    match = DedupIndex._match

    def match_while_another_writes(self: DedupIndex, *args: Any) -> Any:
        try:  # another connection trying to index an essay between seq and insert
            other.execute("INSERT INTO dedup_essays (essay_id, seq) VALUES ('x', 2)")
        except sqlite3.OperationalError as error:
            refused.append(str(error))
        return match(self, *args)

    monkeypatch.setattr(DedupIndex, "_match", match_while_another_writes)
    assert index.check("b", ESSAYS[1]).kind is None
    assert refused == ["database is locked"]
    other.close()
