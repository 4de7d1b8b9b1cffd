// name: indicator_load
// mode: write
// params: doc_id, indicators
// columns: indicators
// description: write one document's indicators (issue 17) in one query: each becomes an Indicator node with
//   its evidence sentence, linked (Document)-[:STATES]->(Indicator) and, when the jurisdiction's actor is in
//   the graph (the first of $indicators[].actor_ids found, each looked up by the Actor id index),
//   (Indicator)-[:OF]->(Actor). The document's earlier
//   indicators are deleted first, so running it twice leaves one copy. Nothing is written without the Document.
// example: {"doc_id": "d_example", "indicators": [{"actor_ids": ["a_ex1"], "props": {"id": "i_ex", "doc_id": "d_example", "jurisdiction": "甲市", "name": "新增高新技术企业", "value": 34.0, "value_max": null, "unit": "家", "year": 2018, "kind": "actual", "concept": "high_tech_enterprises", "qualifier": null, "measure": "flow", "evidence": "新增高新技术企业34家", "evidence_start": 0, "evidence_end": 11}}]}
MATCH (d:Document {id: $doc_id})
OPTIONAL MATCH (d)-[:STATES]->(old:Indicator)
WITH d, collect(old) AS olds
FOREACH (o IN olds | DETACH DELETE o)
WITH d
UNWIND $indicators AS i
CREATE (x:Indicator)
SET x += i.props
CREATE (d)-[:STATES]->(x)
WITH x, i
UNWIND CASE WHEN size(i.actor_ids) = 0 THEN [null] ELSE i.actor_ids END AS aid
OPTIONAL MATCH (a:Actor {id: aid})
WITH x, collect(a) AS found
FOREACH (y IN found[0..1] | MERGE (x)-[:OF]->(y))
RETURN count(x) AS indicators
