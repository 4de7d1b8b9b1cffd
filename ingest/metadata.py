"""Document metadata from the text of a Chinese government document (guideline, "meta").

Sources, in order of trust:

* labelled fields of disclosure pages and document headers, in the genre's layouts:
  ``标题：…``, ``[ 发布机构 ] …`` tables, ``发布机构 | … |`` piped tables, ``- 发布机构:…`` dash
  bullets and padded blocks without colons (labels: ``metadata_data/labels.yaml``);
* the signature block (落款): an issuing-body line followed by a date line, near the top
  (a notice forwarding an attachment) or at the end;
* the title: the labelled one or the first substantive line (boilerplate, breadcrumbs, section
  headings, labels, doc numbers and dates skipped); an agency at its start (常州市科学技术局2018年
  工作计划, 甲办发〔2020〕5号《甲市人民政府办公厅关于…》; joint issuers: the first);
* a document-number line such as 连政办发〔2018〕138号 near the top.

Jurisdiction (``region``): the place of the first issuer that names one; otherwise the vote of
:mod:`ingest.metadata_places` over the places the text names (news, openings without header),
the document number's abbreviation (渝科局函 → 重庆市) and the page's source. A district of a city
is named city + district (杭州市余杭区), a province's own document has the province, a zone acting
as a jurisdiction keeps its name (兰州新区). Issuers are given in the full form of their kind
(市科技局 / 泉州市科技局 → 泉州市科学技术局). Report and plan years: :mod:`ingest.metadata_years`.

Metadata comes from the text only, never from the file name. Places are looked up in
``ingest.gazetteer`` when it is available, otherwise recognised by a conservative pattern
(2-5 Han characters ending in 省/市/区/县...). Fields that cannot be found are ``None``.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from ingest.boilerplate import is_boilerplate
from ingest.metadata_places import (
    PLACE_SUFFIXES,
    Place,
    _gazetteer,
    docnum_place,
    jurisdiction_of,
    lookup,
    place_chain,
    vote,
)
from ingest.metadata_years import document_years, is_display_date
from ingest.models import Document, DocumentMeta, Genre, document_id
from ingest.text import NormalizedText

logger = logging.getLogger(__name__)

#: Lines scanned at the top and at the bottom for labels, titles and signatures.
HEAD_LINES = 60
TAIL_LINES = 40

# --------------------------------------------------------------------------- labels
LABELS_FILE = Path(__file__).resolve().parent / "metadata_data" / "labels.yaml"


class MetadataDataError(ValueError):
    """A metadata data file is malformed; carries the offending value."""

    def __init__(self, value: object) -> None:
        super().__init__(f"bad metadata label data: {value!r}")
        self.value = value


def _load_labels() -> dict[str, Any]:
    raw: Any = yaml.safe_load(LABELS_FILE.read_text(encoding="utf-8"))
    if not isinstance(raw, dict) or not isinstance(raw.get("date"), dict):
        raise MetadataDataError(raw)
    return raw


_LABELS = _load_labels()
_TITLE_LABELS: tuple[str, ...] = tuple(_LABELS["title"])
_ISSUER_LABELS: tuple[str, ...] = tuple(_LABELS["issuer"])
_SOURCE_LABELS: tuple[str, ...] = tuple(_LABELS["source"])
_DATE_LABELS: tuple[tuple[str, int], ...] = tuple((str(k), int(v)) for k, v in _LABELS["date"].items())
_DOCNUM_LABELS: tuple[str, ...] = tuple(_LABELS["docnum"])
_OTHER_LABELS: tuple[str, ...] = tuple(_LABELS["other"])
_COLONLESS_MIN = int(_LABELS.get("colonless_min_length", 3))


def _label_pattern(label: str) -> str:
    return r"\s*".join(re.escape(ch) for ch in label)


_ALL_LABELS = sorted(
    {
        *_TITLE_LABELS,
        *_ISSUER_LABELS,
        *_SOURCE_LABELS,
        *(lab for lab, _ in _DATE_LABELS),
        *_DOCNUM_LABELS,
        *_OTHER_LABELS,
    },
    key=len,
    reverse=True,
)
_LABEL_ALT = "|".join(_label_pattern(lab) for lab in _ALL_LABELS)
_LABEL_RE = re.compile(r"(?<![\u4e00-\u9fff])(?P<label>" + _LABEL_ALT + r")\s*[:：]")
# A padded key–value block without colons: a long label at the start or after a gap, then a space.
_COLONLESS_RE = re.compile(
    r"(?:^|(?<=\s))(?P<label>"
    + "|".join(_label_pattern(lab) for lab in _ALL_LABELS if len(lab) >= _COLONLESS_MIN)
    + r")(?=\s+\S)"
)
# [ 发布机构 ] value / 【发布机构】value
_BRACKET_LABEL_RE = re.compile(r"[\[［【]\s*(?P<label>" + _LABEL_ALT + r")\s*[\]］】]\s*[:：]?")
# A label glued to the value before it (来源: 市科技局浏览量:1): it ends that value.
_INNER_LABEL_RE = re.compile(r"(?:" + _LABEL_ALT + r")\s*[:：]")
_WIDE_GAP_RE = re.compile(r"\s{2,}|[\u3000\u00a0]")
_SPACE_RE = re.compile(r"\s+")

# --------------------------------------------------------------------------- patterns
_HAN = r"\u4e00-\u9fff"
_DOCNUM_CORE = r"[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*第?\s*\d{1,5}\s*号"
_DOCNUM_RE = re.compile(rf"(?:[{_HAN}]{{1,12}}\s*)?{_DOCNUM_CORE}")
_DOCNUM_LINE_RE = re.compile(rf"^(?:[{_HAN}]{{1,12}}\s*)?{_DOCNUM_CORE}$")

_CN_DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "Ｏ": 0,
    "O": 0,
    "o": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_DATE_NUM_RE = re.compile(r"((?:19|20)\d{2})\s*[年\-/.．]\s*(\d{1,2})\s*[月\-/.．]\s*(\d{1,2})(?!\d)\s*日?")
_CN_YEAR = "[〇○零Ｏ一二三四五六七八九]{4}"
_CN_MD = "[一二三四五六七八九十]"
_DATE_CN_RE = re.compile(rf"({_CN_YEAR})\s*年\s*({_CN_MD}{{1,2}})\s*月\s*({_CN_MD}{{1,3}})\s*日")
_DATE_LINE_RE = re.compile(
    r"^[(（]?(?:(?:19|20)\d{2}年\d{1,2}月\d{1,2}日|(?:19|20)\d{2}[\-/.]\d{1,2}[\-/.]\d{1,2}"
    r"|[〇○零Ｏ一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)[)）]?$"
)

_AGENCY_SUFFIX = (
    r"(?:人民政府办公室|人民政府办公厅|人民政府|政府办公室|政府办公厅|政府|办公室|办公厅|管理委员会|委员会|管委会|"
    r"领导小组|工作小组|小组|联席会议|总局|局|厅|委|部|院|署|办|中心|协会|联合会)"
)
_AGENCY_RE = re.compile(rf"^[{_HAN}（）()]{{1,40}}?{_AGENCY_SUFFIX}$")
_TITLE_AGENCY_RE = re.compile(
    rf"^(?P<agency>[{_HAN}]{{2,30}}?{_AGENCY_SUFFIX})(?=关于|(?:19|20)\d{{2}}|[〇○零一二]{{4}}年|印发|转发|$)"
)
_NOT_AGENCY_WORDS = ("关于", "印发", "通知", "的", "《", "。", "，", "：", "、")


_TITLE_ENDINGS = re.compile(
    r"(通知|方案|意见|计划|总结|打算|要点|规划|办法|细则|决定|报告|函|批复|答复|公告|通告|纲要|规定|措施|条例|"
    r"意见稿|公报|说明|[）)])$"
)

_TITLE_TAIL_RE = re.compile(r"^的?(通知|意见|方案|决定|批复|答复|复函|函|报告|公告|通告)$")

GENRES_FILE = Path(__file__).resolve().parent / "metadata_data" / "genres.yaml"


_GenreRules = tuple[tuple[Genre, re.Pattern[str]], ...]


def _load_genres() -> tuple[_GenreRules, _GenreRules, int, re.Pattern[str], re.Pattern[str]]:
    raw: Any = yaml.safe_load(GENRES_FILE.read_text(encoding="utf-8"))
    try:
        title: _GenreRules = tuple((g, re.compile(p)) for g, p in raw["title"])
        body: _GenreRules = tuple((g, re.compile(p)) for g, p in raw["body"])
        news, reply_end = re.compile(str(raw["news_verbs"])), re.compile(str(raw["reply_endings"]))
        return title, body, int(raw["body_chars"]), news, reply_end
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise MetadataDataError(raw) from exc


GENRE_RULES, _BODY_GENRE_RULES, _BODY_GENRE_CHARS, _NEWS_VERBS_RE, _REPLY_END_RE = _load_genres()
# Breadcrumbs (首页 > 信息公开 > …) and section headings (一、… (一)…) are not titles.
_BREADCRUMB_RE = re.compile(r"[>＞»›]")
_HEADING_RE = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十]{1,3}[)）]|第[一二三四五六七八九十]+[章节部分])"
)


class ExtractedMetadata(BaseModel):
    """What :func:`extract_metadata` found; ``None`` where the text does not say."""

    title: str | None = None
    issuer: str | None = None
    date: dt.date | None = None
    doc_number: str | None = None
    region: str | None = None
    province: str | None = None
    genre: Genre = "other"
    report_year: int | None = None
    plan_year: int | None = None


__all__ = [
    "PLACE_SUFFIXES",
    "ExtractedMetadata",
    "MetadataDataError",
    "_gazetteer",
    "build_document",
    "classify_genre",
    "extract_metadata",
    "lookup",
    "parse_date",
]


# --------------------------------------------------------------------------- helpers
def _compact(line: str) -> str:
    return _SPACE_RE.sub("", unicodedata.normalize("NFKC", line)).strip()


def _cn_number(text: str) -> int:
    """一..三十一 -> int."""
    if text == "十":
        return 10
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)
    return _CN_DIGITS[text]


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    if not 1949 <= year <= 2100:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    """First valid date in ``text``: 2018年10月8日, 2018-02-08, 2018/2/8, 二〇一八年十月八日."""
    text = unicodedata.normalize("NFKC", text)
    candidates: list[tuple[int, dt.date]] = []
    for m in _DATE_NUM_RE.finditer(text):
        d = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            candidates.append((m.start(), d))
            break
    for m in _DATE_CN_RE.finditer(text):
        try:
            year = int("".join(str(_CN_DIGITS[c]) for c in m.group(1)))
            d = _safe_date(year, _cn_number(m.group(2)), _cn_number(m.group(3)))
        except (KeyError, ValueError):
            d = None
        if d:
            candidates.append((m.start(), d))
            break
    return min(candidates)[1] if candidates else None


def _is_date_line(line: str) -> bool:
    return bool(_DATE_LINE_RE.match(_compact(line)))


def _is_agency(name: str) -> bool:
    name = _compact(name)
    if not 3 <= len(name) <= 40 or any(w in name for w in _NOT_AGENCY_WORDS):
        return False
    return _AGENCY_RE.match(name) is not None


def _is_abbreviation(issuer: str) -> bool:
    """市科技局 / 区政府办 / 省科技厅: an agency named without its place."""
    return issuer.startswith(("市", "区", "县", "省")) or not place_chain(issuer)


def _header_line(line: str) -> str:
    """A header line with the genre's table furniture turned into ``label: value`` gaps."""
    line = _BRACKET_LABEL_RE.sub(lambda m: "  " + m.group("label") + ":", line)
    return line.replace("|", "  ").replace("｜", "  ").replace("•", " ")


