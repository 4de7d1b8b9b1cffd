// name: export_node_curation
// mode: read
// params: none
// columns: id, entries, curation_only
// description: the actors curation touched, for the marks of exported nodes: the `curation #N (1.00): …`
//   entries of their MENTIONS' resolution decisions (what GET /actors/{id} lists as its curation), and
//   whether their only document is the curation document (an actor that exists only by an added relation)
MATCH (d:Document)-[m:MENTIONS]->(a:Actor)
WITH a, collect(d.id) AS docs, collect(coalesce(m.merges, [])) AS merges
WITH a, docs, reduce(acc = [], ms IN merges | acc + [x IN ms WHERE x STARTS WITH 'curation #']) AS entries
WITH a, entries, all(x IN docs WHERE x = 'd_curation') AS curation_only
WHERE size(entries) > 0 OR curation_only
RETURN a.id AS id, entries, curation_only
ORDER BY id
