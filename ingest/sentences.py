"""Split Chinese document text into sentences with offsets into the text.

Rules:

* a line break always ends a sentence (titles, headings and list items sit on lines);
* 。！？；!?; end a sentence (with any directly following terminators / closing quotes);
* no split inside matched bracket pairs 《》 “” 「」 『』 （） () ‘’ 【】 on the same line
  (an unmatched opener protects nothing, so one stray quote cannot swallow a line);
* a list-item marker (一、 （一） 1. （1） ① ⑴ ⒈ ㈠ 第一, ...) starts a new sentence when it
  stands at the start of a line or after whitespace or a colon;
* spans are stripped of surrounding whitespace (including U+3000 and zero-width
  characters); empty sentences are never produced; any input is accepted.

:func:`is_boilerplate` recognises web-page furniture lines (see
``ingest/boilerplate_data/boilerplate.txt``).
"""

from __future__ import annotations

import re

from ingest.boilerplate import is_boilerplate
from ingest.models import Sentence

__all__ = ["split_sentences", "is_boilerplate", "MAX_PROTECTED_CHARS"]

_TERMINATORS = frozenset("。！？；!?;")
# characters that may directly follow a terminator and still belong to the sentence
_TRAILERS = frozenset("。！？；!?;…”’」』）)》】\"'")
_PAIRS = {"《": "》", "“": "”", "「": "」", "『": "』", "（": "）", "(": ")", "‘": "’", "【": "】", "〈": "〉"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
#: A bracket pair longer than this does not protect its content from splitting.
MAX_PROTECTED_CHARS = 400
_MAX_STACK_SEARCH = 32

_LINE_BREAK_RE = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_STRIP_CHARS = (
    " \t\u00a0\u1680"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
    + "\u202f\u205f\u3000\u200b\u200c\u200d\u2060\ufeff"
)

_CN_NUM = "一二三四五六七八九十百零〇"
_ITEM_RE = re.compile(
    rf"(?:[{_CN_NUM}]{{1,3}}、"  # 一、
    rf"|[（(][{_CN_NUM}]{{1,3}}[）)]"  # （一）
    r"|[（(]\d{1,2}[）)]"  # （1）
    r"|\d{1,2}[、．](?!\d)"  # 1、 1．
    r"|\d{1,2}\.(?!\d)"  # 1.
    r"|[\u2460-\u2473\u2474-\u2487\u2488-\u249b\u3220-\u3229\u2776-\u277f]"  # ① ⑴ ⒈ ㈠ ❶
    rf"|第[{_CN_NUM}]{{1,3}}[、，,]"  # 第一、
    r")"
)


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in _STRIP_CHARS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _STRIP_CHARS):
        end -= 1
    return start, end


def _protected(line: str) -> list[bool]:
    """For each char: True when inside a matched bracket pair (the brackets excluded).

    Linear time: an opener is searched for at most :data:`_MAX_STACK_SEARCH` levels down
    the stack, and protected ranges are summed through a difference array.
    """
    n = len(line)
    delta = [0] * (n + 1)
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(line):
        if ch in _PAIRS and not (ch == "“" and stack and stack[-1][0] == "“"):
            stack.append((ch, i))
        elif ch in _CLOSERS:
            opener = _CLOSERS[ch]
            for depth in range(len(stack) - 1, max(-1, len(stack) - 1 - _MAX_STACK_SEARCH), -1):
                if stack[depth][0] == opener:
                    start = stack[depth][1]
                    del stack[depth:]
                    if i - start <= MAX_PROTECTED_CHARS and i > start + 1:
                        delta[start + 1] += 1
                        delta[i] -= 1
                    break
    inside = [False] * n
    level = 0
    for i in range(n):
        level += delta[i]
        inside[i] = level > 0
    return inside


def _item_starts(line: str, inside: list[bool]) -> list[int]:
    """Offsets in ``line`` where a list-item marker starts a new sentence."""
    starts: list[int] = []
    for m in _ITEM_RE.finditer(line):
        i = m.start()
        if i == 0 or inside[i]:
            continue
        prev = line[i - 1]
        if prev.isspace() or prev in _STRIP_CHARS or prev in ":：":
            starts.append(i)
    return starts


def _split_line(text: str, line_start: int, line_end: int, out: list[Sentence]) -> None:
    line = text[line_start:line_end]
    if not line.strip():
        return
    inside = _protected(line)
    cuts: set[int] = set(_item_starts(line, inside))
    n = len(line)
    i = 0
    while i < n:
        ch = line[i]
        if ch in _TERMINATORS and not inside[i]:
            j = i + 1
            while j < n and line[j] in _TRAILERS and line[j] not in _PAIRS:
                j += 1
            cuts.add(j)
            i = j
        else:
            i += 1
    prev = 0
    for cut in sorted(cuts) + [n]:
        if cut <= prev:
            continue
        s, e = _strip_span(text, line_start + prev, line_start + cut)
        if e > s:
            out.append(Sentence.model_construct(text=text[s:e], start=s, end=e))  # valid by construction
        prev = cut


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with ``start``/``end`` offsets such that ``text[start:end] == sentence.text``."""
    out: list[Sentence] = []
    pos = 0
    for m in _LINE_BREAK_RE.finditer(text):
        _split_line(text, pos, m.start(), out)
        pos = m.end()
    _split_line(text, pos, len(text), out)
    return out