def _fields(line: str) -> list[tuple[str, str]]:
    """Labelled fields of one line: [(label without spaces, raw value)].

    Reads ``label：value`` pairs, ``[ label ] value`` and ``label | value |`` tables, dash
    bullets, and padded blocks of long labels without colons (``发布机构  区科技局``).
    """
    line = _header_line(line)
    found: dict[int, re.Match[str]] = {m.start(): m for m in _LABEL_RE.finditer(line)}
    for m in _COLONLESS_RE.finditer(line):
        if not any(o.start() <= m.start() < o.end() for o in found.values()):
            found[m.start()] = m
    matches = [found[k] for k in sorted(found)]
    out: list[tuple[str, str]] = []
    for k, m in enumerate(matches):
        end = matches[k + 1].start() if k + 1 < len(matches) else len(line)
        label = _SPACE_RE.sub("", m.group("label"))
        out.append((label, line[m.end() : end]))
    return out


def _first_chunk(value: str) -> str:
    """The value up to the first wide gap (2+ spaces, NBSP or ideographic space)."""
    return _WIDE_GAP_RE.split(value.strip(), maxsplit=1)[0].strip() if value.strip() else ""


def _is_label_line(line: str) -> bool:
    line = _header_line(line)
    m = _LABEL_RE.search(line) or _COLONLESS_RE.search(line)
    return m is not None and not line[: m.start()].strip(" -—*·")


