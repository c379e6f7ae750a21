"""Read the sample essays bundled under sample_site/essays/<category>/<nn>.txt."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ESSAY_DIR = Path(__file__).parent / "essays"


@dataclass(frozen=True)
class SourceEssay:
    category: str  # folder name, e.g. "xindetihui"
    number: int  # file number within the folder
    title: str
    keywords: tuple[str, ...]
    date: str
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def parse_essay(path: Path) -> SourceEssay:
    """Parse one essay file: `key: value` header lines, `---`, then blank-line paragraphs."""
    header, separator, body = path.read_text(encoding="utf-8").partition("\n---\n")
    if not separator:
        raise ValueError(f"{path}: missing '---' line between header and body")
    fields = dict(line.split(":", 1) for line in header.strip().splitlines())
    fields = {key.strip(): value.strip() for key, value in fields.items()}
    paragraphs = tuple(p.strip() for p in body.split("\n\n") if p.strip())
    return SourceEssay(
        category=path.parent.name,
        number=int(path.stem),
        title=fields["title"],
        keywords=tuple(k.strip() for k in fields["keywords"].split(",") if k.strip()),
        date=fields["date"],
        paragraphs=paragraphs,
    )


def load_essays(directory: Path = ESSAY_DIR) -> dict[str, list[SourceEssay]]:
    """All essays by category folder, in file order."""
    essays: dict[str, list[SourceEssay]] = {}
    for path in sorted(directory.glob("*/*.txt")):
        essays.setdefault(path.parent.name, []).append(parse_essay(path))
    return essays
