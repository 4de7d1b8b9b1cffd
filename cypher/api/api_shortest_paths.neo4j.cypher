// name: api_shortest_paths
// mode: read
// params: source, target, max_hops, limit
// columns: hops, nodes, relationships
// description: the shortest connections (at most max_hops relationships, ignoring direction) between two
//   actors over actor-to-actor relationships; Neo4j variant using allShortestPaths
// example: {"source": "a_ex1", "target": "a_ex2", "max_hops": 3, "limit": 10}
MATCH (s:Actor {id: $source}), (t:Actor {id: $target})
MATCH path = allShortestPaths((s)-[:CO_BUILDS|LOCATED_IN|FUNDED_BY|COOPERATES_WITH|INTRODUCES|ISSUED_BY|PART_OF|MEMBER_OF*..6]-(t))
WITH path
WHERE length(path) <= $max_hops
WITH path
LIMIT $limit
RETURN length(path) AS hops,
       [n IN nodes(path) | {id: n.id, name: n.name, type: n.type}] AS nodes,
       [r IN relationships(path) | {type: type(r), start: startNode(r).id, end: endNode(r).id,
         weight: coalesce(r.weight, 0), modality: r.modality, first_year: r.first_year, last_year: r.last_year}] AS relationships
