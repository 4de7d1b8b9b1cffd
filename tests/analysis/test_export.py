"""Exports read back by independent readers; GEXF validated against the GEXF 1.3 grammar."""

from __future__ import annotations

import csv
import io
import json
import math
import os
import shutil
import subprocess
from pathlib import Path

import igraph as ig
import networkx as nx
import pytest
from lxml import etree

from graph.analysis import FORMATS, export_graph
from graph.analysis.errors import UnknownFormatError
from graph.analysis.export import display_labels

GEXF = "{http://gexf.net/1.3}"
GRAMMAR = etree.RelaxNG(etree.parse(str(Path(__file__).with_name("gexf13.rng"))))


def small_graph(directed: bool = False) -> nx.Graph:
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_node("e1", name="中天钢铁", type="Enterprise", region="南通")
    G.add_node("e2", name="中天钢铁", type="Enterprise", region="常州")  # same name, other firm
    G.add_node("u1", name='南通 "大学"', type="University", region="南通", subtype="综合")
    G.add_node("g1", name="市科技局", type="GovernmentAgency")
    G.add_node("x", name="孤立\x01节点", type="Platform")  # isolate, control character in name
    G.add_edge("e1", "u1", weight=6.0, types=["CO_BUILDS", "COOPERATES_WITH"], first_year=2018, last_year=2023)
    G.add_edge("e2", "u1", weight=1.0, types=["COOPERATES_WITH"])
    G.add_edge("e1", "g1", weight=2.5, types=["FUNDED_BY"], first_year=2019, last_year=2019)
    return G


METRICS = {"pagerank": {"e1": 0.4, "e2": 0.1, "u1": 0.3, "g1": 0.2, "x": math.nan}, "core": {"e1": 2.0}}


def export_bytes(G: nx.Graph, fmt: str, **kw) -> bytes:
    out = io.BytesIO()
    export_graph(G, fmt, out, **kw)  # type: ignore[arg-type]
    return out.getvalue()


def edge_key(G: nx.Graph, u, v):
    return (u, v) if G.is_directed() else frozenset((u, v))


# ----------------------------------------------------------------- GEXF validation


def grammar_problems(data: bytes) -> list[str]:
    """Errors of ``data`` against the GEXF 1.3 RELAX NG grammar in gexf13.rng (lxml)."""
    doc = etree.fromstring(data)
    if GRAMMAR.validate(doc):
        return []
    return [f"grammar: line {e.line}: {e.message}" for e in GRAMMAR.error_log]


def gexf_problems(data: bytes) -> list[str]:
    """The GEXF 1.3 grammar, plus the rules of the 1.3 primer that a grammar cannot state:
    node ids are unique, every edge joins declared nodes, an attvalue names an attribute
    declared for its class and parses as the declared type, and time bounds match the
    graph's timeformat with start <= end, in a graph whose mode is dynamic."""
    problems = grammar_problems(data)
    doc = etree.fromstring(data)
    graph = doc.find(f"{GEXF}graph")
    if graph is None:
        return [*problems, "no graph"]
    node_ids = [n.get("id") for n in graph.iterfind(f"{GEXF}nodes/{GEXF}node")]
    problems += [f"node id {i!r} used twice" for i in {i for i in node_ids if node_ids.count(i) > 1}]
    known = set(node_ids)
    for e in graph.iterfind(f"{GEXF}edges/{GEXF}edge"):
        for end in ("source", "target"):
            if e.get(end) not in known:
                problems.append(f"edge {e.get('id')}: {end} {e.get(end)!r} is not a node")
    declared: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
    for attrs in graph.findall(f"{GEXF}attributes"):
        for a in attrs.findall(f"{GEXF}attribute"):
            declared[attrs.get("class")][a.get("id")] = a.get("type")
    parse = {
        "integer": int,
        "long": int,
        "double": float,
        "float": float,
        "boolean": lambda s: {"true": True, "false": False}[s],
        "string": str,
    }
    timeformat = graph.get("timeformat")
    for cls in ("node", "edge"):
        for el in graph.iter(f"{GEXF}{cls}"):
            for av in el.iter(f"{GEXF}attvalue"):
                typ = declared[cls].get(av.get("for"))
                if typ is None:
                    problems.append(f"{cls} {el.get('id')}: attvalue for undeclared attribute {av.get('for')}")
                    continue
                try:
                    parse[typ](av.get("value"))
                except (KeyError, ValueError):
                    problems.append(f"{cls} {el.get('id')}: {av.get('value')!r} is not {typ}")
            bounds = [el.get("start"), el.get("end")]
            if any(b is not None for b in bounds):
                if graph.get("mode") != "dynamic":
                    problems.append(f"{cls} {el.get('id')} has time bounds in a static graph")
                if timeformat == "integer":
                    try:
                        lo, hi = (int(b) if b is not None else None for b in bounds)
                    except ValueError:
                        problems.append(f"{cls} {el.get('id')}: bounds {bounds} not integers")
                        continue
                    if lo is not None and hi is not None and lo > hi:
                        problems.append(f"{cls} {el.get('id')}: start {lo} > end {hi}")
                elif timeformat is None:
                    problems.append("time bounds without timeformat")
    return problems


