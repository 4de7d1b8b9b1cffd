// name: bench_raw_mentions
// mode: write
// params: rows
// columns: mentions
// description: benchmark only (bench/bench_ingest.py): the store's raw batched write rate for MENTIONS
//   relationships between existing documents and actors (matched on indexed ids), properties at once
// example: {"rows": [{"doc": "d_bench_raw", "actor": "a_bench_raw", "props": {"count": 1, "surfaces": ["基准大学"], "implicit": false}}]}
UNWIND $rows AS r
MATCH (d:Document {id: r.doc}), (n:Actor {id: r.actor})
MERGE (d)-[m:MENTIONS]->(n)
SET m += r.props
RETURN count(m) AS mentions
