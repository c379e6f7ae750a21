"""Bad input through `fanwen clean`: a result or a one-line error, never a hang or traceback.

Timing is measured in bench/, not here; the subprocess timeout only guards against a hang.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from tests.conftest import run_fanwen

PROSE = "我们始终把学习放在首位，坚持每周集中学习一次，认真学习党的理论和方针政策。"


def _write(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"{kind}.html"
    if kind == "huge":
        path.write_text(
            "<html><body>" + f"<p>{PROSE}</p>" * 300_000 + "</body></html>", encoding="utf-8"
        )
    elif kind == "junk":
        path.write_bytes(random.Random(7).randbytes(2 * 1024 * 1024))
    elif kind == "wrong-charset":
        html = f'<html><head><meta charset="utf-8"></head><body><p>{PROSE * 20}</p></body></html>'
        path.write_bytes(html.encode("gbk"))
    elif kind == "deep":
        path.write_text("<div>" * 10_000 + PROSE + "</div>" * 10_000, encoding="utf-8")
    elif kind == "no-body":
        path.write_text("<html><head><title>只有标题</title></head></html>", encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["huge", "wrong-charset", "deep"])
def test_clean_bad_page_still_gives_the_text(tmp_path: Path, kind: str) -> None:
    result = run_fanwen("clean", str(_write(tmp_path, kind)))
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert PROSE in document["text"].replace("\n\n", "")
    assert ("input-truncated" in document["flags"]) == (kind == "huge")


@pytest.mark.parametrize("kind", ["junk", "no-body"])
def test_clean_unusable_page_is_a_one_line_error(tmp_path: Path, kind: str) -> None:
    result = run_fanwen("clean", str(_write(tmp_path, kind)))
    assert result.returncode != 0 and result.stdout == ""
    assert result.stderr.startswith("Error: ") and len(result.stderr.strip().splitlines()) == 1
