// name: api_actor_search_index
// mode: read
// params: none
// columns: id, name, lname, aliases, laliases, key, keyed, type, region_path
// description: every actor with what api_actor_search matches and ranks on (the search key, the name and
//   aliases as stored and lower-cased by the store), its type and region path: the rows of the in-process
//   search index (graph/search.py), read once per graph version
MATCH (a:Actor)
RETURN a.id AS id, a.name AS name, toLower(a.name) AS lname, coalesce(a.aliases, []) AS aliases,
       [s IN coalesce(a.aliases, []) | toLower(s)] AS laliases, coalesce(a.search, toLower(a.name)) AS key,
       a.search IS NOT NULL AS keyed, a.type AS type, coalesce(a.region_path, []) AS region_path
