// name: api_actor_search_page
// mode: read
// params: ids
// columns: id, name, type, subtype, level, region, aliases, documents
// description: one page of search results by actor id, in the order of $ids (the index found and ranked them)
// example: {"ids": ["a_ex1", "a_ex2"]}
UNWIND range(0, size($ids) - 1) AS i
MATCH (a:Actor {id: $ids[i]})
WITH i, a
ORDER BY i
RETURN a.id AS id, a.name AS name, a.type AS type, a.subtype AS subtype, a.level AS level, a.region AS region,
       coalesce(a.aliases, []) AS aliases, size([(d:Document)-[:MENTIONS]->(a) | d]) AS documents
