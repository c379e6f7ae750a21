"""Lines that go together: a related list under its heading, readers' comments under theirs,
bulleted links to other articles, prev/next links, short chrome a page shows twice or sets
between chrome, and the labelled lines an essay holds (a form's fields, a heading over its
list, a signature over its date).

Each is judged from a line and its neighbours, after the line rules have given their verdicts.
"""

from __future__ import annotations

import re
from itertools import islice

from pipelines.clean.essays import opens_essay
from pipelines.clean.lineshape import (
    ACCOUNT_CUE,
    FORM_LABEL,
    LABEL,
    char_pairs,
    has_count_tail,
    is_title_list_item,
)
from pipelines.clean.rules import is_related_heading

_SENTENCE_MARK = re.compile(r"[。！？!?]")
_OPEN_ENDS = "，,：:、；;"
_MAX_ENTRY = 60  # a contents entry is a title with its marker, no longer
_SECTION = re.compile("^[一二三四五六七八九十]{1,3}、")
_COMMENTS_HEADING = re.compile(
    r"\W*(网友|用户|读者|全部|最新|热门|精彩|最热|精选)?(评论|留言|跟帖|回帖)(列表|区)?"
    r"\W*(\d+\s*条?)?\W*"
)
_BYLINE_DATE = re.compile(
    r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}|\d{1,2}[-/]\d{1,2}\s+\d{1,2}:\d{2}|\d+\s*(分钟|小时|天)前"
)
_MAX_BYLINE = 40
# A comment as one short line under its commenter's name ("书香满园：写得真好，收藏了").
_NAMED_REMARK = re.compile(r"[^:：\s]{2,10}[:：][^:：]{1,40}")
# A line the page repeats is chrome again only when short, and not when its first showing
# was the title or an editor's sentence cut from the prose.
_MAX_ECHO = 12
# A date: "2017年10月20日", "2024-03-25".
_DATED = re.compile(r"\d{4}\s*[年/.-]|[〇○零一二三四五六七八九]{4}\s*年")
_NOT_ECHOED = frozenset({"title-repeat", "inline-blurb"})
# Sentence and clause punctuation: a line holding any is no heading or field.
SENTENCE_PUNCT = re.compile(r"[。！？；!?;，,]")
# A label that opens a line: a form's field, a heading over a list, a signature's role.
_FIELD = re.compile(r"^\W*[^\W\d][\w()（）]{0,9}\s*[:：]")
_MAX_LIST_HEADING = 12
_MAX_ACCOUNT = 12  # an account's name between the title and its byline
# A record's field: a short label and a value of four characters or more, without digits.
_RECORD = re.compile(r"^\W*([^\W\d]{1,4})\s*[:：]\s*([^\d:：|｜]{4,})$")
_RECORD_REACH = 4  # lines on each side within which a record's label comes again
# "1、让学生了解溺水的危害。": an item of the essay's own list, a sentence.
_NUMBERED_SENTENCE = re.compile(
    r"^\W*[\d一二三四五六七八九十]{1,2}\s*[、.．)）]\s*.{2,}[。；;！!]$"
)
# A date alone on its line, as under a signature: "2023年9月1日", "二〇二四年三月十日".
_DATE_LINE = re.compile(
    r"^\W*(\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,2}\s*月(\s*[\d一二三四五六七八九十]{1,3}\s*日)?\W*$"
)
# The time of a meeting or an event, a field of the minutes when other fields stand by.
_EVENT_TIME = re.compile(r"^\W*(会议|活动)?(时间|日期)\s*[:：]")
# A prev/next label with no title after it: "«上一篇", "下一篇 ▶".
_BARE_PREV_NEXT = re.compile(r"^\W*(上|下|前|后)一?(篇|页|章|条|个)(文章|作文|范文|日志|帖子)?\W*$")
# "上篇：<title>": half of a prev/next pair (a book's 上篇 has no 下篇 beside it).
_HALF = re.compile(r"^\W*(上|下)篇\s*[:：]\s*\S")
# A related heading may name the article with its word count ("…作文600字相关推荐：").
_WORD_COUNT = re.compile(r"(作文)?\d{2,5}字")
_RELATED_TAIL = re.compile(
    r"(相关文章|相关推荐|相关阅读|扩展阅读|延伸阅读|推荐阅读|相关内容|相关范文|相关作文)\W*$"
)
_MAX_NAMED_HEADING = 50
_QUOTED_NAME = re.compile(r"《[^》]{1,40}》")


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
    "刘芳芳" / "上传于…"). A signature under the prose has the prose, or its date, beside it.
    Above the first prose, the same between the title's line and the byline under it: an
    author's account name ("<title>" / "某某教育号" / "2023-09-05 18:42 河南"); a dashed
    subtitle or a salutation is the essay's."""
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
            and (walls[before] or ACCOUNT_CUE.search(keys[after]))  # "某某号" / "2万粉丝"
            and walls[after]
            and len(key) <= _MAX_ECHO
            and not _SENTENCE_MARK.search(key)
            and not _DATED.search(key)
            and (any(removed[prose[-1] + 1 : before + 1]) or ACCOUNT_CUE.search(keys[after]))
        ):
            out[index] = (verdicts[index][0], "between-chrome")
        elif index < prose[0] and not removed[index] and walls[after]:
            title = _title_above(out, keys, index)
            if title and _account_like(key, title):
                out[index] = (verdicts[index][0], "between-chrome")
    return out


