// name: projection_nodes
// mode: read
// params: none
// columns: id, name, type, region, region_path, subtype
// description: every actor, as rows for the networkx projection
MATCH (a:Actor)
RETURN a.id AS id, a.name AS name, a.type AS type, a.region AS region, coalesce(a.region_path, []) AS region_path,
       a.subtype AS subtype
