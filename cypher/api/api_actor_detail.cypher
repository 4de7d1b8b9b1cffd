// name: api_actor_detail
// mode: read
// params: id
// columns: id, name, type, subtype, level, region, aliases, labels
// description: one actor's properties (no row when there is no actor with this id)
// example: {"id": "a_ex1"}
MATCH (a:Actor {id: $id})
RETURN a.id AS id, a.name AS name, a.type AS type, a.subtype AS subtype, a.level AS level, a.region AS region,
       coalesce(a.aliases, []) AS aliases, labels(a) AS labels
