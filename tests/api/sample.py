"""A small, realistic graph for the API tests, built as Extractions and loaded through the real loader.

Five invented policy documents (three regions, four years) share actors, and their relations mix facts
and plans, so search, filters, weights, paths and exact removal all have something to find. The texts
are written for the tests; offsets are computed from them, never typed by hand.

To run the API tests on another data set (e.g. the shared corpus), replace ``load_sample`` in
``tests/api/conftest.py``: the tests read the expected answers from :data:`SAMPLE` or the graph itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from graph.loader import load_extraction
from graph.store import GraphStore
from ingest.models import (
    DocumentMeta,
    Entity,
    Evidence,
    Extraction,
    Mention,
    Relation,
    actor_id,
    document_id,
)
from ingest.places import locate


@dataclass(frozen=True)
class Rel:
    type: str
    head: str  # canonical name
    tail: str
    sentence: str  # a sentence of the document's text
    modality: str = "fact"
    year: int | None = None


@dataclass
class Doc:
    title: str
    date: dt.date | None
    region: str
    genre: str
    text: str
    actors: list[tuple[str, str, list[str]]]  # (type, canonical name, aliases)
    relations: list[Rel] = field(default_factory=list)
    source: str = ""

    @property
    def id(self) -> str:
        return document_id(self.text)


ACTOR_REGIONS = {
    "南通市": "南通市",
    "苏州市": "苏州市",
    "无锡市": "无锡市",
    "南通大学": "南通市",
    "苏州大学": "苏州市",
    "江南大学": "无锡市",
    "中天科技集团有限公司": "南通市",
    "海安高新技术产业开发区": "南通市",
}

DOCS: list[Doc] = [
    Doc(
        title="南通市2018年科技创新工作总结",
        date=dt.date(2018, 12, 20),
        region="南通市",
        genre="summary",
        source="nantong/2018-summary.txt",
        text=(
            "南通市2018年科技创新工作总结。"
            "一年来,南通大学与江苏省产业技术研究院共建新材料研究所。"
            "中天科技集团有限公司(ZTT)位于南通市,研发投入持续增长。"
            "中天科技与南通大学合作开展海洋装备攻关。"
            "南通市科学技术局组织实施科技型企业培育工程。"
        ),
        actors=[
            ("City", "南通市", []),
            ("University", "南通大学", []),
            ("ResearchInstitute", "江苏省产业技术研究院", ["产研院"]),
            ("Enterprise", "中天科技集团有限公司", ["中天科技", "ZTT"]),
            ("GovernmentAgency", "南通市科学技术局", []),
        ],
        relations=[
            Rel(
                "CO_BUILDS",
                "南通大学",
                "江苏省产业技术研究院",
                "一年来,南通大学与江苏省产业技术研究院共建新材料研究所。",
            ),
            Rel(
                "LOCATED_IN", "中天科技集团有限公司", "南通市", "中天科技集团有限公司(ZTT)位于南通市,研发投入持续增长。"
            ),
            Rel("COOPERATES_WITH", "中天科技集团有限公司", "南通大学", "中天科技与南通大学合作开展海洋装备攻关。"),
        ],
    ),
    Doc(
        title="南通市2019年科技创新行动计划",
        date=dt.date(2019, 3, 1),
        region="南通市",
        genre="plan",
        source="nantong/2019-plan.txt",
        text=(
            "南通市2019年科技创新行动计划。"
            "支持中天科技与南通大学共同建设海洋工程联合实验室。"
            "推动海安高新技术产业开发区在南通市加快集聚创新资源。"
            "南通市科学技术局将资助中天科技集团有限公司开展关键技术攻关。"
        ),
        actors=[
            ("City", "南通市", []),
            ("University", "南通大学", []),
            ("Enterprise", "中天科技集团有限公司", ["中天科技"]),
            ("Platform", "海安高新技术产业开发区", ["海安高新区"]),
            ("GovernmentAgency", "南通市科学技术局", ["市科技局"]),
        ],
        relations=[
            Rel(
                "COOPERATES_WITH",
                "南通大学",
                "中天科技集团有限公司",
                "支持中天科技与南通大学共同建设海洋工程联合实验室。",
                "plan",
                2020,
            ),
            Rel(
                "LOCATED_IN",
                "海安高新技术产业开发区",
                "南通市",
                "推动海安高新技术产业开发区在南通市加快集聚创新资源。",
                "plan",
            ),
            Rel(
                "FUNDED_BY",
                "中天科技集团有限公司",
                "南通市科学技术局",
                "南通市科学技术局将资助中天科技集团有限公司开展关键技术攻关。",
                "plan",
            ),
        ],
    ),
    Doc(
        title="苏州市2020年产学研合作实施方案",
        date=dt.date(2020, 6, 15),
        region="苏州市",
        genre="implementation_scheme",
        source="suzhou/2020-scheme.txt",
        text=(
            "苏州市2020年产学研合作实施方案。"
            "苏州大学与南通大学签署合作协议,联合培养研究生。"
            "苏州大学位于苏州市。"
            "鼓励中天科技集团有限公司参与苏州市重大项目。"
        ),
        actors=[
            ("City", "苏州市", []),
            ("University", "苏州大学", ["苏大"]),
            ("University", "南通大学", []),
            ("Enterprise", "中天科技集团有限公司", []),
        ],
        relations=[
            Rel("COOPERATES_WITH", "苏州大学", "南通大学", "苏州大学与南通大学签署合作协议,联合培养研究生。"),
            Rel("LOCATED_IN", "苏州大学", "苏州市", "苏州大学位于苏州市。"),
        ],
    ),
    Doc(
        title="苏州市2020年科技统计公报",
        date=dt.date(2020, 12, 1),
        region="苏州市",
        genre="other",
        source="suzhou/2020-statistics.txt",
        text="苏州市2020年科技统计公报。苏州市全年技术合同成交额稳步提高。",
        actors=[("City", "苏州市", [])],
    ),
    Doc(
        title="无锡市2017年高校科技工作情况",
        date=dt.date(2017, 9, 10),
        region="无锡市",
        genre="summary",
        source="wuxi/2017-universities.txt",
        text="无锡市2017年高校科技工作情况。江南大学位于无锡市,食品学科优势明显。",
        actors=[("City", "无锡市", []), ("University", "江南大学", [])],
        relations=[Rel("LOCATED_IN", "江南大学", "无锡市", "江南大学位于无锡市,食品学科优势明显。")],
    ),
]

TYPES: dict[str, str] = {name: t for d in DOCS for (t, name, _) in d.actors}


def aid(name: str) -> str:
    """The actor id of a sample actor, from its canonical name."""
    return actor_id(TYPES[name], name)


def doc_by_title(fragment: str) -> Doc:
    return next(d for d in DOCS if fragment in d.title)


def _spans(text: str, needle: str) -> list[tuple[int, int]]:
    out, start = [], 0
    while (i := text.find(needle, start)) >= 0:
        out.append((i, i + len(needle)))
        start = i + len(needle)
    return out


def extraction(doc: Doc) -> Extraction:
    # longest surface forms first, over all actors, so 南通市 inside 南通市科学技术局 is not a mention of the city
    forms = sorted(((f, name) for _, name, aliases in doc.actors for f in [name, *aliases]), key=lambda x: -len(x[0]))
    covered: set[int] = set()
    found: dict[str, list[Mention]] = {name: [] for _, name, _ in doc.actors}
    for form, name in forms:
        for s, e in _spans(doc.text, form):
            if not covered.intersection(range(s, e)):
                covered.update(range(s, e))
                found[name].append(Mention(text=form, start=s, end=e))
    entities = []
    for etype, name, aliases in doc.actors:
        assert found[name], f"{name} does not occur in {doc.title}"
        entities.append(
            Entity(
                id=actor_id(etype, name),
                name=name,
                type=etype,  # type: ignore[arg-type]
                aliases=aliases,
                mentions=sorted(found[name], key=lambda m: m.start),
                region=ACTOR_REGIONS.get(name),
            )
        )
    relations = []
    for r in doc.relations:
        (s, e), *_ = _spans(doc.text, r.sentence)
        relations.append(
            Relation(
                type=r.type,  # type: ignore[arg-type]
                head=aid(r.head),
                tail=aid(r.tail),
                evidence=[Evidence(text=r.sentence, start=s, end=e)],
                modality=r.modality,  # type: ignore[arg-type]
                year=r.year,
                rule="test",
                confidence=0.9,
            )
        )
    meta = DocumentMeta(
        id=doc.id,
        path=doc.source,
        source=doc.source,
        title=doc.title,
        date=doc.date,
        region=doc.region,
        genre=doc.genre,  # type: ignore[arg-type]
        format="txt",
        chars=len(doc.text),
    )
    # placed in space as the ingest pipeline does (region_path of every actor and of the document)
    return locate(Extraction(document=meta, entities=entities, relations=relations))


def load_sample(store: GraphStore) -> None:
    for doc in DOCS:
        load_extraction(store, extraction(doc), doc.text)
