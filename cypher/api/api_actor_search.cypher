// name: api_actor_search
// mode: read
// params: q?, types?, region?, year?, skip, limit
// columns: id, name, type, subtype, level, region, aliases, documents
// description: actors whose name or an alias contains q (case-insensitive), filtered by types, region and the
//   year of a document mentioning them; exact and prefix matches first, then by name; one page (skip, limit)
// example: {"q": "大学", "types": ["University"], "region": null, "year": 2018, "skip": 0, "limit": 20}
MATCH (a:Actor)
WHERE ($q IS NULL OR any(s IN coalesce(a.aliases, []) + [a.name] WHERE toLower(s) CONTAINS toLower($q)))
  AND ($types IS NULL OR a.type IN $types)
  AND ($region IS NULL OR a.region = $region)
  AND ($year IS NULL OR (a)<-[:MENTIONS]-(:Document {year: $year}))
WITH a,
     CASE WHEN $q IS NULL THEN 2 WHEN a.name = $q THEN 0 WHEN a.name STARTS WITH $q THEN 1 ELSE 2 END AS rank
ORDER BY rank, a.name, a.id
SKIP $skip
LIMIT $limit
RETURN a.id AS id, a.name AS name, a.type AS type, a.subtype AS subtype, a.level AS level, a.region AS region,
       coalesce(a.aliases, []) AS aliases, size([(d:Document)-[:MENTIONS]->(a) | d]) AS documents
