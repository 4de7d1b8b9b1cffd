// name: api_actor_neighbors
// mode: read
// params: id, rel_types?, direction?, modality?, year_from?, year_to?, skip, limit
// columns: id, name, type, region, rel_type, direction, weight, fact_weight, plan_weight, modality, first_year, last_year, years
// description: the actors related to an actor, strongest first. direction is out, in or both (symmetric types
//   such as COOPERATES_WITH are reported as both and match every direction); modality fact|plan keeps
//   relationships with at least one such evidence sentence; year_from/year_to keep relationships with
//   evidence in that range
// example: {"id": "a_ex1", "rel_types": ["CO_BUILDS"], "direction": "out", "modality": "fact", "year_from": 2010, "year_to": 2030, "skip": 0, "limit": 50}
MATCH (a:Actor {id: $id})-[r]-(b:Actor)
WITH a, r, b,
     CASE WHEN type(r) = 'COOPERATES_WITH' THEN 'both' WHEN startNode(r) = a THEN 'out' ELSE 'in' END AS direction
WHERE ($rel_types IS NULL OR type(r) IN $rel_types)
  AND ($direction IS NULL OR $direction = 'both' OR direction = $direction OR direction = 'both')
  AND ($modality IS NULL OR ($modality = 'fact' AND r.fact_weight > 0) OR ($modality = 'plan' AND r.plan_weight > 0))
  AND (($year_from IS NULL AND $year_to IS NULL) OR any(y IN coalesce(r.years, []) WHERE
         ($year_from IS NULL OR y >= $year_from) AND ($year_to IS NULL OR y <= $year_to)))
RETURN b.id AS id, b.name AS name, b.type AS type, b.region AS region, type(r) AS rel_type, direction,
       coalesce(r.weight, 0) AS weight, coalesce(r.fact_weight, 0) AS fact_weight,
       coalesce(r.plan_weight, 0) AS plan_weight, r.modality AS modality, r.first_year AS first_year,
       r.last_year AS last_year, coalesce(r.years, []) AS years
ORDER BY weight DESC, name, id, rel_type
SKIP $skip
LIMIT $limit
