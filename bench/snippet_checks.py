"""Snippet checks: does the cleaner keep each essay's sentences and drop each site's boilerplate?

In the spirit of trafilatura's evaluation: every case under bench/snippets/<family>/<case>/ is a
saved page (page.html in its own charset, or page.txt for a text dump) and an expect.json:

    {"url": "optional, passed to clean_file",
     "include": ["content snippets that must be in the text"],
     "exclude": ["boilerplate snippets that must not be in the text"],
     "essays": 3,                  # optional: number of essays
     "essay_titles": ["…", "…"],   # optional: titles in order
     "flags": ["truncated"]}       # optional: flags the document must carry

How snippets are matched against `Document.text` (title excluded, as `fanwen clean` prints it):
both sides are NFKC-normalised and stripped of all whitespace, so half- vs full-width
punctuation and line wrapping never decide a check; zero-width characters are not whitespace
and are kept. An exclude snippet counts as left in when it is found in the text or in the text
converted to simplified script (so boilerplate of a traditional page is not credited as removed
just because it was not converted). Essay titles are compared the same way. Expected flags
must be a subset of the document's; a flag that some case expects but that appears on a case
not expecting it is reported as spurious. A case whose cleaning raises counts every include,
exclude and structural check of that case as failed.

    /tmp/venv/bin/python bench/snippet_checks.py [--failures] [--family NAME] [--case TEXT]

It is a report: the exit status is 0 whatever the numbers.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fanwen_crawler.api import clean_file

SNIPPETS = Path(__file__).resolve().parent / "snippets"


def _simplifier() -> Callable[[str], str]:
    """Traditional → simplified conversion, or identity when OpenCC is missing."""
    try:
        import opencc
    except ImportError:
        return lambda text: text
    converter = opencc.OpenCC("t2s")
    return lambda text: str(converter.convert(text))


to_simplified = _simplifier()


def squash(text: str) -> str:
    """NFKC, then every whitespace character removed."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@dataclass(frozen=True)
class Expectation:
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    url: str | None = None
    essays: int | None = None
    essay_titles: tuple[str, ...] | None = None
    flags: tuple[str, ...] = ()

    @classmethod
    def load(cls, path: Path) -> Expectation:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        titles = data.get("essay_titles")
        return cls(
            include=tuple(data.get("include", [])),
            exclude=tuple(data.get("exclude", [])),
            url=data.get("url"),
            essays=data.get("essays"),
            essay_titles=tuple(titles) if titles is not None else None,
            flags=tuple(data.get("flags", [])),
        )


@dataclass(frozen=True)
class Case:
    family: str
    name: str
    page: Path
    expect: Expectation

    @property
    def label(self) -> str:
        return f"{self.family}/{self.name}"


@dataclass
class Outcome:
    """What one case scored; `problems` are the lines `--failures` prints."""

    case: Case
    error: str | None = None
    includes_kept: int = 0
    excludes_removed: int = 0
    essays_ok: bool | None = None  # None: the case sets no expectation
    titles_ok: bool | None = None
    flags_ok: bool | None = None
    spurious_flags: tuple[str, ...] = ()
    problems: list[str] = field(default_factory=list)


@dataclass
class Tally:
    cases: int = 0
    errors: int = 0
    include_total: int = 0
    include_kept: int = 0
    exclude_total: int = 0
    exclude_removed: int = 0
    essays_checked: int = 0
    essays_ok: int = 0
    titles_checked: int = 0
    titles_ok: int = 0
    flags_checked: int = 0
    flags_ok: int = 0
    spurious_flags: int = 0

    def add(self, outcome: Outcome) -> None:
        expect = outcome.case.expect
        self.cases += 1
        self.errors += outcome.error is not None
        self.include_total += len(expect.include)
        self.include_kept += outcome.includes_kept
        self.exclude_total += len(expect.exclude)
        self.exclude_removed += outcome.excludes_removed
        for checked, ok, name in (
            (outcome.essays_ok, outcome.essays_ok, "essays"),
            (outcome.titles_ok, outcome.titles_ok, "titles"),
            (outcome.flags_ok, outcome.flags_ok, "flags"),
        ):
            if checked is None:
                continue
            setattr(self, f"{name}_checked", getattr(self, f"{name}_checked") + 1)
            setattr(self, f"{name}_ok", getattr(self, f"{name}_ok") + bool(ok))
        self.spurious_flags += len(outcome.spurious_flags)


def discover(root: Path) -> list[Case]:
    cases = []
    for expect_path in sorted(root.glob("*/*/expect.json")):
        folder = expect_path.parent
        pages = sorted(p for p in folder.iterdir() if p.stem == "page")
        if len(pages) != 1:
            print(f"skipping {folder}: expected one page.html or page.txt", file=sys.stderr)
            continue
        cases.append(Case(folder.parent.name, folder.name, pages[0], Expectation.load(expect_path)))
    return cases


