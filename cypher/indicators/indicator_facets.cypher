// name: indicator_facets
// mode: read
// params: limit
// columns: jurisdiction, actor_id, concept, indicators, first_year, last_year, targets
// description: what the graph holds indicators of: one row per (jurisdiction, concept) with how many
//   indicators are stated, their first and last year and how many are targets; the explorer's chart
//   menus and the refusal of an unknown --region / region= come from it
// example: {"limit": 100}
MATCH (:Document)-[:STATES]->(i:Indicator)
OPTIONAL MATCH (i)-[:OF]->(a:Actor)
WITH i.jurisdiction AS jurisdiction, i.concept AS concept, collect(DISTINCT a.id) AS actors,
     count(i) AS indicators, min(i.year) AS first_year, max(i.year) AS last_year,
     sum(CASE WHEN i.kind = 'target' THEN 1 ELSE 0 END) AS targets
RETURN jurisdiction, head(actors) AS actor_id, concept, indicators, first_year, last_year, targets
ORDER BY jurisdiction, indicators DESC, concept
LIMIT $limit
