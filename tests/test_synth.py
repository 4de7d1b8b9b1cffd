"""Tests of the synthetic corpus generator (ingest.synth)."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest

from ingest.models import ENTITY_TYPES, RELATION_TYPES
from ingest.synth import (
    GENRES,
    MARKER,
    World,
    generate_corpus,
    generate_demo,
    plan_corpus,
    render_document,
)
from ingest.synth.__main__ import main as synth_main
from ingest.synth.templates import load_templates, parse
from ingest.synth.vocab import load_data

REPO = Path(__file__).resolve().parents[1]
SAMPLE_CORPUS = REPO.parent / "shared" / "corpus"


def _read_tree(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _pairs(docs_dir: Path, gold_dir: Path) -> list[tuple[str, dict]]:
    out = []
    for path in sorted(docs_dir.glob("*.txt")):
        gold = json.loads((gold_dir / (path.stem + ".json")).read_text(encoding="utf-8"))
        out.append((path.read_text(encoding="utf-8"), gold))
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[Path]]:
    root = tmp_path_factory.mktemp("synth")
    paths = generate_corpus(root / "docs", 24, seed=7, target_chars=4_000)
    return root / "docs", root / "gold", paths


# ---------------------------------------------------------------- determinism
def test_same_seed_gives_identical_bytes(tmp_path: Path) -> None:
    a = generate_corpus(tmp_path / "a" / "docs", 10, seed=3, target_chars=3_000)
    b = generate_corpus(tmp_path / "b" / "docs", 10, seed=3, target_chars=3_000)
    assert [p.name for p in a] == [p.name for p in b]
    assert _read_tree(tmp_path / "a" / "docs") == _read_tree(tmp_path / "b" / "docs")
    assert _read_tree(tmp_path / "a" / "gold") == _read_tree(tmp_path / "b" / "gold")


def test_different_seed_gives_different_corpus(tmp_path: Path) -> None:
    generate_corpus(tmp_path / "a" / "docs", 6, seed=1, target_chars=3_000, with_gold=False)
    generate_corpus(tmp_path / "b" / "docs", 6, seed=2, target_chars=3_000, with_gold=False)
    a = _read_tree(tmp_path / "a" / "docs")
    b = _read_tree(tmp_path / "b" / "docs")
    assert a != b
    assert set(a.values()).isdisjoint(b.values())


def test_worker_processes_do_not_change_the_output(tmp_path: Path) -> None:
    generate_corpus(tmp_path / "one" / "docs", 260, seed=4, target_chars=800, workers=1)
    generate_corpus(tmp_path / "two" / "docs", 260, seed=4, target_chars=800, workers=2)
    assert _read_tree(tmp_path / "one" / "docs") == _read_tree(tmp_path / "two" / "docs")
    assert _read_tree(tmp_path / "one" / "gold") == _read_tree(tmp_path / "two" / "gold")


# ---------------------------------------------------------------- gold validity
def test_every_document_starts_with_the_marker(corpus: tuple[Path, Path, list[Path]]) -> None:
    _docs, _gold, paths = corpus
    assert len(paths) == 24
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert text.splitlines()[0] == MARKER
        assert "{" not in text and "}" not in text, f"unfilled placeholder in {path.name}"


def test_gold_mentions_and_evidence_are_slices_of_the_text(corpus: tuple[Path, Path, list[Path]]) -> None:
    docs, gold_dir, _paths = corpus
    n_relations = 0
    for text, gold in _pairs(docs, gold_dir):
        assert gold["doc"].endswith(".txt")
        for entity in gold["entities"]:
            assert entity["type"] in ENTITY_TYPES
            assert entity["mentions"], entity
            for mention in entity["mentions"]:
                assert mention and mention in text
            for start, end in entity["spans"]:
                assert text[start:end] in entity["mentions"]
            if entity["type"] != "GovernmentAgency":  # agencies are expanded (市科技局 -> full name)
                assert entity["name"] in entity["mentions"]
        for rel in gold["relations"]:
            n_relations += 1
            at = rel["evidence_at"]
            assert 0 <= at["start"] < at["end"] <= len(text)
            assert text[at["start"] : at["end"]] == rel["evidence"]
            assert rel["modality"] in ("fact", "plan")
    assert n_relations > 100


def test_relation_ends_are_gold_entities_of_the_right_types(corpus: tuple[Path, Path, list[Path]]) -> None:
    docs, gold_dir, _paths = corpus
    allowed_tails = {
        "LOCATED_IN": {"City", "District"},
        "ISSUED_BY": {"GovernmentAgency"},
        "CO_BUILDS": {"Platform", "ResearchInstitute"},
        "MEMBER_OF": {"Platform"},
        "FUNDED_BY": {"Programme", "GovernmentAgency"},
    }
    seen_types: set[str] = set()
    for _text, gold in _pairs(docs, gold_dir):
        types = {e["name"]: e["type"] for e in gold["entities"]}
        assert len(types) == len(gold["entities"]), "entity names must be unique in a gold file"
        keys: set[tuple[str, ...]] = set()
        for rel in gold["relations"]:
            assert rel["type"] in RELATION_TYPES
            assert rel["head"] in types and rel["tail"] in types
            assert rel["head"] != rel["tail"]
            if rel["type"] in allowed_tails:
                assert types[rel["tail"]] in allowed_tails[rel["type"]], rel
            if rel["type"] == "ISSUED_BY":
                assert types[rel["head"]] == "Policy"
            ends = (rel["head"], rel["tail"])
            key = (rel["type"], *(sorted(ends) if rel["type"] == "COOPERATES_WITH" else ends))
            assert key not in keys, "a relation is listed once per document"
            keys.add(key)
            if rel["type"] == "PART_OF":
                assert ("PART_OF", rel["tail"], rel["head"]) not in keys, "no PART_OF cycles"
            seen_types.add(rel["type"])
    assert seen_types == set(RELATION_TYPES)


def test_intentions_are_not_annotated(corpus: tuple[Path, Path, list[Path]]) -> None:
    docs, gold_dir, _paths = corpus
    intent_starts = ("力争", "争取", "拟", "积极争取")
    texts_with_intents = 0
    for text, gold in _pairs(docs, gold_dir):
        texts_with_intents += any(cue in text for cue in intent_starts)
        for rel in gold["relations"]:
            assert not rel["evidence"].startswith(intent_starts), rel["evidence"]
    assert texts_with_intents > 0


def test_facts_are_consistent_across_the_corpus() -> None:
    world = World(n_docs=120, seed=2)
    homes: dict[str, set[str]] = defaultdict(set)
    part_of: set[tuple[str, str]] = set()
    for spec in plan_corpus(world, 120, 2):
        doc = render_document(world, spec, 2, 3_000)
        types = {e["name"]: e["type"] for e in doc.gold["entities"]}
        glob_name = {e["name"]: e.get("global_name", e["name"]) for e in doc.gold["entities"]}
        for rel in doc.gold["relations"]:
            if rel["type"] == "LOCATED_IN" and types[rel["tail"]] == "District":
                homes[glob_name[rel["head"]]].add(rel["tail"])
            if rel["type"] == "PART_OF":
                part_of.add((glob_name[rel["head"]], glob_name[rel["tail"]]))
    assert part_of and not any((t, h) in part_of for h, t in part_of)
    assert homes
    assert all(len(d) == 1 for d in homes.values()), {k: v for k, v in homes.items() if len(v) > 1}


# ---------------------------------------------------------------- genre and demo
def test_demo_covers_every_genre_and_several_cities(tmp_path: Path) -> None:
    paths = generate_demo(tmp_path / "demo")
    assert 6 <= len(paths) <= 10
    golds = [json.loads((tmp_path / "gold" / (p.stem + ".json")).read_text(encoding="utf-8")) for p in paths]
    assert {g["meta"]["genre"] for g in golds} == set(GENRES)
    assert len({g["meta"]["region"] for g in golds}) >= 2
    assert len({g["meta"]["province"] for g in golds}) >= 2
    assert len({g["meta"]["year"] for g in golds}) >= 3
    for path, gold in zip(paths, golds, strict=True):
        text = path.read_text(encoding="utf-8")
        meta = gold["meta"]
        lines = text.splitlines()
        assert lines[0] == MARKER and lines[1] == meta["title"]
        published = int(meta["date"][:4])
        if meta["genre"] == "summary":
            assert published == meta["year"] + 1
            assert re.search(r"[一二三]、", text)
        elif meta["genre"] == "plan":
            assert published == meta["year"]
            assert "主要目标" in text
        elif meta["genre"] == "implementation_scheme":
            assert re.search(r"[\u4e00-\u9fff]+政办发?〔\d{4}〕\d+号|[\u4e00-\u9fff]+府办发?〔\d{4}〕\d+号", text)
            assert re.search(r"[（(]责任单位[：:][^）)]*市科技局", text)
            assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日", text)
        else:
            assert "代表" in text and "答复" in meta["title"]
            assert text.rstrip().endswith("日")
        assert gold["relations"], path.name


def test_headers_look_like_portal_pages(corpus: tuple[Path, Path, list[Path]]) -> None:
    _docs, _gold, paths = corpus
    for path in paths:
        head = "\n".join(path.read_text(encoding="utf-8").splitlines()[2:8])
        assert re.search(r"(发布时间|生成日期)[:：]\s?\d{4}-\d{2}-\d{2}", head), head
        assert re.search(r"(来源|信息来源|发布机构)[:：]", head), head


# ---------------------------------------------------------------- scale
def _distinct_actors(n_docs: int) -> int:
    world = World(n_docs=n_docs, seed=0)
    actors: set[tuple[str, str]] = set()
    for spec in plan_corpus(world, n_docs, 0):
        doc = render_document(world, spec, 0, 2_000)
        actors.update((e["type"], e.get("global_name", e["name"])) for e in doc.gold["entities"])
    return len(actors)


def test_distinct_actors_grow_with_the_corpus() -> None:
    small, large = _distinct_actors(20), _distinct_actors(400)
    assert large > 4 * small


def test_enterprise_names_are_unique_in_their_pool() -> None:
    world = World(n_docs=5_000, seed=0)
    names = set()
    shorts = set()
    count = 0
    for city in world.cities:
        for i in range(world.pools["ent"]):
            actor = world.actor("ent", city, i)
            names.add(actor.full)
            shorts.add(actor.short)
            count += 1
    assert len(names) == count and len(shorts) == count


# ---------------------------------------------------------------- templates and data
def test_templates_cover_every_relation_type() -> None:
    tset = load_templates()
    assert set(tset.by_type) == set(RELATION_TYPES)
    for rel_type, templates in tset.by_type.items():
        annotated = [t for t in templates if t.modality in ("fact", "plan")]
        assert len(annotated) >= 5, rel_type
        assert any(t.modality == "intent" for t in templates) or rel_type == "PART_OF"
        for t in templates:
            assert any(r[0] == rel_type for r in t.relations), t.text


def test_template_parser_rejects_bad_templates() -> None:
    with pytest.raises(ValueError):
        parse("{A:nosuchkind}在这里")
    with pytest.raises(ValueError):
        parse("{A}没有声明类型")
    with pytest.raises(ValueError):
        parse("{A:ent}落户", [["LOCATED_IN", "A", "B"]])


def test_templates_do_not_copy_the_sample_corpus() -> None:
    if not SAMPLE_CORPUS.is_dir():
        pytest.skip(f"sample corpus not found at {SAMPLE_CORPUS}")
    grams: set[str] = set()
    for path in SAMPLE_CORPUS.glob("*.txt"):
        text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", path.read_text(encoding="utf-8", errors="replace")))
        grams.update(text[i : i + 20] for i in range(len(text) - 19))
    for name in ("templates.json", "names.json"):
        data = json.dumps(load_data(name), ensure_ascii=False)
        for piece in re.findall(r'"([^"]{20,})"', data):
            flat = re.sub(r"\s+", "", unicodedata.normalize("NFKC", piece))
            hits = [flat[i : i + 20] for i in range(len(flat) - 19) if flat[i : i + 20] in grams]
            assert not hits, hits


# ---------------------------------------------------------------- CLI
def test_cli_writes_documents_and_respects_no_gold(tmp_path: Path) -> None:
    assert synth_main([str(tmp_path / "c" / "docs"), "--docs", "5", "--seed", "9", "--target-chars", "1500"]) == 0
    assert len(list((tmp_path / "c" / "docs").glob("*.txt"))) == 5
    assert len(list((tmp_path / "c" / "gold").glob("*.json"))) == 5
    assert synth_main([str(tmp_path / "d" / "docs"), "--docs", "3", "--no-gold"]) == 0
    assert len(list((tmp_path / "d" / "docs").glob("*.txt"))) == 3
    assert not (tmp_path / "d" / "gold").exists()
    assert synth_main([str(tmp_path / "e" / "docs"), "--demo", "--gold-dir", str(tmp_path / "g")]) == 0
    assert len(list((tmp_path / "g").glob("*.json"))) == len(list((tmp_path / "e" / "docs").glob("*.txt")))


def test_years_are_respected(tmp_path: Path) -> None:
    generate_corpus(tmp_path / "docs", 12, seed=1, target_chars=1_000, years=(2017, 2018))
    for _text, gold in _pairs(tmp_path / "docs", tmp_path / "gold"):
        assert 2017 <= gold["meta"]["year"] <= 2018


def test_gold_json_round_trips_and_documents_have_the_target_length() -> None:
    import time

    from ingest.synth.generator import gold_json

    world = World(n_docs=100, seed=5)
    started = time.perf_counter()
    docs = [render_document(world, spec, 5, 10_000) for spec in plan_corpus(world, 100, 5)]
    elapsed = time.perf_counter() - started
    assert elapsed < 30, f"100 documents of 10k characters took {elapsed:.1f} s"
    lengths = [len(d.text) for d in docs]
    assert 8_000 <= sum(lengths) / len(lengths) <= 12_500
    for doc in docs[:20]:
        assert json.loads(gold_json(doc.gold)) == doc.gold


def test_gold_files_pass_the_projects_gold_checker(corpus: tuple[Path, Path, list[Path]]) -> None:
    from ingest.gold import check_gold, load_gold_dir, read_document_text

    docs, gold_dir, paths = corpus
    golds = load_gold_dir(gold_dir, docs)
    assert len(golds) == len(paths)
    for gold in golds:
        assert check_gold(gold, read_document_text(docs / gold.doc)) == [], gold.doc
