"""How the cleaner holds when a real page's layout changes: chrome of known families, in wording
written here, is put into fanwen-dev pages (top, after the title, mid-body, end) and the page is
cleaned again.

For each perturbation: how many inserted lines are left in the text (leaked), how many of the
page's annotated essay snippets are kept, and how many annotated titles still come out right
(score.py's own matching). Baseline in the same run: the pages as they are. By default only the
tune half is perturbed: the check half stays a figure nobody tuned on.

    .venv/bin/python bench/layout_robustness.py [--half tune|check|all] [--only NAME ...] [--show]
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from bench.train_line_model import SHARED, load_score_module
from pipelines.errors import FanwenError
from pipelines.model import RawPart
from pipelines.page import clean_page

# A line this long is the page's prose, for the glued perturbations.
_MIN_PROSE = 40


@dataclass(frozen=True)
class Perturbation:
    where: str  # "top", "after_title", "middle", "end", "glued_before" or "glued_after"
    lines: tuple[str, ...]


# Other articles' headlines, listed above the article as news portals and aggregators do.
_HEADLINES = (
    "我市启动春季植树活动",
    "第十届校园读书节开幕",
    "暑期防溺水安全提醒",
    "图书馆延长开放时间",
    "社区志愿者表彰大会召开",
    "全市中小学开展消防演练",
    "高考报名工作即将开始",
    "城区新增三条公交线路",
    "秋季运动会圆满落幕",
    "老年大学新学期招生",
)

PERTURBATIONS = {
    "none": Perturbation("end", ()),
    "vertical-menu": Perturbation(
        "top", ("首页", "作文大全", "小学作文", "初中作文", "高中作文", "话题作文", "英语作文")
    ),
    "footer": Perturbation(
        "end",
        (
            "关于我们",
            "联系我们",
            "网站地图",
            "免责声明",
            "Copyright © 2012-2024 青禾文摘 版权所有",
            "蜀ICP备17018866号-2",
        ),
    ),
    "split-byline": Perturbation(
        "after_title", ("作者：佚名", "来源：网络", "时间：2024-03-05", "阅读：2183")
    ),
    "share-and-ad": Perturbation(
        "after_title", ("分享到：微信 QQ空间 新浪微博", "【限时福利】扫码领取全套作文素材")
    ),
    "prev-next": Perturbation(
        "end", ("上一篇作文：我的妈妈", "下一篇范文: 我的爸爸", "« 我的妈妈", "我的爸爸 »")
    ),
    "comment-form": Perturbation(
        "end",
        (
            "发表评论",
            "昵称",
            "验证码",
            "提交",
            "网友评论仅供其表达个人看法，并不表明本站同意其观点",
        ),
    ),
    "doclib-notices": Perturbation(
        "end",
        (
            "试读已结束，如需继续阅读请下载",
            "本文档由用户上传，如有侵权请联系删除",
            "VIP专享文档 下载券 2",
            "小学生日记大全.docx",
            "2024年社区工作计划.pdf",
        ),
    ),
    "mid-body": Perturbation(
        "middle", ("（广告）", "▲ 图片来源网络，侵删", "点击下方链接，领取全套范文模板")
    ),
    "news-chrome": Perturbation(
        "after_title",
        ("2024-03-05 10:21:33 来源：青禾日报", "举报/反馈", "打开APP 阅读更多精彩内容"),
    ),
    "forum-post": Perturbation(
        "after_title",
        (
            "楼主：林间小路",
            "发表于 2021-6-8 14:32:07",
            "查看: 3271 | 回复: 15",
            "本帖最后由 林间小路 于 2021-6-8 15:01 编辑",
            "[复制链接]",
        ),
    ),
    "forum-footer": Perturbation(
        "end",
        (
            "回复 引用 举报",
            "您需要登录后才可以回帖 登录 | 注册",
            "快速回复 返回顶部 返回列表",
            "2#",
            "评分 参与人数 1 金钱 +5 收起 理由",
        ),
    ),
    "wechat-repost": Perturbation(
        "top",
        ("点击上方“青禾语文”，关注我们", "文 | 青禾  编辑 | 小木"),
    ),
    "wechat-closer": Perturbation(
        "end",
        (
            "— END —",
            "往期精选",
            "觉得有收获，记得点个赞再走",
            "版权归原作者所有，若有不妥请联系我们处理",
        ),
    ),
    "news-byline": Perturbation(
        "after_title",
        (
            "2023年09月12日 08:15  青禾晚报",
            "【字号 大 中 小】【打印】【关闭】",
            "责任编辑：王芳 （XN012）",
        ),
    ),
    "doclib-meta": Perturbation(
        "after_title",
        (
            "上传人：qinghe2020",
            "文档页数：12页",
            "浏览量：5,327",
            "下载量：212",
            "还剩 9 页未读，点此继续阅读",
        ),
    ),
    "rating-widget": Perturbation(
        "end",
        ("本文对你有帮助吗？", "有用(12)  没用(3)", "评分：★★★★☆ 4.2分", "打赏作者"),
    ),
    "login-box": Perturbation(
        "top",
        ("用户名", "密码", "记住我 忘记密码？", "登录 注册"),
    ),
    "counters": Perturbation(
        "after_title",
        ("阅读 1.2万", "36人已收藏", "3天前 · IP属地：浙江", "本文约2300字，阅读需要6分钟"),
    ),
    "search-box": Perturbation(
        "top",
        ("站内搜索", "请输入要搜索的内容", "热门搜索：开学第一课 读后感 国旗下讲话"),
    ),
    "licence-footer": Perturbation(
        "end",
        (
            "Powered by PHPCMS v9",
            "浙公网安备 33010602011771号",
            "增值电信业务经营许可证：浙B2-20120091",
            "违法和不良信息举报电话：400-000-0000",
        ),
    ),
    "paywall-promo": Perturbation(
        "middle",
        ("开通会员，全站范文随心看", "限时特惠 首月仅需9.9元", "领取优惠券"),
    ),
    "media-player": Perturbation(
        "after_title",
        ("点击收听本文朗读", "00:00 / 04:12", "查看原图"),
    ),
    "qa-site": Perturbation(
        "end",
        ("已采纳", "8个回答", "提问者：匿名用户 | 2022-04-01", "相关问题"),
    ),
    "updated-stamp": Perturbation(
        "end",
        ("本文最后更新于2024年5月3日，已超过 300 天没有更新", "最后修改：2024-05-03 21:14"),
    ),
    "doclib-actions": Perturbation(
        "end",
        (
            "收藏文档 分享文档 举报文档",
            "第 2 页 / 共 9 页",
            "阅读了该文档的用户还阅读了",
            "下载文档到电脑，方便离线编辑",
            "1/9页",
        ),
    ),
    "repost-notice": Perturbation(
        "end",
        (
            "本站所有资料均收集自互联网，仅供学习交流",
            "文章转载自网络，版权归作者，如有不妥请告知",
            "（本文来自投稿，不代表本站观点）",
        ),
    ),
    # Chrome run into a paragraph by the page's text dump, before the first prose line or
    # after the last sentence of the last one.
    "glued-trail": Perturbation("glued_before", ("网站首页 > 文章中心 > 正文阅读",)),
    "glued-labels": Perturbation("glued_before", ("作者：佚名 来源：互联网 时间：2023-06-01",)),
    "glued-tail": Perturbation("glued_after", ("下一篇：难忘的暑假",)),
    "headlines-above": Perturbation("top", _HEADLINES[:5]),
    "long-headlines": Perturbation("top", _HEADLINES),
}


@dataclass
class Tally:
    pages: int = 0
    inserted: int = 0
    leaked: int = 0
    kept: int = 0
    content: int = 0
    titles_ok: int = 0
    titles: int = 0


def _insert(lines: list[str], extra: tuple[str, ...], where: str, title_at: int) -> list[str]:
    if where == "top":
        return [*extra, *lines]
    if where == "after_title":
        return [*lines[: title_at + 1], *extra, *lines[title_at + 1 :]]
    if where in ("glued_before", "glued_after"):
        prose = [i for i in range(title_at + 1, len(lines)) if len(lines[i]) > _MIN_PROSE]
        if prose and where == "glued_before":
            at = prose[0]
            return [*lines[:at], " ".join([*extra, lines[at]]), *lines[at + 1 :]]
        ended = [i for i in prose if lines[i].rstrip().endswith("。")]
        if ended:
            at = ended[-1]
            return [*lines[:at], lines[at].rstrip() + "".join(extra), *lines[at + 1 :]]
        return lines
    if where == "middle":
        middle = title_at + 1 + (len(lines) - title_at - 1) // 2
        return [*lines[:middle], *extra, *lines[middle:]]
    return [*lines, *extra]


def run(
    score: ModuleType, pages: list[dict[str, Any]], perturbation: Perturbation, show: bool
) -> Tally:
    tally = Tally()
    for page in pages:
        lines = page["excerpt"].split("\n")
        want = score.norm(page["title"] or "")
        title_at = next((i for i, line in enumerate(lines) if want and want in score.norm(line)), 0)
        body = "\n".join(_insert(lines, perturbation.lines, perturbation.where, title_at))
        try:
            document = clean_page([RawPart(url=page["url"], body=body.encode("utf-8"))])
        except FanwenError:
            continue
        text = score.norm(document.text + "\n".join(essay.text for essay in document.essays))
        leaked = [line for line in perturbation.lines if score.norm(line) in text]
        tally.pages += 1
        tally.inserted += len(perturbation.lines)
        tally.leaked += len(leaked)
        tally.content += len(page["must_include"])
        tally.kept += sum(score.norm(s) in text for s in page["must_include"])
        if page["title"]:
            tally.titles += 1
            tally.titles_ok += bool(score.title_matches(document.title, page["title"]))
        if show and page["title"] and not score.title_matches(document.title, page["title"]):
            print(f"    #{page['id']} title: {document.title!r}")
        if show and leaked:
            print(f"    #{page['id']} left: {' | '.join(leaked)}")
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=("tune", "check", "all"), default="tune")
    parser.add_argument("--only", nargs="*", choices=sorted(PERTURBATIONS), default=None)
    parser.add_argument("--show", action="store_true", help="list the lines left, per page")
    args = parser.parse_args()
    folder = SHARED / "fanwen-dev"
    if not (folder / "pages.jsonl").is_file():
        sys.exit(f"no fanwen-dev data under {SHARED}")
    score = load_score_module(folder)
    pages = [
        page
        for page in score.load_pages(folder / "pages.jsonl")
        if args.half == "all" or score.half_of(page["url"]) == args.half
    ]
    print(f"fanwen-dev {args.half} half: {len(pages)} pages, text form, cleaned in-process")
    print(f"{'perturbation':<16}{'lines left':>14}{'content kept':>16}{'titles':>10}")
    for name in args.only or list(PERTURBATIONS):
        tally = run(score, pages, PERTURBATIONS[name], args.show)
        left = f"{tally.leaked}/{tally.inserted}" if tally.inserted else "-"
        print(
            f"{name:<16}{left:>14}{f'{tally.kept}/{tally.content}':>16}"
            f"{f'{tally.titles_ok}/{tally.titles}':>10}"
        )


if __name__ == "__main__":
    main()