def _title_above(verdicts: list[tuple[str, str | None]], keys: list[str], index: int) -> str:
    """The title's line above line `index` with only removed lines between, or ""."""
    for above in range(index - 1, -1, -1):
        reason = verdicts[above][1]
        if reason == "title-repeat":
            return keys[above]
        if keys[above] and reason is None:
            return ""
    return ""


def _account_like(key: str, title: str) -> bool:
    """A name under the title and over its byline, with no word of the title in it (a
    subtitle, the document's own heading "我的妈妈" under "三年级作文我的妈妈", shares one), no
    punctuation, no essay marker and no salutation."""
    return (
        len(key) <= _MAX_ACCOUNT
        and not _SENTENCE_MARK.search(key)
        and not key.startswith(("—", "-"))
        and not key.endswith((":", "："))
        and not opens_essay(key)
        and not char_pairs(key) & char_pairs(title)
    )


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


def contents_runs(keys: list[str]) -> set[int]:
    """A collection's contents laid out one entry per line: two or more essay markers in a
    row ("【1】初中…", "【2】小学…"), each found again further down, where its essay starts."""
    found: set[int] = set()
    index = 0
    while index < len(keys):
        end = index
        while end < len(keys) and 0 < len(keys[end]) <= _MAX_ENTRY and opens_essay(keys[end]):
            end += 1
        entries = index  # the run's entries found again below them: the first essay's
        while entries < end and keys[entries] in keys[entries + 1 :]:  # own marker may end it
            entries += 1
        if entries - index >= 2:
            found.update(range(index, entries))
        index = max(end, index + 1)
    return found


def opens_comments(keys: list[str], index: int) -> bool:
    """A comment section's heading ("网友评论", "全部评论(3)", "最新留言") with a commenter's
    byline (a name and a date) right after it, or two short remarks each under a name:
    readers' comments follow, not the essay."""
    if not _COMMENTS_HEADING.fullmatch(keys[index]):
        return False
    following = [key for key in keys[index + 1 : index + 4] if key][:2]
    if not following:
        return False
    if len(following[0]) <= _MAX_BYLINE and _BYLINE_DATE.search(following[0]):
        return True
    return len(following) == 2 and all(_NAMED_REMARK.fullmatch(key) for key in following)


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
    after = list(islice((i for i in range(index + 1, len(keys)) if keys[i]), 2))
    if not after or is_link_like(keys[after[0]]):
        return True
    # an item named like an essay's marker ("我家的小狗（一）") with no prose after it
    return opens_essay(keys[after[0]]) and (len(after) < 2 or is_link_like(keys[after[1]]))


