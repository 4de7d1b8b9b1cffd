// name: dump_nodes
// mode: read
// params: skip, limit
// columns: key, labels, props
// description: every node with its labels and properties, by page (for db dump and graph comparisons).
//   key is the node's id property (every node of the schema has one).
// example: {"skip": 0, "limit": 1000}
MATCH (n)
RETURN n.id AS key, labels(n) AS labels, properties(n) AS props
ORDER BY key
SKIP $skip
LIMIT $limit
