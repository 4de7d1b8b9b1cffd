"""Report year and plan year of a document (guideline, "Document metadata (meta)").

* ``report_year``: the year whose work the text reviews. A summary names it in its title or in a
  section heading (2019年工作总结, 一、2024年工作情况); a news report or commentary: the year of
  the events it reports (a full date in the text, else the page's date unless the text only speaks
  of older years, else the latest year the text reports on).
* ``plan_year``: the year it plans for. The last year of a multi-year scheme (2012—2015年 → 2015,
  “十四五” → 2025), the year of a plan (2020年工作计划), a summary's "next year" part; a scheme
  without years in its title: its latest target (到2025年).

Cue words are data: ``metadata_data/years.yaml``.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

logger = logging.getLogger(__name__)

DATA_FILE = Path(__file__).resolve().parent / "metadata_data" / "years.yaml"

#: Lines read for section headings and characters read for the years of a news text.
HEADING_LINES = 80
NEWS_CHARS = 3000

_YEAR = r"((?:19|20)\d{2})"
_RANGE_RE = re.compile(rf"{_YEAR}\s*年?\s*[-—–~～至到]+\s*{_YEAR}\s*年?")
_YEAR_RE = re.compile(rf"(?<!\d){_YEAR}\s*年(?:度)?")
_FULL_DATE_RE = re.compile(rf"(?<!\d){_YEAR}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日")
_DOCNUM_YEAR_RE = re.compile(r"[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]")
_DOCNUM_YEAR_CAPTURE_RE = re.compile(
    r"[\u4e00-\u9fff]{1,8}[〔\[［【]\s*((?:19|20)\d{2})\s*[〕\]］】]\s*第?\s*\d{1,5}\s*号"
)
_TITLE_BOOK_RE = re.compile(r"《[^》]{0,80}》")


class YearDataError(ValueError):
    """The year cue data file is malformed; carries the offending value."""

    def __init__(self, value: object) -> None:
        super().__init__(f"bad year cue data: {value!r}")
        self.value = value


@dataclass(frozen=True)
class _Cues:
    five_year: dict[str, int]
    report_words: tuple[str, ...]
    plan_words: tuple[str, ...]
    target_before: tuple[str, ...]
    clause_target_before: tuple[str, ...]
    history_before: tuple[str, ...]
    history_after: tuple[str, ...]
    weekday_after: tuple[str, ...]
    review_months: int
    short_heading: int
    lead_lines: int
    lead_chars: int
    lead_clause_chars: int
    no_year_title: re.Pattern[str]
    anniversary_span: int
    same_year_plan: re.Pattern[str]
    lead_clause_re: re.Pattern[str]
    heading_re: re.Pattern[str]
    five_year_re: re.Pattern[str]


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    raw: Any = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    if not isinstance(raw, dict):
        raise YearDataError(raw)
    five = {str(k): int(v) for k, v in dict(raw["five_year_plans"]).items()}
    ordinals = "|".join(sorted(five, key=len, reverse=True))
    return _Cues(
        five_year=five,
        report_words=tuple(sorted(map(str, raw["report_words"]), key=len, reverse=True)),
        plan_words=tuple(sorted(map(str, raw["plan_words"]), key=len, reverse=True)),
        target_before=tuple(map(str, raw["target_before"])),
        clause_target_before=tuple(map(str, raw["clause_target_before"])),
        history_before=tuple(map(str, raw["history_before"])),
        history_after=tuple(map(str, raw["history_after"])),
        weekday_after=tuple(map(str, raw["weekday_after"])),
        review_months=int(raw["review_months"]),
        short_heading=int(raw["short_heading"]),
        lead_lines=int(raw["lead_lines"]),
        lead_chars=int(raw["lead_chars"]),
        lead_clause_chars=int(raw["lead_clause_chars"]),
        no_year_title=re.compile(str(raw["no_year_title"])),
        anniversary_span=int(raw["anniversary_span"]),
        same_year_plan=re.compile(str(raw["same_year_plan_re"])),
        lead_clause_re=re.compile(str(raw["lead_clause_re"])),
        heading_re=re.compile(str(raw["heading_re"])),
        five_year_re=re.compile(rf"[“\"']?({ordinals})[”\"']?(?:时期|期间)?(?P<after>.{{0,6}})"),
    )


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _kind(after: str) -> str | None:
    """'report' / 'plan' from the words right after a year (up to the next year)."""
    cues = _cues()
    rep = min((after.find(w) for w in cues.report_words if w in after), default=-1)
    plan = min((after.find(w) for w in cues.plan_words if w in after), default=-1)
    if rep < 0 and plan < 0:
        return None
    if plan < 0 or 0 <= rep <= plan:
        return "report"
    return "plan"


def _phrase_years(text: str) -> tuple[int | None, int | None, bool]:
    """(report, plan, any year seen) from a title or a heading: each year typed by its next words."""
    text = _TITLE_BOOK_RE.sub("", text) if "《" in text and not text.startswith("《") else text
    report = plan = None
    cues = _cues()
    seen = False
    m = _RANGE_RE.search(text)
    if m and int(m.group(2)) > int(m.group(1)):
        plan = int(m.group(2))
        seen = True
    for f in cues.five_year_re.finditer(text):
        seen = True
        kind = _kind(f.group("after"))
        year = cues.five_year[f.group(1)]
        if kind == "report" or ("回顾" in f.group("after")):
            report = report or year
        else:
            plan = max(plan or 0, year)
    matches = list(_YEAR_RE.finditer(text))
    for k, y in enumerate(matches):
        if m is not None and m.start() <= y.start() < m.end():
            continue
        seen = True
        end = matches[k + 1].start() if k + 1 < len(matches) else len(text)
        kind = _kind(text[y.end() : end])
        year = int(y.group(1))
        if kind == "report" and report is None:
            report = year
        elif kind == "plan" and plan is None:
            plan = year
    return report, plan, seen


def _is_target(text: str, start: int) -> bool:
    cues = _cues()
    before = text[max(0, start - 4) : start]
    if any(before.endswith(w) for w in cues.target_before):
        return True
    for w in cues.clause_target_before:
        if before.endswith(w):
            k = start - len(w) - 1
            return k < 0 or not ("\u4e00" <= text[k] <= "\u9fff")
    return False


def _is_history(text: str, start: int, end: int) -> bool:
    cues = _cues()
    before = text[max(0, start - 3) : start]
    after = text[end : end + 4].lstrip("度")
    return any(before.endswith(w) for w in cues.history_before) or any(after.startswith(w) for w in cues.history_after)


def _body_years(text: str) -> list[int]:
    """Years the text reports on: not targets, not history, not in 《》 titles or document numbers;
    a period (2023—2025年) counts by its first year."""
    text = _DOCNUM_YEAR_RE.sub(" ", _TITLE_BOOK_RE.sub(" ", text))
    text = _RANGE_RE.sub(lambda m: m.group(1) + "年", text)
    out: list[int] = []
    for m in _YEAR_RE.finditer(text):
        if not _is_target(text, m.start()) and not _is_history(text, m.start(), m.end()):
            out.append(int(m.group(1)))
    return out


def _targets(text: str) -> list[int]:
    text = _TITLE_BOOK_RE.sub(" ", text)
    return [int(m.group(1)) for m in _YEAR_RE.finditer(text) if _is_target(text, m.start())]


def _headings(lines: list[str]) -> tuple[int | None, int | None]:
    report = plan = None
    cues = _cues()
    for raw in lines[:HEADING_LINES]:
        line = _compact(raw)
        m = cues.heading_re.match(line)
        if m is not None:
            rest = line[m.end() :][:40]
        elif len(line) <= cues.short_heading and not line.endswith(("。", "；", "，")):
            rest = line  # an unnumbered heading line: 2020年工作思路
        else:
            continue
        if not _YEAR_RE.match(rest) and not cues.five_year_re.match(rest):
            continue
        r, p, _ = _phrase_years(rest)
        report = report or r
        plan = plan or p
    return report, plan


def _lead_years(lines: list[str]) -> tuple[int | None, int | None]:
    """(report, plan) named by a title-like line opening the text when no title was found.

    Texts copied without their headline often open with a line that names their own content
    (某局2022年工作总结和2023年工作安排如下：, 〔2020〕11号 关于2019年度…完成情况的自查报告): a short
    line, not a sentence of running text, whose year is typed by the cue words right after it.
    """
    cues = _cues()
    # …现将2021年工作情况和2022年工作计划汇报如下： the opening paragraph names the text's parts
    opening = _compact("\n".join(lines[: cues.lead_lines]))[: cues.lead_clause_chars]
    m = cues.lead_clause_re.search(opening)
    if m is not None:
        report, plan, _ = _phrase_years(m.group("what"))
        if report is not None or plan is not None:
            return report, plan
    seen = 0
    for raw in lines:
        line = _compact(raw)
        if not line:
            continue
        seen += 1
        if seen > cues.lead_lines:
            break
        if len(line) > cues.lead_chars or "。" in line or "，" in line or "," in line:
            continue
        report, plan, _ = _phrase_years(line)
        if report is not None or plan is not None:
            return report, plan
    return None, None


def document_years(
    title: str | None,
    text: str,
    genre: str,
    date: dt.date | None,
    *,
    page_date: dt.date | None = None,
    news: bool = False,
) -> tuple[int | None, int | None]:
    """(report_year, plan_year) of a document; ``None`` where the text gives none.

    ``date``: the document's own date (成文日期, 落款); ``page_date``: a web page's date, the last
    resort for a news report. ``news``: the headline reports an event (…召开2025年度工作总结会):
    the event's year comes first, before the years the headline names.
    """
    lines = text.splitlines()
    t_report, t_plan, t_seen = _phrase_years(_compact(title)) if title else (None, None, False)
    h_report, h_plan = _headings(lines)
    if t_report is None and t_plan is None:
        # no title years: the opening line or clause naming the text's parts, then its headings
        l_report, l_plan = _lead_years(lines)
        h_report, h_plan = l_report or h_report, l_plan or h_plan
    report = t_report or h_report
    plan = t_plan or h_plan
    if genre == "reply":
        return None, None
    if genre in ("plan", "implementation_scheme"):
        if plan is None and not t_seen:
            future = _targets(text[:NEWS_CHARS])
            plan = max(future) if future else None
        if plan is None and t_report is None and t_seen and title:
            # a plan titled with a bare year (2023年科技工作要点 reads 要点 after the year)
            years = [int(y.group(1)) for y in _YEAR_RE.finditer(_compact(title))]
            plan = years[-1] if years else None
        # a plan's review of the past period (一、“十二五”回顾) is not its subject
        return t_report, plan
    if genre == "summary":
        if report is None:
            anchor = date or page_date
            if anchor is not None:
                report = anchor.year - 1 if anchor.month <= 2 else anchor.year
        if plan is None and report is not None and title and _cues().same_year_plan.search(_compact(title)):
            plan = report  # 上半年工作总结及下半年打算: the plan is for the rest of the same year
        return report, plan
    # news, commentary, notices: the year of the events reported
    if title and genre == "other" and _cues().no_year_title.search(_compact(title)):
        return None, None  # a notice issuing measures (关于印发…管理办法的通知) reviews and plans no year
    if news:
        report = _event_year(text, date or page_date) or report
    if report is None:
        report = _event_year(text, date or page_date)
    # a news report plans nothing: the years of a plan it reports on (…“十四五”规划出台) are not its own
    return report, plan if (t_plan or h_plan) and not news else None


_NUM_DATE_RE = re.compile(rf"(?<!\d){_YEAR}[-/.]\d{{1,2}}[-/.]\d{{1,2}}(?!\d)")


def _first_full_date(text: str) -> int | None:
    """Year of the first full date of the text (not a page's "today" line with its weekday)."""
    weekday = _cues().weekday_after
    for rx in (_FULL_DATE_RE, _NUM_DATE_RE):
        for m in rx.finditer(text):
            if text[m.end() : m.end() + 4].strip().startswith(weekday):
                continue
            if any(c in text[max(0, m.start() - 3) : m.start()] for c in ":："):
                continue  # a labelled page date (发布时间：…), not a date the text reports
            return int(m.group(1))
    return None


def is_display_date(line: str) -> bool:
    """A page's "today" line (2024年04月28日 星期日): furniture, not a date of the text."""
    return any(w in line for w in _cues().weekday_after)


def _event_year(text: str, anchor: dt.date | None) -> int | None:
    """The year of the events a news text reports.

    ``anchor``: the document's or page's date. A full date opening the text names the events (a
    repost's page is younger than it); else the anchor's year, or the year before it for a
    year-end review published early in the next year.
    """
    head = text[:NEWS_CHARS]
    full = _first_full_date(_DOCNUM_YEAR_RE.sub(" ", _TITLE_BOOK_RE.sub(" ", head[:400])))
    years = _body_years(head)
    if anchor is None:
        if full is not None:
            return full
        since = _anniversary_year(head)
        if years:
            return max(max(years), since or 0)
        if since is not None:
            return since
        # only the documents it cites carry a year: a notice is not older than the latest one
        # it cites by number (根据《…办法》(周科〔2017〕26号))
        cited = [int(m.group(1)) for m in _DOCNUM_YEAR_CAPTURE_RE.finditer(head[:600])]
        return max(cited) if cited else None
    if full is not None and full <= anchor.year:
        return full  # the lede's own date; older than the page when the page reposts it
    if anchor.month <= _cues().review_months and anchor.year not in years and anchor.year - 1 in years:
        return anchor.year - 1  # a year-end review published early the next year
    return anchor.year


_ANNIVERSARY_RE = re.compile(r"(?<!\d)(?P<n>\d{1,3})(?:多)?(?:年来|周年)")


def _anniversary_year(text: str) -> int | None:
    """The present of a text counting years since a start it names: 自1999年…以来 … 26年来 → 2025.

    The start is the last year of history (自 / 从 / 成立于 … before it, 以来 / 起 … after it).
    """
    found: list[int] = []
    for m in _ANNIVERSARY_RE.finditer(text):
        before = text[max(0, m.start() - _cues().anniversary_span) : m.start()]
        # the start is a year of history (自1999年…以来, 成立于1997年), not any year named before
        starts = [int(y.group(1)) for y in _YEAR_RE.finditer(before) if _is_history(before, y.start(), y.end())]
        if starts and "多" not in m.group(0):
            found.append(starts[-1] + int(m.group("n")))
    return max(found) if found else None
