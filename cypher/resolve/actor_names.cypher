// name: actor_names
// mode: read
// params: types
// columns: name, type
// description: the canonical names of every actor of the given types (the resolver's list of known full
//   names for short forms written in later documents; read once per ingest run)
// example: {"types": ["Enterprise", "ResearchInstitute", "Platform"]}
MATCH (a:Actor)
WHERE a.type IN $types
RETURN a.name AS name, a.type AS type
