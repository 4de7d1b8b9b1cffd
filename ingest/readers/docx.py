"""Body text of a DOCX (python-docx), with a decompression-bomb check first."""

from __future__ import annotations

import logging
import zipfile
from pathlib import Path

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from ingest.readers.errors import CorruptDocumentError, DecompressionBombError

logger = logging.getLogger(__name__)

#: A member expanding more than this many times its compressed size is suspicious ...
MAX_COMPRESSION_RATIO = 100
#: ... once it is bigger than this many bytes.
RATIO_CHECK_MIN_BYTES = 1_000_000


def check_zip_bomb(path: Path, max_uncompressed: int) -> None:
    """Refuse a zip whose members would expand beyond ``max_uncompressed`` bytes or implausibly."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise CorruptDocumentError(path, f"damaged zip container: {exc}") from exc
    total = 0
    for info in infos:
        total += info.file_size
        if total > max_uncompressed:
            raise DecompressionBombError(
                path, f"members expand to more than {max_uncompressed} bytes (at {info.filename!r})"
            )
        ratio_limit = MAX_COMPRESSION_RATIO * max(1, info.compress_size)
        if info.file_size > RATIO_CHECK_MIN_BYTES and info.file_size > ratio_limit:
            raise DecompressionBombError(
                path,
                f"member {info.filename!r} expands {info.file_size} bytes from {info.compress_size}"
                f" (ratio over {MAX_COMPRESSION_RATIO})",
            )


def _table_lines(table: Table) -> list[str]:
    lines: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            value = " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
            if value and (not cells or cells[-1] != value):  # merged cells repeat
                cells.append(value)
        if cells:
            lines.append(" ".join(cells))
    return lines


def read_docx_text(path: Path, *, max_uncompressed: int) -> str:
    """Paragraphs and table rows of the body, in document order, one a line."""
    check_zip_bomb(path, max_uncompressed)
    try:
        document = docx.Document(str(path))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                lines.append(block.text)
            elif isinstance(block, Table):
                lines.extend(_table_lines(block))
    except (KeyError, ValueError, zipfile.BadZipFile, OSError) as exc:
        raise CorruptDocumentError(path, f"cannot parse DOCX: {exc}") from exc
    except Exception as exc:  # lxml / python-docx raise assorted errors on malformed parts
        raise CorruptDocumentError(path, f"cannot parse DOCX: {type(exc).__name__}: {exc}") from exc
    return "\n".join(lines)
