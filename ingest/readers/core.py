"""``read_document``: bytes on disk -> :class:`ingest.models.Document`."""

from __future__ import annotations

import logging
import re
import stat
from pathlib import Path

from ingest.metadata import build_document
from ingest.models import Document
from ingest.readers.docx import read_docx_text
from ingest.readers.encoding import BinaryData, DecodingFailed, decode_bytes
from ingest.readers.errors import (
    BinaryFileError,
    CorruptDocumentError,
    EmptyFileError,
    OversizeError,
    UndecodableError,
    UnreadableError,
)
from ingest.readers.html import HtmlParseError, decode_html, extract_main_text
from ingest.readers.pdf import read_pdf_text
from ingest.readers.sniff import sniff_format

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20_000_000
#: A DOCX may expand to this many times ``max_bytes`` before it counts as a bomb.
DOCX_EXPANSION_FACTOR = 10
_HEAD_BYTES = 8192


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        st = path.stat()
    except FileNotFoundError as exc:
        raise UnreadableError(path, "no such file") from exc
    except OSError as exc:
        raise UnreadableError(path, f"cannot stat: {exc.strerror or exc}") from exc
    if stat.S_ISDIR(st.st_mode):
        raise UnreadableError(path, "is a directory")
    if not stat.S_ISREG(st.st_mode):
        raise UnreadableError(path, "not a regular file")
    if st.st_size > max_bytes:
        raise OversizeError(path, f"{st.st_size} bytes exceeds the limit of {max_bytes} bytes")
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except PermissionError as exc:
        raise UnreadableError(path, "permission denied") from exc
    except OSError as exc:
        raise UnreadableError(path, f"cannot read: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:  # the file grew after stat
        raise OversizeError(path, f"more than {max_bytes} bytes")
    if not data:
        raise EmptyFileError(path, "empty file (0 bytes)")
    return data


#: C0 control characters other than tab, newline and carriage return (NUL among them), and DEL.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_controls(text: str) -> str:
    """``text`` with every C0 control character but tab/newline/CR replaced by a space.

    One character for one, so every offset into the cleaned text is an offset into the decoded
    original: evidence spans stay exact. A NUL can then never reach the database, whose client
    would cut a query at it.

    >>> clean_controls("a\x00b\x07c\td")
    'a b c\td'
    """
    return _CONTROLS.sub(" ", text) if _CONTROLS.search(text) else text


def read_document(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, source: str | None = None) -> Document:
    """Read a .txt / .html / .pdf / .docx file into a :class:`Document` (text + metadata).

    The format is decided by content sniffing first (PDF / zip / binary magic, an HTML
    prolog in a text file) and by the extension second. Raises a
    :class:`~ingest.readers.errors.ReadError` subclass with the reason on any failure.
    """
    path = Path(path)
    if max_bytes <= 0:
        raise ValueError(f"max_bytes must be positive, got {max_bytes}")
    data = _read_bytes(path, max_bytes)
    fmt = sniff_format(path, data[:_HEAD_BYTES])
    encoding: str | None = None
    header: str | None = None
    try:
        if fmt == "txt":
            decoded = decode_bytes(data)
            text, encoding = decoded.text, decoded.encoding
        elif fmt == "html":
            decoded = decode_html(data)
            encoding = decoded.encoding
            try:
                page = extract_main_text(decoded.text)
            except HtmlParseError as exc:
                raise CorruptDocumentError(path, f"cannot parse HTML: {exc.reason}") from exc
            text, header = page.text, "\n".join(page.removed)
        elif fmt == "pdf":
            text = read_pdf_text(path)
        else:
            text = read_docx_text(path, max_uncompressed=DOCX_EXPANSION_FACTOR * max_bytes)
    except BinaryData as exc:
        raise BinaryFileError(path, exc.reason) from exc
    except DecodingFailed as exc:
        raise UndecodableError(path, exc.reason) from exc
    text = clean_controls(text)
    if header is not None:
        header = clean_controls(header)
    if not text.strip():
        raise EmptyFileError(path, f"no text in this {fmt} file")
    logger.debug("read %s as %s (%s), %d chars", path, fmt, encoding, len(text))
    return build_document(path, text, fmt=fmt, encoding=encoding, source=source, header=header)


__all__ = ["read_document", "DEFAULT_MAX_BYTES"]
