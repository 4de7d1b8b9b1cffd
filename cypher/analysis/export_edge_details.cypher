// name: export_edge_details
// mode: read
// params: none
// columns: source, target, type, weight, fact_weight, plan_weight, modality, first_year, last_year, years, documents
// description: every typed actor-to-actor relationship with its fact/plan evidence counts and the ids of the
//   documents whose evidence supports it, for the attributes of exported edges
MATCH (a:Actor)-[r]->(b:Actor)
OPTIONAL MATCH (x:Evidence {key: r.key})
RETURN a.id AS source, b.id AS target, type(r) AS type, r.weight AS weight,
       coalesce(r.fact_weight, 0) AS fact_weight, coalesce(r.plan_weight, 0) AS plan_weight, r.modality AS modality,
       r.first_year AS first_year, r.last_year AS last_year, r.years AS years, collect(DISTINCT x.doc_id) AS documents
