"""A labelled dedup corpus, made by simulating how essay sites copy each other.

Source essays are real text read at run time (none of it is kept in the repository):

- the sample site's bundled essays (`fanwen_crawler/sample_site/essays/`);
- the cwced-dev ground-truth texts, `../shared/eval-data/cwced-dev/cleaned/*.txt` beside the
  repository, those of at least 300 characters, their hard-wrapped fragments rejoined into
  paragraphs (skipped when the folder is absent);
- the three essays of the seed page, `../shared/seed/000_0b12952a5bb58dbc.txt` (if present).

Each source essay is an `original` item and gets one copy per edit class (see EDIT_CLASSES),
each copy in the source's cluster. Every source is also bundled with 1–4 others of its group
into a `collection` (【1】…【2】…), which is its own cluster; the pairs (member original,
collection) are the containment labels.

Hard negatives are pairs that must not be linked: every two originals of the same group (two
心得体会 of the sample site, two essays of the seed page), and synthetic essays written around the
same salutation, template sentences and closing formula (尊敬的各位领导… / 此致 敬礼) with
different bodies. The bodies come from a few sample essays held back from the sources, so a
synthetic essay never overlaps a source.

Everything is drawn from one seeded `random.Random`: the same seed gives the same corpus.

    /tmp/venv/bin/python bench/dedup_corpus.py [--seed N]     # corpus size per class
"""

from __future__ import annotations

import argparse
import random
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import opencc

from fanwen_crawler.sample_site.essays import load_essays

SHARED = Path(__file__).resolve().parents[2] / "shared"
CWCED_DIR = SHARED / "eval-data" / "cwced-dev" / "cleaned"
SEED_PAGE = SHARED / "seed" / "000_0b12952a5bb58dbc.txt"

EDIT_CLASSES = (
    "exact",
    "retitle+boilerplate",
    "edit-1pct",
    "edit-5pct",
    "edit-10pct",
    "reorder",
    "drop-paragraph",
    "brand",
    "truncated",
    "traditional",
)
EXACT_CLASSES = ("exact", "retitle+boilerplate")  # identical once whitespace/punctuation go
ORIGINAL, COLLECTION, NEGATIVE = "original", "collection", "negative"

MIN_CWCED_CHARS = 300
DONORS_PER_CATEGORY = 2  # sample essays held back as bodies of synthetic hard negatives

# About 200 of the most frequent Chinese characters: what a careless retyping puts in.
COMMON_CHARS = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工"
    "也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小"
    "物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形"
    "相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建"
    "月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长"
)
BRAND_SITES = ("优选范文网", "华章范文网", "笔耕范文网", "文秘范文网", "佳作范文网", "千篇范文网")
BRAND_FORMS = ("{}", "（来源：{}）", "更多精彩范文请关注{}", "{}整理")

_TERMINAL = "。！？!?…；;：:"
_CLOSING = "”’」』）)》"
_SENTENCE = re.compile(r"[^。！？!?]*(?:[。！？!?]+[”’」』]?|$)")
_ENUMERATOR = re.compile(
    r"^(?:第[一二三四五六七八九十百]+[章节部分篇条]|[一二三四五六七八九十]+、|"
    r"[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．])"
)
_ESSAY_MARK = re.compile(r"^【(\d+)】")
_FULL_TO_HALF = str.maketrans("，：；！？（）", ",:;!?()")
_S2T = opencc.OpenCC("s2t")


@dataclass(frozen=True)
class Source:
    id: str
    group: str  # e.g. "sample/xindetihui", "cwced", "seed": same-topic groups give hard negatives
    title: str
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True)
class Item:
    id: str
    cluster: str  # the source essay it copies (its own id for collections and negatives)
    edit_class: str  # ORIGINAL, one of EDIT_CLASSES, COLLECTION or NEGATIVE
    title: str
    text: str
    truncated: bool = False


