"""spaCy pipeline components of the extractor (registered on import)."""

from ingest.extract.components import gazetteer, lists, resolve, suffix, titles

__all__ = ["gazetteer", "lists", "resolve", "suffix", "titles"]
