// name: api_network_edges
// mode: read
// params: types?, rel_types?, region?, year_from?, year_to?, min_weight?, modality?, limit
// columns: source, source_name, source_type, source_region, target, target_name, target_type, target_region, rel_type, weight, fact_weight, plan_weight, modality, first_year, last_year
// description: actor-to-actor relationships, strongest first, filtered by the actor types of both ends, the
//   relationship types, both ends within the region (as the analysis projection), evidence years, minimum weight and modality
// example: {"types": ["University", "ResearchInstitute"], "rel_types": ["CO_BUILDS"], "region": null, "year_from": 2015, "year_to": 2020, "min_weight": 1, "modality": "fact", "limit": 500}
MATCH (a:Actor)-[r]->(b:Actor)
WHERE ($rel_types IS NULL OR type(r) IN $rel_types)
  AND ($types IS NULL OR (a.type IN $types AND b.type IN $types))
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
