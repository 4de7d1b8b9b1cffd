// name: api_actor_search_count
// mode: read
// params: q?, types?, region?, year?
// columns: total
// description: number of actors api_actor_search finds with the same filters
// example: {"q": "大学", "types": ["University"], "region": null, "year": 2018}
MATCH (a:Actor)
WHERE ($q IS NULL OR any(s IN coalesce(a.aliases, []) + [a.name] WHERE toLower(s) CONTAINS toLower($q)))
  AND ($types IS NULL OR a.type IN $types)
  AND ($region IS NULL OR a.region = $region)
  AND ($year IS NULL OR (a)<-[:MENTIONS]-(:Document {year: $year}))
RETURN count(a) AS total
