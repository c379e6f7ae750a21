from __future__ import annotations

from pipelines.dedup import find_duplicates, text_hash

TEXT = "我们始终把学习放在首位，坚持每周集中学习一次。\n\n今后，我将继续努力。"


def test_text_hash_ignores_spacing_and_punctuation_width() -> None:
    variant = "我们始终把学习放在首位,坚持每周集中学习一次.  今后,我将继续努力."
    assert text_hash(variant) == text_hash(TEXT)


def test_text_hash_differs_for_different_words() -> None:
    assert text_hash(TEXT) != text_hash(TEXT.replace("学习", "工作"))


def test_find_duplicates_points_to_stored_canonical() -> None:
    stored = {text_hash(TEXT): "old"}
    results = find_duplicates([("new", TEXT)], lambda digest, _: stored.get(digest))
    assert (results[0].duplicate_of, results[0].kind, results[0].similarity) == (
        "old",
        "exact",
        1.0,
    )


def test_find_duplicates_within_one_page() -> None:
    results = find_duplicates(
        [("a", TEXT), ("b", "另一篇文章的内容。"), ("c", TEXT)], lambda *_: None
    )
    assert [r.duplicate_of for r in results] == [None, None, "a"]


def test_find_duplicates_never_points_an_essay_at_itself() -> None:
    results = find_duplicates([("a", TEXT)], lambda digest, _: "a")
    assert results[0].duplicate_of is None
