// name: api_document_actors
// mode: read
// params: id
// columns: id, name, type, region, mentions, implicit, surfaces
// description: the actors a document mentions, most mentioned first, with the surface forms seen in it
// example: {"id": "d_example"}
MATCH (d:Document {id: $id})-[m:MENTIONS]->(a:Actor)
RETURN a.id AS id, a.name AS name, a.type AS type, a.region AS region, coalesce(m.count, 0) AS mentions,
       coalesce(m.implicit, false) AS implicit, coalesce(m.surfaces, []) AS surfaces
ORDER BY mentions DESC, name, id
