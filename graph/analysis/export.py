"""Export a graph to the formats network researchers use, streaming into a binary stream.

``export_graph(G, fmt, out)`` writes UTF-8 bytes to ``out`` (a file opened ``"wb"``, a
``BytesIO``, a response body). Attribute values are prepared the same way for every format:
``None`` and NaN values are left out, lists (``types``, ``via``) become ``;``-joined strings,
``weight`` is a float, and characters XML 1.0 forbids (control characters) are removed from
strings. ``node_metrics`` (``{"pagerank": {node: value}, ...}``) adds computed
metrics as node attributes.

Formats (``FORMATS`` gives media type and file extension):

* ``graphml``: networkx's GraphML writer (typed ``<key>`` declarations).
* ``gexf``: GEXF 1.3 written here (namespace ``http://gexf.net/1.3``), valid under the
  normative 1.3 RELAX NG grammar (so no ``xsi:schemaLocation``). Node attributes and
  metrics are declared ``<attributes class="node">``; edges carry ``weight``. When edges have
  years the graph is ``mode="dynamic"`` with ``timeformat="integer"`` and
  ``timerepresentation="interval"``: an edge lives from ``first_year`` to ``last_year``
  (closed interval) and a node from the earliest year of its edges, so Gephi's timeline
  works. networkx's own GEXF 1.3 writer is not used: it writes ``timeformat="long"`` (not in
  the schema) and a wrong XML-Schema-instance namespace.
* ``pajek``: ``*Vertices`` with quoted labels, then ``*Edges`` (undirected) or ``*Arcs``
  (directed) as ``i j weight``, 1-based.
* ``ucinet``: UCINET DL ``format=edgelist1`` with a ``labels:`` section; an undirected tie
  is listed in both directions (UCINET reads edge lists as directed).
* ``csv-nodes`` / ``csv-edges``: one row per node / edge with a header.
* ``json``: networkx node-link JSON (``nodes`` / ``edges`` keys).

Pajek and UCINET have no attributes: their labels are node names, made unique by appending
`` [id]`` to names that occur more than once (:func:`display_labels`).

Curation (:class:`CurationMarks`, applied by :func:`mark_curation`): a node or edge a person's decision
shaped carries ``curated``, the kinds of those decisions comma-joined in log order (``merge,retype``; an
edge: ``add``, ``review``), and ``curation_decisions``, their numbers in the curation log (``2,5``);
nothing else carries them. Relations rejected by curation are not edges of the export (the file is the
network as curated, and its metrics are computed on it); those between two exported nodes are named in the
file where the format has room: the JSON's ``graph.rejected_relations`` (number, type, ends, note, author,
time), GraphML's graph attribute ``rejected_relations`` and the GEXF description (one line each:
``#N TYPE head -> tail: note``). CSV, Pajek and UCINET carry no graph-level record; Pajek and UCINET no
marks either.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import math
import re
from collections.abc import Hashable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import IO, Literal
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from graph.analysis.errors import UnknownFormatError
from graph.analysis.projection import ProjectionFilter
from graph.vocabulary import SYMMETRIC_RELATIONS

logger = logging.getLogger(__name__)

ExportFormat = Literal["graphml", "gexf", "pajek", "ucinet", "csv-nodes", "csv-edges", "json"]

GEXF_NS = "http://gexf.net/1.3"


@dataclass(frozen=True)
class FormatInfo:
    media_type: str
    extension: str
    description: str


FORMATS: dict[str, FormatInfo] = {
    "graphml": FormatInfo("application/graphml+xml", ".graphml", "GraphML (yEd, Gephi, Cytoscape, networkx)"),
    "gexf": FormatInfo("application/gexf+xml", ".gexf", "GEXF 1.3, dynamic (Gephi)"),
    "pajek": FormatInfo("text/plain; charset=utf-8", ".net", "Pajek network"),
    "ucinet": FormatInfo("text/plain; charset=utf-8", ".dl", "UCINET DL, edgelist1"),
    "csv-nodes": FormatInfo("text/csv; charset=utf-8", ".nodes.csv", "CSV node list"),
    "csv-edges": FormatInfo("text/csv; charset=utf-8", ".edges.csv", "CSV edge list"),
    "json": FormatInfo("application/json", ".json", "networkx node-link JSON"),
}

NODE_COLUMNS = ("id", "name", "type", "region", "subtype")
EDGE_COLUMNS = ("source", "target", "weight", "types", "first_year", "last_year")

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean_value(value: object) -> object | None:
    """Exportable form of an attribute value, or ``None`` to leave it out."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(str(x) for x in value) if isinstance(value, set | frozenset) else [str(x) for x in value]
        return _XML_INVALID.sub("", ";".join(items))
    if isinstance(value, str):
        return _XML_INVALID.sub("", value)
    if isinstance(value, bool | int | float):
        return value
    return _XML_INVALID.sub("", str(value))


