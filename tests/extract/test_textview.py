"""The normalised view the extractor matches on, and its offsets back to the original text."""

from __future__ import annotations

import unicodedata

from ingest.extract.textview import make_view


def test_full_width_forms_fold_and_offsets_stay_one_to_one() -> None:
    original = "南通市科技局　２０１５年ＡＩ"
    view = make_view(original, skip_boilerplate=False)
    assert view.text == "南通市科技局 2015年AI"
    assert view.starts == list(range(len(original)))


def test_a_character_whose_normal_form_is_longer_maps_every_piece_back_to_it() -> None:
    original = "甲㍿乙"  # ㍿ normalises to four characters
    view = make_view(original, skip_boilerplate=False)
    assert view.text == "甲" + unicodedata.normalize("NFKC", "㍿") + "乙"
    assert view.starts == [0, 1, 1, 1, 1, 2]
    assert view.to_original(1, 5) == (1, 2)
    assert view.to_original(5, 6) == (2, 3)


def test_the_same_text_after_a_longer_form_was_seen_keeps_one_to_one_offsets() -> None:
    make_view("㍿", skip_boilerplate=False)
    view = make_view("南通ＡＢ", skip_boilerplate=False)
    assert view.text == "南通AB"
    assert view.starts == [0, 1, 2, 3]


def test_dashes_and_ideographic_spaces_become_the_forms_the_rules_use() -> None:
    view = make_view("2015\u20142020\u3000年", skip_boilerplate=False)
    assert view.text == "2015-2020 年"
