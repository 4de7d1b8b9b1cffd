"""Text layer of a PDF (pypdf). A PDF without text (a scan) is an error: no OCR here."""

from __future__ import annotations

import logging
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from ingest.readers.errors import CorruptDocumentError, NoTextLayerError

logger = logging.getLogger(__name__)


def read_pdf_text(path: Path) -> str:
    """Text of every page, pages separated by a newline."""
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as exc:  # pypdf raises several types for bad passwords / crypto
                reason = f"encrypted PDF that cannot be opened without a password: {exc}"
                raise CorruptDocumentError(path, reason) from exc
        pages: list[str] = []
        for number, page in enumerate(reader.pages, start=1):
            try:
                pages.append(page.extract_text() or "")
            except Exception as exc:  # one bad page should not lose the document
                logger.warning("%s: page %d: text extraction failed: %s", path, number, exc)
                pages.append("")
    except CorruptDocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise CorruptDocumentError(path, f"cannot parse PDF: {exc}") from exc
    text = "\n".join(p.strip("\n") for p in pages)
    if not text.strip():
        raise NoTextLayerError(path, f"PDF with {len(pages)} page(s) has no text layer (scanned image?); OCR it first")
    return text
