"""The extraction pipeline: ``spacy.blank("zh")`` plus the InnoGraph rule components."""

from __future__ import annotations

import importlib
import logging
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import ingest.extract.components  # noqa: F401  (registers the factories)
from ingest.extract.candidates import CONTEXT_KEY, RESULT_KEY, TEXT_KEY, DocContext
from ingest.extract.components.resolve import Group
from ingest.extract.resources import load_resources
from ingest.extract.textview import TextView, make_view
from ingest.models import Document

logger = logging.getLogger(__name__)

PIPES = (
    "innograph_gazetteer",
    "innograph_titles",
    "innograph_suffix",
    "innograph_lists",
    "innograph_resolve",
)


_COUNTY_ENDINGS = ("县", "区", "旗")


class ExtractionError(RuntimeError):
    """The pipeline could not process a document."""


def build_nlp() -> Language:
    """A fresh pipeline (use :func:`get_nlp` for the cached one)."""
    nlp = spacy.blank("zh")
    for pipe in PIPES:
        nlp.add_pipe(pipe)
    nlp.max_length = 5_000_000
    return nlp


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The extraction pipeline, built once per process."""
    return build_nlp()


def _province_of(gaz: object, name: str) -> str | None:
    fn = getattr(gaz, "province_of", None)
    if fn is None:
        return None
    try:
        found = fn(name)
    except (KeyError, ValueError):
        return None
    return str(found) if found else None


def _city_of(gaz: object, name: str) -> str | None:
    fn = getattr(gaz, "city_of", None)
    if fn is None:
        return None
    try:
        found = fn(name)
    except (KeyError, ValueError):
        return None
    return str(found) if found else None


def doc_context(document: Document) -> DocContext:
    """The jurisdiction of a document: region (city or district), its city and province."""
    meta = document.meta
    ctx = DocContext(region=meta.region, province=meta.province, year=meta.date.year if meta.date else None)
    if not meta.region:
        return ctx
    res = load_resources()
    ref = res.place(meta.region)
    if ref is None:
        refs = res.places.get(meta.region, [])
        ref = refs[0] if len(refs) == 1 else None
    if ref is None:  # a district named with its city (杭州市余杭区: the metadata's canonical form)
        for k in range(2, len(meta.region) - 1):
            head, tail = meta.region[:k], meta.region[k:]
            inside = [r for r in res.places.get(tail, []) if r.name == tail and r.city == head]
            if len(inside) == 1:
                ref = inside[0]
                break
    if ref is not None and ctx.year is not None and ref.name != meta.region:
        renamed_later = any(
            old == meta.region and year is not None and year > ctx.year
            for old, year in res.renamed_from.get(ref.name, [])
        )
        if renamed_later and meta.region.endswith(_COUNTY_ENDINGS):
            # a county renamed after the document was written: the document's jurisdiction is the
            # county as it was then (凤翔县 in a 2020 document), as its mentions are
            ctx.region = ctx.district = meta.region
            ctx.city = ref.city if ref.city and ref.city != ref.name else None
            ctx.province = ctx.province or ref.province
            return ctx
    if ref is not None:
        ctx.region = ref.name
        if ref.type == "District":
            ctx.district = ref.name
            ctx.city = ref.city
        elif ref.type == "Province" and not ref.name.endswith("市"):
            # a provincial document has no city: its 市科技局 is no body of the province
            ctx.city = None
            ctx.province = ref.name
        else:
            ctx.city = ref.name
        ctx.province = ctx.province or ref.province
    elif res.gazetteer is not None:
        ctx.city = _city_of(res.gazetteer, meta.region) or meta.region
        ctx.province = ctx.province or _province_of(res.gazetteer, meta.region)
    else:
        ctx.city = meta.region
    return ctx


def process(document: Document, nlp: Language | None = None) -> tuple[TextView, Doc]:
    """Run the pipeline over a document; returns the text view and the processed Doc."""
    nlp = nlp or get_nlp()
    view = make_view(document.text)
    doc = nlp.make_doc(view.text)
    doc.user_data[CONTEXT_KEY] = doc_context(document)
    doc.user_data[TEXT_KEY] = view.text  # the Doc's text, known already (Doc.text re-joins every token)
    try:
        for _, proc in nlp.pipeline:
            doc = proc(doc)
    except (ValueError, KeyError, IndexError) as exc:
        raise ExtractionError(f"extraction failed for {document.meta.id}: {exc}") from exc
    return view, doc


def groups_of(doc: Doc) -> list[Group]:
    found = doc.user_data.get(RESULT_KEY, [])
    return list(found)


def relation_hook() -> object | None:
    """``ingest.relations.extract_relations`` when that module exists."""
    try:
        module = importlib.import_module("ingest.relations")
    except ImportError:
        return None
    fn = getattr(module, "extract_relations", None)
    return fn if callable(fn) else None
