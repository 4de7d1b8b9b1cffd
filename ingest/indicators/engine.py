"""Indicator extraction: one indicator per stated figure (guideline, "Indicators").

The text is read line by line and, inside a line, period by period (a period ends at 。!?; the
clauses of a period are separated by , ; : and dashes). A year, a target cue or a stated indicator
carries through the clauses of its period ("2023年全社会R&D投入239亿元,增长19%;R&D投入强度1.96%"
all refer to 2023) but not beyond. Headings with a list marker set a section's year and kind.

All rule words are in ``data/rules.yaml``; concepts in ``data/concepts.yaml``.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass, field

from ingest.indicators.context import DocContext, city_of_place, document_context, leading_place
from ingest.indicators.lexicon import Lexicon, load_lexicon
from ingest.jurisdiction import DocJurisdiction
from ingest.models import Document, Evidence, Indicator, Sentence

logger = logging.getLogger(__name__)

# Full-width ASCII forms -> ASCII, ideographic space -> space: length-preserving, so offsets into
# the normalised text are offsets into the original text.
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_LINE_RE = re.compile(r"[^\n\r]+")
_CLAUSE_RE = re.compile(r"[,;:]|——|—{1}(?=[^—\d])")
_HEADING_RE = re.compile(
    r"^\s*(?:(?P<l0>第[一二三四五六七八九十]+[章部])|(?P<l1>第[一二三四五六七八九十]+节)"
    r"|(?P<l2>[一二三四五六七八九十]+、)|(?P<l3>\([一二三四五六七八九十]+\))"
    r"|(?P<l4>\d{1,2}[.、](?!\d))|(?P<l5>\(\d{1,2}\)))"
)
_MAX_HEADING = 32
_TIME_LEAD = re.compile(
    r"^(?:\s|[一二三四五六七八九十]+是|\d{4}年(?:度)?(?:底|末)?|\d{1,2}[-—~至]\d{1,2}月(?:份)?|今年|全年|当年|目前|截至[^,;:]{0,12}?[底末]|[,、])*"
)
_CITY_SCOPE = ("全市", "我市", "本市")
_OWN_SCOPE = ("全区", "我区", "本区", "全县", "我县", "本县", "全省", "我省")
_ELLIPTIC_NAME = 4  # a name this short (投入强度) continues the indicator before it
_ENUM_LEAD = re.compile(r"^[\s、,]*(?:和|及|以及|与)?")
_CN_NUM = {c: i + 1 for i, c in enumerate("一二三四五六七八九")}
_HEADLINE_MAX = 50
# a figure inside a relative clause before 的 ("超100亿元的企业", "拥有200多项专利的公司")
_THRESHOLD_AFTER = re.compile(
    r"^(?:[、和及与至到]\s*(?:超过|超|近|约)?\s*\d[\d.,]*\s*[^\d,;:、的]{0,4})*[\u4e00-\u9fff]{0,3}的"
)


def _cn_int(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    if s == "十":
        return 10
    if len(s) == 1:
        return _CN_NUM.get(s)
    if s.startswith("十"):
        return 10 + _CN_NUM.get(s[1], 0)
    if len(s) == 2 and s[1] == "十":
        return _CN_NUM.get(s[0], 0) * 10
    if len(s) == 3 and s[1] == "十":
        return _CN_NUM.get(s[0], 0) * 10 + _CN_NUM.get(s[2], 0)
    return None


def _masked(period: str) -> list[tuple[int, int]]:
    """Spans inside 《》 and short “” quotes: numbers there belong to titles and names."""
    spans = []
    for open_, close, limit in (("《", "》", 200), ("“", "”", 16), ('"', '"', 16)):
        i = period.find(open_)
        while i >= 0:
            j = period.find(close, i + 1)
            if j < 0:
                break
            if j - i <= limit:
                spans.append((i, j))
            i = period.find(open_, j + 1)
    return spans


def _paren_seps(period: str) -> list[tuple[int, int]]:
    """Parentheses holding a figure ("新增3个平台(总数79家)") separate clauses."""
    out = []
    i = period.find("(")
    while i >= 0:
        j = period.find(")", i + 1)
        if j < 0:
            break
        if any(ch.isdigit() for ch in period[i + 1 : j]):
            out += [(i, i + 1), (j, j + 1)]
        i = period.find("(", j + 1)
    return out


_FIGURE_HINT = re.compile(r"\d|第|首位|榜首")
_RANK_HINT = re.compile(r"第|首位|榜首|[排名列居]\d")
_PERIOD_RE = re.compile(r"[^。!?]+[。!?]*|[。!?]+")


def _has_figure(s: str) -> bool:
    return _FIGURE_HINT.search(s) is not None


def _blank(period: str, spans: list[tuple[int, int]]) -> str:
    """``period`` with the insides of titles and quotes blanked (cue words there are names)."""
    if not spans:
        return period
    chars = list(period)
    for a, b in spans:
        for i in range(a + 1, b):
            chars[i] = " "
    return "".join(chars)


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < pos < b for a, b in spans)


@dataclass
class _Year:
    pos: int
    end: int
    year: int
    valid: bool
    role: str = "figure"  # figure / open (2018年以来) / base (较2015年) / title (inside 《》)


@dataclass
class _Sections:
    """The headings in force: per level, (year, kind)."""

    levels: dict[int, tuple[int | None, str | None]] = field(default_factory=dict)

    def update(self, line: str, lex: Lexicon) -> None:
        m = _HEADING_RE.match(line)
        if m is None:
            return
        level = int(next(k for k, v in m.groupdict().items() if v is not None)[1])
        head = line[m.end() :]
        cut = min((head.find(c) for c in "。.!?;" if c in head), default=-1)
        if cut >= 0:
            head = head[:cut]
        if len(head) > _MAX_HEADING:
            return
        for k in [k for k in self.levels if k >= level]:
            del self.levels[k]
        y = re.search(r"((?:19|20)\d{2})\s*年", head)
        kind = None
        target, actual = lex.target_heading_re.search(head), lex.actual_heading_re.search(head)
        if target and actual:
            kind = "actual" if lex.review_heading_re.search(head) else "target"
        elif target:
            kind = "target"
        elif actual:
            kind = "actual"
        if y or kind:
            self.levels[level] = (int(y.group(1)) if y else None, kind)

    def year(self) -> int | None:
        for k in sorted(self.levels, reverse=True):
            if self.levels[k][0] is not None:
                return self.levels[k][0]
        return None

    def kind(self) -> str | None:
        for k in sorted(self.levels, reverse=True):
            if self.levels[k][1] is not None:
                return self.levels[k][1]
        return None


@dataclass
class _Found:
    ind: Indicator
    pos: int  # absolute offset of the figure
    end: int  # absolute offset after the figure
    base: str  # name without derived parts, for following growth/share clauses
    headline: bool


class _Scanner:
    def __init__(self, doc: Document, sentences: list[Sentence], lex: Lexicon, where: DocJurisdiction) -> None:
        self.doc = doc
        self.lex = lex
        self.text = doc.text.translate(_WIDTH)
        self.ctx: DocContext = document_context(doc, self.text, where, lex.plan_title_re, lex.summary_title_re)
        self.sentences = sorted(sentences, key=lambda s: s.start)
        self.sent_starts = [s.start for s in self.sentences]
        self.sections = _Sections()
        self.found: list[_Found] = []
        self._sep_ends: dict[int, int] = {}
        self._cue_text = ""
        self._actor_topic = False  # the last period's subject was a named actor (not a place)

    # ------------------------------------------------------------------ helpers
    def _evidence(self, pos: int, p_start: int, p_end: int) -> Evidence:
        i = bisect.bisect_right(self.sent_starts, pos) - 1
        if i >= 0 and self.sentences[i].start <= pos < self.sentences[i].end:
            s = self.sentences[i]
            return Evidence(text=self.doc.text[s.start : s.end], start=s.start, end=s.end)
        return Evidence(text=self.doc.text[p_start:p_end], start=p_start, end=p_end)

    def _years(self, period: str, clauses: list[int], masks: list[tuple[int, int]]) -> list[_Year]:
        lex = self.lex
        out = []
        for m in lex.year_re.finditer(period):
            pos, end = m.start(), m.end()
            role = "title" if _inside(pos, masks) else "figure"
            after = period[end:]
            if role == "figure" and lex.year_open_re.match(after):
                role = "open"  # 2018年以来: a period, the figure takes the report's year
            if role == "figure" and lex.year_base_before_re.search(period[max(0, pos - 3) : pos]):
                role = "base"  # 较2015年 / 是2015年的: a base of comparison
            if role == "figure":
                c_end = next((c for c in clauses if c > end), len(period))
                window = period[end : min(c_end, end + lex.year_base_after_window)]
                if lex.year_base_after_re.search(window):
                    role = "base"  # 在2018年翻番的基础上
            out.append(_Year(pos, end, int(m.group(1)), role == "figure", role))
        return out

    def _year_at(self, period: str, pos: int, years: list[_Year], clause: tuple[int, int]) -> int | None:
        """The year a figure at ``pos`` refers to by its period's wording, None when it is not stated."""
        own = [y for y in years if clause[0] <= y.pos and y.end <= clause[1]]
        # a base of comparison or a title's year says nothing about the figure: look past it
        before = [y for y in years if y.end <= pos and y.role in ("figure", "open")]
        if own and not (before and before[-1] in own):
            after = [y for y in own if y.pos >= pos]
            if after:
                # the figure's own clause names a year after it (9家企业获得2018年度补助)
                return after[0].year if after[0].valid else None
        if not before:
            return None
        y = before[-1]
        if not y.valid:
            return None
        seg = period[y.end : pos]
        t = self.lex.year_transition_re.search(seg)
        if t is not None and any(ch.isdigit() for ch in seg[: t.start()]):
            return None  # 从2015年的2.41%提高到3.26%: the later figure is not 2015's
        return y.year

    def _clean_name(self, pre: str) -> str:
        lex = self.lex
        name = lex.name_lead_re.sub("", pre.strip())
        name = lex.name_trail_re.sub("", name).strip(" 、")
        return name

    # ------------------------------------------------------------------ scanning
    def run(self) -> list[Indicator]:
        if self.ctx.jurisdiction is None:
            logger.debug("document %s: no jurisdiction, no indicators", self.doc.meta.id)
            return []
        for m in _LINE_RE.finditer(self.text):
            line = m.group()
            if _HEADING_RE.match(line):
                self._actor_topic = False
            self.sections.update(line, self.lex)
            if not _has_figure(line):
                continue
            headline = len(line.strip()) <= _HEADLINE_MAX and not any(c in line for c in "。;,")
            for p in _PERIOD_RE.finditer(line):
                self._period(p.group(), m.start() + p.start(), headline)
        return self._finish()

    def _period(self, period: str, offset: int, headline: bool) -> None:
        if not _has_figure(period):
            return
        lex = self.lex
        if lex.exclude_period_re.search(period):
            return  # an event's attendance: its counts are of people and bodies present
        seps = sorted([(c.start(), c.end()) for c in _CLAUSE_RE.finditer(period)] + _paren_seps(period))
        clauses = [a for a, _ in seps]
        self._sep_ends = {a: b for a, b in seps}
        first_clause = ""
        bounds = [0, *[self._sep_ends[c] for c in clauses]]
        for k, start in enumerate(bounds):
            end = clauses[k] if k < len(clauses) else len(period)
            first_clause = self._lead(period[start:end])
            if first_clause:
                break  # the first clause after "目前," / "近日," / "截至6月底,"
        if lex.org_subject_re.match(first_clause):
            self._actor_topic = True
            return  # a named company, lab, institute or zone speaks: its figures, not the place's
        if self._actor_topic and (lex.topic_keep_re.match(period.strip()) or not first_clause):
            return  # "(该院)目前已引进博士30人": a sentence without a subject goes on about the actor
        self._actor_topic = False
        masks = _masked(period)
        self._cue_text = lex.cue_blank_re.sub(lambda b: " " * len(b.group()), _blank(period, masks))
        years = self._years(period, clauses, masks)
        local: list[_Found] = []
        for m in lex.figure_re.finditer(period):
            self._figure(m, period, offset, clauses, masks, years, local, headline)
        if _RANK_HINT.search(period):
            for m in lex.rank_re.finditer(period):
                self._rank(m, period, offset, clauses, masks, years, local, headline)
        local.sort(key=lambda f: f.pos)
        self.found.extend(local)

    def _clause_of(self, pos: int, clauses: list[int], n: int) -> tuple[int, int]:
        i = bisect.bisect_right(clauses, pos)
        start = self._sep_ends[clauses[i - 1]] if i > 0 else 0
        end = clauses[i] if i < len(clauses) else n
        return start, end

    def _lead(self, clause: str) -> str:
        return self.lex.name_lead_re.sub("", clause.strip(" —-"))

    def _kind(self, period: str, pos: int, own_year: int | None = None) -> str:
        before = self._cue_text[:pos]
        if self.lex.target_cue_re.search(before):
            return "target"
        section = self.sections.kind()
        if section is not None:
            return section
        if not self.ctx.plan_doc:
            return "actual"
        start = self.ctx.plan_start
        if (own_year is not None and start is not None and own_year < start) or self.lex.actual_cue_re.search(before):
            return "actual"  # the plan's baseline
        return "target"

    def _year(self, period: str, pos: int, years: list[_Year], clause: tuple[int, int], kind: str) -> int | None:
        y = self._year_at(period, pos, years, clause)
        if y is not None:
            return y
        sec = self.sections.year()
        if sec is not None:
            return sec
        if kind == "target" and not self.lex.forecast_cue_re.search(self._cue_text[:pos]):
            return self.ctx.plan_year or self.ctx.report_year
        return self.ctx.report_year  # an actual, or a forecast of the year reported on (预计全年)

    def _skip_clause(self, clause_text: str, pre: str = "") -> bool:
        lex = self.lex
        if lex.exclude_clause_re.search(clause_text) or lex.foreign_scope_inside_re.search(pre):
            return True
        lead = self._lead(clause_text)
        if lex.foreign_scope_re.match(lead) and not self._own_scope(lead):
            return True
        return bool(lex.org_subject_re.match(lead))

    def _jurisdiction(self, period: str, cs: int) -> str:
        """Whose figure: the document's place, unless the clause (or the period) opens with another
        scope - 全市/我市 in a district's document is its city's (guideline: 全市 -> the city), a place
        name opening the clause is that place's."""
        own = self.ctx.jurisdiction or ""
        for text in (period[cs:], period):
            lead = _TIME_LEAD.sub("", text)
            if lead.startswith(_CITY_SCOPE):
                return city_of_place(own) or own
            if lead.startswith(_OWN_SCOPE):
                return own
            place = leading_place(lead)
            if place is not None:
                if own.endswith(place) or place.endswith(own):
                    return own
                return place
        return own

    def _own_scope(self, lead: str) -> bool:
        """全省/全自治区 is the document's own scope when the document is a province's."""
        j = self.ctx.jurisdiction or ""
        return j.endswith(("省", "自治区")) and lead.startswith(("全省", "全自治区", "全区域"))

    def _figure(
        self,
        m: re.Match[str],
        period: str,
        offset: int,
        clauses: list[int],
        masks: list[tuple[int, int]],
        years: list[_Year],
        local: list[_Found],
        headline: bool,
    ) -> None:
        lex = self.lex
        num_pos = m.start("num")
        if _inside(num_pos, masks):
            return
        fig_start = m.start("pre") if m.group("pre") else num_pos
        if period[max(0, fig_start - 1) : fig_start] == "第":
            return  # an ordinal
        rest = period[m.end() :]
        if _THRESHOLD_AFTER.match(rest):
            return  # 超100亿元的企业: a threshold inside a noun phrase
        cs, ce = self._clause_of(num_pos, clauses, len(period))
        clause_text = period[cs:ce]
        pre = period[cs:fig_start]
        if self._skip_clause(clause_text, pre):
            return
        if local and local[-1].pos - offset >= cs:
            # an enumeration "高企23家、科技型企业69家": the name starts after the previous figure
            prev_end = local[-1].end - offset
            if cs <= prev_end <= fig_start:
                pre = _ENUM_LEAD.sub("", period[prev_end:fig_start])
        post = period[m.end() : ce]
        if (lex.document_verb_re.search(pre) and lex.document_noun_re.match(post)) or lex.document_noun_near_re.match(
            post
        ):
            return  # 出台8项措施, 4个政策性文件: documents issued
        unit = re.sub(r"\s+", "", m.group("unit"))
        if m.group("inner2"):  # 1万余家: the qualifier sits between multiplier and unit
            unit = unit.replace(m.group("inner2"), "", 1)
        base_unit = unit
        for mult in lex.multipliers:
            if base_unit.startswith(mult) and len(base_unit) > len(mult):
                base_unit = base_unit[len(mult) :]
                break
        base_unit = base_unit.split("/", 1)[0]
        uclass = lex.unit_class.get(base_unit, "count" if base_unit in lex.multipliers else "count")
        if base_unit in lex.multipliers:
            uclass = "money" if base_unit == "亿" else "count"  # 1.58亿: money in this genre
        value = float(m.group("num").replace(",", ""))
        qualifier = m.group("pre") or m.group("inner") or m.group("inner2") or m.group("post")
        value_max = None
        if m.group("num2"):
            value_max = float(m.group("num2").replace(",", ""))
            qualifier = "range"
        prev_clause = ""
        i = bisect.bisect_left(clauses, cs) - 1  # the separator just before this clause
        if i >= 0 and period[clauses[i]] == ",":
            pstart = self._sep_ends[clauses[i - 1]] if i > 0 else 0
            prev_clause = period[pstart : clauses[i]]
        name, base, derived = self._name(pre, post, local, prev_clause)
        measure, cls = self._measure(name, uclass, unit, derived, level=bool(lex.level_re.search(pre)))
        kind = self._kind(period, fig_start, self._year_at(period, num_pos, years, (cs, ce)))
        year = self._year(period, num_pos, years, (cs, ce), kind)
        concept = self._concept(base + name if derived else name, cls)
        if concept == "other" and local and not derived and len(name) <= _ELLIPTIC_NAME:
            concept = self._concept(local[-1].base + name, cls)  # 投入强度 after R&D投入: ellipsis
        ind = Indicator(
            jurisdiction=self._jurisdiction(period, cs),
            name=name,
            value=value,
            value_max=value_max,
            unit=unit,
            year=year,
            kind=kind,  # type: ignore[arg-type]
            concept=concept,
            qualifier=qualifier,
            measure=measure,  # type: ignore[arg-type]
            evidence=self._evidence(offset + num_pos, offset, offset + len(period)),
        )
        local.append(_Found(ind, offset + num_pos, offset + m.end(), base if derived else name, headline))

    def _name(self, pre: str, post: str, local: list[_Found], prev_clause: str = "") -> tuple[str, str, bool]:
        """(name, base name of the stated indicator it derives from, derived?)."""
        lex = self.lex
        name = self._clean_name(pre)
        post_noun = re.split(r"[、,;:()。!?]", post, maxsplit=1)[0][:24].strip()
        if post_noun and post_noun[0] in "的以左之":
            post_noun = ""
        prev = local[-1].base if local else ""
        if not name and prev_clause and not any(ch.isdigit() for ch in prev_clause):
            # "高新技术企业数量增加一倍,达到2000家": the indicator is named in the clause before
            return self._clean_name(prev_clause), self._clean_name(prev_clause), False
        if post_noun and (not name or name.endswith("等") or lex.name_verb_re.search(name)):
            verb = lex.name_verb_re.search(name) or lex.name_verb_lead_re.match(name)
            name = (verb.group() if verb else "") + post_noun
            return name, name, False
        if prev and (
            not name or lex.growth_re.match(name) or lex.share_re.match(name) or name.startswith(("较", "比"))
        ):
            return prev + name, prev, True
        return name, name, False

    def _measure(self, name: str, uclass: str, unit: str, derived: bool, level: bool = False) -> tuple[str, str]:
        """(measure, unit class for concepts); ``level``: the figure is a new level (提高至3.98%)."""
        lex = self.lex
        if uclass == "ratio":
            if unit in ("个百分点", "百分点", "倍"):
                return "growth", "growth"
            if level:
                return "share", "share"
            growth = [g.end() for g in lex.growth_re.finditer(name)]
            share = [s.start() for s in lex.share_re.finditer(name)]
            # the last word decides: 增加值占…比重 is a share, 投入强度提升 / 增长率 a growth
            if growth and (not share or max(growth) >= max(share)):
                return "growth", "growth"
            return "share", "share"
        if uclass == "score":
            return ("growth", "growth") if derived and lex.growth_re.search(name) else ("other", "score")
        if lex.growth_end_re.search(name):
            return "growth", uclass  # 比上年增加86家: a change in the count
        if lex.stock_re.search(name):
            return "stock", uclass
        if lex.flow_re.search(name) or uclass == "money":
            return "flow", uclass
        return "other", uclass

    def _concept(self, name: str, uclass: str) -> str:
        for c in self.lex.concepts:
            if c.matches(name, uclass):
                if c.levelled:
                    for level, words in self.lex.levels:
                        if any(w in name for w in words):
                            return f"{c.key}.{level}"
                return c.key
        return "other"

    def _rank(
        self,
        m: re.Match[str],
        period: str,
        offset: int,
        clauses: list[int],
        masks: list[tuple[int, int]],
        years: list[_Year],
        local: list[_Found],
        headline: bool,
    ) -> None:
        if not (m.group("verb") or m.group("suffix") or m.group("first")):
            return
        if (m.group("first") or m.group("n2")) and not m.group("verb"):
            return
        pos = m.start()
        if _inside(pos, masks) or self.lex.rank_tail_re.match(period[m.end() :]):
            return
        value = 1 if m.group("first") else _cn_int(m.group("n") or m.group("n2"))
        if not value:
            return
        cs, ce = self._clause_of(pos, clauses, len(period))
        clause_text = period[cs:ce]
        if self.lex.exclude_clause_re.search(clause_text):
            return
        lead = self._lead(clause_text)
        if self.lex.org_subject_re.match(lead):
            return
        pre = self._clean_name(period[cs:pos])
        earlier = [f for f in local if f.pos < offset + pos]
        if not earlier and not self.lex.rank_subject_re.search(pre):
            return  # a rank alone is not an indicator (guideline)
        base = pre if pre and (self.lex.rank_subject_re.search(pre) or not earlier) else earlier[-1].base
        if pre and base != pre:
            base = base + pre
        kind = self._kind(period, pos, self._year_at(period, pos, years, (cs, ce)))
        year = self._year(period, pos, years, (cs, ce), kind)
        if earlier and self._year_at(period, pos, years, (cs, ce)) is None:
            year = earlier[-1].ind.year
        ind = Indicator(
            jurisdiction=self._jurisdiction(period, cs),
            name=base + "位次",
            value=float(value),
            unit="位",
            year=year,
            kind=kind,  # type: ignore[arg-type]
            concept=self._concept(base, "rank"),
            measure="rank",
            evidence=self._evidence(offset + pos, offset, offset + len(period)),
        )
        local.append(_Found(ind, offset + pos, offset + m.end(), base, headline))

    def _finish(self) -> list[Indicator]:
        body = {(f.ind.value, f.ind.unit) for f in self.found if not f.headline}
        out = []
        seen: dict[tuple[float, str, int | None, str, str], list[str]] = {}
        for f in self.found:
            ind = f.ind
            if f.headline and (ind.value, ind.unit) in body:
                continue  # a headline repeating the body's figure
            key = (ind.value, ind.unit, ind.year, ind.kind, ind.concept)
            names = seen.setdefault(key, [])
            if names and (ind.concept != "other" or any(n in ind.name or ind.name in n for n in names)):
                continue  # the same figure restated (a lead paragraph, then the section)
            names.append(ind.name)
            out.append(ind)
        return out


def extract(doc: Document, sentences: list[Sentence], where: DocJurisdiction) -> list[Indicator]:
    """Indicators of ``doc`` of jurisdiction ``where`` (see module docstring)."""
    if _FIGURE_HINT.search(doc.text) is None:
        return []
    return _Scanner(doc, sentences, load_lexicon(), where).run()
