from __future__ import annotations

import numpy as np
import pytest
from datasketch import MinHash

from fanwen_crawler.sample_site.essays import load_essays
from pipelines.dedup.fingerprint import (
    NUM_PERM,
    fingerprint,
    normalize,
    sentence_hashes,
    shared_counts,
    shingle_hashes,
    signature,
    text_hash,
)
from pipelines.dedup.folding import t2s_phrases

ESSAYS = [essay.text for essays in load_essays().values() for essay in essays]


@pytest.mark.parametrize("text", ESSAYS[:5])
def test_signature_equals_datasketch_minhash_bit_for_bit(text: str) -> None:
    hashes = np.unique(shingle_hashes(normalize(text)))
    reference = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=int, scheme="affine32")
    reference.update_batch(hashes.tolist())
    assert np.array_equal(signature(hashes), reference.hashvalues)


@pytest.mark.parametrize("text", ESSAYS[:8])
def test_fingerprint_agrees_with_the_single_functions(text: str) -> None:
    print_ = fingerprint(text)
    normalized = normalize(text)
    hashes = shingle_hashes(normalized)
    assert print_.length == len(normalized)
    assert print_.text_hash == text_hash(normalized)
    assert np.array_equal(print_.sample, np.unique(hashes[hashes % 4 == 0]))
    assert print_.sentences == sentence_hashes(text)


# Texts that take each road through fingerprint(): the converter, full-width letters and digits,
# capitals that fold in length (İ), underscores, a lone surrogate, characters beyond the BMP.
AWKWARD = [
    "我們堅持學習，提高認識。乾隆年間的著作很多，我們一一閱讀。",
    "ＡＢＣ１２３是全角字母和数字。Hello_World__又一句很长的句子在这里！",
    "İSTANBUL ΑΒΓ Straße，大写字母也要折叠。第二句话在这里结束了？",
    "孤立的代理项\ud800在这里，不是文字。后面还有一句完整的句子。",
    "𠀀𠀁𠀂𠀃𠀄𠀅𠀆𠀇𠀈是扩展区的汉字😀表情不是文字。",
    "短句。\n\n换行也是句末\n还有；分号;和问号?",
    # Characters t2s rewrites only inside a phrase (覆 in 反覆, 瞭 in 瞭解), alone and beside
    # a capital letter, which sends the text down the converter's road anyway.
    "我们要反覆阅读，才能真正瞭解作者的意思。",
    "ABC公司的同事们为什么总是反覆修改方案？",
]


@pytest.mark.parametrize("text", AWKWARD)
def test_fingerprint_agrees_with_the_single_functions_on_awkward_text(text: str) -> None:
    print_ = fingerprint(text)
    normalized = normalize(text)
    hashes = shingle_hashes(normalized)
    assert (print_.length, print_.text_hash) == (len(normalized), text_hash(normalized))
    assert np.array_equal(print_.sample, np.unique(hashes[hashes % 4 == 0]))
    assert print_.sentences == sentence_hashes(text)


def test_fingerprint_ignores_spacing_width_and_script() -> None:
    plain, varied = "我们坚持学习，提高认识。", "我們 堅持學習, 提高認識."
    assert fingerprint(plain).text_hash == fingerprint(varied).text_hash


def test_sentence_hashes_of_a_part_are_among_its_containers() -> None:
    part, whole = ESSAYS[0], "\n".join(ESSAYS[:3])
    assert set(sentence_hashes(part)) <= set(sentence_hashes(whole))
    assert sentence_hashes(part)


def test_empty_text_has_an_empty_sample_and_a_full_signature() -> None:
    print_ = fingerprint("，。")
    assert print_.length == 0 and len(print_.sample) == 0
    assert (print_.signature == 0xFFFFFFFF).all()


def test_shared_counts_equal_set_intersections() -> None:
    rng = np.random.default_rng(3)
    mine = np.unique(rng.integers(0, 500, 200, dtype=np.uint32))
    others = [np.unique(rng.integers(0, 500, n, dtype=np.uint32)) for n in (0, 1, 50, 300)]
    expected = [len(set(mine.tolist()) & set(other.tolist())) for other in others]
    assert shared_counts(mine, others) == expected
    assert shared_counts(mine[:0], others) == [0, 0, 0, 0]


def test_fingerprint_agrees_with_the_single_functions_on_every_t2s_phrase() -> None:
    phrases = t2s_phrases()
    assert phrases  # the converter's package ships its dictionary tool: the fast road is open
    for phrase in phrases:
        text = f"大家都说{phrase}这件事情很重要。"
        print_ = fingerprint(text)
        assert print_.text_hash == text_hash(normalize(text)), phrase
        assert print_.sentences == sentence_hashes(text), phrase


def test_traditional_phrase_and_its_simplified_text_are_one_exact_text() -> None:
    simplified, traditional = "我们要反覆阅读，才能真正瞭解。", "我們要反覆閱讀，才能真正瞭解。"
    assert fingerprint(simplified).text_hash == fingerprint(traditional).text_hash
