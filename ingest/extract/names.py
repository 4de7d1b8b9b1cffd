"""Shared name grammar: left boundaries, generic-phrase filter, levels."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.extract.candidates import Anchor
from ingest.extract.data import ExtractData

MAX_MODIFIER = 24  # characters scanned to the left of a suffix
ANCHOR_KINDS = ("place", "org", "province", "country")
_QUANTIFIED = re.compile(r"^[一二三四五六七八九十两几多数百千]+[家个所座项批名类只条]")
_LEVEL_MARKERS = ("国家", "省", "市", "区", "县", "州")
LEVEL_CHARS = frozenset("国家省市区县乡镇中央")
_RANKS = frozenset({"国家级", "省级", "市级", "县级", "区级", "部级", "省部级"})  # not part of a name
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_OPEN = "("
_DATE_UNITS = "年月日"  # after a number: the end of a date, never part of a name
_CLASSIFIERS = "家个座"  # after a number: the end of a count (3家, 两个), never part of a name (not 所: 电子五所)
_CN_COUNTS = "两二三四五六七八九十"
_CLOSE = ")"


def is_name_char(ch: str) -> bool:
    return bool(_CJK.match(ch)) or ("a" <= ch.lower() <= "z") or ch in "·"


@dataclass
class Coverage:
    uncovered: int  # characters not covered by generic or field words
    fields: int  # number of field words
    level_anchor: str | None  # 国家 / 省 / 市 / 区 / 县 at the start (not 国家级, 省级 ...)


class AnchorIndex:
    """Gazetteer matches of one document, by start offset (longest first)."""

    def __init__(self, found: list[Anchor]) -> None:
        self.by_start: dict[int, Anchor] = {}
        self.by_end: dict[int, Anchor] = {}  # longest first
        for a in found:
            cur = self.by_start.get(a.start)
            if cur is None or a.end > cur.end:
                self.by_start[a.start] = a
            cur = self.by_end.get(a.end)
            if cur is None or a.start < cur.start:
                self.by_end[a.end] = a

    def add(self, a: Anchor) -> None:
        """Index one more anchor (a name accepted earlier in the same document)."""
        cur = self.by_start.get(a.start)
        if cur is None or a.end > cur.end:
            self.by_start[a.start] = a
        cur = self.by_end.get(a.end)
        if cur is None or a.start < cur.start:
            self.by_end[a.end] = a

    def spanning(self, pos: int, reach: int = 8) -> Anchor | None:
        """The longest anchor that starts before ``pos`` (at most ``reach`` characters) and ends after it."""
        best = None
        for i in range(max(0, pos - reach), pos):
            a = self.by_start.get(i)
            if a is not None and a.end > pos and (best is None or a.end - a.start > best.end - best.start):
                best = a
        return best

    def within(self, start: int, end: int) -> list[Anchor]:
        out = []
        i = start
        while i < end:
            a = self.by_start.get(i)
            if a is not None and a.end <= end:
                out.append(a)
                i = a.end
            else:
                i += 1
        return out


class NameRules:
    def __init__(self, data: ExtractData) -> None:
        self.data = data
        self.stops = data.left_stops
        self.max_stop = data.max_stop_len
        self.soft = data.soft_stops
        self.soft_lengths = sorted({len(w) for w in self.soft}, reverse=True)
        self.lexicon = data.generic_words | data.field_words
        self.rank_markers = tuple(marker for marker, _ in data.levels if marker.endswith("级"))
        # words that may contain a stop word (协同, 可持续, 规模以上 ...): a stop strictly inside
        # one of them is no boundary
        self.max_word = max((len(w) for w in self.lexicon), default=1)
        self.shield = frozenset(w for w in (*data.protected_words, *self.lexicon) if len(w) >= 2)
        self.shield_lengths = sorted({len(w) for w in self.shield}, reverse=True)
        self.max_shield = max(self.shield_lengths, default=0)
        # a word ending at p ends with text[p-1], and one reaching p-1 contains it: these let the
        # scans skip positions no stop or shielding word can concern
        self.stop_lengths_by_last: dict[str, tuple[int, ...]] = {}
        for word in self.stops:
            if word:
                lengths = {*self.stop_lengths_by_last.get(word[-1], ()), len(word)}
                self.stop_lengths_by_last[word[-1]] = tuple(sorted(lengths, reverse=True))
        self.shield_chars = frozenset("".join(self.shield))
        self.level_longer = {
            m: tuple(w for w in self.lexicon if len(w) > len(m) and w.startswith(m)) for m in _LEVEL_MARKERS
        }
        self.category = sorted(data.category_nouns, key=len, reverse=True)
        self.generic_prefixes = sorted(data.generic_prefixes, key=len, reverse=True)
        self.generic_prefix_tuple = tuple(self.generic_prefixes)

    # -- left boundary -------------------------------------------------------------
    @staticmethod
    def is_name_char_at(text: str, i: int) -> bool:
        return 0 <= i < len(text) and is_name_char(text[i])

    def shielded(self, text: str, p: int, k: int) -> bool:
        """Is a stop word text[p-k:p] part of a longer shielding word (协同 for 同)?"""
        if p < 1 or (p <= len(text) and text[p - 1] not in self.shield_chars):
            return False
        for length in self.shield_lengths:
            # words of this length that reach position p-1 (end >= p)
            for start in range(max(0, p - length), p):
                end = start + length
                if end == p and start >= p - k:
                    continue
                if text[start:end] in self.shield:
                    return True
        return False

    def stop_before(self, text: str, p: int, shield: bool = True) -> bool:
        """Does a left-stop word end exactly at ``p``? (``shield=False``: even one that a
        shielding word straddles.)"""
        if p < 1:
            return False
        lengths = self.stop_lengths_by_last.get(text[p - 1], ()) if p <= len(text) else range(self.max_stop, 0, -1)
        for k in lengths:
            if p - k < 0:
                continue
            if text[p - k : p] in self.stops and not (shield and self.shielded(text, p, k)):
                return True
        return False

    def soft_before(self, text: str, p: int) -> int:
        """Length of a soft stop (联合, 和) ending exactly at ``p`` (0 when there is none)."""
        for k in self.soft_lengths:
            if p - k >= 0 and text[p - k : p] in self.soft and not self.shielded(text, p, k):
                return k
        return 0

    def across_soft(self, text: str, edge: int, index: AnchorIndex | None = None) -> int | None:
        """The left edge of a name that goes on across the soft stop ending at ``edge``: None
        when there is no soft stop there (or it ends a longer stop word), the part to its left
        (which may be empty: a name can open with the soft character) is longer than allowed,
        that part is exactly a place or a level, or the right side opens with a level (江苏省和市委,
        省和市委, 苏州和市科技局: two bodies)."""
        k = self.soft_before(text, edge)
        if not k or text[edge : edge + 1] in LEVEL_CHARS:
            return None  # 省和市委: the right side opens a body of its own
        for longer in range(self.max_stop, k, -1):
            word = text[edge - longer : edge] if edge >= longer else ""
            if word in self.stops and word not in self.soft:
                return None  # 评为, 成为: a verb ending in the soft character
        most = self.soft[text[edge - k : edge]]
        start, bounded = self.left_edge(text, edge - k, limit=most + 1)
        if not bounded or edge - k - start > most:
            return None
        left = text[start : edge - k]
        if left and all(c in LEVEL_CHARS for c in left):
            return None
        if index is not None:
            whole = index.by_start.get(start)
            if whole is not None and whole.end == edge - k and whole.kind in ("place", "province"):
                return None
        return start

    def left_edge(self, text: str, end: int, limit: int = MAX_MODIFIER) -> tuple[int, bool]:
        """Scan left from ``end``; return (edge, bounded) - bounded is False when the scan ran
        out of room without meeting punctuation or a stop word."""
        lo = max(0, end - limit)
        p = end
        while p > lo:
            if self.stop_before(text, p):
                return p, True
            ch = text[p - 1]
            if ch == _CLOSE:
                q = text.rfind(_OPEN, lo, p - 1)
                if q < 0 or _CLOSE in text[q + 1 : p - 1]:
                    return p, True
                p = q
                continue
            if ch == "-" and p - 2 >= lo and is_name_char(text[p - 2]) and p < len(text) and is_name_char(text[p]):
                p -= 1
                continue
            if not is_name_char(ch):
                return p, True
            if (ch in _DATE_UNITS and p - 2 >= 0 and text[p - 2].isdigit()) or (
                text[p - 2 : p] == "年度" and p - 3 >= 0 and text[p - 3].isdigit()
            ):
                return p, True  # 2018年南通某某有限公司: a date ends before the name
            if ch in _CLASSIFIERS and p - 2 >= 0 and (text[p - 2].isdigit() or text[p - 2] in _CN_COUNTS):
                return p, True  # 甲、乙两个国家级高新区: a count ends before the name
            p -= 1
        return p, p == 0

    # -- generic filter -------------------------------------------------------------
    def strip_parens(self, part: str) -> str:
        return re.sub(r"\([^()]*\)", "", part)

    def coverage(self, part: str) -> Coverage:
        part = self.strip_parens(part)
        level = None
        for marker in _LEVEL_MARKERS:
            if part.startswith(marker):
                if not any(part.startswith(w) for w in self.level_longer[marker]):
                    level = marker
                break
        i = len(level) if level else 0
        uncovered = fields = 0
        while i < len(part):
            for k in range(min(self.max_word, len(part) - i), 0, -1):
                w = part[i : i + k]
                if w in self.lexicon:
                    if w in self.data.field_words:
                        fields += 1
                    i += k
                    break
            else:
                uncovered += 1
                i += 1
        return Coverage(uncovered, fields, level)

    def starts_generic(self, part: str) -> bool:
        return part.startswith(self.generic_prefix_tuple)

    def is_proper(self, part: str, inner: list[Anchor], text: str = "", offset: int = 0) -> bool:
        """Is the name part before a suffix specific enough to name one actor?

        ``inner`` are the anchors inside the part; when they come from the document, pass the
        document ``text`` and the part's ``offset`` in it."""
        at = offset if text else 0
        # 全州县, 本溪市: a place opening the part is no generic word (全, 本) even where it opens with one
        opens_named = any(a.start == at and a.kind in ("place", "org", "province") for a in inner)
        if not part or (self.starts_generic(part) and not opens_named) or self.has_generic_infix(part):
            return False
        if any(a.kind in ("place", "org", "province") for a in inner):
            return True
        if sum(1 for c in part if c.isascii() and c.isalpha()) >= 2:
            return True
        country = [a for a in inner if a.kind == "country"]
        if country and text:
            # a country is a level anchor: 中国医药… is named, 以色列专业… is not
            a = country[0]
            rest = text[a.end : offset + len(part)]
            cov = self.coverage(rest)
            return cov.fields > 0 or cov.uncovered >= 1
        cov = self.coverage(part)
        if cov.uncovered >= 2:
            return True
        return cov.level_anchor is not None and (cov.fields > 0 or cov.uncovered >= 1)

    def has_generic_infix(self, part: str) -> bool:
        return any(w in part for w in self.data.generic_infixes)

    def quantified(self, text: str, edge: int) -> bool:
        """A counted phrase (6家市级众创空间, 两个国家级高新区, 1-2家省级...) is generic."""
        if _QUANTIFIED.match(text[edge : edge + 4]):
            return True
        if edge >= 2 and text[edge - 1] in _CLASSIFIERS and (text[edge - 2].isdigit() or text[edge - 2] in _CN_COUNTS):
            return True  # the name's left edge is a count's end (a count ends a name: see left_edge)
        return edge > 0 and text[edge - 1].isdigit() and text[edge] in "家个所座项批名类只条"

    def meets(self, requires: str | None, text: str, edge: int, end: int, inner: list[Anchor]) -> bool:
        """Extra evidence some suffixes need (see suffixes.tsv)."""
        if requires is None:
            return True
        part = text[edge:end]
        if requires == "place":
            # a place or province (named region) outside parentheses: 宁夏某某试验区 is named
            depth_free = [a for a in inner if a.kind in ("place", "province") and "(" not in text[edge : a.start]]
            return bool(depth_free)
        if any(a.kind in ANCHOR_KINDS for a in inner):
            return True
        if sum(1 for c in part if c.isascii() and c.isalpha()) >= 2:
            return True
        if requires == "named":
            return False
        cov = self.coverage(part)
        if cov.level_anchor in ("国家", "省") and cov.fields > 0:
            return True
        return requires == "brand" and self.brand_length(part) >= 2

    def brand_length(self, part: str) -> int:
        """Length of the run of characters at the start of ``part`` that no lexicon word covers
        (the brand of 某某科技企业孵化器); 0 when the part opens with a level word."""
        if part.startswith(_LEVEL_MARKERS):
            return 0
        i = 0
        while i < len(part) and is_name_char(part[i]):
            if any(part[i : i + k] in self.lexicon for k in range(min(self.max_word, len(part) - i), 0, -1)):
                break
            i += 1
        return i

    def ends_with_category(self, part: str) -> bool:
        return any(part.endswith(c) for c in self.category)

    def opens_with_rank(self, part: str) -> bool:
        """Does the part open with a rank (省级, 国家级): a class of designations, not a name?"""
        return part.startswith(self.rank_markers)

    def level_of(self, part: str) -> str | None:
        part = self.strip_parens(part)
        for marker, level in self.data.levels:
            if part.startswith(marker):
                return level
        for marker, level in self.data.levels:
            if len(marker) >= 2 and marker in part:
                return level
        return None

    def anchor_cut(self, text: str, edge: int, end: int, inner: list[Anchor]) -> int:
        """Move the left edge to the first anchor when what precedes it is not part of the
        name (a category noun in apposition, or a run of unknown words)."""
        depth_ok = [
            a for a in inner if "(" not in text[edge : a.start] or ")" in text[text.rfind("(", edge, a.start) : a.start]
        ]
        for a in depth_ok:
            if a.start <= edge:
                continue
            if any(b.start < a.start for b in inner if b.start >= edge and b is not a):
                break  # an organisation or place before it belongs to the name
            pre = text[edge : a.start]
            if self.ends_with_category(pre) or pre in _RANKS:
                return a.start  # 服务机构|深圳某某集团, 国家级|苏州高新区
            if len(pre) >= 4 and self.coverage(pre).uncovered >= 3:
                return a.start
            break
        return edge
