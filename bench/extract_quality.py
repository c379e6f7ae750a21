"""Extraction quality on cwced-dev: fanwen's cleaner next to generic main-content extractors.

Scoring follows cwced-dev's README: NFKC, tokens are CJK ideographs and ASCII alnum runs, bag-of-
tokens overlap with the hand-cleaned text, micro-averaged P/R/F1 plus the median per-page F1.
Errors and timeouts (60 s) score as empty output.

Each baseline runs twice: on the raw bytes, decoding them itself as a user would call it
("raw"), and on the text from fanwen's decoder ("+decode"), which separates decoding from
extraction. Baselines that are not installed are skipped (bench/requirements.txt).

    .venv/bin/python bench/extract_quality.py [--data DIR] [--subprocess] [--per-page] [--markdown]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from fanwen_crawler.api import clean_file
from pipelines.clean import decode

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval-data" / "cwced-dev"
TIMEOUT_S = 60
TOKEN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]|[A-Za-z0-9]+")

# "Garbled": at least GARBLED_SHARE of the output's non-space characters are mojibake markers.
GARBLED_SHARE = 0.05
# Latin-1 Supplement is what GBK or UTF-8 bytes read as Latin-1/cp1252 turn into; the few of its
# characters that real Chinese text uses are left out (NBSP · × ÷ °).
_LATIN1_LEGIT = frozenset("\u00a0\u00b7\u00d7\u00f7\u00b0")
# cp1252's extra letters and signs (…, quotes and dashes left out: Chinese text uses them).
_CP1252_EXTRA = frozenset("€‚ƒ„†‡ˆ‰Š‹ŒŽ˜™š›œžŸ")
# The commonest characters of UTF-8 Chinese read as GBK (lead bytes of 的 中 是 ， 。 …); they
# are rare in real text.
_UTF8_AS_GBK = frozenset("涓锛紝銆殑鐨浜浠鏈鍙屽鍏鏄瀹鍥鍒杩澶鍦")

Extractor = Callable[[bytes], str]
Adapter = Callable[[bytes | str], str]


@dataclass(frozen=True)
class Page:
    id: str
    body: bytes
    gold: Counter[str]


@dataclass(frozen=True)
class Outcome:
    """One extractor on one page."""

    tokens: Counter[str]
    error: str | None
    garbled: bool
    seconds: float


@dataclass(frozen=True)
class PageScore:
    tp: int
    pred: int
    gold: int

    @property
    def precision(self) -> float:
        return self.tp / max(self.pred, 1)

    @property
    def recall(self) -> float:
        return self.tp / max(self.gold, 1)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)


@dataclass(frozen=True)
class Summary:
    method: str
    precision: float
    recall: float
    f1: float
    median_f1: float
    empty: int
    errors: int
    garbled: int
    ms_per_page: float
    per_page: dict[str, PageScore]


# --- scoring -------------------------------------------------------------------------------------


def tokens(text: str) -> Counter[str]:
    return Counter(TOKEN.findall(unicodedata.normalize("NFKC", text)))


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def is_garbled(text: str) -> bool:
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return False
    bad = sum(
        1
        for c in chars
        if c == "\ufffd"
        or ("\u0080" <= c <= "\u00ff" and c not in _LATIN1_LEGIT)
        or c in _CP1252_EXTRA
        or c in _UTF8_AS_GBK
    )
    return bad / len(chars) >= GARBLED_SHARE


def summarize(method: str, pages: list[Page], outcomes: list[Outcome]) -> Summary:
    per_page = {
        page.id: PageScore(
            sum((out.tokens & page.gold).values()),
            sum(out.tokens.values()),
            sum(page.gold.values()),
        )
        for page, out in zip(pages, outcomes, strict=True)
    }
    scores = list(per_page.values())
    precision = sum(s.tp for s in scores) / max(sum(s.pred for s in scores), 1)
    recall = sum(s.tp for s in scores) / max(sum(s.gold for s in scores), 1)
    return Summary(
        method=method,
        precision=precision,
        recall=recall,
        f1=_f1(precision, recall),
        median_f1=statistics.median(s.f1 for s in scores),
        empty=sum(1 for s in scores if s.pred == 0),
        errors=sum(1 for out in outcomes if out.error),
        garbled=sum(1 for out in outcomes if out.garbled),
        ms_per_page=1000 * sum(out.seconds for out in outcomes) / len(outcomes),
        per_page=per_page,
    )


# --- running with a time limit -------------------------------------------------------------------


class ExtractorTimeout(BaseException):
    """Raised by SIGALRM; a BaseException so that no library's `except Exception` swallows it."""


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise ExtractorTimeout(f"timed out after {TIMEOUT_S} s")


