"""Essay fingerprints for deduplication: pure functions over text, numpy-vectorized.

- normalized text: NFKC, traditional folded to simplified, punctuation and whitespace removed;
- exact: SHA-1 of the normalized text;
- near: character 5-gram shingles (hashed in numpy, no Python loop over characters), a
  consistent 1-in-4 sample of them (the same shingle is kept in every essay, so Jaccard is
  preserved), MinHash over the sample with datasketch (128 permutations), LSH band keys;
- containment: hashes of the essay's sentences.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import opencc
from datasketch import MinHash

SHINGLE = 5
NUM_PERM = 128
BANDS, ROWS = 42, 3  # LSH candidates from a Jaccard of about 0.3 (datasketch's optimum for 0.3)
_SAMPLE_MODULUS = 4
_MIN_SENTENCE = 8  # shorter sentences (此致, 谢谢大家) say nothing about identity
_NOT_WORD = re.compile(r"[\W_]+")
_SENTENCE_END = re.compile(r"[。！？!?；;\n]+")
_T2S = opencc.OpenCC("t2s")
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=1).permutations
_MASK32 = np.uint64(0xFFFFFFFF)
_BASE = np.uint64(1_000_003)
Hashes = npt.NDArray[np.uint32]


@dataclass(frozen=True)
class Fingerprint:
    normalized: str
    text_hash: str
    shingles: Hashes  # all distinct shingle hashes, sorted
    signature: Hashes
    bands: list[int]
    sentences: list[int]


def fingerprint(text: str) -> Fingerprint:
    """Every fingerprint of one essay, folding its text (NFKC, t2s) only once."""
    folded = _fold(text)
    normalized = _NOT_WORD.sub("", folded)
    shingles = shingle_hashes(normalized)
    sig = signature(sample(shingles))
    return Fingerprint(
        normalized, text_hash(normalized), shingles, sig, band_keys(sig), _sentence_hashes(folded)
    )


def normalize(text: str) -> str:
    """The essay's words only: NFKC, simplified script, no punctuation or whitespace."""
    return _NOT_WORD.sub("", _fold(text))


def _fold(text: str) -> str:
    folded: str = _T2S.convert(unicodedata.normalize("NFKC", text))
    return folded.lower()


def text_hash(normalized: str) -> str:
    return hashlib.sha1(normalized.encode("utf-8")).hexdigest()


def shingle_hashes(normalized: str) -> Hashes:
    """Sorted distinct 32-bit hashes of the character 5-grams (the whole text if shorter)."""
    codes = np.frombuffer(normalized.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(codes) == 0:
        return np.zeros(0, dtype=np.uint32)
    width = min(SHINGLE, len(codes))
    count = len(codes) - width + 1
    hashes = np.zeros(count, dtype=np.uint64)
    for offset in range(width):  # polynomial hash of each window, all windows at once
        hashes = hashes * _BASE + codes[offset : offset + count]
    hashes ^= hashes >> np.uint64(31)  # mix so that the low bits, used below, are uniform
    hashes *= np.uint64(0xBF58476D1CE4E5B9)
    hashes ^= hashes >> np.uint64(29)
    return np.unique((hashes & _MASK32).astype(np.uint32))


def sample(hashes: Hashes) -> Hashes:
    """The consistent sample MinHash is computed over (all hashes when there are few)."""
    kept = hashes[hashes % _SAMPLE_MODULUS == 0]
    return kept if len(kept) >= 16 else hashes


def signature(hashes: Hashes) -> Hashes:
    """MinHash signature (datasketch, affine32 scheme) of a set of shingle hashes."""
    minhash = MinHash(
        num_perm=NUM_PERM, permutations=_PERMUTATIONS, hashfunc=_identity, scheme="affine32"
    )
    if len(hashes):
        minhash.update_batch(hashes.tolist())
    return np.asarray(minhash.hashvalues, dtype=np.uint32)


def band_keys(sig: Hashes) -> list[int]:
    """One signed 64-bit key per LSH band (band number mixed in), for an SQLite index."""
    rows = sig[: BANDS * ROWS].astype(np.uint64).reshape(BANDS, ROWS)
    keys = np.arange(BANDS, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    for column in range(ROWS):
        keys = (keys ^ rows[:, column]) * np.uint64(0xFF51AFD7ED558CCD)
        keys ^= keys >> np.uint64(33)
    return [int(key) for key in keys.view(np.int64)]


def sentence_hashes(text: str) -> list[int]:
    """Signed 64-bit hashes of the normalized sentences long enough to identify an essay."""
    return _sentence_hashes(_fold(text))


def _sentence_hashes(folded: str) -> list[int]:
    found: dict[int, None] = {}
    for sentence in _SENTENCE_END.split(folded):
        words = _NOT_WORD.sub("", sentence)
        if len(words) >= _MIN_SENTENCE:
            digest = hashlib.blake2b(words.encode("utf-8"), digest_size=8).digest()
            found.setdefault(int.from_bytes(digest, "little", signed=True), None)
    return list(found)


def jaccard(a: Hashes, b: Hashes) -> float:
    if len(a) == 0 or len(b) == 0:
        return 0.0
    shared = len(np.intersect1d(a, b, assume_unique=True))
    return shared / (len(a) + len(b) - shared)


def containment(part: Hashes, whole: Hashes) -> float:
    """Share of `part`'s shingles found in `whole`."""
    if len(part) == 0:
        return 0.0
    return len(np.intersect1d(part, whole, assume_unique=True)) / len(part)


def _identity(value: int) -> int:
    return value
