// name: index_actor_name
// mode: schema
// params: none
// columns: none
// description: index on Actor.name (FalkorDB refuses duplicates; the store treats that as done)
CREATE INDEX FOR (n:Actor) ON (n.name)
