"""《…》 titles (Policy), quoted titled proposals, quoted and unquoted programme names."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example

from ingest.extract.agencies import AgencyRules
from ingest.extract.candidates import Anchor, Candidate, anchors, candidates, context, doc_text
from ingest.extract.data import load_data
from ingest.extract.names import AnchorIndex, NameRules, is_name_char
from ingest.extract.resources import load_resources

logger = logging.getLogger(__name__)

_QUOTE = re.compile(r"[“\"]([^“”\"\n]{1,40})[”\"]")
_NUMBERED = re.compile(r"\d+条$")
_CLOSERS = ("”", '"', "》")
_CLAUSE_END = ",。;:!?,;:\n()"
_AGENCY_END = ("局", "厅", "委", "部", "办", "院", "所")
_ROUND = re.compile(r"(?:19|20)\d\d年度?")
_VARIANT = re.compile(r"(?<=[\u4e00-\u9fff])[IVX0-9]{1,3}$")


def policy_name(title: str) -> str:
    """Canonical policy name: the title inside one pair of 《》."""
    return f"《{title}》"


def find_titles(text: str, max_len: int = 120) -> list[tuple[int, int]]:
    """Outermost 《…》 spans (nested 《》 inside are kept in the title)."""
    out = []
    i = 0
    n = len(text)
    while True:
        i = text.find("《", i)
        if i < 0:
            break
        depth = 0
        j = i
        end = -1
        while j < n and j - i <= max_len:
            c = text[j]
            if c == "《":
                depth += 1
            elif c == "》":
                depth -= 1
                if depth == 0:
                    end = j + 1
                    break
            elif c == "\n":
                break
            j += 1
        if end < 0:
            i += 1
            continue
        out.append((i, end))
        i = end
    return out


_ASPECT_PARTICLES = ("了", "过")
_SITE_BEFORE_KIND = re.compile(r"\([^()]{1,8}\)(?=[^()]{1,6}$)")

_EDITION = re.compile(r"[\s.·\-—(（]*(?:19|20)\d{2}(?:年)?(?:版|卷)?[)）]?$")  # a trailing edition year


class TitleRules:
    def __init__(self, name: str, data_dir: str | None = None) -> None:
        self.name = name
        self.data_dir = data_dir

    def initialize(
        self, get_examples: Callable[[], Iterable[Example]] | None = None, *, nlp: Language | None = None
    ) -> None:
        """Load the component's data (``nlp.initialize()`` calls this once, before the first document)."""
        data = load_data(self.data_dir)
        cfg: dict[str, Any] = data.titles
        self.rules = NameRules(data)
        self.resources = load_resources()
        self.agency = AgencyRules(data, self.rules, self.resources)
        self.agency_suffixes = sorted(
            (r.suffix for r in data.suffixes if r.type == "GovernmentAgency"), key=len, reverse=True
        )
        self.non_policy = tuple(cfg.get("non_policy_title_endings", []))
        self.document_kinds = tuple(cfg.get("document_kinds_ending_like_periodicals", []))
        generic_title = cfg.get("generic_document_titles")
        self.generic_title = re.compile(str(generic_title)) if generic_title else None
        self.issuer_head = str(cfg.get("title_issuer_head", "关于"))
        self.body_suffixes = {r.suffix: r for r in data.suffixes if r.type != "GovernmentAgency"}
        resolution = data.resolution
        self.declared_markers = tuple(str(w) for w in resolution.get("declared_short_form_markers") or [])
        self.body_lengths = sorted({len(x) for x in self.body_suffixes}, reverse=True)
        self.min_title = int(cfg.get("min_title_chars", 3))
        self.policy_endings = tuple(cfg.get("quoted_policy_endings", []))
        self.proposal_opening = tuple(cfg.get("quoted_proposal_openings", []))
        self.proposal_endings = tuple(cfg.get("quoted_proposal_endings", []))
        self.numbered = bool(cfg.get("quoted_policy_numbered", True))
        self.prog_endings = tuple(cfg.get("quoted_programme_endings", []))
        self.prog_heads = sorted(cfg.get("programme_heads_after_quote", []), key=len, reverse=True)
        self.platform_heads = sorted(cfg.get("platform_heads_after_quote", []), key=len, reverse=True)
        self.non_entity = tuple(cfg.get("non_entity_heads_after_quote", []))
        self.slogan_chars = str(cfg.get("slogan_number_chars", ""))
        self.slogan_ok = tuple(cfg.get("slogan_number_exceptions", []))
        self.slogan_counters = str(cfg.get("slogan_counters", ""))
        self.paired_tail_endings = tuple(cfg.get("paired_number_tail_endings", []))
        self.max_quoted = int(cfg.get("max_quoted_chars", 30))
        tail_endings = sorted(cfg.get("scheme_tail_endings", []), key=len, reverse=True)
        tail_max = int(cfg.get("scheme_tail_max_chars", 8))
        self.tail_re = (
            re.compile(rf"([\u4e00-\u9fffA-Za-z]{{0,{tail_max}}}?)({'|'.join(map(re.escape, tail_endings))})")
            if tail_endings
            else None
        )
        self.tail_stops = frozenset(str(cfg.get("scheme_tail_stop_chars", "")))
        self.numbered_plan_endings = frozenset(str(x) for x in cfg.get("numbered_quote_plan_endings", []))
        self.bare_tail_endings = frozenset(str(x) for x in cfg.get("scheme_bare_tail_endings", []))
        self.max_brand = int(cfg.get("scheme_brand_max_chars", 12))
        self.heading = re.compile(str(cfg["heading_marker"])) if cfg.get("heading_marker") else None
        endings = sorted(cfg.get("unquoted_programme_endings", []), key=len, reverse=True)
        self.unquoted = re.compile("|".join(map(re.escape, endings))) if endings else None
        self.funding_after = tuple(cfg.get("funding_after_quote", []))
        self.level_markers = str(cfg.get("level_quote_markers", ""))
        scheme = sorted(cfg.get("scheme_endings", []), key=len, reverse=True)
        self.scheme = re.compile("|".join(map(re.escape, scheme))) if scheme else None
        self.scheme_left = tuple(cfg.get("scheme_left_triggers", []))
        self.scheme_fund_left = tuple(cfg.get("scheme_funding_left", []))
        self.scheme_fund_right = tuple(cfg.get("scheme_funding_right", []))
        notice = cfg.get("title_line_notice")
        self.notice_line = re.compile(str(notice)) if notice else None
        self.plan_line_endings = tuple(sorted((str(x) for x in cfg.get("title_line_plan_endings") or []), key=len))
        lo, hi = (cfg.get("title_line_plan_chars") or [8, 50])[:2]
        self.plan_line_chars = (int(lo), int(hi))
        self.line_trim = str(cfg.get("title_line_trim", " "))
        self.project_heads = tuple(str(x) for x in cfg.get("project_heads_after_title") or [])
        self.project_run_max = int(cfg.get("project_run_max_chars", 8))
        self.project_before = tuple(str(x) for x in cfg.get("project_before_title") or [])
        self.level_fund_endings = frozenset(str(x) for x in cfg.get("level_fund_endings") or [])
        self.level_fund_markers = tuple(str(x) for x in cfg.get("level_fund_markers") or [])
        self.level_fund_min = int(cfg.get("level_fund_min_chars", 5))
        self.scheme_min = int(cfg.get("scheme_min_chars", 6))
        initiative = sorted((str(x) for x in cfg.get("place_initiative_endings") or []), key=len, reverse=True)
        self.initiative = re.compile("|".join(map(re.escape, initiative))) if initiative else None
        self.initiative_min = int(cfg.get("place_initiative_min_chars", 4))
        self.initiative_title_heads = tuple(str(x) for x in cfg.get("place_initiative_title_heads") or [])
        self.initiative_blocking = tuple(str(x) for x in cfg.get("place_initiative_blocking_words") or [])
        self.initiative_place_ends = tuple(str(x) for x in cfg.get("place_initiative_place_endings") or [])
        self.scheme_max = int(cfg.get("scheme_max_chars", 30))

    def is_slogan(self, content: str) -> bool:
        """A heading or slogan opens with a number word and counts something (“五大”, “八项工程”,
        “一园一特色”, “四风”); a brand that merely opens with one (“百灵科技贷”) does not."""
        if content.startswith(self.slogan_ok):
            return False
        if not content or content[0] not in self.slogan_chars:
            return False
        numbers = sum(1 for c in content if c in self.slogan_chars)
        return numbers >= 2 or len(content) <= 2 or content[1] in self.slogan_counters

    def periodical(self, title: str) -> bool:
        """Does a 《》 title name a newspaper, journal, book or the like (《某某日报》), not a document
        (《关于…的通报》)?"""
        bare = _EDITION.sub("", title)
        return bare.endswith(self.non_policy) and not bare.endswith(self.document_kinds)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        out = candidates(doc)
        index = AnchorIndex(anchors(doc))
        titles = find_titles(text)
        for k, (s, e) in enumerate(titles):
            title = text[s + 1 : e - 1].strip()
            if len(title) < self.min_title or self.periodical(title):
                continue  # (《某某年鉴.2006》, 《某某日报》(2019年): the edition does not make it a policy)
            if self.generic_title is not None and self.generic_title.fullmatch(title):
                continue  # 《战略合作框架协议》: a kind of document, not a titled one
            if self.names_project(text, titles, k):
                continue
            out.append(Candidate(s, e, "Policy", "title", name=policy_name(title)))
            self._title_issuers(doc, index, text, s + 1, e - 1, out)
        self._title_lines(text, index, out)
        self._dated_programmes(text, index, out)
        for m in _QUOTE.finditer(text):
            self._quoted(text, m, out, index)
        if self.unquoted is not None:
            for m in self.unquoted.finditer(text):
                edge, _ = self.rules.left_edge(text, m.start(), limit=8)
                part = text[edge : m.start()]
                if len(part) < 2 or not self.rules.is_proper(part, []):
                    continue
                out.append(Candidate(edge, m.end(), "Programme", "programme", name=text[edge : m.end()]))
        if self.scheme is not None:
            self._schemes(text, index, out)
        if self.initiative is not None:
            self._place_initiatives(text, index, out)
        return doc

    def opening_place(self, text: str, index: AnchorIndex, end: int) -> Anchor | None:
        """The nearest place before ``end`` (within one run of name characters, at most
        ``scheme_max`` back) that stands at a left boundary: punctuation or a stop word."""
        for i in range(end - 1, max(-1, end - self.scheme_max - 1), -1):
            if i < 0 or not is_name_char(text[i]):
                return None
            a = index.by_start.get(i)
            if a is None or a.kind not in ("place", "province") or a.end > end:
                continue
            if i == 0 or not is_name_char(text[i - 1]) or self.rules.stop_before(text, i):
                return a
        return None

    def _place_initiatives(self, text: str, index: AnchorIndex, out: list[Candidate]) -> None:
        """A city's or province's initiative named from its place on (某市创新攻坚三年行动, 某省
        某某行动计划), written without quotes or 《》, acts as a scheme (guideline: initiatives named
        计划/行动 that act as schemes are Programmes). The place is written in full."""
        for m in self.initiative.finditer(text):  # type: ignore[union-attr]
            if text.startswith(self.initiative_title_heads, m.end()):
                continue  # 某市某某三年行动方案: the title of a document
            place = self.opening_place(text, index, m.start())
            if place is None:
                continue
            edge = place.start
            if not text.endswith(self.initiative_place_ends, place.start, place.end):
                continue  # 长春创新攻坚行动: a short place name opens slogans too
            part = text[place.end : m.start()]
            if len(part) < self.initiative_min or index.within(place.end, m.start()):
                continue
            if any(w in part for w in self.initiative_blocking):
                continue  # 某市政府实施…行动: a body acting, not the initiative's name
            if (edge > 0 and text[edge - 1] in '《“"') or self.in_heading(text, edge):
                continue
            out.append(Candidate(edge, m.end(), "Programme", "programme", name=text[edge : m.end()]))

    def _title_issuers(
        self, doc: Doc, index: AnchorIndex, text: str, start: int, end: int, out: list[Candidate]
    ) -> None:
        """Bodies that open a title before 关于 (《某市人民政府办公厅关于印发…的通知》) issue it: each
        is an agency of its own, nested in the title."""
        cut = text.find(self.issuer_head, start, end)
        if cut <= start:
            return
        ctx = context(doc)
        pos = start
        for part in text[start:cut].split("、"):
            s, e = pos, pos + len(part)
            pos = e + 1
            suffix = next((x for x in self.agency_suffixes if part.endswith(x) and len(part) > len(x)), None)
            if suffix is None:
                continue
            checked = self.agency.validate(text, s, e - len(suffix), e, index.within(s, e - len(suffix)))
            if checked is None:
                continue
            kind, pname, domain = checked
            if not domain and not self.agency.complete_without_domain(suffix) and kind != "place":
                continue
            name = self.agency.expand(part, kind, pname, ctx)
            cand = Candidate(s, e, "GovernmentAgency", "title", name=name, nested=True)
            if name != part:
                cand.aliases.add(part)
            out.append(cand)

    def names_project(self, text: str, titles: list[tuple[int, int]], k: int) -> bool:
        """Is the k-th 《》 title a project's (实施《某某示范》项目, 《A》《B》等3个项目, 某某专项《某某研究》)?"""
        s, _ = titles[k]
        if text[max(0, s - 2) : s].endswith(self.project_before):
            return True
        j = k
        while j + 1 < len(titles) and titles[j + 1][0] - titles[j][1] <= 1:
            j += 1  # a run of titles: 《A》《B》、《C》
        after = text[titles[j][1] : titles[j][1] + self.project_run_max + len("等") + 6]
        if after.startswith(self.project_heads):
            return True
        if not after.startswith("等"):
            return False
        clause = re.split(r"[,。;:\n]", after, maxsplit=1)[0]
        return any(h in clause for h in self.project_heads)

    def _title_lines(self, text: str, index: AnchorIndex, out: list[Candidate]) -> None:
        """A line that is a document's title names a Policy, unbracketed: a notice issuing a
        document, or a titled plan opening with its place. The candidate is nested: the 《》 title,
        issuers and places inside it stay names of their own."""
        pos = 0
        for line in text.split("\n"):
            start, end = pos, pos + len(line)
            pos = end + 1
            core = line.strip(self.line_trim)
            if len(core) < self.plan_line_chars[0]:
                continue
            s = start + line.index(core)
            e = s + len(core)
            name: tuple[int, int] | None = None
            m = self.notice_line.fullmatch(core) if self.notice_line is not None else None
            if m is not None:
                issuer = m.group("issuer")
                cut = issuer.rfind(" ") + 1 if " " in issuer else 0  # issuers set apart: not in it
                opener = index.by_start.get(s + cut)
                if cut == len(issuer) or (opener is not None and opener.kind in ("place", "province")):
                    # a document's own title names its issuer in full (某市人民政府办公室关于…);
                    # a relative one (市政府办公室关于…) is a page's retitling of it
                    name = (s + cut, e)
            elif (
                len(core) <= self.plan_line_chars[1]
                and core.endswith(self.plan_line_endings)
                and core[0] not in '《“"'
                and all(is_name_char(c) or c.isdigit() or c in '“”"()-—' for c in core)
            ):
                first = index.by_start.get(s)
                if first is not None and first.kind in ("place", "province"):
                    name = (s, e)
            if name is None:
                continue
            surface = text[name[0] : name[1]]
            out.append(Candidate(name[0], name[1], "Policy", "title", name=surface, nested=True))

    def owner_end(self, text: str, index: AnchorIndex, edge: int, start: int) -> int | None:
        """End of a government agency that opens the scheme text[edge:start] (省科技厅…专项资金:
        the agency's fund), None when the scheme does not open with one."""
        known = index.by_start.get(edge)
        if (
            known is not None
            and known.kind == "org"
            and known.end < start
            and text[known.start : known.end].endswith(tuple(self.agency_suffixes))
        ):
            return known.end  # 科技部火炬计划
        for end in range(start, edge + 1, -1):
            for suffix in self.agency_suffixes:
                if not text.startswith(suffix, end - len(suffix)) or end - len(suffix) <= edge:
                    continue
                inner = index.within(edge, end - len(suffix))
                if self.agency.validate(text, edge, end - len(suffix), end, inner) is not None:
                    return end
        return None

    def in_heading(self, text: str, pos: int) -> bool:
        """Is ``pos`` inside a numbered section heading, a few characters after its marker?"""
        if self.heading is None:
            return False
        line_start = text.rfind("\n", 0, pos) + 1
        return self.heading.match(text[line_start:pos]) is not None

    def _schemes(self, text: str, index: AnchorIndex, out: list[Candidate]) -> None:
        """实施X计划 / 实施X工程 (also as later items of a list opened by 实施), 获X计划立项.

        A fund or plan that opens with the agency owning it is named by what follows the agency;
        when that is only generic words (省科技厅重大科技成果转化专项资金), the agency is the
        actor and the fund is a description, not a named programme."""
        for m in self.scheme.finditer(text):  # type: ignore[union-attr]
            if text[m.end() : m.end() + 1] in _CLOSERS:
                continue
            edge = self._scheme_edge(text, m.start(), m.end())
            by_level = edge is None
            if edge is None:
                edge = self._level_fund_edge(text, m.start(), m.group())
            if edge is None:
                continue
            while text.startswith(_ASPECT_PARTICLES, edge) and edge < m.start():
                edge += 1  # 实施了一批某某计划: the particle after the trigger belongs to the verb
            owner = self.owner_end(text, index, edge, m.start())
            if owner is not None and by_level:
                continue  # 自治区财政厅下达专项资金: a body and its fund, not a named scheme
            if owner is not None:
                if self.rules.is_proper(text[owner : m.start()], index.within(owner, m.start())):
                    out.append(Candidate(owner, m.end(), "Programme", "programme", name=text[owner : m.end()]))
                continue
            name = text[edge : m.end()]
            part = text[edge : m.start()]
            if len(name) < self.scheme_min or self.rules.starts_generic(part):
                continue
            if self.in_heading(text, edge):
                continue  # (一)实施某某工程: the plan's own section heading
            if self.rules.quantified(text, edge) or any(q in name for q in '“”"《》'):
                continue
            if part.endswith(_AGENCY_END) or len(part) < 4:
                continue
            out.append(Candidate(edge, m.end(), "Programme", "programme", name=name))

    def _level_fund_edge(self, text: str, start: int, ending: str) -> int | None:
        """A fund of a level of government named by its purpose (省科技成果转化专项资金,
        市本级科技创新专项资金) is a named scheme wherever it stands: the left edge, when the name
        opens with a level marker."""
        if ending not in self.level_fund_endings:
            return None
        edge, bounded = self.rules.left_edge(text, start, limit=self.scheme_max)
        if not bounded or start - edge < self.level_fund_min or not text.startswith(self.level_fund_markers, edge):
            return None
        return edge

    def _scheme_edge(self, text: str, start: int, end: int) -> int | None:
        """Left edge of an unquoted scheme name, or None when no trigger introduces it."""
        lo = max(0, start - self.scheme_max)
        i = start
        while i > lo:
            ch = text[i - 1]
            if ch in _CLAUSE_END:
                return None
            if ch == "、":
                # a later item of a list: the clause must open with a trigger
                clause = text[max(0, i - 3 * self.scheme_max) : i]
                cut = max(clause.rfind(c) for c in _CLAUSE_END)
                return i if any(t in clause[cut + 1 :] for t in self.scheme_left) else None
            before = text[max(0, i - 2) : i]
            if before.endswith(self.scheme_left):
                return i
            if before.endswith(self.scheme_fund_left) and text[end : end + 2].startswith(self.scheme_fund_right):
                return i
            if not is_name_char(ch):
                return None
            i -= 1
        return None

    def counts_something(self, content: str) -> bool:
        """A numbered heading or slogan (“五大”, “一园一特色”): a number word then a counter, or
        two number words. A short brand of a named scheme (“三争”行动) is none."""
        if content.startswith(self.slogan_ok) or not content or content[0] not in self.slogan_chars:
            return False
        numbers = sum(1 for c in content if c in self.slogan_chars)
        return numbers >= 2 or (len(content) > 1 and content[1] in self.slogan_counters)

    def paired_numbers(self, content: str) -> bool:
        """A brand of two numbered nouns (“百城百园”, “千企百校”: number, noun, number, noun), whose first
        noun is no counter (“一园一策” counts parks: a slogan)."""
        c = content
        return (
            len(c) == 4
            and c[0] in self.slogan_chars
            and c[2] in self.slogan_chars
            and c[1] not in self.slogan_chars
            and c[3] not in self.slogan_chars
            and c[1] not in self.slogan_counters
        )

    def numbered_plan_after(self, text: str, end: int) -> bool:
        """Words and a plan word after a numbered slogan (“三区”人才科技人员专项计划)."""
        t = self.tail_re.match(text, end) if self.tail_re is not None else None
        return t is not None and bool(t.group(1)) and t.group(2) in self.numbered_plan_endings

    def _scheme_after_quote(
        self, text: str, m: re.Match[str], content: str, out: list[Candidate], index: AnchorIndex | None = None
    ) -> bool:
        """“某某”三年倍增计划, “某某”创新行动: a quoted brand, a few words and a scheme ending name
        one scheme (quote, words and ending together)."""
        if self.tail_re is None or len(content) > self.max_brand:
            return False
        paired = self.paired_numbers(content)
        if self.counts_something(content) and not paired and not self.numbered_plan_after(text, m.end()):
            return False
        t = self.tail_re.match(text, m.end())
        if t is None or any(c in self.tail_stops for c in t.group(1)):
            return False
        numbered_plan = bool(t.group(1)) and t.group(2) in self.numbered_plan_endings
        if (
            self.counts_something(content)
            and not numbered_plan
            and (t.group(1) or t.group(2) not in self.paired_tail_endings)
        ):
            return False  # “三严三实”专项, “百人千企”惠企行动: campaigns under a slogan, no scheme
        if not t.group(1) and t.group(2) not in self.bare_tail_endings:
            return False
        start, name = m.start(), content + t.group()
        parent = self.programme_ending_at(index, m.start())
        if parent is not None:
            # 国家重点研发计划“某某”重点专项: a special project of a named programme is one name
            # from the programme on
            start, name = parent.start, text[parent.start : t.end()]
        cand = Candidate(start, t.end(), "Programme", "quote", name=name)
        cand.aliases.update({text[m.start() : t.end()], content})
        out.append(cand)
        return True

    def _dated_programmes(self, text: str, index: AnchorIndex, out: list[Candidate]) -> None:
        """某省2018年度中央引导地方科技发展专项资金: a programme's round, named by its place and year,
        is one name from the place on (the programme itself stays its alias)."""
        for c in out:
            if c.type != "Programme" or c.source != "gazetteer":
                continue
            m = _ROUND.search(text, max(0, c.start - 8), c.start)
            if m is None or m.end() != c.start:
                continue
            place = index.by_end.get(m.start())
            if place is None or place.kind not in ("place", "province"):
                continue
            c.aliases.add(c.name or text[c.start : c.end])
            c.start, c.name = place.start, text[place.start : c.end]

    def programme_ending_at(self, index: AnchorIndex | None, end: int) -> Anchor | None:
        """A gazetteer programme (国家重点研发计划) written right before ``end``."""
        a = index.by_end.get(end) if index is not None else None
        if a is None or a.kind != "org":
            return None
        refs = self.resources.orgs.get(a.name, [])
        return a if any(r.type == "Programme" for r in refs) else None

    def _quoted_body(self, text: str, m: re.Match[str], content: str, index: AnchorIndex, out: list[Candidate]) -> None:
        """A quoted name ending like an organisation or platform (“某某大学技术转移(某市)中心”):
        the quotes bound it, so it is one name when the part before the suffix is proper."""
        # a branch's site in parentheses before the kind word (“某某技术转移(某市)中心”) is read across
        key = _SITE_BEFORE_KIND.sub("", content)
        rule = next((self.body_suffixes[key[-k:]] for k in self.body_lengths if key[-k:] in self.body_suffixes), None)
        if rule is None or len(key) - len(rule.suffix) < max(2, rule.min_modifier):
            return
        if not all(is_name_char(c) or c in "()" for c in content):
            return  # “苗圃-孵化器-加速器”: a chain of kinds, not a name
        if text[max(0, m.start() - 5) : m.start()].endswith(self.declared_markers):
            return  # (以下简称“某某中心”): a declared short form of the name before it
        if m.start() >= 2 and text[m.start() - 2].isdigit() and text[m.start() - 1] in "家个所座":
            return  # 102个“某某工作站”: counted, a kind of body
        start = m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip()))
        if "的" in content or any(self.rules.stop_before(text, start + k) for k in range(1, 5)):
            return  # “打造面向某地的某某中心”: a slogan about a body, not its name
        part_end = start + len(key) - len(rule.suffix)
        inner = index.within(start, part_end)
        if not self.rules.is_proper(key[: -len(rule.suffix)], inner, text, start):
            return
        if self.rules.level_of(content[:2]) and not any(a.kind in ("place", "org") for a in inner):
            return  # “国家某某产业示范基地”: a designation awarded, not a named body
        etype, subtype = rule.type, rule.subtype
        if rule.requires == "parent":
            opens = next((a for a in inner if a.start == start and a.kind == "org"), None)
            etype, subtype = ("ResearchInstitute", None) if opens is not None else ("Platform", "other")
        out.append(Candidate(m.start(), m.end(), etype, "quote", name=content, subtype=subtype))

    def _quoted(self, text: str, m: re.Match[str], out: list[Candidate], index: AnchorIndex | None = None) -> None:
        content = m.group(1).strip()
        s, e = m.span()
        if content and self._scheme_after_quote(text, m, content, out, index):
            return
        if not content or len(content) > self.max_quoted or self.is_slogan(content):
            return
        after = text[e : e + 8]
        if content.isdigit() and not after.startswith(tuple(self.prog_heads)):
            return
        if after.startswith(self.non_entity) and not after.startswith(tuple(self.prog_heads)):
            return
        for head in self.prog_heads:
            if after.startswith(head):
                if len(content) > 12 or content.endswith(head):
                    break
                cand = Candidate(s, e + len(head), "Programme", "quote", name=content + head)
                cand.aliases.add(content)
                out.append(cand)
                return
        for head in self.platform_heads:
            if after.startswith(head) and not content.endswith(self.prog_endings):
                out.append(Candidate(s, e, "Platform", "quote", name=content, subtype="online_platform"))
                return
        level_quote = text[s - 1 : s] in self.level_markers and (after[:1].isdigit() or after.startswith("("))
        if (after.startswith(self.funding_after) or level_quote) and 2 <= len(content) <= 12:
            out.append(Candidate(s, e, "Programme", "quote", name=content))
            return
        if len(content) >= 5 and content.endswith(self.policy_endings):
            out.append(Candidate(s, e, "Policy", "quote", name=policy_name(content)))
            return
        if (
            len(content) >= 6
            and content.startswith(self.proposal_opening)
            and (content.endswith(self.proposal_endings) or after.lstrip("的").startswith(self.proposal_endings))
        ):
            # “关于…的建议”, “关于…”提案: a titled proposal (the 提案 a reply answers)
            out.append(Candidate(s, e, "Policy", "quote", name=policy_name(content)))
            return
        if self.numbered and _NUMBERED.search(content) and len(content) >= 5:
            out.append(Candidate(s, e, "Policy", "quote", name=policy_name(content)))
            return
        base = _VARIANT.sub("", content)
        if base.endswith(self.prog_endings) and len(base) >= 3:
            cand = Candidate(s, e, "Programme", "quote", name=base)
            if base != content:
                cand.aliases.add(content)
            out.append(cand)
            return
        if index is not None:
            self._quoted_body(text, m, content, index, out)


@Language.factory("innograph_titles", default_config={"data_dir": None})
def make_titles(nlp: Language, name: str, data_dir: str | None) -> TitleRules:
    return TitleRules(name, data_dir)
