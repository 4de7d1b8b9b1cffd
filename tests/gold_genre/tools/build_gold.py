"""Turn verbatim working files (kept outside the repository) into offset-form gold files.

A working file ``<doc stem>.ann`` is a small line format, one item a line (``#`` starts a comment)::

    meta: <jurisdiction> | <issuer or -> | <date or -> | <report_year or -> | <plan_year or ->
    E <Type> <canonical name> [= <mention>; <mention>...]
    R <TYPE> <head> > <tail> @ <anchor>
    I <jurisdiction> | <name> | <value> | <unit> | <year or -> | <kind> @ <anchor>

An entity without ``=`` has its canonical name as its only mention. ``<anchor>`` is any unique
piece of the text; the evidence is the sentence that contains it (bounded by 。！？；, a line break or
the text's ends). The output is the format ``ingest/gold.py`` loads: strings of ``LONG_TEXT`` or
more characters, and every evidence, stored as ``{"start", "end"}`` offsets into the decoded text,
so that the repository holds no document text. Every output is checked with ``check_gold`` and
``check_no_copied_text``.

Usage: python tests/gold_genre/tools/build_gold.py WORK_DIR CORPUS_DIR OUT_DIR [STEM...]
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

from ingest.gold import LONG_TEXT, check_gold, check_no_copied_text, read_document_text, resolve_gold

logger = logging.getLogger("build_gold")

_ENDS = "。！？；!?;\n"


class WorkFileError(ValueError):
    """A working file line that cannot be turned into gold (unknown anchor, bad layout)."""


def sentence_of(text: str, anchor: str, where: str) -> dict[str, int]:
    """Offsets of the sentence of ``text`` containing the first occurrence of ``anchor``."""
    pos = text.find(anchor)
    if pos < 0:
        raise WorkFileError(f"{where}: anchor {anchor!r} not in the text")
    start = pos
    while start > 0 and text[start - 1] not in _ENDS:
        start -= 1
    end = pos + len(anchor)
    while end < len(text) and text[end - 1 : end] not in _ENDS:
        end += 1
    while start < end and text[start] in " \t\u3000":
        start += 1
    while end > start and text[end - 1] in "\n \t\u3000":
        end -= 1
    return {"start": start, "end": end}


def _span_or_literal(value: str, text: str) -> tuple[str, Any]:
    """``("", value)`` for a short string, ``("_at", offsets)`` for a long one found in the text."""
    if len(value) >= LONG_TEXT and value in text:
        pos = text.find(value)
        return "_at", {"start": pos, "end": pos + len(value)}
    return "", value


def _opt(value: str) -> str | None:
    value = value.strip()
    return None if value in ("-", "") else value


def _opt_int(value: str) -> int | None:
    v = _opt(value)
    return None if v is None else int(v)


def build(work: Path, text: str, doc: str) -> dict[str, Any]:
    """The raw gold object of one working file."""
    meta: dict[str, Any] | None = None
    entities: list[dict[str, Any]] = []
    relations: list[dict[str, Any]] = []
    indicators: list[dict[str, Any]] = []
    for n, line in enumerate(work.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        where = f"{work.name}:{n}"
        if not line or line.startswith("#"):
            continue
        if line.startswith("meta:"):
            parts = [p.strip() for p in line[5:].split("|")]
            if len(parts) != 5:
                raise WorkFileError(f"{where}: meta needs 5 fields")
            meta = {
                "jurisdiction": _opt(parts[0]),
                "issuer": _opt(parts[1]),
                "date": _opt(parts[2]),
                "report_year": _opt_int(parts[3]),
                "plan_year": _opt_int(parts[4]),
            }
        elif line.startswith("E "):
            _, etype, rest = line.split(" ", 2)
            name, _, ments = rest.partition("=")
            name = name.strip()
            mentions = [m.strip() for m in ments.split(";") if m.strip()] if ments else [name]
            ent: dict[str, Any] = {"type": etype}
            suffix, value = _span_or_literal(name, text)
            ent["name" + suffix] = value
            ent["mentions"] = [_span_or_literal(m, text)[1] for m in mentions]
            entities.append(ent)
        elif line.startswith("R "):
            body, _, anchor = line[2:].partition("@")
            rtype, pair = body.strip().split(" ", 1)
            head, _, tail = pair.partition(">")
            rel: dict[str, Any] = {"type": rtype}
            for key, value in (("head", head.strip()), ("tail", tail.strip())):
                suffix, val = _span_or_literal(value, text)
                rel[key + suffix] = val
            rel["evidence_at"] = sentence_of(text, anchor.strip(), where)
            relations.append(rel)
        elif line.startswith("I "):
            body, _, anchor = line[2:].partition("@")
            parts = [p.strip() for p in body.split("|")]
            if len(parts) != 6:
                raise WorkFileError(f"{where}: an indicator needs 6 fields")
            jur, name, value, unit, year, kind = parts
            if len(name) >= LONG_TEXT:
                raise WorkFileError(f"{where}: indicator name of {len(name)} chars: shorten it")
            num = float(value)
            indicators.append(
                {
                    "jurisdiction": jur,
                    "name": name,
                    "value": int(num) if num.is_integer() else num,
                    "unit": unit,
                    "year": _opt_int(year),
                    "kind": kind,
                    "evidence_at": sentence_of(text, anchor.strip(), where),
                }
            )
        else:
            raise WorkFileError(f"{where}: cannot read {line[:10]!r}")
    raw: dict[str, Any] = {"doc": doc, "meta": meta, "entities": entities, "relations": relations}
    raw["indicators"] = indicators
    return raw


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    work_dir, corpus_dir, out_dir = (Path(a) for a in argv[:3])
    stems = argv[3:] or sorted(p.stem for p in work_dir.glob("*.ann"))
    bad = 0
    for stem in stems:
        doc = stem + ".txt"
        text = read_document_text(corpus_dir / doc)
        try:
            raw = build(work_dir / f"{stem}.ann", text, doc)
            gold = resolve_gold(raw, text)
        except ValueError as exc:
            logger.error("%s: %s", stem, exc)
            bad += 1
            continue
        problems = check_gold(gold, text) + check_no_copied_text(raw, text)
        if problems:
            bad += 1
            logger.error("%s: %s", stem, "; ".join(problems))
            continue
        with (out_dir / f"{stem}.json").open("w", encoding="utf-8") as f:
            json.dump(raw, f, ensure_ascii=False, indent=1)
            f.write("\n")
        logger.info(
            "%s: %d entities, %d relations, %d indicators",
            stem,
            len(gold.entities),
            len(gold.relations),
            len(gold.indicators or []),
        )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
