"""Original text plus its NFKC-normalised view, with an offset map between them.

Extraction works on ``normalized`` (full-width letters, digits and punctuation folded,
``㈠`` -> ``(一)``, ``①`` -> ``1`` ...) while every span we store must index the
ORIGINAL text. :meth:`NormalizedText.to_original` maps a normalised span back.

How the normalisation is done
-----------------------------
The text is cut into *clusters*: a cluster starts at a character that cannot interact
with what precedes it (a starter -- canonical combining class 0 -- that cannot compose
backwards, e.g. not a Hangul medial vowel, and whose compatibility decomposition also
starts with such a character) and takes every following character that can (combining
marks, jamo ...). Each cluster is NFKC-normalised on its own (single characters through
a cache), so ``e`` + U+0301 becomes ``é`` and a jamo sequence becomes its syllable
exactly as whole-string NFKC does; composition and canonical reordering never cross
such a boundary, so the concatenation equals ``unicodedata.normalize("NFKC", text)``
(checked at build time; a mismatch is logged). Text that is already NFKC takes an
identity fast path.

Only clusters whose output differs in length from their input (or that hold more than
one character) are recorded; between them the map is a constant shift. Building is
O(n) with a per-character cache, lookup is O(log k) for k recorded clusters. A
normalised position inside a cluster maps to the whole cluster in the original:
``to_original`` expands a span outwards to cluster boundaries (an empty span strictly
inside a cluster covers that cluster), so the map is monotone in both ends.
"""

from __future__ import annotations

import bisect
import logging
import re
import unicodedata
from functools import lru_cache

logger = logging.getLogger(__name__)


class SpanError(ValueError):
    """A span is out of bounds or reversed."""

    def __init__(self, start: int, end: int, length: int) -> None:
        self.start = start
        self.end = end
        self.length = length
        super().__init__(f"invalid span ({start}, {end}) for normalised text of length {length}")


@lru_cache(maxsize=1)
def _second_composers() -> frozenset[str]:
    """Starters (ccc 0) that can be the second character of a canonical composition."""
    found: set[str] = set()
    for cp in range(0x30000):
        decomp = unicodedata.decomposition(chr(cp))
        if not decomp or decomp.startswith("<"):
            continue
        parts = decomp.split()
        if len(parts) == 2:
            second = chr(int(parts[1], 16))
            if unicodedata.combining(second) == 0:
                found.add(second)
    # Hangul jamo: medial vowels and final consonants compose algorithmically.
    found.update(chr(c) for c in range(0x1161, 0x1176))
    found.update(chr(c) for c in range(0x11A8, 0x11C3))
    return frozenset(found)


@lru_cache(maxsize=65536)
def _nfkc_char(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch)


@lru_cache(maxsize=65536)
def _is_cluster_start(ch: str) -> bool:
    """Can ``ch`` begin a cluster, i.e. never interact with the characters before it?

    It must be a starter that cannot compose backwards, and so must the first
    character of its compatibility decomposition (e.g. compatibility jamo U+314F
    decomposes to a medial vowel that composes with a preceding initial).
    """
    if ch < "\u0300":  # ASCII and Latin-1: starters, none composes backwards
        return True
    second = _second_composers()
    first = unicodedata.normalize("NFKD", ch)[0]
    return (
        unicodedata.combining(ch) == 0
        and unicodedata.combining(first) == 0
        and ch not in second
        and first not in second
    )


# Runs of characters that NFKC leaves unchanged and that never interact with their
# neighbours (C0/C1 and ASCII, CJK unified ideographs, common CJK punctuation): copied
# in bulk. Everything else goes through the per-cluster path.

# Full-width ASCII variants, NBSP and the ideographic space map to one character each
# and are handled in the same runs through a translation table.
_STABLE_RUN = re.compile(
    "[\x00-\xa0\u4e00-\u9fff\u3000-\u3003\u3008-\u3011\u3014-\u301f\u2018\u2019\u201c\u201d\u2014\uff01-\uff5e]+"
)
_WIDTH_TABLE = {c: unicodedata.normalize("NFKC", chr(c)) for c in (0xA0, 0x3000, *range(0xFF01, 0xFF5F))}


