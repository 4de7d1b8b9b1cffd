// name: api_actor_documents
// mode: read
// params: id, limit
// columns: id, title, date, year, region, mentions, implicit, surfaces, merges
// description: the documents mentioning an actor, newest first, with the number of mentions in each, the
//   surface forms each used and the resolution decisions (merges) that joined them to this actor
// example: {"id": "a_ex1", "limit": 100}
MATCH (d:Document)-[m:MENTIONS]->(a:Actor {id: $id})
RETURN d.id AS id, d.title AS title, d.date AS date, d.year AS year, d.region AS region,
       coalesce(m.count, 0) AS mentions, coalesce(m.implicit, false) AS implicit,
       coalesce(m.surfaces, []) AS surfaces, coalesce(m.merges, []) AS merges
ORDER BY date DESC, id
LIMIT $limit
