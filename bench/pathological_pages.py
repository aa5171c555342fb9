#!/usr/bin/env python3
"""Writes pathological invented pages for the ingest scaling benchmark.

  pathological_pages.py KIND LINES OUT
KIND: noblank   hard-wrapped column text with no blank line at all
      dupes     every paragraph printed twice
      bylines   a page of short briefs, one byline each
      columns   every paragraph cut by a column-break blank line
Text is invented from a fixed vocabulary; output is deterministic.
"""
import random
import sys

WORDS = ["西岭区", "召开", "推进会", "部署", "重点工作", "要求", "各街道", "压实责任", "加快进度",
         "群众", "满意度", "稳步提升", "项目建设", "持续推进", "优化营商环境", "创新驱动"]
NAMES = ["苗雨晴", "任浩", "韩立新", "孔令辉", "白雪", "陈立"]


def sentence(rng):
    return "，".join("".join(rng.choice(WORDS) for _ in range(rng.randint(2, 4)))
                    for _ in range(rng.randint(2, 4))) + "。"


def wrap(text, width=14):
    return [text[i:i + width] for i in range(0, len(text), width)]


def paragraph(rng):
    return "".join(sentence(rng) for _ in range(rng.randint(2, 4)))


def main():
    kind, lines, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    rng = random.Random(20261125)
    body = []
    while len(body) < lines:
        if kind == "noblank":
            body += wrap(paragraph(rng))
        elif kind == "dupes":
            p = wrap(paragraph(rng))
            body += p + [""] + p + [""]
        elif kind == "bylines":
            body += ["本报讯 %d月%d日，%s" % (rng.randint(1, 12), rng.randint(1, 28), sentence(rng)),
                     "记者 %s 通讯员 %s" % (rng.choice(NAMES), rng.choice(NAMES)), ""]
        elif kind == "columns":
            p = wrap(paragraph(rng))
            cut = max(1, len(p) // 2)
            body += p[:cut] + [""] + p[cut:] + [""]
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(body[:lines]) + "\n")


if __name__ == "__main__":
    main()
