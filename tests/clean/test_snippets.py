"""The snippet checks of bench/snippets/ as a test: the issue's thresholds must hold."""

from __future__ import annotations

from pathlib import Path

from bench.snippet_checks import Tally, check, discover

SNIPPETS = Path(__file__).resolve().parents[2] / "bench" / "snippets"
WATCHED = frozenset({"truncated", "traditional", "mojibake-repaired"})


def test_snippet_checks_meet_thresholds() -> None:
    tally = Tally()
    outcomes = [check(case, WATCHED) for case in discover(SNIPPETS)]
    for outcome in outcomes:
        tally.add(outcome)
    problems = [f"{o.case.family}/{o.case.name}: {p}" for o in outcomes for p in o.problems]
    assert tally.cases >= 40 and tally.errors == 0, problems
    assert tally.exclude_removed >= 0.95 * tally.exclude_total, problems
    assert tally.include_kept >= 0.98 * tally.include_total, problems
    assert tally.essays_ok == tally.essays_checked, problems
    assert tally.titles_ok == tally.titles_checked, problems
    assert tally.flags_ok == tally.flags_checked and tally.spurious_flags == 0, problems
