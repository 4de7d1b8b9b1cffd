// name: curation_documents
// mode: read
// params: names
// columns: id, source, path, format, encoding, text
// description: the documents that mention an actor named (or aliased) in $names, with what is needed to
//   extract them again from their stored text when a curation decision about those actors is recorded
// example: {"names": ["甲大学"]}
MATCH (d:Document)-[m:MENTIONS]->(a:Actor)
WHERE d.id <> 'd_curation' AND (a.name IN $names OR any(s IN coalesce(m.surfaces, []) WHERE s IN $names))
RETURN DISTINCT d.id AS id, d.source AS source, d.path AS path, d.format AS format, d.encoding AS encoding,
       d.text AS text
ORDER BY id
