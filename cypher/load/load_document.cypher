// name: load_document
// mode: write
// params: doc, actors, evidence, indicators, keys
// columns: relationships
// description: write one document's whole contribution in one atomic query: the Document node, its actors
//   (MENTIONS with surface forms; new surface forms join the actor's aliases), its evidence sentences, and the
//   document's indicators (Indicator nodes, (Document)-[:STATES]->(Indicator) and, when the jurisdiction's actor
//   is in the graph, (Indicator)-[:OF]->(Actor); rows as for indicator_load), and the
//   typed actor relationships. $keys lists the (type, head, tail) keys this document's evidence supports, each
//   with this document's aggregates (weight, fact_weight, first/last year, years, source, confidence), which
//   are added to the relationship's: the document is never already counted (a previous version is removed
//   first), so the sums are exact and the cost does not grow with the evidence other documents gave the key.
// example: {"doc": {"id": "d_example", "source": "example.txt", "title": "示例", "year": 2018, "status": "complete"}, "actors": [{"id": "a_ex1", "name": "甲大学", "type": "University", "subtype": null, "level": null, "region": null, "region_path": [], "region_source": null, "surfaces": ["甲大学"], "count": 1, "implicit": false, "merges": []}, {"id": "a_ex2", "name": "乙研究院", "type": "ResearchInstitute", "subtype": null, "level": null, "region": null, "region_path": ["甲省", "乙市"], "region_source": "name", "surfaces": ["乙研究院"], "count": 1, "implicit": false, "merges": []}], "evidence": [{"id": "e_ex", "doc_id": "d_example", "key": "CO_BUILDS|a_ex1|a_ex2", "rel_type": "CO_BUILDS", "head": "a_ex1", "tail": "a_ex2", "text": "甲大学共建乙研究院", "start": 0, "end": 9, "year": 2018, "modality": "fact", "rule": "example", "confidence": 1.0, "source": "text"}], "indicators": [{"actor_ids": ["a_ex2"], "props": {"id": "i_ex", "doc_id": "d_example", "jurisdiction": "乙市", "name": "新增高新技术企业", "value": 34.0, "unit": "家", "year": 2018, "kind": "actual"}}], "keys": [{"key": "CO_BUILDS|a_ex1|a_ex2", "type": "CO_BUILDS", "head": "a_ex1", "tail": "a_ex2", "weight": 1, "fact_weight": 1, "first_year": 2018, "last_year": 2018, "years": [2018], "source": "text", "confidence": 1.0}]}
MERGE (d:Document {id: $doc.id})
SET d += $doc
WITH count(*) AS step_document
UNWIND $actors AS a
MERGE (n:Actor {id: a.id})
ON CREATE SET n.name = a.name, n.type = a.type
SET n.subtype = coalesce(a.subtype, n.subtype), n.level = coalesce(a.level, n.level),
    n.region = coalesce(n.region, a.region),
    n.region_source = CASE WHEN size(coalesce(n.region_path, [])) = 0 THEN a.region_source ELSE n.region_source END,
    n.region_path = CASE WHEN size(coalesce(n.region_path, [])) = 0 THEN a.region_path ELSE n.region_path END
FOREACH (x IN CASE WHEN a.type = 'City' THEN [1] ELSE [] END | SET n:City)
FOREACH (x IN CASE WHEN a.type = 'District' THEN [1] ELSE [] END | SET n:District)
FOREACH (x IN CASE WHEN a.type = 'Enterprise' THEN [1] ELSE [] END | SET n:Enterprise)
FOREACH (x IN CASE WHEN a.type = 'University' THEN [1] ELSE [] END | SET n:University)
FOREACH (x IN CASE WHEN a.type = 'ResearchInstitute' THEN [1] ELSE [] END | SET n:ResearchInstitute)
FOREACH (x IN CASE WHEN a.type = 'Platform' THEN [1] ELSE [] END | SET n:Platform)
FOREACH (x IN CASE WHEN a.type = 'Policy' THEN [1] ELSE [] END | SET n:Policy)
FOREACH (x IN CASE WHEN a.type = 'Programme' THEN [1] ELSE [] END | SET n:Programme)
FOREACH (x IN CASE WHEN a.type = 'GovernmentAgency' THEN [1] ELSE [] END | SET n:GovernmentAgency)
WITH n, a
MATCH (d:Document {id: $doc.id})
MERGE (d)-[m:MENTIONS]->(n)
SET m.count = a.count, m.surfaces = a.surfaces, m.implicit = a.implicit, m.merges = a.merges
WITH n, reduce(acc = coalesce(n.aliases, []), f IN a.surfaces |
       CASE WHEN f IN acc OR f = a.name THEN acc ELSE acc + [f] END) AS aliases, coalesce(n.name, a.name) AS name