def check(case: Case, watched_flags: frozenset[str]) -> Outcome:
    expect = case.expect
    outcome = Outcome(case)
    try:
        document = clean_file(case.page, url=expect.url).as_dict()
    except Exception as error:  # noqa: BLE001 - a report scores a crash, it does not stop on it
        outcome.error = f"{type(error).__name__}: {error}"
        outcome.problems.append(f"error: {outcome.error}")
        outcome.essays_ok = False if expect.essays is not None else None
        outcome.titles_ok = False if expect.essay_titles is not None else None
        outcome.flags_ok = False if expect.flags else None
        return outcome

    text = squash(document["text"])
    simplified = squash(to_simplified(document["text"]))
    for snippet in expect.include:
        if squash(snippet) in text:
            outcome.includes_kept += 1
        else:
            outcome.problems.append(f"content missing:   {snippet}")
    for snippet in expect.exclude:
        key = squash(snippet)
        if key in text or key in simplified:
            outcome.problems.append(f"boilerplate left:  {snippet!r}")
        else:
            outcome.excludes_removed += 1

    essays: list[dict[str, Any]] = document["essays"]
    if expect.essays is not None:
        outcome.essays_ok = len(essays) == expect.essays
        if not outcome.essays_ok:
            outcome.problems.append(
                f"essays:            expected {expect.essays}, got {len(essays)}"
            )
    if expect.essay_titles is not None:
        got = [essay["title"] for essay in essays]
        outcome.titles_ok = [squash(t) for t in got] == [squash(t) for t in expect.essay_titles]
        if not outcome.titles_ok:
            outcome.problems.append(
                f"essay titles:      expected {list(expect.essay_titles)}, got {got}"
            )

    flags = set(document["flags"])
    if expect.flags:
        outcome.flags_ok = set(expect.flags) <= flags
        if not outcome.flags_ok:
            outcome.problems.append(
                f"flags:             expected {list(expect.flags)}, got {sorted(flags)}"
            )
    outcome.spurious_flags = tuple(sorted((flags & watched_flags) - set(expect.flags)))
    if outcome.spurious_flags:
        outcome.problems.append(f"spurious flags:    {list(outcome.spurious_flags)}")
    return outcome


def _ratio(done: int, total: int) -> str:
    if total == 0:
        return "-"
    return f"{done}/{total} {100 * done / total:5.1f}%"


def _count(done: int, total: int) -> str:
    return f"{done}/{total}" if total else "-"


def table(rows: Iterable[tuple[str, Tally]]) -> list[str]:
    header = (
        f"{'family':<22}{'cases':>6}{'errors':>7}  {'boilerplate removed':<20}"
        f"{'content kept':<18}{'essays':>8}{'titles':>8}{'flags':>7}{'spurious':>9}"
    )
    lines = [header, "-" * len(header)]
    for name, tally in rows:
        if name == "TOTAL":
            lines.append("-" * len(header))
        lines.append(
            f"{name:<22}{tally.cases:>6}{tally.errors:>7}  "
            f"{_ratio(tally.exclude_removed, tally.exclude_total):<20}"
            f"{_ratio(tally.include_kept, tally.include_total):<18}"
            f"{_count(tally.essays_ok, tally.essays_checked):>8}"
            f"{_count(tally.titles_ok, tally.titles_checked):>8}"
            f"{_count(tally.flags_ok, tally.flags_checked):>7}"
            f"{tally.spurious_flags:>9}"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="list every failed check by case")
    parser.add_argument("--family", help="only this family (folder name)")
    parser.add_argument("--case", help="only cases whose family/name contains this text")
    parser.add_argument("--root", type=Path, default=SNIPPETS, help="folder of families")
    args = parser.parse_args(argv)

    all_cases = discover(args.root)
    watched = frozenset(flag for case in all_cases for flag in case.expect.flags)
    cases = [
        case
        for case in all_cases
        if (args.family is None or case.family == args.family)
        and (args.case is None or args.case in case.label)
    ]
    if not cases:
        print(f"no cases under {args.root}")
        return 0

    outcomes = [check(case, watched) for case in cases]
    families: dict[str, Tally] = {}
    total = Tally()
    for outcome in outcomes:
        families.setdefault(outcome.case.family, Tally()).add(outcome)
        total.add(outcome)

    if args.failures:
        for outcome in outcomes:
            if outcome.problems:
                print(outcome.case.label)
                for problem in outcome.problems:
                    print(f"    {problem}")
        print()

    print(f"{len(cases)} cases in {len(families)} families ({args.root})")
    for line in table([*sorted(families.items()), ("TOTAL", total)]):
        print(line)
    clean = sum(not outcome.problems for outcome in outcomes)
    print(f"cases passing every check: {clean}/{len(cases)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
