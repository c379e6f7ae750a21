"""Fit the cleaner's line model (pipelines/clean/linemodel.py) and write line_model.json.

Training pages are the tune half of fanwen-dev (by score.py's own split), the tune fold of
cwced-dev (unless `--no-cwced`) and the project's own cleaning cases; the check half and fold
are never read. Each page goes through decode and
extract as in a crawl; every body line up to linemodel.MAX_LINE characters is one example:

- gold: a line holding an annotated boilerplate snippet is chrome, one holding an essay snippet
  is content (weight `--gold-weight`);
- silver: every other line takes the rules' verdict (the cleaner with the model off): removed or
  kept. The model learns the families the rules know, by shape and vocabulary, so that it can
  recognise members of them the rules' wording misses.

The threshold is chosen by leave-sites-out cross-validation on the same pages (five folds by
host): the lowest one at which no gold content line and at most `--max-loss` of the lines the
rules kept are taken. With it for the body, the header (the lines above the first prose) gets
the lowest bar of its own that keeps within the same budget. Needs scikit-learn (pinned in the
`test` extra, which `make test` installs).

    .venv/bin/python bench/train_line_model.py            # cross-validate, fit, write the model
    .venv/bin/python bench/train_line_model.py --dry-run  # figures only
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from bench.extract_quality import fold_of
from fanwen_crawler.profiles import load_profiles
from pipelines.clean import linemodel
from pipelines.clean.lineshape import fold_lines
from pipelines.errors import FanwenError
from pipelines.model import RawPart
from pipelines.page import process_page

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval-data"
THRESHOLDS = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)


@dataclass
class Example:
    key: str
    features: dict[str, float]
    label: int  # 1 chrome, 0 content
    gold: bool
    kept_by_rules: bool
    group: str  # the site: cross-validation keeps a site's pages together

    @property
    def scored(self) -> bool:
        """Whether the model may judge the line at all (the rest it always keeps)."""
        return linemodel.judged(self.key)


def load_score_module(folder: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("fanwen_dev_score", folder / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {folder / 'score.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_CANDIDATES = [profile.extract for profile in load_profiles().values()]


def _page_lines(body: bytes, url: str) -> tuple[list[str], str] | None:
    """The body lines the cleaner classifies, and the text the rules alone keep (squashed),
    as `fanwen clean` would see the page (its titles among them)."""
    try:
        with linemodel.disabled():
            extracted, document = process_page(
                [RawPart(url=url, body=body)], None, _CANDIDATES, any_text=True
            )
    except FanwenError:
        return None
    # The title and the essays' titles count as kept: the rules take their lines out of the
    # text as repeats, but they are the article's, and the title is chosen among lines the
    # model must not call chrome.
    titles = [document.title, *(essay.title for essay in document.essays)]
    kept = "\n".join(_norm(text) for text in [document.text, *titles] if text)
    kept += "".join(_norm(essay.text) for essay in document.essays)
    return list(extracted.lines), kept


def _norm(text: str) -> str:
    """score.py's matching key: NFKC, no whitespace, simplified script, half-width punctuation."""
    return str(_SCORE.norm(text))


def fanwen_examples(folder: Path) -> list[Example]:
    score = _SCORE
    examples: list[Example] = []
    for page in score.load_pages(folder / "pages.jsonl"):
        if score.half_of(page["url"]) == "tune":
            examples += _annotated(
                page["excerpt"].encode("utf-8"),
                page["url"],
                page["must_exclude"],
                page["must_include"],
                page["site"],
            )
    return examples


def fixture_examples() -> list[Example]:
    """The project's own cleaning cases (tests/clean/cases, bench/snippets): pages written
    here, whose expectations name essay lines (a letter's closing and signature among them,
    which the dev set's page starts rarely reach) and chrome."""
    examples: list[Example] = []
    for expected in sorted((ROOT / "tests" / "clean" / "cases").glob("*/expected.json")):
        data = json.loads(expected.read_text("utf-8"))
        page = next(expected.parent.glob("input.*"))
        content = [*data.get("paragraphs_containing", []), *data.get("essay_titles", [])]
        examples += _annotated(
            page.read_bytes(), None, data.get("text_excludes", []), content, page.parent.name
        )
    for expect in sorted((ROOT / "bench" / "snippets").glob("*/*/expect.json")):
        data = json.loads(expect.read_text("utf-8"))
        page = next(p for p in expect.parent.glob("page.*"))
        examples += _annotated(
            page.read_bytes(),
            data.get("url"),
            data.get("exclude", []),
            data.get("include", []),
            expect.parent.name,
        )
    return examples