def prepare(G: nx.Graph, node_metrics: Mapping[str, Mapping[Hashable, float]] | None = None) -> nx.Graph:
    """A copy of ``G`` with export-ready attributes (see the module docstring)."""
    H = G.__class__()
    for v, data in G.nodes(data=True):
        attrs = {k: c for k, val in data.items() if (c := _clean_value(val)) is not None}
        for metric, values in (node_metrics or {}).items():
            if v in values and (c := _clean_value(float(values[v]))) is not None:
                attrs[metric] = c
        H.add_node(v, **attrs)
    for u, v, data in G.edges(data=True):
        attrs = {k: c for k, val in data.items() if (c := _clean_value(val)) is not None}
        attrs["weight"] = float(data.get("weight", 1.0))
        H.add_edge(u, v, **attrs)
    if G.graph.get("rejected_relations"):
        H.graph["rejected_relations"] = list(G.graph["rejected_relations"])
    return H


# ---------------------------------------------------------------- curation marks


@dataclass(frozen=True)
class Mark:
    """One curation decision that shaped a node or an edge: its number in the log and its kind (``merge``,
    ``split``, ``retype``, ``rename``, ``add``, ``review``; ``unknown`` when the log no longer has it)."""

    decision: int
    kind: str


@dataclass(frozen=True)
class RejectedRelation:
    """A relation a person rejected (not in the graph), named by the ids of its ends."""

    decision: int
    type: str
    source: str
    target: str
    source_name: str
    target_name: str
    note: str = ""
    author: str = ""
    at: str = ""

    def line(self) -> str:
        return f"#{self.decision} {self.type} {self.source_name} -> {self.target_name}" + (
            f": {self.note}" if self.note else ""
        )


@dataclass(frozen=True)
class CurationMarks:
    """What curation did to the facts of the graph (``ingest.curation.export_marks`` reads it): the marks of
    actors by id, the marks of relationships by ``(head id, tail id, type)``, and the relations rejected."""

    nodes: Mapping[str, tuple[Mark, ...]] = field(default_factory=dict)
    relations: Mapping[tuple[str, str, str], tuple[Mark, ...]] = field(default_factory=dict)
    rejected: tuple[RejectedRelation, ...] = ()


def _mark_attrs(marks: list[Mark]) -> dict[str, str]:
    ordered = sorted(set(marks), key=lambda m: (m.decision, m.kind))
    kinds = list(dict.fromkeys(m.kind for m in ordered))
    numbers = list(dict.fromkeys(str(m.decision) for m in ordered))
    return {"curated": ",".join(kinds), "curation_decisions": ",".join(numbers)}


