"""One token per character, as ``spacy.blank("zh")`` segments, in linear time.

spaCy's character segmenter lists the characters and then aligns them to the text with
``spacy.util.get_words_and_spaces``, which searches a fresh copy of the rest of the text for every
character: quadratic in the length of a document and most of the tokenizer's time on ours. This
tokenizer builds the same words and spaces directly: every non-whitespace character is a token, a
single space after one is that token's trailing space, and any other run of whitespace is one token
of its own. ``tests/extract/test_tokenizer.py`` checks it against spaCy's alignment.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc
from spacy.vocab import Vocab

_WHITESPACE = re.compile(r"\s+")


def words_and_spaces(text: str) -> tuple[list[str], list[bool]]:
    """The words and trailing-space flags spaCy's character segmenter gives for ``text``.

    >>> words_and_spaces("科技 局\\n\\n南通")
    (['科', '技', '局', '\\n\\n', '南', '通'], [False, True, False, False, False, False])
    """
    words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for match in _WHITESPACE.finditer(text):
        start, end = match.span()
        if start > pos:
            words.extend(text[pos:start])
            spaces.extend([False] * (start - pos))
            if text[start] == " ":
                spaces[-1] = True
                start += 1
        if end > start:
            words.append(text[start:end])
            spaces.append(False)
        pos = end
    if pos < len(text):
        words.extend(text[pos:])
        spaces.extend([False] * (len(text) - pos))
    return words, spaces


class CharTokenizer:
    """A drop-in ``nlp.tokenizer`` for the character segmentation of ``spacy.blank("zh")``."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words, spaces = words_and_spaces(text)
        return Doc(self.vocab, words=words, spaces=spaces)
