// name: actor_alias_links
// mode: read
// params: types
// columns: name, type, aliases
// description: every actor of the given types that has aliases (the resolver's map of short to full names,
//   read once per ingest run instead of one scan per short name)
// example: {"types": ["Enterprise", "University", "ResearchInstitute"]}
MATCH (a:Actor)
WHERE a.type IN $types AND size(coalesce(a.aliases, [])) > 0
RETURN a.name AS name, a.type AS type, a.aliases AS aliases
