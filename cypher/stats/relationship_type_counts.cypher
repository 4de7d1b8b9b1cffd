// name: relationship_type_counts
// mode: read
// params: none
// columns: type, count
// description: number of relationships per type
MATCH ()-[r]->()
RETURN type(r) AS type, count(*) AS count
ORDER BY type
