from __future__ import annotations

from pipelines.clean.mojibake import common_share, repair

PROSE = "我们始终把学习放在首位，坚持每周集中学习一次，认真学习党的理论和方针政策。"


def test_common_share_separates_prose_from_mojibake() -> None:
    garbled = PROSE.encode("utf-8").decode("gbk", errors="ignore")
    assert common_share(PROSE) > 0.95 > 0.5 > common_share(garbled)


def test_repair_reads_utf8_that_was_decoded_as_gbk() -> None:
    garbled = PROSE.encode("utf-8").decode("gbk", errors="ignore")
    lines, repaired = repair(["标题", garbled, PROSE])
    assert repaired and lines[2] == PROSE
    assert "坚持每周" in lines[1] and common_share(lines[1]) > 0.95


def test_repair_leaves_clean_and_traditional_text_alone() -> None:
    traditional = "學習心得體會，我們要堅持黨的領導，認真學習黨的理論和方針政策。"
    assert repair([PROSE, traditional]) == ([PROSE, traditional], False)