def _signature(lines: list[str], indexes: list[int]) -> tuple[str, dt.date] | None:
    """(issuer, date) of the first signature block (agency line, then date line)."""
    for i in indexes:
        if not _is_date_line(lines[i]):
            continue
        j = i - 1
        while j >= 0 and not lines[j].strip():
            j -= 1
        if j < 0:
            continue
        parts = lines[j].split()
        if not parts or not all(_is_agency(p) for p in parts):
            continue
        # Joint issuers may stand on consecutive lines: the first one leads.
        k = j - 1
        while k >= 0:
            while k >= 0 and not lines[k].strip() and j - k <= 2:
                k -= 1  # a blank line between the issuers of a joint signature
            if k < 0 or not lines[k].strip() or not all(_is_agency(p) for p in lines[k].split()):
                break
            j = k
            k -= 1
        date = parse_date(lines[i])
        if date is not None:
            return _compact(lines[j].split()[0]), date
    return None


#: Candidate lines read when the first one looks like page furniture (a section name, a notice).
TITLE_CANDIDATES = 8
_LIST_ITEM_RE = re.compile(r"^\d{1,2}[.、．](?!\d)")
_PAREN_LINE_RE = re.compile(r"^[(（][^()（）]*[)）]$")
_FURNITURE_WORDS: tuple[str, ...] = tuple(map(str, _LABELS.get("title_furniture", [])))
_WEAK_TITLE_HAN = int(_LABELS.get("weak_title_han", 6))
_SPEECH_SUBTITLE_RE = re.compile(r"^[—-]{1,2}\s*在.{2,40}上的(?:讲话|报告|致辞|工作报告)$")


