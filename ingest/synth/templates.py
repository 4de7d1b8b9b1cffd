"""Parsing of the sentence templates in ``data/templates.json``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ingest.synth.vocab import load_data

_TOKEN = re.compile(r"\{(Y|Y1|Y0)\}|\{([A-Z])(?::([a-z]+(?:\.[a-z]+)?))?\}|\{#([a-z0-9]+)\}")

ACTOR_KINDS = frozenset(
    {
        "ent",
        "ents",
        "prop",
        "uni",
        "inst",
        "lab",
        "incub",
        "zone",
        "ally",
        "prog",
        "pol",
        "ag",
        "pag",
        "nag",
        "gov",
        "city",
        "dist",
    }
)

# A template piece: ("lit", text) | ("slot", letter, kind or "") | ("num", name) | ("year", name)
Piece = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class Template:
    text: str
    pieces: tuple[Piece, ...]
    relations: tuple[tuple[str, str, str], ...] = ()
    modality: str = "fact"  # fact | plan | intent
    rel_type: str = ""  # the group it was listed under
    slot_kinds: tuple[tuple[str, str], ...] = ()  # (letter, kind) in order of declaration
    # (letter, source letter, mode): slots drawn from another slot's actor so that facts stay
    # consistent across documents (co-builders of a platform, parent of a branch, home district).
    derived: tuple[tuple[str, str, str], ...] = ()


def parse(text: str, relations: list[list[str]] | None = None, modality: str = "fact", rel_type: str = "") -> Template:
    """Compile one template string; raises ValueError on unknown kinds or unbound letters."""
    pieces: list[Piece] = []
    bound: set[str] = set()
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.start() > pos:
            pieces.append(("lit", text[pos : m.start()], ""))
        year, letter, kind, num = m.groups()
        if letter:
            if kind:
                base = kind.split(".")[0]
                if base not in ACTOR_KINDS:
                    raise ValueError(f"unknown slot kind {kind!r} in {text!r}")
                if letter in bound:
                    raise ValueError(f"slot {letter} declared twice in {text!r}")
                bound.add(letter)
            elif letter not in bound:
                raise ValueError(f"slot {letter} used before its kind is given in {text!r}")
            pieces.append(("slot", letter, kind or ""))
        elif num:
            pieces.append(("num", num, ""))
        else:
            pieces.append(("year", year, ""))
        pos = m.end()
    if pos < len(text):
        pieces.append(("lit", text[pos:], ""))
    if "{" in "".join(p[1] for p in pieces if p[0] == "lit"):
        raise ValueError(f"malformed placeholder in {text!r}")
    rels = tuple((r[0], r[1], r[2]) for r in (relations or []))
    for _t, h, t in rels:
        for end in (h, t):
            if end != "@city" and end not in bound:
                raise ValueError(f"relation end {end} is not a slot of {text!r}")
    kinds = {p[1]: p[2] for p in pieces if p[0] == "slot" and p[2]}
    derived: dict[str, tuple[str, str]] = {}
    for rel_type_, h, t in rels:
        if "@city" in (h, t):
            continue
        if rel_type_ == "CO_BUILDS" and kinds[h] != "ents":
            target, source, mode = h, t, "partner"
        elif rel_type_ == "PART_OF" and kinds[t] != "ents":
            target, source, mode = t, h, "parent"
        elif rel_type_ == "LOCATED_IN" and kinds[t] == "dist":
            target, source, mode = t, h, "home"
        elif rel_type_ == "INTRODUCES" and kinds[h] == "dist":
            target, source, mode = h, t, "home"
        else:
            continue
        if target not in derived and source not in derived:
            derived[target] = (source, mode)
    return Template(
        text,
        tuple(pieces),
        rels,
        modality,
        rel_type,
        tuple(kinds.items()),
        tuple((k, src, mode) for k, (src, mode) in derived.items()),
    )


@dataclass(frozen=True, slots=True)
class TemplateSet:
    relation: dict[str, tuple[Template, ...]]  # modality -> templates (all relation types)
    by_type: dict[str, tuple[Template, ...]]
    mentions: tuple[Template, ...]
    fillers: tuple[Template, ...]
    goals: tuple[Template, ...]
    problems: tuple[str, ...]
    measures: tuple[str, ...]
    leads: tuple[str, ...]
    headings: dict[str, tuple[str, ...]]
    intros: dict[str, tuple[Template, ...]]
    scheme_general: tuple[str, ...]
    closings: dict[str, tuple[str, ...]]
    _picks: dict[tuple[str, str], tuple[Template, ...]] = field(default_factory=dict)

    def pick(self, rel_type: str, modality: str) -> tuple[Template, ...]:
        """Templates of one relation type and modality (any relation type if there are none)."""
        found = self._picks.get((rel_type, modality))
        if found is None:
            found = tuple(t for t in self.by_type[rel_type] if t.modality == modality)
            found = found or self.relation[modality]
            self._picks[(rel_type, modality)] = found
        return found


@lru_cache(maxsize=1)
def load_templates() -> TemplateSet:
    data = load_data("templates.json")
    by_type: dict[str, tuple[Template, ...]] = {}
    by_mod: dict[str, list[Template]] = {"fact": [], "plan": [], "intent": []}
    for rel_type, entries in data["relations"].items():
        parsed = tuple(parse(e["t"], e.get("r"), e.get("m", "fact"), rel_type) for e in entries)
        by_type[rel_type] = parsed
        for t in parsed:
            by_mod[t.modality].append(t)
    return TemplateSet(
        relation={k: tuple(v) for k, v in by_mod.items()},
        by_type=by_type,
        mentions=tuple(parse(e["t"]) for e in data["mentions"]),
        fillers=tuple(parse(t) for t in data["fillers"]),
        goals=tuple(parse(t) for t in data["goals"]),
        problems=tuple(data["problems"]),
        measures=tuple(data["measures"]),
        leads=tuple(data["leads"]),
        headings={k: tuple(v) for k, v in data["headings"].items()},
        intros={k: tuple(parse(t) for t in v) for k, v in data["intros"].items()},
        scheme_general=tuple(data["scheme_general"]),
        closings={k: tuple(v) for k, v in data["closings"].items()},
    )