# Every part of GEXF 1.3, most of which our exporter never writes: it shows gexf13.rng states
# the format and not only our subset (hierarchy, phylogenics, viz, spells, timestamps, kind).
FULL_FEATURE_GEXF = b"""<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3" variant="test">
  <meta lastmodifieddate="2024-05-01"><keywords>innovation, cooperation</keywords><creator>t</creator></meta>
  <graph defaultedgetype="directed" idtype="string" mode="slice" timeformat="date" timestamp="2024-01-01"
         timerepresentation="timestamp" timezone="Asia/Shanghai">
    <attributes class="node">
      <attribute id="kind" title="kind" type="string"><options>a|b</options><default>a</default></attribute>
      <attribute id="years" title="years" type="listinteger"/>
    </attributes>
    <attributes class="edge"/>
    <nodes count="3">
      <node id="p" label="Park" timestamps="[2019, 2020]">
        <viz:color hex="#336699" a="0.5"/><viz:position x="1.5" y="-2" z="0"/><viz:size value="3"/>
        <nodes><node id="p1" pid="p"><parents><parent for="q"/></parents></node></nodes>
        <edges><edge source="p1" target="p1" kind="self"/></edges>
        <viz:shape value="image" uri="https://example.org/p.png"/>
        <attvalues><attvalue for="kind" value="b" timestamp="2019-06-01"/></attvalues>
      </node>
      <node id="q" intervals="[[2018, 2019]]"><spells><spell timestamp="2018-03-01"/></spells></node>
      <node id="r"><viz:color r="255" g="0" b="12"/></node>
    </nodes>
    <edges count="2">
      <edge source="p" target="q" type="mutual" weight="1e-3" kind="co-builds">
        <viz:thickness value="2.5"/><viz:shape value="dashed"/><spells><spell start="2018" end="2019"/></spells>
      </edge>
      <edge id="7" source="q" target="r" label="x" timestamps="[2020]"/>
    </edges>
  </graph>
</gexf>
"""

BROKEN_VARIANTS = [
    (b'version="1.3" variant', b'version="1.2" variant'),  # wrong version
    (b'mode="slice"', b'mode="sliced"'),  # not a mode
    (b'type="listinteger"', b'type="listinteger" mode="static"'),  # 1.3 removed mode on <attributes>
    (b'<viz:size value="3"/>', b'<viz:size value="-3"/>'),  # sizes are not negative
    (b'<viz:color r="255" g="0" b="12"/>', b'<viz:color r="256" g="0" b="12"/>'),  # channel > 255
    (b'<viz:shape value="dashed"/>', b'<viz:shape value="wavy"/>'),  # not an edge shape
    (b'weight="1e-3"', b'weight="light"'),  # weight is a double
    (b'<spells><spell timestamp="2018-03-01"/></spells>', b"<spells/>"),  # spells need a spell
    (b'<edge id="7" source="q"', b'<edge id="7"'),  # source is required
]


def test_grammar_accepts_every_gexf13_feature():
    assert grammar_problems(FULL_FEATURE_GEXF) == []


@pytest.mark.parametrize(("old", "new"), BROKEN_VARIANTS)
def test_grammar_rejects_invalid_gexf13(old, new):
    assert old in FULL_FEATURE_GEXF
    assert grammar_problems(FULL_FEATURE_GEXF.replace(old, new, 1))


@pytest.mark.parametrize("directed", [False, True])
def test_gexf_is_valid_gexf13(directed):
    data = export_bytes(small_graph(directed), "gexf", node_metrics=METRICS)
    assert gexf_problems(data) == []
    root = etree.fromstring(data)
    assert root.get("version") == "1.3"
    graph = root.find(f"{GEXF}graph")
    assert graph.get("defaultedgetype") == ("directed" if directed else "undirected")
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "integer")


