// name: api_network_around
// mode: read
// params: actor, hops, types?, rel_types?, region?, year_from?, year_to?, min_weight?, modality?, limit
// columns: source, source_name, source_type, source_region, target, target_name, target_type, target_region, rel_type, weight, fact_weight, plan_weight, modality, first_year, last_year
// description: the network around one actor: the actors within hops (1 or 2) relationships of it (ignoring
//   direction, through relationships and actors passing the filters) and the relationships among them
// example: {"actor": "a_ex1", "hops": 2, "types": null, "rel_types": null, "region": null, "year_from": null, "year_to": null, "min_weight": null, "modality": null, "limit": 500}
MATCH (c:Actor {id: $actor})
OPTIONAL MATCH p = (c)-[:CO_BUILDS|LOCATED_IN|FUNDED_BY|COOPERATES_WITH|INTRODUCES|ISSUED_BY|PART_OF|MEMBER_OF*1..2]-(n:Actor)
WHERE length(p) <= $hops
  AND all(x IN nodes(p) WHERE x = c OR $types IS NULL OR x.type IN $types)
  AND all(r IN relationships(p) WHERE ($rel_types IS NULL OR type(r) IN $rel_types)
        AND ($min_weight IS NULL OR r.weight >= $min_weight)
        AND ($modality IS NULL OR ($modality = 'fact' AND r.fact_weight > 0) OR ($modality = 'plan' AND r.plan_weight > 0))
        AND (($year_from IS NULL AND $year_to IS NULL) OR any(y IN coalesce(r.years, []) WHERE
               ($year_from IS NULL OR y >= $year_from) AND ($year_to IS NULL OR y <= $year_to))))
WITH c, collect(DISTINCT n.id) AS around
WITH [c.id] + [x IN around WHERE x <> c.id] AS members
UNWIND members AS member
MATCH (a:Actor {id: member})-[r]->(b:Actor)
WHERE b.id IN members
  AND ($rel_types IS NULL OR type(r) IN $rel_types)
  AND ($region IS NULL OR ($region IN coalesce(a.region_path, []) AND $region IN coalesce(b.region_path, [])))
  AND ($min_weight IS NULL OR r.weight >= $min_weight)
  AND ($modality IS NULL OR ($modality = 'fact' AND r.fact_weight > 0) OR ($modality = 'plan' AND r.plan_weight > 0))
  AND (($year_from IS NULL AND $year_to IS NULL) OR any(y IN coalesce(r.years, []) WHERE
         ($year_from IS NULL OR y >= $year_from) AND ($year_to IS NULL OR y <= $year_to)))
RETURN a.id AS source, a.name AS source_name, a.type AS source_type, a.region AS source_region,
       b.id AS target, b.name AS target_name, b.type AS target_type, b.region AS target_region,
       type(r) AS rel_type, coalesce(r.weight, 0) AS weight, coalesce(r.fact_weight, 0) AS fact_weight,
       coalesce(r.plan_weight, 0) AS plan_weight, r.modality AS modality, r.first_year AS first_year,
       r.last_year AS last_year
ORDER BY weight DESC, source, target, rel_type
LIMIT $limit
