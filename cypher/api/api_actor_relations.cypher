// name: api_actor_relations
// mode: read
// params: id, rel_types?, limit, evidence_limit
// columns: rel_type, direction, head, head_name, head_type, tail, tail_name, tail_type, weight, fact_weight, plan_weight, modality, first_year, last_year, evidence
// description: every relationship of an actor (strongest first, at most limit) with its evidence sentences
//   (text, offsets, year, modality, rule, confidence and the document's id, title and date; at most
//   evidence_limit per relationship, oldest first)
// example: {"id": "a_ex1", "rel_types": null, "limit": 100, "evidence_limit": 20}
MATCH (a:Actor {id: $id})-[r]-(b:Actor)
WHERE $rel_types IS NULL OR type(r) IN $rel_types
WITH a, r, b
ORDER BY r.weight DESC, b.name, type(r)
LIMIT $limit
OPTIONAL MATCH (d:Document)-[:HAS_EVIDENCE]->(e:Evidence {key: r.key})
WITH a, r, b, d, e
ORDER BY e.year, d.date, e.start
WITH a, r, b,
     collect(CASE WHEN e IS NULL THEN NULL ELSE {text: e.text, start: e.start, end: e.end, year: e.year,
       modality: e.modality, rule: e.rule, confidence: e.confidence, source: e.source, doc_id: d.id,
       title: d.title, date: d.date} END) AS evs
RETURN type(r) AS rel_type,
       CASE WHEN type(r) = 'COOPERATES_WITH' THEN 'both' WHEN startNode(r) = a THEN 'out' ELSE 'in' END AS direction,
       startNode(r).id AS head, startNode(r).name AS head_name, startNode(r).type AS head_type,
       endNode(r).id AS tail, endNode(r).name AS tail_name, endNode(r).type AS tail_type,
       coalesce(r.weight, 0) AS weight, coalesce(r.fact_weight, 0) AS fact_weight,
       coalesce(r.plan_weight, 0) AS plan_weight, r.modality AS modality, r.first_year AS first_year,
       r.last_year AS last_year, evs[0..$evidence_limit] AS evidence
ORDER BY weight DESC, rel_type, head_name, tail_name
