// name: api_actor_search
// mode: read
// params: q?, fold?, types?, region?, year?, skip, limit
// columns: id, name, type, subtype, level, region, aliases, documents
// description: actors whose name or an alias contains q (q in lower case: the match uses the actor's
//   lower-cased search key name|alias|...; fold is kept for graphs loaded before that key existed), filtered by types, region (the actor within it: its region_path holds it) and the
//   year of a document mentioning them; exact name, then exact alias, then name prefix, then any other
//   match, each by name then id; one page (skip, limit). The API answers from graph/search.py's index,
//   which gives the same page; this scan is its reference and the answer while the index is built
// example: {"q": "大学", "fold": false, "types": ["University"], "region": null, "year": 2018, "skip": 0, "limit": 20}
MATCH (a:Actor)
WHERE ($q IS NULL OR coalesce(a.search, toLower(a.name)) CONTAINS $q
       OR (NOT coalesce($fold, false) AND any(s IN coalesce(a.aliases, []) WHERE s CONTAINS $q) AND a.search IS NULL))
  AND ($types IS NULL OR a.type IN $types)
  AND ($region IS NULL OR $region IN coalesce(a.region_path, []))
  AND ($year IS NULL OR (a)<-[:MENTIONS]-(:Document {year: $year}))
WITH a,
     CASE WHEN coalesce($fold, false) THEN toLower(a.name) ELSE a.name END AS folded
WITH a, CASE WHEN $q IS NULL THEN 3 WHEN folded = $q THEN 0
              WHEN any(s IN coalesce(a.aliases, []) WHERE CASE WHEN coalesce($fold, false) THEN toLower(s) ELSE s END = $q)
              THEN 1
              WHEN folded STARTS WITH $q THEN 2 ELSE 3 END AS rank
ORDER BY rank, a.name, a.id
SKIP $skip
LIMIT $limit
RETURN a.id AS id, a.name AS name, a.type AS type, a.subtype AS subtype, a.level AS level, a.region AS region,
       coalesce(a.aliases, []) AS aliases, size([(d:Document)-[:MENTIONS]->(a) | d]) AS documents
