"""Synthetic corpus generator: fictional science-bureau documents with exact gold annotations.

Public API::

    generate_corpus(out_dir, n_docs, seed=0, *, with_gold=True, target_chars=10_000,
                    gold_dir=None, years=(2015, 2020)) -> list[Path]
    generate_demo(out_dir, *, with_gold=True, gold_dir=None) -> list[Path]
    render_document(world, spec, seed, target_chars) -> SynthDocument   # in memory

Every document starts with the line ``MARKER`` saying it is synthetic.
"""

from ingest.synth.generator import (
    GENRES,
    MARKER,
    DocSpec,
    SynthDocument,
    default_gold_dir,
    generate_corpus,
    generate_demo,
    plan_corpus,
    render_document,
)
from ingest.synth.vocab import World

__all__ = [
    "GENRES",
    "MARKER",
    "DocSpec",
    "SynthDocument",
    "World",
    "default_gold_dir",
    "generate_corpus",
    "generate_demo",
    "plan_corpus",
    "render_document",
]
