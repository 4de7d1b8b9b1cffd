"""Short documents written for the reliability tests (fictional companies; real universities and places)."""

from __future__ import annotations

from pathlib import Path

DOCS: dict[str, str] = {
    "wuxi_2021.txt": """无锡市科学技术局2021年工作总结
来源: 无锡市科技局 发布时间:2022-01-12

一、主要成效
2021年，江南大学与无锡青岚生物科技有限公司共建青岚发酵工程研究院。
东南大学与无锡青岚生物科技有限公司签订战略合作协议。
引进中国科学院微电子研究所无锡分所落户无锡。
""",
    "wuxi_2022.txt": """无锡市科学技术局2022年工作要点
来源: 无锡市科技局 发布时间:2022-02-15

一、重点任务
推动江南大学与无锡澄波智能制造有限公司共建澄波机器人研究院。
支持东南大学与无锡澄波智能制造有限公司开展产学研合作。
""",
    "changzhou_2020.txt": """常州市科学技术局2020年工作总结
来源: 常州市科技局 发布时间:2021-01-08

一、主要成效
2020年，河海大学与常州恒屿新能源股份有限公司共建恒屿储能技术研究院。
常州大学与常州恒屿新能源股份有限公司签订战略合作协议。
""",
}


def write_docs(folder: Path, docs: dict[str, str] | None = None) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, text in (docs or DOCS).items():
        p = folder / name
        p.write_text(text, encoding="utf-8")
        out.append(p)
    return out