def _features(lines: list[str], kept: str) -> tuple[list[str], list[str], list[dict[str, float]]]:
    """The lines' matching keys (score.py's), folded keys and features, with the rules'
    verdicts as the cleaner has them."""
    norms = [_norm(line) for line in lines]
    keys = fold_lines(lines)
    removed = [norm not in kept for norm in norms]
    return norms, keys, list(linemodel.page_features(keys, None, removed).values())


def _annotated(
    body: bytes, url: str | None, chrome: list[str], content: list[str], group: str
) -> list[Example]:
    """A page's short body lines, labelled by its snippets where they fall, else by the rules."""
    found = _page_lines(body, url or "https://fixture.invalid/" + group)
    if found is None:
        return []
    lines, kept = found
    excludes = [_norm(s) for s in chrome]
    includes = [_norm(s) for s in content]
    examples: list[Example] = []
    norms, keys, rows = _features(lines, kept)
    for line, norm, key, features in zip(lines, norms, keys, rows, strict=True):
        if len(line.strip()) > linemodel.MAX_LINE:
            continue
        is_chrome = any(s in norm for s in excludes)
        is_content = any(s in norm for s in includes)
        by_rules = norm in kept
        gold = is_chrome != is_content
        label = int(is_chrome) if gold else int(not by_rules)
        examples.append(Example(key, features, label, gold, by_rules, group))
    return examples


def probe_examples() -> list[Example]:
    """The probe pages under bench/probes/ (page texts written here, fanwen-dev's format),
    labelled like fanwen-dev's pages, each site a group of its own."""
    examples: list[Example] = []
    for path in sorted((ROOT / "bench" / "probes").glob("*.jsonl")):
        for page in _SCORE.load_pages(path):
            examples += _annotated(
                page["excerpt"].encode("utf-8"),
                page["url"],
                page["must_exclude"],
                page["must_include"],
                "probe:" + page["site"],
            )
    return examples


def cwced_examples(folder: Path) -> list[Example]:
    """cwced-dev's tune fold: a line is content when the hand-cleaned text holds it."""
    pages = sorted((folder / "html").glob("*.html"))
    folds = fold_of([p.stem for p in pages])
    examples: list[Example] = []
    for path in pages:
        if folds[path.stem] != "tune":
            continue
        gold = _norm((folder / "cleaned" / f"{path.stem}.txt").read_text("utf-8"))
        found = _page_lines(path.read_bytes(), f"https://cwced.invalid/{path.stem}")
        if found is None:
            continue
        lines, kept = found
        norms, keys, rows = _features(lines, kept)
        for line, norm, key, features in zip(lines, norms, keys, rows, strict=True):
            if not norm or len(line.strip()) > linemodel.MAX_LINE:
                continue
            label = int(norm not in gold)
            examples.append(Example(key, features, label, True, norm in kept, "cwced:" + path.stem))
    return examples


def _fit(examples: list[Example], c: float, gold_weight: float):  # type: ignore[no-untyped-def]
    from sklearn.linear_model import LogisticRegression

    scored = [e for e in examples if e.scored]
    x = [[e.features[name] for name in linemodel.FEATURES] for e in scored]
    y = [e.label for e in scored]
    weights = [gold_weight if e.gold else 1.0 for e in scored]
    return LogisticRegression(C=c, max_iter=5000).fit(x, y, sample_weight=weights)


def cross_validate(
    examples: list[Example], extra: list[Example], c: float, gold_weight: float
) -> list[float]:
    """Leave-sites-out probabilities, one per fanwen-dev example (0 for those the model may
    not judge)."""
    sites = sorted({e.group for e in examples})
    random.Random(7).shuffle(sites)
    probabilities = [0.0] * len(examples)
    for fold in range(5):
        held = set(sites[fold::5])
        train = [e for e in examples if e.group not in held] + extra
        model = _fit(train, c, gold_weight)
        test = [i for i, e in enumerate(examples) if e.group in held and e.scored]
        x = [[examples[i].features[n] for n in linemodel.FEATURES] for i in test]
        for i, p in zip(test, model.predict_proba(x)[:, 1], strict=True):
            probabilities[i] = float(p)
    return probabilities


def figures_at(
    examples: list[Example], probabilities: list[float], header: float, body: float
) -> dict[str, float]:
    """Shares of all short lines the model takes with these bars for the header (the lines
    above the first prose) and the rest."""
    taken = [
        p > (header if e.features["before_prose"] > 0 else body)
        for e, p in zip(examples, probabilities, strict=True)
    ]
    return {
        "gold_chrome_found": _share(examples, taken, lambda e: e.gold and e.label == 1),
        "gold_content_lost": _share(examples, taken, lambda e: e.gold and e.label == 0),
        "rules_kept_lost": _share(examples, taken, lambda e: e.kept_by_rules and e.label == 0),
    }