def test_gexf_static_graph_without_edges_is_valid():
    G = nx.Graph()
    G.add_node("c", name="南通", type="City")
    data = export_bytes(G, "gexf")
    assert gexf_problems(data) == []
    assert etree.fromstring(data).find(f"{GEXF}graph").get("mode") == "static"


def test_gexf_validator_rejects_broken_files():
    good = export_bytes(small_graph(), "gexf")
    assert gexf_problems(good.replace(b'target="u1"', b'target="nobody"', 1))  # dangling edge
    assert gexf_problems(good.replace(b'id="e2"', b'id="e1"', 1))  # duplicate node id
    assert gexf_problems(good.replace(b'version="1.3"', b'version="1.2"'))
    assert gexf_problems(good.replace(b'start="2018" end="2023"', b'start="2023" end="2018"'))
    assert gexf_problems(good.replace(b'defaultedgetype="undirected"', b'defaultedgetype="both"'))
    assert gexf_problems(good.replace(b"<edges>", b"<edgez>").replace(b"</edges>", b"</edgez>"))


def test_gexf_big_graph_valid(big_graph):
    assert gexf_problems(export_bytes(big_graph, "gexf")) == []


# ------------------------------------------- the official grammar, where one is supplied
#
# GEXF publishes its 1.3 grammar as RELAX NG compact syntax (gexf.rnc with dynamics.rnc and
# viz.rnc beside it). No package we may install ships it, so it cannot be part of the suite; a
# reviewer who has it sets INNOGRAPH_GEXF13_GRAMMAR=/path/to/gexf.rnc (validated with jing,
# Debian package "jing") or /path/to/gexf.rng (validated with lxml).


def official_grammar_problems(data: bytes, tmp_path: Path) -> list[str]:
    grammar = Path(os.environ["INNOGRAPH_GEXF13_GRAMMAR"])
    if grammar.suffix == ".rng":
        relaxng = etree.RelaxNG(etree.parse(str(grammar)))
        return [] if relaxng.validate(etree.fromstring(data)) else [str(e) for e in relaxng.error_log]
    doc = tmp_path / "doc.gexf"
    doc.write_bytes(data)
    done = subprocess.run(["jing", "-c", str(grammar), str(doc)], capture_output=True, text=True, check=False)
    return [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]


def _official_grammar_skip() -> str | None:
    grammar = os.environ.get("INNOGRAPH_GEXF13_GRAMMAR")
    if not grammar:
        return "INNOGRAPH_GEXF13_GRAMMAR is not set (the official GEXF 1.3 grammar is not packaged)"
    if not Path(grammar).is_file():
        return f"INNOGRAPH_GEXF13_GRAMMAR={grammar} is not a file"
    if not grammar.endswith(".rng") and shutil.which("jing") is None:
        return "validating compact RELAX NG needs jing (apt-get install jing)"
    return None


official = pytest.mark.skipif(_official_grammar_skip() is not None, reason=str(_official_grammar_skip()))


@official
@pytest.mark.parametrize("directed", [False, True])
def test_exports_valid_under_official_grammar(directed, big_graph, tmp_path):
    assert official_grammar_problems(export_bytes(small_graph(directed), "gexf", node_metrics=METRICS), tmp_path) == []
    G = big_graph.to_directed() if directed else big_graph
    assert official_grammar_problems(export_bytes(G, "gexf"), tmp_path) == []


@official
def test_our_grammar_agrees_with_official(tmp_path):
    assert official_grammar_problems(FULL_FEATURE_GEXF, tmp_path) == []
    for old, new in BROKEN_VARIANTS:
        assert official_grammar_problems(FULL_FEATURE_GEXF.replace(old, new, 1), tmp_path), new


@pytest.mark.parametrize("directed", [False, True])
def test_gexf_reads_back_in_networkx(directed):
    G = small_graph(directed)
    H = nx.read_gexf(io.BytesIO(export_bytes(G, "gexf", node_metrics=METRICS)), version="1.3")
    assert H.is_directed() == directed
    assert set(H) == set(G)
    assert {edge_key(H, u, v) for u, v in H.edges()} == {edge_key(G, u, v) for u, v in G.edges()}
    assert H.nodes["e1"]["label"] == "中天钢铁" and H.nodes["x"]["label"] == "孤立节点"
    assert H.nodes["u1"]["type"] == "University" and H.nodes["u1"]["subtype"] == "综合"
    assert "region" not in H.nodes["g1"]
    assert H.nodes["e1"]["pagerank"] == 0.4 and H.nodes["e1"]["core"] == 2.0
    assert "pagerank" not in H.nodes["x"]  # NaN left out
    e = H.edges["e1", "u1"]
    assert (e["weight"], e["types"], e["first_year"], e["last_year"]) == (6.0, "CO_BUILDS;COOPERATES_WITH", 2018, 2023)
    assert (e["start"], e["end"]) == (2018, 2023)  # the timeline interval
    assert H.nodes["e1"]["start"] == 2018  # node appears with its first tie
    assert "start" not in H.edges["e2", "u1"]


