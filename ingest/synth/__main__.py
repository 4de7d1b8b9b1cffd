"""``python -m ingest.synth OUT_DIR --docs N --seed S [--no-gold] [--demo] [--gold-dir DIR]``."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from ingest.synth.generator import DEFAULT_YEARS, default_gold_dir, generate_corpus, generate_demo


def _years(value: str) -> tuple[int, int]:
    first, _, last = value.partition("-")
    try:
        span = (int(first), int(last or first))
    except ValueError as exc:
        raise argparse.ArgumentTypeError("years must look like 2015-2020") from exc
    if span[0] > span[1]:
        raise argparse.ArgumentTypeError("years must be increasing, e.g. 2015-2020")
    return span


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m ingest.synth",
        description="Write a synthetic corpus of fictional science-bureau documents with gold JSON.",
    )
    p.add_argument("out_dir", type=Path, help="folder for the .txt documents")
    p.add_argument("--docs", type=int, default=100, help="number of documents (default 100)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.add_argument("--no-gold", action="store_true", help="do not write gold JSON files")
    p.add_argument("--gold-dir", type=Path, default=None, help="gold folder (default: sibling gold/)")
    p.add_argument("--demo", action="store_true", help="write the 8-document demo corpus instead")
    p.add_argument("--target-chars", type=int, default=10_000, help="approximate characters per document")
    p.add_argument("--years", type=_years, default=DEFAULT_YEARS, help="content years, e.g. 2015-2020")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    started = time.perf_counter()
    if args.demo:
        paths = generate_demo(args.out_dir, with_gold=not args.no_gold, gold_dir=args.gold_dir, seed=args.seed)
    else:
        paths = generate_corpus(
            args.out_dir,
            args.docs,
            args.seed,
            with_gold=not args.no_gold,
            target_chars=args.target_chars,
            gold_dir=args.gold_dir,
            years=args.years,
        )
    gold = "no gold" if args.no_gold else f"gold in {args.gold_dir or default_gold_dir(args.out_dir)}"
    sys.stdout.write(f"{len(paths)} documents in {args.out_dir} ({gold}), {time.perf_counter() - started:.1f} s\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
