"""Running the patterns over abstracted sentences: subjects, roles, modality, relations."""

from __future__ import annotations

import itertools
import logging
import re
from dataclasses import dataclass, field
from typing import Literal

from graph.vocabulary import INNOVATION_ACTOR_TYPES as _ACTOR_TYPES
from ingest.models import Entity, Evidence, Relation
from ingest.relations.context import DocumentContext
from ingest.relations.lexicon import SLOT_CLASS, Lexicon, Pattern
from ingest.relations.view import Clause, SentenceView, Slot, qualifies_next

logger = logging.getLogger(__name__)

SubjectKind = Literal["explicit", "group", "inherited", "implicit", "none"]

_HAS_SLOT = re.compile(SLOT_CLASS)
_PAIR_LIST = re.compile(f"、{SLOT_CLASS}(?:与|和|同){SLOT_CLASS}")
#: What joins a second predicate to the first one of a clause ("…协议、与C签署…").
_COORDINATED_PREDICATE = ("、", "并", "并与", "还", "又")
_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})年")
_NEGATION_WINDOW = 4
_MAX_PREFIX = 120


@dataclass
class Subject:
    kind: SubjectKind
    slots: list[Slot] = field(default_factory=list)


@dataclass
class Candidate:
    relation: Relation
    clause_index: int
    plain_cooperation: bool = False


@dataclass
class SentenceState:
    """What earlier clauses of the same sentence established."""

    topic: list[Slot] = field(default_factory=list)
    group: list[Slot] = field(default_factory=list)  # participants of the last cooperation frame
    group_clause: int = -1
    group_implicit: bool = False
    clause_subject: list[Slot] = field(default_factory=list)  # explicit subject of the clause so far


def _is_actor(slot: Slot) -> bool:
    if slot.kind != "mention":
        return True
    return slot.entity is not None and slot.entity.type in _ACTOR_TYPES


def _is_place(slot: Slot) -> bool:
    return slot.kind == "mention" and slot.entity is not None and slot.entity.type in ("City", "District")


