// name: export_edge_curation
// mode: read
// params: none
// columns: source, target, type, rules
// description: the relationships people added, for the marks of exported edges: those with evidence of
//   the curation document, with the rules of that evidence (`curation #N`, N the decision's number)
MATCH (a:Actor)-[r]->(b:Actor)
MATCH (x:Evidence {key: r.key})
WHERE x.doc_id = 'd_curation'
RETURN a.id AS source, b.id AS target, type(r) AS type, collect(DISTINCT x.rule) AS rules
ORDER BY source, target, type
