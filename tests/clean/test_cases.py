"""Cleaning cases as data: tests/clean/cases/<name>/ holds input.html|input.txt and expected.json.

Adding a case is adding a folder. expected.json keys (all but title optional): args {url, site},
title, category, keywords, summary_startswith, essay_titles, headings (per essay, in order),
paragraphs_containing (each inside one paragraph), text_excludes, removed_reasons (a subset).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from fanwen_crawler.api import clean_file

CASES = Path(__file__).parent / "cases"


def _cases() -> list[Path]:
    return sorted(path for path in CASES.iterdir() if (path / "expected.json").exists())


@pytest.mark.parametrize("case", _cases(), ids=lambda path: path.name)
def test_clean_case(case: Path) -> None:
    expected: dict[str, Any] = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    (source,) = [p for p in case.iterdir() if p.stem == "input"]
    args = expected.get("args", {})
    document = clean_file(source, url=args.get("url"), site=args.get("site")).as_dict()

    assert document["title"] == expected["title"]
    for key in ("category", "keywords"):
        if key in expected:
            assert document[key] == expected[key], key
    if "summary_startswith" in expected:
        assert (document["summary"] or "").startswith(expected["summary_startswith"])
    if "essay_titles" in expected:
        assert [essay["title"] for essay in document["essays"]] == expected["essay_titles"]
    if "headings" in expected:
        headings = [
            [b["text"] for b in essay["blocks"] if b["type"] == "heading"]
            for essay in document["essays"]
        ]
        assert headings == expected["headings"]
    paragraphs = [
        b["text"]
        for essay in document["essays"]
        for b in essay["blocks"]
        if b["type"] == "paragraph"
    ]
    for snippet in expected.get("paragraphs_containing", []):
        assert sum(snippet in p for p in paragraphs) == 1, f"not inside one paragraph: {snippet}"
    for snippet in expected.get("text_excludes", []):
        assert snippet not in document["text"], f"boilerplate left in text: {snippet}"
    reasons = {item["reason"] for item in document["removed"]}
    assert set(expected.get("removed_reasons", [])) <= reasons
