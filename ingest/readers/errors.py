"""Errors raised while reading an input document.

Every error carries the offending path and a human-readable reason, so a batch run
can log ``path: reason`` and go on with the next file.
"""

from __future__ import annotations

from pathlib import Path


class ReadError(Exception):
    """A document could not be read; ``path`` and ``reason`` say which and why."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class EmptyFileError(ReadError):
    """The file has no bytes, or no text once decoded / extracted."""


class BinaryFileError(ReadError):
    """The file is binary data (executable, archive, image, NUL bytes ...), not a document."""


class UndecodableError(ReadError):
    """No supported text encoding decodes the bytes into plausible text."""


class UnsupportedFormatError(ReadError):
    """The file extension / format is not one we read."""


class OversizeError(ReadError):
    """The file is larger than the configured ``max_bytes``."""


class UnreadableError(ReadError):
    """The file cannot be opened (missing, a directory, no permission ...)."""


class DecompressionBombError(ReadError):
    """A compressed container (DOCX) would expand beyond the allowed size."""


class NoTextLayerError(ReadError):
    """A PDF has no extractable text layer (scanned image); OCR is out of scope."""


class CorruptDocumentError(ReadError):
    """The file claims a format (by extension or magic bytes) but cannot be parsed as it."""
