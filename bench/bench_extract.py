"""Entity-extraction throughput (one core) on the shared sample corpus.

Measures the full NER pipeline (normalisation, gazetteer, rule components, resolution) in
characters per second, and the bare ``spacy.blank("zh")`` tokenizer on the same text: the ratio
says how much the rules cost on top of tokenisation.

    python bench/bench_extract.py [--corpus DIR] [--repeat N] [--out result.json]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

logger = logging.getLogger("bench_extract")
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
TARGET = 200_000


def _pin_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        try:
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        except OSError as exc:
            logger.warning("could not pin to one core: %s", exc)


def run(corpus: Path, repeat: int) -> dict[str, object]:
    import spacy

    from ingest.extract import extract_entities, get_nlp
    from ingest.readers import read_document

    files = sorted(corpus.glob("*.txt"))
    if not files:
        raise SystemExit(f"no .txt documents in {corpus}")
    docs = [read_document(f) for f in files]
    chars = sum(len(d.text) for d in docs)

    t0 = time.perf_counter()
    get_nlp()
    build_s = time.perf_counter() - t0
    for d in docs:  # warm-up
        extract_entities(d)

    t0 = time.perf_counter()
    n_entities = 0
    for _ in range(repeat):
        for d in docs:
            n_entities += len(extract_entities(d))
    ner_s = time.perf_counter() - t0

    blank = spacy.blank("zh")
    for d in docs:
        blank(d.text)
    t0 = time.perf_counter()
    for _ in range(repeat):
        for d in docs:
            blank(d.text)
    tok_s = time.perf_counter() - t0

    ner_cps = chars * repeat / ner_s
    tok_cps = chars * repeat / tok_s
    return {
        "documents": len(docs),
        "characters": chars,
        "repeat": repeat,
        "pipeline_build_seconds": round(build_s, 3),
        "ner_seconds": round(ner_s, 4),
        "ner_chars_per_second": round(ner_cps),
        "tokenizer_chars_per_second": round(tok_cps),
        "ner_to_tokenizer_ratio": round(ner_cps / tok_cps, 3),
        "entities_per_pass": n_entities // repeat,
        "target_chars_per_second": TARGET,
        "meets_target": ner_cps >= TARGET,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, help="write the result as JSON here")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if not args.corpus.is_dir():
        print(f"skipped: corpus directory {args.corpus} is absent (it is not part of the repo)")
        return 0
    _pin_one_core()
    result = run(args.corpus, args.repeat)
    text = json.dumps(result, ensure_ascii=False, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
