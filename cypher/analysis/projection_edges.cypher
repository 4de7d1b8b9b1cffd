// name: projection_edges
// mode: read
// params: none
// columns: source, target, type, weight, modality, first_year, last_year, years
// description: every typed actor-to-actor relationship with its weight and years, for the networkx projection
MATCH (a:Actor)-[r]->(b:Actor)
RETURN a.id AS source, b.id AS target, type(r) AS type, r.weight AS weight, r.modality AS modality,
       r.first_year AS first_year, r.last_year AS last_year, r.years AS years