@dataclass
class Corpus:
    items: list[Item] = field(default_factory=list)
    containment: list[tuple[str, str]] = field(default_factory=list)  # (member, collection)
    hard_negatives: list[tuple[str, str]] = field(default_factory=list)

    def class_counts(self) -> Counter[str]:
        return Counter(item.edit_class for item in self.items)


# --- sources -------------------------------------------------------------------------------


def sample_sources() -> list[Source]:
    return [
        Source(
            f"sample/{essay.category}/{essay.number:02d}",
            f"sample/{essay.category}",
            essay.title,
            essay.paragraphs,
        )
        for essays in load_essays().values()
        for essay in essays
    ]


def cwced_sources(directory: Path = CWCED_DIR) -> list[Source]:
    """The cwced-dev ground-truth texts of at least MIN_CWCED_CHARS characters."""
    sources = []
    for path in sorted(directory.glob("*.txt")):
        fragments = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        paragraphs = join_fragments([f for f in fragments if f])
        if sum(len(p) for p in paragraphs) >= MIN_CWCED_CHARS:
            title = f"cwced {path.stem[:8]}"
            sources.append(Source(f"cwced/{path.stem[:8]}", "cwced", title, tuple(paragraphs)))
    return sources


def seed_sources(path: Path = SEED_PAGE) -> list[Source]:
    """The seed page's essays: from each 【n】 line to the next; header and TAG标签 line dropped."""
    if not path.is_file():
        return []
    essays: list[tuple[str, list[str]]] = []
    for line in (raw.strip() for raw in path.read_text(encoding="utf-8").splitlines()):
        mark = _ESSAY_MARK.match(line)
        if mark:
            essays.append((line[mark.end() :].strip(), []))
        elif line and essays and not line.startswith("TAG标签"):
            essays[-1][1].append(line)
    return [
        Source(f"seed/{number}", "seed", title, tuple(join_fragments(lines)))
        for number, (title, lines) in enumerate(essays, start=1)
    ]


def join_fragments(fragments: Sequence[str]) -> list[str]:
    """Rejoin line fragments into paragraphs.

    A line continues into the next when it stops mid-sentence (no closing punctuation) and
    neither of the two is a heading, and in a hard-wrapped text (most lines about as long as
    its longest) after every full-width line."""
    width = _wrap_width(fragments)
    paragraphs: list[str] = []
    previous = ""
    for fragment in fragments:
        if paragraphs and _continues(previous, fragment, width):
            paragraphs[-1] += fragment
        else:
            paragraphs.append(fragment)
        previous = fragment
    return paragraphs


def _wrap_width(fragments: Sequence[str]) -> int | None:
    """The line width of a hard-wrapped text, None when its lines are paragraphs."""
    lengths = sorted(len(f) for f in fragments)
    if len(lengths) < 10:
        return None
    width = lengths[int(len(lengths) * 0.9)]
    full = sum(length >= 0.85 * width for length in lengths)
    return width if full >= len(lengths) / 2 else None


def _continues(previous: str, fragment: str, width: int | None) -> bool:
    if width is not None and len(previous) >= 0.85 * width:
        return True  # a full line of a hard-wrapped text
    ends_sentence = previous.rstrip(_CLOSING).endswith(tuple(_TERMINAL))
    return not (ends_sentence or _is_heading(previous) or _is_heading(fragment))


def _is_heading(line: str) -> bool:
    short_label = len(line) <= 25 and re.fullmatch(r"\w+", line) is not None
    return short_label or _ENUMERATOR.match(line) is not None


# --- edits ---------------------------------------------------------------------------------


def retitle(title: str, rng: random.Random) -> str:
    return title + rng.choice(("（精选）", "范文", "（推荐）", "【通用版】", "模板"))


def reformat(text: str, rng: random.Random) -> str:
    """The body another site's cleaner leaves: half-width punctuation, other spacing."""
    paragraphs = [p.translate(_FULL_TO_HALF) for p in text.split("\n\n")]
    spaced = [
        re.sub(r"([,:;!?])", lambda m: m.group(1) + " " * rng.randint(0, 2), p) for p in paragraphs
    ]
    return "\n".join("\u3000\u3000" + p + "\n" * rng.randint(0, 2) for p in spaced)


