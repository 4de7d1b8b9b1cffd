"""The extractor's spaCy components: factories with a config, data loaded in initialize(), Doc extensions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import spacy

from ingest.extract.data import DATA_DIR, ExtractDataError
from ingest.extract.pipeline import PIPES, build_nlp, get_nlp, groups_of, process
from ingest.jurisdiction import decide
from tests.extract.helpers import make_doc


def test_every_component_has_a_data_dir_setting() -> None:
    nlp = get_nlp()
    for name in PIPES:
        assert nlp.get_pipe_meta(name).default_config == {"data_dir": None}
        assert nlp.get_pipe_config(name)["data_dir"] is None


def test_a_component_added_by_hand_loads_its_data_on_initialize() -> None:
    nlp = spacy.blank("zh")
    pipe = nlp.add_pipe("innograph_suffix")
    assert not hasattr(pipe, "rules")  # nothing read before initialize()
    nlp.initialize()
    assert pipe.rules is not None


def test_a_data_folder_of_ones_own_changes_what_is_found(tmp_path: Path) -> None:
    own = tmp_path / "data"
    shutil.copytree(DATA_DIR, own)
    with (own / "abbreviations.tsv").open("a", encoding="utf-8") as fh:
        fh.write("星河院\t星河先进材料研究院\tResearchInstitute\t\n")
    doc = make_doc("星河院与苏州大学签订合作协议。")
    where = decide(doc)

    def names(nlp: spacy.language.Language) -> set[str]:
        _, processed = process(doc, where, nlp)
        return {g.name for g in groups_of(processed)}

    assert "星河先进材料研究院" not in names(get_nlp())
    assert "星河先进材料研究院" in names(build_nlp(str(own)))


def test_a_missing_data_folder_is_a_named_error(tmp_path: Path) -> None:
    with pytest.raises(ExtractDataError, match="nowhere"):
        build_nlp(str(tmp_path / "nowhere"))


def test_the_components_share_their_findings_on_doc_extensions() -> None:
    doc = make_doc("苏州大学与星河微电签订合作协议。")
    _, processed = process(doc, decide(doc))
    assert processed._.innograph_context.city == "苏州市"
    assert processed._.innograph_text == processed.text
    assert {g.name for g in processed._.innograph_result} >= {"苏州大学"}
    assert processed.user_data.get("innograph_result") is None  # no string keys of our own