class NormalizedText:
    """NFKC view of ``original`` with span mapping back to it."""

    __slots__ = ("original", "normalized", "_norm_starts", "_norm_ends", "_orig_starts", "_orig_ends")

    def __init__(self, original: str) -> None:
        self.original = original
        # Recorded clusters (sorted): normalised [ns, ne) comes from original [os, oe).
        self._norm_starts: list[int] = []
        self._norm_ends: list[int] = []
        self._orig_starts: list[int] = []
        self._orig_ends: list[int] = []
        if unicodedata.is_normalized("NFKC", original):
            self.normalized = original
            return
        self.normalized = self._build(original)

    # ------------------------------------------------------------------ building
    def _build(self, text: str) -> str:
        out: list[str] = []
        n_pos = 0
        i = 0
        n = len(text)
        rec_ns, rec_ne, rec_os, rec_oe = self._norm_starts, self._norm_ends, self._orig_starts, self._orig_ends
        stable = _STABLE_RUN.match
        while i < n:
            m = stable(text, i)
            if m is not None:
                j = m.end()
                if j < n and not _is_cluster_start(text[j]):
                    j -= 1  # the run's last character heads the next cluster
                if j > i:
                    out.append(text[i:j].translate(_WIDTH_TABLE))
                    n_pos += j - i
                    i = j
                    continue
            j = i + 1
            while j < n and not _is_cluster_start(text[j]):
                j += 1
            piece = _nfkc_char(text[i]) if j == i + 1 else unicodedata.normalize("NFKC", text[i:j])
            out.append(piece)
            if len(piece) != j - i or j - i > 1:
                rec_ns.append(n_pos)
                rec_ne.append(n_pos + len(piece))
                rec_os.append(i)
                rec_oe.append(j)
            n_pos += len(piece)
            i = j
        joined = "".join(out)
        if joined != unicodedata.normalize("NFKC", text):  # pragma: no cover - not known to happen
            logger.warning("cluster-wise NFKC differs from whole-text NFKC; using the cluster-wise form")
        return joined

    # ------------------------------------------------------------------ mapping
    def _start(self, p: int) -> int:
        """Original offset of the cluster holding normalised char ``p``."""
        if p >= len(self.normalized):
            return len(self.original)
        k = bisect.bisect_right(self._norm_starts, p) - 1
        if k < 0:
            return p
        if p < self._norm_ends[k]:
            return self._orig_starts[k]
        return self._orig_ends[k] + (p - self._norm_ends[k])

    def _end(self, q: int) -> int:
        """Original end offset of the cluster holding normalised char ``q - 1``."""
        if q <= 0:
            return 0
        c = q - 1
        k = bisect.bisect_right(self._norm_starts, c) - 1
        if k < 0:
            return q
        if c < self._norm_ends[k]:
            return self._orig_ends[k]
        return self._orig_ends[k] + (q - self._norm_ends[k])

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the normalised span ``[start, end)`` to the smallest original span covering it."""
        length = len(self.normalized)
        if not (0 <= start <= end <= length):
            raise SpanError(start, end, length)
        # Both maps are non-decreasing, so spans map monotonically; an empty span at a
        # cluster boundary stays empty, one strictly inside a cluster covers that cluster.
        return self._start(start), self._end(end)

    def original_span_text(self, start: int, end: int) -> str:
        """The original text behind the normalised span ``[start, end)``."""
        o_start, o_end = self.to_original(start, end)
        return self.original[o_start:o_end]

    def __len__(self) -> int:
        return len(self.normalized)

    def __repr__(self) -> str:
        return f"NormalizedText({len(self.original)} chars, {len(self._norm_starts)} changed clusters)"
