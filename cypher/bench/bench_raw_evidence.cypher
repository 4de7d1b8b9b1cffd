// name: bench_raw_evidence
// mode: write
// params: rows
// columns: evidence
// description: benchmark only (bench/bench_ingest.py): the store's raw batched write rate for Evidence nodes
//   and their HAS_EVIDENCE link from the (existing) document, one MERGE per row on the indexed id
// example: {"rows": [{"doc": "d_bench_raw", "props": {"id": "e_bench_raw", "doc_id": "d_bench_raw", "key": "CO_BUILDS|a|b", "text": "甲共建乙", "year": 2020}}]}
UNWIND $rows AS r
MATCH (d:Document {id: r.doc})
MERGE (x:Evidence {id: r.props.id})
SET x += r.props
MERGE (d)-[:HAS_EVIDENCE]->(x)
RETURN count(x) AS evidence
