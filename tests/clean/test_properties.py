"""Any bytes through the cleaner: a Document or a one-line FanwenError, never another exception,
never a hang. Hypothesis makes the inputs: random bytes, HTML-ish text in any encoding, GBK and
UTF-8 mixed in one file, deep nesting, huge lines.

`fanwen_crawler.api.clean_file` (what `fanwen clean FILE` runs) is called in this process for
hundreds of examples, each within PER_EXAMPLE seconds of CPU; a handful of inputs then go
through the real command, which must print JSON on stdout or one line on stderr.
"""

from __future__ import annotations

import json
import random
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fanwen_crawler.api import clean_file
from pipelines.errors import FanwenError
from pipelines.model import Document
from tests.conftest import run_fanwen

# Seconds of CPU time: the slowest example takes about 1 s, a pathological one far more.
PER_EXAMPLE = 3.0
PROSE = "我们始终把学习放在首位，坚持每周集中学习一次，认真学习党的理论和方针政策。"
FAST = settings(
    max_examples=300,
    deadline=None,  # timed below, past the first call's imports
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
PUNCTUATION = st.sampled_from("，。、；：？！“”‘’（）《》【】…—·,.;:?!\"'()[]<>&# \n\t\u3000\xa0")
ODD = st.sampled_from(
    ["\x00", "\x01", "\x0b", "\x1b", "\ufeff", "\ufffd", "\u200b", "\u202e", "\U0001f600", "\r"]
)
WORDS = st.text(st.one_of(CJK, PUNCTUATION, st.characters(), ODD), max_size=80)
TAGS = st.sampled_from(
    "html head body title meta div p span br table tr td ul li h1 h2 a font b center "
    "script style noscript iframe svg textarea pre form option select template".split()
)
ENCODINGS = st.sampled_from(
    ["utf-8", "gbk", "gb18030", "big5", "utf-16", "utf-16-be", "latin-1", "cp1252", "shift_jis"]
)
CHARSETS = st.sampled_from(
    ["utf-8", "gbk", "gb2312", "big5", "utf-16", "utf-7", "latin-1", "x-bogus", "", "utf8mb4"]
)


@st.composite
def tags(draw: st.DrawFn) -> str:
    name = draw(TAGS)
    kind = draw(st.integers(0, 9))
    if kind == 0:
        return f"</{name}>"
    if kind == 1:
        return f'<meta charset="{draw(CHARSETS)}">'
    if kind == 2:
        return f'<meta http-equiv="Content-Type" content="text/html; charset={draw(CHARSETS)}">'
    if kind == 3:
        return draw(
            st.sampled_from(
                [
                    "<!DOCTYPE html>",
                    '<?xml version="1.0" encoding="gbk"?>',
                    "<!-- 注释 -->",
                    "<![CDATA[ x ]]>",
                    "&nbsp;",
                    "&#xD800;",
                    "&#0;",
                    "&#x1f;",
                    "&#xFFFE;",
                    "&#99999999;",
                    "&bogus",
                    "<",
                    "</",
                    "<>",
                    '<a href="javascript:void(0)">',
                    '<link rel="canonical" href="http://[::1">',
                    '<div style="display:none">',
                    '<p class="jammer">',
                ]
            )
        )
    attribute = draw(st.sampled_from(["", ' class="content"', ' id="article"', " hidden"]))
    return f"<{name}{attribute}>"


@st.composite
def html_pages(draw: st.DrawFn) -> bytes:
    pieces = draw(st.lists(st.one_of(tags(), WORDS, st.just(PROSE)), max_size=60))
    text = "".join(pieces)
    encoding = draw(ENCODINGS)
    return text.encode(encoding, errors=draw(st.sampled_from(["replace", "xmlcharrefreplace"])))


@st.composite
def mixed_gbk_utf8(draw: st.DrawFn) -> bytes:
    """Chinese text whose pieces are encoded GBK or UTF-8 at random, maybe inside HTML that
    declares either."""
    pieces = draw(st.lists(st.tuples(st.text(CJK | PUNCTUATION, max_size=60), st.booleans())))
    body = b"".join(
        text.encode("gbk", errors="replace") if gbk else text.encode() for text, gbk in pieces
    )
    body += PROSE.encode(draw(st.sampled_from(["gbk", "utf-8"])))
    if draw(st.booleans()):
        charset = draw(CHARSETS).encode()
        body = b'<html><head><meta charset="' + charset + b'"></head><body><p>' + body + b"</p>"
    cut = draw(st.integers(0, 3))  # a multibyte character cut off at the end
    return body[: len(body) - cut] if cut < len(body) else body


# Deep and huge pages are drawn as their recipe (a few numbers and words), built in the test:
# a falsifying example then reads as the recipe, not as megabytes.
DEEP = st.tuples(
    st.integers(1, 20_000),
    st.sampled_from(["div", "span", "p", "table", "td", "li", "font", "b", "ul"]),
    st.booleans(),  # closed
    st.sampled_from([PROSE, f"<p>{PROSE}</p>" * 5, ""]),
    st.booleans(),  # inside an article block
    st.sampled_from(["utf-8", "gbk"]),
)
HUGE = st.tuples(
    st.sampled_from([PROSE, "a", "字", "<b>字</b>", "。", " ", "<p>", "&amp;", "x" * 7]),
    st.integers(1, 1_000_000),  # bytes, about
    st.booleans(),  # inside HTML
)


def deep_page(depth: int, tag: str, closed: bool, inner: str, framed: bool, encoding: str) -> bytes:
    html = f"<{tag}>" * depth + inner + (f"</{tag}>" * depth if closed else "")
    if framed:
        html = f"<html><body><div class='content'><p>{PROSE}</p>{html}<p>{PROSE}</p></div>"
    return html.encode(encoding)


def huge_line(unit: str, size: int, framed: bool) -> bytes:
    line = unit * max(1, size // len(unit.encode()))
    return (f"<html><body><p>{line}</p></body></html>" if framed else line).encode()


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    """One folder for every example (hypothesis runs a test function many times)."""
    with tempfile.TemporaryDirectory(prefix="fanwen-props-") as folder:
        # The first call imports and loads the profiles: not part of any example's time.
        warm = Path(folder) / "warm.html"
        warm.write_text(f"<html><body><p>{PROSE}</p></body></html>", encoding="utf-8")
        clean_file(warm)
        yield Path(folder)


def check_clean(folder: Path, body: bytes) -> None:
    """clean_file() on these bytes gives a Document that prints as JSON, or a FanwenError of
    one line; in PER_EXAMPLE seconds."""
    path = folder / "page.html"
    path.write_bytes(body)
    elapsed = _cleaned_in(path)
    if elapsed >= PER_EXAMPLE:
        # Once more: a slow input is slow every time, a busy machine's hiccup is not.
        elapsed = min(elapsed, _cleaned_in(path))
    assert elapsed < PER_EXAMPLE, f"{elapsed:.2f} s of CPU for {len(body)} bytes"


def _cleaned_in(path: Path) -> float:
    """Clean the file and check the outcome; the CPU seconds it took."""
    started = time.process_time()  # CPU time: other processes' load does not count
    try:
        document = clean_file(path)
    except FanwenError as error:
        message = str(error)
        assert message.strip() and "\n" not in message and "\r" not in message, repr(message)
    else:
        assert isinstance(document, Document)
        # What `fanwen clean` prints: it must encode, lone surrogates and all.
        json.dumps(document.as_dict(), ensure_ascii=False, indent=2).encode("utf-8")
    return time.process_time() - started


@FAST
@given(body=st.binary(max_size=20_000))
def test_random_bytes(workdir: Path, body: bytes) -> None:
    check_clean(workdir, body)


@FAST
@given(body=html_pages())
def test_html_ish_text_in_any_encoding(workdir: Path, body: bytes) -> None:
    check_clean(workdir, body)


@settings(FAST, max_examples=150)
@given(body=mixed_gbk_utf8())
def test_gbk_and_utf8_mixed(workdir: Path, body: bytes) -> None:
    check_clean(workdir, body)


@settings(FAST, max_examples=60)
@given(recipe=DEEP)
def test_deep_nesting(workdir: Path, recipe: tuple[int, str, bool, str, bool, str]) -> None:
    check_clean(workdir, deep_page(*recipe))


@settings(FAST, max_examples=25)
@given(recipe=HUGE)
def test_huge_lines(workdir: Path, recipe: tuple[str, int, bool]) -> None:
    check_clean(workdir, huge_line(*recipe))


def _cli_inputs() -> dict[str, bytes]:
    rng = random.Random(14)
    deep = "<div>" * 20_000 + f"<p>{PROSE}</p>" * 3 + "</div>" * 20_000
    declared = f'<?xml version="1.0" encoding="gbk"?><html><body><p>{PROSE}</p>'
    entities = f"<html><body><p>{PROSE}&#xD800;&#xDFFF;&#0;&#x1f;</p>\x1f</body></html>"
    return {
        "random-bytes": rng.randbytes(50_000),
        "text-bytes": bytes(rng.choices(b"\x81\xa1\xb0\xd2\xfe<>/ p\n\xe4\xb8\xad", k=30_000)),
        "mixed-gbk-utf8": (PROSE.encode("gbk") + PROSE.encode()) * 20 + "完".encode()[:2],
        "xml-declaration": declared.encode("gbk"),
        "controls-and-surrogates": entities.encode(),
        "deep": deep.encode(),
        "huge-line": (PROSE * 60_000).encode(),
    }


@pytest.mark.parametrize("kind", list(_cli_inputs()))
def test_fanwen_clean_prints_json_or_one_line(tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"{kind}.html"
    path.write_bytes(_cli_inputs()[kind])
    result = run_fanwen("clean", str(path))
    assert "Traceback" not in result.stderr
    if result.returncode == 0:
        assert isinstance(json.loads(result.stdout), dict) and result.stderr == ""
    else:
        assert result.returncode == 1 and result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
