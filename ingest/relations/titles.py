"""Issuers declared by titles and headers: ``X关于印发《Y》的通知`` and a document issued by its author.

A notice's own title names its issuing body before 关于 (``市政府办公厅关于印发…的通知``): the notice
and the policy it transmits are issued by that body. Only the document's own title counts (its meta
title, or a title in its header): a notice cited in the text is no statement of its issuer. The body
must be an agency the entity extractor found in the document (a name is never made up from the
inside of a title). A document whose own title is a policy is issued by the body its header
declares (``发布机构``, ``DocumentMeta.issuer``).
"""

from __future__ import annotations

import bisect
import functools
import logging
import re
import unicodedata

from ingest.models import Entity, Evidence, Relation, Sentence
from ingest.relations.context import DocumentContext
from ingest.relations.lexicon import Lexicon

logger = logging.getLogger(__name__)

RULE_TITLE = "issued_by.title"
RULE_HEADER = "issued_by.header"
#: The document's header: its first characters, where a notice states its own title and number.
HEADER_CHARS = 300
#: A document number beside a title in a header (成办发〔2012〕17号).
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[(（【]\d{4}[〕\])）】]\d+号")
_END_PUNCT = re.compile(r"^[:：,，.。、;；]+|[:：,，、;；]+$")
_TITLE_LINE_REST = re.compile(r"[\s《》〈〉“”\"'‘’:：,，.。、]")


@functools.lru_cache(maxsize=4)
def _title_regex(issue_verbs: tuple[str, ...], kinds: tuple[str, ...]) -> re.Pattern[str]:
    verbs = "|".join(sorted(map(re.escape, issue_verbs), key=len, reverse=True))
    ends = "|".join(sorted(map(re.escape, kinds), key=len, reverse=True))
    return re.compile(rf"^(?P<agencies>.+?)(?:联合)?关于(?:{verbs})?(?P<inner>.+?)的(?:{ends})$")


def fold_title(name: str) -> str:
    """A title as compared: NFKC, no title marks, quotes or spaces, every dash one hyphen."""
    text = unicodedata.normalize("NFKC", name)
    text = re.sub(r"[《》〈〉“”\"'‘’\s]", "", text)
    text = _END_PUNCT.sub("", text)  # ":关于印发…的通知" (a header's document number cut before the colon)
    return re.sub(r"[—–\-－~～至]+", "-", text)


def _surfaces(entity: Entity) -> set[str]:
    return {fold_title(s) for s in (entity.name, *entity.aliases, *(m.text for m in entity.mentions)) if s}


def _segment(text: str, agencies: dict[str, Entity]) -> list[Entity] | None:
    """The agencies a title's issuer part consists of: joined by 、/和/及 or set side by side
    ("中共X县委办公室 X县人民政府办公室", spaces folded away); None unless every character is covered."""
    out: list[Entity] = []
    for part in re.split(r"、|和|及", text):
        i = 0
        while i < len(part):
            best = max((s for s in agencies if part.startswith(s, i)), key=len, default=None)
            if best is None:
                return None
            if agencies[best] not in out:
                out.append(agencies[best])
            i += len(best)
    return out or None


def _line_prefix(policy: Entity, text: str, agencies: dict[str, Entity]) -> str:
    """The known agencies that stand alone before the policy on its header line (the issuers of a
    notice titled 关于…: "X办公室 Y办公室 关于印发《…》的通知"), folded; "" when the line has more."""
    for m in sorted(policy.mentions, key=lambda m: m.start):
        if m.start >= HEADER_CHARS:
            break
        start = text.rfind("\n", 0, m.start) + 1
        end = text.find("\n", m.end)
        prefix = fold_title(text[start : m.start])
        if prefix and not _TITLE_LINE_REST.sub("", text[m.end : end if end >= 0 else len(text)]):
            if _segment(prefix, agencies) is not None:
                return prefix
    return ""


def _evidence_sentence(entity: Entity, sentences: list[Sentence], starts: list[int]) -> Sentence | None:
    if not entity.mentions:
        return None
    first = min(entity.mentions, key=lambda m: m.start)
    i = bisect.bisect_right(starts, first.start) - 1
    if i >= 0 and sentences[i].start <= first.start < sentences[i].end:
        return sentences[i]
    return None


def _is_own(policy: Entity, own_title: str, text: str) -> bool:
    """Is the policy the document itself: its title, or a header line that is only the title
    (with, at most, its document number: 成办发〔2012〕17号《…》)?"""
    if own_title and own_title in _surfaces(policy):
        return True
    for m in policy.mentions:
        if m.start >= HEADER_CHARS:
            continue
        start = text.rfind("\n", 0, m.start) + 1
        end = text.find("\n", m.end)
        line = text[start : end if end >= 0 else len(text)]
        rest = _DOC_NUMBER.sub("", line.replace(m.text, ""))
        if not _TITLE_LINE_REST.sub("", rest):
            return True
    return False


def title_relations(
    ctx: DocumentContext, sentences: list[Sentence], entities: list[Entity], lexicon: Lexicon
) -> list[Relation]:
    regex = _title_regex(lexicon.words.get("title_issue_verbs", ()), lexicon.words.get("title_kinds", ()))
    agencies: dict[str, Entity] = {}
    for e in entities:
        if e.type == "GovernmentAgency":
            for s in _surfaces(e):
                agencies.setdefault(s, e)
    policies: dict[str, Entity] = {}
    for e in entities:
        if e.type == "Policy":
            for s in _surfaces(e):
                policies.setdefault(s, e)
    starts = [s.start for s in sentences]
    out: list[Relation] = []

    def emit(policy: Entity, agency: Entity, rule: str, sentence: Sentence | None, confidence: float) -> None:
        if policy.id == agency.id:
            return
        evidence = [Evidence(text=sentence.text, start=sentence.start, end=sentence.end)] if sentence else []
        ctx.use(policy)
        ctx.use(agency)
        out.append(
            Relation(
                type="ISSUED_BY",
                head=policy.id,
                tail=agency.id,
                evidence=evidence,
                modality="fact",
                confidence=confidence,
                year=ctx.year_of(sentence) if sentence else ctx.doc.meta.report_year,
                rule=rule,
                source="text",
            )
        )

    own_title = fold_title(ctx.doc.meta.title or "")
    for policy in [e for e in entities if e.type == "Policy"]:
        name = fold_title(policy.name)
        # "X办公室 Y办公室 关于印发《…》的通知": the issuers stand before the title on its header line
        prefix = _line_prefix(policy, ctx.doc.text, agencies) if name.startswith("关于") else ""
        if not prefix and not _is_own(policy, own_title, ctx.doc.text):
            continue  # a notice cited in the text: its title alone states nothing (guideline rule 10)
        m = regex.match(prefix + name)
        if m is None:
            continue
        # every body before 关于 must be a known agency, or the prefix is no issuer list
        issuers = _segment(m.group("agencies"), agencies)
        if issuers is None:
            continue
        sentence = _evidence_sentence(policy, sentences, starts)
        inner = policies.get(fold_title(m.group("inner")))
        for agency in issuers:
            emit(policy, agency, RULE_TITLE, sentence, 0.9)
            if inner is not None and inner.id != policy.id:
                emit(inner, agency, RULE_TITLE, sentence, 0.85)
    title = ctx.doc.meta.title
    if ctx.author is not None and title:
        own = policies.get(fold_title(title))
        if own is not None:
            emit(own, ctx.author, RULE_HEADER, _evidence_sentence(own, sentences, starts), 0.85)
    logger.debug("%s: %d issuers from titles", ctx.doc.meta.id, len(out))
    return out
