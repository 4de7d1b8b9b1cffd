// name: export_node_details
// mode: read
// params: none
// columns: id, level, region_path
// description: every actor's administrative level and containing places, for the attributes of exported nodes
MATCH (a:Actor)
RETURN a.id AS id, a.level AS level, coalesce(a.region_path, []) AS region_path
