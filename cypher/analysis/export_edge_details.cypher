// name: export_edge_details
// mode: read
// params: modality?
// columns: source, target, type, weight, fact_weight, plan_weight, modality, first_year, last_year, years, documents,
//   evidence_years
// description: every typed actor-to-actor relationship with its fact/plan evidence counts and the ids of the
//   documents whose evidence supports it (only evidence of $modality when given, with its years), for the
//   attributes of exported edges
// example: {"modality": "plan"}
MATCH (a:Actor)-[r]->(b:Actor)
OPTIONAL MATCH (x:Evidence {key: r.key})
WHERE $modality IS NULL OR x.modality = $modality
RETURN a.id AS source, b.id AS target, type(r) AS type, r.weight AS weight,
       coalesce(r.fact_weight, 0) AS fact_weight, coalesce(r.plan_weight, 0) AS plan_weight, r.modality AS modality,
       r.first_year AS first_year, r.last_year AS last_year, r.years AS years, collect(DISTINCT x.doc_id) AS documents,
       collect(DISTINCT x.year) AS evidence_years
