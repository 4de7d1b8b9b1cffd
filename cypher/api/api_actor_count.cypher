// name: api_actor_count
// mode: read
// params: none
// columns: actors
// description: the number of actors (a count the store keeps: no scan); part of the search index's version
MATCH (a:Actor)
RETURN count(a) AS actors
