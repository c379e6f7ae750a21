from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.clean import linemodel
from pipelines.clean.lineshape import fold_lines
from pipelines.model import RawPart
from pipelines.page import clean_page

_URL = "https://essays.example.invalid/zuowen/1.html"
_PROSE = [
    "秋天来了，校园里的银杏树叶渐渐变黄，像一把把小扇子在风中摇晃。同学们在树下捡起落叶，夹进课本里做书签。",
    "放学的时候，夕阳把教学楼染成了金色，我和同桌沿着林荫道慢慢走着，谈论着即将到来的运动会，心里充满期待。",
    "我爱这秋天的校园，它让我懂得了收获的意义，也让我学会了珍惜每一段美好的时光，更让我明白成长需要耐心。",
]


def _clean(lines: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    document = clean_page([RawPart(url=_URL, body="\n".join(lines).encode("utf-8"))])
    return document.text.split("\n"), [(item.text, item.reason) for item in document.removed]


def test_the_stored_model_loads_with_the_features_the_code_computes() -> None:
    model = linemodel.load()
    assert model is not None
    assert set(model.names) == set(linemodel.FEATURES)
    assert 0.5 <= model.threshold < 1
    assert model.header_threshold is not None and 0.5 <= model.header_threshold < 1
    stored = json.loads(linemodel.MODEL_FILE.read_text("utf-8"))
    assert "fanwen-dev tune half" in stored["trained_on"]


def test_chrome_in_wording_no_rule_has_is_removed_by_its_shape() -> None:
    chrome = [
        "文/林小舟  初二(3)班  指导老师：王老师",
        "本篇字数约八百  难度系数★★★",
        "本页地址已复制，可发给好友一起看",
        "网友留言区  共3条",
    ]
    lines = ["秋天的校园", chrome[0], chrome[1], *_PROSE, chrome[2], chrome[3]]
    kept, removed = _clean(lines)
    by_model = {"".join(text.split()) for text, reason in removed if reason == "line-model"}
    assert by_model & {"".join(line.split()) for line in chrome}
    assert all(any(line[:20] in text for text in kept) for line in _PROSE)
    with linemodel.disabled():
        _, rules_only = _clean(lines)
    assert not any(reason == "line-model" for _, reason in rules_only)
    assert len(rules_only) < len(removed)


def test_traditional_script_scores_as_simplified() -> None:
    simplified, traditional = fold_lines(["网友留言区 共3条", "網友留言區 共3條"])
    assert simplified == traditional
    rows = linemodel.page_features([*_PROSE, simplified, *_PROSE, traditional, *_PROSE])
    first, second = rows[3], rows[7]
    assert {**first, "position": 0} == {**second, "position": 0}


@pytest.mark.parametrize(
    "line",
    [
        "申请人：周明远",  # a letter's signature
        "2022年4月12日",  # its date
        "篇二：我的老师",  # an essay marker
        "安全生产月活动心得体会【精选3篇】二",
        "一、加强学习，提高认识",  # a section heading
        "他虽然没有带回一条完整的鱼，却证明了一个人多么顽强。/p>",  # a sentence
        "大学生社会实践报告",  # a title: nothing of site furniture in it
        "姓名：王小明",  # a CV's field
        "参加人员：全体班委",  # a field of meeting minutes
        "甲方（出租方）：张三",  # a contract's party
    ],
)
def test_the_model_never_takes_structure_sentences_or_plain_titles(line: str) -> None:
    keys = fold_lines([_PROSE[0], line, *_PROSE[1:]])
    model = linemodel.load()
    assert model is not None
    assert model.chrome(keys, [False] * len(keys)) == set()
    _, removed = _clean([_PROSE[0], line, *_PROSE[1:]])
    assert not any(reason == "line-model" for _, reason in removed)


def test_a_missing_or_stale_model_leaves_the_rules_alone(tmp_path: Path) -> None:
    assert linemodel.load(tmp_path / "absent.json") is None
    stale = tmp_path / "stale.json"
    stale.write_text(
        json.dumps({"features": ["gone"], "weights": [1.0], "bias": 0, "threshold": 0.5}),
        encoding="utf-8",
    )
    assert linemodel.load(stale) is None


def test_the_stored_model_is_what_training_fits_from_the_current_rules() -> None:
    """Rules changed without retraining leave a model fitted to other verdicts: retrain with
    `.venv/bin/python bench/train_line_model.py` when this fails."""
    pytest.importorskip("sklearn", reason="scikit-learn (the test extra) fits the line model")
    from bench import train_line_model

    if not (train_line_model.SHARED / "fanwen-dev" / "pages.jsonl").is_file():
        pytest.skip(f"no fanwen-dev data under {train_line_model.SHARED}")
    fitted = train_line_model.train(echo=lambda _: None)
    stored = json.loads(linemodel.MODEL_FILE.read_text("utf-8"))
    assert fitted["threshold"] == stored["threshold"]
    assert fitted["header_threshold"] == stored["header_threshold"]
    assert fitted["features"] == stored["features"]
    assert fitted["weights"] == pytest.approx(stored["weights"], abs=1e-3)
    assert fitted["bias"] == pytest.approx(stored["bias"], abs=1e-3)


@pytest.mark.parametrize(
    "line",
    [
        "敬爱的党组织：",
        "尊敬的各位领导、同事们：",
        "亲爱的同学们：",
        "各年级组：",  # a notice's addressees
        "各村委会、镇直各单位：",
        "市教育局：",
    ],
)
def test_a_salutation_above_the_prose_is_never_judged(line: str) -> None:
    keys = fold_lines(["入党思想汇报", line, *_PROSE])
    assert not linemodel.judged(keys[1])
    model = linemodel.load()
    assert model is not None
    assert 1 not in model.chrome(keys, [False] * len(keys))


@pytest.mark.parametrize(
    "line",
    [
        "姓名：王小明",
        "参加人员：全体班委",
        "甲方（出租方）：张三",
        "（考试时间90分钟，满分100分）",  # an exam paper's own furniture
        "网络安全，人人有责。",  # a short sentence of two clauses
    ],
)
def test_a_field_of_the_form_a_page_is_a_template_of_is_never_judged(line: str) -> None:
    assert not linemodel.judged(fold_lines([line])[0])
    assert linemodel.judged(fold_lines(["来源：网络"])[0])  # a site's own label still is


@pytest.mark.parametrize(
    "line", ["他总是默默关注着身边的人，", "树叶一片一片飘下来，像下载好的信、"]
)
def test_a_clause_left_open_for_the_next_line_is_never_judged(line: str) -> None:
    assert not linemodel.judged(fold_lines([line])[0])
