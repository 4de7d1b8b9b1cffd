// name: projection_nodes
// mode: read
// params: none
// columns: id, name, type, region, subtype
// description: every actor, as rows for the networkx projection
MATCH (a:Actor)
RETURN a.id AS id, a.name AS name, a.type AS type, a.region AS region, a.subtype AS subtype