def _safe(row: dict[str, float], max_loss: float) -> bool:
    return row["gold_content_lost"] == 0 and round(row["rules_kept_lost"], 3) <= max_loss


def _share(examples: list[Example], taken: list[bool], which) -> float:  # type: ignore[no-untyped-def]
    chosen = [t for e, t in zip(examples, taken, strict=True) if which(e)]
    return sum(chosen) / len(chosen) if chosen else 0.0


_SCORE: ModuleType


def train(
    data: Path = SHARED,
    cwced: bool = True,
    c: float = 1.0,
    gold_weight: float = 3.0,
    max_loss: float = 0.015,
    echo: Callable[[str], None] = print,
    fit: bool = True,
    probes: bool = True,
) -> dict[str, Any]:
    """Cross-validate, choose the threshold and (with `fit`) fit on every example: the
    contents of line_model.json."""
    global _SCORE
    _SCORE = load_score_module(data / "fanwen-dev")
    examples = fanwen_examples(data / "fanwen-dev")
    extra = fixture_examples()
    if probes:
        extra += probe_examples()
    if cwced:
        extra += cwced_examples(data / "cwced-dev")
    echo(
        f"lines up to {linemodel.MAX_LINE} characters: {len(examples)} in fanwen-dev's tune half,"
        f" {len(extra)} in the project's cases{' and cwced-dev tune fold' if cwced else ''};"
        f" {sum(e.scored for e in examples + extra)} with chrome evidence (scored)"
    )
    probabilities = cross_validate(examples, extra, c, gold_weight)
    echo("leave-sites-out, fanwen-dev tune half, one bar for every line:")
    for t in THRESHOLDS:
        row = figures_at(examples, probabilities, t, t)
        echo(f"  > {t:.2f}  " + "  ".join(f"{k} {v:.3f}" for k, v in row.items()))
    safe = [t for t in THRESHOLDS if _safe(figures_at(examples, probabilities, t, t), max_loss)]
    threshold = min(safe) if safe else max(THRESHOLDS)
    # Then the header's own bar, as low as the same budget allows with the body's kept.
    echo(f"threshold: {threshold}; the header's bar with it:")
    header = threshold
    for t in (t for t in THRESHOLDS if t < threshold):
        row = figures_at(examples, probabilities, t, threshold)
        echo(f"  > {t:.2f}  " + "  ".join(f"{k} {v:.3f}" for k, v in row.items()))
        if _safe(row, max_loss):
            header = min(header, t)
    echo(f"header threshold: {header}")
    data_out: dict[str, Any] = {
        "about": "Line model for pipelines/clean/linemodel.py, written by bench/train_line_model.py.",
        "trained_on": ["fanwen-dev tune half", "the project's cleaning cases"]
        + (["the probe pages under bench/probes/"] if probes else [])
        + (["cwced-dev tune fold"] if cwced else []),
        "examples": len(examples) + len(extra),
        "C": c,
        "gold_weight": gold_weight,
        "threshold": threshold,
        "header_threshold": header,
        "cross_validation": figures_at(examples, probabilities, header, threshold),
        "features": list(linemodel.FEATURES),
    }
    if fit:
        import sklearn

        model = _fit(examples + extra, c, gold_weight)
        data_out["scikit_learn"] = sklearn.__version__
        data_out["weights"] = [round(float(w), 6) for w in model.coef_[0]]
        data_out["bias"] = round(float(model.intercept_[0]), 6)
    return data_out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=SHARED, help="the eval-data folder")
    parser.add_argument(
        "--no-cwced", action="store_true", help="leave cwced-dev's tune fold out of training"
    )
    parser.add_argument(
        "--no-probes", action="store_true", help="leave the probe pages (bench/probes/) out"
    )
    parser.add_argument("-C", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--gold-weight", type=float, default=3.0)
    parser.add_argument("--max-loss", type=float, default=0.015, help="of lines the rules kept")
    parser.add_argument("--dry-run", action="store_true", help="print figures, write nothing")
    parser.add_argument("--out", type=Path, default=linemodel.MODEL_FILE)
    args = parser.parse_args()
    if not (args.data / "fanwen-dev" / "pages.jsonl").is_file():
        sys.exit(f"no fanwen-dev data under {args.data}")
    data = train(
        args.data,
        not args.no_cwced,
        args.C,
        args.gold_weight,
        args.max_loss,
        fit=not args.dry_run,
        probes=not args.no_probes,
    )
    if args.dry_run:
        return
    args.out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
