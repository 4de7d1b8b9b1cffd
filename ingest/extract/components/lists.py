"""Enumerations (A、B、C等重点企业) and responsibility lists ((责任单位:市科技局、市财政局))."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example

from ingest.extract.agencies import AgencyRules
from ingest.extract.candidates import Candidate, anchors, candidates, context, doc_text
from ingest.extract.data import SuffixRule, load_data
from ingest.extract.names import AnchorIndex, NameRules, is_name_char
from ingest.extract.resources import load_resources

logger = logging.getLogger(__name__)

_COUNT = re.compile(r"[\d一二三四五六七八九十两几多数百千余]+[家个所座项批名类]?")
_CONJ = ("和", "及", "与", "以及")
_PHRASE = re.compile(r"[\u4e00-\u9fff\w]{1,12}")
_ITEM_SEP = re.compile(r"[、,;,;\s]+")
_COUNTED = re.compile(r"(\d+|[两二三四五六七八九十]+)[家个所座]")


_LIST_CLOSE = frozenset("签等,。;")


class ListRules:
    def __init__(self, name: str, data_dir: str | None = None) -> None:
        self.name = name
        self.data_dir = data_dir

    def initialize(
        self, get_examples: Callable[[], Iterable[Example]] | None = None, *, nlp: Language | None = None
    ) -> None:
        """Load the component's data (``nlp.initialize()`` calls this once, before the first document)."""
        data = load_data(self.data_dir)
        cfg: dict[str, Any] = data.lists
        self.rules = NameRules(data)
        self.agency = AgencyRules(data, self.rules, load_resources())
        self.heads: dict[str, str] = {str(k): str(v) for k, v in cfg["list_heads"].items()}
        self.head_list = sorted(self.heads, key=len, reverse=True)
        self.head_blockers = str(cfg.get("head_blockers", ""))
        self.max_item = int(cfg.get("max_item_chars", 12))
        self.min_item = int(cfg.get("min_item_chars", 2))
        markers = sorted(cfg.get("responsibility_markers", []), key=len, reverse=True)
        alternatives = "|".join(map(re.escape, markers))
        self.resp = re.compile(r"\((?:" + alternatives + r")[::]([^()\n]{1,200})\)")
        self.suffixes: list[SuffixRule] = data.suffixes
        shared = cfg.get("shared_heads") or {}
        self.numerals: dict[str, int] = {str(k): int(v) for k, v in (shared.get("numerals") or {}).items()}
        self.level_words = sorted((str(w) for w in shared.get("level_words", [])), key=len, reverse=True)
        self.shared_head_skip = frozenset(str(t) for t in shared.get("skip_types", []))
        comp = data.company
        self.industry = sorted(comp.get("industry_endings", []), key=len, reverse=True)
        self.endings = sorted(
            {
                *(r.suffix for r in self.suffixes if r.requires != "parent"),
                *self.industry,
                *(str(f) for f in comp.get("company_forms", [])),
            },
            key=len,
            reverse=True,
        )

    # -- enumerations ------------------------------------------------------------------
    def head_after(self, text: str, pos: int) -> str | None:
        """The list head noun after 等 at ``pos``: the first head noun within the next few
        characters of the same phrase (counts and quality words may come between)."""
        m = _PHRASE.match(text, pos)
        if m is None:
            return None
        phrase = m.group()
        for i in range(len(phrase)):
            for head in self.head_list:
                if phrase.startswith(head, i):
                    nxt = phrase[i + len(head) : i + len(head) + 1]
                    if nxt and nxt in self.head_blockers:
                        return None
                    return head if self.between_ok(phrase[:i]) else None
        return None

    def between_ok(self, between: str) -> bool:
        """Only counts, quality words and country names may stand between 等 and the head;
        各类/各种 make the list one of categories (咨询、评估等各类服务机构)."""
        if between.startswith("各") or "各类" in between or "各种" in between:
            return False
        rest = _COUNT.sub("", between)
        for word in self.rules.data.extra_anchors:
            rest = rest.replace(word, "")
        rest = rest.replace("的", "")
        return self.rules.coverage(rest).uncovered == 0

    def suffix_type(self, item: str) -> SuffixRule | None:
        for rule in self.suffixes:
            if rule.requires == "parent":
                continue  # typed by the parent it opens with, which a list item does not show
            if item.endswith(rule.suffix) and len(item) > len(rule.suffix):
                return rule
        return None

    def core(self, item: str) -> str:
        """What is left of an item without its suffixes, company forms and industry words
        (某某精密机械科技股份有限公司 -> 某某); empty for a bare suffix (科技股份有限公司)."""
        core = item
        while core:
            ending = next((x for x in self.endings if core.endswith(x)), None)
            if ending is None:
                break
            core = core[: -len(ending)]
        return core

    def named(self, text: str, index: AnchorIndex, s: int, e: int) -> bool:
        """Is text[s:e] a name: proper as a whole, and with a proper part (or an anchor) before
        its suffix and industry words?"""
        inner = index.within(s, e)
        if not self.rules.is_proper(text[s:e], inner, text, s):
            return False
        core = self.core(text[s:e])
        if not core:
            return False
        return any(a.end <= s + len(core) for a in inner) or self.rules.is_proper(core, [])

    def items_before(self, text: str, end: int, index: AnchorIndex | None = None) -> list[tuple[int, int, bool]]:
        """List items ending at ``end`` (right to left), as (start, end, quoted). With the
        document's anchors, an item that is no name alone goes on across a soft stop (某和微电)."""
        items: list[tuple[int, int, bool]] = []
        p = end
        while p > 0 and text[p - 1].isdigit():
            p -= 1
        while p > 0 and len(items) < 20:
            if text[p - 1] in '”"':
                q = max(text.rfind("“", 0, p - 1), text.rfind('"', 0, p - 1))
                if q < 0 or p - 1 - q > self.max_item + 4:
                    break
                items.append((q + 1, p - 1, True))
                p = q
            else:
                edge, _ = self.rules.left_edge(text, p, limit=self.max_item + 2)
                if edge >= p:
                    break
                if index is not None:
                    wider = self.rules.across_soft(text, edge, index)
                    if wider is not None and not self.named(text, index, edge, p) and self.named(text, index, wider, p):
                        edge = wider
                    inside = index.spanning(edge)
                    if (
                        inside is not None
                        and inside.kind in ("place", "province")
                        and p - inside.start <= self.max_item
                    ):
                        edge = inside.start  # 呼和浩特金山: the edge fell inside a place name (at its 和)
                items.append((edge, p, False))
                p = edge
            if p > 0 and text[p - 1] == "、":
                p -= 1
                continue
            for conj in _CONJ:
                if (
                    text[max(0, p - len(conj)) : p] == conj
                    and p - len(conj) > 0
                    and text[p - len(conj) - 1] not in ",。;:,;:\n"
                ):
                    p -= len(conj)
                    break
            else:
                break
        return items

    def item_type(self, item: str, head_type: str | None) -> tuple[str, str | None] | None:
        rule = self.suffix_type(item)
        if rule is not None:
            return rule.type, rule.subtype
        if item.endswith(("院", "所")) and len(item) >= 3:
            return "ResearchInstitute", None
        if head_type is None:
            return None
        return head_type, None

    def enumerations(self, doc: Doc, index: AnchorIndex, out: list[Candidate]) -> None:
        text = doc_text(doc)
        for m in re.finditer("等", text):
            head = self.head_after(text, m.end())
            head_type = self.heads.get(head) if head else None
            items = self.items_before(text, m.start(), index)
            if len(items) < 2 and head_type is None:
                continue
            for s, e, quoted in items:
                item = text[s:e]
                if not (self.min_item <= len(item) <= self.max_item):
                    continue
                if any(c.isdigit() for c in item) or self.rules.quantified(text, s):
                    continue  # 六家企业分别…: a counted phrase, not a name
                typed = self.item_type(item, head_type)
                if typed is None:
                    continue
                if not quoted and not self.named(text, index, s, e):
                    continue
                if quoted and self.rules.starts_generic(item):
                    continue
                etype, subtype = typed
                if etype == "GovernmentAgency":
                    continue
                out.append(Candidate(s, e, etype, "list", subtype=subtype, name=item))
        self.company_lists(text, index, out)
        self.counted_lists(text, index, out)
        self.short_names_beside(text, index, out)

    def count_of(self, word: str) -> int | None:
        if word.isdigit():
            return int(word)
        return self.numerals.get(word)

    def shared_head(self, text: str, pos: int) -> tuple[int, str, SuffixRule] | None:
        """The head all items of a counted list share (…3家省创新实验室, …2个国家高新区): its end,
        the words between the count and the suffix without level words (创新), and the suffix rule."""
        m = _PHRASE.match(text, pos)
        if m is None:
            return None
        phrase = m.group()
        for i in range(len(phrase), 0, -1):  # the longest head (园区 over 科技园 in 农业科技园区)
            for rule in self.suffixes:
                if rule.type in self.shared_head_skip or rule.requires == "parent":
                    continue
                if phrase.endswith(rule.suffix, 0, i):
                    middle = phrase[: i - len(rule.suffix)]
                    for level in self.level_words:
                        if middle.startswith(level):
                            middle = middle[len(level) :]
                            break
                    if self.rules.coverage(middle).uncovered:
                        break  # the words between name a kind of their own (or run past the head)
                    return pos + i, middle, rule
        return None

    def counted_lists(self, text: str, index: AnchorIndex, out: list[Candidate]) -> None:
        """A、B、C3家企业 / A、B2个国家高新区: items followed by their count (equal to the number of
        items) and a shared head noun. A head noun types the items (short company names); a
        shared suffix completes each item's name (嘉庚、鹭江2家省创新实验室 -> 鹭江创新实验室)."""
        for m in _COUNTED.finditer(text):
            if m.start() == 0 or text[m.start() - 1] == "等":
                continue  # 等N家: an enumeration, read by the 等 rule
            n = self.count_of(m.group(1))
            if n is None or n < 2 or "、" not in text[max(0, m.start() - n * (self.max_item + 1)) : m.start()]:
                continue
            items = self.items_before(text, m.start(), index)
            if len(items) != n:
                continue
            head = self.head_after(text, m.end())
            shared = self.shared_head(text, m.end())
            if head is not None and (shared is None or self.heads[head] != shared[2].type):
                shared = None  # a head noun of another kind (3家企业) types the items as they are
            elif shared is not None:
                head = None  # 4家国家农业科技园区: the shared suffix completes each item's name
            if head is None and shared is None:
                continue
            for s, e, quoted in items:
                item = text[s:e]
                if not (self.min_item <= len(item) <= self.max_item) or any(c.isdigit() for c in item):
                    continue
                if self.rules.quantified(text, s):
                    continue
                if not quoted and not self.named(text, index, s, e):
                    continue
                if head is not None:
                    typed = self.item_type(item, self.heads[head])
                    if typed is None or typed[0] == "GovernmentAgency":
                        continue
                    out.append(Candidate(s, e, typed[0], "list", subtype=typed[1], name=item))
                elif shared is not None:
                    _, middle, rule = shared
                    name = item if item.endswith(rule.suffix) else item + middle + rule.suffix
                    cand = Candidate(s, e, rule.type, "shared_head", subtype=rule.subtype, name=name)
                    cand.aliases.add(item)
                    out.append(cand)

    def company_lists(self, text: str, index: AnchorIndex, out: list[Candidate]) -> None:
        """Lists of at least two place-prefixed short company names (江苏某某机床、南通某某焊接)."""
        for m in re.finditer("、", text):
            items = self.items_before(text, m.start(), index)[:1]
            nxt = re.match(r"[\u4e00-\u9fff]{3,12}", text[m.end() :])
            if not items or nxt is None:
                continue
            right_edge = self._company_end(text, m.end(), m.end() + len(nxt.group()))
            if right_edge is None:
                continue
            s0, e0, _ = items[0]
            left = self._company_item(text, index, s0, e0)
            right = self._company_item(text, index, m.end(), right_edge)
            if not (left and right):
                # two brands with an industry word each, the list closed right after them
                # (与某某酱业、某某生物科技签订…): short company names without their place
                closed = [
                    end
                    for end in range(m.end() + 4, m.end() + len(nxt.group()) + 1)
                    if text[m.end() : end].endswith(tuple(self.industry)) and text[end : end + 1] in _LIST_CLOSE
                ]
                if closed:
                    right_edge = closed[-1]
                    left = self.company_shaped(text, index, s0, e0)
                    right = self.company_shaped(text, index, m.end(), right_edge)
            if left and right:
                out.append(Candidate(s0, e0, "Enterprise", "list", name=text[s0:e0]))
                out.append(Candidate(m.end(), right_edge, "Enterprise", "list", name=text[m.end() : right_edge]))

    # -- short names listed beside a company -------------------------------------------
    def company_shaped(self, text: str, index: AnchorIndex, s: int, e: int) -> bool:
        """Is text[s:e] a short company name: a brand (after an optional place) of at least two
        characters no lexicon word covers, then an industry word (某某光电, 江苏某某机床)?"""
        item = text[s:e]
        if not 4 <= len(item) <= self.max_item or any(not is_name_char(c) for c in item):
            return False
        for j in _CONJ:
            k = item.find(j)
            if k >= 2 and len(item) - k - len(j) >= 2:
                return False  # 某某智能和某某电子: two list items joined, not one brand
        ending = next((x for x in self.industry if item.endswith(x)), None)
        if ending is None:
            return False
        start = s
        first = index.by_start.get(s)
        if first is not None and first.kind in ("place", "province") and first.end < e:
            start = first.end
        brand = text[start : e - len(ending)]
        return self.rules.brand_length(brand) >= 2 and self.rules.is_proper(brand, [])

    def short_names_beside(self, text: str, index: AnchorIndex, out: list[Candidate]) -> None:
        """Short company names listed right beside a company found by its legal form or another
        listed short name (某某科技有限公司、某某电气与…): ``、`` or 与/和/及 join them."""
        spans = {(c.start, c.end) for c in out if c.type == "Enterprise"}
        todo = sorted(spans)
        while todo:
            s, e = todo.pop()
            for found in (self._listed_after(text, index, e), self._listed_before(text, index, s)):
                if found is not None and found not in spans:
                    spans.add(found)
                    todo.append(found)
                    out.append(Candidate(found[0], found[1], "Enterprise", "list", name=text[found[0] : found[1]]))

    def _joiner(self, text: str, pos: int, forward: bool) -> int:
        """Length of a list joiner (、 与 和 及) starting (forward) or ending at ``pos``."""
        for j in ("、", *_CONJ):
            if forward and text.startswith(j, pos):
                return len(j)
            if not forward and pos >= len(j) and text[pos - len(j) : pos] == j:
                return len(j)
        return 0

    def _listed_after(self, text: str, index: AnchorIndex, e: int) -> tuple[int, int] | None:
        k = self._joiner(text, e, True)
        if not k:
            return None
        q = e + k
        for end in range(q + 4, min(len(text), q + self.max_item) + 1):
            nxt = text[end : end + 1]
            if (
                not nxt or not is_name_char(nxt) or self._joiner(text, end, True) or nxt == "等"
            ) and self.company_shaped(text, index, q, end):
                return q, end
        return None

    def _listed_before(self, text: str, index: AnchorIndex, s: int) -> tuple[int, int] | None:
        k = self._joiner(text, s, False)
        if not k:
            return None
        p = s - k
        edge, bounded = self.rules.left_edge(text, p, limit=self.max_item + 1)
        if bounded and self.company_shaped(text, index, edge, p):
            return edge, p
        return None

    def _company_end(self, text: str, start: int, limit: int) -> int | None:
        for end in range(start + 4, limit + 1):
            if text[start:end].endswith(tuple(self.industry)):
                return end
        return None

    def _company_item(self, text: str, index: AnchorIndex, s: int, e: int) -> bool:
        item = text[s:e]
        if not item.endswith(tuple(self.industry)) or len(item) > self.max_item:
            return False
        first = index.by_start.get(s)
        if first is None or first.kind not in ("place", "province"):
            return False
        ending = next(i for i in self.industry if item.endswith(i))
        brand = text[first.end : e - len(ending)]
        return len(brand) >= 2 and self.rules.coverage(brand).uncovered >= 2

    # -- responsibility lists ------------------------------------------------------------
    def responsibilities(self, doc: Doc, out: list[Candidate]) -> None:
        text = doc_text(doc)
        ctx = context(doc)
        for m in self.resp.finditer(text):
            base = m.start(1)
            pos = 0
            body = m.group(1)
            for chunk in _ITEM_SEP.split(body):
                idx = body.find(chunk, pos)
                if not chunk or idx < 0:
                    continue
                pos = idx + len(chunk)
                s, e = base + idx, base + idx + len(chunk)
                self._responsible(text, s, e, chunk, ctx, out)

    def _responsible(self, text: str, s: int, e: int, item: str, ctx: Any, out: list[Candidate]) -> None:
        rule = self.suffix_type(item)
        if rule is None:
            return
        if rule.type == "Enterprise":
            out.append(Candidate(s, e, "Enterprise", "responsibility", name=item))
            return
        if rule.type != "GovernmentAgency":
            out.append(Candidate(s, e, rule.type, "responsibility", name=item, subtype=rule.subtype))
            return
        kind = "relative" if item[0] in self.agency.relative else None
        if kind is None:
            out.append(Candidate(s, e, "GovernmentAgency", "responsibility", name=item))
            return
        full = self.agency.expand(item, kind, item[0], ctx)
        cand = Candidate(s, e, "GovernmentAgency", "responsibility", name=full, region=ctx.city)
        if full != item:
            cand.aliases.add(item)
        out.append(cand)

    def __call__(self, doc: Doc) -> Doc:
        out = candidates(doc)
        index = AnchorIndex(anchors(doc))
        self.enumerations(doc, index, out)
        self.responsibilities(doc, out)
        return doc


@Language.factory("innograph_lists", default_config={"data_dir": None})
def make_lists(nlp: Language, name: str, data_dir: str | None) -> ListRules:
    return ListRules(name, data_dir)
