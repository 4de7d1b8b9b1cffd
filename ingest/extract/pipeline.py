"""The extraction pipeline: ``spacy.blank("zh")`` plus the InnoGraph rule components."""

from __future__ import annotations

import logging
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import ingest.extract.components  # noqa: F401  (registers the factories)
from ingest.extract.candidates import DocContext, set_context
from ingest.extract.components.resolve import Group
from ingest.extract.textview import TextView, make_view
from ingest.extract.tokenizer import CharTokenizer
from ingest.jurisdiction import DocJurisdiction
from ingest.models import Document

logger = logging.getLogger(__name__)

PIPES = (
    "innograph_gazetteer",
    "innograph_titles",
    "innograph_suffix",
    "innograph_lists",
    "innograph_resolve",
)


class ExtractionError(RuntimeError):
    """The pipeline could not process a document."""


def build_nlp(data_dir: str | None = None) -> Language:
    """A fresh pipeline, initialised (its components' data loaded); ``data_dir``: a folder of extractor
    data in place of the bundled ``ingest/extract/data`` (every component's ``data_dir`` setting).
    Use :func:`get_nlp` for the cached default one."""
    nlp = spacy.blank("zh")
    nlp.tokenizer = CharTokenizer(nlp.vocab)  # the same tokens, in linear time
    for pipe in PIPES:
        nlp.add_pipe(pipe, config={"data_dir": data_dir})
    nlp.max_length = 5_000_000
    nlp.initialize()
    return nlp


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The extraction pipeline, built once per process."""
    return build_nlp()


def doc_context(where: DocJurisdiction) -> DocContext:
    """What the components know of the document's jurisdiction (decided by ``ingest.jurisdiction``)."""
    return DocContext(
        region=where.place, province=where.province, city=where.city, district=where.district, year=where.year
    )


def process(document: Document, where: DocJurisdiction, nlp: Language | None = None) -> tuple[TextView, Doc]:
    """Run the pipeline over a document of jurisdiction ``where``; returns the text view and the
    processed Doc."""
    nlp = nlp or get_nlp()
    view = make_view(document.text)
    doc = nlp.make_doc(view.text)
    set_context(doc, doc_context(where), view.text)
    try:
        for _, proc in nlp.pipeline:
            doc = proc(doc)
    except (ValueError, KeyError, IndexError) as exc:
        raise ExtractionError(f"extraction failed for {document.meta.id}: {exc}") from exc
    return view, doc


def groups_of(doc: Doc) -> list[Group]:
    found: list[Group] | None = doc._.innograph_result
    return list(found or [])
