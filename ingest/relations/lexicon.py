"""Loading and compiling the relation patterns and word lists of ``ingest/relations/data``."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ingest.models import ENTITY_TYPES, RELATION_TYPES

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"

#: Placeholder characters standing for entity mentions in abstracted clause text (Private Use Area).
SLOT_FIRST = 0xE000
SLOT_LAST = 0xF8FF
SLOT_CLASS = "[\ue000-\uf8ff]"
#: Clause boundaries in abstracted text.
BOUNDARY_CHARS = ",;:。!?—"

_MACRO_RE = re.compile(r"\{([A-Z_]+)\}")


class RelationDataError(RuntimeError):
    """A relation data file is missing, malformed or refers to unknown macros/roles."""


def _alternation(words: list[str]) -> str:
    """Regex alternatives, longest first; plain words are escaped, entries with regex syntax kept."""
    out = []
    for w in sorted({str(w) for w in words if str(w)}, key=len, reverse=True):
        out.append(w if any(ch in w for ch in "[](){}?*+|\\^$.") else re.escape(w))
    return "(?:" + "|".join(out) + ")" if out else "(?!)"


def _load_yaml(name: str) -> dict[str, Any]:
    path = DATA_DIR / name
    try:
        with path.open(encoding="utf-8") as f:
            data = yaml.safe_load(f)
    except (OSError, yaml.YAMLError) as exc:
        raise RelationDataError(f"cannot read {name}: {exc}") from exc
    if not isinstance(data, dict):
        raise RelationDataError(f"{name}: expected a mapping at top level")
    return data


ROLE_GROUPS = frozenset(
    {
        "subj",
        "partner",
        "obj",
        "place",
        "place_short",
        "funder",
        "agency",
        "policy",
        "parent",
        "child",
        "recipient",
        "pairs",
    }
)
#: Groups that are not roles but checked: ``doc`` must hold a Policy whose name has one of the
#: pattern's ``doc_words`` (an agreement named by its title: 签署了《…合作协议》).
CHECK_GROUPS = frozenset({"doc"})


@dataclass(frozen=True)
class Pattern:
    id: str
    type: str
    regex: re.Pattern[str]
    head: tuple[str, ...]
    tail: tuple[str, ...]
    implicit: bool = True
    subject_from: str = "v"
    confidence: float = 0.8
    plain_cooperation: bool = False
    group_only: bool = False
    pairwise: str | None = None
    paired: bool = False  # the group "pairs" lists "A与B、C与D": one relation per pair
    fact_only: bool = False  # its trigger states an intention in a plan (争取…万元): facts only
    scope: str = "clause"  # clause | sentence
    head_types: frozenset[str] | None = None  # narrower than the relation type's, when given
    tail_types: frozenset[str] | None = None
    doc_words: tuple[str, ...] = ()
    name_words: dict[str, tuple[str, ...]] = field(default_factory=dict)  # role -> endings its names need


@dataclass(frozen=True)
class Lexicon:
    patterns: tuple[Pattern, ...]
    head_types: dict[str, frozenset[str]]
    tail_types: dict[str, frozenset[str]]
    city_short: dict[str, str]  # one-character short name -> city name
    words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # compiled helpers
    adverb_tail: re.Pattern[str] = re.compile("")
    list_tail: re.Pattern[str] = re.compile("")
    group_tail: re.Pattern[str] = re.compile("")
    openers_only: re.Pattern[str] = re.compile("")
    topic_head: re.Pattern[str] = re.compile("")
    intention: re.Pattern[str] = re.compile("")
    negation: re.Pattern[str] = re.compile("")
    plan_marker: re.Pattern[str] = re.compile("")
    jurisdiction_pronoun: re.Pattern[str] = re.compile("")
    self_pronoun: re.Pattern[str] = re.compile("")
    approval_before: re.Pattern[str] = re.compile("")
    locative_tail: re.Pattern[str] = re.compile("")
    locative_slot: re.Pattern[str] = re.compile("")
    counted_after: re.Pattern[str] = re.compile("(?!)")  # "成都市|15家企业": a count of a category follows
    subject_unit: re.Pattern[str] = re.compile("(?!)")
    anaphor: re.Pattern[str] = re.compile("(?!)")
    anaphor_types: dict[str, frozenset[str]] = field(default_factory=dict)  # head noun -> entity types
    anaphor_window: int = 300
    fact_opener: re.Pattern[str] = re.compile("")
    companion_tail: re.Pattern[str] = re.compile("(?!)")  # "A联合有关部门" before a verb: A is the subject
    relative_head: re.Pattern[str] = re.compile("(?!)")  # "…的X" closing a clause: X is what it is about
    companion_before: re.Pattern[str] = re.compile("(?!)")  # "A联合|B…": a companion word right before a list
    paren_tail: re.Pattern[str] = re.compile("(?!)")  # "X(Y)" before a verb: the name's parenthesis
    # group words standing for the parties of an earlier sentence's cooperation ("双方"), with the
    # number of parties each names (0: any); a clause opened by one; how far a group is carried
    group_pronouns: dict[str, int] = field(default_factory=dict)
    group_opener: re.Pattern[str] = re.compile("(?!)")
    group_pronoun: re.Pattern[str] = re.compile("(?!)")  # any of them, anywhere
    group_window: int = 600
    # factors of a relation's confidence: implicit_subject, inherited_subject, plan
    confidence_factors: dict[str, float] = field(default_factory=dict)
    subset_opener: re.Pattern[str] = re.compile("(?!)")  # "其中, …": a sentence about part of the last one
    # meetings and visits whose parties a later 双方 stands for (groups a and b)
    party_frames: tuple[re.Pattern[str], ...] = ()
    # "我校", "我所": an institution's own news naming itself -> the entity types it may stand for
    institution_self: re.Pattern[str] = re.compile("(?!)")
    institution_self_types: dict[str, frozenset[str]] = field(default_factory=dict)


def _words(lex: dict[str, Any], key: str) -> list[str]:
    value = lex.get(key)
    if not isinstance(value, list) or not value:
        raise RelationDataError(f"lexicon.yaml: {key!r} must be a non-empty list")
    return [str(v) for v in value]


def _macros(lex: dict[str, Any], verbs: dict[str, Any], city_short: dict[str, str]) -> dict[str, str]:
    e = SLOT_CLASS
    cat = _alternation(_words(lex, "category_nouns"))
    quant = _alternation(_words(lex, "quantifiers"))
    not_slot = "[^\ue000-\uf8ff" + re.escape(BOUNDARY_CHARS) + "]"
    sep = "(?:、|和|及|以及|与|或|会同)"
    macros = {
        "E": e,
        "L": f"{e}(?:{sep}?{e})*",
        "G": not_slot,
        "CAT": cat,
        "QUANT": quant,
        "ADV": _alternation(_words(lex, "adverbs")),
        "SHORT": _alternation(list(city_short)),
    }
    macros["END"] = list_end(quant, cat, not_slot)
    macros["LX"] = f"{macros['L']}{macros['END']}"
    for key, words in verbs.items():
        if not isinstance(words, list):
            raise RelationDataError(f"patterns.yaml: verbs.{key} must be a list")
        macros[str(key).upper()] = _alternation([str(w) for w in words])
    return macros


def list_end(quant: str, cat: str, not_slot: str) -> str:
    """What may close an enumeration: 等 with a quantifier and any description ("A、B等12家大院大所"),
    等 with a described category, a quantifier (with a described category), or a bare category noun
    ("A、B等5家知识产权服务机构", "A、B两家企业")."""
    return (
        f"(?:等(?:{quant})(?:{not_slot}{{0,12}}?(?:{cat})?)?|等(?:{not_slot}{{0,12}}?{cat})?"
        f"|(?:{quant})(?:{not_slot}{{0,8}}?{cat})?|{cat})?"
    )


def _expand(regex: str, macros: dict[str, str], where: str) -> str:
    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in macros:
            raise RelationDataError(f"{where}: unknown macro {{{name}}}")
        return macros[name]

    return _MACRO_RE.sub(sub, regex)


def _roles(value: Any, where: str) -> tuple[str, ...]:
    roles = tuple(str(v) for v in value) if isinstance(value, list) else (str(value),)
    for r in roles:
        if r not in ("subject", "author") and r not in ROLE_GROUPS:
            raise RelationDataError(f"{where}: unknown role {r!r}")
    return roles


def _compile_pattern(raw: dict[str, Any], macros: dict[str, str]) -> Pattern:
    pid = str(raw.get("id", ""))
    where = f"patterns.yaml:{pid or '?'}"
    rtype = str(raw.get("type", ""))
    if not pid or rtype not in RELATION_TYPES:
        raise RelationDataError(f"{where}: needs an id and a relation type, got {rtype!r}")
    try:
        regex = re.compile(_expand(str(raw["regex"]), macros, where))
    except (KeyError, re.error) as exc:
        raise RelationDataError(f"{where}: bad regex: {exc}") from exc
    if "v" not in regex.groupindex:
        raise RelationDataError(f"{where}: the regex needs a group named v (the trigger)")
    head, tail = _roles(raw.get("head"), where), _roles(raw.get("tail"), where)
    subject_from = str(raw.get("subject_from", "v"))
    if subject_from not in regex.groupindex:
        raise RelationDataError(f"{where}: subject_from group {subject_from!r} not in the regex")
    for role in (*head, *tail):
        if role not in ("subject", "author") and role not in regex.groupindex:
            raise RelationDataError(f"{where}: role {role!r} has no group in the regex")
    pairwise = raw.get("pairwise")
    scope = str(raw.get("scope", "clause"))
    if scope not in ("clause", "sentence"):
        raise RelationDataError(f"{where}: scope must be clause or sentence, got {scope!r}")
    if scope == "sentence" and "subject" in (*head, *tail):
        raise RelationDataError(f"{where}: sentence-scope patterns name all their roles (no 'subject')")
    ends: dict[str, frozenset[str] | None] = {}
    for end in ("head_types", "tail_types"):
        values = raw.get(end)
        if values is None:
            ends[end] = None
            continue
        found = frozenset(str(v) for v in values)
        if found - set(ENTITY_TYPES):
            raise RelationDataError(f"{where}: {end}: unknown entity types {sorted(found - set(ENTITY_TYPES))}")
        ends[end] = found
    doc_words = tuple(str(w) for w in raw.get("doc_words") or ())
    name_words_raw = raw.get("name_words") or {}
    if not isinstance(name_words_raw, dict):
        raise RelationDataError(f"{where}: name_words must map roles to word lists")
    name_words = {str(k): tuple(str(w) for w in v) for k, v in name_words_raw.items()}
    for role in name_words:
        if role not in regex.groupindex:
            raise RelationDataError(f"{where}: name_words role {role!r} has no group in the regex")
    if "doc" in regex.groupindex and not doc_words:
        raise RelationDataError(f"{where}: a doc group needs doc_words")
    return Pattern(
        id=pid,
        type=rtype,
        regex=regex,
        head=head,
        tail=tail,
        implicit=bool(raw.get("implicit", True)),
        subject_from=subject_from,
        confidence=float(raw.get("confidence", 0.8)),
        plain_cooperation=bool(raw.get("plain_cooperation", False)),
        group_only=bool(raw.get("group_only", False)),
        pairwise=str(pairwise) if pairwise else None,
        paired=bool(raw.get("paired", False)),
        fact_only=bool(raw.get("fact_only", False)),
        scope=scope,
        head_types=ends["head_types"],
        tail_types=ends["tail_types"],
        doc_words=doc_words,
        name_words=name_words,
    )


def _types(raw: dict[str, Any], end: str) -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for rtype, spec in (raw or {}).items():
        values = frozenset(str(v) for v in (spec or {}).get(end, []))
        unknown = values - set(ENTITY_TYPES)
        if unknown:
            raise RelationDataError(f"patterns.yaml: types.{rtype}.{end}: unknown entity types {sorted(unknown)}")
        out[str(rtype)] = values
    return out


_FACTORS = ("implicit_subject", "inherited_subject", "plan")


def _factors(lex: dict[str, Any]) -> dict[str, float]:
    raw = lex.get("confidence_factors")
    if not isinstance(raw, dict) or set(raw) != set(_FACTORS):
        raise RelationDataError(f"lexicon.yaml: confidence_factors must give {', '.join(_FACTORS)}; got {raw!r}")
    out = {str(k): float(v) for k, v in raw.items()}
    bad = {k: v for k, v in out.items() if not 0 < v <= 1}
    if bad:
        raise RelationDataError(f"lexicon.yaml: confidence factors must lie in (0, 1]; got {bad!r}")
    return out


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The compiled patterns and word lists (cached)."""
    lex = _load_yaml("lexicon.yaml")
    pats = _load_yaml("patterns.yaml")
    short_raw = _load_yaml("city_short.yaml")
    city_short = {str(v): str(k) for k, v in short_raw.items()}
    macros = _macros(lex, pats.get("verbs") or {}, city_short)
    patterns = tuple(_compile_pattern(p, macros) for p in pats.get("patterns") or [])
    if not patterns:
        raise RelationDataError("patterns.yaml: no patterns")
    adv = macros["ADV"]
    non_verb_openers = _alternation(_words(lex, "clause_openers"))
    openers = _alternation(_words(lex, "clause_openers") + _words(lex, "governing_verbs"))
    list_end = macros["END"]
    words = {k: tuple(str(x) for x in v) for k, v in lex.items() if isinstance(v, list)}
    nouns_raw = lex.get("anaphor_nouns") or {}
    if not isinstance(nouns_raw, dict):
        raise RelationDataError("lexicon.yaml: anaphor_nouns must map head nouns to entity types")
    anaphor_types = {str(k): frozenset(str(t) for t in v) for k, v in nouns_raw.items()}
    for noun, types in anaphor_types.items():
        if types - set(ENTITY_TYPES):
            raise RelationDataError(f"lexicon.yaml: anaphor_nouns.{noun}: unknown types {sorted(types)}")
    window = words.get("anaphor_window", ("300",))
    pronouns_raw = lex.get("group_pronouns") or {}
    if not isinstance(pronouns_raw, dict):
        raise RelationDataError("lexicon.yaml: group_pronouns must map group words to party counts")
    group_pronouns = {str(k): int(v) for k, v in pronouns_raw.items()}
    group_window = words.get("group_window", ("600",))
    self_raw = lex.get("institution_self_pronouns") or {}
    if not isinstance(self_raw, dict):
        raise RelationDataError("lexicon.yaml: institution_self_pronouns must map pronouns to entity types")
    institution_self_types = {str(k): frozenset(str(t) for t in v) for k, v in self_raw.items()}
    for word, types in institution_self_types.items():
        if types - set(ENTITY_TYPES):
            raise RelationDataError(f"lexicon.yaml: institution_self_pronouns.{word}: unknown types {sorted(types)}")
    frames_raw = lex.get("party_frames") or []
    if not isinstance(frames_raw, list):
        raise RelationDataError("lexicon.yaml: party_frames must be a list of regular expressions")
    slot_range = "\ue000-\uf8ff"
    try:
        party_frames = tuple(
            re.compile(str(f).replace("{E}", SLOT_CLASS).replace("{SLOTS}", slot_range)) for f in frames_raw
        )
    except re.error as exc:
        raise RelationDataError(f"lexicon.yaml: party_frames: {exc}") from exc
    for frame in party_frames:
        if not {"a", "b"} <= set(frame.groupindex):
            raise RelationDataError(f"lexicon.yaml: party_frames: {frame.pattern!r} needs groups a and b")
    lexicon = Lexicon(
        patterns=patterns,
        head_types=_types(pats.get("types") or {}, "head"),
        tail_types=_types(pats.get("types") or {}, "tail"),
        city_short=city_short,
        words=words,
        adverb_tail=re.compile(f"(?:{adv}|了|的时候)*+$"),
        list_tail=re.compile(f"(?P<list>{macros['L']}){list_end}$"),
        group_tail=re.compile(f"{_alternation(_words(lex, 'group_words'))}$"),
        openers_only=re.compile(f"(?:{openers}|{adv}|[、 ])*+"),
        topic_head=re.compile(
            # a clause of its own names a topic too ("星河科技: 与A共建B", a heading's speaker)
            f"^(?:{non_verb_openers}|{adv}|[、 ])*+(?P<list>{macros['L']}){list_end}(?={macros['G']}|$)"
        ),
        intention=re.compile(_alternation(_words(lex, "intention_markers"))),
        negation=re.compile(_alternation(_words(lex, "negation_markers"))),
        plan_marker=re.compile(_alternation(_words(lex, "plan_markers"))),
        jurisdiction_pronoun=re.compile(_alternation(_words(lex, "jurisdiction_pronouns"))),
        self_pronoun=re.compile(_alternation(_words(lex, "self_pronouns"))),
        approval_before=re.compile("(?:经|报|请|提请)$"),
        locative_tail=re.compile(f"{_alternation(_words(lex, 'locative_prepositions'))}{SLOT_CLASS}(?:内|中|里|上)?$"),
        anaphor=re.compile(
            f"(?:{_alternation(_words(lex, 'anaphor_demonstratives'))})(?P<noun>{_alternation(list(anaphor_types))})"
        )
        if anaphor_types
        else re.compile("(?!)"),
        anaphor_types=anaphor_types,
        anaphor_window=int(window[0]),
        subject_unit=re.compile(f"{SLOT_CLASS}(?P<unit>{_alternation(_words(lex, 'subject_units'))})$"),
        locative_slot=re.compile(f"{_alternation(_words(lex, 'locative_prepositions'))}{SLOT_CLASS}"),
        counted_after=re.compile(
            f"(?:{_alternation(_words(lex, 'quantifiers'))})(?:{_alternation(_words(lex, 'category_nouns'))})"
        ),
        fact_opener=re.compile(f"^(?:{non_verb_openers}|[、 ])*(?:{_alternation(_words(lex, 'fact_openers'))})"),
        companion_tail=re.compile(
            f"(?<={SLOT_CLASS})(?:{_alternation(_words(lex, 'companion_words'))})"
            f"[^\ue000-\uf8ff{re.escape(BOUNDARY_CHARS)}]{{1,10}}$"
        ),
        relative_head=re.compile(f"的(?P<list>{macros['L']}){list_end}$"),
        companion_before=re.compile(f"(?<={SLOT_CLASS})(?:{_alternation(_words(lex, 'companion_words'))})$"),
        paren_tail=re.compile(f"(?<={SLOT_CLASS})\\([^()]{{0,24}}\\)$"),
        group_pronouns=group_pronouns,
        # "双方约定", "校地双方将…": at most a short modifier before the group word
        group_opener=re.compile(f"^[^\ue000-\uf8ff]{{0,4}}?(?P<word>{_alternation(list(group_pronouns))})")
        if group_pronouns
        else re.compile("(?!)"),
        group_window=int(group_window[0]),
        confidence_factors=_factors(lex),
        group_pronoun=re.compile(_alternation(list(group_pronouns))),
        subset_opener=re.compile(f"^(?:{_alternation(_words(lex, 'subset_openers'))})"),
        institution_self=re.compile(_alternation(list(institution_self_types))),
        institution_self_types=institution_self_types,
        party_frames=party_frames,
    )
    logger.debug("relation lexicon: %d patterns", len(patterns))
    return lexicon
