// name: bench_raw_documents
// mode: write
// params: rows
// columns: documents
// description: benchmark only (bench/bench_ingest.py): the store's raw batched write rate for Document
//   nodes, one MERGE on the indexed id per row with all properties set at once
// example: {"rows": [{"id": "d_bench_raw", "title": "基准", "year": 2020, "status": "complete"}]}
UNWIND $rows AS r
MERGE (d:Document {id: r.id})
SET d += r
RETURN count(d) AS documents