SET n.aliases = aliases, n.search = toLower(reduce(k = name, f IN aliases | k + '|' + f))
WITH count(*) AS step_actors
MATCH (d:Document {id: $doc.id})
UNWIND $evidence AS e
CREATE (x:Evidence)
SET x += e
CREATE (d)-[:HAS_EVIDENCE]->(x)
WITH count(*) AS step_evidence
MATCH (d:Document {id: $doc.id})
OPTIONAL MATCH (d)-[:STATES]->(old:Indicator)
WITH d, collect(old) AS olds
FOREACH (o IN olds | DETACH DELETE o)
WITH d
UNWIND $indicators AS i
CREATE (x:Indicator)
SET x += i.props
CREATE (d)-[:STATES]->(x)
WITH x, i
UNWIND CASE WHEN size(i.actor_ids) = 0 THEN [null] ELSE i.actor_ids END AS aid
OPTIONAL MATCH (a:Actor {id: aid})
WITH x, collect(a) AS found
FOREACH (y IN found[0..1] | MERGE (x)-[:OF]->(y))
WITH count(*) AS step_indicators
UNWIND $keys AS k
MATCH (h:Actor {id: k.head}), (t:Actor {id: k.tail})
FOREACH (x IN CASE WHEN k.type = 'CO_BUILDS' THEN [1] ELSE [] END | MERGE (h)-[:CO_BUILDS {key: k.key}]->(t))
FOREACH (x IN CASE WHEN k.type = 'LOCATED_IN' THEN [1] ELSE [] END | MERGE (h)-[:LOCATED_IN {key: k.key}]->(t))
FOREACH (x IN CASE WHEN k.type = 'FUNDED_BY' THEN [1] ELSE [] END | MERGE (h)-[:FUNDED_BY {key: k.key}]->(t))
FOREACH (x IN CASE WHEN k.type = 'COOPERATES_WITH' THEN [1] ELSE [] END | MERGE (h)-[:COOPERATES_WITH {key: k.key}]->(t))
FOREACH (x IN CASE WHEN k.type = 'INTRODUCES' THEN [1] ELSE [] END | MERGE (h)-[:INTRODUCES {key: k.key}]->(t))
FOREACH (x IN CASE WHEN k.type = 'ISSUED_BY' THEN [1] ELSE [] END | MERGE (h)-[:ISSUED_BY {key: k.key}]->(t))
FOREACH (x IN CASE WHEN k.type = 'PART_OF' THEN [1] ELSE [] END | MERGE (h)-[:PART_OF {key: k.key}]->(t))
FOREACH (x IN CASE WHEN k.type = 'MEMBER_OF' THEN [1] ELSE [] END | MERGE (h)-[:MEMBER_OF {key: k.key}]->(t))
WITH k, h, t
MATCH (h)-[r {key: k.key}]->(t)
WITH r, k, coalesce(r.weight, 0) AS w0, coalesce(r.fact_weight, 0) AS fw0, coalesce(r.years, []) AS ys0,
     r.first_year AS fy0, r.last_year AS ly0, r.source AS src0, r.confidence AS conf0
SET r.weight = w0 + k.weight, r.fact_weight = fw0 + k.fact_weight, r.plan_weight = w0 + k.weight - fw0 - k.fact_weight,
    r.first_year = CASE WHEN fy0 IS NULL OR (k.first_year IS NOT NULL AND k.first_year < fy0) THEN k.first_year ELSE fy0 END,
    r.last_year = CASE WHEN ly0 IS NULL OR (k.last_year IS NOT NULL AND k.last_year > ly0) THEN k.last_year ELSE ly0 END,
    r.years = ys0 + [y IN k.years WHERE NOT y IN ys0],
    r.modality = CASE WHEN fw0 + k.fact_weight > 0 THEN 'fact' ELSE 'plan' END,
    r.source = CASE WHEN src0 = 'text' OR k.source = 'text' THEN 'text' ELSE 'gazetteer' END,
    r.confidence = CASE WHEN conf0 IS NULL OR (k.confidence IS NOT NULL AND k.confidence > conf0) THEN k.confidence ELSE conf0 END
RETURN count(*) AS relationships
