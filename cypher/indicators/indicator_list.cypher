// name: indicator_list
// mode: read
// params: region?, concept?, year_from?, year_to?, kind?, limit
// columns: jurisdiction, actor_id, name, value, value_max, unit, year, kind, concept, measure, qualifier, doc_id, doc_title, evidence, evidence_start, evidence_end
// description: the stated indicators, optionally of one jurisdiction (its canonical name), one concept (a key
//   or a key's prefix: platform matches platform.key_lab.provincial), a year range and a kind (actual/target),
//   with their document and evidence sentence; ordered as a jurisdiction-year panel
// example: {"region": "甲市", "concept": "high_tech_enterprises", "year_from": 2015, "year_to": 2020, "kind": null, "limit": 100}
MATCH (d:Document)-[:STATES]->(i:Indicator)
WHERE ($region IS NULL OR i.jurisdiction = $region)
  AND ($concept IS NULL OR i.concept = $concept OR i.concept STARTS WITH ($concept + '.'))
  AND ($year_from IS NULL OR i.year >= $year_from)
  AND ($year_to IS NULL OR i.year <= $year_to)
  AND ($kind IS NULL OR i.kind = $kind)
OPTIONAL MATCH (i)-[:OF]->(a:Actor)
RETURN i.jurisdiction AS jurisdiction, a.id AS actor_id, i.name AS name, i.value AS value, i.value_max AS value_max,
       i.unit AS unit, i.year AS year, i.kind AS kind, i.concept AS concept, i.measure AS measure,
       i.qualifier AS qualifier, d.id AS doc_id, d.title AS doc_title, i.evidence AS evidence, i.evidence_start AS evidence_start,
       i.evidence_end AS evidence_end
ORDER BY jurisdiction, concept, year, kind, value
LIMIT $limit
