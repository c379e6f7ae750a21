"""Stages 1–4, one page's bytes to a `Document`: decode → extract → clean → structure.

- `decode`: bytes → text (BOM, HTTP and `<meta>` charsets, detection); `mojibake`: lines
  garbled by a wrong codec re-read;
- `extract`, `density`: the article's lines, by profile selectors or by prose density;
- `rules` (the boilerplate lexicon), `lineshape` (chrome known by its shape, and the folded
  keys every rule matches), `blurbs` (editors' blurbs), `title` (the title from evidence),
  `noise` (noise inside sentences), `linemodel` (short lines the rules kept, scored by a
  learned model), `lines` (the clean stage: whole boilerplate lines out, fields lifted),
  `boilerplate` (lines learned per site);
- `structure`, `essays`, `script`, `textnorm`: essays of a collection, headings, simplified
  script, punctuation.

Modules here import each other directly; other code imports the names below. `decode`,
`extract` and `structure` here are the functions, not the modules of those names (reach a
module as `sys.modules["pipelines.clean.extract"]`, e.g. to patch it in a test).
"""

from pipelines.clean.boilerplate import MIN_PAGES, countable_lines, is_learned
from pipelines.clean.decode import Decoded, decode
from pipelines.clean.extract import Extracted, ExtractRules, extract, whole_page
from pipelines.clean.lines import Cleaned, clean
from pipelines.clean.structure import structure
from pipelines.clean.textnorm import is_cjk

__all__ = [
    "MIN_PAGES",
    "Cleaned",
    "Decoded",
    "ExtractRules",
    "Extracted",
    "clean",
    "countable_lines",
    "decode",
    "extract",
    "is_cjk",
    "is_learned",
    "structure",
    "whole_page",
]