def edit_characters(text: str, share: float, rng: random.Random) -> str:
    """Substitute, insert or delete `share` of the (non-space) characters, at random."""
    chars = list(text)
    positions = [i for i, char in enumerate(chars) if not char.isspace()]
    count = max(1, round(share * len(positions)))
    for index in sorted(rng.sample(positions, count), reverse=True):
        operation = rng.choice(("substitute", "insert", "delete"))
        if operation == "substitute":
            chars[index] = rng.choice([c for c in COMMON_CHARS if c != chars[index]])
        elif operation == "insert":
            chars.insert(index, rng.choice(COMMON_CHARS))
        else:
            del chars[index]
    return "".join(chars)


def reorder_sentences(paragraphs: Sequence[str], rng: random.Random) -> str | None:
    """Move two sentences each to another place; None for essays of fewer than 4 sentences."""
    placed = [(number, s) for number, p in enumerate(paragraphs) for s in _SENTENCE.findall(p) if s]
    if len(placed) < 4:
        return None
    for _ in range(2):
        origin = rng.randrange(len(placed))
        _, sentence = placed.pop(origin)
        target = rng.choice([i for i in range(len(placed) + 1) if i != origin])
        neighbour = placed[min(target, len(placed) - 1)][0]
        placed.insert(target, (neighbour, sentence))
    rebuilt: dict[int, str] = {}
    for number, sentence in placed:
        rebuilt[number] = rebuilt.get(number, "") + sentence
    return "\n\n".join(rebuilt.values())


def drop_paragraph(paragraphs: Sequence[str], rng: random.Random) -> str | None:
    """Remove one paragraph of at most 30% of the text; None below 4 paragraphs."""
    total = sum(len(p) for p in paragraphs)
    droppable = [i for i, p in enumerate(paragraphs) if len(p) <= 0.3 * total]
    if len(paragraphs) < 4 or not droppable:
        return None
    dropped = rng.choice(droppable)
    return "\n\n".join(p for i, p in enumerate(paragraphs) if i != dropped)


def inject_brand(text: str, rng: random.Random) -> str:
    """Put a site's name (e.g. "（来源：优选范文网）") at 3 random places."""
    site = rng.choice(BRAND_SITES)
    for _ in range(3):
        at = rng.randrange(len(text) + 1)
        text = text[:at] + rng.choice(BRAND_FORMS).format(site) + text[at:]
    return text


def truncate(text: str, rng: random.Random) -> str:
    return text[: round(len(text) * rng.uniform(0.4, 0.6))].rstrip()


def to_traditional(text: str) -> str:
    return str(_S2T.convert(text))


# The copy's text for each edit class (None when the class does not apply to the essay).
Edit = Callable[[Source, random.Random], str | None]

EDITS: dict[str, Edit] = {
    "exact": lambda source, rng: source.text,
    "retitle+boilerplate": lambda source, rng: reformat(source.text, rng),
    "edit-1pct": lambda source, rng: edit_characters(source.text, 0.01, rng),
    "edit-5pct": lambda source, rng: edit_characters(source.text, 0.05, rng),
    "edit-10pct": lambda source, rng: edit_characters(source.text, 0.10, rng),
    "reorder": lambda source, rng: reorder_sentences(source.paragraphs, rng),
    "drop-paragraph": lambda source, rng: drop_paragraph(source.paragraphs, rng),
    "brand": lambda source, rng: inject_brand(source.text, rng),
    "truncated": lambda source, rng: truncate(source.text, rng),
    "traditional": lambda source, rng: to_traditional(source.text),
}


