"""Refresh the figures of ``docs/extraction.md`` from one evaluation run.

    python -m bench.extraction_report [--doc docs/extraction.md] [--json bench/results/extraction.json]

Scores extraction on ``../shared/corpus-dev`` (overall and per half of the province split) and on
the three ``../shared/corpus`` documents, measures full-extraction throughput on one core over
``../shared/corpus-genre``, and rewrites the part of the doc between the markers
``<!-- figures:start -->`` and ``<!-- figures:end -->`` with the tables, the commit and the date.
Exits 2, saying why, when ``../shared`` is absent.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

SHARED = REPO.parent / "shared"
START, END = "<!-- figures:start -->", "<!-- figures:end -->"
ENTITY_TYPES = (
    "City",
    "District",
    "GovernmentAgency",
    "University",
    "ResearchInstitute",
    "Enterprise",
    "Platform",
    "Policy",
    "Programme",
)
RELATION_TYPES = (
    "CO_BUILDS",
    "LOCATED_IN",
    "FUNDED_BY",
    "COOPERATES_WITH",
    "INTRODUCES",
    "ISSUED_BY",
    "PART_OF",
    "MEMBER_OF",
)

logger = logging.getLogger("extraction_report")


def _commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO, capture_output=True, text=True
        )
    except OSError:
        return "unknown"
    return out.stdout.strip() + ("+changes" if dirty.stdout.strip() else "")


def throughput(corpus: Path) -> dict[str, float]:
    """Characters per second of full extraction (entities, relations, indicators) on one core."""
    from ingest.pipeline import extract_document
    from ingest.readers import read_document

    if hasattr(os, "sched_setaffinity"):
        try:
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        except OSError as exc:
            logger.warning("could not pin to one core: %s", exc)
    docs = [read_document(p) for p in sorted(corpus.glob("*.txt"))]
    if not docs:
        return {}
    extract_document(docs[0])  # build the pipeline outside the timing
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        for d in docs:
            extract_document(d)
        best = min(best, time.perf_counter() - t0)
    chars = sum(len(d.text) for d in docs)
    return {"documents": len(docs), "characters": chars, "chars_per_second": round(chars / best)}


def _f(x: float) -> str:
    return f"{x:.3f}"


def _prf(score: Any) -> list[str]:
    return [str(score.gold), str(score.predicted), _f(score.precision), _f(score.recall), _f(score.f1)]


def render(
    dev: Any,
    corpus: Any,
    speed: dict[str, float],
    commit: str,
    when: str,
    genre: Any = None,
    genre2: Any = None,
    genre3: Any = None,
) -> str:
    halves = [("corpus-dev, all", dev), ("dev half", dev.half("dev")), ("held half", dev.half("held"))]
    lines = [START, "", f"Measured at commit `{commit}` on {when} by `python -m bench.extraction_report`.", ""]
    lines += ["| set | docs | entity P / R / F1 | relation P / R / F1 | metadata accuracy | indicator P / R / F1 |"]
    lines += ["|---|---|---|---|---|---|"]
    sets = [*halves, ("../shared/corpus (3 documents)", corpus)]
    if genre is not None:
        sets.append(("tests/gold_genre (the team's genre gold, a development set)", genre))
    if genre2 is not None:
        sets.append(("tests/gold_genre2 (a second genre gold, blind when made, now developed on)", genre2))
    if genre3 is not None:
        sets.append(("tests/gold_genre3 (a third genre gold, blind when made)", genre3))
    for label, rep in sets:
        meta = _f(rep.meta_accuracy) if rep.meta else "–"
        has_ind = any(d.indicators is not None for d in rep.documents)
        ind = (
            " / ".join(map(_f, (rep.indicators.precision, rep.indicators.recall, rep.indicators.f1)))
            if has_ind
            else "–"
        )
        ent = " / ".join(map(_f, (rep.entities.precision, rep.entities.recall, rep.entities.f1)))
        rel = " / ".join(map(_f, (rep.relations.precision, rep.relations.recall, rep.relations.f1)))
        lines.append(f"| {label} | {len(rep.documents)} | {ent} | {rel} | {meta} | {ind} |")
    lines += ["", "Entities per type on corpus-dev (F1; gold count in brackets):", ""]
    lines += ["| type | all | dev half | held half |", "|---|---|---|---|"]
    for t in ENTITY_TYPES:
        cells = []
        for _, rep in halves:
            s = rep.entity_types.get(t)
            cells.append(f"{_f(s.f1)} ({s.gold})" if s is not None else "–")
        lines.append(f"| {t} | " + " | ".join(cells) + " |")
    lines += ["", "Relations per type on corpus-dev (F1; gold count in brackets):", ""]
    lines += ["| type | all | dev half | held half |", "|---|---|---|---|"]
    for t in RELATION_TYPES:
        cells = []
        for _, rep in halves:
            s = rep.relation_types.get(t)
            cells.append(f"{_f(s.f1)} ({s.gold})" if s is not None else "–")
        lines.append(f"| {t} | " + " | ".join(cells) + " |")
    if dev.meta:
        lines += ["", "Metadata fields on corpus-dev (share right):", ""]
        lines += ["| field | all | dev half | held half |", "|---|---|---|---|"]
        for field in ("jurisdiction", "issuer", "report_year", "plan_year"):
            cells = []
            for _, rep in halves:
                s = rep.meta.get(field)
                cells.append(_f(s.recall) if s is not None else "–")
            lines.append(f"| {field} | " + " | ".join(cells) + " |")
    lines += ["", "Per document (corpus-dev):", ""]
    lines += ["| document | half | entity F1 | relation F1 (gold) |", "|---|---|---|---|"]
    for d in dev.documents:
        rel = _f(d.relations.f1) if d.relations.gold or d.relations.predicted else "–"
        lines.append(
            f"| {d.doc.removesuffix('.txt')} | {d.half or '–'} | {_f(d.entities.f1)} | {rel} ({d.relations.gold}) |"
        )
    if speed:
        lines += [
            "",
            f"Throughput of full extraction (entities, relations, indicators) on one core over the "
            f"{int(speed['documents'])} documents of `../shared/corpus-genre` "
            f"({int(speed['characters']):,} characters): "
            f"**{int(speed['chars_per_second']):,} characters per second** (floor: 100,000).",
        ]
    lines += ["", END]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--doc", type=Path, default=REPO / "docs" / "extraction.md")
    parser.add_argument("--json", type=Path, default=REPO / "bench" / "results" / "extraction.json")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if not (SHARED / "corpus-dev" / "gold").is_dir() or not (SHARED / "corpus").is_dir():
        print(f"{SHARED} (corpus-dev with gold, corpus) is absent: nothing to measure", file=sys.stderr)
        return 2
    from ingest.evaluate import evaluate

    dev = evaluate(SHARED / "corpus-dev" / "gold", SHARED / "corpus-dev")
    corpus = evaluate(REPO / "tests" / "gold", SHARED / "corpus")
    has_genre = (SHARED / "corpus-genre").is_dir()
    genre = evaluate(REPO / "tests" / "gold_genre", SHARED / "corpus-genre", split=False) if has_genre else None
    genre2 = evaluate(REPO / "tests" / "gold_genre2", SHARED / "corpus-genre", split=False) if has_genre else None
    genre3 = evaluate(REPO / "tests" / "gold_genre3", SHARED / "corpus-genre", split=False) if has_genre else None
    speed = throughput(SHARED / "corpus-genre") if has_genre else {}
    commit, when = _commit(), dt.date.today().isoformat()
    block = render(dev, corpus, speed, commit, when, genre, genre2, genre3)
    text = args.doc.read_text(encoding="utf-8") if args.doc.exists() else f"# Extraction\n\n{START}\n{END}\n"
    if START not in text or END not in text:
        raise SystemExit(f"{args.doc}: the markers {START} / {END} are missing")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    args.doc.write_text(head + block + tail, encoding="utf-8")
    payload = {
        "commit": commit,
        "date": when,
        "corpus_dev": {k: v for k, v in dev.to_json_dict().items() if k != "documents"},
        "corpus_dev_halves": {
            h: {k: v for k, v in dev.half(h).to_json_dict().items() if k != "documents"}
            for h in ("dev", "held")  # type: ignore[arg-type]
        },
        "corpus": {k: v for k, v in corpus.to_json_dict().items() if k != "documents"},
        "gold_genre": {k: v for k, v in genre.to_json_dict().items() if k != "documents"} if genre else None,
        "gold_genre2": {k: v for k, v in genre2.to_json_dict().items() if k != "documents"} if genre2 else None,
        "gold_genre3": {k: v for k, v in genre3.to_json_dict().items() if k != "documents"} if genre3 else None,
        "throughput": speed,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.doc} and {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