def mark_curation(G: nx.Graph, marks: CurationMarks, flt: ProjectionFilter | None = None) -> nx.Graph:
    """A copy of ``G`` whose curated nodes and edges carry ``curated`` and ``curation_decisions`` (see the
    module docstring), with ``graph["rejected_relations"]``: the rejected relations between two of its nodes
    (of the filter's relation types; none in a two-mode projection, whose edges are shared affiliations).

    An edge stands for the relationships of a pair of the types it lists (``types``): it takes the marks
    of each of them; a symmetric relationship marks both arcs of a directed graph."""
    H = G.copy()
    for v, node_marks in marks.nodes.items():
        if v in H and node_marks:
            H.nodes[v].update(_mark_attrs(list(node_marks)))
    edge_marks: dict[tuple[Hashable, Hashable], list[Mark]] = {}
    for (head, tail, rel_type), rel_marks in marks.relations.items():
        ends: list[tuple[Hashable, Hashable]] = [(head, tail)]
        if H.is_directed() and rel_type in SYMMETRIC_RELATIONS:
            ends.append((tail, head))
        for a, b in ends:
            if H.has_edge(a, b) and rel_type in (H.edges[a, b].get("types") or ()):
                key = (a, b) if H.is_directed() or str(a) <= str(b) else (b, a)
                edge_marks.setdefault(key, []).extend(rel_marks)
    for (a, b), found in edge_marks.items():
        H.edges[a, b].update(_mark_attrs(found))
    two_mode = flt is not None and flt.two_mode is not None
    wanted = flt.relation_types if flt is not None else None
    rejected = [
        r
        for r in marks.rejected
        if not two_mode and r.source in H and r.target in H and (wanted is None or r.type in wanted)
    ]
    if rejected:
        H.graph["rejected_relations"] = rejected
    return H


def display_labels(G: nx.Graph) -> dict[Hashable, str]:
    """Node labels for attribute-less formats: the name, with `` [id]`` where names repeat."""
    names = {v: str(d.get("name") or v) for v, d in G.nodes(data=True)}
    counts: dict[str, int] = {}
    for name in names.values():
        counts[name] = counts.get(name, 0) + 1
    return {v: (name if counts[name] == 1 else f"{name} [{v}]") for v, name in names.items()}


# ---------------------------------------------------------------- GEXF 1.3


def _xml_text(value: object) -> str:
    return _XML_INVALID.sub("", str(value))


def _gexf_type(values: list[object]) -> str:
    if all(isinstance(x, bool) for x in values):
        return "boolean"
    if all(isinstance(x, int) and not isinstance(x, bool) for x in values):
        return "integer"
    if all(isinstance(x, int | float) and not isinstance(x, bool) for x in values):
        return "double"
    return "string"


def _gexf_value(value: object, typ: str) -> str:
    if typ == "boolean":
        return "true" if value else "false"
    if typ == "double":
        x = float(value)  # type: ignore[arg-type]
        return "INF" if x == math.inf else "-INF" if x == -math.inf else repr(x)
    return _xml_text(value)


def _declare(items: Iterator[dict[str, object]], skip: set[str]) -> dict[str, str]:
    seen: dict[str, list[object]] = {}
    for data in items:
        for k, val in data.items():
            if k not in skip:
                seen.setdefault(k, []).append(val)
    return {k: _gexf_type(vals) for k, vals in sorted(seen.items())}


def _attr(name: str, value: object) -> str:
    return f" {name}={quoteattr(_xml_text(value))}"


def _attvalue(attr_id: str, value: str) -> str:
    return f'          <attvalue for="{attr_id}"{_attr("value", value)}/>\n'