def _title_line(lines: list[str], i: int) -> str | None:
    """Line ``i`` as a title candidate (joined with a short continuation), or ``None``."""
    line = lines[i].strip()
    if not line or is_boilerplate(line) or _is_label_line(line) or _BREADCRUMB_RE.search(line):
        return None
    if is_display_date(line):
        return None
    stripped = line.lstrip("-—* ")
    if _HEADING_RE.match(stripped) or _LIST_ITEM_RE.match(stripped) or _PAREN_LINE_RE.match(_compact(line)):
        return None
    compact = _compact(line)
    if _DOCNUM_LINE_RE.match(compact) or _is_date_line(line) or all(_is_agency(p) for p in line.split()):
        return None
    han = sum(1 for ch in compact if "\u4e00" <= ch <= "\u9fff")
    if han < 4 or len(compact) > 80 or compact.endswith(("。", "：", ":", "；", "，")):
        return None
    title = _SPACE_RE.sub(" ", line)
    # A title broken over two lines: join a short continuation that ends like a title,
    # or one that is only "的通知"-like whatever the first line ends with.
    if i + 1 < len(lines):
        nxt = lines[i + 1].strip()
        nxt_compact = _compact(nxt)
        if nxt and len(nxt) <= 40 and not is_boilerplate(nxt) and _TITLE_ENDINGS.search(nxt_compact):
            furniture = nxt_compact.startswith("关于") and _weak_title(title)  # 政策法规 / 关于…的通知
            if (not _TITLE_ENDINGS.search(compact) or _TITLE_TAIL_RE.match(nxt_compact)) and not furniture:
                title += nxt
    return title