def copies_of(source: Source, rng: random.Random) -> Iterator[Item]:
    """The original and one copy per applicable edit class, all in the source's cluster."""
    yield Item(source.id, source.id, ORIGINAL, source.title, source.text)
    for edit_class in EDIT_CLASSES:
        text = EDITS[edit_class](source, rng)
        if text is not None:
            title = to_traditional(source.title) if edit_class == "traditional" else source.title
            yield Item(
                f"{source.id}#{edit_class}",
                source.id,
                edit_class,
                retitle(title, rng),
                text,
                truncated=edit_class == "truncated",
            )


# --- collections ---------------------------------------------------------------------------


def group_sizes(count: int, rng: random.Random) -> list[int]:
    """Sizes of 2–5 that add up to `count` (≥ 2)."""
    sizes = []
    while count > 5:
        size = rng.randint(2, min(5, count - 2))
        sizes.append(size)
        count -= size
    return sizes + [count] if count else sizes


def collections(sources: Sequence[Source], rng: random.Random) -> Iterator[tuple[Item, list[str]]]:
    """Every source in one collection of 2–5 essays of its group: (collection, member ids)."""
    by_group: dict[str, list[Source]] = {}
    for source in sources:
        by_group.setdefault(source.group, []).append(source)
    number = 0
    for group in sorted(by_group):
        members = by_group[group][:]
        rng.shuffle(members)
        if len(members) < 2:
            continue
        for size in group_sizes(len(members), rng):
            bundle, members = members[:size], members[size:]
            number += 1
            yield _collection(f"collection/{number:02d}", bundle), [m.id for m in bundle]


def _collection(identifier: str, members: Sequence[Source]) -> Item:
    text = "\n\n".join(f"【{i}】{m.title}\n\n{m.text}" for i, m in enumerate(members, start=1))
    title = f"{members[0].title}等{len(members)}篇"
    return Item(identifier, identifier, COLLECTION, title, text)


# --- hard negatives ------------------------------------------------------------------------


@dataclass(frozen=True)
class Template:
    """What essays of one genre share whatever they say."""

    category: str  # the sample-site category whose held-back essays give the bodies
    opening: tuple[str, ...]
    sentences: tuple[str, str]  # the first always, the second in about half of the essays
    closing: tuple[str, ...]


TEMPLATES = (
    Template(
        "gongzuozongjie",
        ("尊敬的各位领导、各位同事：", "大家好！"),
        (
            "下面我就一年来的工作情况汇报如下。",
            "一年来，在领导的关心和同事们的支持下，我认真履行岗位职责，较好地完成了各项工作任务。",
        ),
        ("以上是我的述职报告，不足之处，恳请各位领导和同事批评指正。", "此致", "敬礼！"),
    ),
    Template(
        "shenqingshu",
        ("尊敬的领导：", "您好！"),
        (
            "我怀着十分诚恳的心情，郑重地向组织提出这份申请。",
            "恳请领导根据我的实际情况予以考虑和批准。",
        ),
        ("特此申请，望领导批准。", "此致", "敬礼！"),
    ),
    Template(
        "sixianghuibao",
        ("敬爱的党组织：",),
        (
            "下面我将近期的思想、学习和工作情况向党组织汇报如下。",
            "请党组织在今后的实践中继续考验我。",
        ),
        ("以上是我近期的思想汇报，恳请党组织批评指正。", "此致", "敬礼！"),
    ),
    Template(
        "yanjianggao",
        ("尊敬的各位领导、各位评委，亲爱的同事们：", "大家好！"),
        (
            "我很荣幸能够站在这里，和大家分享我的一些想法和体会。",
            "我相信，只要我们坚持下去，明天一定会更好。",
        ),
        ("我的演讲完毕，谢谢大家！",),
    ),
    Template(
        "xindetihui",
        ("尊敬的各位领导、各位同事：",),
        (
            "通过这次学习，我深受启发，收获颇丰，现将学习心得汇报如下。",
            "在今后的工作中，我将以更加饱满的热情投入到工作中去。",
        ),
        ("以上是我的一些粗浅体会，不妥之处，请批评指正。", "此致", "敬礼！"),
    ),
)