class SentenceMatcher:
    def __init__(self, view: SentenceView, ctx: DocumentContext, lexicon: Lexicon) -> None:
        self.view = view
        self.ctx = ctx
        self.lex = lexicon
        self.state = SentenceState()
        self.candidates: list[Candidate] = []
        self.plan_section = ctx.is_plan_section(view.sentence)
        match = _YEAR_RE.search(view.abstract)
        # the sentence's year, else its section heading's, else the year the document reports on
        self.year = int(match.group(1)) if match else ctx.year_of(view.sentence)
        self.discourse = ctx.discourse
        self.cooperating: list[Entity] = []  # the parties of the sentence's COOPERATES_WITH relations
        self.carried: list[Slot] = []
        d = self.discourse
        if d.group and 0 <= view.sentence.start - d.group_end <= lexicon.group_window:
            self.carried = [Slot(kind="mention", start=-1, end=-1, entity=e) for e in d.group]
        if d.enumeration_end >= 0 and d.enumeration_paragraph == view.paragraph and self.carried:
            # "双方将: 共建X; 共建Y和Z": the list of the previous sentence goes on
            self.state.group = list(self.carried)
            self.state.group_clause = -1
        d.enumeration_end = -1
        # "A与B举行会谈, 双方签署…": the parties of a meeting or a visit the sentence reports
        self.frame: list[Slot] = []
        self.frame_end = -1
        for frame in lexicon.party_frames:
            fm = frame.search(view.abstract)
            if fm is not None:
                parties = [s for s in view.slots_in(fm.group("a")) + view.slots_in(fm.group("b")) if _is_actor(s)]
                if len(parties) == 2:
                    self.frame, self.frame_end = parties, fm.end()
                    break
        if d.topic and d.topic_paragraph == view.paragraph and lexicon.subset_opener.match(view.abstract):
            self.state.topic = [Slot(kind="mention", start=-1, end=-1, entity=e) for e in d.topic]

    def _carried_group(self, word: str, clause: Clause | None = None) -> list[Slot]:
        """The parties a group word (双方, 三方 …) of a sentence stands for: those of a meeting or visit
        an earlier clause of the sentence reports, else those of the cooperation an earlier sentence
        stated, when their number fits the word."""
        if word not in self.lex.group_pronouns:
            return []
        size = self.lex.group_pronouns[word]
        if self.frame and clause is not None and clause.offset >= self.frame_end and size in (0, 2):
            return list(self.frame)
        if not self.carried or (size and len(self.carried) != size):
            return []
        return list(self.carried)

    # ------------------------------------------------------------------ subjects

    def subject_before(self, clause: Clause, pos: int) -> Subject:
        prefix = clause.text[:pos]
        if len(prefix) > _MAX_PREFIX:  # a subject sits right before its verb; keep the search local
            prefix = "\0" + prefix[-_MAX_PREFIX:]
        stripped = self.lex.adverb_tail.sub("", prefix)
        # "A科技处与B…", "A研究团队与B…": a unit of the actor speaks for the actor
        unit = self.lex.subject_unit.search(stripped)
        if unit is not None:
            stripped = stripped[: unit.start("unit")]
        # "X(Y)位于Z": a parenthesis after a name (another name, a short form) is part of it
        paren = self.lex.paren_tail.search(stripped)
        if paren is not None:
            stripped = self.lex.adverb_tail.sub("", stripped[: paren.start()])
        # "A联合有关部门印发…": unnamed companions after the subject leave A the subject
        companion = self.lex.companion_tail.search(stripped)
        if companion is not None:
            stripped = stripped[: companion.start()]
        # "A在B共建C": the place phrase before the verb is not its subject
        located = self.lex.locative_tail.search(stripped)
        if located is not None:
            stripped = self.lex.adverb_tail.sub("", stripped[: located.start()])
        m = self.lex.list_tail.search(stripped)
        if m is not None:
            before = stripped[: m.start("list")]
            if self.lex.approval_before.search(before):
                return Subject("none")
            slots = self._listed_actors(stripped, m.start("list"), m.end("list"))
            # "A联合B出台X", "A携手B打造X": the actor before the companion word acts with B
            joint = self.lex.companion_before.search(before)
            if joint is not None and slots:
                lead = self.lex.list_tail.search(before[: joint.start()])
                if lead is not None:
                    slots = [s for s in self.view.slots_in(lead.group("list")) if _is_actor(s)] + slots
            if slots:
                return Subject("explicit", slots)
            return Subject("none")
        group = self.lex.group_tail.search(stripped)
        if group is not None:
            if self.state.group:
                return Subject("group", list(self.state.group))
            # "A与B共同…": no earlier clause to refer to, the group is the list before the word
            rest = self.lex.adverb_tail.sub("", stripped[: group.start()])
            word = group.group(0)
            inner = self.lex.group_tail.search(rest)  # "双方共同…"
            if inner is not None:
                word = inner.group(0)
                rest = self.lex.adverb_tail.sub("", rest[: inner.start()])
            m = self.lex.list_tail.search(rest)
            slots = [s for s in self.view.slots_in(m.group("list")) if _is_actor(s)] if m else []
            if slots:
                return Subject("explicit", slots)
            # "A与B签约。双方将共建C": the parties of an earlier sentence
            carried = self._carried_group(word, clause)
            return Subject("group", carried) if carried else Subject("none")
        if self.state.clause_subject and stripped.endswith(_COORDINATED_PREDICATE):
            # "A与B签署X、与C签署Y": the second predicate shares the subject of the first
            return Subject("inherited", list(self.state.clause_subject))
        if self.lex.openers_only.fullmatch(stripped):
            if self.state.topic:
                return Subject("inherited", list(self.state.topic))
            return Subject("implicit")
        return Subject("none")

    # ------------------------------------------------------------------ slots -> entities

    def resolve(self, slot: Slot | None, rtype: str) -> Entity | None:
        """The entity a slot (None: the implicit subject) stands for in a relation of ``rtype``."""
        ctx = self.ctx
        if slot is None:
            if rtype == "ISSUED_BY":
                sentence = self.view.sentence
                if ctx.author is not None and (
                    ctx.self_established(self.view.paragraph, sentence.start + 1) or ctx.is_title(sentence)
                ):
                    return ctx.author
                return None
            return ctx.implicit_subject(self.view.sentence)
        if slot.kind == "mention":
            return slot.entity
        if slot.kind == "self":
            return ctx.author if ctx.author is not None else ctx.jurisdiction
        return ctx.jurisdiction

    def role_entities(
        self, pattern: Pattern, role: str, m: re.Match[str], clause: Clause, subject: Subject | None
    ) -> list[Entity]:
        if role == "author":
            return [self.ctx.author] if self.ctx.author is not None else []
        if role == "subject":
            if subject is None or subject.kind == "none":
                return []
            if subject.kind == "implicit":
                ent = self.resolve(None, pattern.type)
                return [ent] if ent is not None else []
            slots = subject.slots
        elif role == "place_short":
            short = m.group(role)
            if not short:
                return []
            city = self.lex.city_short.get(short)
            ent = self.ctx.entity_named(city) if city else None
            return [ent] if ent is not None else []
        else:
            slots = self.view.slots_in(m.group(role))
            if role == "partner":
                slots = self._partner_slots(m.group(role) or "")
        out: list[Entity] = []
        endings = pattern.name_words.get(role)
        for slot in slots:
            ent = self.resolve(slot, pattern.type)
            if ent is None or ent in out:
                continue
            if endings is not None and not ent.name.endswith(endings):
                continue
            out.append(ent)
        return out

    def _listed_actors(self, text: str, start: int, end: int) -> list[Slot]:
        """The actors of a list ``text[start:end]``, without a place that only says where counted,
        unnamed members are ("A与成都市15家企业": 成都市 is no party)."""
        out: list[Slot] = []
        for i in range(start, end):
            slot = self.view.slot_of(text[i])
            if slot is None or slot in out or not _is_actor(slot):
                continue
            if qualifies_next(slot, self.view.next_slot(text[:end], i)):
                continue
            if _is_place(slot) and self.lex.counted_after.match(text, i + 1):
                continue
            out.append(slot)
        return out

    def _partner_slots(self, span: str) -> list[Slot]:
        """Partners are the mentions before the first verb inside the span (the span may run on)."""
        cut = len(span)
        for verb in self.lex.words.get("partner_stop_verbs", ()):
            i = span.find(verb)
            if 0 <= i < cut and self.view.slots_in(span[:i]):
                cut = i
        span = span[:cut]
        # "A与B、C与D签约": pairs of partners; A's partner is B alone (see cooperates.pairs)
        paired = _PAIR_LIST.search(span)
        if paired is not None:
            span = span[: paired.start()]
        # "A与B在C签订…": the place phrase inside the span is where, not a partner
        located = {m.end() - 1 for m in self.lex.locative_slot.finditer(span)}
        out: list[Slot] = []
        for i, ch in enumerate(span):
            slot = self.view.slot_of(ch)
            if slot is None or i in located or slot in out or not _is_actor(slot):
                continue
            if qualifies_next(slot, self.view.next_slot(span, i)):
                continue  # "与昌吉州玛纳斯县…": the city names where the district is
            if _is_place(slot) and self.lex.counted_after.match(span, i + 1):
                continue  # "与成都市15家企业签约": the place says where the counted, unnamed partners are
            out.append(slot)
        return out

    # ------------------------------------------------------------------ matching

    def _blocked(self, clause: Clause, v_start: int) -> bool:
        """An intention before the trigger (in its clause, or in an earlier clause that the clause
        continues) or a negation right before it. A clause opening with a marker of
        accomplishment (成功, 正式 …) states a fact of its own ("争创A, 成功签约B")."""
        if self.lex.intention.search(clause.text[:v_start]):
            return True
        if clause.offset > 0 and self.lex.intention.search(self.view.abstract[: clause.offset]):
            if not self.lex.fact_opener.match(clause.text):
                return True
        window = clause.text[max(0, v_start - _NEGATION_WINDOW) : v_start]
        return bool(self.lex.negation.search(window))

    def _modality(self, clause: Clause, v_start: int) -> Literal["fact", "plan"]:
        if self.plan_section or self.lex.plan_marker.search(clause.text[:v_start]):
            return "plan"
        return "fact"

    def run(self) -> list[Candidate]:
        for index, clause in enumerate(self.view.clauses):
            self._open_with_group(index, clause)
            self._run_clause(index, clause)
        self._run_sentence_scope()
        self._drop_cooperation_with_products()
        self._note_discourse()
        return self.candidates

    def _drop_cooperation_with_products(self) -> None:
        """A builder does not cooperate with what it builds: a plain cooperation between the two ends
        of a CO_BUILDS of the sentence is a misreading ("X由A牵头, 联合B组建": X is no partner of B)."""
        built = {
            frozenset((c.relation.head, c.relation.tail)) for c in self.candidates if c.relation.type == "CO_BUILDS"
        }
        if built:
            self.candidates = [
                c
                for c in self.candidates
                if not (c.plain_cooperation and frozenset((c.relation.head, c.relation.tail)) in built)
            ]

    def _open_with_group(self, index: int, clause: Clause) -> None:
        """A clause opened by a group word of an earlier sentence's parties ("双方约定, 筹建X") makes
        them the participants the next clause's build refers to."""
        if self.state.group or not (self.carried or self.frame):
            return
        m = self.lex.group_opener.match(clause.text)
        if m is None:
            return
        carried = self._carried_group(m.group("word"), clause)
        if carried:
            self.state.group = carried
            self.state.group_clause = index
            self.state.group_implicit = False

    def _note_discourse(self) -> None:
        """Remember the parties of the cooperation this sentence states, for the sentences after it."""
        d = self.discourse
        sentence = self.view.sentence
        parties: list[Entity] = []
        for slot in self.state.group:
            ent = self.resolve(slot, "COOPERATES_WITH")
            if ent is not None and ent not in parties:
                parties.append(ent)
        if self.state.group_implicit and self.ctx.jurisdiction is not None and self.ctx.jurisdiction not in parties:
            parties.insert(0, self.ctx.jurisdiction)
        if len(parties) < 2:
            parties = list(self.cooperating)
        if len(parties) < 2:
            parties = [e for e in (self.resolve(s, "COOPERATES_WITH") for s in self.frame) if e is not None]
        if len(parties) >= 2:
            d.group = parties
            d.group_end = sentence.end
        topic: list[Entity] = []
        for slot in self.state.topic:
            ent = self.resolve(slot, "COOPERATES_WITH")
            if ent is not None and ent not in topic:
                topic.append(ent)
        d.topic, d.topic_paragraph = topic, self.view.paragraph
        last = len(self.view.clauses) - 1
        if (
            self.state.group
            and self.state.group_clause >= last - 1
            and sentence.text.rstrip().endswith((";", "；", ":", "："))
        ):
            d.enumeration_end = sentence.end
            d.enumeration_paragraph = self.view.paragraph

    def _clause_index(self, pos: int) -> int:
        index = 0
        for i, clause in enumerate(self.view.clauses):
            if clause.offset <= pos:
                index = i
        return index

    def _run_sentence_scope(self) -> None:
        whole = Clause(text=self.view.abstract, offset=0)
        for pattern in self.lex.patterns:
            if pattern.scope != "sentence":
                continue
            for m in pattern.regex.finditer(whole.text):
                if not self._blocked(whole, m.start("v")):
                    self._emit(pattern, m, whole, self._clause_index(m.start("v")), None)

    def _run_clause(self, index: int, clause: Clause) -> None:
        self.state.clause_subject = []
        if not _HAS_SLOT.search(clause.text) and not (
            (self.carried or self.frame) and self.lex.group_pronoun.search(clause.text)
        ):
            return  # every pattern relates at least one mention of the clause, or the parties of 双方
        topic = self.lex.topic_head.match(clause.text)
        topic_slots = [s for s in self.view.slots_in(topic.group("list"))] if topic else []
        # "A与B共建的X, 位于Y": a clause ending in a relative clause's head noun speaks of X
        relative = self.lex.relative_head.search(clause.text) if topic_slots else None
        consumed: set[tuple[str, int]] = set()
        new_group: list[Slot] | None = None
        new_group_implicit = False
        explicit_subjects: list[Slot] = []
        for pattern in self.lex.patterns:
            if pattern.scope != "clause":
                continue
            for m in pattern.regex.finditer(clause.text):
                v_start = m.start("v")
                key = (pattern.type, v_start)
                if key in consumed or self._blocked(clause, v_start):
                    continue
                subject: Subject | None = None
                if "subject" in pattern.head or "subject" in pattern.tail:
                    if m.groupdict().get("subj"):
                        subject = Subject("explicit", self.view.slots_in(m.group("subj")))
                    else:
                        subject = self.subject_before(clause, m.start(pattern.subject_from))
                    if pattern.group_only:
                        # the partners' product is named by the very next clause ("A与B合作, 共建C");
                        # later clauses of a long sentence report other work
                        if subject.kind not in ("implicit", "inherited", "group"):
                            continue
                        if index != self.state.group_clause + 1:
                            continue
                        if not self.state.group or len(self.state.group) + int(self.state.group_implicit) < 2:
                            continue
                        subject = Subject("group", list(self.state.group))  # an implicit member is added in _emit
                    if subject.kind == "implicit" and not pattern.implicit:
                        continue
                    if subject.kind == "none" and not m.groupdict().get("subj"):
                        continue
                made = self._emit(pattern, m, clause, index, subject)
                if not made:
                    continue
                consumed.add(key)
                if subject is not None and subject.kind == "explicit":
                    explicit_subjects = subject.slots
                    self.state.clause_subject = [sl for sl in subject.slots if _is_actor(sl)]
                if "partner" in pattern.regex.groupindex and subject is not None:
                    partners = self._partner_slots(m.group("partner") or "")
                    if partners or pattern.type == "CO_BUILDS":
                        new_group = [*([] if subject.kind == "implicit" else subject.slots), *partners]
                        new_group_implicit = subject.kind == "implicit"
        self._drop_superseded_cooperation(index)
        if relative is not None:
            self.state.topic = [s for s in self.view.slots_in(relative.group("list")) if _is_actor(s)]
        elif explicit_subjects:
            self.state.topic = [s for s in explicit_subjects if _is_actor(s)]
        elif topic_slots:
            self.state.topic = [s for s in topic_slots if _is_actor(s)]
        if new_group is not None:
            self.state.group = new_group
            self.state.group_clause = index
            self.state.group_implicit = new_group_implicit
        for slot in topic_slots:
            if slot.kind == "self" or (
                slot.kind == "mention"
                and self.ctx.author is not None
                and slot.entity is not None
                and slot.entity.id == self.ctx.author.id
            ):
                self.ctx.note_self(self.view.paragraph, slot.start)

    def _drop_superseded_cooperation(self, index: int) -> None:
        """Partners who build a named actor in the clause ("与B签订《Z合作共建协议》") state that
        product: their plain cooperation in the same clause is not a relation of its own."""
        builders = {
            c.relation.head for c in self.candidates if c.clause_index == index and c.relation.type == "CO_BUILDS"
        }
        if len(builders) < 2:
            return
        self.candidates = [
            c
            for c in self.candidates
            if not (
                c.plain_cooperation
                and c.clause_index == index
                and c.relation.head in builders
                and c.relation.tail in builders
            )
        ]

    def _doc_ok(self, pattern: Pattern, m: re.Match[str]) -> bool:
        """A ``doc`` group, when it matched, must hold a Policy titled with one of ``doc_words``."""
        if "doc" not in pattern.regex.groupindex or not m.group("doc"):
            return True
        slots = self.view.slots_in(m.group("doc"))
        return any(
            s.entity is not None and s.entity.type == "Policy" and any(w in s.entity.name for w in pattern.doc_words)
            for s in slots
        )

    def _emit(self, pattern: Pattern, m: re.Match[str], clause: Clause, index: int, subject: Subject | None) -> bool:
        heads: list[Entity] = []
        tails: list[Entity] = []
        for role in pattern.head:
            heads += [e for e in self.role_entities(pattern, role, m, clause, subject) if e not in heads]
        for role in pattern.tail:
            tails += [e for e in self.role_entities(pattern, role, m, clause, subject) if e not in tails]
        if pattern.group_only and self.state.group_implicit:
            ent = self.ctx.jurisdiction
            if ent is not None and ent not in heads:
                heads.insert(0, ent)
        pairs: list[tuple[Entity, Entity]]
        if pattern.paired:
            pairs = []
            for part in (m.group("pairs") or "").split("、"):
                ends = [self.resolve(sl, pattern.type) for sl in self.view.slots_in(part)]
                if len(ends) == 2 and ends[0] is not None and ends[1] is not None:
                    pairs.append((ends[0], ends[1]))
        elif pattern.pairwise:
            pairs = list(itertools.combinations(heads, 2))
        else:
            pairs = [(h, t) for h in heads for t in tails]
        v_start = m.start("v")
        modality = self._modality(clause, v_start)
        if pattern.fact_only and modality == "plan":
            return False
        confidence = pattern.confidence
        factors = self.lex.confidence_factors
        if subject is not None and subject.kind == "implicit":
            confidence *= factors["implicit_subject"]
        elif subject is not None and subject.kind in ("inherited", "group"):
            confidence *= factors["inherited_subject"]
        if modality == "plan":
            confidence *= factors["plan"]
        sentence = self.view.sentence
        made = False
        if not self._doc_ok(pattern, m):
            return False
        head_types = self.lex.head_types.get(pattern.type, frozenset())
        tail_types = self.lex.tail_types.get(pattern.type, frozenset())
        if pattern.head_types is not None:
            head_types = head_types & pattern.head_types
        if pattern.tail_types is not None:
            tail_types = tail_types & pattern.tail_types
        for head, tail in pairs:
            if head.id == tail.id:
                continue
            if head.type not in head_types or tail.type not in tail_types:
                continue
            self.ctx.use(head)
            self.ctx.use(tail)
            rel = Relation(
                type=pattern.type,  # type: ignore[arg-type]
                head=head.id,
                tail=tail.id,
                evidence=[Evidence(text=sentence.text, start=sentence.start, end=sentence.end)],
                modality=modality,
                confidence=round(confidence, 3),
                year=self.year,
                rule=pattern.id,
                source="text",
            )
            self.candidates.append(Candidate(rel, index, pattern.plain_cooperation))
            made = True
            if pattern.type == "COOPERATES_WITH":
                self.cooperating += [e for e in (head, tail) if e not in self.cooperating]
        if made and pattern.group_only and self.state.group_clause >= 0:
            # the partners of the cooperation clause build something named: that is the relation stated
            group_clause = self.state.group_clause
            self.candidates = [
                c for c in self.candidates if not (c.plain_cooperation and c.clause_index == group_clause)
            ]
        return made
