"""The NFKC view of a document that the extractor matches on, with offsets back to the original.

Normalisation is done character by character so that every normalised character maps to exactly
one original character; lines that are web-page boilerplate are blanked (replaced by spaces) so
that nothing is extracted from them while offsets stay aligned.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from ingest.boilerplate import is_boilerplate

logger = logging.getLogger(__name__)

# Characters NFKC leaves alone but the genre uses interchangeably.
_EXTRA = {
    "\u3000": " ",
    "\u2015": "-",
    "\u2014": "-",
    "\u2013": "-",
    "\uff5e": "~",
    "\u301c": "~",
}


@dataclass
class TextView:
    original: str
    text: str  # normalised
    starts: list[int]  # original index of each normalised char

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalised text to the original text."""
        if start >= len(self.starts):
            return len(self.original), len(self.original)
        o_start = self.starts[start]
        o_end = self.starts[end] if end < len(self.starts) else len(self.original)
        if o_end <= o_start:
            o_end = o_start + 1
        return o_start, o_end


_CACHE: dict[str, str] = {}


def _norm_char(ch: str) -> str:
    out = _CACHE.get(ch)
    if out is None:
        out = _EXTRA.get(ch) or unicodedata.normalize("NFKC", ch)
        _CACHE[ch] = out
    return out


class _NormTable(dict[int, str]):
    """``str.translate`` table of :func:`_norm_char`, filled on first sight of a character; the
    characters whose normal form is not one character are kept in ``resized``."""

    def __init__(self) -> None:
        super().__init__()
        self.resized: set[str] = set()

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        out = _norm_char(ch)
        if len(out) != 1:
            self.resized.add(ch)
        self[code] = out
        return out


_NORM = _NormTable()


def make_view(original: str, skip_boilerplate: bool = True) -> TextView:
    """Build the NFKC view of ``original``; boilerplate lines are blanked when asked."""
    text = original.translate(_NORM)
    if _NORM.resized and not _NORM.resized.isdisjoint(original):
        # some character's normal form is longer (or shorter) than one: map offsets char by char
        starts = []
        for i, ch in enumerate(original):
            starts.extend([i] * len(_norm_char(ch)))
    else:
        starts = list(range(len(original)))
    if skip_boilerplate:
        text = _blank_lines(text, is_boilerplate)
    return TextView(original, text, starts)


def _blank_lines(text: str, check: Callable[[str], bool]) -> str:
    parts = []
    blanked = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip() and check(body):
            parts.append(" " * len(body) + line[len(body) :])
            blanked += 1
        else:
            parts.append(line)
    if blanked:
        logger.debug("blanked %d boilerplate lines", blanked)
    return "".join(parts)
