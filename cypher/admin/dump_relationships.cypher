// name: dump_relationships
// mode: read
// params: skip, limit
// columns: start, end, type, props
// description: every relationship with its endpoints' ids and its properties, by page (db dump, comparisons)
// example: {"skip": 0, "limit": 1000}
MATCH (a)-[r]->(b)
RETURN a.id AS start, b.id AS end, type(r) AS type, properties(r) AS props
ORDER BY start, end, type
SKIP $skip
LIMIT $limit
