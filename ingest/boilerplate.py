"""Recognise web-page boilerplate lines (navigation, counters, share lines, footers).

The trigger patterns live in the data file ``boilerplate_data/boilerplate.txt`` beside this module so
they can be extended without touching code.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

logger = logging.getLogger(__name__)

PATTERN_FILE = Path(__file__).with_name("boilerplate_data") / "boilerplate.txt"

#: Lines longer than this (in characters, compact form) are content, never boilerplate.
MAX_BOILERPLATE_CHARS = 160

_SPACE_RE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")
_LEADING_RE = re.compile(r"^[•·●○◆◇■□▪▫►▶>\-*|]+")


class BoilerplatePatternError(ValueError):
    """A line of the pattern file is not a valid regular expression."""

    def __init__(self, line_no: int, pattern: str, error: str) -> None:
        self.line_no = line_no
        self.pattern = pattern
        super().__init__(f"{PATTERN_FILE.name}:{line_no}: bad pattern {pattern!r}: {error}")


def load_patterns(path: Path = PATTERN_FILE) -> list[re.Pattern[str]]:
    """Read one regular expression a line; ``#`` starts a comment line."""
    patterns: list[re.Pattern[str]] = []
    for line_no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        try:
            patterns.append(re.compile(line, re.IGNORECASE))
        except re.error as exc:
            raise BoilerplatePatternError(line_no, line, str(exc)) from exc
    return patterns


@lru_cache(maxsize=1)
def _combined() -> re.Pattern[str]:
    patterns = load_patterns()
    logger.debug("loaded %d boilerplate patterns", len(patterns))
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), re.IGNORECASE)


def compact(line: str) -> str:
    """NFKC, whitespace removed, leading bullets stripped: the form patterns match."""
    text = _SPACE_RE.sub("", unicodedata.normalize("NFKC", line))
    return _LEADING_RE.sub("", text)


def is_boilerplate(line: str) -> bool:
    """True when ``line`` is web-page furniture rather than document content."""
    text = compact(line)
    if not text or len(text) > MAX_BOILERPLATE_CHARS:
        return False
    return _combined().search(text) is not None
