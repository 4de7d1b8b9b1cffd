"""Synthetic documents in the genre of municipal science-bureau publications, with exact gold.

Each document is written piece by piece; every actor name the generator writes is recorded with
its offsets, and every relation a template states is recorded with the offsets of its sentence,
so the gold file is exact by construction.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import random
import zlib
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ingest.synth.templates import Template, TemplateSet, load_templates
from ingest.synth.vocab import Actor, City, World

logger = logging.getLogger(__name__)

MARKER = "【InnoGraph 合成示例文档，内容虚构，仅供演示与测试】"
GENRES: tuple[str, ...] = ("summary", "plan", "implementation_scheme", "reply")
GENRE_FILE_TAG = {"summary": "summary", "plan": "plan", "implementation_scheme": "scheme", "reply": "reply"}
DEFAULT_YEARS = (2015, 2020)

_CN_NUM = "零一二三四五六七八九十"
_ASCII_PUNCT = str.maketrans({"，": ",", "（": "(", "）": ")", "：": ":"})
_REL_WEIGHTS = {
    "CO_BUILDS": 3,
    "LOCATED_IN": 3,
    "FUNDED_BY": 3,
    "COOPERATES_WITH": 3,
    "INTRODUCES": 2,
    "ISSUED_BY": 2,
    "PART_OF": 1,
    "MEMBER_OF": 2,
}
_REL_TYPES = list(_REL_WEIGHTS)
_REL_CUM = list(itertools.accumulate(_REL_WEIGHTS.values()))
_ORDINALS = ("一是", "二是", "三是", "四是", "五是", "六是")


def _ranks_above(parent: Actor, child: Actor) -> bool:
    """A fixed order between actors of one type, so that PART_OF never forms a cycle."""
    if parent.type != child.type:
        return True
    return zlib.crc32(parent.key.encode()) > zlib.crc32(child.key.encode())


def cn_number(n: int) -> str:
    """Chinese numeral for 1..99 (section numbering)."""
    if n <= 10:
        return _CN_NUM[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_NUM[tens]) + "十" + (_CN_NUM[ones] if ones else "")


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


@dataclass(frozen=True, slots=True)
class DocSpec:
    """What one document is about."""

    index: int
    city: City
    year: int  # the year the content is about
    genre: str


@dataclass(slots=True)
class SynthDocument:
    file_name: str
    text: str
    gold: dict[str, Any]


@dataclass(slots=True)
class _Builder:
    world: World
    spec: DocSpec
    rng: random.Random
    templates: TemplateSet
    parts: list[str] = field(default_factory=list)
    pos: int = 0
    actors: dict[str, Actor] = field(default_factory=dict)
    mentions: list[tuple[str, int, int]] = field(default_factory=list)
    relations: list[tuple[str, str, str, int, int, str]] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    agencies: dict[str, Actor] = field(default_factory=dict)
    prov_agencies: dict[str, Actor] = field(default_factory=dict)
    title_pieces: list[str | tuple[Actor, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.agencies = self.world.city_agencies(self.spec.city, self.spec.year)
        self.prov_agencies = self.world.province_agencies(self.spec.city)

    # ------------------------------------------------------------------ writing
    def emit(self, text: str) -> None:
        self.parts.append(text)
        self.pos += len(text)

    def line(self, text: str = "") -> None:
        self.emit(text + "\n")

    def name(self, actor: Actor, form: str) -> None:
        """Write ``form`` (a surface form of ``actor``) and record it as a mention."""
        start = self.pos
        self.emit(form)
        key = actor.key
        self.actors.setdefault(key, actor)
        self.mentions.append((key, start, self.pos))
        self.seen.add(key)

    def form_of(self, actor: Actor) -> str:
        if actor.short is None:
            return actor.full
        r = self.rng.random()
        if actor.type == "Enterprise":
            return actor.full if (r < 0.8 if actor.key not in self.seen else r < 0.35) else actor.short
        if actor.type == "GovernmentAgency":
            return actor.short if r < 0.7 else actor.full
        if actor.type == "City":
            return actor.full if r < 0.6 else actor.short
        if actor.type == "Policy":
            return actor.full
        return actor.full if (r < 0.5 if actor.key not in self.seen else r < 0.25) else actor.short

    # ------------------------------------------------------------------ actors
    def draw(self, kind: str, rng: random.Random | None = None, stable: bool = False) -> Actor:
        """Draw an actor of a slot kind; ``stable`` ignores the year (for derived slots)."""
        w, city = self.world, self.spec.city
        rng = rng or self.rng
        year = w.years[1] if stable else self.spec.year
        base, _, sub = kind.partition(".")
        if base in ("ent", "inst", "incub", "lab", "pol", "ally"):
            if sub == "prov":  # a provincial document (《江苏省…》)
                return w.actor("polprov", city, w.draw_index(base, year, rng))
            return w.actor(base, city, w.draw_index(base, year, rng))
        if base == "prog":
            for _ in range(12):
                a = w.actor("prog", city, w.draw_index("prog", year, rng))
                if not sub or a.subtype == sub or (sub == "talent" and a.subtype == "scheme"):
                    return a
            return a
        if base == "uni":
            if city.universities and rng.random() < 0.45:
                return w.university(rng.choice(city.universities))
            return w.university(rng.choice(w.national_unis))
        if base == "zone":
            zones = w.zones(city)
            return zones[0] if rng.random() < 0.7 else zones[-1]
        if base == "ag":
            if sub:
                return self.agencies[sub]
            codes = [c for c in self.agencies if c not in ("bg", "zf")]
            return self.agencies[rng.choice(codes)]
        if base == "gov":
            return self.agencies["zf"]
        if base == "pag":
            if sub:
                return self.prov_agencies[sub]
            return rng.choice(list(self.prov_agencies.values()))
        if base == "nag":
            return rng.choice(w.national_agencies())
        if base == "city":
            return w.city_actor(city)
        if base == "dist":
            return w.district_actor(rng.choice(city.districts))
        if base == "prop":
            topic = rng.choice(w.names["proposal_topics"])
            return Actor("Policy", f"《关于{topic}的建议》", f"关于{topic}的建议")
        raise ValueError(f"unknown slot kind {kind}")

    def number(self, name: str) -> str:
        r = self.rng
        if name == "n":
            return str(r.randint(8, 320))
        if name == "m":
            return str(r.randint(2, 60))
        if name == "small":
            return str(r.randint(3, 30))
        if name == "amt":
            return str(r.randint(5, 800) * 10)
        if name == "pp":
            return f"{r.randint(1, 30) / 10:.1f}"
        if name == "pct":
            return f"{r.randint(150, 850) / 10:.1f}"
        if name == "pct2":
            return f"{r.randint(180, 360) / 100:.2f}"
        if name == "area":
            return str(r.randint(20, 500) * 100)
        return str(r.randint(1, 99))

    # ------------------------------------------------------------------ sentences
    def home(self, actor: Actor) -> Actor:
        """The district an actor of the document's city is located in (fixed per actor)."""
        districts = self.spec.city.districts
        return self.world.district_actor(districts[zlib.crc32(actor.key.encode()) % len(districts)])

    def _draw_slots(self, tpl: Template) -> dict[str, list[Actor]]:
        rng = self.rng
        derived = {letter: (src, mode) for letter, src, mode in tpl.derived}
        slots: dict[str, list[Actor]] = {}
        used: set[str] = set()
        for letter, kind in tpl.slot_kinds:
            if letter in derived:
                continue
            if kind == "ents":
                group = [a for a in (self._fresh("ent", used) for _ in range(rng.choice((2, 2, 3, 3, 4)))) if a]
                slots[letter] = group
            else:
                slots[letter] = [self._fresh(kind, used) or self.draw(kind)]
        kinds = dict(tpl.slot_kinds)
        for letter, (src, mode) in derived.items():
            kind = kinds[letter]
            source = slots[src]
            actor: Actor | None = None
            if mode == "home":
                actor = self.home(source[0])
                if kinds[src] == "ents":  # keep only members that really are in that district
                    group = [a for a in source if self.home(a).key == actor.key]
                    for _ in range(30):
                        if len(group) >= 2:
                            break
                        cand = self.draw("ent")
                        if cand.key not in used and self.home(cand).key == actor.key:
                            used.add(cand.key)
                            group.append(cand)
                    source[:] = group
            else:
                if rng.random() < 0.85:
                    stable_rng = random.Random(f"{mode}|{source[0].key}|{kind}|{letter}")
                    cand = self.draw(kind, stable_rng, stable=True)
                    if cand.key not in used and (mode != "parent" or _ranks_above(cand, source[0])):
                        actor = cand
                for _ in range(12 if actor is None else 0):
                    cand = self.draw(kind)
                    if cand.key not in used and (mode != "parent" or _ranks_above(cand, source[0])):
                        actor = cand
                        break
            if actor is None:
                actor = self._fresh(kind, used) or self.draw(kind)
                if mode == "parent" and actor.type == source[0].type and not _ranks_above(actor, source[0]):
                    actor, source[0] = source[0], actor  # keep the parent above the child
            used.add(actor.key)
            slots[letter] = [actor]
        return slots

    def sentence(self, tpl: Template) -> None:
        """Write one template, recording mentions and (unless an intention) its relations."""
        start = self.pos
        slots = self._draw_slots(tpl) if tpl.slot_kinds else {}
        year = self.spec.year
        written: set[str] = set()
        for piece_kind, a, _b in tpl.pieces:
            if piece_kind == "lit":
                self.emit(a)
            elif piece_kind == "num":
                self.emit(self.number(a))
            elif piece_kind == "year":
                self.emit(str(year + (1 if a == "Y1" else -1 if a == "Y0" else 0)))
            elif a not in written:  # first occurrence of a slot
                written.add(a)
                for i, actor in enumerate(slots[a]):
                    if i:
                        self.emit("、")
                    self.name(actor, self.form_of(actor))
            else:  # a repeated slot
                actor = slots[a][0]
                self.name(actor, actor.short or actor.full)
        if tpl.modality == "intent" or not tpl.relations:
            return
        end = self.pos
        city_actor = self.world.city_actor(self.spec.city)
        for rel_type, h, t in tpl.relations:
            heads = [city_actor] if h == "@city" else slots[h]
            tails = [city_actor] if t == "@city" else slots[t]
            for ha in heads:
                for ta in tails:
                    if ha.key != ta.key:
                        self.actors.setdefault(ha.key, ha)
                        self.actors.setdefault(ta.key, ta)
                        self.relations.append((rel_type, ha.key, ta.key, start, end, tpl.modality))

    def _fresh(self, kind: str, used: set[str]) -> Actor | None:
        for _ in range(6):
            actor = self.draw(kind)
            if actor.key not in used:
                used.add(actor.key)
                return actor
        return None

    def relation_sentence(self, modality: str) -> None:
        rel_type = self.rng.choices(_REL_TYPES, cum_weights=_REL_CUM)[0]
        self.sentence(self.rng.choice(self.templates.pick(rel_type, modality)))

    def fact_run(self, n: int) -> None:
        """``n`` sentences of a review (fact) paragraph."""
        rng, t = self.rng, self.templates
        for _ in range(n):
            r = rng.random()
            if r < 0.32:
                self.relation_sentence("fact")
            elif r < 0.5:
                self.sentence(rng.choice(t.mentions))
            else:
                self.sentence(rng.choice(t.fillers))

    def plan_run(self, n: int) -> None:
        rng, t = self.rng, self.templates
        for _ in range(n):
            r = rng.random()
            if r < 0.25:
                self.relation_sentence("plan")
            elif r < 0.45:
                self.relation_sentence("intent")
            elif r < 0.82:
                self.sentence(rng.choice(t.goals))
            else:
                self.emit(rng.choice(t.measures))

    # ------------------------------------------------------------------ document parts
    def header(self, title: str, issuer_form: str, issuer: Actor, published: date, doc_number: str = "") -> None:
        rng = self.rng
        style = rng.randrange(3)
        stamp = f"{published.isoformat()} {rng.randint(8, 17):02d}:{rng.randint(0, 59):02d}"
        if style == 0:
            self.emit("来源: ")
            self.name(issuer, issuer_form)
            self.line(f" 发布时间:{stamp} 浏览次数:{rng.randint(30, 4000)}")
        elif style == 1:
            self.emit("信息名称：")
            self.pieces(self.title_pieces)
            self.line()
            self.line(f"索 引 号：{rng.randint(10**8, 10**9 - 1):09d}/{published.year}-{rng.randint(1, 400):05d}")
            self.line("公开方式：主动公开")
            self.emit("发布机构：")
            self.name(issuer, issuer_form)
            self.line(f"　　生成日期：{published.isoformat()}")
            self.line(f"文　　号：{doc_number or '无'}　　公开日期：{(published + timedelta(days=1)).isoformat()}")
        else:
            self.emit(f"发布时间：{published.isoformat()}　　信息来源：")
            self.name(issuer, issuer_form)
            self.line(f"　　阅读次数：{rng.randint(30, 4000)}")
        self.line()

    def pieces(self, pieces: list[str | tuple[Actor, str]]) -> None:
        for piece in pieces:
            if isinstance(piece, str):
                self.emit(piece)
            else:
                self.name(*piece)

    def paragraph_start(self) -> None:
        self.emit("　　")

    def signature(self, issuer: Actor, signed: date) -> None:
        self.line()
        self.name(issuer, issuer.full)
        self.line()
        self.line(cn_date(signed))


