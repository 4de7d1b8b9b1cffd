// name: api_actor_search_count
// mode: read
// params: q?, fold?, types?, region?, year?
// columns: total
// description: number of actors api_actor_search finds with the same filters (q, fold, types, region, year)
// example: {"q": "大学", "fold": false, "types": ["University"], "region": null, "year": 2018}
MATCH (a:Actor)
WHERE ($q IS NULL OR coalesce(a.search, toLower(a.name)) CONTAINS $q
       OR (NOT coalesce($fold, false) AND any(s IN coalesce(a.aliases, []) WHERE s CONTAINS $q) AND a.search IS NULL))
  AND ($types IS NULL OR a.type IN $types)
  AND ($region IS NULL OR $region IN coalesce(a.region_path, []))
  AND ($year IS NULL OR (a)<-[:MENTIONS]-(:Document {year: $year}))
RETURN count(a) AS total
