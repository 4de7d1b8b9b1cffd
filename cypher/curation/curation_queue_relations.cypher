// name: curation_queue_relations
// mode: read
// params: types, below, limit
// columns: type, head, head_name, head_type, tail, tail_name, tail_type, confidence, weight
// description: relationships between actors whose confidence (the best of their evidence's) is below
//   $below, least confident first (the review queue's low-confidence relations)
// example: {"types": ["CO_BUILDS", "COOPERATES_WITH"], "below": 0.8, "limit": 1000}
MATCH (h:Actor)-[r]->(t:Actor)
WHERE type(r) IN $types AND r.confidence IS NOT NULL AND r.confidence < $below
RETURN type(r) AS type, h.id AS head, h.name AS head_name, h.type AS head_type,
       t.id AS tail, t.name AS tail_name, t.type AS tail_type, r.confidence AS confidence,
       coalesce(r.weight, 1) AS weight
ORDER BY confidence, type, head, tail
LIMIT $limit