def bodies(paragraphs: Sequence[str], rng: random.Random) -> Iterator[list[str]]:
    """Runs of consecutive paragraphs of 120–300 characters each, none sharing a paragraph."""
    run: list[str] = []
    target = rng.randint(120, 300)
    for paragraph in paragraphs:
        run.append(paragraph)
        if sum(len(p) for p in run) >= target:
            yield run
            run, target = [], rng.randint(120, 300)


def templated_essay(template: Template, body: Sequence[str], rng: random.Random) -> str:
    first, second = template.sentences
    lines = [*template.opening, first, *body]
    if rng.random() < 0.5:
        lines.append(second)
    return "\n\n".join([*lines, *template.closing])


def synthetic_negatives(
    donors: dict[str, list[Source]], rng: random.Random
) -> Iterator[tuple[Template, Item]]:
    """Essays of one template around different bodies from held-back essays of its genre."""
    for template in TEMPLATES:
        runs = [run for d in donors.get(template.category, []) for run in bodies(d.paragraphs, rng)]
        for number, run in enumerate(runs, start=1):
            identifier = f"negative/{template.category}/{number:02d}"
            text = templated_essay(template, run, rng)
            yield template, Item(identifier, identifier, NEGATIVE, run[0][:20], text)


def same_group_pairs(sources: Sequence[Source]) -> list[tuple[str, str]]:
    """Every two different source essays of the same group (cwced pages are not one topic)."""
    return [
        (a.id, b.id)
        for i, a in enumerate(sources)
        for b in sources[i + 1 :]
        if a.group == b.group and a.group != "cwced"
    ]


# --- the corpus ----------------------------------------------------------------------------


def split_donors(
    sources: list[Source], rng: random.Random
) -> tuple[list[Source], dict[str, list[Source]]]:
    """Hold back DONORS_PER_CATEGORY sample essays per category as hard-negative bodies."""
    donors: dict[str, list[Source]] = {}
    for template in TEMPLATES:
        group = [s for s in sources if s.group == f"sample/{template.category}"]
        donors[template.category] = rng.sample(group, min(DONORS_PER_CATEGORY, len(group)))
    held = {s.id for chosen in donors.values() for s in chosen}
    return [s for s in sources if s.id not in held], donors


def load_sources() -> list[Source]:
    return sample_sources() + cwced_sources() + seed_sources()


def build_corpus(seed: int = 0, sources: list[Source] | None = None) -> Corpus:
    rng = random.Random(seed)
    sources, donors = split_donors(sources if sources is not None else load_sources(), rng)
    corpus = Corpus()
    for source in sources:
        corpus.items.extend(copies_of(source, rng))
    for collection, members in collections(sources, rng):
        corpus.items.append(collection)
        corpus.containment.extend((member, collection.id) for member in members)
    corpus.hard_negatives.extend(same_group_pairs(sources))
    by_template: dict[str, list[str]] = {}
    for template, item in synthetic_negatives(donors, rng):
        corpus.items.append(item)
        by_template.setdefault(template.category, []).append(item.id)
    for ids in by_template.values():
        corpus.hard_negatives.extend((a, b) for i, a in enumerate(ids) for b in ids[i + 1 :])
    return corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    corpus = build_corpus(args.seed)
    origins = Counter(i.id.split("/")[0] for i in corpus.items if i.edit_class == ORIGINAL)
    print(f"sources: {', '.join(f'{name} {n}' for name, n in sorted(origins.items()))}")
    counts = corpus.class_counts()
    for edit_class in (ORIGINAL, *EDIT_CLASSES, COLLECTION, NEGATIVE):
        print(f"{edit_class:<22}{counts[edit_class]:>6}")
    print(f"{'items':<22}{len(corpus.items):>6}")
    print(f"{'containment labels':<22}{len(corpus.containment):>6}")
    print(f"{'hard-negative pairs':<22}{len(corpus.hard_negatives):>6}")


if __name__ == "__main__":
    main()
