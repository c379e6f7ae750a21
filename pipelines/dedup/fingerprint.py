"""Essay fingerprints for deduplication: pure functions over text, numpy-vectorized.

- normalized text: width variants folded, traditional folded to simplified, punctuation and
  whitespace removed;
- exact: SHA-1 of the normalized text;
- near: character 5-gram shingles, hashed all at once in numpy (no Python loop over
  characters), kept as a consistent 1-in-4 sample (a shingle is kept in every essay or in
  none, so the sample's Jaccard and containment estimate the full sets'), MinHash over the
  sample with datasketch's permutations (128, affine32 scheme), LSH band keys;
- containment: xxhash of a consistent quarter of the sentences.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt
import xxhash

from pipelines.dedup.folding import DROPPED, END, ENDS, KIND, WORD, code_points, fold

SHINGLE = 5
NUM_PERM = 128
BANDS, ROWS = 42, 3  # LSH candidates from a Jaccard of about 0.3 (datasketch's optimum for 0.3)
SAMPLE_MODULUS = 4  # a power of two: kept when the low bits are zero
SENTENCE_MODULUS = 4
_MIN_SENTENCE = 8  # shorter sentences (此致, 谢谢大家) say nothing about identity
_NOT_WORD = re.compile(r"[\W_]+")
_SENTENCE_END = re.compile(f"[{ENDS}]+")
_NOT_WORD_OR_END = re.compile(rf"[^\w{ENDS}]+|_+")
_EMPTY = np.zeros(0, dtype=np.uint32)
_xxh3 = xxhash.xxh3_64_intdigest
Hashes = npt.NDArray[np.uint32]


@dataclass(frozen=True)
class Fingerprint:
    length: int  # characters of normalized text
    text_hash: str
    sample: Hashes  # sorted distinct sampled shingle hashes
    signature: Hashes
    bands: list[int]
    sentences: list[int]

    @property
    def keys(self) -> list[int]:
        """The keys the dedup index lists this essay under: LSH bands, then sentences."""
        return self.bands + self.sentences


def fingerprint(text: str) -> Fingerprint:
    """Every fingerprint of one essay, folding its text only once. The same values as the
    single functions below (tests check it), from one pass over the text's code points in numpy
    instead of regex passes over the string: most of a check's cost was there."""
    table = code_points()
    codes = _code_points(text)
    kinds = table.kinds[codes]
    if table.folds(text, codes, kinds):  # traditional, full-width or capital letters
        codes = _code_points(fold(text))
        kinds = table.kinds[codes]
    kinds &= np.uint8(KIND)
    words = codes[kinds == WORD]
    hashes = shingle_codes(words)
    sample = _sorted_distinct(hashes[(hashes & np.uint32(SAMPLE_MODULUS - 1)) == 0])
    sig = signature(sample if len(sample) else _sorted_distinct(hashes))
    # The words with every sentence end as a newline: str.split then cuts the sentences.
    marked = np.where(kinds == END, np.uint32(10), codes)[kinds != DROPPED]
    sentences = marked.tobytes().decode("utf-32-le").split("\n")
    return Fingerprint(
        len(words),
        text_hash("".join(sentences)),
        sample,
        sig,
        band_keys(sig),
        _kept_sentence_hashes(sentences),
    )


def _code_points(text: str) -> npt.NDArray[np.uint32]:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _sorted_distinct(hashes: Hashes) -> Hashes:
    """np.unique's answer, three times faster on these small arrays (numpy 2 hashes first)."""
    ordered = np.sort(hashes)
    if len(ordered) == 0:
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


def normalize(text: str) -> str:
    """The essay's words only: full-width folded, simplified script, no punctuation or spaces."""
    return _NOT_WORD.sub("", fold(text))


def text_hash(normalized: str) -> str:
    return hashlib.sha1(normalized.encode("utf-8")).hexdigest()


def shingle_hashes(normalized: str) -> Hashes:
    """32-bit hashes of every character 5-gram (of the whole text if shorter), unsorted."""
    return shingle_codes(_code_points(normalized))


