"""Document metadata from the text of a Chinese government document.

Sources, in order of trust:

* labelled fields of disclosure pages and document headers (信息名称/标题, 发文机关/
  发布机构/来源, 成文日期/生成日期/发布时间, 文号/文件编号 ...);
* the signature block (落款): an issuing-body line followed by a date line, near the top
  (a notice forwarding an attachment) or at the end;
* the title: the labelled one or the first substantive line (boilerplate, labels, doc
  numbers and dates skipped); an agency at its start (常州市科学技术局2018年工作计划);
* a document-number line such as 连政办发〔2018〕138号 near the top.

Abbreviated issuers (市科技局) are completed with the jurisdiction found elsewhere
(title, labelled source, signature). Places are looked up in ``ingest.gazetteer`` when
it is available, otherwise recognised by a conservative pattern (2-5 Han characters
ending in 省/市/区/县...). Fields that cannot be found are ``None``; nothing is invented.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel

from ingest.models import Document, DocumentMeta, Genre, document_id
from ingest.readers.boilerplate import is_boilerplate
from ingest.text import NormalizedText

logger = logging.getLogger(__name__)

#: Lines scanned at the top and at the bottom for labels, titles and signatures.
HEAD_LINES = 60
TAIL_LINES = 40

# --------------------------------------------------------------------------- labels
_TITLE_LABELS = ("信息名称", "文件名称", "公文名称", "标题", "题名")
_ISSUER_LABELS = ("发文机关", "发文单位", "发文机构", "制发机关", "发布机构", "发布单位", "成文单位")
_SOURCE_LABELS = ("信息来源", "文章来源", "来源")
_DATE_LABELS: tuple[tuple[str, int], ...] = (
    ("成文日期", 0),
    ("发文日期", 0),
    ("印发日期", 0),
    ("签发日期", 0),
    ("生成日期", 2),
    ("发布日期", 3),
    ("发布时间", 3),
    ("公开日期", 4),
    ("发表时间", 4),
    ("更新时间", 5),
    ("日期", 5),
    ("时间", 6),
)
_DOCNUM_LABELS = ("发文字号", "发文文号", "文件编号", "文件字号", "文号")
_OTHER_LABELS = (
    "索引号",
    "公开方式",
    "公开范围",
    "公开时限",
    "废止日期",
    "有效性",
    "主题分类",
    "体裁分类",
    "组配分类",
    "服务对象",
    "法定主动公开分类",
    "内容概述",
    "累计次数",
    "浏览次数",
    "阅读次数",
    "访问次数",
    "点击数",
    "字体",
    "字号",
    "作者",
    "责任编辑",
    "编辑",
    "所属主题",
    "所属机构",
    "主题词",
    "关键词",
    "分类",
)


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
_LABEL_RE = re.compile(
    r"(?<![\u4e00-\u9fff])(?P<label>" + "|".join(_label_pattern(lab) for lab in _ALL_LABELS) + r")\s*[:：]"
)
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

# Fallback place recogniser (used when the gazetteer is unavailable).
_PLACE_SUFFIXES = ("自治区", "自治州", "特别行政区", "地区", "省", "市", "区", "县", "州", "盟", "旗")
_PLACE_STOP = "关于印发转的和与及在对为推进加快实施市省区县局委厅办府年月日第号是将由把向从中全各本我该"
_PLACE_FALLBACK_RE = re.compile(
    rf"(?:(?<=[关于发的和与及在对为、，,\s])|^)(?P<name>[^\W\d_{_PLACE_STOP}]{{2,5}}?"
    r"(?:自治区|自治州|省|市|区|县))"
)
_PLACE_PREFIX_RE = re.compile(rf"^[^\W\d_{_PLACE_STOP}]{{2,5}}?(?:自治区|自治州|省|市|区|县)")

_TITLE_ENDINGS = re.compile(
    r"(通知|方案|意见|计划|总结|打算|要点|规划|办法|细则|决定|报告|函|批复|答复|公告|通告|纲要|规定|措施|条例|"
    r"意见稿|公报|说明|[）)])$"
)

_TITLE_TAIL_RE = re.compile(r"^的?(通知|意见|方案|决定|批复|答复|复函|函|报告|公告|通告)$")

# Genre rules on the title: first match wins (a "summary and plan" is a summary).
GENRE_RULES: tuple[tuple[Genre, re.Pattern[str]], ...] = (
    ("reply", re.compile(r"答复|复函|提案办理|建议办理|议案办理|的答复")),
    ("summary", re.compile(r"工作总结|总结")),
    ("implementation_scheme", re.compile(r"实施方案|实施意见|行动方案|行动计划|实施细则|工作方案")),
    # a bare 计划 only at the end: 科技计划项目 names a programme, not a plan document
    ("plan", re.compile(r"工作计划|工作要点|打算|规划|工作思路|计划$|计划\(")),
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


# --------------------------------------------------------------------------- gazetteer
class _PlaceLike(Protocol):
    name: str
    type: str
    parent: str | None
    province: str | None


class _GazetteerLike(Protocol):
    def places_named(self, surface: str) -> list[Any]: ...

    def province_of(self, name: str) -> str | None: ...

    def expand_agency(
        self, abbreviation: str, province: str | None, city: str | None, district: str | None
    ) -> str | None: ...


@lru_cache(maxsize=1)
def _gazetteer() -> _GazetteerLike | None:
    try:
        from ingest.gazetteer import load_gazetteer  # type: ignore[attr-defined]
    except ImportError:
        logger.info("ingest.gazetteer not available; using the fallback place pattern")
        return None
    try:
        gaz: _GazetteerLike = load_gazetteer()
    except Exception as exc:  # a broken gazetteer must not stop reading documents
        logger.warning("cannot load the gazetteer (%s); using the fallback place pattern", exc)
        return None
    return gaz


class _Place:
    """A place found in text: canonical name, type (Province/City/District) and province."""

    __slots__ = ("name", "type", "province", "parent")

    def __init__(self, name: str, type_: str, province: str | None, parent: str | None = None) -> None:
        self.name = name
        self.type = type_
        self.province = province
        self.parent = parent

    def __repr__(self) -> str:
        return f"_Place({self.name!r}, {self.type!r}, province={self.province!r})"


def _fallback_type(name: str) -> str:
    if name.endswith(("省", "自治区")):
        return "Province"
    if name.endswith(("区", "县")):
        return "District"
    return "City"


def _lookup(surface: str, context: list[_Place] | None = None) -> _Place | None:
    """The place called ``surface`` (gazetteer), disambiguated by the places before it."""
    gaz = _gazetteer()
    if gaz is None:
        return None
    try:
        found = list(gaz.places_named(surface))
    except Exception as exc:
        logger.debug("places_named(%r) failed: %s", surface, exc)
        return None
    if not found:
        return None
    if context:
        known = {p.name for p in context}
        inside = [p for p in found if getattr(p, "parent", None) in known or getattr(p, "province", None) in known]
        found = inside or found
    order = {"Province": 0, "City": 1, "District": 2}
    found.sort(key=lambda p: order.get(str(getattr(p, "type", "")), 3))
    best = found[0]
    provinces = {getattr(p, "province", None) for p in found if p.name == best.name}
    parents = {getattr(p, "parent", None) for p in found if p.name == best.name}
    # An ambiguous name (鼓楼区 in four cities) keeps its province / parent only when all agree.
    province = provinces.pop() if len(provinces) == 1 else None
    parent = parents.pop() if len(parents) == 1 else None
    return _Place(str(best.name), str(best.type), province, parent)


def _place_chain(text: str) -> list[_Place]:
    """Places named in full at the very start of ``text`` (江苏省南京市江宁区科技局 -> 3 places)."""
    chain: list[_Place] = []
    pos = 0
    gaz = _gazetteer()
    while pos < len(text) and len(chain) < 4:
        found: _Place | None = None
        length = 0
        if gaz is not None:
            for n in range(min(9, len(text) - pos), 1, -1):
                surface = text[pos : pos + n]
                if not surface.endswith(_PLACE_SUFFIXES):
                    continue  # full names only: short forms (中山 in 中山大学) are too ambiguous
                place = _lookup(surface, chain)
                if place is not None:
                    found, length = place, n
                    break
        else:
            m = _PLACE_PREFIX_RE.match(text, pos)
            if m:
                name = m.group(0)
                found, length = _Place(name, _fallback_type(name), name if name.endswith("省") else None), len(name)
        if found is None:
            break
        chain.append(found)
        pos += length
    return chain


def _places_in(text: str) -> list[_Place]:
    """Places mentioned anywhere in a short text such as a title, in order."""
    out: list[_Place] = []
    gaz = _gazetteer()
    if gaz is not None:
        i = 0
        while i < len(text):
            for n in range(min(9, len(text) - i), 1, -1):
                surface = text[i : i + n]
                if not surface.endswith(_PLACE_SUFFIXES):
                    continue  # only full names in running text: short forms are too ambiguous
                place = _lookup(surface, out)
                if place is not None:
                    out.append(place)
                    i += n - 1
                    break
            i += 1
        return out
    for m in _PLACE_FALLBACK_RE.finditer(text):
        name = m.group("name")
        out.append(_Place(name, _fallback_type(name), name if name.endswith("省") else None))
    return out


def _jurisdiction(chain: list[_Place]) -> tuple[str | None, str | None, _Place | None]:
    """(region, province, most specific place) of a place chain."""
    region: str | None = None
    province: str | None = None
    specific: _Place | None = None
    for place in chain:
        if place.type == "Province":
            province = place.name
        else:
            region = place.name
            specific = place
            province = province or place.province
    return region, province, specific


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
    return issuer.startswith(("市", "区", "县", "省")) or not _place_chain(issuer)


def _fields(line: str) -> list[tuple[str, str]]:
    """Labelled fields of one line: [(label without spaces, raw value)]."""
    matches = list(_LABEL_RE.finditer(line))
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
    m = _LABEL_RE.search(line)
    return m is not None and not line[: m.start()].strip()


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
        while k >= 0 and lines[k].strip() and all(_is_agency(p) for p in lines[k].split()):
            j = k
            k -= 1
        date = parse_date(lines[i])
        if date is not None:
            return _compact(lines[j].split()[0]), date
    return None


def _title_from_lines(lines: list[str]) -> str | None:
    for i, raw in enumerate(lines[:HEAD_LINES]):
        line = raw.strip()
        if not line or is_boilerplate(line) or _is_label_line(line):
            continue
        compact = _compact(line)
        if _DOCNUM_LINE_RE.match(compact) or _is_date_line(line) or all(_is_agency(p) for p in line.split()):
            continue
        han = sum(1 for ch in compact if "\u4e00" <= ch <= "\u9fff")
        if han < 4 or len(compact) > 80 or compact.endswith(("。", "：", ":", "；", "，")):
            continue
        title = _SPACE_RE.sub(" ", line)
        # A title broken over two lines: join a short continuation that ends like a title.
        # A title broken over two lines: join a short continuation that ends like a title,
        # or one that is only "的通知"-like whatever the first line ends with.
        if i + 1 < len(lines):
            nxt = lines[i + 1].strip()
            nxt_compact = _compact(nxt)
            if nxt and len(nxt) <= 40 and not is_boilerplate(nxt) and _TITLE_ENDINGS.search(nxt_compact):
                if not _TITLE_ENDINGS.search(compact) or _TITLE_TAIL_RE.match(nxt_compact):
                    title += nxt
        return title
    return None


def classify_genre(title: str | None) -> Genre:
    """Genre from the title words (see :data:`GENRE_RULES`)."""
    if not title:
        return "other"
    compact = _compact(title)
    for genre, pattern in GENRE_RULES:
        if pattern.search(compact):
            return genre
    return "other"


def _expand_abbreviation(issuer: str, province: str | None, specific: _Place | None, region: str | None) -> str:
    gaz = _gazetteer()
    city = district = None
    if specific is not None:
        if specific.type == "District":
            district, city = specific.name, specific.parent
        else:
            city = specific.name
    elif region:
        if region.endswith(("区", "县")):
            district = region
        else:
            city = region
    if gaz is not None:
        try:
            expanded = gaz.expand_agency(issuer, province, city, district)
        except Exception as exc:
            logger.debug("expand_agency(%r) failed: %s", issuer, exc)
            expanded = None
        if expanded:
            return expanded
    if issuer.startswith("市") and city:
        return city + issuer[1:]
    if issuer.startswith(("区", "县")) and district:
        return district + issuer[1:]
    if issuer.startswith("省") and province:
        return province + issuer[1:]
    return issuer


# --------------------------------------------------------------------------- main
def extract_metadata(text: str, *, path: Path | None = None, header: str | None = None) -> ExtractedMetadata:
    """Title, issuer, date, document number, region, province and genre of a document.

    ``header`` is optional page text that a reader removed from ``text`` as boilerplate
    (an HTML byline such as 发布时间/来源); only its labelled fields are read.
    """
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
            value = raw.strip()
            if not value:
                continue
            if label in _TITLE_LABELS and labelled_title is None:
                chunk = _first_chunk(value)
                labelled_title = chunk or None
            elif label in _ISSUER_LABELS and labelled_issuer is None:
                labelled_issuer = value.split()[0] if _is_agency(value.split()[0]) else None
            elif label in _SOURCE_LABELS and labelled_source is None:
                first = value.split()[0]
                labelled_source = first if _is_agency(first) else None
            elif label in _DOCNUM_LABELS and labelled_docnum is None:
                chunk = _first_chunk(value)
                m = _DOCNUM_RE.search(_compact(chunk))
                labelled_docnum = m.group(0) if m else (chunk if any(c.isdigit() for c in chunk) else None)
            else:
                for date_label, priority in _DATE_LABELS:
                    if label == date_label:
                        d = parse_date(value[:40])
                        if d is not None:
                            dates.append((priority, d))
                        break

    # Document number: labelled, else a line that is only a document number (top of the text).
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

    title = labelled_title or _title_from_lines(lines)
    if title is None and path is not None:
        stem = path.stem
        if sum(1 for ch in stem if "\u4e00" <= ch <= "\u9fff") >= 4:
            title = stem

    title_agency: str | None = None
    if title:
        m = _TITLE_AGENCY_RE.match(_compact(title))
        if m and _is_agency(m.group("agency")):
            title_agency = m.group("agency")

    candidates = [c for c in (signature[0] if signature else None, labelled_issuer, title_agency, labelled_source) if c]
    # Jurisdiction: the place of the first candidate issuer that names one, else the title's.
    region = province = None
    specific: _Place | None = None
    for candidate in candidates:
        region, province, specific = _jurisdiction(_place_chain(candidate))
        if region or province:
            break
    if region is None and province is None and title:
        region, province, specific = _jurisdiction(_places_in(_compact(title))[:1])
    gaz = _gazetteer()
    if region and province is None and gaz is not None:
        try:
            province = gaz.province_of(region)
        except Exception as exc:
            logger.debug("province_of(%r) failed: %s", region, exc)

    # Issuer: the most trusted candidate; an abbreviation is completed with the jurisdiction,
    # or replaced by a full-name candidate of the same kind of body in the same place
    # (发布机构 市科技局 + title 常州市科学技术局).
    issuer = candidates[0] if candidates else None
    if issuer and _is_abbreviation(issuer):
        expanded = _expand_abbreviation(issuer, province, specific, region)
        for other in candidates[1:]:
            if _is_abbreviation(other) or other[-1] != issuer[-1]:
                continue
            if other == expanded or _jurisdiction(_place_chain(other))[0] == region:
                expanded = other
                break
        issuer = expanded

    return ExtractedMetadata(
        title=title,
        issuer=issuer,
        date=date,
        doc_number=doc_number,
        region=region,
        province=province,
        genre=classify_genre(title),
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
            format=fmt,
            encoding=encoding,
            chars=len(text),
        ),
        text=text,
    )
