"""Document-level context of indicators: whose figures they are and which years they refer to.

``doc.meta`` (filled by ``ingest.metadata``) is trusted first; where it is empty the context is
worked out here from the text itself:

* jurisdiction - the place whose bureau or government writes: a full place name in the header,
  issuer or title (weighted up before 科技局/人民政府 …), with the document's self-reference
  (我市/全市 vs 我区/全区/我县) choosing between a city and one of its districts; a district is
  written with its city (余杭区 -> 杭州市余杭区, guideline);
* report year - a heading or title naming the year of the work reviewed (一、2024年工作总结,
  2019年工作总结和2020年工作计划), the base year of a five-year plan (a 十四五 plan reviews 2020),
  the document's date, else the year the text mentions most;
* plan year - the year a title plans for (2020年工作计划), the end of a scheme's period
  ((2012—2015年)) or of a five-year plan.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ingest.models import Document

logger = logging.getLogger(__name__)

__all__ = ["DocContext", "document_context", "five_year_plan_years"]

_HEAD_CHARS = 900
_TITLE_MAX = 60
_CITY_PREFIX = re.compile(r"^(.{2,8}?[市州盟])(?=.{2,}[区县旗市]$)")
_SUFFIX_RE = re.compile("[市区县旗]")
_MAX_PLACE_LEN = 8
_AGENCY_AFTER = re.compile(r"^(?:人民政府|政府|科学技术|科技|委员会|党委|发展和改革|办公)")
_SELF_CITY = re.compile(r"[我全本]市")
_SELF_DISTRICT = re.compile(r"[我全本][区县旗]")
_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})\s*年")
_REPORT_HEADING = re.compile(
    r"((?:19|20)\d{2})\s*年(?:度)?(?:上半年|全年)?[^\n,。;]{0,8}?"
    r"(?:工作总结|总结|工作情况|主要工作|工作回顾|工作报告|工作开展|工作成效|工作完成)"
)
_PLAN_HEADING = re.compile(
    r"((?:19|20)\d{2})\s*年(?:度)?[^\n,。;]{0,8}?(?:工作计划|计划|工作要点|要点|工作思路|思路|工作打算|工作安排)"
)
_TITLE_RANGE = re.compile(r"[(（]\s*((?:19|20)\d{2})\s*[-—–~至到]\s*((?:19|20)\d{2})\s*年?\s*[)）]")
_FIVE_YEAR = re.compile(r"十([一二三四五六七八九])五[”\"]?[^,。;\n]{0,12}?(?:规划|时期|期间|纲要)")
_ISO_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-/.年]\s*(\d{1,2})[-/.月]\s*(\d{1,2})")
_CN_YEAR = re.compile(r"([一二三四五六七八九〇○零]{4})年")
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}
_HEADING_MARK = re.compile(r"^(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+[章节部分])")
_NUMERALS = {c: i + 1 for i, c in enumerate("一二三四五六七八九")}


@dataclass(frozen=True)
class DocContext:
    jurisdiction: str | None
    report_year: int | None
    plan_year: int | None
    five_year_base: int | None  # last year of the previous plan period of a five-year plan
    title: str
    plan_doc: bool = False  # a work plan, key points, scheme or five-year plan: targets by default
    plan_start: int | None = None  # first year the plan covers (earlier years are its baseline)


def five_year_plan_years(text: str) -> tuple[int, int] | None:
    """(first, last) year of the N-th five-year plan named in ``text`` (十四五 -> 2021, 2025)."""
    m = _FIVE_YEAR.search(text)
    if m is None:
        return None
    n = 10 + _NUMERALS[m.group(1)]
    first = 1966 + 5 * (n - 3)  # the 3rd plan began in 1966; each plan since has five years
    return first, first + 4


@lru_cache(maxsize=1)
def _places() -> dict[str, list[tuple[str, str]]]:
    """Full City/District names -> [(type, canonical name with its city)]."""
    try:
        from ingest.gazetteer import load_gazetteer

        gz = load_gazetteer()
    except Exception as exc:  # noqa: BLE001 - the gazetteer is optional for indicators
        logger.warning("gazetteer unavailable, indicator jurisdictions from metadata only: %s", exc)
        return {}
    out: dict[str, list[tuple[str, str]]] = {}
    for p in gz.places:
        if p.type not in ("City", "District") or len(p.name) < 2:
            continue
        if len(p.name) == 2 and p.name.endswith("区"):
            continue  # 城区, 矿区, 郊区: ordinary words
        canonical = p.name
        if p.type == "District" and p.parent:
            parent = gz.place(p.parent)
            if parent is not None and parent.type == "City" and not p.name.startswith(parent.name):
                canonical = parent.name + p.name
        out.setdefault(p.name, []).append((p.type, canonical))
    return out


def canonical_place(name: str, text: str = "") -> str:
    """A place name written with its city when it is a district (the guideline's canonical form)."""
    cands = _places().get(name)
    if not cands:
        return name
    if len(cands) == 1:
        return cands[0][1]
    mentioned = [c for c in cands if c[1] != name and c[1][: len(c[1]) - len(name)] in text]
    return mentioned[0][1] if len(mentioned) == 1 else name


def city_of_place(name: str) -> str | None:
    """The city a canonical district name starts with (杭州市余杭区 -> 杭州市); None for a city."""
    m = _CITY_PREFIX.match(name)
    return m.group(1) if m else None


def leading_place(text: str) -> str | None:
    """A full City/District name the text starts with, canonical (西夏区有效发明量… -> 银川市西夏区)."""
    places = _places()
    for k in range(min(_MAX_PLACE_LEN, len(text)), 1, -1):
        cand = text[:k]
        if cand in places and cand[-1] in "市区县旗":
            return canonical_place(cand)
    return None


def _place_mentions(text: str) -> list[tuple[int, str]]:
    places = _places()
    out: list[tuple[int, str]] = []
    for sm in _SUFFIX_RE.finditer(text):
        i = sm.start()
        for k in range(_MAX_PLACE_LEN, 1, -1):
            start = i + 1 - k
            if start < 0:
                continue
            cand = text[start : i + 1]
            if cand in places:
                out.append((start, cand))
                break
    return out


def _infer_jurisdiction(doc: Document, head: str) -> str | None:
    places = _places()
    if not places:
        return None
    scores: Counter[str] = Counter()
    title = doc.meta.title or ""
    for source, weight in ((doc.meta.issuer or "", 3), (title, 2), (head, 1)):
        for pos, name in _place_mentions(source):
            bonus = 2 if _AGENCY_AFTER.match(source[pos + len(name) :]) else 0
            scores[name] += weight + bonus
    if not scores:
        return None
    district_voice = len(_SELF_DISTRICT.findall(doc.text)) > len(_SELF_CITY.findall(doc.text))
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    if district_voice:
        districts = [n for n, _ in ranked if any(t == "District" for t, _c in places[n])]
        if districts:
            return canonical_place(districts[0], doc.text)
    return canonical_place(ranked[0][0], doc.text)


def _jurisdiction(doc: Document, head: str) -> str | None:
    region = doc.meta.region
    if not region:
        return _infer_jurisdiction(doc, head)
    region = canonical_place(region, doc.text)
    # a city region with a district author: the district speaks of itself as 我区/全区
    if region.endswith("市") and len(_SELF_DISTRICT.findall(doc.text)) > len(_SELF_CITY.findall(doc.text)):
        inferred = _infer_jurisdiction(doc, head)
        if inferred and inferred != region and inferred.startswith(region):
            return inferred
    return region


def _first_date_year(text: str) -> int | None:
    m = _ISO_DATE.search(text[:_HEAD_CHARS])
    if m:
        return int(m.group(1))
    c = _CN_YEAR.search(text[:_HEAD_CHARS])
    if c:
        return int("".join(str(_CN_DIGITS[ch]) for ch in c.group(1)))
    return None


def _head_lines(text: str) -> list[str]:
    """Title-like lines: the first lines, and headings starting with a list marker."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    out = lines[:8]
    out += [ln for ln in lines[8:] if len(ln) <= 40 and _HEADING_MARK.match(ln)]
    return out


def _report_year(doc: Document, title: str, heads: list[str], fyp: tuple[int, int] | None) -> int | None:
    m = _REPORT_HEADING.search(title)
    if m:
        return int(m.group(1))  # the title's own year (2019年工作总结) is the most direct evidence
    if doc.meta.report_year:
        return doc.meta.report_year
    for line in heads:
        m = _REPORT_HEADING.search(line)
        if m:
            return int(m.group(1))
    if fyp is not None:
        return fyp[0] - 1
    if doc.meta.date is not None:
        return doc.meta.date.year
    year = _first_date_year(doc.text)
    if year is not None:
        return year
    counts = Counter(
        int(m.group(1)) for m in _YEAR.finditer(doc.text) if m.start() == 0 or doc.text[m.start() - 1] not in "到至"
    )
    return counts.most_common(1)[0][0] if counts else None


def _plan_year(doc: Document, title: str, heads: list[str], fyp: tuple[int, int] | None) -> int | None:
    for line in [title, *heads[:4]]:
        m = _PLAN_HEADING.search(line)
        if m:
            return int(m.group(1))  # the title's own year (2022年工作要点), also when the title is a line below
    if doc.meta.plan_year:
        return doc.meta.plan_year
    for line in [title, *heads[:8]]:
        m = _PLAN_HEADING.search(line)
        if m:
            return int(m.group(1))
        r = _TITLE_RANGE.search(line)
        if r:
            return int(r.group(2))
    if fyp is not None:
        return fyp[1]
    return None


def _plan_start(title: str, heads: list[str], plan_year: int | None, fyp: tuple[int, int] | None) -> int | None:
    for line in [title, *heads[:4]]:
        m = _PLAN_HEADING.search(line)
        if m:
            # an annual plan (2022年工作要点) starts in its own year, even when its opening names the
            # five-year plan it belongs to: figures of earlier years are its baseline
            return int(m.group(1))
    if fyp is not None:
        return fyp[0]
    r = _TITLE_RANGE.search(title)
    if r:
        return int(r.group(1))
    return plan_year


def document_context(
    doc: Document, text: str, plan_title: re.Pattern[str] | None = None, summary_title: re.Pattern[str] | None = None
) -> DocContext:
    """The context of ``doc``; ``text`` is its width-normalised text (same length as ``doc.text``).

    ``plan_title`` / ``summary_title`` recognise a plan-like title (its figures are targets by
    default) and a title of a summary, reply or news item (never plan-like)."""
    head = text[:_HEAD_CHARS]
    heads = _head_lines(text)
    title = doc.meta.title or (heads[0] if heads else "")
    fyp = five_year_plan_years(" ".join([title, *heads[:8]]))
    plan_year = _plan_year(doc, title, heads, fyp)
    plan_doc = any(
        plan_title is not None
        and plan_title.search(line)
        and not (summary_title is not None and summary_title.search(line))
        and len(line) <= _TITLE_MAX
        for line in [title, *heads[:3]]
    )
    return DocContext(
        jurisdiction=_jurisdiction(doc, head),
        report_year=_report_year(doc, title, heads, fyp),
        plan_year=plan_year,
        five_year_base=fyp[0] - 1 if fyp else None,
        title=title,
        plan_doc=plan_doc,
        plan_start=_plan_start(title, heads, plan_year, fyp) if plan_doc else None,
    )