def _weak_title(title: str) -> bool:
    """Page furniture that passes the line filters: a short section name (政策法规, 位置导航,
    政府信息公开) without a year or a title's ending, or a line with furniture words."""
    compact = _compact(title)
    if any(w in compact for w in _FURNITURE_WORDS):
        return True
    han = sum(1 for ch in compact if "\u4e00" <= ch <= "\u9fff")
    if han > _WEAK_TITLE_HAN or re.search(r"\d", compact) or _TITLE_ENDINGS.search(compact):
        return False
    return True


def _strong_title(title: str) -> bool:
    """A line named like a document: a genre word or a title's ending (…的通知, …规划, 关于…)."""
    compact = _compact(title)
    return (
        _TITLE_ENDINGS.search(compact) is not None
        or compact.startswith("关于")
        or any(p.search(compact) for _, p in GENRE_RULES)
    )


def _title_from_lines(lines: list[str]) -> str | None:
    """The first title-like line; past page furniture (政策法规, 政府信息公开) to a line named like
    a document when one follows among the next candidates."""
    candidates: list[str] = []
    for i in range(min(len(lines), HEAD_LINES)):
        title = _title_line(lines, i)
        if title is None:
            continue
        candidates.append(title)
        if not _weak_title(title) or len(candidates) >= TITLE_CANDIDATES:
            break
    if not candidates:
        return None
    chosen = candidates[-1] if not _weak_title(candidates[-1]) else candidates[0]
    if _strong_title(chosen):
        return chosen
    # A page's banner above the document: the document's own title is named like one and repeated
    # (page title, then the heading of the text), while a news headline stands once.
    seen: dict[str, int] = {}
    for i in range(min(len(lines), HEAD_LINES)):
        compact = _compact(lines[i])
        if compact:
            seen[compact] = seen.get(compact, 0) + 1
    for i in range(min(len(lines), HEAD_LINES)):
        title = _title_line(lines, i)
        if title is not None and seen.get(_compact(lines[i]), 0) >= 2 and _strong_title(title):
            return title
    return chosen


def classify_genre(title: str | None, text: str | None = None) -> Genre:
    """Genre from the title words (see ``metadata_data/genres.yaml``), else the text's opening."""
    if title:
        compact = _compact(title)
        for genre, pattern in GENRE_RULES:
            if pattern.search(compact):
                outside = re.sub(r"《[^》]*》", "", compact)
                if _NEWS_VERBS_RE.search(outside) and not (genre == "reply" and _REPLY_END_RE.search(outside)):
                    return "other"  # a headline reporting an act on a plan, summary or proposal is news
                return genre
    if text:
        opening = unicodedata.normalize("NFKC", text[:_BODY_GENRE_CHARS])
        for genre, pattern in _BODY_GENRE_RULES:
            if pattern.search(opening):
                return genre
    return "other"


def _expand_abbreviation(issuer: str, province: str | None, specific: Place | None, region: str | None) -> str:
    gaz = _gazetteer()
    city = district = None
    if specific is not None:
        if specific.type in ("District", "Zone"):
            district, city = specific.canonical, specific.parent
        else:
            city = specific.name
    elif region:
        if region.endswith(("省", "自治区")):
            pass
        elif region.endswith(("区", "县")):
            district = region
        else:
            city = region
    expanded = gaz.expand_agency(issuer, province, city, district)
    if expanded:
        return expanded
    if issuer.startswith("市") and city:
        return city + issuer[1:]
    if issuer.startswith(("区", "县")) and district:
        return district + issuer[1:]
    if issuer.startswith("省") and province:
        return province + issuer[1:]
    return issuer


