// name: indicator_gaps
// mode: read
// params: region?, concept?, year_from?, year_to?, limit
// columns: jurisdiction, concept, name, value, value_max, unit, year, kind, measure, qualifier, doc_id, doc_title, doc_year, evidence
// description: the material of the target-vs-actual view (ingest/indicators/gaps.py pairs it): for each
//   (jurisdiction, concept, year) that some document sets a target for — optionally of one jurisdiction, one
//   concept (a key or a key's prefix) and a range of target years; at most $limit such cells, in order — every
//   indicator stated for it, targets and actuals, from any document, with the stating document's year
// example: {"region": "甲市", "concept": "high_tech_enterprises", "year_from": 2015, "year_to": 2025, "limit": 100}
MATCH (:Document)-[:STATES]->(t:Indicator {kind: 'target'})
WHERE t.year IS NOT NULL
  AND ($region IS NULL OR t.jurisdiction = $region)
  AND ($concept IS NULL OR t.concept = $concept OR t.concept STARTS WITH ($concept + '.'))
  AND ($year_from IS NULL OR t.year >= $year_from)
  AND ($year_to IS NULL OR t.year <= $year_to)
WITH DISTINCT t.jurisdiction AS j, t.concept AS c, t.year AS y
ORDER BY j, c, y
LIMIT $limit
MATCH (d:Document)-[:STATES]->(i:Indicator)
WHERE i.jurisdiction = j AND i.concept = c AND i.year = y
RETURN i.jurisdiction AS jurisdiction, i.concept AS concept, i.name AS name, i.value AS value,
       i.value_max AS value_max, i.unit AS unit, i.year AS year, i.kind AS kind, i.measure AS measure,
       i.qualifier AS qualifier, d.id AS doc_id, d.title AS doc_title, d.year AS doc_year, i.evidence AS evidence
ORDER BY jurisdiction, concept, year, kind, doc_id