def shingle_codes(code_points: npt.NDArray[np.uint32]) -> Hashes:
    """shingle_hashes() of a text given as its code points."""
    codes = code_points.astype(np.uint64)
    if len(codes) == 0:
        return _EMPTY
    width = min(SHINGLE, len(codes))
    count = len(codes) - width + 1
    hashes = codes[:count].copy()
    for offset in range(1, width):  # polynomial hash of each window, all windows at once
        hashes *= np.uint64(1_000_003)
        hashes += codes[offset : offset + count]
    hashes ^= hashes >> np.uint64(31)  # mix, so the low bits used for sampling are uniform
    hashes *= np.uint64(0xBF58476D1CE4E5B9)
    hashes ^= hashes >> np.uint64(29)
    return hashes.astype(np.uint32)  # the low 32 bits


def signature(hashes: Hashes) -> Hashes:
    """MinHash signature of a set of 32-bit hashes: datasketch's affine32 scheme (MurmurHash3
    finalizer, then a·h + b mod 2³² per permutation) computed for all permutations at once;
    tests check it equals `datasketch.MinHash.update_batch` bit for bit."""
    if len(hashes) == 0:
        return np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
    mixed = hashes.astype(np.uint32)
    mixed = mixed ^ (mixed >> np.uint32(16))
    mixed = mixed * np.uint32(0x85EBCA6B)
    mixed = mixed ^ (mixed >> np.uint32(13))
    mixed = mixed * np.uint32(0xC2B2AE35)
    mixed = mixed ^ (mixed >> np.uint32(16))
    a, b = _permutations()
    # One row per permutation: numpy's inner loops then run over the hashes, contiguous.
    permuted: Hashes = a[:, None] * mixed[None, :]
    permuted += b[:, None]
    minimum: Hashes = permuted.min(axis=1)
    return minimum


@cache
def _permutations() -> tuple[Hashes, Hashes]:
    """datasketch's MinHash permutations (a, b), loaded on first use: datasketch imports scipy,
    which a process that only reads stored fingerprints need not pay for."""
    from datasketch import MinHash

    a, b = MinHash(num_perm=NUM_PERM, seed=1).permutations
    return np.asarray(a, dtype=np.uint32), np.asarray(b, dtype=np.uint32)


_BAND_SEEDS = np.arange(BANDS, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)


def band_keys(sig: Hashes) -> list[int]:
    """One signed 64-bit key per LSH band (band number mixed in), for an SQLite index."""
    rows = sig[: BANDS * ROWS].astype(np.uint64).reshape(BANDS, ROWS)
    keys = _BAND_SEEDS.copy()
    for column in range(ROWS):
        keys ^= rows[:, column]
        keys *= np.uint64(0xFF51AFD7ED558CCD)
        keys ^= keys >> np.uint64(33)
    return list(keys.view(np.int64).tolist())


def sentence_hashes(text: str) -> list[int]:
    """Signed 64-bit hashes of the normalized sentences long enough to identify an essay."""
    return _sentence_hashes(fold(text))


def _sentence_hashes(folded: str) -> list[int]:
    """A consistent 1-in-SENTENCE_MODULUS share of the sentence hashes (kept or not by their own
    value, so a part's kept sentences are still among its container's)."""
    return _kept_sentence_hashes(_SENTENCE_END.split(_NOT_WORD_OR_END.sub("", folded)))


def _kept_sentence_hashes(sentences: list[str]) -> list[int]:
    digests = [_xxh3(words.encode("utf-8")) for words in sentences if len(words) >= _MIN_SENTENCE]
    return list(dict.fromkeys(d - (1 << 63) for d in digests if d % SENTENCE_MODULUS == 0))


def shared_counts(mine: Hashes, others: Sequence[Hashes]) -> list[int]:
    """How many of `mine`'s hashes each of `others` holds (all sorted sets of distinct hashes),
    in one vectorized pass over all of them instead of one intersection per candidate."""
    if not others:
        return []
    if len(mine) == 0:
        return [0] * len(others)
    theirs = np.concatenate(others)
    at = np.minimum(np.searchsorted(mine, theirs), len(mine) - 1)
    found = mine[at] == theirs
    owner = np.repeat(np.arange(len(others)), [len(other) for other in others])
    return np.bincount(owner[found], minlength=len(others)).tolist()  # type: ignore[no-any-return]


def to_blob(hashes: Hashes) -> bytes:
    return hashes.astype("<u4").tobytes()


def from_blob(blob: bytes) -> Hashes:
    return np.frombuffer(blob, dtype="<u4").astype(np.uint32)
