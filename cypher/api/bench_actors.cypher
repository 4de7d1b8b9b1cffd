// name: bench_actors
// mode: write
// params: doc, actors
// columns: actors
// description: benchmark only (bench/bench_api.py): create one synthetic document and a batch of new actors
//   it mentions, without the per-document bookkeeping of load_document
// example: {"doc": {"id": "d_bench_example", "title": "bench", "year": 2020, "status": "complete"}, "actors": [{"id": "a_bench_1", "name": "基准大学1", "type": "University", "region": "甲市", "aliases": ["基准1"]}]}
MERGE (d:Document {id: $doc.id})
SET d += $doc
WITH d
UNWIND $actors AS a
CREATE (n:Actor)
SET n += a
CREATE (d)-[:MENTIONS {count: 1, surfaces: [a.name], implicit: false}]->(n)
RETURN count(n) AS actors
