"""Body text of a DOCX, streamed from ``word/document.xml``, with a decompression-bomb check first."""

from __future__ import annotations

import logging
import zipfile
from pathlib import Path
from typing import IO, Any

from lxml import etree

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


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BODY = "word/document.xml"
_READ = 1 << 16


class _Capped:
    """A file-like view of a zip member that refuses to inflate past ``limit`` bytes."""

    def __init__(self, raw: IO[bytes], limit: int, path: Path) -> None:
        self.raw, self.limit, self.path, self.seen = raw, limit, path, 0

    def read(self, n: int = _READ) -> bytes:
        chunk = self.raw.read(n if n and n > 0 else _READ)
        self.seen += len(chunk)
        if self.seen > self.limit:
            raise DecompressionBombError(self.path, f"{_BODY} inflates past {self.limit} bytes")
        return chunk


def _paragraph_text(p: Any) -> str:
    parts: list[str] = []
    for el in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        if el.tag == f"{_W}t":
            parts.append(el.text or "")
        elif el.tag == f"{_W}tab":
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def _stream_body(path: Path, limit: int) -> list[str]:
    """Paragraphs and table rows of ``word/document.xml``, parsed as a stream: memory stays that of one
    block, and inflation stops at ``limit`` bytes. A table row is one line of its cells' texts (a cell
    spanning several columns counts once; consecutive equal cells, as merges write them, once)."""
    lines: list[str] = []
    cells: list[str] = []
    cell_parts: list[str] = []
    depth_tc = 0
    wanted = (f"{_W}p", f"{_W}tc", f"{_W}tr", f"{_W}tbl")
    with zipfile.ZipFile(path) as zf, zf.open(_BODY) as raw:
        source = _Capped(raw, limit, path)
        events = etree.iterparse(source, events=("start", "end"), tag=wanted, huge_tree=True, resolve_entities=False)
        for event, el in events:
            tag = el.tag
            if event == "start":
                if tag == f"{_W}tc":
                    depth_tc += 1
                    if depth_tc == 1:
                        cell_parts = []
                continue
            if tag == f"{_W}p":
                text = _paragraph_text(el)
                if depth_tc:
                    if text.strip():
                        cell_parts.append(text.strip())
                else:
                    lines.append(text)
            elif tag == f"{_W}tc":
                depth_tc -= 1
                if depth_tc == 0:
                    value = " ".join(cell_parts)
                    if value and (not cells or cells[-1] != value):
                        cells.append(value)
            elif tag == f"{_W}tr" and depth_tc == 0:
                if cells:
                    lines.append(" ".join(cells))
                cells = []
            if depth_tc == 0 and tag != f"{_W}tc":
                # done with this block: free it and the blocks before it (the tree stays one block deep)
                el.clear(keep_tail=False)
                parent = el.getparent()
                if parent is not None and tag in (f"{_W}p", f"{_W}tbl"):
                    while el.getprevious() is not None:
                        del parent[0]
    return lines


def read_docx_text(path: Path, *, max_uncompressed: int) -> str:
    """Paragraphs and table rows of the body, in document order, one a line.

    The body is parsed as a stream (a 150 MB ``document.xml`` costs the memory of one paragraph, not
    of a tree of the whole part), after the container's bomb check."""
    check_zip_bomb(path, max_uncompressed)
    try:
        lines = _stream_body(path, max_uncompressed)
    except DecompressionBombError:
        raise
    except KeyError as exc:
        raise CorruptDocumentError(path, f"cannot parse DOCX: no {_BODY} ({exc})") from exc
    except (ValueError, zipfile.BadZipFile, OSError, etree.XMLSyntaxError) as exc:
        raise CorruptDocumentError(path, f"cannot parse DOCX: {exc}") from exc
    except Exception as exc:  # lxml raises assorted errors on malformed parts
        raise CorruptDocumentError(path, f"cannot parse DOCX: {type(exc).__name__}: {exc}") from exc
    return "\n".join(lines)