def run_one(extract: Extractor, body: bytes) -> Outcome:
    started = time.perf_counter()
    signal.alarm(TIMEOUT_S)
    try:
        text, error = extract(body), None
    except (Exception, ExtractorTimeout) as exc:  # any failure scores as empty output
        text, error = "", f"{type(exc).__name__}: {exc}"
    finally:
        signal.alarm(0)
    seconds = time.perf_counter() - started
    return Outcome(tokens(text or ""), error, is_garbled(text or ""), seconds)


# --- extractor adapters --------------------------------------------------------------------------


def fanwen_extractor(workdir: Path, in_subprocess: bool) -> Extractor:
    """`fanwen clean page.html`'s `text`, in this process or as the evaluation runs it."""
    page = workdir / "page.html"

    def in_process(body: bytes) -> str:
        page.write_bytes(body)
        return clean_file(page).text

    def via_cli(body: bytes) -> str:
        page.write_bytes(body)
        done = subprocess.run(
            [sys.executable, "-m", "fanwen_crawler.cli", "clean", page.name],
            cwd=workdir,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"exit {done.returncode}: {done.stderr.strip()[-200:]}")
        return str(json.loads(done.stdout)["text"])

    return via_cli if in_subprocess else in_process


def trafilatura_text(html: bytes | str) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


def readability_text(html: bytes | str) -> str:
    import lxml.html
    from readability import Document

    summary = lxml.html.fromstring(Document(html).summary())
    return "\n".join(summary.itertext())


def justext_text(html: bytes | str) -> str:
    import justext

    # An empty stoplist is jusText's language-independent mode; its own CLI then sets both
    # stopword thresholds to 0, otherwise every paragraph would be classed as boilerplate.
    paragraphs = justext.justext(html, frozenset(), stopwords_low=0, stopwords_high=0)
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def resiliparse_text(html: bytes | str) -> str:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding

    if isinstance(html, bytes):
        html = bytes_to_str(html, detect_encoding(html) or "utf-8")
    return str(extract_plain_text(html, main_content=True))


# name → (module whose import must succeed, adapter)
BASELINES: dict[str, tuple[str, Adapter]] = {
    "trafilatura": ("trafilatura", trafilatura_text),
    "readability": ("readability", readability_text),
    "justext": ("justext", justext_text),
    "resiliparse": ("resiliparse.extract.html2text", resiliparse_text),
}


def with_our_decode(adapter: Adapter) -> Extractor:
    return lambda body: adapter(decode(body).text)


def installed_baselines() -> dict[str, Extractor]:
    """Both variants of every importable baseline; the others are reported and skipped."""
    extractors: dict[str, Extractor] = {}
    for name, (module, adapter) in BASELINES.items():
        try:
            importlib.import_module(module)
        except Exception as exc:  # ImportError, or a broken install failing otherwise
            print(f"{name}: not installed ({type(exc).__name__}: {exc}), skipped", file=sys.stderr)
            continue
        extractors[f"{name} raw"] = adapter
        extractors[f"{name} +decode"] = with_our_decode(adapter)
    return extractors


# --- output --------------------------------------------------------------------------------------

COLUMNS = ("method", "F1", "P", "R", "median F1", "empty", "errors", "garbled", "ms/page")


def _row(s: Summary) -> list[str]:
    return [
        s.method,
        f"{s.f1:.3f}",
        f"{s.precision:.3f}",
        f"{s.recall:.3f}",
        f"{s.median_f1:.3f}",
        str(s.empty),
        str(s.errors),
        str(s.garbled),
        f"{s.ms_per_page:.1f}",
    ]


def print_table(summaries: list[Summary], markdown: bool) -> None:
    rows = [_row(s) for s in summaries]
    if markdown:
        print("| " + " | ".join(COLUMNS) + " |")
        print("|" + "|".join([" --- "] + [" ---: "] * (len(COLUMNS) - 1)) + "|")
        for row in rows:
            print("| " + " | ".join(row) + " |")
        return
    widths = [max(len(r[i]) for r in [list(COLUMNS), *rows]) for i in range(len(COLUMNS))]
    for row in [list(COLUMNS), *rows]:
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        print("  ".join(cells))


