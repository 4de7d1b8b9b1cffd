// name: total_counts
// mode: read
// params: none
// columns: nodes, relationships
// description: all nodes and all relationships in the graph, bookkeeping included
OPTIONAL MATCH (n)
WITH count(n) AS nodes
OPTIONAL MATCH ()-[r]->()
RETURN nodes, count(r) AS relationships
