"""The linear-time character tokenizer gives exactly the tokens of spaCy's own character segmenter."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.util import get_words_and_spaces

import ingest.extract.tokenizer as tokenizer_module
from ingest.extract.pipeline import get_nlp
from ingest.extract.tokenizer import CharTokenizer, words_and_spaces

GENRE = Path(__file__).resolve().parents[2].parent / "shared" / "corpus-genre"

# characters that exercise every branch: CJK, ASCII, the space, and other Unicode whitespace
_ALPHABET = st.sampled_from(list("科技局a1 ,。\n\r\t\u3000\xa0\x1c\u2028\x85"))


def spacy_char_segmentation(text: str) -> tuple[list[str], list[bool]]:
    """What ``spacy.blank("zh")``'s character segmenter computes."""
    return get_words_and_spaces(list(text), text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_same_words_and_spaces_as_spacy(text: str) -> None:
    assert words_and_spaces(text) == spacy_char_segmentation(text)


@pytest.mark.parametrize(
    "text",
    ["", " ", "  ", "南", " 南", "南 ", "南  ", "南 \n通", "南\n 通", "\u3000南通\u3000", "南通\n"],
)
def test_edges_of_whitespace(text: str) -> None:
    assert words_and_spaces(text) == spacy_char_segmentation(text)


def test_docs_match_the_blank_pipeline_token_for_token() -> None:
    blank = spacy.blank("zh")
    text = "南通市科技局 与\n\n南京大学共建研究院。  2015年"
    ours = CharTokenizer(blank.vocab)(text)
    theirs = blank.make_doc(text)
    assert [(t.text, t.whitespace_) for t in ours] == [(t.text, t.whitespace_) for t in theirs]
    assert ours.text == text


def test_the_extraction_pipeline_uses_it() -> None:
    assert isinstance(get_nlp().tokenizer, CharTokenizer)


def test_real_openings_tokenize_as_spacy_does() -> None:
    if not GENRE.is_dir():
        pytest.skip("../shared/corpus-genre is absent (it is not part of the repo)")
    texts = [p.read_text(encoding="utf-8") for p in sorted(GENRE.glob("*.txt"))]
    assert texts, f"no openings in {GENRE}"
    for text in texts:
        assert words_and_spaces(text) == spacy_char_segmentation(text)


def test_docstring_example() -> None:
    result = doctest.testmod(tokenizer_module)
    assert result.attempted > 0 and result.failed == 0