def write_gexf(G: nx.Graph, out: IO[bytes], *, description: str = "InnoGraph export") -> None:
    """Write a prepared graph (see :func:`prepare`) as GEXF 1.3."""
    node_skip = {"name", "label"}
    edge_skip = {"weight", "label", "id"}
    node_types = _declare((d for _, d in G.nodes(data=True)), node_skip)
    edge_types = _declare((d for _, _, d in G.edges(data=True)), edge_skip)
    node_ids = {k: str(i) for i, k in enumerate(node_types)}
    edge_ids = {k: str(i) for i, k in enumerate(edge_types)}

    node_start: dict[Hashable, int] = {}
    dynamic = False
    for u, v, d in G.edges(data=True):
        first = d.get("first_year", d.get("last_year"))
        if isinstance(first, int):
            dynamic = True
            for x in (u, v):
                node_start[x] = min(node_start.get(x, first), first)

    buf: list[str] = []

    def flush(force: bool = False) -> None:
        if force or len(buf) >= 2000:
            out.write("".join(buf).encode("utf-8"))
            buf.clear()

    edgetype = "directed" if G.is_directed() else "undirected"
    buf.append('<?xml version="1.0" encoding="UTF-8"?>\n')
    # No xsi:schemaLocation: the GEXF 1.3 grammar (RELAX NG) allows only version and variant here.
    buf.append(f'<gexf xmlns="{GEXF_NS}" version="1.3">\n')
    buf.append(f'  <meta lastmodifieddate="{date.today().isoformat()}">\n')
    buf.append("    <creator>InnoGraph</creator>\n")
    buf.append(f"    <description>{escape(_xml_text(description))}</description>\n  </meta>\n")
    graph_attrs = f'defaultedgetype="{edgetype}"'
    if dynamic:
        graph_attrs += ' mode="dynamic" timeformat="integer" timerepresentation="interval"'
    else:
        graph_attrs += ' mode="static"'
    buf.append(f"  <graph {graph_attrs}>\n")
    for cls, types, ids in (("node", node_types, node_ids), ("edge", edge_types, edge_ids)):
        if not types:
            continue
        # 1.3 dropped the mode/start/end attributes of <attributes>; values are static by default.
        buf.append(f'    <attributes class="{cls}">\n')
        for key, typ in types.items():
            buf.append(f'      <attribute id="{ids[key]}"{_attr("title", key)} type="{typ}"/>\n')
        buf.append("    </attributes>\n")

    buf.append("    <nodes>\n")
    for v, d in G.nodes(data=True):
        label = d.get("name", d.get("label", v))
        start = f' start="{node_start[v]}"' if v in node_start else ""
        values = [(k, val) for k, val in d.items() if k in node_types]
        if not values:
            buf.append(f"      <node{_attr('id', v)}{_attr('label', label)}{start}/>\n")
        else:
            buf.append(f"      <node{_attr('id', v)}{_attr('label', label)}{start}>\n        <attvalues>\n")
            for k, val in values:
                buf.append(_attvalue(node_ids[k], _gexf_value(val, node_types[k])))
            buf.append("        </attvalues>\n      </node>\n")
        flush()
    buf.append("    </nodes>\n    <edges>\n")
    for i, (u, v, d) in enumerate(G.edges(data=True)):
        weight = repr(float(d.get("weight", 1.0)))  # type: ignore[arg-type]
        head = f'      <edge id="{i}"{_attr("source", u)}{_attr("target", v)} weight="{weight}"'
        first, last = d.get("first_year"), d.get("last_year")
        if isinstance(first, int) or isinstance(last, int):
            lo = first if isinstance(first, int) else last
            hi = last if isinstance(last, int) else first
            head += f' start="{lo}" end="{hi}"'
        values = [(k, val) for k, val in d.items() if k in edge_types]
        if not values:
            buf.append(head + "/>\n")
        else:
            buf.append(head + ">\n        <attvalues>\n")
            for k, val in values:
                buf.append(_attvalue(edge_ids[k], _gexf_value(val, edge_types[k])))
            buf.append("        </attvalues>\n      </edge>\n")
        flush()
    buf.append("    </edges>\n  </graph>\n</gexf>\n")
    flush(force=True)


# ---------------------------------------------------------------- Pajek and UCINET


def _number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def write_pajek(G: nx.Graph, out: IO[bytes]) -> None:
    """Pajek ``.net``: vertices with quoted labels, then edges or arcs with weights."""
    labels = display_labels(G)
    index = {v: i for i, v in enumerate(G.nodes(), start=1)}
    lines = [f"*Vertices {G.number_of_nodes()}"]
    lines += [f'{index[v]} "{labels[v].replace(chr(34), chr(39))}"' for v in G.nodes()]
    lines.append("*Arcs" if G.is_directed() else "*Edges")
    lines += [f"{index[u]} {index[v]} {_number(d.get('weight', 1.0))}" for u, v, d in G.edges(data=True)]
    out.write(("\n".join(lines) + "\n").encode("utf-8"))