# ----------------------------------------------------------------- GraphML


@pytest.mark.parametrize("directed", [False, True])
def test_graphml_round_trip(directed):
    G = small_graph(directed)
    H = nx.read_graphml(io.BytesIO(export_bytes(G, "graphml", node_metrics=METRICS)))
    assert H.is_directed() == directed
    assert set(H) == set(G)
    for v, data in G.nodes(data=True):
        expected = {k: val.replace("\x01", "") if isinstance(val, str) else val for k, val in data.items()}
        got = {k: val for k, val in H.nodes[v].items() if k not in ("pagerank", "core")}
        assert got == expected, v
    assert H.nodes["u1"]["pagerank"] == 0.3
    for u, v, data in G.edges(data=True):
        got = H.edges[u, v]
        assert got["weight"] == data["weight"]
        assert got["types"] == ";".join(data["types"])
        assert got.get("first_year") == data.get("first_year")


def test_graphml_big_graph_round_trip(big_graph):
    H = nx.read_graphml(io.BytesIO(export_bytes(big_graph, "graphml")))
    assert set(H) == set(big_graph)
    assert {frozenset(e) for e in H.edges()} == {frozenset(e) for e in big_graph.edges()}
    assert all(H.edges[u, v]["weight"] == d["weight"] for u, v, d in big_graph.edges(data=True))


# ----------------------------------------------------------------- Pajek and UCINET


@pytest.mark.parametrize("directed", [False, True])
def test_pajek_read_by_igraph(directed, tmp_path):
    G = small_graph(directed)
    path = tmp_path / "g.net"
    path.write_bytes(export_bytes(G, "pajek"))
    g = ig.Graph.Read_Pajek(str(path))
    assert g.is_directed() == directed
    labels = display_labels(G)
    assert labels["e1"] == "中天钢铁 [e1]" and labels["g1"] == "市科技局"
    expected_names = [labels[v].replace('"', "'").replace("\x01", "") for v in G]  # cleaned for export
    assert g.vs["name"] == expected_names
    by_name = dict(zip(expected_names, G.nodes(), strict=True))
    got = {edge_key(G, by_name[g.vs[e.source]["name"]], by_name[g.vs[e.target]["name"]]): e["weight"] for e in g.es}
    assert got == {edge_key(G, u, v): d["weight"] for u, v, d in G.edges(data=True)}