def print_per_page(ours: Summary, best: Summary | None) -> None:
    header = f"{'page':<38}{'fanwen F1':>10}{'P':>7}{'R':>7}{'pred':>7}"
    if best:
        header += f"   {'best F1':>8}{'P':>7}{'R':>7}{'pred':>7}"
    print(f"\nper page, fanwen's F1 ascending (best baseline: {best.method if best else 'none'})")
    print(header + f"{'gold':>7}")
    for page_id, s in sorted(ours.per_page.items(), key=lambda item: item[1].f1):
        line = f"{page_id:<38}{s.f1:>10.3f}{s.precision:>7.3f}{s.recall:>7.3f}{s.pred:>7}"
        if best:
            b = best.per_page[page_id]
            line += f"   {b.f1:>8.3f}{b.precision:>7.3f}{b.recall:>7.3f}{b.pred:>7}"
        print(line + f"{s.gold:>7}")


# --- main ----------------------------------------------------------------------------------------


def fold_of(page_ids: list[str]) -> dict[str, str]:
    """Two fixed folds of equal size, "tune" and "check", by a hash of each page's id: tune
    the cleaner on one, report the other as the figure on pages it was not tuned on."""
    ranked = sorted(page_ids, key=lambda page_id: hashlib.sha1(page_id.encode()).hexdigest())
    half = (len(ranked) + 1) // 2
    return {page_id: ("tune" if rank < half else "check") for rank, page_id in enumerate(ranked)}


def load_pages(data: Path) -> list[Page]:
    return [
        Page(
            html.stem,
            html.read_bytes(),
            tokens((data / "cleaned" / f"{html.stem}.txt").read_text("utf-8")),
        )
        for html in sorted((data / "html").glob("*.html"))
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="cwced-dev folder")
    parser.add_argument(
        "--subprocess", action="store_true", help="run `fanwen clean page.html` as a command"
    )
    parser.add_argument("--per-page", action="store_true", help="per-page F1, worst first")
    parser.add_argument(
        "--fold",
        choices=("tune", "check", "all"),
        default="all",
        help="score one fold only (two fixed halves by a hash of the page id)",
    )
    parser.add_argument("--markdown", action="store_true", help="print the table in Markdown")
    args = parser.parse_args()
    if not (args.data / "html").is_dir() or not (args.data / "cleaned").is_dir():
        sys.exit(
            f"cwced-dev not found at {args.data} (expected html/ and cleaned/; use --data DIR)"
        )
    pages = load_pages(args.data)
    if args.fold != "all":
        folds = fold_of([page.id for page in pages])
        pages = [page for page in pages if folds[page.id] == args.fold]
    signal.signal(signal.SIGALRM, _on_alarm)
    with tempfile.TemporaryDirectory() as workdir:
        extractors = {"fanwen": fanwen_extractor(Path(workdir), args.subprocess)}
        extractors.update(installed_baselines())
        summaries = []
        for method, extract in extractors.items():
            print(f"running {method} on {len(pages)} pages", file=sys.stderr)
            outcomes = [run_one(extract, page.body) for page in pages]
            for page, outcome in zip(pages, outcomes, strict=True):
                if outcome.error:
                    print(f"  {method} on {page.id}: {outcome.error}", file=sys.stderr)
            summaries.append(summarize(method, pages, outcomes))
    summaries.sort(key=lambda s: s.f1, reverse=True)
    ours = next(s for s in summaries if s.method == "fanwen")
    baselines = [s for s in summaries if s is not ours]
    best = baselines[0] if baselines else None
    print(
        f"cwced-dev ({args.fold}): {len(pages)} pages, {sum(sum(p.gold.values()) for p in pages)} gold tokens"
    )
    print_table(summaries, args.markdown)
    if best:
        margin = 100 * (ours.f1 - best.f1)
        print(
            f"best baseline: {best.method} (F1 {best.f1:.3f}); fanwen F1 {ours.f1:.3f}, "
            f"margin {margin:+.1f} points"
        )
    else:
        print("no baseline installed (pip install -r bench/requirements.txt)")
    if args.per_page:
        print_per_page(ours, best)


if __name__ == "__main__":
    main()