def is_link_like(key: str) -> bool:
    """Short, unpunctuated lines: the entries of a related-articles list (a question's own
    mark at its end allowed: "年终工作总结怎么写？" in a list of other questions). The next
    essay's marker ("【篇二】…") after a list between a collection's essays is none, nor is a
    line left open ("老师，", "各位领导：") or a section's heading ("一、学习上"): the essay's."""
    return (
        len(key) <= 40
        and not _SENTENCE_MARK.search(key.rstrip("？?"))
        and key.rstrip()[-1:] not in _OPEN_ENDS
        and not _SECTION.match(key)
        and not opens_essay(key)
    )


def is_bare_prev_next(key: str) -> bool:
    """ "«上一篇", "下一篇 ▶": a prev/next label whose title stands on the next line."""
    return bool(_BARE_PREV_NEXT.match(key))


def is_event_time_field(keys: list[str], index: int) -> bool:
    """ "时间：2024年1月5日" over "地点：…": a meeting's time among its minutes' fields."""
    return bool(_EVENT_TIME.match(keys[index])) and _among_fields(keys, index)


def halves_paired(keys: list[str], index: int) -> bool:
    """ "上篇：<title>" next to "下篇：<title>": links to the articles before and after."""
    match = _HALF.match(keys[index])
    if not match:
        return False
    other = "下" if match.group(1) == "上" else "上"
    near = [k for k in keys[max(index - 1, 0) : index + 2] if k and k != keys[index]]
    return any((m := _HALF.match(k)) is not None and m.group(1) == other for k in near)


def essay_field(keys: list[str], index: int) -> bool:
    """A labelled line the essay holds, whatever its words: one more field next to a form's
    field ("时间：…" over "地点：…"), a heading over its numbered sentences ("活动目标：" over
    "1、让学生了解溺水的危害。"), a signature over the date ("班主任：刘老师" over "2023年9月1日")."""
    key = keys[index]
    if not _FIELD.match(key):
        return False
    following = next((k for k in keys[index + 1 : index + 3] if k), "")
    heading = key.endswith((":", "：")) and len(key) <= _MAX_LIST_HEADING
    return (
        (heading and bool(_NUMBERED_SENTENCE.match(following)))
        or _among_fields(keys, index)
        or bool(_DATE_LINE.match(following))
        or _in_record_cycle(keys, index)
    )


def _in_record_cycle(keys: list[str], index: int) -> bool:
    """Whether the line's label comes again a few lines away with another value of words
    ("上联：…/下联：…/横批：…" couplet after couplet, "问：…/答：…"): records the page lists.
    A site's own labels ("作者：", "来源：") and values with digits (a date, a count) are
    chrome's, not a record's."""
    record = _RECORD.match(keys[index])
    if record is None or LABEL.match(keys[index]):
        return False
    near = [i for i in range(max(index - _RECORD_REACH * 3, 0), index) if keys[i]][-_RECORD_REACH:]
    near += [
        i for i in range(index + 1, index + 1 + _RECORD_REACH * 3) if i < len(keys) and keys[i]
    ][:_RECORD_REACH]
    for other in near:
        again = _RECORD.match(keys[other])
        if again and again.group(1) == record.group(1) and again.group(2) != record.group(2):
            return True
    return False


def _among_fields(keys: list[str], index: int) -> bool:
    """Whether a field of a form stands next to line `index` (a blank line between allowed)."""
    near = [k for k in keys[max(index - 2, 0) : index] if k][-1:]
    near += [k for k in keys[index + 1 : index + 3] if k][:1]
    return any(FORM_LABEL.match(k) for k in near)


def relates_to_named(key: str, wanted: str) -> bool:
    """A related list's heading that names an article, this one or one in 《》: "<title>
    相关内容：", "与《我的梦想》相关的作文：", "【<title>】相关文章："."""
    rest = _QUOTED_NAME.sub("", key.replace(wanted, "", 1) if wanted else key)
    if rest != key and is_related_heading(_WORD_COUNT.sub("", rest)):
        return True
    # "<another form of the title>扩展阅读", "…作文600字相关推荐：": a title-like line that ends
    # in a related heading's words.
    return (
        len(key) <= _MAX_NAMED_HEADING
        and not SENTENCE_PUNCT.search(key)
        and bool(_RELATED_TAIL.search(key))
    )