def parse_dl(text: str) -> tuple[int, list[str], dict[tuple[int, int], float]]:
    """A minimal UCINET DL edgelist1 reader written for this test."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    header = dict(tok.split("=") for tok in lines[0].split()[1:])
    assert lines[0].lower().startswith("dl ") and header["format"] == "edgelist1"
    n = int(header["n"])
    assert lines[1].lower() == "labels:"
    data_at = lines.index("data:")
    labels = []
    for ln in lines[2:data_at]:
        labels.append(ln[1:-1] if ln.startswith('"') and ln.endswith('"') else ln)
    arcs = {}
    for ln in lines[data_at + 1 :]:
        i, j, w = ln.split()
        arcs[(int(i), int(j))] = float(w)
    return n, labels, arcs


@pytest.mark.parametrize("directed", [False, True])
def test_ucinet_dl_parses_back(directed):
    G = small_graph(directed)
    n, labels, arcs = parse_dl(export_bytes(G, "ucinet").decode("utf-8"))
    nodes = list(G)
    assert n == len(nodes) == len(labels)
    assert labels[nodes.index("u1")] == "南通 '大学'"  # quoted because of the space
    expected = {}
    for u, v, d in G.edges(data=True):
        i, j = nodes.index(u) + 1, nodes.index(v) + 1
        expected[(i, j)] = d["weight"]
        if not directed:
            expected[(j, i)] = d["weight"]
    assert arcs == expected


def test_pajek_and_ucinet_big_graph(big_graph, tmp_path):
    path = tmp_path / "big.net"
    path.write_bytes(export_bytes(big_graph, "pajek"))
    g = ig.Graph.Read_Pajek(str(path))
    assert (g.vcount(), g.ecount()) == (big_graph.number_of_nodes(), big_graph.number_of_edges())
    assert sum(g.es["weight"]) == sum(d["weight"] for _, _, d in big_graph.edges(data=True))
    n, labels, arcs = parse_dl(export_bytes(big_graph, "ucinet").decode("utf-8"))
    assert n == 1000 and len(arcs) == 2 * big_graph.number_of_edges()


# ----------------------------------------------------------------- CSV and JSON


def test_csv_nodes_and_edges():
    G = small_graph()
    nodes = list(csv.DictReader(io.StringIO(export_bytes(G, "csv-nodes", node_metrics=METRICS).decode())))
    assert [r["id"] for r in nodes] == list(G)
    assert list(nodes[0]) == ["id", "name", "type", "region", "subtype", "core", "pagerank"]
    assert nodes[2]["name"] == '南通 "大学"' and nodes[3]["region"] == "" and nodes[4]["pagerank"] == ""
    assert float(nodes[0]["pagerank"]) == 0.4
    edges = list(csv.DictReader(io.StringIO(export_bytes(G, "csv-edges").decode())))
    assert [(r["source"], r["target"], float(r["weight"])) for r in edges] == [
        (u, v, d["weight"]) for u, v, d in G.edges(data=True)
    ]
    by_pair = {(r["source"], r["target"]): r for r in edges}
    assert by_pair[("e1", "u1")]["types"] == "CO_BUILDS;COOPERATES_WITH"
    assert by_pair[("e2", "u1")]["first_year"] == "" and by_pair[("e1", "g1")]["first_year"] == "2019"


@pytest.mark.parametrize("directed", [False, True])
def test_json_node_link_round_trip(directed):
    G = small_graph(directed)
    data = json.loads(export_bytes(G, "json", node_metrics=METRICS))
    H = nx.node_link_graph(data, edges="edges")
    assert H.is_directed() == directed and set(H) == set(G)
    assert H.nodes["e1"]["pagerank"] == 0.4 and "pagerank" not in H.nodes["x"]
    assert H.edges["e1", "u1"]["types"] == "CO_BUILDS;COOPERATES_WITH"
    assert H.edges["e1", "g1"]["weight"] == 2.5


def test_formats_table_and_unknown_format():
    assert set(FORMATS) == {"graphml", "gexf", "pajek", "ucinet", "csv-nodes", "csv-edges", "json"}
    assert FORMATS["pajek"].extension == ".net" and FORMATS["json"].media_type == "application/json"
    with pytest.raises(UnknownFormatError) as err:
        export_bytes(small_graph(), "dot")
    assert err.value.value == "dot"


# ----------------------------------------------------------------- the attributes researchers filter on


def detailed_graph(directed: bool = False) -> nx.Graph:
    """A graph with the attributes graph.analysis_service.with_details adds (evidence, documents, level)."""
    G = small_graph(directed)
    G.nodes["g1"].update(level="municipal", region_path=["江苏省", "南通市"])
    G.edges["e1", "u1"].update(
        evidence_count=6.0,
        fact_evidence=4.0,
        plan_evidence=2.0,
        modality="fact",
        documents=["d_2018", "d_2023"],
        document_count=2,
    )
    G.edges["e1", "g1"].update(
        evidence_count=2.5, fact_evidence=0.0, plan_evidence=2.5, modality="plan", documents=["d_2019"]
    )
    return G


@pytest.mark.parametrize("directed", [False, True])
def test_detailed_attributes_survive_every_attribute_format(directed):
    G = detailed_graph(directed)
    data = export_bytes(G, "gexf", node_metrics=METRICS)
    assert gexf_problems(data) == []
    H = nx.read_gexf(io.BytesIO(data), version="1.3")
    e = H.edges["e1", "u1"]
    assert (e["modality"], e["documents"], e["document_count"]) == ("fact", "d_2018;d_2023", 2)
    assert e["evidence_count"] == 6.0 and e["plan_evidence"] == 2.0
    assert H.nodes["g1"]["level"] == "municipal" and H.nodes["g1"]["region_path"] == "江苏省;南通市"
    M = nx.read_graphml(io.BytesIO(export_bytes(G, "graphml")))
    assert M.edges["e1", "g1"]["modality"] == "plan" and M.edges["e1", "g1"]["documents"] == "d_2019"
    rows = list(csv.DictReader(io.StringIO(export_bytes(G, "csv-edges").decode())))
    row = next(r for r in rows if {r["source"], r["target"]} == {"e1", "u1"})
    assert row["documents"] == "d_2018;d_2023" and row["modality"] == "fact"
    nodes = {n["id"]: n for n in json.loads(export_bytes(G, "json"))["nodes"]}
    assert nodes["g1"]["level"] == "municipal"
