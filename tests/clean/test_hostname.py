from __future__ import annotations

import pytest

from pipelines.clean.hostname import host_brands


@pytest.mark.parametrize(
    ("url", "line", "brand"),
    [
        ("https://m.tingyuge.net/a/1.html", "听雨阁", "听雨阁"),  # full readings
        ("https://www.xsbysj.com/a/1.html", "学生毕业设计", "学生毕业设计"),  # initials only
        ("https://www.kebenzw.cn/a/1.html", "课本作文 · 同步作文大全", "课本作文"),  # both
        ("https://www.shici99.com/a/1.html", "诗词99", "诗词99"),  # digits as themselves
        ("https://m.xuexi8.org/a/1.html", "学习吧", "学习吧"),  # digits the brand spells not
        ("https://m.moyuan.cc/a/1.html", "春夜 - 墨苑手机站", "墨苑手机站"),  # a site word after
    ],
)
def test_a_line_spelling_the_host_is_the_sites_brand(url: str, line: str, brand: str) -> None:
    assert host_brands(url, [line]) == (brand,)


@pytest.mark.parametrize(
    ("url", "line"),
    [
        ("https://www.jiaoshijie.com/a/1.html", "教师节演讲稿"),  # a topic host spells no title
        ("https://www.chengzhang.com/a/1.html", "成长的烦恼"),
        ("https://www.zuowen.com/a/1.html", "我的妈妈"),
        ("https://www.zw.com/a/1.html", "作文"),  # too short a host to tell
        ("https://127.0.0.1:8000/a/1.html", "听雨阁"),
    ],
)
def test_a_line_that_does_not_spell_the_host_is_no_brand(url: str, line: str) -> None:
    assert host_brands(url, [line]) == ()
