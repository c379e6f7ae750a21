"""Folding an essay's text before fingerprinting: full-width letters and digits to ASCII,
traditional script to simplified (OpenCC t2s), lower case; and, per code point, what that
folding and normalization do, so a fingerprint can skip the converter for a text it would
leave alone (most essays) and classify characters in one numpy step.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt
import opencc

ENDS = "。！？!?；;\n"  # what ends a sentence
DROPPED, WORD, END = (
    0,
    1,
    2,
)  # a code point's kind: dropped by normalization, a word character, an end
KIND = 3  # the bits of the kind; the flags below ride above them
CHANGES = 4  # fold() changes the character wherever it stands
IN_PHRASE = 8  # fold() changes the character inside some t2s phrase only

_T2S = opencc.OpenCC("t2s")
# Full-width forms and the ideographic space to ASCII: the part of NFKC that matters for
# words, as a C-speed translate (NFKC of a whole essay costs more than all the rest).
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_FULL_WIDTH_WORD = re.compile("[０-９Ａ-Ｚａ-ｚ]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def fold(text: str) -> str:
    text = _SURROGATE.sub("", text)  # never a word, and the converter cannot encode them
    if _FULL_WIDTH_WORD.search(text):  # rare in essays; full-width punctuation is dropped anyway
        text = text.translate(_WIDTH)
    folded: str = _T2S.convert(text)
    return folded.lower()


@dataclass(frozen=True)
class CodePoints:
    kinds: npt.NDArray[np.uint8]  # per code point: its kind, with CHANGES / IN_PHRASE flags
    phrases: dict[str, tuple[str, ...]]  # an IN_PHRASE character → the phrases changing it

    def folds(self, text: str, codes: npt.NDArray[np.uint32], kinds: npt.NDArray[np.uint8]) -> bool:
        """Whether fold() may change `text`, whose code points and their kinds are given."""
        flags = int(np.bitwise_or.reduce(kinds))  # every flag any character has
        if flags & CHANGES:
            return True
        if not flags & IN_PHRASE:
            return False
        in_phrases = np.unique(codes[(kinds & IN_PHRASE) != 0]).tolist()
        return any(phrase in text for code in in_phrases for phrase in self.phrases[chr(code)])


@cache
def code_points() -> CodePoints:
    """What normalization does to each of the 1.1M code points, worked out once per process
    (~0.3 s) with the very regexes and converter the string functions use, so both agree."""
    every = "".join(map(chr, range(0x110000)))
    kinds = np.zeros(0x110000, dtype=np.uint8)
    for match in re.finditer(r"[^\W_]+", every):
        kinds[match.start() : match.end()] = WORD
    for end in ENDS:
        kinds[ord(end)] = END
    words = [chr(code) for code in np.flatnonzero(kinds == WORD).tolist()]
    # One character per line, so no two neighbours are converted as a phrase.
    for char, folded in zip(words, _T2S.convert("\n".join(words)).split("\n"), strict=True):
        if folded != char:
            kinds[ord(char)] |= CHANGES
    for char in every:
        if char.lower() != char:
            kinds[ord(char)] |= CHANGES
    for start, stop in ("０９", "ＡＺ", "ａｚ"):  # full-width letters and digits (_WIDTH)
        kinds[ord(start) : ord(stop) + 1] |= CHANGES
    kinds[0xD800:0xE000] |= CHANGES  # lone surrogates, which fold() removes
    phrases: dict[str, list[str]] = defaultdict(list)
    listed = t2s_phrases()
    if listed is None:  # the phrase list cannot be read: every word character may change
        kinds[kinds == WORD] |= CHANGES
    for phrase in listed or ():
        # Some phrases rewrite a character t2s leaves alone by itself (反覆 → 反复).
        converted = _T2S.convert(phrase)
        changed = [a for a, b in zip(phrase, converted, strict=False) if a != b]
        if len(converted) != len(phrase):
            changed = list(phrase)
        for char in changed:
            if not kinds[ord(char)] & CHANGES:
                kinds[ord(char)] |= IN_PHRASE
                phrases[char].append(phrase)
    return CodePoints(kinds, {char: tuple(listed) for char, listed in phrases.items()})


def t2s_phrases() -> list[str] | None:
    """The phrases of OpenCC's t2s phrase dictionary, dumped with the `opencc_dict` tool its
    package ships; None when that cannot be done."""
    package = Path(opencc.__file__).parent / "clib"
    tool, source = package / "bin" / "opencc_dict", package / "share" / "opencc" / "TSPhrases.ocd2"
    with tempfile.TemporaryDirectory() as folder:
        dumped = Path(folder) / "phrases.txt"
        try:
            subprocess.run(
                [str(tool), "-i", str(source), "-o", str(dumped), "-f", "ocd2", "-t", "text"],
                check=True,
                capture_output=True,
                timeout=60,
            )
            lines = dumped.read_text("utf-8").splitlines()
        except (OSError, subprocess.SubprocessError, UnicodeDecodeError):
            return None
    return [line.split("\t", 1)[0] for line in lines if "\t" in line]
