// name: bench_raw_relations
// mode: write
// params: rows
// columns: relationships
// description: benchmark only (bench/bench_ingest.py): the store's raw batched write rate for typed actor
//   relationships (MERGE on the key, properties at once), the type chosen as load_document chooses it
// example: {"rows": [{"head": "a_bench_raw", "tail": "a_bench_raw2", "type": "CO_BUILDS", "key": "CO_BUILDS|a_bench_raw|a_bench_raw2", "props": {"weight": 1, "modality": "fact", "years": [2020]}}]}
UNWIND $rows AS r
MATCH (h:Actor {id: r.head}), (t:Actor {id: r.tail})
FOREACH (x IN CASE WHEN r.type = 'CO_BUILDS' THEN [1] ELSE [] END | MERGE (h)-[e:CO_BUILDS {key: r.key}]->(t) SET e += r.props)
FOREACH (x IN CASE WHEN r.type = 'LOCATED_IN' THEN [1] ELSE [] END | MERGE (h)-[e:LOCATED_IN {key: r.key}]->(t) SET e += r.props)
FOREACH (x IN CASE WHEN r.type = 'FUNDED_BY' THEN [1] ELSE [] END | MERGE (h)-[e:FUNDED_BY {key: r.key}]->(t) SET e += r.props)
FOREACH (x IN CASE WHEN r.type = 'COOPERATES_WITH' THEN [1] ELSE [] END |
  MERGE (h)-[e:COOPERATES_WITH {key: r.key}]->(t) SET e += r.props)
FOREACH (x IN CASE WHEN r.type = 'INTRODUCES' THEN [1] ELSE [] END | MERGE (h)-[e:INTRODUCES {key: r.key}]->(t) SET e += r.props)
FOREACH (x IN CASE WHEN r.type = 'ISSUED_BY' THEN [1] ELSE [] END | MERGE (h)-[e:ISSUED_BY {key: r.key}]->(t) SET e += r.props)
FOREACH (x IN CASE WHEN r.type = 'PART_OF' THEN [1] ELSE [] END | MERGE (h)-[e:PART_OF {key: r.key}]->(t) SET e += r.props)
FOREACH (x IN CASE WHEN r.type = 'MEMBER_OF' THEN [1] ELSE [] END | MERGE (h)-[e:MEMBER_OF {key: r.key}]->(t) SET e += r.props)
RETURN count(*) AS relationships
