// name: bench_raw_actors
// mode: write
// params: rows
// columns: actors
// description: benchmark only (bench/bench_ingest.py): the store's raw batched write rate for Actor nodes,
//   MERGE on the indexed id, all properties at once, and the type label as load_document sets it
// example: {"rows": [{"id": "a_bench_raw", "type": "University", "props": {"id": "a_bench_raw", "name": "基准大学", "type": "University", "aliases": ["基准大学"]}}]}
UNWIND $rows AS r
MERGE (n:Actor {id: r.id})
SET n += r.props
FOREACH (x IN CASE WHEN r.type = 'City' THEN [1] ELSE [] END | SET n:City)
FOREACH (x IN CASE WHEN r.type = 'District' THEN [1] ELSE [] END | SET n:District)
FOREACH (x IN CASE WHEN r.type = 'Enterprise' THEN [1] ELSE [] END | SET n:Enterprise)
FOREACH (x IN CASE WHEN r.type = 'University' THEN [1] ELSE [] END | SET n:University)
FOREACH (x IN CASE WHEN r.type = 'ResearchInstitute' THEN [1] ELSE [] END | SET n:ResearchInstitute)
FOREACH (x IN CASE WHEN r.type = 'Platform' THEN [1] ELSE [] END | SET n:Platform)
FOREACH (x IN CASE WHEN r.type = 'Policy' THEN [1] ELSE [] END | SET n:Policy)
FOREACH (x IN CASE WHEN r.type = 'Programme' THEN [1] ELSE [] END | SET n:Programme)
FOREACH (x IN CASE WHEN r.type = 'GovernmentAgency' THEN [1] ELSE [] END | SET n:GovernmentAgency)
RETURN count(n) AS actors
