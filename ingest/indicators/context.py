"""Document-level context of indicators: whose figures they are and which years they refer to.

``doc.meta`` (filled by ``ingest.metadata``) is trusted first; where it is empty the context is
worked out here from the text itself:

* jurisdiction - decided once for the whole document by ``ingest.jurisdiction`` (the same answer
  the entities and relations get);
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

from ingest.jurisdiction import DocJurisdiction, city_of_place, leading_place
from ingest.models import Document

logger = logging.getLogger(__name__)

__all__ = ["DocContext", "city_of_place", "document_context", "five_year_plan_years", "leading_place"]

_HEAD_CHARS = 900
_TITLE_MAX = 60
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
    doc: Document,
    text: str,
    where: DocJurisdiction,
    plan_title: re.Pattern[str] | None = None,
    summary_title: re.Pattern[str] | None = None,
) -> DocContext:
    """The context of ``doc`` of jurisdiction ``where``; ``text`` is its width-normalised text
    (same length as ``doc.text``).

    ``plan_title`` / ``summary_title`` recognise a plan-like title (its figures are targets by
    default) and a title of a summary, reply or news item (never plan-like)."""
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
        jurisdiction=where.name,
        report_year=_report_year(doc, title, heads, fyp),
        plan_year=plan_year,
        five_year_base=fyp[0] - 1 if fyp else None,
        title=title,
        plan_doc=plan_doc,
        plan_start=_plan_start(title, heads, plan_year, fyp) if plan_doc else None,
    )
