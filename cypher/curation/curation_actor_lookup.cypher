// name: curation_actor_lookup
// mode: read
// params: q
// columns: id, name, type, region_path
// description: the actors a curation command's argument may name: its id, its canonical name, or one of
//   its aliases (several rows mean the name is ambiguous)
// example: {"q": "甲大学"}
MATCH (a:Actor)
WHERE a.id = $q OR a.name = $q OR $q IN coalesce(a.aliases, [])
RETURN a.id AS id, a.name AS name, a.type AS type, coalesce(a.region_path, []) AS region_path
ORDER BY CASE WHEN a.id = $q OR a.name = $q THEN 0 ELSE 1 END, name, type
