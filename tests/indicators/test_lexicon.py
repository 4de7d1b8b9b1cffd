"""The indicator rule data loads, and malformed data is refused with the bad value."""

from __future__ import annotations

import pytest

from ingest.indicators.lexicon import IndicatorDataError, _concepts, load_lexicon


def test_data_files_compile() -> None:
    lex = load_lexicon()
    assert lex.figure_re.search("新增高新技术企业34家").group("unit") == "家"  # type: ignore[union-attr]
    m = lex.figure_re.search("集聚人才超5 万人")
    assert m is not None and m.group("unit").replace(" ", "") == "万人" and m.group("pre") == "超"
    assert lex.figure_re.search("会期3个月") is None  # a duration, not a count
    keys = [c.key for c in lex.concepts]
    assert len(keys) == len(set(keys)) and "other" not in keys


def test_concept_order_specific_before_general() -> None:
    lex = load_lexicon()
    first = next(c.key for c in lex.concepts if c.matches("全社会研发经费投入强度", "share"))
    assert first == "rd_intensity"
    first = next(c.key for c in lex.concepts if c.matches("全社会研发经费投入", "money"))
    assert first == "rd_expenditure"


@pytest.mark.parametrize(
    ("data", "bad"),
    [
        ({"concepts": [{"key": "x"}]}, {"key": "x"}),
        ({"concepts": [{"key": "x", "any": ["a"], "units": ["litre"]}]}, ["litre"]),
        ({"concepts": [{"key": "other", "any": ["a"]}]}, "other"),
        ({"concepts": []}, []),
    ],
)
def test_malformed_concepts_are_refused(data: dict[str, object], bad: object) -> None:
    with pytest.raises(IndicatorDataError) as err:
        _concepts(data)
    assert err.value.value == bad
