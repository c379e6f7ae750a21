"""The in-memory posting lists, checked against a plain dict of lists doing the same work."""

from __future__ import annotations

import random
from collections import Counter

import numpy as np
import pytest

from pipelines.dedup.postings import Postings


def _expected(reference: dict[int, list[int]], keys: list[int], cap: int) -> dict[int, int]:
    votes: Counter[int] = Counter()
    for key in keys:
        votes.update(reference.get(key, [])[:cap])
    return dict(votes)


def _looked_up(postings: Postings, keys: list[int], cap: int) -> dict[int, int]:
    return dict(postings.lookup(keys, cap))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_postings_answer_as_a_dict_of_lists_through_merges(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("pipelines.dedup.postings._MIN_FRESH", 40)  # merge every few essays
    rnd = random.Random(seed)
    shared = [rnd.getrandbits(63) for _ in range(30)]  # keys many essays list
    postings, reference = Postings(), dict[int, list[int]]()
    for seq in range(1, 300):
        keys = list(dict.fromkeys(rnd.sample(shared, 3) + [rnd.getrandbits(64) - 2**63]))
        postings.add(seq, keys)
        for key in keys:
            reference.setdefault(key, []).append(seq)
        asked = rnd.sample(shared, 4) + [keys[-1], rnd.getrandbits(63)]
        cap = rnd.choice([2, 5, 64])
        assert _looked_up(postings, asked, cap) == _expected(reference, asked, cap)
    assert len(postings) == sum(len(seqs) for seqs in reference.values())


def test_postings_loaded_at_once_answer_as_added_one_by_one() -> None:
    rnd = random.Random(5)
    essays = {seq: [rnd.getrandbits(10) for _ in range(4)] for seq in range(1, 200)}
    one_by_one, at_once = Postings(), Postings()
    for seq, keys in essays.items():
        one_by_one.add(seq, list(dict.fromkeys(keys)))
    seqs = [seq for seq, keys in essays.items() for _ in dict.fromkeys(keys)]
    keys = [key for listed in essays.values() for key in dict.fromkeys(listed)]
    at_once.add_many(np.array(seqs), np.array(keys, dtype=np.int64))
    for key in range(1024):
        assert _looked_up(at_once, [key], 3) == _looked_up(one_by_one, [key], 3)
    assert at_once.last_seq == one_by_one.last_seq == 199


def test_postings_forget_seqs_of_a_rolled_back_transaction(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("pipelines.dedup.postings._MIN_FRESH", 4)
    postings = Postings()
    for seq in range(1, 8):
        postings.add(seq, [100, seq])
    postings.forget_after(5)
    assert _looked_up(postings, [100, 6, 7, 5], 64) == {1: 1, 2: 1, 3: 1, 4: 1, 5: 2}
    assert postings.last_seq == 5 and len(postings) == 10
    postings.add(6, [7])
    assert _looked_up(postings, [7], 64) == {6: 1}


def test_empty_postings_find_nothing() -> None:
    assert Postings().lookup([1, 2, 3], 64) == {}
