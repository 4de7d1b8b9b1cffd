// name: api_document_relations
// mode: read
// params: id
// columns: rel_type, head, head_name, head_type, tail, tail_name, tail_type, sentences, modality, evidence
// description: the relationships a document supports, each with its evidence sentences from this document
//   (modality is fact when at least one of them states a fact)
// example: {"id": "d_example"}
MATCH (d:Document {id: $id})-[:HAS_EVIDENCE]->(e:Evidence)
WITH e
ORDER BY e.start
WITH e.key AS key, e.rel_type AS rel_type, e.head AS head, e.tail AS tail,
     collect({text: e.text, start: e.start, end: e.end, year: e.year, modality: e.modality, rule: e.rule,
              confidence: e.confidence, source: e.source}) AS evidence,
     sum(CASE WHEN e.modality = 'fact' THEN 1 ELSE 0 END) AS facts
OPTIONAL MATCH (h:Actor {id: head})
OPTIONAL MATCH (t:Actor {id: tail})
RETURN rel_type, head, h.name AS head_name, h.type AS head_type, tail, t.name AS tail_name, t.type AS tail_type, size(evidence) AS sentences,
       CASE WHEN facts > 0 THEN 'fact' ELSE 'plan' END AS modality, evidence
ORDER BY rel_type, head_name, tail_name
