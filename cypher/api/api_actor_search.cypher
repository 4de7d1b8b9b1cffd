// name: api_actor_search
// mode: read
// params: q?, fold?, types?, region?, year?, skip, limit
// columns: id, name, type, subtype, level, region, aliases, documents
// description: actors whose name or an alias contains q (with fold true: q is lower case and the match
//   ignores case; the API sets it when q has cased letters), filtered by types, region and the
//   year of a document mentioning them; exact and prefix matches first, then by name; one page (skip, limit)
// example: {"q": "大学", "fold": false, "types": ["University"], "region": null, "year": 2018, "skip": 0, "limit": 20}
MATCH (a:Actor)
WHERE ($q IS NULL OR a.name CONTAINS $q OR any(s IN coalesce(a.aliases, []) WHERE s CONTAINS $q)
       OR (coalesce($fold, false)
           AND (toLower(a.name) CONTAINS $q OR any(s IN coalesce(a.aliases, []) WHERE toLower(s) CONTAINS $q))))
  AND ($types IS NULL OR a.type IN $types)
  AND ($region IS NULL OR a.region = $region)
  AND ($year IS NULL OR (a)<-[:MENTIONS]-(:Document {year: $year}))
WITH a,
     CASE WHEN coalesce($fold, false) THEN toLower(a.name) ELSE a.name END AS folded
WITH a, CASE WHEN $q IS NULL THEN 2 WHEN folded = $q THEN 0 WHEN folded STARTS WITH $q THEN 1 ELSE 2 END AS rank
ORDER BY rank, a.name, a.id
SKIP $skip
LIMIT $limit
RETURN a.id AS id, a.name AS name, a.type AS type, a.subtype AS subtype, a.level AS level, a.region AS region,
       coalesce(a.aliases, []) AS aliases, size([(d:Document)-[:MENTIONS]->(a) | d]) AS documents
