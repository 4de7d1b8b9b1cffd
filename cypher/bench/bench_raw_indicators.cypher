// name: bench_raw_indicators
// mode: write
// params: rows
// columns: indicators
// description: benchmark only (bench/bench_ingest.py): the store's raw batched write rate for Indicator nodes,
//   their STATES link from the (existing) document and, when given, their OF link to the (existing) actor
// example: {"rows": [{"doc": "d_bench_raw", "actor": "a_bench_raw", "props": {"id": "i_bench_raw", "doc_id": "d_bench_raw", "name": "高新技术企业", "value": 12.0, "unit": "家", "year": 2020, "kind": "actual"}}]}
UNWIND $rows AS r
MATCH (d:Document {id: r.doc})
MERGE (x:Indicator {id: r.props.id})
SET x += r.props
MERGE (d)-[:STATES]->(x)
WITH x, r
OPTIONAL MATCH (a:Actor {id: r.actor})
FOREACH (y IN CASE WHEN a IS NULL THEN [] ELSE [a] END | MERGE (x)-[:OF]->(y))
RETURN count(x) AS indicators
