// name: actors_by_surface
// mode: read
// params: surfaces
// columns: id, name, type, aliases
// description: actors whose canonical name or one of whose aliases is among the given surface forms
// example: {"surfaces": ["甲大学", "甲大"]}
MATCH (a:Actor)
WHERE a.name IN $surfaces OR any(s IN a.aliases WHERE s IN $surfaces)
RETURN a.id AS id, a.name AS name, a.type AS type, a.aliases AS aliases
