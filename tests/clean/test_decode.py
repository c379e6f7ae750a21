from __future__ import annotations

import pytest

from pipelines.clean import decode
from pipelines.errors import NotTextError

ESSAY = "敬爱的党组织：我志愿加入中国共产党，愿意为共产主义事业奋斗终身。"


def test_decode_reads_gb2312_meta_as_gb18030() -> None:
    # 镕 is outside GB2312 but inside GBK: real "gb2312" pages contain such characters.
    body = f'<html><head><meta charset="gb2312"></head><body>{ESSAY}朱镕基</body></html>'
    decoded = decode(body.encode("gbk"))
    assert decoded.encoding == "gb18030"
    assert "朱镕基" in decoded.text and decoded.is_html


def test_decode_finds_http_equiv_after_long_head() -> None:
    head = "<html><head><script>" + "var a = 1;\n" * 600 + "</script>"
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=gbk">'
    body = (head + meta + f"</head><body>{ESSAY}</body></html>").encode("gbk")
    assert ESSAY in decode(body).text


def test_decode_prefers_http_charset_over_guessing() -> None:
    body = f"<html><body>{ESSAY}</body></html>".encode("gbk")
    assert ESSAY in decode(body, "text/html; charset=GBK").text


def test_decode_strips_utf8_bom() -> None:
    decoded = decode(("\ufeff" + ESSAY).encode("utf-8"))
    assert decoded.text == ESSAY and not decoded.is_html


def test_decode_detects_undeclared_gbk_text() -> None:
    assert decode(ESSAY.encode("gbk")).text == ESSAY


def test_decode_trusts_valid_utf8_over_a_wrong_gbk_header() -> None:
    body = f"<html><body>{ESSAY}</body></html>".encode()
    assert ESSAY in decode(body, "text/html; charset=gb2312").text


@pytest.mark.parametrize("body", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(256)) * 4])
def test_decode_rejects_binary(body: bytes) -> None:
    with pytest.raises(NotTextError):
        decode(body)


def test_decode_uses_profile_hint_only_when_nothing_is_declared() -> None:
    # Big5 bytes would be guessed as GB18030 without the hint; a declaration still wins.
    text = "學習心得體會，我們要堅持學習。"
    assert decode(text.encode("big5"), fallback="big5").text == text
    declared = f'<html><head><meta charset="gbk"></head><body>{ESSAY}</body></html>'
    assert ESSAY in decode(declared.encode("gbk"), fallback="big5").text