def _day_between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _title(b: _Builder, *pieces: str | tuple[Actor, str]) -> str:
    """Write the title line (pieces are text or (actor, surface form)); return its text."""
    b.title_pieces = list(pieces)
    start = b.pos
    b.pieces(b.title_pieces)
    title = "".join(b.parts)[start:]
    b.line()
    return title


def _sections(b: _Builder, end: int, headings: list[str], per_section: int) -> list[tuple[int, str]]:
    """Choose (number, heading) of the sections that fill the text up to ``end``."""
    b.rng.shuffle(headings)
    n = min(len(headings), max(2, round((end - b.pos) / per_section)))
    return [(i + 1, headings[i]) for i in range(n)]


def _section_end(b: _Builder, end: int, left: int) -> int:
    return b.pos + max(200, (end - b.pos) // max(left, 1))


def _write_summary(b: _Builder, target: int) -> dict[str, Any]:
    rng, t, city, year = b.rng, b.templates, b.spec.city, b.spec.year
    kj = b.agencies["kj"]
    published = _day_between(rng, date(year + 1, 1, 5), date(year + 1, 2, 27))
    with_plan = rng.random() < 0.7
    style = rng.randrange(3)
    if style == 0:
        title = _title(b, f"{year}年科技工作总结" + (f"暨{year + 1}年工作打算" if with_plan else ""))
    elif style == 1:
        title = _title(b, (kj, kj.full), f"{year}年工作总结" + (f"和{year + 1}年工作思路" if with_plan else ""))
    else:
        title = _title(b, f"{year}年度全市科技创新工作总结" + (f"暨{year + 1}年工作打算" if with_plan else ""))
    b.header(title, b.world.agency_alt_form(city), kj, published)
    b.paragraph_start()
    b.sentence(rng.choice(t.intros["summary"]))
    b.fact_run(1)
    b.line()
    b.line()
    b.line(f"一、{year}年主要工作及成效")
    b.line()
    review_end = b.pos + int((target - b.pos) * (0.7 if with_plan else 0.9))
    sections = _sections(b, review_end, list(t.headings["review"]), 1100)
    for no, heading in sections:
        sec_end = _section_end(b, review_end, len(sections) - no + 1)
        b.paragraph_start()
        b.emit(f"（{cn_number(no)}）{heading}。")
        b.fact_run(1)
        leads = rng.sample(t.leads, len(_ORDINALS))
        for i, lead in enumerate(leads):
            if b.pos >= sec_end and i >= 2:
                break
            b.emit(f"{_ORDINALS[i]}{lead}。")
            b.fact_run(rng.randint(2, 4))
        while b.pos < sec_end:
            b.fact_run(2)
        b.line()
        b.line()
    b.line("二、存在的主要问题")
    b.line()
    b.paragraph_start()
    b.line("".join(rng.sample(t.problems, 3)))
    b.line()
    if with_plan:
        b.line(f"三、{year + 1}年工作打算")
        b.line()
        sections = _sections(b, target, list(t.headings["plan"]), 800)
        for no, heading in sections:
            sec_end = _section_end(b, target, len(sections) - no + 1)
            b.paragraph_start()
            b.emit(f"（{cn_number(no)}）{heading}。")
            b.plan_run(4)
            while b.pos < sec_end:
                b.plan_run(2)
            b.line()
            b.line()
    b.paragraph_start()
    b.line(rng.choice(t.closings["summary"]))
    if rng.random() < 0.5:
        b.signature(kj, published - timedelta(days=rng.randint(1, 5)))
    return {"title": title, "issuer": kj.full, "date": published.isoformat(), "doc_number": None}


def _write_plan(b: _Builder, target: int) -> dict[str, Any]:
    rng, t, city, year = b.rng, b.templates, b.spec.city, b.spec.year
    kj = b.agencies["kj"]
    published = _day_between(rng, date(year, 1, 10), date(year, 3, 25))
    style = rng.randrange(3)
    if style == 0:
        title = _title(b, (kj, kj.full), f"{year}年工作要点")
    elif style == 1:
        title = _title(b, f"{year}年全市科技工作计划")
    else:
        title = _title(b, (kj, b.world.agency_alt_form(city)), f"{year}年工作计划")
    b.header(title, kj.short or kj.full, kj, published)
    b.paragraph_start()
    b.sentence(rng.choice(t.intros["plan"]))
    b.line()
    b.line()
    b.line("主要目标：")
    b.line()
    for i, goal in enumerate(rng.sample(t.goals, rng.randint(5, 8)), start=1):
        b.emit(f"{i}.")
        b.sentence(goal)
        b.line()
        b.line()
    b.line("重点任务：")
    b.line()
    items = list(t.headings["scheme_items"])
    rng.shuffle(items)
    item_no = 0
    sections = _sections(b, target, list(t.headings["plan"]), 1300)
    for no, heading in sections:
        sec_end = _section_end(b, target, len(sections) - no + 1)
        b.line(f"（{cn_number(no)}）{heading}")
        b.line()
        first = True
        while first or b.pos < sec_end:
            first = False
            item_no += 1
            b.emit(f"{item_no}.{items[item_no % len(items)]}。")
            b.plan_run(rng.randint(3, 6))
            b.line()
            b.line()
    b.paragraph_start()
    b.line(rng.choice(t.closings["plan"]))
    if rng.random() < 0.5:
        b.signature(kj, published)
    return {"title": title, "issuer": kj.full, "date": published.isoformat(), "doc_number": None}


def _responsible(b: _Builder) -> None:
    codes = [c for c in b.agencies if c not in ("bg", "zf", "kj")]
    chosen = b.rng.sample(codes, b.rng.randint(1, 5))
    chosen.insert(0 if b.rng.random() < 0.6 else b.rng.randint(1, len(chosen)), "kj")
    b.emit("（责任单位：")
    for i, code in enumerate(chosen):
        if i:
            b.emit("、")
        actor = b.agencies[code]
        b.name(actor, actor.short or actor.full)
    b.emit("）")


def _write_scheme(b: _Builder, target: int) -> dict[str, Any]:
    rng, t, city, year, w = b.rng, b.templates, b.spec.city, b.spec.year, b.world
    office = b.agencies["bg"]
    signed = _day_between(rng, date(year, 2, 1), date(year, 11, 30))
    published = signed + timedelta(days=rng.randint(1, 9))
    topic = rng.choice(w.names["policy_topics"])
    bare = rng.choice(w.names["scheme_forms"]).format(city=city.name, topic=topic)
    policy = Actor("Policy", f"《{bare}》", bare)
    doc_number = f"{city.docno}〔{year}〕{rng.randint(3, 160)}号"
    title = _title(b, (office, office.full), "关于印发", (policy, bare), "的通知")
    b.header(title, office.full, office, published, doc_number)
    b.line(doc_number)
    b.line()
    b.line("各县（市、区）人民政府，市各委办局，市各直属单位：")
    b.line()
    b.paragraph_start()
    s0 = b.pos
    b.emit("经市政府同意，")
    b.name(office, office.short or office.full)
    b.emit("现将")
    b.name(policy, policy.full)
    b.emit("印发给你们，请结合实际认真贯彻落实。")
    b.relations.append(("ISSUED_BY", policy.key, office.key, s0, b.pos, "fact"))
    b.line()
    b.signature(office, signed)
    b.line()
    b.name(policy, bare)
    b.line()
    b.line()
    b.paragraph_start()
    b.sentence(rng.choice(t.intros["scheme"]))
    b.line()
    b.line()
    b.line("一、总体要求")
    b.line()
    b.paragraph_start()
    b.line("".join(rng.sample(t.scheme_general, 2)))
    b.line()
    b.line("二、工作目标")
    b.line()
    b.paragraph_start()
    b.emit(f"到{year + 2}年，")
    for goal in rng.sample(t.goals, rng.randint(3, 5)):
        b.sentence(goal)
    b.line()
    b.line()
    b.line("三、重点任务")
    b.line()
    items = list(t.headings["scheme_items"])
    rng.shuffle(items)
    item_no = 0
    tasks_end = b.pos + int((target - b.pos) * 0.88)
    sections = _sections(b, tasks_end, list(t.headings["scheme"]), 1300)
    for no, heading in sections:
        sec_end = _section_end(b, tasks_end, len(sections) - no + 1)
        b.line(f"（{cn_number(no)}）{heading}")
        b.line()
        first = True
        while first or b.pos < sec_end:
            first = False
            item_no += 1
            b.emit(f"{item_no}. {items[item_no % len(items)]}。")
            b.plan_run(rng.randint(3, 6))
            _responsible(b)
            b.line()
            b.line()
    b.line("四、保障措施")
    b.line()
    for i, heading in enumerate(("加强组织领导", "强化资金保障", "严格督查考核"), start=1):
        b.paragraph_start()
        b.emit(f"（{cn_number(i)}）{heading}。")
        b.line("".join(rng.sample(t.measures, 2)))
        b.line()
    return {"title": title, "issuer": office.full, "date": published.isoformat(), "doc_number": doc_number}


def _write_reply(b: _Builder, target: int) -> dict[str, Any]:
    rng, t, year, w = b.rng, b.templates, b.spec.year, b.world
    kj = b.agencies["kj"]
    signed = _day_between(rng, date(year, 5, 10), date(year, 9, 20))
    published = signed + timedelta(days=rng.randint(3, 30))
    term, meeting = ("十五", year - 2011) if year <= 2016 else ("十六", year - 2016)
    number = rng.randint(1, 320)
    rest = f"关于对市{term}届人大{cn_number(meeting)}次会议第{number:04d}号建议的答复"
    title = _title(b, (kj, kj.full), rest) if rng.random() < 0.5 else _title(b, rest)
    b.header(title, kj.full, kj, published, f"{number:04d}")
    deputy = rng.choice(w.names["surnames"]) + rng.choice(w.names["given_names"])
    b.line(f"{deputy}代表：")
    b.line()
    b.paragraph_start()
    b.sentence(rng.choice(t.intros["reply"]))
    b.line()
    b.line()
    sections = rng.sample(t.headings["reply_sections"], 2)
    for i, heading in enumerate(sections, start=1):
        b.line(f"{cn_number(i)}、{heading}")
        b.line()
        budget = int(target * (0.4 if i == 1 else 0.75))
        while b.pos < budget:
            b.paragraph_start()
            b.fact_run(rng.randint(3, 6))
            b.line()
            b.line()
    b.line(f"三、{rng.choice(t.headings['reply_next'])}")
    b.line()
    while b.pos < target:
        b.paragraph_start()
        b.plan_run(rng.randint(3, 6))
        b.line()
        b.line()
    b.paragraph_start()
    b.line(rng.choice(t.closings["reply"]))
    b.signature(kj, signed)
    return {"title": title, "issuer": kj.full, "date": published.isoformat(), "doc_number": None}


_WRITERS = {
    "summary": _write_summary,
    "plan": _write_plan,
    "implementation_scheme": _write_scheme,
    "reply": _write_reply,
}


def render_document(world: World, spec: DocSpec, seed: int = 0, target_chars: int = 10_000) -> SynthDocument:
    """Write one document and its gold annotation (in memory)."""
    rng = random.Random(f"innograph-synth:{seed}:{spec.index}:{spec.genre}:{spec.year}")
    b = _Builder(world, spec, rng, load_templates())
    b.line(MARKER)
    body_start = b.pos
    target = body_start + int(target_chars * rng.uniform(0.85, 1.15))
    meta = _WRITERS[spec.genre](b, target)
    text = "".join(b.parts)
    if rng.random() < 0.25:  # portal pages often mix ASCII punctuation into Chinese text
        text = text[:body_start] + text[body_start:].translate(_ASCII_PUNCT)
        meta["title"] = meta["title"].translate(_ASCII_PUNCT)
    file_name = f"{spec.index:05d}_{spec.city.code}_{spec.year}_{GENRE_FILE_TAG[spec.genre]}.txt"
    gold = _gold(b, text, file_name, meta)
    return SynthDocument(file_name, text, gold)


def _gold(b: _Builder, text: str, file_name: str, meta: dict[str, Any]) -> dict[str, Any]:
    spans: dict[str, list[tuple[int, int]]] = {}
    for key, s, e in b.mentions:
        spans.setdefault(key, []).append((s, e))
    names: dict[str, str] = {}
    entities: list[dict[str, Any]] = []
    for key, actor in b.actors.items():
        occ = sorted(set(spans.get(key, [])))
        forms: list[str] = []
        for s, e in occ:
            f = text[s:e]
            if f not in forms:
                forms.append(f)
        if actor.always_full_canonical or not forms:
            name = actor.full
        else:
            name = max(forms, key=len)
        names[key] = name
        entity: dict[str, Any] = {
            "name": name,
            "type": actor.type,
            "mentions": forms,
            "spans": [[s, e] for s, e in occ],
        }
        if name != actor.full:
            entity["global_name"] = actor.full  # the actor's full name across the corpus
        if actor.subtype:
            entity["subtype"] = actor.subtype
        if not occ:
            entity["implicit"] = True
        entities.append(entity)
    relations: list[dict[str, Any]] = []
    done: set[tuple[str, str, str]] = set()
    for rel_type, h, t, s, e, modality in b.relations:
        k = (rel_type, min(h, t), max(h, t)) if rel_type == "COOPERATES_WITH" else (rel_type, h, t)
        if k in done:
            continue
        done.add(k)
        relations.append(
            {
                "type": rel_type,
                "head": names[h],
                "tail": names[t],
                "evidence": text[s:e],
                "evidence_at": {"start": s, "end": e},
                "modality": modality,
            }
        )
    spec = b.spec
    return {
        "doc": file_name,
        "synthetic": True,
        "meta": {
            **meta,
            "genre": spec.genre,
            "year": spec.year,
            "region": spec.city.full,
            "province": spec.city.province,
        },
        "entities": entities,
        "relations": relations,
    }


# ---------------------------------------------------------------------- corpora
def plan_corpus(world: World, n_docs: int, seed: int) -> list[DocSpec]:
    """Choose city, year and genre of each document (deterministic for the seed)."""
    rng = random.Random(f"innograph-synth-plan:{seed}:{n_docs}")
    y0, y1 = world.years
    specs: list[DocSpec] = []
    for i in range(n_docs):
        genre = GENRES[i % len(GENRES)] if i < len(GENRES) else rng.choice(GENRES)
        specs.append(DocSpec(i, rng.choice(world.cities), rng.randint(y0, y1), genre))
    return specs


def gold_json(gold: dict[str, Any]) -> str:
    """Serialise a gold record with one entity / relation per line (C encoder, no indent pass)."""
    head = {k: v for k, v in gold.items() if k not in ("entities", "relations")}
    ents = json.dumps(gold.get("entities", []), ensure_ascii=False)
    rels = json.dumps(gold.get("relations", []), ensure_ascii=False)
    # Names and evidence never contain braces (documents have none), so these splits are exact.
    ents = ents.replace('}, {"name": ', '},\n  {"name": ')
    rels = rels.replace('}, {"type": ', '},\n  {"type": ')
    return json.dumps(head, ensure_ascii=False)[:-1] + ',\n "entities": ' + ents + ',\n "relations": ' + rels + "}\n"


def _write(doc: SynthDocument, out_dir: Path, gold_dir: Path | None) -> Path:
    path = out_dir / doc.file_name
    path.write_text(doc.text, encoding="utf-8")
    if gold_dir is not None:
        gold_path = gold_dir / (Path(doc.file_name).stem + ".json")
        gold_path.write_text(gold_json(doc.gold), encoding="utf-8")
    return path


def _write_chunk(args: tuple[int, tuple[int, int], int, int, list[int], Path, Path | None]) -> list[Path]:
    """Worker: rebuild the (deterministic) world and write some documents of the corpus."""
    n_docs, years, seed, target_chars, indices, out_dir, gold_dir = args
    world = World(n_docs=n_docs, seed=seed, years=years)
    specs = plan_corpus(world, n_docs, seed)
    return [_write(render_document(world, specs[i], seed, target_chars), out_dir, gold_dir) for i in indices]


def default_gold_dir(out_dir: Path) -> Path:
    """Gold files go to a sibling folder ``gold/`` of the documents folder."""
    return Path(out_dir).parent / "gold"


def generate_corpus(
    out_dir: Path,
    n_docs: int,
    seed: int = 0,
    *,
    with_gold: bool = True,
    target_chars: int = 10_000,
    gold_dir: Path | None = None,
    years: tuple[int, int] = DEFAULT_YEARS,
    workers: int | None = None,
) -> list[Path]:
    """Write ``n_docs`` synthetic documents (and gold JSON files) and return the document paths.

    Documents go to ``out_dir``; gold files to ``gold_dir`` (default: ``gold/`` beside
    ``out_dir``). The output is identical byte for byte for a given (n_docs, seed, target_chars,
    years), whatever the number of worker processes (default: up to 4 for 400+ documents).
    """
    if n_docs < 0:
        raise ValueError("n_docs must be >= 0")
    if years[0] > years[1]:
        raise ValueError("years must be (first, last) with first <= last")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    gdir = (Path(gold_dir) if gold_dir is not None else default_gold_dir(out_dir)) if with_gold else None
    if gdir is not None:
        gdir.mkdir(parents=True, exist_ok=True)
    if workers is None:
        workers = min(4, os.cpu_count() or 1) if n_docs >= 400 else 1
    chunk = 250
    jobs = [
        (n_docs, years, seed, target_chars, list(range(i, min(i + chunk, n_docs))), out_dir, gdir)
        for i in range(0, n_docs, chunk)
    ]
    paths: list[Path] = []
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            paths.extend(_write_chunk(job))
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for part in pool.map(_write_chunk, jobs):
                paths.extend(part)
    logger.info("wrote %d synthetic documents to %s (gold: %s)", len(paths), out_dir, gdir)
    return paths


# The demo: three cities in two provinces, every genre, years spread over 2016-2020.
_DEMO_PLAN: tuple[tuple[str, int, str], ...] = (
    ("南通", 2016, "summary"),
    ("南通", 2018, "plan"),
    ("南通", 2019, "implementation_scheme"),
    ("常州", 2017, "summary"),
    ("常州", 2019, "reply"),
    ("宁波", 2018, "implementation_scheme"),
    ("宁波", 2020, "plan"),
    ("南通", 2020, "reply"),
)


def generate_demo(
    out_dir: Path,
    *,
    with_gold: bool = True,
    gold_dir: Path | None = None,
    seed: int = 0,
    target_chars: int = 8_000,
) -> list[Path]:
    """The small demo corpus used by ``make run``: 8 documents, every genre, 3 cities."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    gdir = (Path(gold_dir) if gold_dir is not None else default_gold_dir(out_dir)) if with_gold else None
    if gdir is not None:
        gdir.mkdir(parents=True, exist_ok=True)
    world = World(n_docs=len(_DEMO_PLAN), seed=seed)
    by_name = {c.name: c for c in world.cities}
    paths = [
        _write(render_document(world, DocSpec(i, by_name[c], y, g), seed, target_chars), out_dir, gdir)
        for i, (c, y, g) in enumerate(_DEMO_PLAN)
    ]
    logger.info("wrote the demo corpus (%d documents) to %s", len(paths), out_dir)
    return paths
