"""Readers: turn a .txt / .html / .pdf / .docx file into a :class:`ingest.models.Document`."""

from ingest.boilerplate import is_boilerplate
from ingest.readers.core import DEFAULT_MAX_BYTES, read_document
from ingest.readers.encoding import Decoded, decode_bytes
from ingest.readers.errors import (
    BinaryFileError,
    CorruptDocumentError,
    DecompressionBombError,
    EmptyFileError,
    NoTextLayerError,
    OversizeError,
    ReadError,
    UndecodableError,
    UnreadableError,
    UnsupportedFormatError,
)
from ingest.readers.sniff import SUPPORTED_EXTENSIONS, sniff_format

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_EXTENSIONS",
    "BinaryFileError",
    "CorruptDocumentError",
    "Decoded",
    "DecompressionBombError",
    "EmptyFileError",
    "NoTextLayerError",
    "OversizeError",
    "ReadError",
    "UndecodableError",
    "UnreadableError",
    "UnsupportedFormatError",
    "decode_bytes",
    "is_boilerplate",
    "read_document",
    "sniff_format",
]