def _dl_label(label: str) -> str:
    label = label.replace('"', "'")
    return f'"{label}"' if re.search(r"[\s,]", label) else label


def write_ucinet(G: nx.Graph, out: IO[bytes]) -> None:
    """UCINET DL ``edgelist1``: ``dl n=N format=edgelist1``, ``labels:``, ``data:`` as ``i j w``."""
    labels = display_labels(G)
    index = {v: i for i, v in enumerate(G.nodes(), start=1)}
    lines = [f"dl n={G.number_of_nodes()} format=edgelist1", "labels:"]
    lines += [_dl_label(labels[v]) for v in G.nodes()]
    lines.append("data:")
    for u, v, d in G.edges(data=True):
        w = _number(d.get("weight", 1.0))
        lines.append(f"{index[u]} {index[v]} {w}")
        if not G.is_directed():
            lines.append(f"{index[v]} {index[u]} {w}")
    out.write(("\n".join(lines) + "\n").encode("utf-8"))


# ---------------------------------------------------------------- CSV and JSON


def _csv_cell(value: object) -> object:
    return "" if value is None else value


def write_csv_nodes(G: nx.Graph, out: IO[bytes]) -> None:
    extra = sorted({k for _, d in G.nodes(data=True) for k in d} - set(NODE_COLUMNS))
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    try:
        w = csv.writer(text)
        w.writerow([*NODE_COLUMNS, *extra])
        for v, d in G.nodes(data=True):
            w.writerow([v, *(_csv_cell(d.get(c)) for c in NODE_COLUMNS[1:]), *(_csv_cell(d.get(c)) for c in extra)])
    finally:
        text.flush()
        text.detach()


def write_csv_edges(G: nx.Graph, out: IO[bytes]) -> None:
    extra = sorted({k for _, _, d in G.edges(data=True) for k in d} - set(EDGE_COLUMNS))
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    try:
        w = csv.writer(text)
        w.writerow([*EDGE_COLUMNS, *extra])
        for u, v, d in G.edges(data=True):
            w.writerow(
                [
                    u,
                    v,
                    *(_csv_cell(d.get(c)) for c in EDGE_COLUMNS[2:]),
                    *(_csv_cell(d.get(c)) for c in extra),
                ]
            )
    finally:
        text.flush()
        text.detach()


def write_json(G: nx.Graph, out: IO[bytes]) -> None:
    data = nx.node_link_data(G, edges="edges")
    out.write(json.dumps(data, ensure_ascii=False, allow_nan=False).encode("utf-8"))


def export_graph(
    G: nx.Graph,
    fmt: ExportFormat,
    out: IO[bytes],
    *,
    node_metrics: Mapping[str, Mapping[Hashable, float]] | None = None,
) -> None:
    """Write ``G`` (plus ``node_metrics`` as node attributes) to ``out`` in format ``fmt``."""
    if fmt not in FORMATS:
        raise UnknownFormatError(f"unknown export format {fmt!r} ({', '.join(FORMATS)})", fmt)
    H = prepare(G, node_metrics)
    logger.debug("export_graph: %s, %d nodes, %d edges", fmt, H.number_of_nodes(), H.number_of_edges())
    rejected: list[RejectedRelation] = H.graph.pop("rejected_relations", [])
    record = "\n".join(r.line() for r in rejected)
    if fmt == "graphml":
        if rejected:
            H.graph["rejected_relations"] = _XML_INVALID.sub("", record)
        nx.write_graphml(H, out, encoding="utf-8")
    elif fmt == "gexf":
        description = "InnoGraph export"
        if rejected:
            description += "\nRelations rejected by curation, left out:\n" + record
        write_gexf(H, out, description=description)
    elif fmt == "pajek":
        write_pajek(H, out)
    elif fmt == "ucinet":
        write_ucinet(H, out)
    elif fmt == "csv-nodes":
        write_csv_nodes(H, out)
    elif fmt == "csv-edges":
        write_csv_edges(H, out)
    else:
        if rejected:
            H.graph["rejected_relations"] = [asdict(r) for r in rejected]
        write_json(H, out)