_BUREAU_END_RE = re.compile("(?:" + "|".join(map(re.escape, _LABELS["bureau_endings"])) + ")$")
_PAREN_RE = re.compile(r"[（(][^（()）]{1,10}[)）]")
_LEVEL_CHAR = {"Province": "省", "City": "市", "District": "区", "Zone": "区"}


def _canonical_issuer(issuer: str, province: str | None) -> str:
    """An issuer named with its place, in the full form of its kind (泉州市科技局 → 泉州市科学技术局)."""
    bare = _PAREN_RE.sub("", issuer)  # 鄞州区科技局(科协): the second name of a merged bureau
    chain = place_chain(bare)
    if not chain or bare.startswith("中共"):
        return bare
    consumed = "".join(p.name for p in chain)
    if not bare.startswith(consumed):
        return bare
    rest = bare[len(consumed) :]
    if not rest:
        return bare
    region, prov, specific = jurisdiction_of(chain)
    if specific is None:
        return _expand_abbreviation("省" + rest, prov or province, None, region) if region else bare
    level = _LEVEL_CHAR.get(specific.type, "市")
    if specific.type == "District" and specific.name.endswith("县"):
        level = "县"
    expanded = _expand_abbreviation(level + rest, prov or province, specific, region)
    if expanded.startswith(level):  # not expandable: keep the issuer, its place completed
        return specific.canonical + rest if specific.type == "District" else bare
    return expanded


_LEADING_DOCNUM_RE = re.compile(rf"^[{_HAN}]{{0,12}}\s*{_DOCNUM_CORE}\s*")


def _clean_title(title: str) -> str:
    """A title line without a leading document number and the colon or space after it, nor enclosing
    《》 (甲办发〔2020〕5号《…》, 甲科发〔2022〕16号:关于…的通知)."""
    t = _LEADING_DOCNUM_RE.sub("", title.strip())
    if t != title.strip():
        t = t.lstrip(":：、 \u3000")
    if t.startswith("《") and t.endswith("》") and t.count("《") == 1:
        t = t[1:-1]
    return t.strip() or title.strip()


#: Lines at the top read for an unlabelled byline date (2023-06-01 10:32 - 华龙网, 19.05.2015 00:24).
BYLINE_LINES = 15
_DMY_RE = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})(?!\d)")


def _byline_date(lines: list[str]) -> dt.date | None:
    """The first date standing in a short top line: a page's byline, the last resort for a year."""
    for raw in lines[:BYLINE_LINES]:
        line = unicodedata.normalize("NFKC", raw).strip()
        if not line or len(line) > 80 or is_display_date(line):
            continue
        m = _DMY_RE.search(line)
        if m:
            d = _safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            if d is not None:
                return d
        d = parse_date(line)
        if d is not None:
            return d
    return None


_OPENING_YEAR_RE = re.compile(r"^(?:19|20)\d{2}年(?:度|以来|上半年|下半年|前三季度)?[，,、]?")
_OPENING_AGENCY_RE = re.compile(rf"^(?P<agency>[{_HAN}]{{2,24}}?{_AGENCY_SUFFIX})")


def _opening_agency(lines: list[str], *, first_person: bool) -> str | None:
    """The body a document opens with: a line that is one agency with its place (林芝市科学技术局
    above a reply), or, when ``first_person`` (a summary), the agency opening its first line
    (沈阳市科学技术局2022年工作总结…如下, 2021年，怀柔区科委紧紧围绕…)."""
    first = next((ln for ln in lines[:HEAD_LINES] if ln.strip() and not is_boilerplate(ln)), None)
    if first is None:
        return None
    parts = first.split()
    if len(parts) == 1 and _is_agency(parts[0]) and place_chain(_compact(parts[0])):
        return _compact(parts[0])
    if not first_person:
        return None
    compact = _OPENING_YEAR_RE.sub("", _compact(first))
    m = _OPENING_AGENCY_RE.match(compact)
    if m is None or not _is_agency(m.group("agency")):
        return None
    agency = m.group("agency")
    return agency if place_chain(agency) or agency.startswith(("市", "区", "县", "省")) else None


