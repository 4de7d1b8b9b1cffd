"""Decide a file's format from its leading bytes and its extension."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Literal

from ingest.readers.errors import BinaryFileError, CorruptDocumentError, UnsupportedFormatError

Format = Literal["txt", "html", "pdf", "docx"]

TEXT_EXTENSIONS = frozenset({".txt", ".text", ""})
HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml", ".shtml"})
SUPPORTED_EXTENSIONS = TEXT_EXTENSIONS | HTML_EXTENSIONS | {".pdf", ".docx"}

# (magic prefix, description) of binary formats that are never documents we read.
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows (PE/DOS) executable"),
    (b"\xca\xfe\xba\xbe", "Mach-O / Java class file"),
    (b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (b"\xfe\xed\xfa\xcf", "Mach-O executable"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x00asm", "WebAssembly module"),
)
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PDF_MAGIC = b"%PDF-"
_HTML_START_RE = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)


def _binary_kind(head: bytes) -> str | None:
    for magic, kind in _BINARY_MAGIC:
        if head.startswith(magic):
            # "MZ" alone is too weak for plain text that starts with "MZ"; require a NUL nearby.
            if magic == b"MZ" and b"\x00" not in head[:64]:
                continue
            return kind
    if head.startswith(b"ustar", 257) or head[257:262] == b"ustar":
        return "tar archive"
    return None


def looks_like_html(head: bytes) -> bool:
    """Does the text start like an HTML document (after an optional BOM / XML prolog)?"""
    for bom in (b"\xef\xbb\xbf",):
        if head.startswith(bom):
            head = head[len(bom) :]
    return _HTML_START_RE.match(head[:4096]) is not None


def sniff_format(path: Path, head: bytes) -> Format:
    """Format of ``path`` given its first bytes; raise a :class:`ReadError` subclass if unusable."""
    ext = path.suffix.lower()
    if head.startswith(_PDF_MAGIC):
        return "pdf"
    if head.startswith(_ZIP_MAGIC):
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, OSError) as exc:
            raise CorruptDocumentError(path, f"damaged zip container: {exc}") from exc
        if "word/document.xml" in names:
            return "docx"
        if ext == ".docx":
            raise CorruptDocumentError(path, "zip container without word/document.xml: not a DOCX")
        raise BinaryFileError(path, "zip archive that is not a DOCX document")
    if head.startswith(_OLE_MAGIC):
        raise UnsupportedFormatError(path, "legacy OLE2 file (.doc/.xls/.ppt); convert it to .docx or .pdf")
    kind = _binary_kind(head)
    if kind is not None:
        raise BinaryFileError(path, f"{kind}, not a document")
    # From here on the content is (probably) text.
    if ext == ".pdf":
        raise CorruptDocumentError(path, "extension .pdf but no %PDF- header")
    if ext == ".docx":
        raise CorruptDocumentError(path, "extension .docx but not a zip container")
    if ext in HTML_EXTENSIONS:
        return "html"
    if ext in TEXT_EXTENSIONS:
        return "html" if looks_like_html(head) else "txt"
    raise UnsupportedFormatError(
        path, f"unsupported extension {ext!r} (supported: {', '.join(sorted(e for e in SUPPORTED_EXTENSIONS if e))})"
    )
