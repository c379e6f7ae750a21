"""Lines that go together: a related list under its heading, readers' comments under theirs,
bulleted links to other articles, and short chrome a page shows twice.

Each is judged from a line and its neighbours, after the line rules have given their verdicts.
"""

from __future__ import annotations

import re

from pipelines.clean.essays import opens_essay
from pipelines.clean.lineshape import has_count_tail, is_title_list_item

_SENTENCE_MARK = re.compile(r"[。！？!?]")
_COMMENTS_HEADING = re.compile(
    r"\W*(网友|用户|读者|全部|最新|热门|精彩|最热|精选)?(评论|留言|跟帖|回帖)(列表|区)?"
    r"\W*(\d+\s*条?)?\W*"
)
_BYLINE_DATE = re.compile(
    r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}|\d{1,2}[-/]\d{1,2}\s+\d{1,2}:\d{2}|\d+\s*(分钟|小时|天)前"
)
_MAX_BYLINE = 40
# A line the page repeats is chrome again only when short, and not when its first showing
# was the title or an editor's sentence cut from the prose.
_MAX_ECHO = 12
# A date: "2017年10月20日", "2024-03-25".
_DATED = re.compile(r"\d{4}\s*[年/.-]|[〇○零一二三四五六七八九]{4}\s*年")
_NOT_ECHOED = frozenset({"title-repeat", "inline-blurb"})


def echoing_chrome(
    verdicts: list[tuple[str, str | None]], keys: list[str], prose: list[int]
) -> list[tuple[str, str | None]]:
    """A short line above the first prose or below the last, with chrome between, that the
    page has already shown as chrome elsewhere (an author's name by the follow button,
    repeated under the article). A letter's signature right under the prose stays. `prose`:
    the indexes of the kept lines of prose."""
    if not prose:
        return verdicts
    shown = {
        key
        for key, (_, reason) in zip(keys, verdicts, strict=True)
        if reason is not None and reason not in _NOT_ECHOED and 0 < len(key) <= _MAX_ECHO
    }
    if not shown:
        return verdicts
    removed = [reason is not None for _, reason in verdicts]

    def apart(index: int) -> bool:  # outside the prose, some chrome between
        if index < prose[0]:
            return any(removed[index + 1 : prose[0]])
        return index > prose[-1] and any(removed[prose[-1] + 1 : index])

    return [
        (line, "repeated-chrome")
        if reason is None and keys[index] in shown and apart(index)
        else (line, reason)
        for index, (line, reason) in enumerate(verdicts)
    ]


def between_chrome(
    verdicts: list[tuple[str, str | None]], keys: list[str], prose: list[int]
) -> list[tuple[str, str | None]]:
    """A short, unpunctuated line below the last prose, with chrome between, that chrome also
    stands right above and right below: a value whose label went as chrome ("文档贡献者" /
    "刘芳芳" / "上传于…"). A signature under the prose has the prose, or its date, beside it."""
    if not prose:
        return verdicts
    removed = [reason is not None for _, reason in verdicts]
    # A page counter is a converted document's own furniture: a signature's date may stand
    # between one and the library's chrome ("第7页 / 共7页", "2017年10月20日", "下载…").
    walls = [reason is not None and reason != "pager" for _, reason in verdicts]
    filled = [index for index, key in enumerate(keys) if key]
    out = list(verdicts)
    for before, index, after in zip(filled, filled[1:], filled[2:], strict=False):
        key = keys[index]
        if (
            index > prose[-1]
            and not removed[index]
            and walls[before]
            and walls[after]
            and len(key) <= _MAX_ECHO
            and not _SENTENCE_MARK.search(key)
            and not _DATED.search(key)
            and any(removed[prose[-1] + 1 : before + 1])
        ):
            out[index] = (verdicts[index][0], "between-chrome")
    return out


def in_title_list(keys: list[str], index: int) -> bool:
    """A bulleted link to another article: one with an "(精选N篇)" tail, or one of a run."""
    key = keys[index]
    if not is_title_list_item(key):
        return False
    if has_count_tail(key):
        return True
    neighbours = [
        keys[j] for j in (index - 2, index - 1, index + 1, index + 2) if 0 <= j < len(keys)
    ]
    return sum(is_title_list_item(k) for k in neighbours) >= 2


def opens_comments(keys: list[str], index: int) -> bool:
    """A comment section's heading ("网友评论", "全部评论(3)", "最新留言") with a commenter's
    byline (a name and a date) right after it: readers' comments follow, not the essay."""
    if not _COMMENTS_HEADING.fullmatch(keys[index]):
        return False
    following = next((key for key in keys[index + 1 : index + 3] if key), "")
    return len(following) <= _MAX_BYLINE and bool(_BYLINE_DATE.search(following))


_NON_WORD = re.compile(r"\W")
_MAX_BARE_HEADING = 8


def lexicon_heading(key: str, reason: str | None, after_prose: bool = False) -> bool:
    """A related-list line of the lexicon that ends in a colon heads the list below it
    ("看了“…”的人还看了：", "相关文章推荐："); after the prose, so does one that is little but
    the lexicon's words ("往期推荐", "热门阅读")."""
    if reason != "related-list":
        return False
    if key.rstrip().endswith((":", "：")):
        return True
    return after_prose and "|" not in key and len(_NON_WORD.sub("", key)) <= _MAX_BARE_HEADING


def heads_list(keys: list[str], index: int) -> bool:
    """Whether what follows a related-list heading is a list: the page ends, or the next
    non-empty line is link-like (a heading followed by prose is the essay's own)."""
    following = next((key for key in keys[index + 1 :] if key), None)
    return following is None or is_link_like(following)


def is_link_like(key: str) -> bool:
    """Short, unpunctuated lines: the entries of a related-articles list (a question's own
    mark at its end allowed: "年终工作总结怎么写？" in a list of other questions). The next
    essay's marker ("【篇二】…") after a list between a collection's essays is none."""
    return len(key) <= 40 and not _SENTENCE_MARK.search(key.rstrip("？?")) and not opens_essay(key)