# --------------------------------------------------------------------------- main
def extract_metadata(text: str, *, path: Path | None = None, header: str | None = None) -> ExtractedMetadata:
    """Title, issuer, date, document number, region, province, genre and years of a document.

    Everything comes from the text (and ``header``: page text that a reader removed from ``text``
    as boilerplate, such as an HTML byline with 发布时间/来源; only its labelled fields are read).
    ``path`` is accepted for the caller's convenience and not read: a file name is not evidence.
    """
    del path
    lines = text.splitlines()
    n = len(lines)
    head = list(range(min(n, HEAD_LINES)))
    tail = list(range(max(len(head), n - TAIL_LINES), n))

    labelled_title: str | None = None
    labelled_issuer: str | None = None
    labelled_source: str | None = None
    labelled_docnum: str | None = None
    dates: list[tuple[int, dt.date]] = []  # (priority, date)
    header_lines = header.splitlines()[:HEAD_LINES] if header else []
    for line in [lines[i] for i in head + tail] + header_lines:
        for label, raw in _fields(line):
            value = _INNER_LABEL_RE.split(raw, maxsplit=1)[0].strip(" \t-—")
            if not value.split():
                continue
            first = value.split()[0]
            if label in _TITLE_LABELS and labelled_title is None:
                chunk = _first_chunk(value)
                labelled_title = chunk or None
            elif label in _ISSUER_LABELS and labelled_issuer is None:
                labelled_issuer = first if _is_agency(_PAREN_RE.sub("", first)) else None
            elif label in _SOURCE_LABELS and labelled_source is None:
                labelled_source = first if _is_agency(_PAREN_RE.sub("", first)) else None
            elif label in _DOCNUM_LABELS and labelled_docnum is None:
                chunk = _first_chunk(value)
                m = _DOCNUM_RE.search(_compact(chunk))
                labelled_docnum = m.group(0) if m else None
            else:
                for date_label, priority in _DATE_LABELS:
                    if label == date_label:
                        d = parse_date(value[:40])
                        if d is not None:
                            dates.append((priority, d))
                        break

    # Document number: labelled, else a line that is only a document number (top of the text),
    # else one that opens the title line (甲办发〔2020〕5号《…》).
    doc_number = labelled_docnum
    if doc_number is None:
        for i in head:
            compact = _compact(lines[i])
            if compact and _DOCNUM_LINE_RE.match(compact):
                doc_number = compact
                break
    signature = _signature(lines, head) or _signature(lines, tail)
    if signature is not None:
        dates.append((1, signature[1]))
    date = min(dates, key=lambda pd: pd[0])[1] if dates else None

    raw_title = labelled_title or _title_from_lines(lines)
    title = _clean_title(raw_title) if raw_title else None
    if doc_number is None and raw_title:
        m = _LEADING_DOCNUM_RE.match(_compact(raw_title))
        if m and _DOCNUM_RE.search(m.group(0)):
            doc_number = _DOCNUM_RE.search(m.group(0)).group(0)  # type: ignore[union-attr]

    title_agency: str | None = None
    if title:
        m = _TITLE_AGENCY_RE.match(_PAREN_RE.sub("", _compact(title)))
        if m and _is_agency(m.group("agency")):
            title_agency = m.group("agency")
            # joint issuers (中共X市委办公室 X市人民政府办公室 关于…): the first one leads
            first = _PAREN_RE.sub("", title.split()[0]) if title.split() else ""
            if first != title_agency and title_agency.startswith(first) and _is_agency(first):
                title_agency = first

    # Jurisdiction: the place of the first issuer that names one; else the places of the text vote.
    decisive = [c for c in (signature[0] if signature else None, labelled_issuer, title_agency) if c]
    candidates = decisive + ([labelled_source] if labelled_source else [])
    region = province = None
    specific: Place | None = None
    for candidate in decisive:
        region, province, specific = jurisdiction_of(place_chain(_PAREN_RE.sub("", candidate)))
        if region or province:
            break
    if region is None:
        voted, reasons = vote(title, text, doc_number=doc_number, source=labelled_source)
        logger.debug("jurisdiction vote: %s", reasons)
        if voted is not None:
            region, province, specific = jurisdiction_of([voted])
    if region is None and labelled_source:
        region, province, specific = jurisdiction_of(place_chain(_PAREN_RE.sub("", labelled_source)))
    if region is None:
        place = docnum_place(doc_number)
        if place is not None:
            region, province, specific = jurisdiction_of([place])
    if region and province is None:
        province = _gazetteer().province_of(specific.name if specific is not None else region)

    # Issuer: the most trusted candidate; an abbreviation is completed with the jurisdiction,
    # or replaced by a full-name candidate of the same kind of body in the same place
    # (发布机构 市科技局 + title 常州市科学技术局). A page's source names an issuer only when
    # nothing else does and it is an agency of the jurisdiction.
    genre = classify_genre(title, text)
    if labelled_source and candidates == [labelled_source]:
        source_region = jurisdiction_of(place_chain(_PAREN_RE.sub("", labelled_source)))[0]
        if source_region is not None and source_region != region:
            candidates = []  # a portal reposting the text (来源：某省人民政府) is not its issuer
    if not candidates and genre != "other":
        # a document's own opening: 沈阳市科学技术局2022年工作总结…如下 / 2021年，怀柔区科委…
        # (a summary), or its bureau's name standing alone above it (a reply, a plan)
        opening = _opening_agency(lines, first_person=genre == "summary")
        if opening:
            candidates = [opening]
    issuer = candidates[0] if candidates else None
    if issuer and _is_abbreviation(_PAREN_RE.sub("", issuer)):
        bare = _PAREN_RE.sub("", issuer)
        expanded: str | None = _expand_abbreviation(bare, province, specific, region)
        for other in candidates[1:]:
            if _is_abbreviation(_PAREN_RE.sub("", other)) or other[-1] != bare[-1]:
                continue
            if other == expanded or jurisdiction_of(place_chain(other))[0] == region:
                expanded = other
                break
        if expanded == bare and not bare.startswith(("市", "区", "县", "省", "中共")):
            # a body named without place or level: the jurisdiction's when it is a bureau-like
            # body (科技和知识产权局 → 雅安市雨城区科技和知识产权局), else no issuer (学会部: a unit)
            expanded = (region + bare) if region and _BUREAU_END_RE.search(bare) else None
        issuer = expanded
    if issuer:
        issuer = _canonical_issuer(issuer, province)

    news = bool(title) and _NEWS_VERBS_RE.search(re.sub(r"《[^》]*》", "", _compact(title or ""))) is not None
    report_year, plan_year = document_years(title, text, genre, date, page_date=_byline_date(lines), news=news)
    return ExtractedMetadata(
        title=title,
        issuer=issuer,
        date=date,
        doc_number=doc_number,
        region=region,
        province=province,
        genre=genre,
        report_year=report_year,
        plan_year=plan_year,
    )


def build_document(
    path: Path | None,
    text: str,
    *,
    fmt: str | None,
    encoding: str | None,
    source: str | None = None,
    header: str | None = None,
) -> Document:
    """Combine decoded text and extracted metadata into a :class:`Document`.

    ``header``: boilerplate removed by the reader, consulted for labelled fields only.
    """
    meta = extract_metadata(text, path=path, header=header)
    normalized = NormalizedText(text).normalized
    return Document(
        meta=DocumentMeta(
            id=document_id(normalized),
            path=str(path) if path is not None else None,
            source=source if source is not None else (str(path) if path is not None else None),
            title=meta.title,
            issuer=meta.issuer,
            date=meta.date,
            doc_number=meta.doc_number,
            region=meta.region,
            province=meta.province,
            genre=meta.genre,
            report_year=meta.report_year,
            plan_year=meta.plan_year,
            format=fmt,
            encoding=encoding,
            chars=len(text),
        ),
        text=text,
    )
