"""Dedup quality: the persistent dedup index over a labelled corpus of simulated copies.

The corpus is bench/dedup_corpus.py's: real essays (sample site, cwced-dev, seed page), one copy
of each per edit class, collections of 2–5 essays, and hard negatives. Every item is checked
once with `DedupIndex.check(id, text, truncated)`, in a seeded random order (an original may
come after its copies, a collection before or after its members), on a fresh SQLite file.

Links are what the answers say: (essay, duplicate_of), and where the result carries them, the
earlier essays found inside this one (`contains`) and the truncated canonicals it took over
(`redirected`). Scores:

- pairwise precision/recall/F1 over all items but collections: two items are predicted the
  same when links connect them (through items other than collections), truly the same when
  they copy the same source essay;
- recall per edit class: share of copies connected to their original;
- exact duplicates: the same for the classes identical once whitespace and punctuation width
  are ignored ("exact", "retitle+boilerplate");
- hard negatives: share of the pairs of different essays (same group, or same template with
  other bodies) that are connected;
- containment: recall is the share of (member, collection) labels with a link between the
  collection and the member or one of its copies, in either direction (a one-answer check
  can only point a later copy at an earlier collection, or a later collection at earlier
  members); precision is the share of links touching a collection whose other end copies
  one of its members;
- speed: essays per second of `check` alone.

    /tmp/venv/bin/python bench/dedup_quality.py [--seed N] [--db PATH] [--misses] [--strict]

It is a report: the exit status is 0 whatever the numbers, unless --strict is given and an
acceptance threshold fails.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from math import comb
from pathlib import Path

import sqlite_utils

from pipelines.dedup import DedupIndex, DedupResult

try:
    from bench.dedup_corpus import (
        COLLECTION,
        EDIT_CLASSES,
        EXACT_CLASSES,
        ORIGINAL,
        Corpus,
        Item,
        build_corpus,
    )
except ModuleNotFoundError:  # run as a script: bench/ is on sys.path, the repository is not
    from dedup_corpus import (  # type: ignore[no-redef]
        COLLECTION,
        EDIT_CLASSES,
        EXACT_CLASSES,
        ORIGINAL,
        Corpus,
        Item,
        build_corpus,
    )

MIN_F1 = 0.95
MIN_PRECISION = 0.98
MAX_NEGATIVE_RATE = 0.01
MIN_CONTAINMENT_RECALL = 0.9
MIN_EXACT_RECALL = 1.0


@dataclass(frozen=True)
class Link:
    essay: str  # the essay whose check said so
    other: str
    kind: str


@dataclass
class Run:
    order: list[Item]
    results: list[DedupResult]
    seconds: float  # in `check` only

    @property
    def rate(self) -> float:
        return len(self.results) / self.seconds if self.seconds else 0.0


def run_index(items: Sequence[Item], db: sqlite_utils.Database, seed: int) -> Run:
    """Check every item once, in a seeded random order."""
    order = list(items)
    random.Random(seed).shuffle(order)
    index = DedupIndex(db)
    results: list[DedupResult] = []
    seconds = 0.0
    for item in order:
        started = time.perf_counter()
        results.append(index.check(item.id, item.text, truncated=item.truncated))
        seconds += time.perf_counter() - started
    return Run(order, results, seconds)


def links_of(result: DedupResult) -> list[Link]:
    """Every link one answer makes. `contains` and `redirected` are read when present."""
    links: list[Link] = []
    if result.duplicate_of:
        links.append(Link(result.essay_id, result.duplicate_of, result.kind or "?"))
    for part, _share in getattr(result, "contains", ()):
        links.append(Link(result.essay_id, part, "contains"))
    for old in getattr(result, "redirected", ()):
        links.append(Link(result.essay_id, old, "redirected"))
    return links


class Components:
    """Union-find over essay ids."""

    def __init__(self, ids: Iterable[str]) -> None:
        self.parent = {essay: essay for essay in ids}

    def find(self, essay: str) -> str:
        root = essay
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[essay] != root:
            self.parent[essay], essay = root, self.parent[essay]
        return root

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)

    def same(self, a: str, b: str) -> bool:
        return self.find(a) == self.find(b)


# --- scores --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ratio:
    hits: int
    total: int

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else 0.0

    def __str__(self) -> str:
        return f"{self.hits}/{self.total} = {self.value:.3f}"


@dataclass
class Scores:
    precision: Ratio
    recall: Ratio
    by_class: dict[str, Ratio]
    kinds: dict[str, Counter[str]]  # per edit class, the kinds of the copies' own answers
    exact: Ratio
    negatives: Ratio  # hard-negative pairs connected
    containment_recall: Ratio
    containment_precision: Ratio
    misses: list[str] = field(default_factory=list)

    @property
    def f1(self) -> float:
        p, r = self.precision.value, self.recall.value
        return 2 * p * r / (p + r) if p + r else 0.0


def score(corpus: Corpus, run: Run) -> Scores:
    items = {item.id: item for item in corpus.items}
    links = [link for r in run.results for link in links_of(r) if link.other in items]
    collections = {i for i, item in items.items() if item.edit_class == COLLECTION}
    components = Components(i for i in items if i not in collections)
    for link in links:
        if link.essay not in collections and link.other not in collections:
            components.union(link.essay, link.other)
    copies = [item for item in corpus.items if item.edit_class in EDIT_CLASSES]
    by_class = {
        c: _linked([i for i in copies if i.edit_class == c], components) for c in EDIT_CLASSES
    }
    containment_recall, containment_precision = _containment(corpus, links, collections)
    precision, recall = _pairwise(
        [item for item in corpus.items if item.id not in collections], components
    )
    return Scores(
        precision=precision,
        recall=recall,
        by_class=by_class,
        kinds=_kinds(copies, run.results),
        exact=_linked([i for i in copies if i.edit_class in EXACT_CLASSES], components),
        negatives=Ratio(
            sum(components.same(a, b) for a, b in corpus.hard_negatives), len(corpus.hard_negatives)
        ),
        containment_recall=containment_recall,
        containment_precision=containment_precision,
        misses=_misses(corpus, copies, components, links, collections),
    )


def _pairwise(items: Sequence[Item], components: Components) -> tuple[Ratio, Ratio]:
    """(precision, recall) over all pairs of items, from cluster/component counts."""
    cells = Counter((item.cluster, components.find(item.id)) for item in items)
    predicted = Counter(components.find(item.id) for item in items)
    truth = Counter(item.cluster for item in items)
    correct = sum(comb(n, 2) for n in cells.values())
    return (
        Ratio(correct, sum(comb(n, 2) for n in predicted.values())),
        Ratio(correct, sum(comb(n, 2) for n in truth.values())),
    )


def _linked(copies: Sequence[Item], components: Components) -> Ratio:
    """Copies connected to their original (whose id is the cluster id)."""
    return Ratio(sum(components.same(c.id, c.cluster) for c in copies), len(copies))


def _kinds(copies: Sequence[Item], results: Sequence[DedupResult]) -> dict[str, Counter[str]]:
    answer = {r.essay_id: (r.kind or "?") if r.duplicate_of else "none" for r in results}
    kinds: dict[str, Counter[str]] = {}
    for item in copies:
        kinds.setdefault(item.edit_class, Counter())[answer[item.id]] += 1
    return kinds


def _containment(
    corpus: Corpus, links: Sequence[Link], collections: set[str]
) -> tuple[Ratio, Ratio]:
    """(recall over the labels, precision of the links that touch a collection)."""
    cluster = {item.id: item.cluster for item in corpus.items}
    members = {(member, collection) for member, collection in corpus.containment}
    found: set[tuple[str, str]] = set()
    right = touching = 0
    for link in links:
        for collection, other in ((link.other, link.essay), (link.essay, link.other)):
            if collection in collections:
                touching += 1
                pair = (cluster[other], collection)
                if other not in collections and pair in members:
                    right += 1
                    found.add(pair)
                break
    return Ratio(len(found), len(members)), Ratio(right, touching)


def _misses(
    corpus: Corpus,
    copies: Sequence[Item],
    components: Components,
    links: Sequence[Link],
    collections: set[str],
) -> list[str]:
    """One line per copy not connected to its original and per wrong link."""
    lines = [f"missed   {c.id}" for c in copies if not components.same(c.id, c.cluster)]
    cluster = {item.id: item.cluster for item in corpus.items}
    members = set(corpus.containment)
    for link in links:
        a, b = cluster[link.essay], cluster[link.other]
        if link.essay in collections or link.other in collections:
            collection, other = (a, b) if link.essay in collections else (b, a)
            wrong = (other, collection) not in members
        else:
            wrong = a != b
        if wrong:
            lines.append(f"wrong    {link.essay} -> {link.other} ({link.kind})")
    lines += [f"negative {a} ~ {b}" for a, b in corpus.hard_negatives if components.same(a, b)]
    return lines


# --- report --------------------------------------------------------------------------------


def thresholds(scores: Scores) -> list[tuple[bool, str, str]]:
    """(passed, acceptance criterion, measured value)."""
    return [
        (scores.f1 >= MIN_F1, f"overall F1 >= {MIN_F1}", f"{scores.f1:.3f}"),
        (
            scores.precision.value >= MIN_PRECISION,
            f"overall precision >= {MIN_PRECISION}",
            f"{scores.precision.value:.3f}",
        ),
        (
            scores.negatives.value <= MAX_NEGATIVE_RATE,
            f"hard-negative false positives <= {MAX_NEGATIVE_RATE:.0%}",
            f"{scores.negatives.value:.1%}",
        ),
        (
            scores.containment_recall.value >= MIN_CONTAINMENT_RECALL,
            f"containment recall >= {MIN_CONTAINMENT_RECALL}",
            f"{scores.containment_recall.value:.3f}",
        ),
        (
            scores.exact.value >= MIN_EXACT_RECALL,
            "exact duplicates 100%",
            f"{scores.exact.value:.3f}",
        ),
    ]


def print_report(corpus: Corpus, run: Run, scores: Scores, seed: int) -> None:
    counts = corpus.class_counts()
    print(
        f"{len(corpus.items)} items: {counts[ORIGINAL]} originals, "
        f"{sum(counts[c] for c in EDIT_CLASSES)} copies, {counts[COLLECTION]} collections, "
        f"{counts['negative']} synthetic negatives; seed {seed}"
    )
    print()
    print(f"{'edit class':<22}{'copies':>7}{'linked':>8}{'recall':>8}  own answer's kind")
    for edit_class, ratio in scores.by_class.items():
        kinds = ", ".join(f"{k} {n}" for k, n in scores.kinds[edit_class].most_common())
        print(f"{edit_class:<22}{ratio.total:>7}{ratio.hits:>8}{ratio.value:>8.3f}  {kinds}")
    print()
    print(f"{'pairwise precision':<30}{scores.precision}")
    print(f"{'pairwise recall':<30}{scores.recall}")
    print(f"{'pairwise F1':<30}{scores.f1:.3f}")
    print(f"{'exact duplicates linked':<30}{scores.exact}")
    print(f"{'hard-negative pairs linked':<30}{scores.negatives}")
    print(f"{'containment recall':<30}{scores.containment_recall}")
    print(f"{'containment precision':<30}{scores.containment_precision}")
    print(
        f"{'check speed':<30}{run.rate:.1f} essays/s ({len(run.results)} in {run.seconds:.2f} s, "
        "a commit each; bench/dedup_scale.py measures batches)"
    )
    print()
    for passed, criterion, value in thresholds(scores):
        print(f"{'PASS' if passed else 'FAIL'}  {criterion:<38}{value:>8}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0, help="corpus and order seed (default 0)")
    parser.add_argument("--db", type=Path, help="SQLite file for the index (default: temp file)")
    parser.add_argument("--misses", action="store_true", help="list missed copies, wrong links")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a threshold fails")
    args = parser.parse_args()
    if args.db and args.db.exists():
        parser.error(f"{args.db} exists: the index must start empty")
    corpus = build_corpus(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        db = sqlite_utils.Database(args.db or Path(tmp) / "dedup.db")
        run = run_index(corpus.items, db, args.seed)
        db.close()
    scores = score(corpus, run)
    print_report(corpus, run, scores, args.seed)
    if args.misses:
        print()
        print("\n".join(scores.misses) or "no misses")
    failed = not all(passed for passed, _, _ in thresholds(scores))
    return 1 if args.strict and failed else 0


if __name__ == "__main__":
    sys.exit(main())
