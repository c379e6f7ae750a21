"""The screenshot script in a real headless Chromium (docs/datasette-search.png is made by it):
skipped where Chromium is not installed."""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

import pytest

from fanwen_crawler.analyst.screenshot import CHROMIUM, WINDOW
from tests.conftest import REPO

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.mark.skipif(
    not Path(CHROMIUM).exists(),
    reason=f"{CHROMIUM} not installed (apt-get install chromium fonts-noto-cjk; .ci/run does)",
)
def test_screenshot_of_a_chinese_search(demo_db: Path, tmp_path: Path) -> None:
    output = tmp_path / "search.png"
    result = subprocess.run(
        [sys.executable, "-m", "fanwen_crawler.analyst.screenshot"]
        + ["--db", str(demo_db), "-o", str(output)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    data = output.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk comes first
    assert (width, height) == WINDOW
    # A blank or error page compresses to a few kilobytes; the search page is far larger.
    assert len(data) > 50_000, len(data)
