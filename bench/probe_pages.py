"""Probe pages: page texts written here, in fanwen-dev's format, each family scored by its
score.py (exclude, include, titles, essays, crashes) on the text and HTML forms.

The pages under bench/probes/ were written by the project to hold site chrome of one family per
file (文库 pages, mirror farms in both scripts, 作文 and self-media copies, 范文 headers …) and
essay lines that look like chrome. They are a regression set for the families the cleaner has
learned, not a yardstick of unseen pages: that is fanwen-dev's check half. Baseline in the same
run: `--baseline identity` (the page text itself as the output).

    .venv/bin/python bench/probe_pages.py [--failures] [--only FAMILY] [--jobs N]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROBES = ROOT / "bench" / "probes"
SCORE = ROOT.parent / "shared" / "eval-data" / "fanwen-dev" / "score.py"


def _score(pages: Path, extra: list[str]) -> tuple[int, str]:
    env = {**os.environ, "FANWEN_CMD": os.environ.get("FANWEN_CMD", str(ROOT / ".venv/bin/fanwen"))}
    run = subprocess.run(
        [sys.executable, str(SCORE), "--pages", str(pages), *extra],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    return run.returncode, run.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="list each failed snippet")
    parser.add_argument("--only", help="one family (a file name under bench/probes/)")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    if not SCORE.is_file():
        sys.exit(f"fanwen-dev's score.py not found at {SCORE}")
    files = sorted(PROBES.glob("*.jsonl"))
    if args.only:
        files = [f for f in files if f.stem == args.only]
        if not files:
            sys.exit(
                f"no probe family {args.only!r} (have: {', '.join(p.stem for p in PROBES.glob('*.jsonl'))})"
            )
    for pages in files:
        for label, extra in (("fanwen", []), ("identity", ["--baseline", "identity"])):
            flags = ["--jobs", str(args.jobs)]
            if args.failures and label == "fanwen":
                flags.append("--show-failures")
            _, out = _score(pages, [*extra, *flags])
            lines = out.strip().splitlines()
            if args.failures and label == "fanwen":
                start = next(
                    (i for i, line in enumerate(lines) if line.startswith("== failures")), None
                )
                if start is not None:
                    print("\n".join(lines[start:-1]))
            print(f"{pages.stem:<10} {label:<9} {lines[-1] if lines else '(no output)'}")


if __name__ == "__main__":
    main()
