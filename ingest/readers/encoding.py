"""Detect the text encoding of a byte string, preferring plausible Chinese.

Strategy (no guessing from the file extension):

1. A byte-order mark decides (UTF-8, UTF-16, UTF-32).
2. NUL bytes without a UTF-16/32 BOM mean binary data.
3. Strict UTF-8 is accepted when it decodes (ASCII included).
4. Otherwise every candidate -- GB18030, Big5 and whatever charset-normalizer proposes --
   is decoded strictly and scored by how plausible the result is as Chinese text: the
   share of non-ASCII characters that are common Han characters (GB2312 level 1 or
   Big5 common set) or CJK punctuation. Mojibake (e.g. Big5 bytes read as GB18030)
   lands on rare characters, kana, Hangul or symbols and scores low.

GB18030 is a superset of GBK which is a superset of GB2312; the label reported is the
narrowest of the three that decodes the bytes, the text is always decoded with GB18030.
"""

from __future__ import annotations

import codecs
import logging
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from charset_normalizer import from_bytes

logger = logging.getLogger(__name__)

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)

# Codec names charset-normalizer may return that mean the GB family or Big5.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "cp936", "hz"}
_BIG5_FAMILY = {"big5", "big5hkscs", "cp950"}

_NUL = b"\x00"

# Share of control characters (other than tab / newline / CR / FF) above which a
# decoding is not text.
_MAX_CONTROL_SHARE = 0.01
# Below this plausibility a non-UTF decoding of non-ASCII-heavy data is rejected.
_MIN_PLAUSIBILITY = 0.5


class DecodingFailed(ValueError):
    """Raised by :func:`decode_bytes` when no encoding yields plausible text."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


class BinaryData(ValueError):
    """Raised by :func:`decode_bytes` when the bytes look binary (NUL bytes)."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # label reported to the user, e.g. "utf-8", "gb2312", "big5"
    plausibility: float


@lru_cache(maxsize=65536)
def _char_class(ch: str) -> int:
    """1 = plausible in Chinese text, 0 = neutral, -1 = implausible."""
    o = ord(ch)
    if o < 0x80:
        return 0
    if 0x4E00 <= o <= 0x9FFF:
        try:
            b = ch.encode("gb2312")
            if 0xB0 <= b[0] <= 0xD7:  # GB2312 level 1: the 3755 most common hanzi
                return 1
        except UnicodeEncodeError:
            pass
        try:
            b = ch.encode("big5")
            if 0xA4 <= b[0] <= 0xC6:  # Big5 common characters (常用字)
                return 1
        except UnicodeEncodeError:
            pass
        return -1
    if 0x3000 <= o <= 0x303F or 0xFF01 <= o <= 0xFF5E or o in (0x2014, 0x2026, 0x201C, 0x201D, 0x2018, 0x2019):
        return 1  # CJK / full-width punctuation, dashes, ellipsis, curly quotes
    if 0x2460 <= o <= 0x24FF or 0x3220 <= o <= 0x3243:
        return 1  # enclosed numerals ① ⑴ ⒈ ㈠ used in list numbering
    cat = unicodedata.category(ch)
    if cat in ("Zs",) or ch in "\u00b7\u00d7\u00b0\u2022\u00a9\u00ae\u2103":
        return 0
    return -1


def plausibility(text: str) -> float:
    """Share of non-ASCII characters that are plausible in Chinese text (1.0 for pure ASCII)."""
    good = bad = 0
    for ch in text:
        c = _char_class(ch)
        if c > 0:
            good += 1
        elif c < 0:
            bad += 1
    if good + bad == 0:
        return 1.0
    return good / (good + bad)


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    n = 0
    for ch in text:
        o = ord(ch)
        if (o < 0x20 and ch not in "\t\n\r\f\v\x1c\x1d\x1e") or 0x7F <= o < 0xA0:
            n += 1
    return n / len(text)


def _gb_label(data: bytes) -> str:
    for label in ("gb2312", "gbk"):
        try:
            data.decode(label)
            return label
        except UnicodeDecodeError:
            continue
    return "gb18030"


def _candidates(data: bytes) -> list[str]:
    names: list[str] = ["gb18030", "big5"]
    try:
        for match in from_bytes(data[:200_000]):
            enc = match.encoding.lower().replace("-", "_")
            if enc in _GB_FAMILY:
                enc = "gb18030"
            elif enc in _BIG5_FAMILY:
                enc = "big5hkscs" if enc == "big5hkscs" else "big5"
            if enc.startswith(("utf_16", "utf_32")):
                continue  # only with a BOM
            if enc not in names:
                names.append(enc)
    except Exception as exc:  # charset-normalizer is a heuristic; never let it kill a read
        logger.debug("charset-normalizer failed: %s", exc)
    return names


def decode_bytes(data: bytes) -> Decoded:
    """Decode ``data``; raise :class:`BinaryData` or :class:`DecodingFailed`."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise DecodingFailed(f"{label} byte-order mark but invalid {label} at byte {exc.start}") from exc
            return Decoded(text, label, plausibility(text))
    head = data[:65536]
    if b"\x00" in head:
        raise BinaryData(f"NUL bytes at offset {head.index(_NUL)}: binary data, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _control_share(text) > _MAX_CONTROL_SHARE:
            raise BinaryData("control characters in text: binary data, not text")
        return Decoded(text, "utf-8", plausibility(text))

    best: Decoded | None = None
    for name in _candidates(data):
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        if _control_share(text) > _MAX_CONTROL_SHARE:
            continue
        score = plausibility(text)
        label = _gb_label(data) if name == "gb18030" else name.replace("_", "-")
        logger.debug("candidate %s plausibility %.3f", label, score)
        if best is None or score > best.plausibility:
            best = Decoded(text, label, score)
    if best is None:
        raise DecodingFailed("no supported encoding (UTF-8, GB18030/GBK/GB2312, Big5, ...) decodes it")
    if best.plausibility < _MIN_PLAUSIBILITY:
        raise DecodingFailed(
            f"best decoding ({best.encoding}) gives implausible text (plausibility {best.plausibility:.2f})"
        )
    return best
