// name: api_actor_search_years
// mode: read
// params: none
// columns: id, years
// description: the years of the documents mentioning each actor (the search index's year filter, read once
//   per graph version and only when a search filters by year)
MATCH (d:Document)-[:MENTIONS]->(a:Actor)
WHERE d.year IS NOT NULL
RETURN a.id AS id, collect(DISTINCT d.year) AS years
